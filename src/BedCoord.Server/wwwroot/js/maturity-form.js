// The maturity questionnaire of one establishment: grouped by theme, one radio group per question, saved as a
// draft a moment after each change, submitted as a new version (scored by the server) with the button at the end.

import { h, replaceChildren } from './dom.js';
import { requestDevToken, save, decodeClaims } from './auth.js';
import { api, demoBanner, pct, dateTime, problemText, editorSession, EDITOR_KEY } from './maturity-common.js';

const NC = 'non-concerne';
const SAVE_DELAY_MS = 700;

export async function start(root, finess) {
  if (!editorSession()) return signIn(root, finess);
  const res = await api(`/api/establishments/${encodeURIComponent(finess)}/maturity`);
  if (!res.ok) return replaceChildren(root, h('h1', {}, 'Questionnaire de maturité'), h('p', { class: 'message error' }, res.problem.detail));
  const m = res.data;
  if (!m.grid) return replaceChildren(root, h('h1', {}, 'Questionnaire de maturité'), h('p', {}, 'Aucune grille n’a encore été importée par l’ORU.'));
  render(root, finess, m);
}

function signIn(root, finess, message = '') {
  const name = h('input', { id: 'signin-name', autocomplete: 'name', required: true });
  const role = h('select', { id: 'signin-role' },
    h('option', { value: 'bed-manager' }, 'Gestionnaire de lits de cet établissement'),
    h('option', { value: 'coordinator' }, 'Coordinateur territorial'),
    h('option', { value: 'supervisor' }, 'Superviseur régional (ORU)'));
  const error = h('p', { class: 'message error', role: 'alert' }, message);
  replaceChildren(root,
    h('h1', {}, 'Questionnaire de maturité'),
    h('p', {}, 'Identifiez-vous pour répondre au nom de l’établissement (mode démonstration : le serveur délivre le jeton).'),
    h('form', { class: 'signin', onsubmit: async (e) => {
      e.preventDefault();
      try {
        const sub = name.value.trim() || 'gestionnaire';
        save(EDITOR_KEY, await requestDevToken({ sub, role: role.value, establishments: role.value === 'bed-manager' ? [finess] : [],
          sectors: role.value === 'coordinator' ? await sectorsOf(finess) : [], region: 'OCC', lifetimeSeconds: 8 * 3600 }));
        start(root, finess);
      } catch (err) {
        error.textContent = err.message;
      }
    } },
    h('label', { for: 'signin-name' }, 'Votre nom', name),
    h('label', { for: 'signin-role' }, 'Votre rôle', role),
    h('button', { type: 'submit' }, 'Se connecter'), error));
}

async function sectorsOf(finess) {
  const res = await api('/api/territory');
  for (const r of res.data?.regions ?? []) for (const s of r.sectors) for (const d of s.departments)
    if (d.establishments.some((e) => e.id === finess)) return [s.id];
  return [];
}

function render(root, finess, m) {
  const grid = m.grid;
  const answers = { ...m.formAnswers };
  const status = h('p', { class: 'message', role: 'status', 'aria-live': 'polite', 'data-testid': 'save-status' });
  const say = (text, error = false) => { status.textContent = text; status.classList.toggle('error', error); };
  const progress = h('span', { 'data-testid': 'progress' });
  const questionCount = grid.questions.length;
  const updateProgress = () => { progress.textContent = `${Object.keys(answers).length} / ${questionCount} questions répondues`; };
  const who = decodeClaims(editorSession()?.token ?? '')?.sub ?? '';

  let timer = null;
  let saving = Promise.resolve();
  const body = (submit) => ({ gridVersion: grid.version, answers, submit });
  const saveDraft = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      saving = saving.then(async () => {
        say('Enregistrement du brouillon…');
        const r = await api(`/api/establishments/${encodeURIComponent(finess)}/maturity`, { method: 'PUT', body: body(false) });
        if (r.ok) say(`Brouillon enregistré à ${new Date(r.data.draft.savedAt).toLocaleTimeString('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' })} (non soumis).`);
        else say(`Brouillon non enregistré : ${problemText(r.problem)}`, true);
      });
    }, SAVE_DELAY_MS);
  };

  const themes = grid.themes.map((t) => h('fieldset', { class: 'theme' }, h('legend', {}, t.label),
    grid.questions.filter((q) => q.theme === t.id).map((q) => question(q, answers, () => { updateProgress(); saveDraft(); }))));

  const submit = h('button', { type: 'submit', 'data-testid': 'submit' }, 'Soumettre cette version');
  const form = h('form', { 'data-testid': 'maturity-form', onsubmit: async (e) => {
    e.preventDefault();
    clearTimeout(timer);
    await saving;
    submit.disabled = true;
    say('Soumission…');
    const r = await api(`/api/establishments/${encodeURIComponent(finess)}/maturity`, { method: 'PUT', body: body(true) });
    submit.disabled = false;
    if (!r.ok) return say(`Version non soumise : ${problemText(r.problem)}`, true);
    say(`Version soumise le ${dateTime(r.data.submittedAt)} : score global ${pct(r.data.score.percent)}.`);
    document.body.dataset.submitted = 'true';
  } }, themes,
  h('p', { class: 'note' }, 'Une question sans réponse compte 0 point. Les questions qualitatives ne comptent pas dans le score.'),
  h('div', { class: 'toolbar' }, submit, h('a', { href: `/maturite/etablissement/${encodeURIComponent(finess)}` }, 'Voir la page de l’établissement')));

  updateProgress();
  replaceChildren(root,
    h('p', { class: 'sub' }, `Indice de maturité du bed management · FINESS ${finess}`),
    h('h1', {}, `Questionnaire — ${m.name}`),
    demoBanner(grid),
    h('p', { class: 'note' }, `Grille ${grid.version}${who ? ` · connecté(e) : ${who}` : ''}. Vos réponses sont enregistrées en brouillon au fur et à mesure ; « Soumettre » crée une nouvelle version datée, qui recalcule le score.`),
    m.bjml && !m.bjml.computable ? h('p', { class: 'note' }, `Le BJML de l’établissement n’est pas calculable (${m.bjml.reason ?? 'qualité des RPU'}) : l’item BJML comptera 0 point.`) : null,
    h('div', { class: 'progress' }, progress, status),
    form);
  document.body.dataset.loaded = 'true';
}

function question(q, answers, changed) {
  const name = `q-${q.id}`;
  const options = [...q.options.map((o) => ({ id: o.id, label: q.qualitative ? o.label : `${o.label} (${o.points} pt${o.points > 1 ? 's' : ''})` })),
    ...(q.notApplicableAllowed ? [{ id: NC, label: 'Non concerné' }] : [])];
  const meta = [q.qualitative ? 'qualitative, hors score' : q.weight !== 1 ? `poids ×${String(q.weight).replace('.', ',')}` : null,
    q.bjml ? 'item BJML : pas de « non concerné »' : null].filter(Boolean).join(' · ');
  return h('fieldset', { class: 'question', 'data-question': q.id },
    h('legend', {}, `${q.id}. ${q.text}`, meta ? h('span', { class: 'meta' }, meta) : null),
    options.map((o) => {
      const id = `${name}-${o.id}`;
      return h('div', { class: 'option' },
        h('input', { type: 'radio', id, name, value: o.id, checked: answers[q.id] === o.id,
          onchange: () => { answers[q.id] = o.id; changed(); } }),
        h('label', { for: id }, o.label));
    }));
}
