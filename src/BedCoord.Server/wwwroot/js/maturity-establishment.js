// An establishment's maturity page: latest score, radar by theme (with its table), score over time and, on the
// same time axis, its tension week by week (days at each level, BJML shortfall days, freshness), versions, exports.

import { h, replaceChildren } from './dom.js';
import { api, demoBanner, pct, dec, date, dateTime, exportButtons, table, loadUPlot, editorSession } from './maturity-common.js';
import { radar } from './maturity-radar.js';
import { LEVEL_LABELS } from './labels.js';

const WEEKS = 104;

export async function start(root, finess) {
  const message = h('p', { class: 'message', role: 'status', 'aria-live': 'polite', 'data-testid': 'message' });
  const say = (text, error = false) => { message.textContent = text; message.classList.toggle('error', error); };
  const base = `/api/establishments/${encodeURIComponent(finess)}/maturity`;
  const [res, tension] = await Promise.all([api(base), api(`${base}/tension?weeks=${WEEKS}`)]);
  if (!res.ok) {
    replaceChildren(root, h('h1', {}, 'Indice de maturité'), h('p', { class: 'message error' }, res.problem.detail));
    return;
  }
  const m = res.data;
  const weeks = tension.ok ? tension.data : [];
  const latest = m.latest;
  const previous = m.history.length > 1 ? m.history[m.history.length - 2] : null;
  const themes = m.grid?.themes ?? latest?.score.themes.map((t) => ({ id: t.theme, label: t.label })) ?? [];
  const themeValue = (line, id) => line?.themes?.find((t) => t.theme === id)?.percent ?? null;
  const latestLine = m.history[m.history.length - 1] ?? null;
  document.title = `Maturité — ${m.name} — BedCoord`;

  const headline = latest
    ? h('div', { class: 'headline' },
      h('div', {}, h('span', { class: 'big', 'data-testid': 'score' }, pct(latest.score.percent)), h('div', { class: 'sub' }, 'Score global')),
      h('div', {}, h('div', {}, `Version soumise le ${dateTime(latest.submittedAt)} par ${latest.submittedBy}`),
        h('div', { class: 'sub' }, `Grille ${latest.gridVersion} · ${latest.score.answered} réponses · ${latest.score.missing} sans réponse (comptées 0)`),
        latest.score.bjmlZeroed ? h('div', { class: 'sub' }, 'Item BJML compté 0 : le BJML de l’établissement n’est pas calculable (sans renormalisation).') : null))
    : h('p', { 'data-testid': 'score' }, 'Aucune version soumise pour le moment.');

  const themeRows = themes.map((t) => [t.label, pct(themeValue(latestLine, t.id)), pct(themeValue(previous, t.id))]);
  const radarBlock = latest
    ? h('div', { class: 'charts' },
      h('figure', {},
        radar(themes, themes.map((t) => themeValue(latestLine, t.id)), previous ? themes.map((t) => themeValue(previous, t.id)) : null,
          `Radar des scores par thème de ${m.name} : version du ${date(latest.submittedAt)}${previous ? ` comparée à celle du ${date(previous.submittedAt)}` : ''}`),
        h('figcaption', { class: 'legend' },
          h('span', {}, h('span', { class: 'swatch' }), `Version du ${date(latest.submittedAt)}`),
          previous ? h('span', {}, h('span', { class: 'swatch previous' }), `Version précédente (${date(previous.submittedAt)})`) : null)),
      table('Scores par thème', ['Thème', { label: 'Dernière version', n: true }, { label: 'Version précédente', n: true }], themeRows, { testId: 'theme-table' }))
    : null;

  const timeBlock = h('div', { class: 'chart-block' });
  const canEdit = !!editorSession();
  replaceChildren(root,
    h('nav', { class: 'nav', 'aria-label': 'Liens' },
      h('a', { href: `/board/establishment/${encodeURIComponent(finess)}` }, 'Tableau de bord de l’établissement'),
      h('a', { href: `/maturite/departement/${encodeURIComponent(m.departmentCode)}` }, 'Maturité du département'),
      h('a', { href: '/maturite/region/OCC' }, 'Vue régionale')),
    h('p', { class: 'sub' }, `Indice de maturité du bed management · FINESS ${finess}`),
    h('h1', {}, m.name),
    demoBanner(m.grid),
    m.emergencyDepartment ? null : h('p', { class: 'note' }, 'Cet établissement n’a pas de service d’urgences : l’indice concerne d’abord les établissements qui en ont un.'),
    message,
    headline,
    h('p', {}, h('a', { class: 'button', href: `/maturite/etablissement/${encodeURIComponent(finess)}/questionnaire`, 'data-testid': 'to-form' },
      latest ? 'Mettre à jour le questionnaire' : 'Répondre au questionnaire'),
    canEdit ? null : h('span', { class: 'note' }, ' (connexion demandée)')),
    m.draft ? h('p', { class: 'note' }, `Brouillon en cours, enregistré le ${dateTime(m.draft.savedAt)} par ${m.draft.savedBy} (non soumis).`) : null,
    radarBlock ? h('h2', {}, 'Scores par thème') : null, radarBlock,
    h('h2', {}, 'Score et tension dans le temps'),
    h('p', { class: 'note' }, 'Les deux graphiques partagent le même axe du temps : le score de maturité à chaque version soumise, puis la tension vécue semaine par semaine. Ils décrivent ce qui s’est passé ; ils ne disent pas que l’un cause l’autre.'),
    timeBlock,
    tensionTable(weeks),
    h('h2', {}, 'Versions soumises'),
    m.history.length
      ? table('Chaque version soumise, la plus ancienne d’abord', ['Soumise le', 'Par', 'Grille', { label: 'Score', n: true }, { label: 'Sans réponse', n: true }],
        m.history.map((v) => [dateTime(v.submittedAt), v.submittedBy, v.gridVersion, pct(v.percent), String(v.missing)]), { testId: 'versions' })
      : h('p', {}, 'Aucune.'),
    exportButtons(base, `maturite-${finess}`, say),
    h('div', { id: 'accompaniment' }));

  document.body.dataset.loaded = 'true';
  await drawTimeCharts(timeBlock, m.history, weeks).catch((e) => { console.error(e); timeBlock.append(h('p', { class: 'note' }, 'Graphiques indisponibles ; le tableau ci-dessous donne les valeurs.')); });
  const acc = await import('./maturity-accompaniment.js').catch(() => null);
  acc?.render(document.getElementById('accompaniment'), finess, m, say);
}

