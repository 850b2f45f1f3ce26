// What a trend chart shows, as plain arrays: the scope's history, the same window a week and a year
// earlier, the outlook, the thresholds that apply to a charted figure. No drawing here (trend-chart.js).
import { api } from './api.js';
import { figures, effectiveLevel } from './format.js';

const MIN = 60_000, HOUR = 60 * MIN, DAY = 24 * HOUR;

/**
 * The toggle's windows. 24 h at one minute (the 1m tier holds ~35 days, so a week ago is there too; a
 * year ago only the hourly tier is: that comparison is read at 1 h), 7 days at 1 h, 12 weeks at 1 d
 * (1 h would be 2,016 points, past the API's 2,000).
 */
export const RANGES = [
  { key: '24h', label: '24 h', span: DAY, step: '1m', stepMs: MIN, weekStep: '1m', yearStep: '1h' },
  { key: '7j', label: '7 jours', span: 7 * DAY, step: '1h', stepMs: HOUR, weekStep: '1h', yearStep: '1h' },
  { key: '12s', label: '12 semaines', span: 84 * DAY, step: '1d', stepMs: DAY, weekStep: '1d', yearStep: '1d' },
];

export const WEEK_SHIFT = 7 * DAY;
export const YEAR_SHIFT = 364 * DAY; // 52 weeks: the same ISO week and weekday a year earlier

const iso = (ms) => new Date(ms).toISOString();

async function series(base, fromMs, toMs, step) {
  const res = await api(`${base}/history?from=${encodeURIComponent(iso(fromMs))}&to=${encodeURIComponent(iso(toMs))}&step=${step}`);
  return res.ok && Array.isArray(res.data?.points)
    ? res.data.points.map((p) => ({ ...p, t: Date.parse(p.at) }))
    : null;
}

async function outlook(base) {
  const res = await api(`${base}/outlook`);
  if (!res.ok || !Array.isArray(res.data?.points)) return null; // another part of the grid may not offer it yet
  return { method: res.data.method ?? null, points: res.data.points.map((p) => ({ ...p, t: Date.parse(p.at) })) };
}

/** The rule set in force for the scope (units: their establishment's), or [] when it cannot be read. */
export async function loadRules(thresholdsBase) {
  if (!thresholdsBase) return [];
  const res = await api(`${thresholdsBase}/thresholds`);
  return res.ok ? res.data?.effective?.rules ?? [] : [];
}

/**
 * Everything one window needs, read in parallel. `end` is now (live) or the replayed instant; a replay
 * reads no outlook (it is about the future of now, not of the past instant).
 */
export async function loadWindow(base, range, end, { replay }) {
  const from = end - range.span;
  const [main, week, year, ahead] = await Promise.all([
    series(base, from, end, range.step),
    series(base, from - WEEK_SHIFT, end - WEEK_SHIFT, range.weekStep),
    series(base, from - YEAR_SHIFT, end - YEAR_SHIFT, range.yearStep),
    replay ? null : outlook(base),
  ]);
  return { main, week: shifted(week, WEEK_SHIFT), year: shifted(year, YEAR_SHIFT), outlook: ahead };
}

function shifted(points, by) {
  const known = (points ?? []).filter((p) => p.available !== null && p.available !== undefined);
  return known.length ? known.map((p) => ({ t: p.t + by, available: p.available })) : null;
}

/** The live summary as the still-open bucket's point (what the API would answer for it now). */
export function pointOf(summary) {
  const f = figures(summary?.beds);
  if (!f) return null;
  return { available: f.available, occupancyRate: f.occupancyRate, level: effectiveLevel(summary), edWaitingForBed: summary.edWaitingForBed ?? null };
}

/**
 * Applies a pushed summary (or, with `values` null, the passing of time) to the series: the open
 * bucket's figures change in place; once that bucket has closed, the buckets since are the state in
 * force carried forward (1m and 1h buckets are UTC-aligned) and the window slides. Returns false when
 * the series cannot follow by itself (a new day bucket starts at Paris midnight): reread it.
 */
export function applyLive(points, range, now, values, { exact = false } = {}) {
  if (!points.length) return false;
  const last = points[points.length - 1];
  if (now < last.t + range.stepMs) {
    if (values) merge(last, values, exact);
    return true;
  }
  if (range.step === '1d') return false;
  const open = now - (now % range.stepMs);
  for (let t = Math.max(last.t + range.stepMs, open - range.span); t <= open; t += range.stepMs)
    points.push({ ...last, t, at: iso(t), availableMin: last.available, availableMax: last.available });
  if (values) merge(points[points.length - 1], values, exact);
  while (points.length && points[0].t < now - range.span) points.shift();
  return true;
}

