// The weekly departmental meeting report (/rapport/departement/31?semaine=2026-W48). The server renders the
// report's markup (the same the PDF prints); this page adds the week picker, the frozen versions, "Figer pour la
// réunion", the meeting's actions and the PDF download.

import { h, replaceChildren } from './dom.js';
import { api, useTokenSource } from './api.js';
import { adoptQueryToken, viewerTokenSource, requestDevToken, load, save, isUsable, decodeClaims } from './auth.js';

const EDITOR_KEY = 'bedcoord.reportEditor';
const root = document.getElementById('report-app');
const code = decodeURIComponent(location.pathname.split('/').filter(Boolean)[2] ?? '');
const params = new URLSearchParams(location.search);
const state = { week: params.get('semaine') ?? currentWeek(), snapshot: params.get('version') ?? '' };

adoptQueryToken(EDITOR_KEY);
const viewer = viewerTokenSource();
// The signed-in coordinator's token when there is one (to freeze and record actions), else the board's viewer.
async function currentToken() {
  const editor = load(EDITOR_KEY);
  return isUsable(editor) ? editor.token : viewer.get();
}
useTokenSource({ get: currentToken, invalidate: () => viewer.invalidate() });

function currentWeek() {
  // ISO week of today in the browser's calendar (the server cuts weeks in Europe/Paris; they agree for French users).
  const d = new Date();
  const t = new Date(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()));
  const day = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - day);
  const year = t.getUTCFullYear();
  const week = Math.ceil(((t - Date.UTC(year, 0, 1)) / 86400000 + 1) / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

const base = () => `/api/departments/${encodeURIComponent(code)}/reports/weekly`;
const q = (extra = {}) => new URLSearchParams({ week: state.week, ...extra }).toString();

const message = h('p', { class: 'report-message', role: 'status', 'aria-live': 'polite', 'data-testid': 'report-message' });
const body = h('div', { id: 'report-body' });
const weekInput = h('input', { id: 'week', type: 'week', value: state.week, required: true });
const versionSelect = h('select', { id: 'version', 'data-testid': 'version' });
const editor = h('div', { class: 'report-identity' });

function say(text, error = false) {
  message.textContent = text;
  message.classList.toggle('error', error);
}

function toolbar() {
  return h('form', { class: 'report-toolbar no-print', onsubmit: (e) => { e.preventDefault(); go(weekInput.value, ''); } },
    h('label', { for: 'week' }, 'Semaine', weekInput),
    h('button', { type: 'submit' }, 'Afficher'),
    h('label', { for: 'version' }, 'Version', versionSelect),
    h('button', { type: 'button', 'data-testid': 'freeze', onclick: freeze }, 'Figer pour la réunion'),
    h('button', { type: 'button', class: 'secondary', 'data-testid': 'pdf', onclick: downloadPdf }, 'Télécharger en PDF'),
    h('button', { type: 'button', class: 'secondary', onclick: () => window.print() }, 'Imprimer'),
    editor);
}

function go(week, snapshot) {
  state.week = week || currentWeek();
  state.snapshot = snapshot;
  const url = new URL(location.href);
  url.searchParams.set('semaine', state.week);
  if (snapshot) url.searchParams.set('version', snapshot); else url.searchParams.delete('version');
  history.replaceState(null, '', url.pathname + url.search);
  return refresh();
}

async function refresh() {
  say('Chargement…');
  const extra = state.snapshot === 'live' ? { live: 'true' } : state.snapshot ? { snapshot: state.snapshot } : {};
  const token = await currentToken().catch(() => null);
  const [page, freezes, actions] = await Promise.all([
    fetch(`${base()}?${q({ ...extra, format: 'html' })}`, { headers: token ? { Authorization: `Bearer ${token}`, Accept: 'text/html, application/problem+json' } : {}, cache: 'no-store' }),
    api(`${base()}/freezes?${q()}`),
    api(`${base()}/actions?${q()}`),
  ]);
  if (!page.ok) {
    const problem = await page.json().catch(() => null);
    say(problem?.errors ? Object.values(problem.errors).flat().join(' ') : problem?.detail ?? `Rapport indisponible (HTTP ${page.status}).`, true);
    replaceChildren(body);
    return;
  }
  body.innerHTML = await page.text(); // server-rendered, every value HTML-encoded there
  renderVersions(freezes.ok ? freezes.data : []);
  body.append(actionsForm(actions.ok ? actions.data : []));
  document.title = `Rapport ${code} ${state.week} — BedCoord`;
  document.body.dataset.loaded = 'true';
  say('');
}

function renderVersions(freezes) {
  const fmt = (t) => new Date(t).toLocaleString('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'short', timeStyle: 'short' });
  const options = [h('option', { value: '' }, freezes.length ? 'Dernière version figée' : 'Chiffres en direct (non figé)')];
  if (freezes.length) options.push(h('option', { value: 'live' }, 'Chiffres en direct'));
  for (const f of freezes) options.push(h('option', { value: String(f.id) }, `Figé le ${fmt(f.frozenAt)} par ${f.frozenBy}`));
  replaceChildren(versionSelect, options);
  versionSelect.value = state.snapshot;
  versionSelect.onchange = () => go(state.week, versionSelect.value);
}

function establishments() {
  return [...body.querySelectorAll('[data-testid="report-est"]')].map((el) => ({ finess: el.dataset.finess, name: el.querySelector('h3')?.firstChild?.textContent?.trim() ?? el.dataset.finess }));
}

function actionsForm(actions) {
  const what = h('input', { id: 'action-what', name: 'what', required: true, maxlength: 500 });
  const est = h('select', { id: 'action-establishment', name: 'establishment' }, h('option', { value: '' }, '— (département)'),
    establishments().map((e) => h('option', { value: e.finess }, e.name)));
  const owner = h('input', { id: 'action-owner', name: 'owner', required: true, maxlength: 200 });
  const due = h('input', { id: 'action-due', name: 'dueDate', type: 'date' });
  const add = h('form', { class: 'report-actions-form', 'data-testid': 'action-add', onsubmit: async (e) => {
    e.preventDefault();
    const res = await api(`${base()}/actions?${q()}`, { method: 'POST', body: { what: what.value, establishment: est.value || null, owner: owner.value, dueDate: due.value || null } });
    if (!res.ok) return say(problemText(res.problem), true);
    await refresh();
    say(`Action n°${res.data.id} enregistrée.`);
  } },
  h('label', { for: 'action-what' }, 'Action', what), h('label', { for: 'action-establishment' }, 'Établissement', est),
  h('label', { for: 'action-owner' }, 'Porteur', owner), h('label', { for: 'action-due' }, 'Échéance', due),
  h('span'), h('button', { type: 'submit' }, 'Ajouter l’action'));

  const pick = h('select', { id: 'action-pick' }, actions.map((a) => h('option', { value: a.id }, `n°${a.id} — ${a.what}`)));
  const status = h('select', { id: 'action-status' }, [['ouverte', 'Ouverte'], ['en-cours', 'En cours'], ['close', 'Close']].map(([v, l]) => h('option', { value: v }, l)));
  const change = actions.length === 0 ? null : h('form', { class: 'report-actions-form', 'data-testid': 'action-change', onsubmit: async (e) => {
    e.preventDefault();
    const res = await api(`${base()}/actions/${encodeURIComponent(pick.value)}`, { method: 'PATCH', body: { status: status.value } });
    if (!res.ok) return say(problemText(res.problem), true);
    await refresh();
    say(`Action n°${res.data.id} : ${status.selectedOptions[0].textContent}.`);
  } },
  h('label', { for: 'action-pick' }, 'Action à mettre à jour', pick), h('label', { for: 'action-status' }, 'Nouveau statut', status),
  h('span'), h('span'), h('span'), h('button', { type: 'submit' }, 'Mettre à jour'));

  return h('section', { class: 'no-print', 'aria-labelledby': 'actions-edit-title' },
    h('h2', { id: 'actions-edit-title' }, 'Enregistrer les actions de la réunion'), add, change);
}

function problemText(p) {
  const fields = Object.entries(p?.errors ?? {}).map(([f, m]) => `${f} : ${m.join(' ')}`);
  return fields.length ? fields.join(' · ') : p?.detail ?? 'Erreur.';
}

async function freeze() {
  const res = await api(`${base()}/freeze?${q()}`, { method: 'POST' });
  if (!res.ok) return say(res.status === 403 ? `${res.problem.detail} Identifiez-vous comme coordinateur du département.` : problemText(res.problem), true);
  await go(state.week, '');
  say('Rapport figé : tous les participants voient désormais ces chiffres.');
}

async function downloadPdf() {
  say('Préparation du PDF…');
  const token = await currentToken().catch(() => null);
  const extra = state.snapshot && state.snapshot !== 'live' ? { snapshot: state.snapshot } : {};
  const res = await fetch(`/rapport/departement/${encodeURIComponent(code)}.pdf?${new URLSearchParams({ semaine: state.week, ...extra })}`,
    { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  if (!res.ok) {
    const p = await res.json().catch(() => null);
    return say(p?.detail ?? `PDF indisponible (HTTP ${res.status}).`, true);
  }
  const url = URL.createObjectURL(await res.blob());
  const a = h('a', { href: url, download: `rapport-${code}-${state.week}.pdf` });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  say('PDF téléchargé.');
}

function renderIdentity() {
  const entry = load(EDITOR_KEY);
  if (isUsable(entry)) {
    const claims = decodeClaims(entry.token) ?? {};
    replaceChildren(editor, h('span', { class: 'sub' }, `Identifié : ${claims.sub ?? '?'} (${claims.role ?? '?'})`));
    return;
  }
  const name = h('input', { id: 'editor-name', placeholder: 'Prénom Nom', maxlength: 80 });
  replaceChildren(editor, h('label', { for: 'editor-name' }, 'Votre nom (démo)', name),
    h('button', { type: 'button', class: 'secondary', 'data-testid': 'sign-in', onclick: async () => {
      try {
        save(EDITOR_KEY, await requestDevToken({ sub: name.value.trim() || 'coordination', role: 'supervisor', region: 'OCC', lifetimeSeconds: 8 * 3600 }));
        renderIdentity();
        say('Identifié pour figer le rapport et enregistrer les actions.');
      } catch (e) {
        say(`${e.message} Ouvrez la page avec ?token=<votre jeton>.`, true);
      }
    } }, 'S’identifier'));
}

replaceChildren(root, toolbar(), message, body);
renderIdentity();
refresh();
