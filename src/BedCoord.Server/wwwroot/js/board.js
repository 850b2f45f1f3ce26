import { h, replaceChildren } from './dom.js';
import { api, scopePath, useTokenSource } from './api.js';
import { viewerTokenSource, adoptQueryToken, VIEWER_KEY } from './auth.js';
import { LiveHub, bindConnectionBanner } from './hub.js';
import { projectDepartments, createMap } from './map.js';
import { createAlertFeed } from './alerts.js';
import { childrenTable } from './board-table.js';
import { breadcrumb, sectorTiles, scopePanel, sectorPlaceholders } from './board-view.js';
import { CHILD_KIND_LABELS, LEVEL_LABELS } from './labels.js';
import { effectiveLevel, figures, isStale, levelLabel } from './format.js';
import { createBoardTrends } from './board-trends.js';
import { replayFromSearch, createReplayBar, hrefWithAt, atParam } from './replay.js';
import { createAnnouncer } from './announcer.js';
import { ScopeStore } from './scope-store.js';

const params = new URLSearchParams(location.search);
const REGION = (params.get('region') ?? 'OCC').toUpperCase();
const KIOSK = params.get('kiosk') === '1';
const COMPACT = params.get('compact') === '1';
const ROTATE_S = Number(params.get('rotate')) > 0 ? Math.max(5, Number(params.get('rotate'))) : 0;
// Replay (?at=): every read is "as it was at", nothing pushed live is applied, the hub is never started.
const REPLAY = replayFromSearch(location.search);
let replayAt = REPLAY?.at ?? null;

// The one copy of every scope (hub snapshots and changes, GET answers); every view below reads from it.
const store = new ScopeStore();
const notFound = new Set();
const expanded = new Set();
let route = parseRoute(location.pathname);
let currentSubscription = null;
let renderQueued = false;
let mapUpdate = null;
let hub = null;
let els = null;
let loadError = null;
let emptyTerritory = false; // nothing imported yet: a valid state the board explains
let retryTimer = null;
let trends = null; // the trend charts, kept across renders
let replayBar = null;
let feed = null;
let announcer = null;

const keyOf = (kind, id) => `${kind}:${id}`;
const norm = (s) => (s && typeof s.kind === 'string' ? { ...s, kind: s.kind.toLowerCase() } : s);

export function parseRoute(pathname) {
  const m = pathname.replace(/\/+$/, '').match(/^\/board\/(sector|department|establishment)\/([^/]+)$/i);
  if (m) return { kind: m[1].toLowerCase(), id: decodeURIComponent(m[2]).toUpperCase() };
  return { kind: 'region', id: REGION };
}

function hrefFor(kind, id) {
  const keep = new URLSearchParams(location.search);
  const qs = keep.toString() ? `?${keep}` : '';
  return kind === 'region' ? `/board${qs}` : `/board/${kind}/${encodeURIComponent(id)}${qs}`;
}

function childHref(child) {
  return child.kind === 'unit' ? null : hrefFor(child.kind, child.id);
}

/** Reads the store by "kind:id" key (what the views below ask for). */
const index = {
  get(k) {
    const at = k.indexOf(':');
    return store.get(k.slice(0, at), k.slice(at + 1));
  },
};

/** A scope arrived: by GET (put in the store here) or from the hub (already in the store, given as it now stands). */
function put(summary, fromHub) {
  const s = norm(summary);
  if (!s?.kind || !s.id) return;
  const k = keyOf(s.kind, s.id);
  if (!fromHub) store.putFetched(s);
  notFound.delete(k);
  if (k === keyOf(route.kind, route.id)) {
    const held = store.get(route.kind, route.id);
    trends?.update({ ...held, children: (held.children ?? []).map(norm) }, fromHub);
  }
  scheduleRender();
}

async function fetchScope(kind, id) {
  const k = keyOf(kind, id);
  const asked = replayAt;
  const res = await api(replayAt === null ? scopePath(kind, id) : `${scopePath(kind, id)}?at=${encodeURIComponent(atParam(replayAt))}`);
  if (asked !== replayAt) return; // the replay moved on meanwhile
  if (res.ok && res.data) {
    put(res.data, false); // kept only if the hub has not already given something newer
  } else if (res.status === 404) {
    notFound.add(k);
    scheduleRender();
  } else {
    loadError = res.problem?.detail ?? `HTTP ${res.status}`;
    scheduleRender();
    return;
  }
  loadError = null;
}

