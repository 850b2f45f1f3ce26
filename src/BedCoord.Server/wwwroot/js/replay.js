// Replay: `?at=<ISO time>` on any board URL shows the grid as it was at that instant, read-only. This
// module holds the banner, the 7-day timeline and the level-change stepper; board.js reads the summaries.
import { h, replaceChildren } from './dom.js';
import { api } from './api.js';
import { levelLabel } from './format.js';

const WINDOW_MS = 7 * 24 * 3600_000;
const SCRUB_STEP_MIN = 15;
const APPLY_AFTER_MS = 400; // a dragged slider settles before the grid is reread

const paris = (o) => new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', ...o });
const fmtLong = paris({ weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
const fmtShort = paris({ weekday: 'short', day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit' });
const wallParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Paris', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
});

/** { at } from the page's address: null without `at`, { error } when it cannot be read. */
export function replayFromSearch(search) {
  const text = new URLSearchParams(search).get('at');
  if (text === null || text === '') return null;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return { at: null, error: `Instant de relecture illisible (« ${text.slice(0, 40)} ») : affichage en direct.` };
  return { at: Math.min(at, Date.now() - 1000) }; // the server replays the past only
}

export const atParam = (ms) => new Date(ms).toISOString();

/** The page's address with `at` set (a number) or removed (null). */
export function hrefWithAt(ms) {
  const url = new URL(location.href);
  if (ms === null) url.searchParams.delete('at');
  else url.searchParams.set('at', atParam(ms));
  return `${url.pathname}${url.search}`;
}

function parisOffset(ms) {
  const p = Object.fromEntries(wallParts.formatToParts(ms).map((x) => [x.type, x.value]));
  return Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second) - Math.floor(ms / 1000) * 1000;
}

/** "2026-12-05T14:30" read as Paris wall time, whatever the browser's zone (a wall screen may be set to UTC). */
function fromParisWall(text) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(text ?? '');
  if (!m) return null;
  const wall = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]);
  return wall - parisOffset(wall - parisOffset(wall));
}

const toParisWall = (ms) => new Date(ms + parisOffset(ms)).toISOString().slice(0, 16);

/**
 * A change's instant in whole milliseconds, rounded up: the server keeps microseconds, and a replay at
 * the truncated millisecond would show the state just before the change it steps to.
 */
function changeTime(text) {
  const t = Date.parse(text);
  const frac = /\.\d{3}(\d+)/.exec(text ?? '');
  return frac && /[1-9]/.test(frac[1]) ? t + 1 : t;
}

/**
 * The replay banner. onChange(ms) is called when the user picks another instant (timeline, date field,
 * level-change buttons); setScope(path) tells it whose level changes to step through.
 */
export function createReplayBar({ at, onChange }) {
  const opened = Date.now();
  const start = opened - WINDOW_MS;
  let current = at, changes = [], scopePath = null, pending = null, seq = 0;

  const when = h('time', {});
  const scrub = h('input', {
    type: 'range', id: 'replay-scrub', min: '0', max: String(WINDOW_MS / 60_000), step: String(SCRUB_STEP_MIN),
    'data-testid': 'replay-scrub',
    oninput: () => { preview(startPlus(scrub.value)); schedule(startPlus(scrub.value)); },
    onchange: () => apply(startPlus(scrub.value)),
  });
  const field = h('input', { type: 'datetime-local', id: 'replay-when', step: '60', 'data-testid': 'replay-when' });
  const go = h('button', { type: 'button', class: 'replay-btn', onclick: () => { const t = fromParisWall(field.value); if (t !== null) apply(Math.min(t, Date.now() - 1000)); } }, 'Voir cet instant');
  const prev = h('button', { type: 'button', class: 'replay-btn', 'data-testid': 'replay-prev', onclick: () => step(-1) }, '◀ Changement de niveau précédent');
  const next = h('button', { type: 'button', class: 'replay-btn', 'data-testid': 'replay-next', onclick: () => step(1) }, 'Changement de niveau suivant ▶');
  const why = h('p', { class: 'replay-why', 'data-testid': 'replay-why', 'aria-live': 'polite' });
  const el = h('section', { class: 'replay-bar', 'data-testid': 'replay-bar', 'aria-labelledby': 'replay-title' },
    h('div', { class: 'replay-top' },
      h('p', { class: 'replay-title', id: 'replay-title', 'data-testid': 'replay-banner' },
        h('strong', {}, 'Relecture'), ' — état au ', when, ' (heure de Paris). Lecture seule : rien de ce qui change en direct ne s’affiche.'),
      h('a', { class: 'replay-live', href: hrefWithAt(null), 'data-testid': 'replay-live' }, 'Revenir au direct')),
    h('div', { class: 'replay-controls' },
      h('label', { for: 'replay-scrub' }, 'Sept derniers jours'), scrub,
      h('label', { for: 'replay-when' }, 'Date et heure'), field, go,
      prev, next),
    why);

  function startPlus(minutes) { return Math.min(start + Number(minutes) * 60_000, Date.now() - 1000); }

  function preview(ms) {
    when.setAttribute('datetime', atParam(ms));
    when.textContent = fmtLong.format(ms);
    scrub.setAttribute('aria-valuetext', fmtShort.format(ms));
  }

  function show(ms) {
    current = ms;
    preview(ms);
    scrub.value = String(Math.round((Math.max(ms, start) - start) / 60_000));
    field.value = toParisWall(ms);
    explain();
  }

  function schedule(ms) {
    clearTimeout(pending);
    pending = setTimeout(() => apply(ms), APPLY_AFTER_MS);
  }

  function apply(ms) {
    clearTimeout(pending);
    if (ms === current) return;
    show(ms);
    onChange(ms);
  }

  function step(direction) {
    const target = direction < 0 ? changes.filter((c) => c.t < current).at(-1) : changes.find((c) => c.t > current);
    if (target) apply(target.t);
    else why.textContent = direction < 0 ? 'Aucun changement de niveau plus ancien sur la période.' : 'Aucun changement de niveau plus récent.';
  }

  /** The level in force at the replayed instant, since when, and why (the cause recorded with the change). */
  function explain() {
    const i = changes.findLastIndex((c) => c.t <= current);
    prev.disabled = !changes.some((c) => c.t < current);
    next.disabled = !changes.some((c) => c.t > current);
    if (!scopePath) return replaceChildren(why, '');
    if (i < 0) return replaceChildren(why, changes.length ? 'Aucun changement de niveau connu avant cet instant sur la période.' : 'Aucun changement de niveau de ce périmètre sur la période.');
    const c = changes[i];
    const before = i > 0 ? changes[i - 1].level : null;
    replaceChildren(why,
      h('span', {}, `${before === null ? 'Niveau ' : `${levelLabel(before)} → `}${levelLabel(c.level)} depuis le ${fmtShort.format(c.t)}`),
      h('span', { class: 'replay-cause' }, ` — pourquoi : ${c.cause || 'cause non enregistrée'}`));
  }

  async function setScope(path) {
    scopePath = path;
    const mine = ++seq;
    changes = [];
    explain();
    const from = Math.min(start, current) - 24 * 3600_000;
    const res = await api(`${path}/levels?from=${encodeURIComponent(atParam(from))}&to=${encodeURIComponent(atParam(Date.now()))}`);
    if (mine !== seq) return;
    changes = res.ok && Array.isArray(res.data) ? res.data.map((c) => ({ ...c, t: changeTime(c.from) })) : [];
    explain();
  }

  show(at);
  return { el, setScope };
}
