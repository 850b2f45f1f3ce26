// The board's trend charts: the current scope's, and those of the units opened from their rows on an
// establishment page. Charts outlive the board's re-renders; they follow the scope shown and the replay.
import { h, replaceChildren } from './dom.js';
import { scopePath } from './api.js';
import { createTrendChart } from './trend-chart.js';

export function createBoardTrends({ onChange }) {
  const scopeSlot = h('div', { class: 'trend-slot' });
  const unitSlot = h('div', { class: 'unit-trends' });
  const units = new Map(); // unit id -> its open chart
  let chart = null, range = '24h', finess = null, replayAt = null;

  function closeUnits() {
    for (const c of units.values()) c.destroy();
    units.clear();
    replaceChildren(unitSlot);
  }

  return {
    scopeSlot,
    unitSlot,

    /** A new scope or replayed instant: a new chart, in the range the user last chose. */
    show(kind, id, summary, at) {
      chart?.destroy();
      closeUnits();
      replayAt = at;
      finess = kind === 'establishment' ? id : null;
      const path = scopePath(kind, id);
      chart = createTrendChart({ base: path, thresholdsBase: path, summary, replayAt, rangeKey: range, onRange: (key) => { range = key; } });
      replaceChildren(scopeSlot, chart.el);
    },

    /** The current scope's summary, pushed (live) or read; its units' figures go to their open charts. */
    update(summary, pushed) {
      pushed ? chart?.live(summary) : chart?.know(summary);
      for (const u of summary.children ?? []) {
        const c = units.get(u.id);
        if (c) pushed ? c.live(u) : c.know(u);
      }
    },

    /** What the units' table needs: whether a unit's chart is open, its element id, and the toggle. */
    unitControl: {
      isOpen: (id) => units.has(id),
      idOf: (id) => units.get(id)?.el.id ?? null,
      toggle(unit) {
        const open = units.get(unit.id);
        if (open) {
          open.destroy();
          open.el.remove();
          units.delete(unit.id);
        } else if (finess) {
          const establishment = scopePath('establishment', finess);
          const c = createTrendChart({
            base: `${establishment}/units/${encodeURIComponent(unit.id)}`, thresholdsBase: establishment, summary: unit,
            replayAt, rangeKey: range, label: `Tendance — ${unit.name ?? unit.id}`, heading: 'h3', testId: `unit-trend-${unit.id}`,
          });
          units.set(unit.id, c);
          unitSlot.append(c.el);
        }
        onChange();
      },
    },
  };
}