/** Everything the board shows: region (sector tiles), sectors (map colours), current scope. */
async function loadAll() {
  await fetchScope('region', REGION);
  const region = store.get('region', REGION);
  if (!region) {
    if (notFound.has(keyOf('region', REGION))) await checkTerritoryEmpty();
    // Nothing to show yet (server starting, territory not imported, token refused): try again rather than stay blank.
    clearTimeout(retryTimer);
    retryTimer = setTimeout(loadAll, 10_000);
    return;
  }
  const sectors = (region?.children ?? []).map((c) => c.id);
  const jobs = sectors.map((id) => fetchScope('sector', id));
  if (route.kind !== 'region' && !(route.kind === 'sector' && sectors.includes(route.id))) jobs.push(fetchScope(route.kind, route.id));
  await Promise.all(jobs);
  for (const id of sectors) hub?.subscribe(`sector:${id}`);
}

/** A fresh deployment holds no territory until its first import: say so instead of "unknown scope". */
async function checkTerritoryEmpty() {
  const res = await api('/api/territory');
  emptyTerritory = res.ok && Array.isArray(res.data?.regions) && res.data.regions.length === 0;
  scheduleRender();
}

function scheduleRender() {
  if (renderQueued) return;
  renderQueued = true;
  requestAnimationFrame(() => {
    renderQueued = false;
    render();
  });
}

function navigate(href, { replace = false } = {}) {
  if (replace) history.replaceState({}, '', href);
  else history.pushState({}, '', href);
  onRoute();
}

function onRoute() {
  route = parseRoute(location.pathname);
  const scope = `${route.kind}:${route.id}`;
  // Region and sectors stay subscribed for the map and the tiles; only deeper scopes come and go.
  const permanent = route.kind === 'region' || route.kind === 'sector';
  if (currentSubscription && currentSubscription !== scope) {
    hub?.unsubscribe(currentSubscription);
    // Unsubscribed figures stop being updated: forget them rather than show them later as live.
    const at = currentSubscription.indexOf(':');
    store.forget(currentSubscription.slice(0, at), currentSubscription.slice(at + 1));
  }
  currentSubscription = permanent ? null : scope;
  if (!permanent) hub?.subscribe(scope);
  else if (route.kind === 'sector') hub?.subscribe(scope);
  if (!store.has(route.kind, route.id)) fetchScope(route.kind, route.id);
  showTrend();
  replayBar?.setScope(scopePath(route.kind, route.id));
  expanded.clear();
  scheduleRender();
  window.scrollTo(0, 0);
}

/** The trend chart follows the scope shown and the replayed instant. */
function showTrend() {
  trends.show(route.kind, route.id, store.get(route.kind, route.id) ?? null, replayAt);
}

/** The replay moved to another instant: reread everything as it was then. */
function replayTo(ms) {
  replayAt = ms;
  history.replaceState({}, '', hrefWithAt(ms));
  store.clear();
  notFound.clear();
  feed?.reset();
  loadAll();
  loadAlerts();
  showTrend();
  scheduleRender();
}

function crumbs(index) {
  const region = index.get(keyOf('region', REGION));
  const list = [{ label: region?.name ?? `Région ${REGION}`, href: hrefFor('region', REGION) }];
  if (route.kind === 'region') return list;
  const chain = [];
  let kind = route.kind, id = route.id;
  const parentKind = { establishment: 'department', department: 'sector', sector: 'region' };
  while (kind && kind !== 'region') {
    const s = index.get(keyOf(kind, id));
    chain.unshift({ label: s?.name ?? id, href: hrefFor(kind, id), kind });
    if (!s?.parentId) break;
    id = s.parentId;
    kind = parentKind[kind];
  }
  return list.concat(chain);
}

function mapStates() {
  const states = {};
  for (const s of store.ofKind('department')) {
    const level = effectiveLevel(s);
    states[s.id] = { level, levelLabel: levelLabel(level), available: figures(s.beds)?.available, stale: isStale(s) };
  }
  return states;
}

function selection(index) {
  if (route.kind === 'sector') return { selectedSector: route.id };
  if (route.kind === 'department') return { selectedCode: route.id };
  if (route.kind === 'establishment') {
    const e = index.get(keyOf('establishment', route.id));
    return { selectedCode: e?.parentId ?? null };
  }
  return {};
}

