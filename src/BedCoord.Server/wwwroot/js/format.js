import { LEVEL_LABELS, CRITICAL_CARE } from './labels.js';

const intFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });
const decFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });
const timeFormat = new Intl.DateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit' });
const dateTimeFormat = new Intl.DateTimeFormat('fr-FR', { day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit' });

export function num(value) {
  return value === null || value === undefined || Number.isNaN(value) ? '—' : intFormat.format(value);
}

export function km(value) {
  return value === null || value === undefined ? '—' : `${decFormat.format(value)} km`;
}

export function pct(rate) {
  return rate === null || rate === undefined || !Number.isFinite(rate) ? '—' : `${Math.round(rate * 100)}\u202f%`;
}

export function time(iso) {
  const d = iso ? new Date(iso) : null;
  return d && !Number.isNaN(d.getTime()) ? timeFormat.format(d) : '';
}

export function dateTime(iso) {
  const d = iso ? new Date(iso) : null;
  return d && !Number.isNaN(d.getTime()) ? dateTimeFormat.format(d) : '';
}

/** "il y a 14 h": the age people read on the board to judge whether to trust a figure. */
export function age(iso, now = Date.now()) {
  const t = iso ? Date.parse(iso) : NaN;
  if (Number.isNaN(t)) return 'date inconnue';
  const minutes = Math.max(0, Math.floor((now - t) / 60000));
  if (minutes < 1) return "à l'instant";
  if (minutes < 60) return `il y a ${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `il y a ${hours} h`;
  return `il y a ${Math.floor(hours / 24)} j`;
}

export function levelLabel(level) {
  return level === null || level === undefined ? 'Sans données' : LEVEL_LABELS[level] ?? `Niveau ${level}`;
}

/** Effective level of a summary, or null when it carries no beds to judge. */
export function effectiveLevel(summary) {
  if (!summary) return null;
  if (Number.isInteger(summary.level)) return summary.level;
  const computed = summary.computedLevel ?? null;
  const declared = summary.declaredLevel ?? null;
  if (computed === null && declared === null) return null;
  return Math.max(computed ?? 0, declared ?? 0);
}

/** Bed figures with the derived values filled in, whatever the server chose to serialise. */
export function figures(f) {
  if (!f) return null;
  const installed = f.installed ?? 0, closed = f.closed ?? 0, surge = f.surge ?? 0;
  const occupied = f.occupied ?? 0, reserved = f.reserved ?? 0;
  const open = f.open ?? installed - closed + surge;
  const available = f.available ?? open - occupied - reserved;
  const occupancyRate = f.occupancyRate !== undefined ? f.occupancyRate : open > 0 ? occupied / open : null;
  return { installed, closed, surge, open, occupied, reserved, available, expectedDischarges: f.expectedDischarges ?? 0, occupancyRate };
}

function add(a, b) {
  const r = {};
  for (const k of ['installed', 'closed', 'surge', 'open', 'occupied', 'reserved', 'available', 'expectedDischarges']) r[k] = (a[k] ?? 0) + (b[k] ?? 0);
  return r;
}

function sub(a, b) {
  const r = {};
  for (const k of ['installed', 'closed', 'surge', 'open', 'occupied', 'reserved', 'available', 'expectedDischarges']) r[k] = (a[k] ?? 0) - (b[k] ?? 0);
  return r;
}

function withRate(f) {
  return { ...f, occupancyRate: f.open > 0 ? f.occupied / f.open : null };
}

/**
 * Figures of a board column (MCO without critical care, SC, SMR, PSY, HAD); rates are recomputed
 * from the sums, never averaged. Null when the scope has no beds of that kind.
 */
export function boardGroup(summary, key) {
  const groups = summary?.groups ?? {};
  const categories = summary?.categories ?? {};
  const critical = CRITICAL_CARE.map((c) => categories[c]).filter(Boolean).map(figures);
  if (key === 'SC') {
    if (!critical.length) return null;
    return withRate(critical.reduce(add));
  }
  const g = groups[key];
  if (!g) return null;
  if (key !== 'MCO' || !critical.length) return figures(g);
  return withRate(sub(figures(g), critical.reduce(add)));
}

export function freshnessCoverage(freshness) {
  if (!freshness) return null;
  if (freshness.coverage !== undefined) return freshness.coverage;
  return freshness.openBeds > 0 ? freshness.freshOpenBeds / freshness.openBeds : null;
}

/** Stale as the board greys it: a unit flagged stale, or an aggregate whose units are all stale. */
export function isStale(summary) {
  if (!summary) return false;
  if (summary.kind === 'unit') return summary.stale === true;
  const f = summary.freshness;
  return !!f && f.units > 0 && f.staleUnits >= f.units;
}

export function hasStalePart(summary) {
  const f = summary?.freshness;
  return !!f && f.staleUnits > 0;
}
