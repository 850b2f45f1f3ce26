// The national, regional, sector and département maturity view: distribution by region, sector and département, theme means, the
// establishments not answered or not updated for over a year, and maturity beside tension as a description.

import { h, s, replaceChildren } from './dom.js';
import { api, demoBanner, pct, dec, date, exportButtons, table } from './maturity-common.js';

const KIND_PATH = { region: 'regions', sector: 'sectors', department: 'departments' };
const KIND_PATH_NATION = '/api/nation/maturity';
const KIND_LABEL = { nation: 'Vue nationale', region: 'Région', sector: 'Secteur', department: 'Département' };
const KIND_URL = { nation: 'france', region: 'region', sector: 'secteur', department: 'departement' };
const BANDS = ['0–20 %', '20–40 %', '40–60 %', '60–80 %', '80–100 %'];

export async function start(root, kind, id) {
  const message = h('p', { class: 'message', role: 'status', 'aria-live': 'polite' });
  const say = (text, error = false) => { message.textContent = text; message.classList.toggle('error', error); };
  const base = kind === 'nation' ? KIND_PATH_NATION : `/api/${KIND_PATH[kind]}/${encodeURIComponent(id)}/maturity`;
  const res = await api(base);
  if (!res.ok) return replaceChildren(root, h('h1', {}, 'Indice de maturité'), h('p', { class: 'message error' }, res.problem.detail));
  const v = res.data;
  document.title = `Maturité — ${v.name} — BedCoord`;
  const d = v.overall;
  const groupRows = (groups, url) => groups.map((g) => [
    h('a', { href: `/maturite/${url}/${encodeURIComponent(g.id)}` }, g.name), `${g.distribution.answered} / ${g.distribution.establishments}`,
    pct(g.distribution.mean), pct(g.distribution.median), `${pct(g.distribution.q1)} – ${pct(g.distribution.q3)}`]);
  const groupHeaders = ['', { label: 'Ont répondu', n: true }, { label: 'Moyenne', n: true }, { label: 'Médiane', n: true }, { label: '1er – 3e quartile', n: true }];

  replaceChildren(root,
    h('nav', { class: 'nav', 'aria-label': 'Liens' },
      h('a', { href: kind === 'nation' ? '/board/national' : kind === 'region' ? '/board' : `/board/${kind}/${encodeURIComponent(id)}` }, 'Tableau de bord'),
      kind !== 'region' && kind !== 'nation' ? h('a', { href: '/maturite/region/OCC' }, 'Vue régionale') : null,
      kind !== 'nation' ? h('a', { href: '/maturite/france' }, 'Vue nationale') : null),
    h('p', { class: 'sub' }, `Indice de maturité du bed management · ${KIND_LABEL[kind]}`),
    h('h1', {}, v.name),
    demoBanner(v.grid),
    message,
    h('div', { class: 'headline' },
      h('div', {}, h('span', { class: 'big', 'data-testid': 'mean' }, pct(d.mean)), h('div', { class: 'sub' }, 'Score moyen (dernière version de chaque établissement)')),
      h('div', {}, h('div', { 'data-testid': 'answered' }, `${d.answered} établissements sur ${d.establishments} (avec urgences) ont répondu`),
        h('div', { class: 'sub' }, `Médiane ${pct(d.median)} · quartiles ${pct(d.q1)} – ${pct(d.q3)} · de ${pct(d.min)} à ${pct(d.max)}`))),
    h('h2', {}, 'Répartition des scores'),
    h('div', { class: 'charts' }, bandsChart(d.bands), table('Établissements par tranche de score', ['Tranche', { label: 'Établissements', n: true }], d.bands.map((n, i) => [BANDS[i], String(n)]))),
    kind === 'nation' ? [h('h2', {}, 'Par région'), table('Scores par région', groupHeaders, groupRows(v.byRegion, 'region'), { testId: 'by-region' })] : null,
    v.bySector.length > 1 ? [h('h2', {}, 'Par secteur'), table('Scores par secteur', groupHeaders, groupRows(v.bySector, 'secteur'), { testId: 'by-sector' })] : null,
    h('h2', {}, 'Par département'), table('Scores par département', groupHeaders, groupRows(v.byDepartment, 'departement'), { testId: 'by-department' }),
    v.themes.length ? [h('h2', {}, 'Par thème'), table('Score moyen par thème', ['Thème', { label: 'Moyenne', n: true }, { label: 'Établissements', n: true }],
      v.themes.map((t) => [t.label, pct(t.mean), String(t.answered)]))] : null,
    h('h2', {}, 'À relancer : sans réponse ou non mis à jour depuis plus d’un an'),
    v.overdue.length
      ? table(`${v.overdue.length} établissements`, ['Établissement', 'Département', 'Dernière version', { label: 'Score', n: true }],
        v.overdue.map((r) => [link(r), r.departmentCode, r.submittedAt ? date(r.submittedAt) : 'jamais', pct(r.percent)]), { testId: 'overdue' })
      : h('p', { 'data-testid': 'overdue' }, 'Aucun.'),
    h('h2', {}, 'Maturité et tension'),
    scatterBlock(v),
    h('h2', {}, 'Tous les établissements avec urgences'),
    table('Dernier score et tension', ['Établissement', 'Département', { label: 'Score', n: true }, 'Version du', { label: `Jours en tension (${v.tensionDays} j)`, n: true }],
      v.establishments.map((r) => [link(r), r.departmentCode, pct(r.percent), date(r.submittedAt), r.daysInTension === null ? '—' : `${dec(r.daysInTension)} / ${dec(r.knownDays)}`]), { testId: 'establishments' }),
    exportButtons(base, `maturite-${kind}-${id}`, say));
  document.body.dataset.loaded = 'true';
}

