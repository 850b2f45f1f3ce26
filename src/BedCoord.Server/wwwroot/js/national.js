import { h, replaceChildren } from './dom.js';
import { api, useTokenSource } from './api.js';
import { viewerTokenSource, adoptQueryToken, VIEWER_KEY } from './auth.js';
import { LiveHub, bindConnectionBanner } from './hub.js';
import { projectRegions, createRegionMap } from './national-map.js';
import { levelBadge } from './level-badge.js';
import { LEVEL_LABELS } from './labels.js';
import { effectiveLevel, figures, levelLabel, num, pct } from './format.js';

// /board/national: France, its regions (map and list of links), each leading to the region's own board.
// The national figures are the sum of the region summaries, which the hub keeps live region by region.

const regions = new Map(); // id -> latest region summary
let order = []; // region ids in the territory's order
let els = null;
let mapUpdate = null;
let projected = null;
let renderQueued = false;

const hrefFor = (id) => `/board?region=${encodeURIComponent(id)}`;
const navigate = (href) => { location.href = href; };

function newer(a, b) {
  return !b || (a.revision ?? 0) >= (b.revision ?? 0);
}

function put(summary) {
  if (!summary || String(summary.kind).toLowerCase() !== 'region') return;
  if (!newer(summary, regions.get(summary.id))) return;
  regions.set(summary.id, summary);
  scheduleRender();
}

function scheduleRender() {
  if (renderQueued) return;
  renderQueued = true;
  requestAnimationFrame(() => { renderQueued = false; render(); });
}

/** The national figures: the same sums the server makes for /api/nation, redone on each pushed region. */
function national() {
  const total = { open: 0, occupied: 0, available: 0, edWaitingForBed: 0, staleUnits: 0, units: 0 };
  let level = null;
  for (const id of order) {
    const r = regions.get(id);
    if (!r) continue;
    const f = figures(r.beds);
    total.open += f.open; total.occupied += f.occupied; total.available += f.available;
    total.edWaitingForBed += r.edWaitingForBed ?? 0;
    total.staleUnits += r.freshness?.staleUnits ?? 0; total.units += r.freshness?.units ?? 0;
    const l = effectiveLevel(r);
    if (Number.isInteger(l)) level = Math.max(level ?? 0, l);
  }
  return { ...total, level, occupancyRate: total.open > 0 ? total.occupied / total.open : null };
}

function regionLabel(r) {
  const level = effectiveLevel(r);
  return `${levelLabel(level)}, ${num(figures(r.beds).available)} lits disponibles`;
}

function render() {
  const n = national();
  if (!order.length) {
    replaceChildren(els.summary, h('h1', {}, 'France'),
      h('p', { class: 'empty-territory', 'data-testid': 'empty-territory' },
        'Aucun territoire importé pour le moment : un administrateur doit charger le référentiel (régions, secteurs, départements, établissements et services). Cette page se remplira toute seule dès l’import terminé.'));
    replaceChildren(els.list);
    return;
  }
  replaceChildren(els.summary,
    h('div', { class: 'scope-head' },
      h('div', {}, h('span', { class: 'kind' }, 'Pays'), h('h1', {}, 'France')),
      h('div', { class: 'scope-level' }, levelBadge(n.level))),
    h('div', { class: 'kpis' },
      h('div', { class: 'kpi main' }, h('span', { class: 'kpi-value num avail', 'data-testid': 'national-available' }, num(n.available)), h('span', { class: 'kpi-label' }, 'Lits disponibles')),
      h('div', { class: 'kpi' }, h('span', { class: 'kpi-value num' }, pct(n.occupancyRate)), h('span', { class: 'kpi-label' }, "Taux d'occupation")),
      h('div', { class: 'kpi' }, h('span', { class: 'kpi-value num' }, num(n.edWaitingForBed)), h('span', { class: 'kpi-label' }, 'Urgences en attente de lit')),
      h('div', { class: 'kpi' }, h('span', { class: 'kpi-value num' }, `${num(order.length)}`), h('span', { class: 'kpi-label' }, 'Régions')),
      h('div', { class: 'kpi' }, h('span', { class: 'kpi-value num' }, `${num(n.staleUnits)} / ${num(n.units)}`), h('span', { class: 'kpi-label' }, 'Services aux données anciennes'))));

  replaceChildren(els.list, order.map((id) => {
    const r = regions.get(id);
    const f = figures(r?.beds);
    const level = effectiveLevel(r);
    const href = hrefFor(id);
    return h('li', {},
      h('a', {
        href, class: 'tile', 'data-testid': `region-${id}`, 'data-level': Number.isInteger(level) ? String(level) : null,
      },
      h('div', { class: 'tile-head' }, h('span', { class: 'tile-name' }, r?.name ?? id), levelBadge(level, { small: true })),
      h('div', { class: 'tile-main' }, h('span', { class: 'big num' }, num(f?.available)), h('span', { class: 'unit' }, 'lits disponibles')),
      h('div', { class: 'tile-sub num' }, `${num(f?.open)} ouverts · ${pct(f?.occupancyRate)} occupés`)));
  }));

  const states = {};
  for (const id of order) { const r = regions.get(id); if (r) states[id] = { level: effectiveLevel(r), label: regionLabel(r) }; }
  mapUpdate?.(states);
}

