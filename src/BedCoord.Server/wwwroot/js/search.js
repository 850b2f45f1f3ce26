import { h, replaceChildren } from './dom.js';
import { otherContacts } from './contacts.js';
import { api, useTokenSource } from './api.js';
import { viewerTokenSource, adoptQueryToken, VIEWER_KEY } from './auth.js';
import { LiveHub, bindConnectionBanner } from './hub.js';
import { CATEGORIES } from './labels.js';
import { num, km, age } from './format.js';
import { levelBadge } from './level-badge.js';

const SEARCHABLE = CATEGORIES.filter((c) => c.code !== 'EHPAD');
const REQUERY_MS = 1500;

const params = new URLSearchParams(location.search);
const REGION = (params.get('region') ?? 'OCC').toUpperCase();

let territory = { sectors: [], departments: [], establishments: [] };
let els;
let here = null; // { lat, lon } once the browser gave a position
let seq = 0;
let requeryTimer = null;

export async function start(root) {
  document.body.classList.add('page-search');
  adoptQueryToken(VIEWER_KEY);
  const tokens = viewerTokenSource(REGION);
  useTokenSource(tokens);
  layout(root);
  await loadTerritory();
  fillSelects();
  readUrl();
  syncProximity();
  if (els.form.elements.category.value) runSearch();

  // A summary of the region arrives for every bed change in it: the answer may have changed.
  const hub = new LiveHub({ tokenSource: tokens, resync: async () => runSearch() });
  hub.on('summary', () => {
    clearTimeout(requeryTimer);
    requeryTimer = setTimeout(runSearch, REQUERY_MS);
  });
  bindConnectionBanner(hub);
  hub.subscribe(`region:${REGION}`);
  hub.start();
}

function layout(root) {
  els = {
    category: h('select', { name: 'category', id: 's-category', required: true },
      h('option', { value: '' }, '— Choisir —'),
      SEARCHABLE.map((c) => h('option', { value: c.code }, `${c.label} (${c.code})`))),
    scope: h('select', { name: 'scope', id: 's-scope' }),
    establishment: h('select', { name: 'establishment', id: 's-establishment', disabled: true }),
    status: h('p', { class: 'search-status', role: 'status' }),
    results: h('div', { class: 'results-wrap', role: 'region', 'aria-label': 'Résultats de la recherche', tabindex: '0' }),
  };
  const radio = (value, label, checked = false) => h('label', { class: 'radio' }, h('input', { type: 'radio', name: 'near', value, checked }), label);
  els.form = h('form', { class: 'card search-form', novalidate: true },
    h('h1', {}, 'Trouver un lit disponible'),
    h('div', { class: 'row' },
      h('div', { class: 'field' }, h('label', { for: 's-category' }, 'Catégorie de lits'), els.category),
      h('div', { class: 'field' }, h('label', { for: 's-scope' }, 'Zone'), els.scope)),
    h('fieldset', {}, h('legend', {}, 'Classer par distance'),
      h('div', { class: 'radios' }, radio('', 'Non', true), radio('me', 'Près de moi'), radio('establishment', "Près d'un établissement")),
      h('div', { class: 'field' }, h('label', { for: 's-establishment' }, 'Établissement de départ'), els.establishment)),
    h('label', { class: 'radio' }, h('input', { type: 'checkbox', name: 'includeMobilisable', 'data-testid': 'include-mobilisable' }),
      'Montrer aussi les lits mobilisables (colonne à part, jamais comptés comme disponibles)'),
    h('button', { type: 'submit', class: 'primary' }, 'Rechercher'));
  els.form.addEventListener('submit', (e) => { e.preventDefault(); runSearch(); });
  els.form.addEventListener('change', (e) => {
    if (e.target.name === 'near') syncProximity();
    if (e.target.name === 'near' && e.target.value === 'me') locate();
    else runSearch();
  });
  replaceChildren(root,
    h('header', { class: 'topbar' },
      h('a', { class: 'brand', href: '/recherche' }, 'BedCoord', h('span', {}, 'Recherche de lits')),
      h('div', { class: 'top-right' }, h('span', { class: 'live-state', 'aria-hidden': 'true' }),
        h('nav', { class: 'pages' }, h('a', { href: '/board' }, 'Tableau'), h('a', { href: '/lits' }, 'Saisie des lits')))),
    h('main', { class: 'search', id: 'main', tabindex: '-1' }, els.form, els.status, els.results));
}

