import { s } from './dom.js';

// Metropolitan France in an equirectangular projection with x shrunk by cos(46.5°), and the five overseas
// regions as insets in a row below it (they sit thousands of kilometres away at their true positions).
const COS_LAT = Math.cos((46.5 * Math.PI) / 180);
const WIDTH = 1000;
const PAD = 10;
const INSET_H = 150;

const polygonsOf = (geometry) => (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.type === 'MultiPolygon' ? geometry.coordinates : []);

function bounds(features, cos) {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const f of features) for (const poly of polygonsOf(f.geometry)) for (const [lon, lat] of poly[0]) {
    const x = lon * cos, y = -lat;
    minX = Math.min(minX, x); maxX = Math.max(maxX, x); minY = Math.min(minY, y); maxY = Math.max(maxY, y);
  }
  return { minX, minY, maxX, maxY };
}

/** An SVG path for the features fitted into the box { x, y, w, h }. */
function fit(features, box, cos) {
  const b = bounds(features, cos);
  const scale = Math.min(box.w / (b.maxX - b.minX), box.h / (b.maxY - b.minY));
  const ox = box.x + (box.w - (b.maxX - b.minX) * scale) / 2, oy = box.y + (box.h - (b.maxY - b.minY) * scale) / 2;
  const px = ([lon, lat]) => `${(ox + (lon * cos - b.minX) * scale).toFixed(1)},${(oy + (-lat - b.minY) * scale).toFixed(1)}`;
  return features.map((f) => ({
    id: f.properties.id,
    name: f.properties.nom,
    path: polygonsOf(f.geometry).map((poly) => poly.map((ring) => `M${ring.map(px).join('L')}Z`).join('')).join(''),
  }));
}

/** Projects the regions once: metropolitan shapes on top, overseas insets underneath. */
export function projectRegions(geojson) {
  const metro = geojson.features.filter((f) => f.properties.zone !== 'drom');
  const drom = geojson.features.filter((f) => f.properties.zone === 'drom');
  const b = bounds(metro, COS_LAT);
  const metroH = Math.ceil(((b.maxY - b.minY) / (b.maxX - b.minX)) * (WIDTH - 2 * PAD));
  const shapes = fit(metro, { x: PAD, y: PAD, w: WIDTH - 2 * PAD, h: metroH }, COS_LAT);
  const insetW = (WIDTH - PAD * (drom.length + 1)) / Math.max(1, drom.length);
  const insets = drom.map((f, i) => {
    const box = { x: PAD + i * (insetW + PAD), y: metroH + 3 * PAD, w: insetW, h: INSET_H };
    const lat = polygonsOf(f.geometry)[0][0][0][1]; // each island group is small: one latitude will do
    const cos = Math.cos((lat * Math.PI) / 180);
    return { box, ...fit([f], { x: box.x + 6, y: box.y + 6, w: box.w - 12, h: box.h - 12 }, cos)[0] };
  });
  return { width: WIDTH, height: metroH + 4 * PAD + (drom.length ? INSET_H : 0), shapes, insets };
}

/**
 * Builds the map as a group of named links, one per region of the territory (keyboard and screen readers reach
 * each region by name; colour is never the only carrier: each link's name says the level and the available beds).
 * Regions outside the territory are drawn, greyed, and are not links. Returns update(states) with
 * states[id] = { level, label }.
 */
export function createRegionMap(container, projected, { hrefFor, onNavigate, known }) {
  const svg = s('svg', {
    viewBox: `0 0 ${projected.width} ${projected.height}`,
    class: 'map-svg national-map',
    role: 'group',
    'aria-label': 'Carte des régions de France, colorées selon leur niveau de tension',
    'data-testid': 'national-map',
  });
  const byId = new Map();
  for (const r of [...projected.shapes, ...projected.insets]) {
    if (r.box) svg.append(s('rect', { x: r.box.x, y: r.box.y, width: r.box.w, height: r.box.h, class: 'inset-frame', 'aria-hidden': 'true' }));
    const path = s('path', { d: r.path, class: ['dept', 'region-shape', !known.has(r.id) && 'absent'], 'fill-rule': 'evenodd' });
    if (!known.has(r.id)) { svg.append(s('g', { 'aria-hidden': 'true' }, path)); continue; }
    const href = hrefFor(r.id);
    const link = s('a', {
      href, 'data-testid': `map-region-${r.id}`, 'aria-label': r.name,
      onclick: (e) => { if (!e.ctrlKey && !e.metaKey && !e.shiftKey) { e.preventDefault(); onNavigate(href); } },
    }, path);
    svg.append(link);
    byId.set(r.id, { link, path, name: r.name });
  }
  container.replaceChildren(svg);
  return function update(states) {
    for (const [id, { link, path, name }] of byId) {
      const st = states[id];
      if (st && Number.isInteger(st.level)) path.setAttribute('data-level', String(st.level));
      else path.removeAttribute('data-level');
      link.setAttribute('aria-label', st ? `${name} : ${st.label}` : name);
    }
  };
}
