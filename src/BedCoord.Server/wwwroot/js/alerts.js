import { h, replaceChildren } from './dom.js';
import { time, dateTime } from './format.js';
import { levelBadge } from './level-badge.js';

const MAX = 100;

/**
 * The alert feed. The same alert arrives once per subscribed scope whose subtree holds it
 * (region, sector, département...), hence the de-duplication by id.
 */
export function createAlertFeed(list) {
  const byId = new Map();

  function render() {
    const items = [...byId.values()].sort((a, b) => Date.parse(b.at) - Date.parse(a.at)).slice(0, MAX);
    if (!items.length) {
      replaceChildren(list, h('li', { class: 'alert-empty' }, 'Aucune alerte'));
      return;
    }
    const today = new Date().toDateString();
    replaceChildren(list, items.map((a) => {
      const up = (a.to ?? 0) > (a.from ?? 0);
      const when = new Date(a.at).toDateString() === today ? time(a.at) : dateTime(a.at);
      // A crisis cell's overdue measure (hub "crisis" message): no level change, its text says what is late.
      if (a.overdue) return h('li', { class: 'alert overdue', 'data-testid': 'overdue-alert' }, h('div', { class: 'alert-head' }, h('time', { datetime: a.at }, when), h('span', { class: 'alert-name' }, a.name)), h('div', { class: 'alert-cause' }, a.cause));
      return h('li', { class: ['alert', up ? 'up' : 'down'], 'data-level': a.to, 'data-testid': `alert-${a.id}` },
        h('div', { class: 'alert-head' },
          h('time', { datetime: a.at }, when),
          h('span', { class: 'alert-name' }, a.name ?? `${a.scope} ${a.scopeId}`)),
        h('div', { class: 'alert-levels' }, levelBadge(a.from, { small: true }), h('span', { class: 'arrow' }, up ? ' ▲ ' : ' ▼ '), levelBadge(a.to, { small: true })),
        a.cause ? h('div', { class: 'alert-cause' }, a.cause) : null);
    }));
    while (byId.size > MAX * 2) byId.delete(byId.keys().next().value);
  }

  return {
    add(alert) {
      if (!alert?.id && alert?.id !== 0) return;
      byId.set(String(alert.id), alert);
      render();
    },
    addMany(alerts) {
      for (const a of alerts ?? []) if (a?.id !== undefined) byId.set(String(a.id), a);
      render();
    },
    /** A replay moved to another instant: forget what the feed held. */
    reset() {
      byId.clear();
      render();
    },
    render,
  };
}
