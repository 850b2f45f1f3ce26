// Canvas drawing a uPlot chart does not do by itself: threshold bands (labelled in words, not only by
// colour) behind the series, and the effective level as a strip along the bottom of the plot.
import { LEVEL_LABELS } from './labels.js';
import { num, pct } from './format.js';

const LEVEL_VARS = ['--lvl-0', '--lvl-1', '--lvl-2', '--lvl-3'];
let palette = null;

function colours() {
  if (!palette) {
    const css = getComputedStyle(document.documentElement);
    palette = LEVEL_VARS.map((v, i) => css.getPropertyValue(v).trim() || ['#2fbf71', '#f2cf3a', '#ff8a1f', '#ff3d47'][i]);
  }
  return palette;
}

function alpha(hex, a) {
  const m = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!m) return hex;
  const n = parseInt(m[1], 16);
  return `rgba(${n >> 16},${(n >> 8) & 255},${n & 255},${a})`;
}

/**
 * band: { scale, direction, values: [t1, t2, t3], label }. Level k (1..3) is reached at or past t_k,
 * so the band of level k runs from t_k to t_{k+1} (to the plot's edge for crise).
 */
export function drawBands(u, bandList) {
  if (!bandList?.length) return;
  const { ctx } = u;
  const { left, top, width, height } = u.bbox;
  const dpr = devicePixelRatio || 1;
  const lvl = colours();
  ctx.save();
  ctx.beginPath();
  ctx.rect(left, top, width, height);
  ctx.clip();
  ctx.font = `${Math.round(11 * dpr)}px system-ui, sans-serif`;
  for (const band of bandList) {
    // Bed thresholds are labelled on the left (their axis), rate thresholds on the right: labels of close lines do not overlap.
    const onLeft = band.scale === 'beds';
    ctx.textAlign = onLeft ? 'left' : 'right';
    if (!u.scales[band.scale] || u.scales[band.scale].min === undefined) continue;
    const y = (v) => u.valToPos(v, band.scale, true);
    const edge = band.direction === 'above' ? top : top + height;
    for (let k = 1; k <= 3; k++) {
      const from = y(band.values[k - 1]);
      const to = k < 3 ? y(band.values[k]) : edge;
      ctx.fillStyle = alpha(lvl[k], 0.1);
      ctx.fillRect(left, Math.min(from, to), width, Math.abs(to - from));
      ctx.strokeStyle = alpha(lvl[k], 0.8);
      ctx.lineWidth = dpr;
      ctx.setLineDash([4 * dpr, 4 * dpr]);
      ctx.beginPath();
      ctx.moveTo(left, from);
      ctx.lineTo(left + width, from);
      ctx.stroke();
      const value = band.scale === 'pct' ? pct(band.values[k - 1]) : num(band.values[k - 1]);
      ctx.fillStyle = lvl[k];
      ctx.fillText(`${LEVEL_LABELS[k]} : ${band.label} ${band.direction === 'above' ? '≥' : '≤'} ${value}`, onLeft ? left + 4 * dpr : left + width - 4 * dpr, from - 3 * dpr);
    }
  }
  ctx.restore();
}

/** The level of each bucket as a coloured strip under the series (the legend and the table say it in words). */
export function drawLevelStrip(u, seriesIdx) {
  const xs = u.data[0], levels = u.data[seriesIdx];
  if (!xs?.length) return;
  const { ctx } = u;
  const { left, top, width, height } = u.bbox;
  const dpr = devicePixelRatio || 1;
  const strip = 6 * dpr;
  const lvl = colours();
  ctx.save();
  for (let i = 0; i < xs.length; i++) {
    const v = levels[i];
    if (v === null || v === undefined) continue;
    const x0 = Math.max(left, u.valToPos(xs[i], 'x', true));
    const x1 = Math.min(left + width, i + 1 < xs.length ? u.valToPos(xs[i + 1], 'x', true) : left + width);
    if (x1 <= x0) continue;
    ctx.fillStyle = lvl[v] ?? '#4b5565';
    ctx.fillRect(x0, top + height - strip, x1 - x0 + 0.5, strip);
  }
  ctx.restore();
}