/**
 * The open bucket as the API keeps it: figures as now, min/max of available over the bucket, the highest
 * level reached in it. `exact` (a replay) takes the state as it was at the instant, nothing else.
 */
function merge(point, values, exact) {
  if (exact) return Object.assign(point, values, { availableMin: values.available, availableMax: values.available });
  const seen = (a, b, f) => (a === null || a === undefined ? b : b === null || b === undefined ? a : f(a, b));
  Object.assign(point, {
    ...values,
    availableMin: seen(point.availableMin, values.available, Math.min),
    availableMax: seen(point.availableMax, values.available, Math.max),
    level: seen(point.level, values.level, Math.max),
  });
}

/** Value of `other` whose time is within half a step of `t` (day buckets a year apart may sit an hour off). */
function aligner(other, tolerance) {
  let j = 0;
  return (t) => {
    if (!other) return null;
    while (j < other.length && other[j].t < t - tolerance) j++;
    return j < other.length && Math.abs(other[j].t - t) <= tolerance ? other[j].available : null;
  };
}

/**
 * The columns uPlot draws (x in seconds): main figures, comparisons aligned on the main times, the
 * outlook after the last main point. Only the columns that hold something are returned.
 */
export function columns(win, range, bjml) {
  const main = win.main ?? [];
  const ahead = (win.outlook?.points ?? []).filter((p) => !main.length || p.t > main[main.length - 1].t);
  const ts = main.map((p) => p.t).concat(ahead.map((p) => p.t));
  const pad = (arr) => arr.concat(ahead.map(() => null));
  const week = aligner(win.week, range.stepMs / 2);
  const year = aligner(win.year, range.stepMs / 2);
  // BJML is known for the buckets the API gives a coverage for (this week's, where computable).
  const bjmlValue = bjml?.computable && bjml.value > 0 ? bjml.value : null;
  const cols = {
    x: ts.map((t) => t / 1000),
    available: pad(main.map((p) => p.available ?? null)),
    occupancyRate: pad(main.map((p) => p.occupancyRate ?? null)),
    level: pad(main.map((p) => p.level ?? null)),
    bjml: bjmlValue ? pad(main.map((p) => (p.bjmlCoverage !== null && p.bjmlCoverage !== undefined ? bjmlValue : null))) : null,
    week: win.week ? pad(main.map((p) => week(p.t))) : null,
    year: win.year ? pad(main.map((p) => year(p.t))) : null,
    outlook: null, outlookLow: null, outlookHigh: null,
  };
  if (ahead.length) {
    const lead = main.map(() => null);
    // The dashed line starts from the last known point so it reads as a continuation.
    if (main.length) lead[lead.length - 1] = main[main.length - 1].available ?? null;
    cols.outlook = lead.concat(ahead.map((p) => p.available ?? null));
    cols.outlookLow = main.map(() => null).concat(ahead.map((p) => p.low ?? null));
    cols.outlookHigh = main.map(() => null).concat(ahead.map((p) => p.high ?? null));
  }
  if (cols.bjml && cols.bjml.every((v) => v === null)) cols.bjml = null;
  if (cols.week && cols.week.every((v) => v === null)) cols.week = null;
  if (cols.year && cols.year.every((v) => v === null)) cols.year = null;
  return cols;
}

/**
 * Threshold bands on a charted axis: total occupancy rate (%), total available beds, and BJML coverage
 * turned into beds (coverage ≤ t means available post-ED beds ≤ t × BJML). Group or category rules
 * (occupancyRate:MCO…) are about figures this chart does not draw.
 */
export function bands(rules, bjml) {
  const out = [];
  for (const r of rules ?? []) {
    const t = r.thresholds ?? [];
    if (t.length !== 3) continue;
    if (r.indicator === 'occupancyRate') out.push({ scale: 'pct', direction: r.direction, values: t, label: "Taux d'occupation" });
    else if (r.indicator === 'available') out.push({ scale: 'beds', direction: r.direction, values: t, label: 'Lits disponibles' });
    else if (r.indicator === 'bjmlCoverage' && bjml?.computable && bjml.value > 0)
      out.push({ scale: 'beds', direction: r.direction, values: t.map((c) => c * bjml.value), label: 'Couverture BJML' });
  }
  return out;
}