function render() {
  const now = replayAt ?? Date.now(); // ages ("il y a 14 h") as they read at the replayed instant
  const current = index.get(keyOf(route.kind, route.id));
  const own = current;
  const region = index.get(keyOf('region', REGION));
  document.title = `${current?.name ?? route.id} — BedCoord`;

  replaceChildren(els.breadcrumb, breadcrumb(crumbs(index), navigate));
  const sectors = (region?.children ?? []).map((c) => index.get(keyOf('sector', c.id)) ?? norm(c));
  replaceChildren(els.sectors, !sectors.length ? sectorPlaceholders() : sectorTiles(sectors, { hrefFor: (s) => hrefFor('sector', s.id), onNavigate: navigate, currentId: route.kind === 'sector' ? route.id : null, now }));
  mapUpdate?.(mapStates(), selection(index));
  // In a replay, a 404 means the history starts later than the instant asked, not an unknown scope.
  const missing = notFound.has(keyOf(route.kind, route.id));
  const replayGap = missing && replayAt !== null ? "aucun état connu à cet instant, l'historique commence plus tard" : null;
  replaceChildren(els.scope, scopePanel(current, { kind: route.kind, id: route.id, notFound: missing && !replayGap, emptyTerritory: emptyTerritory && !current, error: replayGap ?? loadError, now, compact: COMPACT || KIOSK }));
  if (!KIOSK) els.scope.append(h('p', { class: 'cell-link' }, h('a', { href: `/cellule/${route.kind}/${encodeURIComponent(route.id)}`, 'data-testid': 'cell-link' }, 'Cellule de crise : main courante, mesures, demandes')));

  const children = (own?.children ?? []).map((c) => { const n = norm(c); return index.get(keyOf(n.kind, n.id)) ?? n; });
  replaceChildren(els.childrenTitle, CHILD_KIND_LABELS[route.kind] ?? '');
  replaceChildren(els.children, childrenTable(children, {
    scopeKind: route.kind,
    hrefFor: childHref,
    onNavigate: navigate,
    expanded,
    onToggle: (id) => { expanded.has(id) ? expanded.delete(id) : expanded.add(id); scheduleRender(); },
    compact: COMPACT,
    kiosk: KIOSK,
    now,
    unitTrend: route.kind === 'establishment' ? trends.unitControl : null,
  }));
}

function layout(root) {
  document.body.classList.add('page-board');
  // On <html> too: sizes are in rem, so the mode scales everything from the root font size.
  for (const el of [document.documentElement, document.body]) {
    el.classList.toggle('kiosk', KIOSK);
    el.classList.toggle('compact', COMPACT && !KIOSK);
  }
  const clock = h('time', { class: 'clock' });
  const tick = () => { clock.textContent = new Date().toLocaleTimeString('fr-FR', { hour: '2-digit', minute: '2-digit' }); };
  tick();
  setInterval(tick, 10_000);
  els = {
    breadcrumb: h('nav', { class: 'breadcrumb', 'data-testid': 'breadcrumb', 'aria-label': "Fil d'Ariane" }),
    map: h('div', { class: 'map' }),
    sectors: h('div', { class: 'sectors' }),
    scope: h('section', { class: 'scope-panel', 'aria-label': 'Périmètre affiché' }),
    childrenTitle: h('h2', { id: 'children-title' }),
    // A keyboard-reachable region: on a narrow screen the table scrolls sideways inside it.
    children: h('div', { class: 'children-wrap', role: 'region', 'aria-labelledby': 'children-title', tabindex: '0' }),
    // Focusable: it scrolls, and keyboard users must be able to scroll it. Not a live region: the announcer
    // says what changed, once, instead of the whole list re-read on every alert.
    alerts: h('ol', { class: 'alert-feed', 'data-testid': 'alert-feed', 'aria-label': 'Dernières alertes', tabindex: '0' }),
  };
  trends = createBoardTrends({ onChange: scheduleRender });
  announcer = createAnnouncer();
  if (replayAt !== null) replayBar = createReplayBar({ at: replayAt, onChange: replayTo });
  const legend = h('ul', { class: 'legend' }, LEVEL_LABELS.map((l, i) => h('li', {}, h('span', { class: 'swatch', 'data-level-badge': String(i) }), l)),
    h('li', {}, h('span', { class: 'swatch', 'data-level-badge': 'none' }), 'Sans données'));
  replaceChildren(root,
    replayBar?.el,
    REPLAY?.error ? h('p', { class: 'replay-error', role: 'alert' }, REPLAY.error) : null,
    h('header', { class: 'topbar' },
      h('a', { class: 'brand', href: hrefFor('region', REGION), onclick: (e) => { e.preventDefault(); navigate(hrefFor('region', REGION)); } }, 'BedCoord', h('span', {}, 'Tension hospitalière')),
      els.breadcrumb,
      h('div', { class: 'top-right' },
        h('span', { class: 'live-state', 'aria-hidden': 'true' }),
        KIOSK ? null : h('nav', { class: 'pages' }, h('a', { href: '/board/national' }, 'France'), h('a', { href: '/recherche' }, 'Trouver un lit'), h('a', { href: '/lits' }, 'Saisie des lits')),
        rotationToggle(),
        clock)),
    h('main', { class: 'board-grid', id: 'main', tabindex: '-1' },
      h('div', { class: 'side' },
        h('section', { class: 'map-panel' }, els.map, legend, els.sectors),
        h('aside', { class: 'alerts-panel' }, h('h2', {}, 'Alertes'), els.alerts)),
      h('div', { class: 'center' }, els.scope, trends.scopeSlot, h('section', { class: 'children-panel' }, els.childrenTitle, els.children, trends.unitSlot))),
    announcer.el,
    h('footer', { class: 'attribution' }, 'Fond de carte : IGN – Admin Express COG 2018 ; INSEE COG 2018 ; via github.com/gregoiredavid/france-geojson'));
}

