// A scope's trend chart (uPlot, vendored in /lib): available beds, occupancy, level, BJML, S-1 / N-1,
// thresholds, outlook; with a text summary and a data table so nothing is told by the drawing alone.
import { h, replaceChildren } from './dom.js';
import { num, pct, levelLabel } from './format.js';
import { LEVEL_LABELS } from './labels.js';
import { RANGES, loadWindow, loadRules, columns, bands, applyLive, pointOf } from './trend-data.js';
import { drawBands, drawLevelStrip } from './trend-draw.js';

// Reserved in CSS too (.trend-canvas): the board does not jump when the chart arrives. A kiosk screen keeps
// its room for the children's table, which is what a regulator reads from across the room.
const height = () => (document.body.classList.contains('kiosk') ? 150 : 240);
const REDRAW_MS = 1_000;      // pushes come up to 4/s under bursts; a wall board redraws at most once a second
const REFETCH_MS = 60_000;    // never reread the history more than once a minute
const RESYNC_MS = 10 * 60_000; // reread now and then: min/max per bucket, comparisons and outlook slide

const paris = (o) => new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', ...o });
const fmtTime = paris({ hour: '2-digit', minute: '2-digit' });
const fmtDayTime = paris({ weekday: 'short', day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit' });
const fmtDayShort = paris({ weekday: 'short', day: '2-digit' });
const fmtDay = paris({ day: '2-digit', month: '2-digit', year: 'numeric' });
const fmtDayMonth = paris({ day: '2-digit', month: '2-digit' });

let uPlotLoading = null;
/** uPlot's script is fetched the first time a chart is shown (the other pages never need it). */
function loadUPlot() {
  uPlotLoading ??= new Promise((resolve, reject) => {
    if (globalThis.uPlot) return resolve(globalThis.uPlot);
    // Relative to this module: under the release's versioned prefix like every other file.
    const script = h('script', { src: new URL('../lib/uPlot.iife.min.js', import.meta.url).href });
    script.onload = () => resolve(globalThis.uPlot);
    script.onerror = () => { uPlotLoading = null; reject(new Error('uPlot.iife.min.js absent : lancez `npm run build` dans ClientApp.')); };
    document.head.append(script);
  });
  return uPlotLoading;
}

const whenFmt = (range) => (ms) => (range.step === '1d' ? fmtDay.format(ms) : range.step === '1h' ? fmtDayTime.format(ms) : fmtTime.format(ms));
let ids = 0;

/**
 * base: the scope's API path (/api/departments/31, or a unit's); thresholdsBase: where its rule set is
 * read; replayAt: the instant replayed (ms), or null for live. Returns { el, live(summary), know(summary),
 * destroy() }: live applies a pushed summary to the last point, know only learns its BJML.
 */
export function createTrendChart({ base, thresholdsBase, summary = null, replayAt = null, rangeKey = '24h', label = 'Tendance', onRange = null, heading = 'h2', testId = 'trend' }) {
  const id = `trend-${++ids}`;
  let range = RANGES.find((r) => r.key === rangeKey) ?? RANGES[0];
  let latest = summary, win = null, rules = null, plot = null, layout = '', seq = 0, destroyed = false;
  let lastFetch = 0, redrawTimer = null, refetchTimer = null, tableOpen = false;

  const canvasBox = h('div', { class: 'trend-canvas', 'aria-hidden': 'true' });
  const summaryEl = h('p', { class: 'trend-summary', 'data-testid': 'trend-summary', 'aria-live': 'off' }, 'Chargement de l’historique…');
  const table = h('div', { class: 'trend-table-wrap', id: `${id}-data`, hidden: true, tabindex: '0', role: 'region', 'aria-label': `${label} : données du graphique` });
  const tableButton = h('button', { type: 'button', class: 'trend-btn', 'aria-expanded': 'false', 'aria-controls': `${id}-data`, 'data-testid': 'trend-table-toggle', onclick: toggleTable }, 'Voir les données');
  const rangeButtons = RANGES.map((r) => h('button', {
    type: 'button', class: 'trend-btn', 'data-range': r.key, 'aria-pressed': String(r === range), onclick: () => setRange(r),
  }, r.label));
  const el = h('section', { class: 'trend', id, 'data-testid': testId, 'data-range': range.key, 'aria-labelledby': `${id}-title` },
    h('div', { class: 'trend-head' },
      h(heading, { id: `${id}-title` }, label),
      h('div', { class: 'trend-ranges', role: 'group', 'aria-label': 'Période du graphique' }, rangeButtons),
      tableButton),
    canvasBox, summaryEl, table);

  const resize = new ResizeObserver(() => {
    if (plot && canvasBox.clientWidth > 0) plot.setSize({ width: canvasBox.clientWidth, height: height() });
    else if (!plot) scheduleDraw(0);
  });
  resize.observe(canvasBox);
  const ticker = replayAt === null ? setInterval(tick, REFETCH_MS) : null;
  load();

  async function load() {
    const mine = ++seq;
    lastFetch = Date.now();
    el.setAttribute('aria-busy', 'true');
    const end = replayAt ?? Date.now();
    // Rule sets have no history: a replay draws no bands rather than today's thresholds over the past.
    const [w, r] = await Promise.all([loadWindow(base, range, end, { replay: replayAt !== null }), rules ?? (replayAt === null ? loadRules(thresholdsBase) : [])]);
    if (mine !== seq || destroyed) return;
    win = w;
    rules = r;
    if (replayAt !== null && win.main && latest) applyLive(win.main, range, replayAt, pointOf(latest), { exact: true });
    el.removeAttribute('aria-busy');
    el.dataset.range = range.key;
    scheduleDraw(0);
  }

  function setRange(r) {
    if (r === range) return;
    range = r;
    for (const b of rangeButtons) b.setAttribute('aria-pressed', String(b.dataset.range === r.key));
    win = null;
    replaceChildren(summaryEl, 'Chargement de l’historique…');
    onRange?.(r.key);
    load();
  }

  /**
   * A summary read by GET. In a replay it is the replayed state, exact to the instant, while the series'
   * last bucket holds the minute's end (or, for the current minute, now): the replayed state wins.
   */
  function know(s) {
    if (destroyed || !s) return;
    latest = s;
    if (replayAt !== null && win?.main) applyLive(win.main, range, replayAt, pointOf(s), { exact: true });
    scheduleDraw(REDRAW_MS);
  }

  /** A pushed summary of this scope: the open bucket follows it; no reread unless a new day starts. */
  function live(s) {
    if (replayAt !== null || destroyed || !s) return;
    latest = s;
    if (!win?.main) return;
    if (!applyLive(win.main, range, Date.now(), pointOf(s))) refetchSoon();
    scheduleDraw(REDRAW_MS);
  }

  function tick() {
    if (!win?.main) return refetchSoon();
    if (Date.now() - lastFetch >= RESYNC_MS) return load();
    if (!applyLive(win.main, range, Date.now(), null)) refetchSoon();
    scheduleDraw(REDRAW_MS);
  }

  function refetchSoon() {
    if (refetchTimer) return;
    refetchTimer = setTimeout(() => { refetchTimer = null; load(); }, Math.max(0, lastFetch + REFETCH_MS - Date.now()));
  }

  function scheduleDraw(delay) {
    if (redrawTimer !== null) return;
    redrawTimer = setTimeout(() => { redrawTimer = null; draw(); }, delay);
  }

  async function draw() {
    if (destroyed || !win) return;
    if (!win.main) { replaceChildren(summaryEl, 'Historique indisponible pour le moment.'); return; }
    const cols = columns(win, range, latest?.bjml);
    const bandList = bands(rules, latest?.bjml);
    describe(cols);
    if (tableOpen) renderTable(cols);
    if (canvasBox.clientWidth === 0) return; // not on screen yet: the resize observer draws when it is
    const uPlot = await loadUPlot().catch((e) => { console.error(e); return null; });
    if (!uPlot || destroyed) return;
    // The whole window on the x axis, even when the history is younger than it: "24 h" means 24 h.
    const end = replayAt ?? Date.now();
    const view = { min: (end - range.span) / 1000, max: Math.max(cols.x.at(-1) ?? 0, end / 1000) };
    const { opts, data, key } = chartSpec(uPlot, cols, range, bandList, view);
    if (plot && key === layout) {
      Object.assign(plot, { bandList, view });
      plot.setData(data);
      return;
    }
    plot?.destroy();
    layout = key;
    plot = new uPlot({ ...opts, width: canvasBox.clientWidth, height: height() }, data, canvasBox);
    Object.assign(plot, { bandList, view });
  }

  /** The chart's text alternative: the window's span and the last point, with the comparisons. */
  function describe(cols) {
    const main = win.main;
    if (!main.length) { replaceChildren(summaryEl, `Pas encore d’historique sur ${range.label}.`); return; }
    const last = main[main.length - 1];
    const values = main.map((p) => p.available).filter((v) => v !== null && v !== undefined);
    const i = main.length - 1;
    const parts = [
      `${range.label} : lits disponibles entre ${num(Math.min(...values))} et ${num(Math.max(...values))}. `,
      replayAt === null ? 'Dernier point (' : 'État relu (', h('time', { datetime: last.at }, whenFmt(range)(last.t)), ') : ',
      h('b', { 'data-testid': 'trend-last-available' }, num(last.available)), ' lits disponibles, ',
      `occupation ${pct(last.occupancyRate)}, niveau ${levelLabel(last.level)}.`,
    ];
    if (cols.week?.[i] !== null && cols.week?.[i] !== undefined) parts.push(` Une semaine plus tôt (S-1) : ${num(cols.week[i])}.`);
    if (cols.year?.[i] !== null && cols.year?.[i] !== undefined) parts.push(` Même semaine ISO de l’an dernier (N-1) : ${num(cols.year[i])}.`);
    if (cols.bjml) parts.push(` BJML : ${num(latest.bjml.value)} lits par jour.`);
    const ahead = win.outlook?.points?.at(-1);
    if (cols.outlook && ahead) {
      parts.push(` Estimation à ${fmtDayTime.format(ahead.t)} : ${num(ahead.available)} lits (entre ${num(ahead.low)} et ${num(ahead.high)})${win.outlook.method ? `, méthode : ${win.outlook.method}` : ''}.`);
    }
    replaceChildren(summaryEl, parts);
  }

  function toggleTable() {
    tableOpen = !tableOpen;
    tableButton.setAttribute('aria-expanded', String(tableOpen));
    tableButton.textContent = tableOpen ? 'Masquer les données' : 'Voir les données';
    table.hidden = !tableOpen;
    if (tableOpen && win?.main) renderTable(columns(win, range, latest?.bjml));
  }

  function renderTable(cols) {
    const main = win.main ?? [];
    const fmt = whenFmt(range);
    const extra = [cols.week && ['week', 'Disponibles S-1'], cols.year && ['year', 'Disponibles N-1']].filter(Boolean);
    const rows = [];
    for (let i = main.length - 1; i >= 0; i--) {
      const p = main[i];
      rows.push(h('tr', {},
        h('th', { scope: 'row' }, h('time', { datetime: p.at }, fmt(p.t))),
        h('td', { class: 'num' }, num(p.available)),
        h('td', { class: 'num' }, p.availableMin === p.availableMax ? '' : `${num(p.availableMin)} – ${num(p.availableMax)}`),
        h('td', { class: 'num' }, pct(p.occupancyRate)),
        h('td', {}, levelLabel(p.level)),
        extra.map(([k]) => h('td', { class: 'num' }, num(cols[k][i])))));
    }
    replaceChildren(table, h('table', { class: 'trend-table', 'data-testid': 'trend-table' },
      h('caption', {}, `${label} — ${range.label}, pas ${range.step === '1m' ? "d'une minute" : range.step === '1h' ? "d'une heure" : "d'un jour"}, le plus récent en premier`),
      h('thead', {}, h('tr', {}, ['Pas', 'Disponibles', 'Min – max', "Taux d'occupation", 'Niveau', ...extra.map(([, t]) => t)].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, rows)));
  }

  function destroy() {
    destroyed = true;
    clearInterval(ticker);
    clearTimeout(redrawTimer);
    clearTimeout(refetchTimer);
    resize.disconnect();
    plot?.destroy();
    plot = null;
  }

  return { el, live, know, destroy };
}

const COLORS = { available: '#5cb8ff', rate: '#d59cff', bjml: '#f4f4f4', week: 'rgba(92,184,255,.6)', year: '#b7c2d0', outlook: '#8fd0ff' };

/** uPlot options and data for the columns present; `key` changes when the set of series does. */
function chartSpec(uPlot, cols, range, bandList, view) {
  const stepped = uPlot.paths.stepped({ align: 1 });
  const fmt = whenFmt(range);
  const series = [{ label: 'Heure', value: (u, v) => (v === null || v === undefined ? '' : fmt(v * 1000)) }];
  const data = [cols.x];
  const present = [];
  const add = (key, col, s) => {
    if (!col) return -1;
    present.push(key);
    series.push(s); // uPlot marks points itself only where they are sparse (a young history)
    data.push(col);
    return series.length - 1;
  };
  const beds = (u, v) => num(v);
  add('available', cols.available, { label: 'Lits disponibles', scale: 'beds', stroke: COLORS.available, width: 2, paths: stepped, value: beds });
  add('rate', cols.occupancyRate, { label: "Taux d'occupation", scale: 'pct', stroke: COLORS.rate, width: 1.5, paths: stepped, value: (u, v) => pct(v) });
  add('bjml', cols.bjml, { label: 'BJML (lits)', scale: 'beds', stroke: COLORS.bjml, width: 1.5, dash: [3, 4], value: beds });
  add('week', cols.week, { label: 'Disponibles S-1', scale: 'beds', stroke: COLORS.week, width: 1, dash: [8, 4], spanGaps: true, value: beds });
  add('year', cols.year, { label: 'Disponibles N-1 (même semaine ISO)', scale: 'beds', stroke: COLORS.year, width: 1, dash: [1, 3], spanGaps: true, value: beds });
  const low = add('low', cols.outlookLow, { label: 'Estimation basse', scale: 'beds', stroke: 'rgba(143,208,255,.35)', width: 1, value: beds });
  const high = add('high', cols.outlookHigh, { label: 'Estimation haute', scale: 'beds', stroke: 'rgba(143,208,255,.35)', width: 1, value: beds });
  add('outlook', cols.outlook, { label: 'Estimation', scale: 'beds', stroke: COLORS.outlook, width: 2, dash: [10, 6], value: beds });
  const level = add('level', cols.level, { label: 'Niveau', scale: 'lvl', stroke: '#eef2f7', paths: () => null, points: { show: false }, value: (u, v) => (v === null || v === undefined ? '—' : LEVEL_LABELS[v] ?? v) });
  const axis = { stroke: '#b7c2d0', grid: { stroke: '#273246', width: 1 }, ticks: { stroke: '#273246', width: 1 }, font: '12px system-ui, sans-serif' };
  const opts = {
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1e3), 'Europe/Paris'),
    cursor: { drag: { x: false, y: false }, points: { show: false } },
    legend: { live: true },
    scales: {
      x: { time: true, range: (u) => { const v = u.view ?? view; return [v.min, v.max]; } },
      beds: { range: (u, min, max) => [Math.min(0, min ?? 0), Math.max(1, (max ?? 1) * 1.08)] },
      pct: { range: (u, min, max) => [0, Math.max(1.05, (max ?? 1) * 1.05)] },
      lvl: { range: [0, 3] },
    },
    axes: [
      { ...axis, values: (u, splits) => splits.map((s) => xLabel(range, s * 1000)) },
      { ...axis, scale: 'beds', size: 56, values: (u, splits) => splits.map((v) => num(v)) },
      { ...axis, scale: 'pct', side: 1, size: 52, grid: { show: false }, values: (u, splits) => splits.map((v) => pct(v)) },
    ],
    series,
    bands: low > 0 && high > 0 ? [{ series: [high, low], fill: 'rgba(143,208,255,.12)' }] : [],
    hooks: {
      drawClear: [(u) => drawBands(u, u.bandList ?? bandList)],
      draw: [(u) => level > 0 && drawLevelStrip(u, level)],
    },
  };
  return { opts, data, key: `${range.key}:${present.join(',')}` };
}

function xLabel(range, ms) {
  if (range.step === '1d') return fmtDayMonth.format(ms);
  if (range.step === '1h') {
    const hm = fmtTime.format(ms);
    return hm === '00:00' ? fmtDayShort.format(ms) : hm;
  }
  return fmtTime.format(ms);
}
