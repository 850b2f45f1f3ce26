import { h, s } from './dom.js';
import { BOARD_GROUPS, categoryLabel } from './labels.js';
import { num, pct, age, figures, boardGroup, effectiveLevel, isStale, hasStalePart, freshnessCoverage } from './format.js';
import { levelCell } from './level-badge.js';

const FIGURE_COLUMNS = [
  ['installed', 'Installés', 'col-installed'],
  ['open', 'Ouverts', 'col-open'],
  ['occupied', 'Occupés', 'col-occupied'],
  ['available', 'Disponibles', 'col-available'],
];

/** The matrix groups x (installés, ouverts, occupés, disponibles, taux) for one summary. */
export function groupMatrix(summary, { placeholder = false } = {}) {
  const rows = [{ label: 'Total', f: figures(summary?.beds) }];
  for (const g of BOARD_GROUPS) {
    // Before the data: every group's row, so the panel has its final height from the first paint.
    const f = placeholder ? null : boardGroup(summary, g.key);
    if (f || placeholder) rows.push({ label: g.label, title: g.title, f });
  }
  return h('table', { class: 'matrix' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Groupe')), FIGURE_COLUMNS.map(([, label]) => h('th', { scope: 'col' }, label)), h('th', { scope: 'col' }, "Taux d'occupation"))),
    h('tbody', {}, rows.map((r) => h('tr', { class: r.label === 'Total' ? 'total' : null },
      h('th', { scope: 'row', title: r.title ?? null }, r.label),
      FIGURE_COLUMNS.map(([k, label]) => h('td', { class: ['num', k === 'available' && 'avail'], 'data-label': label }, num(r.f?.[k]))),
      h('td', { class: 'num', 'data-label': "Taux d'occupation" }, pct(r.f?.occupancyRate))))));
}

function groupCell(summary, key, title) {
  const f = boardGroup(summary, key);
  if (!f || (f.installed === 0 && f.open === 0)) return h('td', { class: 'grp empty' }, '—');
  const full = `${title} : ${num(f.installed)} installés, ${num(f.open)} ouverts, ${num(f.occupied)} occupés, ${num(f.available)} disponibles, taux ${pct(f.occupancyRate)}`;
  return h('td', { class: ['grp', f.available <= 0 && 'none-left'], title: full },
    h('span', { class: 'big num' }, num(f.available)),
    h('span', { class: 'sub num' }, `/ ${num(f.open)} · ${pct(f.occupancyRate)}`));
}

// Available first: it is what a regulator looks for; open beds and the rate say how tight it is.
function totalCell(f) {
  if (!f) return h('td', { class: 'grp total' }, '—');
  return h('td', { class: ['grp', 'total', f.available <= 0 && 'none-left'], title: `${num(f.installed)} installés, ${num(f.open)} ouverts, ${num(f.occupied)} occupés, ${num(f.available)} disponibles` },
    h('span', { class: 'big num avail' }, num(f.available)),
    h('span', { class: 'sub num' }, `/ ${num(f.open)} · ${pct(f.occupancyRate)}`));
}

const NO_ED = "BJML sans objet : pas de service d'urgences";

/** Why a BJML is not computable, once: the word "BJML non calculable" is the label's, not the reason's. */
export function bjmlReason(b) {
  return (b?.reason ?? '').replace(/^BJML non calculable\s*:?\s*/i, '').trim() || 'raison non précisée';
}

function bjmlCell(summary) {
  const b = summary?.bjml;
  // Short label in the cell; the whole reason in the tooltip and for screen readers (it does not fit a column).
  if (!b) {
    if (summary?.kind !== 'establishment') return h('td', { class: 'bjml' }, '—');
    return h('td', { class: 'bjml na', title: NO_ED }, h('span', { 'aria-hidden': 'true' }, '—'), h('span', { class: 'visually-hidden' }, NO_ED));
  }
  if (!b.computable) {
    const reason = bjmlReason(b);
    return h('td', { class: 'bjml not-computable', title: reason, 'data-reason': reason },
      h('span', { class: 'nc-label' }, 'Non calculable'), h('span', { class: 'visually-hidden' }, ` : ${reason}`));
  }
  const coverage = b.coverage ?? (b.value > 0 ? b.availablePostEd / b.value : null);
  return h('td', { class: ['bjml', coverage !== null && coverage < 1 && 'short'], title: `Lits disponibles post-urgences ${b.availablePostEd} pour un BJML de ${b.value}${b.reason ? ` (${b.reason})` : ''}` },
    h('span', { class: 'big num' }, pct(coverage)),
    h('span', { class: 'sub num' }, `${num(b.availablePostEd)} / ${num(b.value)}`));
}

function freshnessCell(summary, now) {
  const stale = isStale(summary);
  const f = summary?.freshness;
  const parts = [];
  if (stale) parts.push(h('span', { class: 'stale-flag' }, 'Données anciennes'));
  parts.push(h('span', { class: 'age' }, age(summary?.updatedAt, now)));
  if (summary?.kind !== 'unit' && f && f.units > 0) {
    const cov = freshnessCoverage(f);
    parts.push(h('span', { class: ['sub', hasStalePart(summary) && 'warn'] },
      f.staleUnits > 0 ? `${f.staleUnits}/${f.units} services anciens · ${pct(cov)} à jour` : `${f.units} service${f.units > 1 ? 's' : ''} à jour`));
  }
  if (summary?.kind === 'unit' && summary.updatedBy) parts.push(h('span', { class: 'sub' }, `par ${summary.updatedBy}`));
  return h('td', { class: 'fresh' }, parts);
}

function nameCell(child, hrefFor, onNavigate) {
  const href = hrefFor(child);
  const label = h('span', { class: 'child-name' }, child.name ?? child.id);
  const category = categoryLabel(child.category);
  const sub = child.kind === 'unit' ? (category !== child.name ? category : null) : child.kind === 'department' || child.kind === 'establishment' ? child.id : null;
  if (!href) return h('th', { scope: 'row' }, label, sub ? h('span', { class: 'sub' }, sub) : null);
  return h('th', { scope: 'row' },
    h('a', { href, onclick: (e) => { if (!e.ctrlKey && !e.metaKey && !e.shiftKey) { e.preventDefault(); onNavigate(href); } } }, label),
    sub ? h('span', { class: 'sub' }, sub) : null);
}

/**
 * Rows for the current scope's children. Units get their own inputs as columns (they have one
 * category); aggregates get the board's group columns.
 */
export function childrenTable(children, { scopeKind, hrefFor, onNavigate, expanded, onToggle, compact, kiosk, now = Date.now(), unitTrend = null }) {
  const units = scopeKind === 'establishment';
  const head = units
    ? ['Service', 'Niveau', 'Installés', 'Fermés', 'Suppl.', 'Ouverts', 'Occupés', 'Réservés', 'Disponibles', "Taux d'occupation", 'Sorties prévues 24 h', 'Données']
    : ['Nom', 'Niveau', 'Total', ...BOARD_GROUPS.map((g) => g.label), 'Urg. en attente', "Attente d'aval", 'BJML', 'Données'];
  const headClasses = units
    ? ['', '', 'col-installed', 'col-minor', 'col-minor', 'col-open', 'col-occupied', 'col-minor', 'col-available', '', 'col-minor', '']
    : ['', '', 'col-total', ...BOARD_GROUPS.map(() => 'col-grp'), '', '', '', ''];
  const titles = units ? [] : ['', '', 'Lits disponibles / ouverts · taux d\'occupation, tous groupes', ...BOARD_GROUPS.map((g) => `${g.title} : disponibles / ouverts · taux d'occupation`), "Patients des urgences en attente d'un lit d'hospitalisation", 'Patients médicalement sortants en attente de SMR, EHPAD, HAD ou PSY', 'Lits disponibles post-urgences / besoin journalier minimal en lits'];
  const rows = [];
  for (const child of children) {
    const f = figures(child.beds);
    const level = effectiveLevel(child);
    const stale = isStale(child);
    const open = expanded.has(child.id);
    const rowAttrs = {
      class: ['child-row', stale && 'stale', open && 'open'],
      'data-testid': `child-row-${child.id}`,
      'data-level': Number.isInteger(level) ? String(level) : null,
      'data-id': child.id,
    };
    const cells = units
      ? [
        nameCell(child, () => null, onNavigate),
        h('td', { class: 'lvl' }, levelCell(child, { compact })),
        h('td', { class: 'num col-installed' }, num(f?.installed)),
        h('td', { class: 'num col-minor' }, num(f?.closed)),
        h('td', { class: 'num col-minor' }, num(f?.surge)),
        h('td', { class: 'num col-open', title: `${num(f?.installed)} installés − ${num(f?.closed)} fermés + ${num(f?.surge)} supplémentaires` }, num(f?.open)),
        h('td', { class: 'num col-occupied' }, num(f?.occupied)),
        h('td', { class: 'num col-minor' }, num(f?.reserved)),
        h('td', { class: ['num', 'avail', 'col-available', f && f.available <= 0 && 'none-left'] }, num(f?.available)),
        h('td', { class: 'num' }, pct(f?.occupancyRate)),
        h('td', { class: 'num col-minor' }, num(f?.expectedDischarges)),
        freshnessCell(child, now),
      ]
      : [
        nameCell(child, hrefFor, onNavigate),
        h('td', { class: 'lvl' }, levelCell(child, { compact })),
        totalCell(f),
        ...BOARD_GROUPS.map((g) => groupCell(child, g.key, g.title)),
        h('td', { class: ['num', child.edWaitingForBed > 0 && 'warn'] }, num(child.edWaitingForBed)),
        h('td', { class: ['num', child.bedBlockers > 0 && 'warn'] }, num(child.bedBlockers)),
        bjmlCell(child),
        freshnessCell(child, now),
      ];
    // A unit's trend chart opens below the table (outside it, so that re-rendering rows never moves it).
    if (units && unitTrend && !kiosk) {
      const open = unitTrend.isOpen(child.id);
      cells.push(h('td', { class: 'toggle' }, h('button', {
        type: 'button', class: 'expand trend-toggle', 'aria-expanded': open ? 'true' : 'false', 'aria-controls': open ? unitTrend.idOf(child.id) : null,
        'data-testid': `unit-trend-toggle-${child.id}`,
        'aria-label': `Tendance de ${child.name ?? child.id}`, onclick: () => unitTrend.toggle(child),
      }, s('svg', { viewBox: '0 0 16 16', width: '16', height: '16', 'aria-hidden': 'true' },
        s('polyline', { points: '1,12 5,7 9,10 15,3', fill: 'none', stroke: 'currentColor', 'stroke-width': '2' })))));
    }
    if (!units && !kiosk) {
      cells.push(h('td', { class: 'toggle' }, h('button', {
        type: 'button', class: 'expand', 'aria-expanded': open ? 'true' : 'false',
        title: 'Détail par groupe', 'aria-label': `Détail par groupe : ${child.name ?? child.id}`, onclick: () => onToggle(child.id),
      }, open ? '−' : '+')));
    }
    // On a phone the rows become cards: each cell shows its column's name (see board.css).
    cells.forEach((cell, i) => { if (head[i] && i > 0) cell.setAttribute('data-label', head[i]); });
    rows.push(h('tr', rowAttrs, cells));
    if (open && !units && !kiosk) rows.push(h('tr', { class: 'detail-row' }, h('td', { colspan: String(cells.length) }, groupMatrix(child))));
  }
  return h('table', { class: ['children', units ? 'units' : 'aggregates'] },
    h('thead', {}, h('tr', {}, head.map((t, i) => h('th', { class: headClasses[i] || null, title: titles[i] || null, scope: 'col' }, t)), !kiosk && units && unitTrend ? h('th', { class: 'toggle', scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Tendance')) : null,
      !kiosk && !units ? h('th', { class: 'toggle', scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Détail par groupe')) : null)),
    h('tbody', {}, rows.length ? rows : h('tr', {}, h('td', { colspan: String(head.length + 1), class: 'empty' }, 'Aucune donnée pour ce périmètre'))));
}