const link = (r) => h('a', { href: `/maturite/etablissement/${encodeURIComponent(r.finess)}` }, r.name);

function bandsChart(bands) {
  const max = Math.max(1, ...bands);
  const W = 360, H = 200, left = 30, bottom = 170, bw = 56;
  return s('svg', { class: 'bands', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': `Histogramme des scores : ${bands.map((n, i) => `${BANDS[i]} ${n}`).join(', ')}` },
    s('line', { class: 'scatter-axis', x1: left, y1: bottom, x2: W - 5, y2: bottom }),
    bands.map((n, i) => {
      const height = (n / max) * 140;
      const x = left + 8 + i * (bw + 10);
      return [s('rect', { class: 'bar', x, y: bottom - height, width: bw, height }),
        s('text', { class: 'scatter-label', x: x + bw / 2, y: bottom - height - 4, 'text-anchor': 'middle' }, String(n)),
        s('text', { class: 'scatter-label', x: x + bw / 2, y: bottom + 16, 'text-anchor': 'middle' }, BANDS[i])];
    }));
}

function scatterBlock(v) {
  const points = v.establishments.filter((r) => r.percent !== null && r.daysInTension !== null);
  const caption = h('p', { class: 'note', 'data-testid': 'scatter-caption' },
    `Description, pas une relation de cause à effet : chaque point est un établissement, placé selon son dernier score de maturité et ses jours en tension ou plus sur les ${v.tensionDays} derniers jours. `
    + 'Que les points s’alignent ou non ne dit pas que la maturité réduit (ou augmente) la tension : taille, activité et territoire diffèrent d’un établissement à l’autre.');
  if (points.length < 3) return [caption, h('p', {}, 'Pas assez d’établissements ayant à la fois un score et un historique de tension pour ce graphique.')];
  const W = 520, H = 360, L = 50, B = 310, T = 15, R = 505;
  const maxX = Math.max(v.tensionDays, ...points.map((p) => p.daysInTension));
  const x = (d) => L + (d / maxX) * (R - L);
  const y = (p) => B - (p / 100) * (B - T);
  const svg = s('svg', { class: 'scatter', viewBox: `0 0 ${W} ${H}`, role: 'img', 'data-testid': 'scatter',
    'aria-label': `Nuage de points : score de maturité selon les jours en tension, ${points.length} établissements. Le tableau qui suit donne les valeurs.` },
  s('line', { class: 'scatter-axis', x1: L, y1: B, x2: R, y2: B }), s('line', { class: 'scatter-axis', x1: L, y1: B, x2: L, y2: T }),
  [0, 25, 50, 75, 100].map((p) => s('text', { class: 'scatter-label', x: L - 6, y: y(p) + 4, 'text-anchor': 'end' }, `${p}`)),
  [0, 0.25, 0.5, 0.75, 1].map((f) => s('text', { class: 'scatter-label', x: x(f * maxX), y: B + 16, 'text-anchor': 'middle' }, dec(f * maxX, 0))),
  s('text', { class: 'scatter-label', x: (L + R) / 2, y: H - 8, 'text-anchor': 'middle' }, `Jours en tension ou plus (sur ${v.tensionDays} jours)`),
  s('text', { class: 'scatter-label', x: 12, y: T + 120, transform: `rotate(-90 12 ${T + 120})`, 'text-anchor': 'middle' }, 'Score de maturité (%)'),
  points.map((p) => s('circle', { class: 'scatter-dot', cx: x(p.daysInTension).toFixed(1), cy: y(p.percent).toFixed(1), r: 5 }, s('title', {}, `${p.name} : ${pct(p.percent)}, ${dec(p.daysInTension)} jours en tension`))));
  return [caption, h('figure', {}, svg),
    h('details', {}, h('summary', {}, 'Valeurs du nuage de points (tableau)'),
      table('Score et jours en tension', ['Établissement', { label: 'Score', n: true }, { label: 'Jours en tension', n: true }],
        points.map((p) => [p.name, pct(p.percent), dec(p.daysInTension)])))];
}