async function load() {
  const res = await api('/api/nation');
  if (!res.ok || !res.data) {
    replaceChildren(els.summary, h('h1', {}, 'France'), h('p', { class: 'loading' }, `Données indisponibles (${res.problem?.detail ?? res.status}) : nouvelle tentative dans quelques secondes…`));
    setTimeout(load, 10_000);
    return;
  }
  const ids = (res.data.children ?? []).map((r) => r.id);
  const changed = ids.join() !== order.join();
  order = ids;
  for (const r of res.data.children ?? []) put(r);
  if (changed) drawMap();
  for (const id of order) hub?.subscribe(`region:${id}`);
  scheduleRender();
  // An empty territory fills in after its first import: look again now and then.
  if (!order.length) setTimeout(load, 10_000);
}

function drawMap() {
  if (!projected) return;
  mapUpdate = createRegionMap(els.map, projected, { hrefFor, onNavigate: navigate, known: new Set(order) });
}

async function loadMap() {
  try {
    const res = await fetch('/data/national/france-regions-light.geojson');
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    projected = projectRegions(await res.json());
    drawMap();
    scheduleRender();
  } catch (e) {
    replaceChildren(els.map, h('p', { class: 'map-error' }, 'Carte indisponible.'));
    console.error('map', e);
  }
}

let hub = null;

export async function start(root) {
  adoptQueryToken(VIEWER_KEY);
  const tokens = viewerTokenSource();
  useTokenSource(tokens);
  document.body.classList.add('page-board', 'page-national');
  document.title = 'France — BedCoord';
  els = {
    summary: h('section', { class: 'scope-panel', 'aria-live': 'polite', 'data-testid': 'national-summary' }),
    map: h('div', { class: 'map' }),
    list: h('ul', { class: 'region-list', 'aria-label': 'Régions' }),
  };
  const legend = h('ul', { class: 'legend' }, LEVEL_LABELS.map((l, i) => h('li', {}, h('span', { class: 'swatch', 'data-level-badge': String(i) }), l)),
    h('li', {}, h('span', { class: 'swatch', 'data-level-badge': 'none' }), 'Sans données'));
  replaceChildren(root,
    h('header', { class: 'topbar' },
      h('a', { class: 'brand', href: '/board/national' }, 'BedCoord', h('span', {}, 'Tension hospitalière')),
      h('nav', { class: 'breadcrumb', 'aria-label': "Fil d'Ariane" }, h('ol', {}, h('li', { 'aria-current': 'page' }, h('span', {}, 'France')))),
      h('div', { class: 'top-right' }, h('span', { class: 'live-state', 'aria-hidden': 'true' }))),
    h('main', { class: 'national-grid' },
      h('div', { class: 'center' }, els.summary, h('section', { class: 'children-panel' }, h('h2', {}, 'Régions'), els.list)),
      h('section', { class: 'map-panel', 'aria-label': 'Carte' }, els.map, legend)),
    h('footer', { class: 'attribution' }, 'Fond de carte : IGN – Admin Express COG 2018 ; INSEE COG 2018 ; via github.com/gregoiredavid/france-geojson (Licence Ouverte)'));

  hub = new LiveHub({ tokenSource: tokens, resync: load });
  hub.on('summary', put);
  bindConnectionBanner(hub);
  hub.start();
  loadMap();
  await load();
}