async function loadMap() {
  // The bundled outlines are Occitanie's départements; another region's board goes without a map.
  if (REGION !== 'OCC') { replaceChildren(els.map); return; }
  try {
    const res = await fetch('/data/occitanie-departements-light.geojson');
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const projected = projectDepartments(await res.json());
    mapUpdate = createMap(els.map, projected, { interactive: !KIOSK, hrefFor: (code) => hrefFor('department', code), onPick: (code) => navigate(hrefFor('department', code)) });
    scheduleRender();
  } catch (e) {
    replaceChildren(els.map, h('p', { class: 'map-error', 'data-testid': 'map' }, 'Carte indisponible.'));
    console.error('map', e);
  }
}

// A wall screen with nobody to click: show each sector in turn. Whoever stands at the screen can pause the
// rotation (RGAA 13.8 / WCAG 2.2.2: moving content has a means to stop it) and resume it.
let rotationPaused = false;
function rotationToggle() {
  if (!KIOSK || !ROTATE_S) return null;
  const button = h('button', { type: 'button', class: 'rotation-toggle', 'aria-pressed': 'false', 'data-testid': 'rotation-toggle' }, 'Pause de la rotation');
  button.addEventListener('click', () => {
    rotationPaused = !rotationPaused;
    button.setAttribute('aria-pressed', String(rotationPaused));
    button.textContent = rotationPaused ? 'Reprendre la rotation' : 'Pause de la rotation';
  });
  return button;
}

function startRotation() {
  if (!KIOSK || !ROTATE_S) return;
  setInterval(() => {
    if (rotationPaused) return;
    const region = store.get('region', REGION);
    const ids = (region?.children ?? []).map((c) => c.id);
    if (!ids.length) return;
    const at = route.kind === 'sector' ? ids.indexOf(route.id) : -1;
    navigate(hrefFor('sector', ids[(at + 1) % ids.length]), { replace: true });
  }, ROTATE_S * 1000);
}

export async function start(root) {
  adoptQueryToken(VIEWER_KEY);
  const tokens = viewerTokenSource(REGION);
  useTokenSource(tokens);
  layout(root);
  feed = createAlertFeed(els.alerts);
  feed.render();

  if (replayAt === null) {
    hub = new LiveHub({ store, tokenSource: tokens, resync: () => Promise.all([loadAll(), loadAlerts()]) });
    hub.on('summary', (s) => put(s, true)).on('alert', (a) => { feed.add(a); announcer.levelChange(a); })
      .on('crisis', (n) => { if (n?.what === 'overdue') feed.add({ id: `overdue-${n.id}`, at: n.at, overdue: true, name: 'Mesure en retard', cause: n.text }); });
    bindConnectionBanner(hub);
    hub.subscribe(`region:${REGION}`);
  } else {
    document.body.dataset.live = 'false';
    document.body.dataset.conn = 'replay';
  }
  onRoute();
  hub?.start();

  window.addEventListener('popstate', onRoute);
  setInterval(scheduleRender, 30_000); // ages ("il y a 14 h") move on by themselves
  loadMap();
  loadAll();
  loadAlerts();
  if (replayAt === null) startRotation();
}

/** The region's alerts: the latest (live), or those raised in the 7 days up to the replayed instant. */
async function loadAlerts() {
  const asked = replayAt;
  const span = asked === null ? '' : `&since=${encodeURIComponent(atParam(asked - 7 * 24 * 3600_000))}&until=${encodeURIComponent(atParam(asked))}`;
  const res = await api(`/api/alerts?scope=${encodeURIComponent(`region:${REGION}`)}${span}`);
  if (asked === replayAt && res.ok && Array.isArray(res.data)) feed.addMany(res.data);
}
