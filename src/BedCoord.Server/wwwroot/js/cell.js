// The crisis cell page (/cellule/{kind}/{id}): the scope's figures, declarations in force below it, open measures,
// requests and the main courante, kept live over the board hub ("summary", "alert" and "crisis" messages).

import { h, replaceChildren } from './dom.js';
import { api, useTokenSource, scopePath } from './api.js';
import { LiveHub, bindConnectionBanner } from './hub.js';
import { adoptQueryToken, viewerTokenSource, requestDevToken, load, save, isUsable, decodeClaims } from './auth.js';
import { figuresSection, contactSection, declarationsSection, measuresSection, requestsSection } from './cell-sections.js';
import { createLogbook } from './cell-logbook.js';

const EDITOR_KEY = 'bedcoord.cellEditor';
const KINDS = { region: 'region', sector: 'sector', secteur: 'sector', department: 'department', departement: 'department', establishment: 'establishment', etablissement: 'establishment' };
const [, , rawKind, rawId] = location.pathname.split('/');
const kind = KINDS[rawKind] ?? null;
const id = decodeURIComponent(rawId ?? '');
const base = kind ? scopePath(kind, id) : null;
const root = document.getElementById('cell-app');

adoptQueryToken(EDITOR_KEY);
const viewer = viewerTokenSource();
const token = async () => { const e = load(EDITOR_KEY); return isUsable(e) ? e.token : viewer.get(); };
useTokenSource({ get: token, invalidate: () => viewer.invalidate() });

let overview = null;
let summary = null;
let logbook = null;
const els = {
  notices: h('ul', { class: 'notices', 'data-testid': 'notices', 'aria-live': 'polite', 'aria-label': 'Alertes de la cellule' }),
  title: h('h1', {}, 'Cellule de crise'),
  identity: h('div', { class: 'identity' }),
  figures: h('div', {}), contacts: h('div', {}), declarations: h('div', {}), measures: h('div', {}), requests: h('div', {}),
  message: h('p', { class: 'form-message', role: 'status', 'aria-live': 'polite' }),
};

function problemText(p) {
  return p?.errors && Object.keys(p.errors).length ? Object.values(p.errors).flat().join(' ') : p?.detail ?? 'Erreur.';
}

async function loadOverview() {
  const r = await api(`${base}/cell`);
  if (!r.ok) { replaceChildren(root, h('main', { class: 'cell-main' }, h('h1', {}, 'Cellule de crise'), h('p', { role: 'alert' }, problemText(r.problem)))); return false; }
  overview = r.data;
  summary = overview.summary;
  render();
  return true;
}

async function loadLogbook() {
  const r = await api(`${base}/logbook?limit=500`);
  if (r.ok) logbook.set(r.data);
}

// Live summaries arrive often: the roster is redrawn only when it changed, and an opened disclosure stays open.
let contactsKey = null;
function renderContacts(s) {
  const key = JSON.stringify([s?.contact ?? null, s?.contacts ?? null]);
  if (key === contactsKey) return;
  contactsKey = key;
  const wasOpen = els.contacts.querySelector('details')?.open ?? false;
  replaceChildren(els.contacts, contactSection(s));
  const details = els.contacts.querySelector('details');
  if (details && wasOpen) details.open = true;
}

function render() {
  document.title = `Cellule de crise — ${overview.name} — BedCoord`;
  replaceChildren(els.title, `Cellule de crise — ${overview.name}`);
  replaceChildren(els.figures, figuresSection(overview, summary));
  renderContacts(summary);
  replaceChildren(els.declarations, declarationsSection(overview));
  replaceChildren(els.measures, measuresSection(overview, { canWrite: overview.canWrite, onStatus: moveMeasure }));
  replaceChildren(els.requests, requestsSection(overview, { canHandle: overview.canWrite && kind !== 'establishment', onMove: moveRequest }));
}

async function moveMeasure(m, status) {
  const r = await api(`${scopePath(m.scope, m.scopeId)}/measures/${m.id}`, { method: 'PATCH', body: { status } });
  els.message.textContent = r.ok ? `Mesure « ${m.title} » : statut enregistré.` : problemText(r.problem);
  await refresh();
}

async function moveRequest(req, status) {
  const r = await api(`${base}/requests/${req.id}`, { method: 'PATCH', body: { status } });
  els.message.textContent = r.ok ? 'Demande mise à jour.' : problemText(r.problem);
  await refresh();
}

