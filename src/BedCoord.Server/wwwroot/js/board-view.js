import { h } from './dom.js';
import { KIND_LABELS } from './labels.js';
import { num, pct, age, figures, effectiveLevel, isStale, freshnessCoverage } from './format.js';
import { levelCell, levelBadge } from './level-badge.js';
import { groupMatrix, bjmlReason } from './board-table.js';
import { mobilisableLine } from './mobilisable.js';
import { contactParts, otherContacts } from './contacts.js';

function link(href, onNavigate, ...children) {
  return h('a', { href, onclick: (e) => { if (!e.ctrlKey && !e.metaKey && !e.shiftKey) { e.preventDefault(); onNavigate(href); } } }, ...children);
}

/** crumbs: [{ label, href }] from the region down; the last one is the current scope. */
export function breadcrumb(crumbs, onNavigate) {
  return h('ol', {}, crumbs.map((c, i) => h('li', { 'aria-current': i === crumbs.length - 1 ? 'page' : null },
    i === crumbs.length - 1 || !c.href ? h('span', {}, c.label) : link(c.href, onNavigate, c.label))));
}

export function sectorTiles(sectors, { hrefFor, onNavigate, currentId, now }) {
  return sectors.map((sector) => {
    const f = figures(sector.beds);
    const level = effectiveLevel(sector);
    const stale = isStale(sector);
    const body = [
      h('div', { class: 'tile-head' }, h('span', { class: 'tile-name' }, sector.name ?? sector.id), levelBadge(level, { small: true })),
      h('div', { class: 'tile-main' }, h('span', { class: 'big num' }, num(f?.available)), h('span', { class: 'unit' }, 'lits disponibles')),
      h('div', { class: 'tile-sub num' }, `${num(f?.open)} ouverts · ${pct(f?.occupancyRate)} occupés`),
      h('div', { class: 'tile-sub num' },
        h('span', { title: "Patients des urgences en attente d'un lit" }, `Urg. ${num(sector.edWaitingForBed)}`), ' · ',
        h('span', { title: "Patients en attente d'aval" }, `Aval ${num(sector.bedBlockers)}`), ' · ',
        h('span', { title: 'Couverture du besoin journalier minimal en lits' }, `BJML ${sector.bjml?.computable ? pct(sector.bjml.coverage ?? (sector.bjml.value ? sector.bjml.availablePostEd / sector.bjml.value : null)) : '—'}`)),
      stale ? h('div', { class: 'stale-flag' }, `Données anciennes · ${age(sector.updatedAt, now)}`) : null,
    ];
    const href = hrefFor(sector);
    return h('a', {
      href,
      class: ['tile', stale && 'stale', sector.id === currentId && 'current'],
      'data-testid': `sector-${sector.id}`,
      'data-level': Number.isInteger(level) ? String(level) : null,
      onclick: (e) => { if (!e.ctrlKey && !e.metaKey) { e.preventDefault(); onNavigate(href); } },
    }, body);
  });
}

/** The current scope's own figures: big available count, groups, ED pressure, BJML, freshness. */
export function scopePanel(summary, { kind, id, notFound, emptyTerritory, error, now, compact }) {
  if (!summary && emptyTerritory) {
    return [h('div', { class: 'scope-head' }, h('h1', {}, 'Aucun territoire importé')),
      h('p', { class: 'empty-territory', 'data-testid': 'empty-territory' },
        'Aucun territoire importé pour le moment : un administrateur doit charger le référentiel (régions, secteurs, départements, établissements et services). Ce tableau se remplira tout seul dès l’import terminé.'),
      h('span', { 'data-testid': 'scope-total-available', hidden: true }, '')];
  }
  if (!summary && (notFound || error)) {
    return [h('div', { class: 'scope-head' }, h('h1', {}, `${KIND_LABELS[kind]} ${id}`)),
      h('p', { class: 'loading' }, notFound ? 'Périmètre inconnu.' : `Données indisponibles (${error}) : nouvelle tentative dans quelques secondes…`),
      h('span', { 'data-testid': 'scope-total-available', hidden: true }, '')];
  }
  if (!summary) {
    // Loading: the panel as it will be, with dashes, so that nothing below it moves when the figures arrive.
    const panel = scopePanel({ kind, id, name: `${KIND_LABELS[kind]} ${id}` }, { kind, id, now, compact: true });
    return [...panel.slice(0, -1), compact ? null : groupMatrix(null, { placeholder: true }), h('p', { class: 'visually-hidden' }, 'Chargement…')];
  }
  const f = figures(summary.beds);
  const stale = isStale(summary);
  const fr = summary.freshness;
  const bjml = summary.bjml;
  const coverage = bjml?.computable ? bjml.coverage ?? (bjml.value ? bjml.availablePostEd / bjml.value : null) : null;
  return [
    h('div', { class: 'scope-head' },
      h('div', {}, h('span', { class: 'kind' }, KIND_LABELS[summary.kind] ?? KIND_LABELS[kind]), h('h1', {}, summary.name ?? id)),
      h('div', { class: 'scope-level' }, levelCell(summary))),
    h('div', { class: ['kpis', stale && 'stale'] },
      h('div', { class: 'kpi main' }, h('span', { class: 'kpi-value num avail', 'data-testid': 'scope-total-available' }, num(f?.available)), h('span', { class: 'kpi-label' }, 'Lits disponibles')),
      h('div', { class: 'kpi' }, h('span', { class: 'kpi-value num' }, pct(f?.occupancyRate)), h('span', { class: 'kpi-label' }, "Taux d'occupation")),
      h('div', { class: 'kpi' }, h('span', { class: ['kpi-value', 'num', summary.edWaitingForBed > 0 && 'warn'] }, num(summary.edWaitingForBed)), h('span', { class: 'kpi-label' }, 'Urgences en attente de lit')),
      h('div', { class: 'kpi' }, h('span', { class: ['kpi-value', 'num', summary.bedBlockers > 0 && 'warn'] }, num(summary.bedBlockers)), h('span', { class: 'kpi-label' }, "Patients en attente d'aval")),
      bjmlKpi(summary, coverage),
      h('div', { class: 'kpi fresh-kpi' },
        h('span', { class: ['kpi-value', stale && 'stale-flag'] }, stale ? 'Données anciennes' : age(summary.updatedAt, now)),
        h('span', { class: 'kpi-label' }, fr && fr.units > 0
          ? `${fr.staleUnits > 0 ? `${fr.staleUnits}/${fr.units} services anciens` : `${fr.units} service${fr.units > 1 ? 's' : ''} à jour`} · ${pct(freshnessCoverage(fr))} des lits à jour${stale ? ` · ${age(summary.updatedAt, now)}` : ''}`
          : 'Mise à jour'))),
    mobilisableLine(summary),
    contactLine(summary),
    maturityLink(summary, kind, id),
    compact ? null : groupMatrix(summary),
  ];
}

