import { h } from './dom.js';
import { num } from './format.js';
import { field, readNumber } from './problem-view.js';

/** The three kinds of mobilisable beds a unit states, with the name of the delay field of each. */
export const MOBILISABLE_FIELDS = [
  ['reopenable', 'Lits fermés réouvrables', 'au plus les lits fermés'],
  ['surgeWithoutStaff', 'Lits supplémentaires sans renfort RH', 'installables avec le personnel présent'],
  ['surgeWithStaff', 'Lits supplémentaires avec renfort RH', 'installables si du personnel est rappelé'],
];

const DELAYS = [['', 'Délai non précisé'], ['24', 'Sous 24 h'], ['72', 'Sous 72 h']];

/**
 * "+38 lits mobilisables sous 24 h, dont 12 sans renfort RH": what a crisis cell reads first. Beds with a
 * longer or unstated delay follow, so that the total is never hidden. Null when the scope states none.
 */
export function mobilisableText(m) {
  if (!m || !(m.total > 0)) return null;
  const d24 = m.within24h ?? { total: 0, surgeWithoutStaff: 0 };
  const beds = (n) => `${num(n)} lit${n > 1 ? 's' : ''} mobilisable${n > 1 ? 's' : ''}`;
  const head = d24.total > 0
    ? `+${beds(d24.total)} sous 24 h, dont ${num(d24.surgeWithoutStaff)} sans renfort RH`
    : `Aucun lit mobilisable sous 24 h`;
  const later = m.total - d24.total;
  return later > 0 ? `${head} · +${num(later)} au-delà ou sans délai précisé (${num(m.total)} au total)` : head;
}

/** The board's line for a scope: the sentence above, or a muted "none stated". */
export function mobilisableLine(summary) {
  if (!summary?.beds || summary.kind === 'unit') return null;
  const text = mobilisableText(summary.beds.mobilisable);
  return h('p', { class: ['mobilisable-line', !text && 'muted'], 'data-testid': 'scope-mobilisable' },
    h('span', { class: 'contact-title' }, 'Capacité mobilisable : '), text ?? 'aucun lit mobilisable déclaré');
}

/** The delay a unit stated for one kind, read back from its cumulative counts. */
function delayOf(m, name) {
  const count = m?.[name] ?? 0;
  if (!count) return '';
  if (m.within24h?.[name] === count) return '24';
  if (m.within72h?.[name] === count) return '72';
  return '';
}

/** The bed manager's fields: a count and a delay per kind, in a fieldset of its own. */
export function mobilisableFieldset(unit) {
  const m = unit.beds?.mobilisable;
  return h('fieldset', { class: 'mobilisable' },
    h('legend', {}, 'Capacité mobilisable (cellule de crise)'),
    h('div', { class: 'fields' }, MOBILISABLE_FIELDS.flatMap(([name, label, hint]) => [
      field({ name, label, hint, value: m?.[name] ?? 0 }),
      delayField(`${name}WithinHours`, `Délai : ${label.toLowerCase()}`, delayOf(m, name)),
    ])));
}

function delayField(name, label, value) {
  const id = `f-${Math.random().toString(36).slice(2, 9)}-${name}`;
  return h('div', { class: 'field' },
    h('label', { for: id }, label),
    h('select', { id, name }, DELAYS.map(([v, text]) => h('option', { value: v, selected: v === value ? true : null }, text))),
    h('span', { class: 'field-error', 'data-error-for': name, role: 'alert' }));
}

export function fillMobilisable(form, unit) {
  const m = unit.beds?.mobilisable;
  for (const [name] of MOBILISABLE_FIELDS) {
    form.elements[name].value = m?.[name] ?? 0;
    form.elements[`${name}WithinHours`].value = delayOf(m, name);
  }
}

export function readMobilisable(form) {
  const body = {};
  for (const [name] of MOBILISABLE_FIELDS) {
    const n = readNumber(form.elements[name]);
    if (n !== null) body[name] = n;
    const delay = form.elements[`${name}WithinHours`].value;
    if (delay) body[`${name}WithinHours`] = Number(delay);
  }
  return body;
}
