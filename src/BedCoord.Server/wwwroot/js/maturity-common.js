// Shared by the maturity pages: the reader's token, the demonstration-grid banner, French numbers and dates, CSV downloads.

import { h } from './dom.js';
import { api, useTokenSource } from './api.js';
import { adoptQueryToken, viewerTokenSource, load, isUsable, BED_MANAGER_KEY } from './auth.js';

export const EDITOR_KEY = 'bedcoord.maturityEditor';

adoptQueryToken(EDITOR_KEY);
const viewer = viewerTokenSource();

/** The signed-in editor (questionnaire sign-in, or the bed manager page's session) when there is one, else the board's viewer. */
export function editorSession() {
  for (const key of [EDITOR_KEY, BED_MANAGER_KEY]) {
    const entry = load(key);
    if (isUsable(entry)) return entry;
  }
  return null;
}

export async function currentToken() {
  return editorSession()?.token ?? viewer.get();
}

useTokenSource({ get: currentToken, invalidate: () => viewer.invalidate() });

export { api };

/** Said on every screen that shows figures from a demonstration grid. */
export function demoBanner(grid) {
  if (!grid?.demonstration) return null;
  return h('p', { class: 'demo-banner', role: 'note', 'data-testid': 'demo-grid' },
    `Grille de démonstration (version ${grid.version}) : questions, options et poids inventés pour montrer l’outil ; ce ne sont pas ceux de l’indice officiel.`);
}

export function pct(value) {
  return value === null || value === undefined ? '—' : `${value.toFixed(1).replace('.', ',')} %`;
}

export function dec(value, digits = 1) {
  return value === null || value === undefined ? '—' : value.toFixed(digits).replace('.', ',');
}

export function date(iso) {
  return iso ? new Date(iso).toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris', day: '2-digit', month: '2-digit', year: 'numeric' }) : '—';
}

export function dateTime(iso) {
  return iso ? new Date(iso).toLocaleString('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'short', timeStyle: 'short' }) : '—';
}

export function problemText(p) {
  const fields = Object.entries(p?.errors ?? {}).map(([f, m]) => `${f} : ${m.join(' ')}`);
  return fields.length ? fields.join(' — ') : p?.detail ?? 'Erreur.';
}

/** A CSV export fetched with the caller's token, handed to the browser as a file. */
export async function download(path, fileName) {
  const token = await currentToken().catch(() => null);
  const res = await fetch(path, { headers: token ? { Authorization: `Bearer ${token}` } : {}, cache: 'no-store' });
  if (!res.ok) return false;
  const url = URL.createObjectURL(await res.blob());
  const a = h('a', { href: url, download: fileName });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return true;
}

export function exportButtons(path, name, say) {
  const go = (format) => async () => {
    const ok = await download(`${path}${path.includes('?') ? '&' : '?'}format=${format}`, `${name}${format === 'csv-fr' ? '-fr' : ''}.csv`);
    if (!ok) say?.('Export impossible pour le moment.', true);
  };
  return h('div', { class: 'toolbar' },
    h('button', { type: 'button', class: 'secondary', onclick: go('csv') }, 'Exporter en CSV'),
    h('button', { type: 'button', class: 'secondary', onclick: go('csv-fr') }, 'Exporter en CSV (Excel français)'));
}

export function table(caption, headers, rows, { testId } = {}) {
  // Focusable and named: on a phone a wide table scrolls inside its box, by keyboard too.
  return h('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': caption },
    h('table', { 'data-testid': testId },
      h('caption', {}, caption),
      h('thead', {}, h('tr', {}, headers.map((c) => h('th', { scope: 'col', class: c.n ? 'n' : null }, c.label ?? c)))),
      h('tbody', {}, rows.map((r) => h('tr', {}, r.map((cell, i) => (i === 0 ? h('th', { scope: 'row' }, cell) : h('td', { class: headers[i]?.n ? 'n' : null }, cell))))))));
}

let uPlotLoading = null;
/** uPlot's script, vendored in /lib, fetched the first time a chart is shown. */
export function loadUPlot() {
  uPlotLoading ??= new Promise((resolve, reject) => {
    if (window.uPlot) return resolve(window.uPlot);
    const script = document.createElement('script');
    script.src = '/lib/uPlot.iife.min.js';
    script.onload = () => resolve(window.uPlot);
    script.onerror = () => reject(new Error('uPlot indisponible'));
    document.head.append(script);
  });
  return uPlotLoading;
}
