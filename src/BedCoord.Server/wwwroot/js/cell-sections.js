// The cell page's read-only sections: figures with mobilisable capacity, declarations in force (longest first),
// open measures (overdue first), requests. Each takes the overview answered by GET …/cell.

import { h } from './dom.js';
import { num, pct, dateTime } from './format.js';
import { levelBadge } from './level-badge.js';
import { contactParts, otherContacts } from './contacts.js';

const MEASURE_STATUS = { planned: 'à engager', engaged: 'engagée', done: 'réalisée', lifted: 'levée', 'not-applicable': 'sans objet' };
const REQUEST_STATUS = { open: 'ouverte', taken: 'prise en charge', satisfied: 'satisfaite', refused: 'refusée' };
const REQUEST_KIND = { staff: 'Renfort de personnel', beds: 'Lits', transfer: 'Transfert de patients', equipment: 'Matériel' };
const URGENCY = { routine: 'routine', urgent: 'urgent', immediate: 'immédiat' };
const DESTINATIONS = { SMR: 'SMR', EHPAD: 'EHPAD', HAD: 'HAD', PSY: 'Psychiatrie', USLD: 'USLD', 'HOME-SUPPORT': 'Domicile avec aide', OTHER: 'Autre' };

export function duration(minutes) {
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 48 * 60) return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')}`;
  return `${Math.floor(minutes / 1440)} j ${Math.floor((minutes % 1440) / 60)} h`;
}

function kpi(label, value, testid, extra) {
  return h('div', { class: 'kpi', 'data-testid': testid }, h('span', { class: 'kpi-label' }, label), h('span', { class: 'kpi-value num' }, value), extra ?? null);
}

/** "+38 lits mobilisables, dont 12 sans renfort RH" when the summary carries beds.mobilisable (crisis-figures). */
export function mobilisableLine(beds) {
  const m = beds?.mobilisable;
  if (!m) return null;
  const total = m.total ?? (m.reopenable ?? 0) + (m.surgeWithoutStaff ?? 0) + (m.surgeWithStaff ?? 0);
  return `+${num(total)} lits mobilisables, dont ${num((m.reopenable ?? 0) + (m.surgeWithoutStaff ?? 0))} sans renfort RH`;
}

export function figuresSection(o, summary) {
  const s = summary ?? o.summary;
  const beds = s.beds ?? {};
  const mobilisable = mobilisableLine(beds);
  const byDest = s.bedBlockersByDestination;
  return h('section', { class: 'cell-panel', 'aria-labelledby': 'figures-title' },
    h('h2', { id: 'figures-title' }, 'Situation'),
    h('div', { class: 'kpis' },
      kpi('Niveau', levelBadge(s.level), 'kpi-level'),
      kpi('Lits disponibles', `${num(beds.available)} / ${num(beds.open)}`, 'kpi-available', h('span', { class: 'sub' }, `occupation ${pct(beds.occupancyRate)}`)),
      kpi('Capacité mobilisable', mobilisable ?? 'non renseignée', 'kpi-mobilisable'),
      kpi('Attente de lit aux urgences', num(s.edWaitingForBed), 'kpi-ed'),
      kpi('Patients bloqués (sortants sans aval)', num(s.bedBlockers), 'kpi-blockers',
        byDest ? h('span', { class: 'sub', 'data-testid': 'blockers-by-destination' },
          Object.entries(byDest).filter(([, n]) => n > 0).map(([d, n]) => `${DESTINATIONS[d] ?? d} ${n}`).join(' · ') || 'aucun') : null)),
    h('p', { class: 'levels-line' }, 'Établissements par niveau : ',
      Object.entries(o.establishmentsByLevel ?? {}).map(([name, n]) => `${name} ${n}`).join(' · ') || '—'));
}

/** An establishment's cell: who to call about beds now, the rest of the roster a click away (a native disclosure). */
export function contactSection(s) {
  if (s?.kind !== 'establishment') return null;
  const c = s.contact;
  const all = s.contacts ?? [];
  return h('section', { class: 'cell-panel contact-line', 'aria-labelledby': 'contact-title', 'data-testid': 'cell-contact' },
    h('h2', { id: 'contact-title' }, 'Qui appeler maintenant'),
    h('p', {}, h('span', { class: 'contact-title' }, 'De garde : '),
      c ? contactParts(c) : h('span', {}, all.length ? "personne n'est de garde à cette heure" : 'aucun contact renseigné')),
    otherContacts(all, c, 'cell-other-contacts'));
}