async function loadTerritory() {
  const res = await api('/api/territory');
  const region = res.ok ? (res.data?.regions ?? []).find((r) => r.id === REGION) ?? res.data?.regions?.[0] : null;
  if (region) {
    territory.sectors = region.sectors.map((s) => ({ id: s.id, name: s.name }));
    territory.departments = region.sectors.flatMap((s) => s.departments.map((d) => ({ code: d.code, name: d.name, sector: s.id })));
    territory.establishments = region.sectors.flatMap((s) => s.departments.flatMap((d) => d.establishments.map((e) => ({ ...e, departmentCode: e.departmentCode ?? d.code }))));
    territory.regionName = region.name;
    return;
  }
  // Without the territory the map's outlines still name the départements and sectors.
  const geo = await fetch('/data/occitanie-departements-light.geojson').then((r) => (r.ok ? r.json() : null)).catch(() => null);
  const props = (geo?.features ?? []).map((f) => f.properties);
  territory.departments = props.map((p) => ({ code: p.code, name: p.nom, sector: String(p.secteur).toUpperCase() })).sort((a, b) => a.code.localeCompare(b.code));
  territory.sectors = [...new Map(props.map((p) => [String(p.secteur).toUpperCase(), { id: String(p.secteur).toUpperCase(), name: p.secteur }])).values()];
}

function fillSelects() {
  replaceChildren(els.scope,
    h('option', { value: `region:${REGION}` }, `Région ${territory.regionName ?? (REGION === 'OCC' ? 'Occitanie' : REGION)}`),
    territory.sectors.length ? h('optgroup', { label: 'Secteurs' }, territory.sectors.map((s) => h('option', { value: `sector:${s.id}` }, `Secteur ${s.name}`))) : null,
    territory.departments.length ? h('optgroup', { label: 'Départements' }, territory.departments.map((d) => h('option', { value: `department:${d.code}` }, `${d.code} — ${d.name}`))) : null);
  const withPlace = territory.establishments.filter((e) => Number.isFinite(e.latitude) && Number.isFinite(e.longitude))
    .sort((a, b) => a.departmentCode.localeCompare(b.departmentCode) || a.name.localeCompare(b.name));
  replaceChildren(els.establishment,
    h('option', { value: '' }, withPlace.length ? '— Choisir —' : 'Liste indisponible'),
    territory.departments.map((d) => {
      const list = withPlace.filter((e) => e.departmentCode === d.code);
      return list.length ? h('optgroup', { label: `${d.code} — ${d.name}` }, list.map((e) => h('option', { value: e.id }, e.name))) : null;
    }));
}

function readUrl() {
  const f = els.form.elements;
  if (params.get('category')) f.category.value = params.get('category').toUpperCase();
  const scope = params.get('department') ? `department:${params.get('department')}` : params.get('sector') ? `sector:${params.get('sector').toUpperCase()}` : null;
  if (scope && [...els.scope.options].some((o) => o.value === scope)) f.scope.value = scope;
  if (params.get('from')) {
    f.near.value = 'establishment';
    f.establishment.value = params.get('from');
  }
}

function syncProximity() {
  els.establishment.disabled = els.form.elements.near.value !== 'establishment';
}

function locate() {
  if (!navigator.geolocation) {
    replaceChildren(els.status, 'Ce navigateur ne donne pas sa position.');
    return;
  }
  replaceChildren(els.status, 'Recherche de votre position…');
  navigator.geolocation.getCurrentPosition(
    (pos) => { here = { lat: pos.coords.latitude, lon: pos.coords.longitude }; runSearch(); },
    (err) => {
      here = null;
      replaceChildren(els.status, `Position indisponible (${err.code === 1 ? 'autorisation refusée' : 'pas de signal'}) : résultats sans distance.`);
      runSearch({ keepStatus: true });
    },
    { enableHighAccuracy: false, timeout: 10000, maximumAge: 300000 });
}

function nearPoint() {
  const f = els.form.elements;
  if (f.near.value === 'me') return here;
  if (f.near.value === 'establishment') {
    const e = territory.establishments.find((x) => x.id === f.establishment.value);
    return e ? { lat: e.latitude, lon: e.longitude } : null;
  }
  return null;
}