async function download(format) {
  const t = await token();
  const res = await fetch(`${base}/logbook/export?format=${format}`, { headers: { Authorization: `Bearer ${t}` } });
  if (!res.ok) { logbook.say(`Export impossible (HTTP ${res.status}).`, true); return; }
  const url = URL.createObjectURL(await res.blob());
  const a = h('a', { href: url, download: `main-courante-${kind}-${id}.${format === 'pdf' ? 'pdf' : 'csv'}` });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

let pending = null;
// Bursts of notices (a plan blanc opens a dozen measures) cost one re-read.
function refresh() {
  pending ??= new Promise((resolve) => setTimeout(async () => {
    pending = null;
    await Promise.all([loadOverview(), loadLogbook()]);
    resolve();
  }, 300));
  return pending;
}

function notice(n) {
  if (n?.what === 'overdue') {
    els.notices.prepend(h('li', { class: 'notice overdue', 'data-testid': 'overdue-notice' }, h('b', {}, 'Mesure en retard — '), n.text ?? ''));
    while (els.notices.children.length > 20) els.notices.lastElementChild.remove();
  }
  refresh();
}

function identity() {
  const e = load(EDITOR_KEY);
  if (isUsable(e)) {
    const c = decodeClaims(e.token) ?? {};
    replaceChildren(els.identity, h('span', { class: 'sub inline' }, `Identifié : ${c.sub ?? '?'} (${c.role ?? '?'})`));
    return;
  }
  const name = h('input', { id: 'editor-name', placeholder: 'Prénom Nom', maxlength: 80, autocomplete: 'name' });
  replaceChildren(els.identity, h('label', { for: 'editor-name' }, 'Votre nom (démo)', name),
    h('button', { type: 'button', class: 'secondary', 'data-testid': 'sign-in', onclick: async () => {
      try {
        save(EDITOR_KEY, await requestDevToken({ sub: name.value.trim() || 'cellule', role: 'supervisor', region: 'OCC', establishments: [], sectors: [], lifetimeSeconds: 12 * 3600 }));
        location.reload();
      } catch (err) {
        els.message.textContent = `${err.message} Ouvrez la page avec ?token=<votre jeton>.`;
      }
    } }, 'Écrire dans la cellule'));
}

async function start() {
  if (!kind || !id) {
    replaceChildren(root, h('main', { class: 'cell-main' }, h('h1', {}, 'Cellule de crise'), h('p', { role: 'alert' }, 'Adresse attendue : /cellule/departement/31, /cellule/etablissement/<FINESS>, /cellule/secteur/<id> ou /cellule/region/OCC.')));
    return;
  }
  const ok = await loadOverview();
  if (!ok) return;
  logbook = createLogbook({
    canWrite: overview.canWrite,
    onAppend: async (body) => { const r = await api(`${base}/logbook`, { method: 'POST', body }); if (r.ok) await loadLogbook(); return r.ok ? null : problemText(r.problem); },
    onPoint: async () => { const r = await api(`${base}/logbook/point`, { method: 'POST', body: {} }); await loadLogbook(); return r.ok ? null : problemText(r.problem); },
    onExport: download,
    onVerify: async () => { const r = await api(`${base}/logbook/verify`); if (r.ok) logbook.chain(r.data); },
  });
  identity();
  replaceChildren(root,
    h('header', { class: 'topbar' },
      h('a', { class: 'brand', href: kind === 'region' ? '/board' : `/board/${kind}/${encodeURIComponent(id)}` }, 'BedCoord', h('span', {}, 'Retour au tableau de bord')),
      h('div', { class: 'top-right' }, h('span', { class: 'live-state', 'aria-hidden': 'true' }), els.identity)),
    h('main', { class: 'cell-main' },
      els.title, els.message, els.notices,
      h('div', { class: 'cell-grid' },
        h('div', { class: 'cell-col' }, els.figures, els.contacts, els.declarations, els.measures, els.requests),
        h('div', { class: 'cell-col' }, logbook.el))));
  await loadLogbook();

  const hub = new LiveHub({ tokenSource: { get: token, invalidate: () => viewer.invalidate() }, resync: refresh });
  bindConnectionBanner(hub);
  hub.on('summary', (s) => { if (s?.kind === kind && s?.id === id) { summary = s; replaceChildren(els.figures, figuresSection(overview, summary)); renderContacts(summary); } })
    .on('alert', () => refresh())
    .on('crisis', notice);
  hub.start();
  await hub.subscribe(`${kind}:${id}`);
}

start().catch((e) => {
  console.error(e);
  root.textContent = 'Impossible de charger la cellule. Rechargez la page ; si le problème persiste, prévenez l’ORU.';
});