export function declarationsSection(o) {
  const list = o.declarations ?? [];
  return h('section', { class: 'cell-panel', 'aria-labelledby': 'decl-title' },
    h('h2', { id: 'decl-title' }, `Déclarations en cours (${list.length})`),
    list.length === 0 ? h('p', { class: 'empty' }, 'Aucune déclaration en cours dans ce périmètre.')
      : h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': 'Déclarations en cours' },
        h('table', { class: 'cell-table', 'data-testid': 'declarations' },
          h('thead', {}, h('tr', {}, ['Depuis', 'Périmètre', 'Niveau', 'Motif', 'Par'].map((c) => h('th', { scope: 'col' }, c)))),
          h('tbody', {}, list.map((d) => h('tr', { 'data-scope': `${d.scope}:${d.scopeId}` },
            h('td', { class: 'num' }, h('b', {}, duration(d.durationMinutes)), h('span', { class: 'sub' }, dateTime(d.at))),
            h('td', {}, h('a', { href: `/cellule/${d.scope}/${encodeURIComponent(d.scopeId)}` }, d.name)),
            h('td', {}, levelBadge(d.level, { small: true })),
            h('td', {}, d.reason, d.expiresAt ? h('span', { class: 'sub' }, `jusqu’au ${dateTime(d.expiresAt)}`) : null),
            h('td', {}, d.by)))))));
}

export function measuresSection(o, { canWrite, onStatus }) {
  const list = o.openMeasures ?? [];
  return h('section', { class: 'cell-panel', 'aria-labelledby': 'measures-title' },
    h('h2', { id: 'measures-title' }, `Mesures ouvertes (${list.length}, dont ${o.overdueMeasures} en retard)`),
    list.length === 0 ? h('p', { class: 'empty' }, 'Aucune mesure ouverte.')
      : h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': 'Mesures ouvertes' },
        h('table', { class: 'cell-table', 'data-testid': 'measures' },
          h('thead', {}, h('tr', {}, ['Échéance', 'Périmètre', 'Mesure', 'Statut', 'Responsable'].map((c) => h('th', { scope: 'col' }, c)))),
          h('tbody', {}, list.map((m) => h('tr', { class: m.overdue ? 'overdue' : null, 'data-testid': `measure-${m.id}` },
            h('td', {}, m.dueAt ? dateTime(m.dueAt) : '—', m.overdue ? h('span', { class: 'overdue-flag' }, 'En retard') : null),
            h('td', {}, m.scopeName),
            h('td', {}, m.title),
            h('td', {}, canWrite ? statusSelect(m, onStatus) : MEASURE_STATUS[m.status] ?? m.status),
            h('td', {}, m.owner ?? '—')))))));
}

function statusSelect(m, onStatus) {
  const id = `status-${m.id}`;
  const select = h('select', { id, onchange: () => onStatus(m, select.value) },
    Object.entries(MEASURE_STATUS).map(([v, label]) => h('option', { value: v, selected: v === m.status }, label)));
  return [h('label', { for: id, class: 'visually-hidden' }, `Statut de « ${m.title} »`), select];
}

export function requestsSection(o, { canHandle, onMove }) {
  const list = o.openRequests ?? [];
  return h('section', { class: 'cell-panel', 'aria-labelledby': 'requests-title' },
    h('h2', { id: 'requests-title' }, `Demandes de renfort et de transfert (${list.length} en cours)`),
    list.length === 0 ? h('p', { class: 'empty' }, 'Aucune demande en cours.')
      : h('ul', { class: 'requests', 'data-testid': 'requests' }, list.map((r) => h('li', { class: ['request', `urgency-${r.urgency}`] },
        h('div', {}, h('b', {}, REQUEST_KIND[r.kind] ?? r.kind), r.count ? ` — ${r.count}${r.category ? ` ${r.category}` : ''}` : '',
          ` · urgence ${URGENCY[r.urgency] ?? r.urgency} · ${REQUEST_STATUS[r.status] ?? r.status}`),
        h('div', {}, r.text),
        h('div', { class: 'sub' }, `${r.establishmentId} · ${r.openedBy}, ${dateTime(r.openedAt)}${r.takenBy ? ` · prise en charge par ${r.takenBy}` : ''}`),
        canHandle ? h('div', { class: 'request-actions' },
          r.status === 'open' ? h('button', { type: 'button', onclick: () => onMove(r, 'taken') }, 'Prendre en charge') : null,
          h('button', { type: 'button', onclick: () => onMove(r, 'satisfied') }, 'Satisfaite'),
          h('button', { type: 'button', class: 'secondary', onclick: () => onMove(r, 'refused') }, 'Refusée')) : null))));
}