const inTension = (w) => w.daysAtLevel.slice(1).reduce((a, b) => a + b, 0);

function tensionTable(weeks) {
  const known = weeks.filter((w) => w.hasHistory);
  const body = known.length
    ? table('Tension par semaine (semaines dont l’historique est connu)',
      ['Semaine', ...LEVEL_LABELS.map((l) => ({ label: `Jours ${l.toLowerCase()}`, n: true })), { label: 'Jours sous le BJML', n: true },
        { label: 'Nuits brancard', n: true }, { label: 'Pic patients en attente d’aval', n: true }, { label: 'Fraîcheur des données', n: true }],
      known.map((w) => [w.week, ...w.daysAtLevel.map((d) => dec(d)), w.bjmlShortfallDays ?? '—', w.nightsOnTrolley ?? '—', w.bedBlockersPeak ?? '—',
        w.freshness === null ? '—' : pct(w.freshness * 100)]), { testId: 'tension-table' })
    : h('p', { 'data-testid': 'tension-table' }, 'Pas d’historique de tension connu sur la période.');
  return h('details', {}, h('summary', {}, 'Tension semaine par semaine (tableau)'), body);
}

async function drawTimeCharts(target, history, weeks) {
  const uPlot = await loadUPlot();
  const t = (iso) => Date.parse(iso) / 1000;
  const now = Date.now() / 1000;
  const starts = [...history.map((v) => t(v.submittedAt)), ...weeks.filter((w) => w.hasHistory).map((w) => t(w.start))];
  const min = starts.length ? Math.min(...starts) - 7 * 86400 : now - 365 * 86400;
  const range = [min, now];
  const width = () => Math.max(280, target.clientWidth || 600);
  const axes = (label, right) => [{ stroke: '#14181f', grid: { stroke: '#e3e7ec' } },
    { label, stroke: '#14181f', grid: { stroke: '#e3e7ec' }, size: 50 },
    right ? { label: right, side: 1, scale: 'pct', stroke: '#14181f', grid: { show: false }, size: 50 } : null].filter(Boolean);

  const scoreBox = h('div', { class: 'time-chart', 'data-testid': 'score-chart' });
  const tensionBox = h('div', { class: 'time-chart', 'data-testid': 'tension-chart' });
  target.append(h('h3', {}, 'Score global de maturité (%)'), scoreBox, h('h3', {}, 'Tension par semaine (jours)'), tensionBox);

  const score = new uPlot({
    width: width(), height: 200,
    scales: { x: { time: true, range: () => range }, y: { range: [0, 100] } },
    series: [{ label: 'Date' }, { label: 'Score global', stroke: '#0b5cad', width: 2, points: { size: 7 }, value: (u, v) => pct(v), paths: uPlot.paths.stepped({ align: 1 }) }],
    axes: axes('%'),
  }, [history.map((v) => t(v.submittedAt)), history.map((v) => v.percent)], scoreBox);

  const known = weeks.filter((w) => w.hasHistory);
  const tensionChart = new uPlot({
    width: width(), height: 220,
    scales: { x: { time: true, range: () => range }, y: { range: [0, 7] }, pct: { range: [0, 100] } },
    series: [{ label: 'Semaine' },
      { label: 'Jours en tension ou plus', stroke: '#6b3000', width: 2, fill: 'rgba(255,138,31,.15)', value: (u, v) => dec(v) },
      { label: 'Jours sous le BJML', stroke: '#7a0610', width: 2, dash: [6, 4], value: (u, v) => (v === null ? '—' : String(v)) },
      { label: 'Fraîcheur des données (%)', scale: 'pct', stroke: '#0d4d2a', width: 1.5, dash: [2, 3], value: (u, v) => pct(v) }],
    axes: axes('jours', '%'),
  }, [known.map((w) => t(w.start)), known.map(inTension), known.map((w) => w.bjmlShortfallDays), known.map((w) => (w.freshness === null ? null : w.freshness * 100))], tensionBox);

  addEventListener('resize', () => { score.setSize({ width: width(), height: 200 }); tensionChart.setSize({ width: width(), height: 220 }); });
}