// "n.c." with the reason spelt out once, below the label; "sans objet" for an establishment without an ED.
function bjmlKpi(summary, coverage) {
  const bjml = summary.bjml;
  if (bjml && !bjml.computable) {
    return h('div', { class: 'kpi bjml-kpi', 'data-testid': 'scope-bjml' },
      h('span', { class: 'kpi-value num' }, 'n.c.'),
      h('span', { class: 'kpi-label' }, 'BJML non calculable'),
      h('span', { class: 'kpi-reason' }, bjmlReason(bjml)));
  }
  const label = bjml ? `Couverture BJML (${num(bjml.availablePostEd)} / ${num(bjml.value)})`
    : summary.kind === 'establishment' ? "BJML sans objet : pas de service d'urgences" : 'Couverture BJML';
  return h('div', { class: 'kpi bjml-kpi', 'data-testid': 'scope-bjml', title: bjml?.reason ?? null },
    h('span', { class: ['kpi-value', 'num', coverage !== null && coverage < 1 && 'warn'] }, bjml ? pct(coverage) : '—'),
    h('span', { class: 'kpi-label' }, label));
}

/** The scope's bed-management maturity page (issue 13). */
function maturityLink(summary, kind, id) {
  const k = summary.kind ?? kind;
  const path = { establishment: 'etablissement', department: 'departement', sector: 'secteur', region: 'region' }[k];
  if (!path) return null;
  return h('p', { class: 'maturity-link' }, h('a', { href: `/maturite/${path}/${encodeURIComponent(summary.id ?? id)}`, 'data-testid': 'maturity-link' },
    k === 'establishment' ? 'Indice de maturité du bed management de l’établissement' : 'Indice de maturité du bed management'));
}

/** Who to call about beds in this establishment now, with the rest of the roster a click away. */
function contactLine(summary) {
  if (summary.kind !== 'establishment') return null;
  const c = summary.contact;
  const all = summary.contacts ?? [];
  if (!c && !all.length) return null;
  return h('div', { class: 'contact-line', 'data-testid': 'scope-contact' },
    h('p', {}, h('span', { class: 'contact-title' }, c ? 'Contact lits (de garde) : ' : 'Contact lits : '),
      c ? contactParts(c) : h('span', {}, "personne n'est de garde à cette heure")),
    otherContacts(all, c, 'scope-other-contacts'));
}

/** Before the region is read: tiles of the final size, empty and hidden from assistive technology (nothing jumps). */
export function sectorPlaceholders(count = 4) {
  return Array.from({ length: count }, () => h('div', { class: 'tile placeholder', 'aria-hidden': 'true' },
    h('div', { class: 'tile-head' }, h('span', { class: 'tile-name' }, '\u00a0'), levelBadge(null, { small: true })),
    h('div', { class: 'tile-main' }, h('span', { class: 'big num' }, '—'), h('span', { class: 'unit' }, 'lits disponibles')),
    h('div', { class: 'tile-sub num' }, '\u00a0'),
    h('div', { class: 'tile-sub num' }, '\u00a0')));
}
