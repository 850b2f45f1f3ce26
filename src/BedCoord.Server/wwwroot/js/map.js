import { s } from './dom.js';

// Equirectangular with x shrunk by cos(mean latitude): at Occitanie's size (~4° of latitude)
// shapes stay recognisable and the code stays a few lines, with no projection library.
const COS_LAT = Math.cos((43.7 * Math.PI) / 180);
const WIDTH = 1000;
const PAD = 12;

function rings(geometry) {
  if (geometry.type === 'Polygon') return [geometry.coordinates];
  if (geometry.type === 'MultiPolygon') return geometry.coordinates;
  return [];
}

/** Projects the features once; the board only recolours paths afterwards. */
export function projectDepartments(geojson) {
  const raw = geojson.features.map((f) => ({
    code: String(f.properties.code),
    name: f.properties.nom,
    sector: String(f.properties.secteur ?? '').toUpperCase(),
    polygons: rings(f.geometry).map((poly) => poly.map((ring) => ring.map(([lon, lat]) => [lon * COS_LAT, -lat]))),
  }));
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const d of raw) for (const poly of d.polygons) for (const ring of poly) for (const [x, y] of ring) {
    minX = Math.min(minX, x); maxX = Math.max(maxX, x); minY = Math.min(minY, y); maxY = Math.max(maxY, y);
  }
  const scale = (WIDTH - 2 * PAD) / (maxX - minX);
  const height = Math.ceil((maxY - minY) * scale + 2 * PAD);
  const px = ([x, y]) => [PAD + (x - minX) * scale, PAD + (y - minY) * scale];
  const departments = raw.map((d) => {
    const polygons = d.polygons.map((poly) => poly.map((ring) => ring.map(px)));
    const path = polygons.map((poly) => poly.map((ring) => 'M' + ring.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join('L') + 'Z').join('')).join('');
    return { code: d.code, name: d.name, sector: d.sector, path, label: labelPoint(polygons) };
  });
  return { width: WIDTH, height, departments };
}

// Area centroid of the largest outer ring: good enough for these compact shapes.
function labelPoint(polygons) {
  let best = null;
  for (const poly of polygons) {
    const ring = poly[0];
    let a = 0, cx = 0, cy = 0;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [x0, y0] = ring[j], [x1, y1] = ring[i];
      const f = x0 * y1 - x1 * y0;
      a += f; cx += (x0 + x1) * f; cy += (y0 + y1) * f;
    }
    if (a === 0) continue;
    const c = { area: Math.abs(a / 2), x: cx / (3 * a), y: cy / (3 * a) };
    if (!best || c.area > best.area) best = c;
  }
  return best ?? { x: 0, y: 0 };
}

// Levels are told by a pattern as well as a colour (hatching for tension forte, cross-hatching for crise): the
// map stays readable without colour vision and in grey print. The same patterns mark the legend's swatches.
function patterns() {
  const hatch = (id, lines) => s('pattern', { id, class: `lvl-pattern ${id}`, patternUnits: 'userSpaceOnUse', width: '14', height: '14', patternTransform: 'rotate(45)' },
    s('rect', { class: 'pattern-bg', width: '14', height: '14' }),
    lines.map(([x1, y1, x2, y2]) => s('line', { class: 'pattern-line', x1, y1, x2, y2 })));
  return s('defs', {},
    hatch('lvl-pattern-2', [['0', '0', '0', '14']]),
    hatch('lvl-pattern-3', [['0', '0', '0', '14'], ['0', '7', '14', '7']]));
}

/**
 * Builds the SVG once. Each département is a real link (<a href>, named "Aude (11) — Crise — 42 lits disponibles"),
 * inside a group named as the map: keyboard users tab through them, screen readers list them; clicks and Enter
 * go through onPick so the board navigates without reloading. Returns update(), which recolours from
 * { [code]: { level, available, stale } } and highlights the current scope.
 */
export function createMap(container, projected, { onPick, hrefFor = () => null, interactive = true } = {}) {
  const svg = s('svg', {
    viewBox: `0 0 ${projected.width} ${projected.height}`,
    class: 'map-svg',
    // A group when its départements are links (an image may not hold interactive parts).
    role: interactive ? 'group' : 'img',
    'aria-label': 'Carte des départements d’Occitanie colorés selon leur niveau de tension',
    'data-testid': 'map',
  });
  const shapes = s('g', { class: 'map-shapes' });
  const labels = s('g', { class: 'map-labels', 'aria-hidden': 'true' });
  const byCode = new Map();
  for (const d of projected.departments) {
    const path = s('path', {
      d: d.path,
      class: 'dept',
      'fill-rule': 'evenodd',
      'data-testid': `dept-${d.code}`,
      'data-code': d.code,
      'data-sector': d.sector,
    });
    const title = s('title', {}, d.name);
    let named = path;
    if (interactive) {
      const href = hrefFor(d.code);
      const link = s('a', { href, class: 'dept-link', 'data-testid': `dept-link-${d.code}` }, title, path);
      link.addEventListener('click', (e) => { if (!e.ctrlKey && !e.metaKey && !e.shiftKey) { e.preventDefault(); onPick?.(d.code); } });
      shapes.append(link);
      named = link;
    } else {
      path.append(title);
      shapes.append(path);
    }
    const code = s('text', { x: d.label.x.toFixed(1), y: (d.label.y - 10).toFixed(1), class: 'map-code' }, d.code);
    const value = s('text', { x: d.label.x.toFixed(1), y: (d.label.y + 22).toFixed(1), class: 'map-value num' }, '');
    labels.append(code, value);
    byCode.set(d.code, { path, named, title, value, dept: d });
  }
  svg.append(patterns(), shapes, labels);
  container.replaceChildren(svg);
  // Another region's outlines have another shape: its box, kept from now on (board.css reserves Occitanie's).
  container.style.aspectRatio = `${projected.width} / ${projected.height}`;

  return function update(states, { selectedCode = null, selectedSector = null } = {}) {
    for (const [code, { path, named, title, value, dept }] of byCode) {
      const st = states[code];
      const level = st?.level;
      if (Number.isInteger(level)) path.setAttribute('data-level', String(level));
      else path.removeAttribute('data-level');
      path.classList.toggle('stale', !!st?.stale);
      path.classList.toggle('selected', code === selectedCode);
      path.classList.toggle('muted', !!selectedSector && dept.sector !== selectedSector);
      if (code === selectedCode) named.setAttribute('aria-current', 'page'); else named.removeAttribute('aria-current');
      value.textContent = st && st.available !== undefined && st.available !== null ? `${st.available}` : '';
      const text = st
        ? `${dept.name} (${code}) — ${st.levelLabel}${st.stale ? ', données anciennes' : ''} — ${st.available ?? '—'} lits disponibles`
        : `${dept.name} (${code}) — pas de données`;
      title.textContent = text;
      if (named !== path) named.setAttribute('aria-label', text);
    }
  };
}
