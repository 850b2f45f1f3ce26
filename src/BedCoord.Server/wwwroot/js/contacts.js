import { h } from './dom.js';

function telHref(phone) {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

/** One contact as a line: role, name, phone link, hours. */
export function contactParts(c) {
  const parts = [];
  if (c.role) parts.push(h('strong', {}, c.role));
  if (c.bedManager) parts.push(h('span', {}, c.bedManager));
  if (c.phone) parts.push(h('a', { href: telHref(c.phone) }, c.phone));
  if (c.hours) parts.push(h('span', { class: 'contact-hours' }, c.hours));
  return parts.flatMap((p, i) => (i ? [' · ', p] : [p]));
}

/**
 * The others of an establishment's roster, a click away: a native disclosure, so keyboard and screen readers
 * get it for free. `contacts` is in call order (on duty first); `onDuty` the one already shown.
 */
export function otherContacts(contacts, onDuty, testId) {
  const others = (contacts ?? []).filter((c) => !sameContact(c, onDuty));
  if (!others.length) return null;
  return h('details', { class: 'other-contacts', 'data-testid': testId },
    h('summary', {}, `Autres contacts (${others.length})`),
    h('ul', {}, others.map((c) => h('li', {}, contactParts(c)))));
}

function sameContact(a, b) {
  return !!a && !!b && a.bedManager === b.bedManager && a.phone === b.phone && a.role === b.role && a.hours === b.hours;
}
