import { h } from './dom.js';
import { levelLabel, effectiveLevel, dateTime } from './format.js';

export function levelBadge(level, { small = false } = {}) {
  return h('span', {
    class: ['level-badge', small && 'small'],
    'data-level-badge': Number.isInteger(level) ? String(level) : 'none',
  }, levelLabel(level));
}

/**
 * Effective level, plus computed and declared when they differ: a declared "crise" over a
 * computed "normal" means a person decided it, and the board must say who and why.
 */
export function levelCell(summary, { compact = false } = {}) {
  const level = effectiveLevel(summary);
  const computed = summary?.computedLevel ?? null;
  const declared = summary?.declaredLevel ?? null;
  const decl = summary?.declaration;
  const parts = [levelBadge(level)];
  if (declared !== null && declared !== undefined && declared !== computed) {
    parts.push(h('div', { class: 'level-split' },
      h('span', {}, 'Calculé : ', h('b', {}, levelLabel(computed))),
      h('span', {}, ' · Déclaré : ', h('b', {}, levelLabel(declared))),
    ));
    if (decl?.reason && !compact) {
      const who = [decl.by, dateTime(decl.at)].filter(Boolean).join(', ');
      const until = decl.expiresAt ? ` (jusqu’au ${dateTime(decl.expiresAt)})` : '';
      parts.push(h('div', { class: 'level-reason', title: who }, `« ${decl.reason} »${until}`));
    }
  }
  return parts;
}
