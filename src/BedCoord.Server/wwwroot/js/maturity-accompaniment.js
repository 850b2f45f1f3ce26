// The ORU support programme on an establishment's maturity page: modules followed with their dates, and for
// each the maturity score and tension over the same number of weeks before its start and after its end.

import { h, replaceChildren } from './dom.js';
import { decodeClaims } from './auth.js';
import { api, pct, dec, date, table, problemText, editorSession } from './maturity-common.js';
import { LEVEL_LABELS } from './labels.js';

export async function render(container, finess, m, say) {
  const base = `/api/establishments/${encodeURIComponent(finess)}/maturity/accompaniments`;
  const weeks = h('select', { id: 'impact-weeks' }, [4, 8, 12].map((n) => h('option', { value: n }, `${n} semaines`)));
  const list = h('div', { 'data-testid': 'accompaniments' });
  const [programme] = await Promise.all([api('/api/maturity/programme')]);
  const modules = programme.ok ? programme.data.modules : [];
  const axes = programme.ok ? programme.data.axes : [];
  const label = (id) => { const mod = modules.find((x) => x.id === id); return mod ? `${mod.label} (${axes.find((a) => a.id === mod.axis)?.label ?? mod.axis})` : id; };

  async function refresh() {
    const res = await api(`${base}?weeks=${weeks.value}`);
    if (!res.ok) return replaceChildren(list, h('p', { class: 'message error' }, res.problem.detail));
    if (!res.data.length) return replaceChildren(list, h('p', {}, 'Aucun module d’accompagnement enregistré pour cet établissement.'));
    replaceChildren(list, res.data.map((i) => impact(i, label)));
  }
  weeks.onchange = refresh;

  const role = decodeClaims(editorSession()?.token ?? '')?.role;
  replaceChildren(container,
    h('h2', {}, 'Accompagnement par l’ORU'),
    programme.data?.demonstration ? h('p', { class: 'note' }, 'Programme de démonstration : 3 axes et 8 modules aux intitulés inventés.') : null,
    h('p', { class: 'note' }, 'Pour chaque module : le score de maturité et la tension sur le même nombre de semaines avant son début et après sa fin, côte à côte. C’est l’histoire de l’établissement, pas une preuve que le module a causé l’écart.'),
    h('div', { class: 'toolbar' }, h('label', { for: 'impact-weeks' }, 'Fenêtre de comparaison '), weeks),
    list,
    ['coordinator', 'supervisor', 'admin'].includes(role) ? addForm(base, modules, label, async () => { await refresh(); say('Module enregistré.'); }, say) : null);
  await refresh();
}

function impact(i, label) {
  const a = i.accompaniment;
  const b = i.before, f = i.after;
  const rows = [
    ...LEVEL_LABELS.map((l, k) => [`Jours ${l.toLowerCase()}`, dec(b.daysAtLevel[k]), dec(f.daysAtLevel[k])]),
    ['Jours sous le BJML', b.bjmlShortfallDays ?? '—', f.bjmlShortfallDays ?? '—'],
    ['Nuits brancard', b.nightsOnTrolley ?? '—', f.nightsOnTrolley ?? '—'],
    ['Pic de patients en attente d’aval', b.bedBlockersPeak ?? '—', f.bedBlockersPeak ?? '—'],
    ['Score de maturité en vigueur', `${pct(b.maturity)}${b.maturityAt ? ` (${date(b.maturityAt)})` : ''}`, `${pct(f.maturity)}${f.maturityAt ? ` (${date(f.maturityAt)})` : ''}`],
    ['Semaines dont l’historique est connu', `${b.knownWeeks} / ${i.weeks}`, `${f.knownWeeks} / ${i.weeks}`],
  ];
  return h('section', { class: 'impact', 'data-testid': 'accompaniment' },
    h('h3', {}, label(a.module)),
    h('p', {}, `Du ${date(a.startedOn)} au ${a.endedOn ? date(a.endedOn) : '(en cours)'} · évaluation ${a.evaluationOn ? `le ${date(a.evaluationOn)}` : 'à venir'} · bilan d’impact ${a.impactReviewOn ? `le ${date(a.impactReviewOn)}` : 'à venir'}`),
    table(`Avant (${b.firstWeek} à ${b.lastWeek}) et après (${f.firstWeek} à ${f.lastWeek})`,
      ['Indicateur', { label: `${i.weeks} semaines avant`, n: true }, { label: `${i.weeks} semaines après`, n: true }], rows, { testId: 'impact-table' }));
}

function addForm(base, modules, label, done, say) {
  const field = (id, text, input) => h('label', { for: id }, text, input);
  const module = h('select', { id: 'acc-module' }, modules.map((x) => h('option', { value: x.id }, label(x.id))));
  const started = h('input', { id: 'acc-start', type: 'date', required: true });
  const ended = h('input', { id: 'acc-end', type: 'date' });
  const evaluation = h('input', { id: 'acc-eval', type: 'date' });
  const review = h('input', { id: 'acc-review', type: 'date' });
  return h('form', { class: 'form-grid', onsubmit: async (e) => {
    e.preventDefault();
    const r = await api(base, { method: 'POST', body: { module: module.value, startedOn: started.value, endedOn: ended.value || null, evaluationOn: evaluation.value || null, impactReviewOn: review.value || null } });
    if (!r.ok) return say(`Module non enregistré : ${problemText(r.problem)}`, true);
    await done();
  } },
  field('acc-module', 'Module', module), field('acc-start', 'Début', started), field('acc-end', 'Fin (6 mois au plus)', ended),
  field('acc-eval', 'Évaluation', evaluation), field('acc-review', 'Bilan d’impact', review),
  h('button', { type: 'submit' }, 'Enregistrer le module'));
}