async function runSearch({ keepStatus = false } = {}) {
  const f = els.form.elements;
  const category = f.category.value;
  if (!category) {
    replaceChildren(els.status, 'Choisissez une catégorie de lits.');
    return;
  }
  const [kind, id] = f.scope.value.split(':');
  const q = new URLSearchParams({ category, [kind]: id });
  const near = nearPoint();
  if (near) q.set('near', `${near.lat.toFixed(4)},${near.lon.toFixed(4)}`);
  q.set('limit', '20');
  const withMobilisable = f.includeMobilisable.checked;
  if (withMobilisable) q.set('includeMobilisable', 'true');
  const url = new URLSearchParams({ category, [kind]: id });
  if (f.near.value === 'establishment' && f.establishment.value) url.set('from', f.establishment.value);
  history.replaceState(null, '', `/recherche?${url}`);

  const mine = ++seq;
  if (!keepStatus) replaceChildren(els.status, 'Recherche…');
  const res = await api(`/api/search?${q}`);
  if (mine !== seq) return; // a newer query was sent meanwhile
  if (!res.ok) {
    replaceChildren(els.status, `Recherche impossible : ${res.problem.detail}`);
    return;
  }
  const rows = Array.isArray(res.data) ? res.data : [];
  if (!keepStatus) replaceChildren(els.status, `${rows.length} établissement${rows.length > 1 ? 's' : ''} avec des lits disponibles — mis à jour à ${new Date().toLocaleTimeString('fr-FR', { hour: '2-digit', minute: '2-digit' })}`);
  renderResults(rows, !!near, withMobilisable);
}

// The contact on duty now, then the rest of the roster behind a disclosure.
function contactCell(contact, contacts, id) {
  if (!contact && !contacts?.length) return h('td', { class: 'contact muted' }, '—');
  if (typeof contact === 'string') return h('td', { class: 'contact' }, contact);
  return h('td', { class: 'contact' },
    contact?.role ? h('span', { class: 'sub' }, contact.role) : null,
    contact?.bedManager ? h('span', {}, contact.bedManager) : null,
    contact?.phone ? h('a', { href: `tel:${contact.phone.replace(/[^\d+]/g, '')}`, class: 'sub' }, contact.phone) : null,
    contact?.hours ? h('span', { class: 'sub' }, contact.hours) : null,
    contact ? null : h('span', { class: 'sub' }, 'Personne de garde à cette heure'),
    otherContacts(contacts, contact, `search-other-contacts-${id}`));
}

// Beds that could be opened, kept out of the available count: "+5 · 3 sous 24 h".
function mobilisableCell(m) {
  if (!m || !(m.total > 0)) return h('td', { class: 'num muted' }, '—');
  return h('td', { class: 'num mobilisable' }, `+${num(m.total)}`,
    h('span', { class: 'sub' }, `${num(m.within24h?.total ?? 0)} sous 24 h`));
}

function renderResults(rows, withDistance, withMobilisable = false) {
  const depName = (code) => territory.departments.find((d) => d.code === code)?.name ?? '';
  const table = h('table', { class: 'results', 'data-testid': 'search-results', 'data-count': String(rows.length), 'data-updated': new Date().toISOString() },
    h('thead', {}, h('tr', {}, ['Établissement', 'Département', 'Disponibles', withMobilisable ? 'Mobilisables' : null, 'Niveau', 'Âge des données', 'Distance', 'Contact']
      .filter(Boolean).map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, rows.length
      ? rows.map((r) => h('tr', { class: r.stale && 'stale', 'data-testid': `search-row-${r.establishmentId}`, 'data-level': r.level },
        h('td', {}, h('a', { href: `/board/establishment/${encodeURIComponent(r.establishmentId)}` }, r.name ?? r.establishmentId), h('span', { class: 'sub' }, r.establishmentId)),
        h('td', {}, `${r.departmentCode} ${depName(r.departmentCode)}`),
        h('td', { class: 'num avail' }, num(Math.max(0, r.available))),
        withMobilisable ? mobilisableCell(r.mobilisable) : null,
        h('td', {}, levelBadge(r.level, { small: true })),
        h('td', {}, r.stale ? h('span', { class: 'stale-flag' }, 'Données anciennes') : null, h('span', { class: r.stale ? 'sub' : null }, age(r.updatedAt))),
        h('td', { class: 'num' }, withDistance ? km(r.distanceKm) : '—'),
        contactCell(r.contact, r.contacts, r.establishmentId)))
      : h('tr', {}, h('td', { colspan: withMobilisable ? '8' : '7', class: 'empty' }, 'Aucun lit disponible dans cette catégorie et cette zone.'))));
  // On a phone the rows become cards: each cell shows its column's name (see forms.css).
  const head = [...table.tHead.rows[0].cells].map((c) => c.textContent);
  for (const row of table.tBodies[0].rows) [...row.cells].forEach((cell, i) => { if (i > 0 && row.cells.length > 1) cell.setAttribute('data-label', head[i]); });
  replaceChildren(els.results, table);
}
