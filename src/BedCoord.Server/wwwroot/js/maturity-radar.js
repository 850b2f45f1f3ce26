// The radar of an establishment's scores by theme, drawn in SVG: the latest version filled, the one before dashed.
// The table that follows it on the page says the same in words.

import { s } from './dom.js';

const W = 520, H = 400, CX = 260, CY = 200, R = 135;

function point(i, n, value) {
  const angle = -Math.PI / 2 + (2 * Math.PI * i) / n;
  const r = (R * Math.max(0, Math.min(100, value ?? 0))) / 100;
  return [CX + r * Math.cos(angle), CY + r * Math.sin(angle)];
}

const polygon = (values) => values.map((v, i) => point(i, values.length, v).map((c) => c.toFixed(1)).join(',')).join(' ');

/** themes: [{label}], latest / previous: arrays of % (null when not scored), same order. */
export function radar(themes, latest, previous, description) {
  const n = themes.length;
  const rings = [20, 40, 60, 80, 100].map((p) => s('polygon', { class: 'radar-grid', points: polygon(themes.map(() => p)) }));
  const axes = themes.map((_, i) => {
    const [x, y] = point(i, n, 100);
    return s('line', { class: 'radar-axis', x1: CX, y1: CY, x2: x.toFixed(1), y2: y.toFixed(1) });
  });
  const labels = themes.map((t, i) => {
    const [x, y] = point(i, n, 118);
    const anchor = Math.abs(x - CX) < 10 ? 'middle' : x > CX ? 'start' : 'end';
    return s('text', { class: 'radar-label', x: x.toFixed(1), y: (y + 4).toFixed(1), 'text-anchor': anchor }, t.label);
  });
  const ticks = [50, 100].map((p) => s('text', { class: 'radar-label', x: CX + 4, y: (CY - (R * p) / 100 + 12).toFixed(1) }, `${p} %`));
  return s('svg', { class: 'radar', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': description, 'data-testid': 'radar' },
    s('title', {}, description),
    rings, axes,
    previous ? s('polygon', { class: 'radar-previous', points: polygon(previous) }) : null,
    latest ? s('polygon', { class: 'radar-latest', points: polygon(latest) }) : null,
    labels, ticks);
}
