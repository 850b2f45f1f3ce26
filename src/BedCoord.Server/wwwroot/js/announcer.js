// What a screen reader hears of the live board: one polite summary of the level changes pushed since the last
// one, SETTLE_MS after the first of a burst (a burst is one sentence), then at most every THROTTLE_MS. The figures and the alert feed re-render far more often and are not live
// regions themselves: a burst of changes on a wall board must not turn into a stream of announcements.
import { h } from './dom.js';
import { levelLabel } from './format.js';

export const THROTTLE_MS = 10_000;
const SETTLE_MS = 3_000;
const NAMED = 3;

export function createAnnouncer() {
  const el = h('p', { class: 'visually-hidden', role: 'status', 'data-testid': 'announcer' });
  const pending = new Map(); // scope -> { name, from, to }, the latest change of each scope
  let lastAt = -Infinity;
  let timer = null;

  function flush() {
    timer = null;
    if (!pending.size) return;
    const changes = [...pending.values()];
    pending.clear();
    lastAt = performance.now();
    const named = changes.slice(0, NAMED).map((c) => `${c.name} : ${levelLabel(c.from)} → ${levelLabel(c.to)}`);
    const more = changes.length - named.length;
    el.textContent = changes.length === 1
      ? `Changement de niveau. ${named[0]}.`
      : `${changes.length} changements de niveau. ${named.join(' ; ')}${more > 0 ? ` ; et ${more} autre${more > 1 ? 's' : ''}` : ''}.`;
  }

  return {
    el,
    /** A level-change alert pushed live (the ones read at load are history, not news). */
    levelChange(alert) {
      if (!alert || alert.to === alert.from) return;
      pending.set(`${alert.scope}:${alert.scopeId}`, { name: alert.name ?? `${alert.scope} ${alert.scopeId}`, from: alert.from, to: alert.to });
      if (timer) return;
      timer = setTimeout(flush, Math.max(SETTLE_MS, lastAt + THROTTLE_MS - performance.now()));
    },
  };
}
