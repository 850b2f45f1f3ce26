import { h, replaceChildren } from './dom.js';
import { api, useTokenSource } from './api.js';
import { adoptQueryToken, bedManagerTokenSource, requestDevToken, save, clear, decodeClaims, BED_MANAGER_KEY } from './auth.js';
import { LiveHub, bindConnectionBanner } from './hub.js';
import { categoryLabel } from './labels.js';
import { age, pct, time, effectiveLevel } from './format.js';
import { levelBadge } from './level-badge.js';
import { field, readNumber, showProblem, clearProblem } from './problem-view.js';
import { mobilisableFieldset, fillMobilisable, readMobilisable } from './mobilisable.js';

const BED_FIELDS = [
  ['installed', 'Lits installés'],
  ['closed', 'Lits fermés'],
  ['surge', 'Lits supplémentaires'],
  ['occupied', 'Lits occupés'],
  ['reserved', 'Lits réservés', 'patient attendu sous 24 h'],
  ['expectedDischarges', 'Sorties prévues 24 h'],
];
const CONFLICT = "Ce service a été modifié par quelqu'un d'autre entre-temps : valeurs rechargées";

let root;
let tokens;
let hub = null;
const unitForms = new Map(); // "finess/unitId" -> controller

export function start(appRoot) {
  root = appRoot;
  document.body.classList.add('page-beds');
  adoptQueryToken(BED_MANAGER_KEY);
  tokens = bedManagerTokenSource(() => signIn('Session expirée : reconnectez-vous.'));
  useTokenSource(tokens);
  const session = tokens.session();
  if (session) showEstablishments(sessionInfo(session));
  else signIn();
}

function sessionInfo(entry) {
  if (entry.establishments) return entry;
  // A token passed as ?token= carries its establishments as claims.
  const claims = decodeClaims(entry.token) ?? {};
  const list = [].concat(claims.establishment ?? claims.establishments ?? []);
  return { ...entry, sub: claims.sub ?? '', establishments: list };
}

function topbar(session) {
  return h('header', { class: 'topbar' },
    h('a', { class: 'brand', href: '/lits' }, 'BedCoord', h('span', {}, 'Saisie des lits')),
    h('div', { class: 'top-right' },
      session ? h('span', { class: 'who' }, session.sub) : null,
      session ? h('button', { type: 'button', class: 'link', onclick: () => { clear(BED_MANAGER_KEY); location.reload(); } }, 'Se déconnecter') : null,
      h('nav', { class: 'pages' }, h('a', { href: '/board' }, 'Tableau'), h('a', { href: '/recherche' }, 'Trouver un lit'))));
}

function signIn(message = null) {
  const error = h('div', { class: 'form-error', role: 'alert', hidden: !message }, message ?? '');
  const form = h('form', { class: 'card signin', 'data-testid': 'signin-form', novalidate: true },
    h('h1', {}, 'Connexion gestionnaire de lits'),
    h('p', { class: 'muted' }, 'Mode démonstration : le serveur délivre un jeton «\u00a0gestionnaire de lits\u00a0» pour vos établissements.'),
    field({ name: 'sub', label: 'Identifiant', type: 'text', attrs: { autocomplete: 'username', required: true } }),
    field({ name: 'finess', label: 'FINESS géographique (un ou plusieurs)', type: 'text', hint: 'Séparés par des virgules ou des espaces, ex. 310781406', attrs: { inputmode: 'numeric', required: true } }),
    error,
    h('button', { type: 'submit', class: 'primary' }, 'Se connecter'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const sub = form.elements.sub.value.trim();
    const establishments = [...new Set(form.elements.finess.value.split(/[\s,;]+/).map((s) => s.trim().toUpperCase()).filter(Boolean))];
    const bad = establishments.filter((f) => !/^[0-9A-Z]{9}$/.test(f));
    const problems = [];
    if (!sub) problems.push('Indiquez votre identifiant.');
    if (!establishments.length) problems.push('Indiquez au moins un FINESS.');
    if (bad.length) problems.push(`FINESS invalide (9 caractères attendus) : ${bad.join(', ')}.`);
    if (problems.length) { replaceChildren(error, problems.join(' ')); error.hidden = false; return; }
    form.querySelector('button').disabled = true;
    try {
      const issued = await requestDevToken({ sub, role: 'bed-manager', establishments, sectors: [], region: 'OCC', lifetimeSeconds: 12 * 3600 });
      const session = save(BED_MANAGER_KEY, { ...issued, sub, establishments });
      showEstablishments(session);
    } catch (err) {
      const details = Object.values(err.problem?.errors ?? {}).flat();
      replaceChildren(error, err.message, details.length ? h('ul', {}, details.map((d) => h('li', {}, d))) : null);
      error.hidden = false;
    } finally {
      form.querySelector('button').disabled = false;
    }
  });
  replaceChildren(root, topbar(null), h('main', { class: 'beds', id: 'main', tabindex: '-1' }, form));
}

async function showEstablishments(session) {
  unitForms.clear();
  const main = h('main', { class: 'beds', id: 'main', tabindex: '-1' });
  replaceChildren(root, topbar(session), main);
  if (!session.establishments?.length) {
    main.append(h('p', { class: 'card' }, 'Aucun établissement dans votre jeton.'));
    return;
  }
  for (const finess of session.establishments) {
    const section = h('section', { class: 'establishment', 'data-finess': finess }, h('p', { class: 'loading' }, `Chargement de ${finess}…`));
    main.append(section);
    loadEstablishment(finess, section);
  }
  startHub(session);
}

function startHub(session) {
  if (hub) return;
  // Live updates keep each form's version current, so a colleague's save shows up before ours is refused.
  hub = new LiveHub({ tokenSource: tokens, resync: () => refreshAll() });
  hub.on('summary', (s) => { if (s?.kind === 'establishment') applyEstablishment(s); });
  bindConnectionBanner(hub);
  for (const f of session.establishments) hub.subscribe(`establishment:${f}`);
  hub.start();
}

async function refreshAll() {
  const session = tokens.session();
  for (const f of sessionInfo(session ?? {}).establishments ?? []) {
    const res = await api(`/api/establishments/${encodeURIComponent(f)}`);
    if (res.ok) applyEstablishment(res.data);
  }
}

function applyEstablishment(summary) {
  for (const unit of summary.children ?? []) unitForms.get(`${summary.id}/${unit.id}`)?.update(unit);
}

async function loadEstablishment(finess, section) {
  const res = await api(`/api/establishments/${encodeURIComponent(finess)}`);
  if (!res.ok) {
    replaceChildren(section, h('div', { class: 'card form-error' }, `${finess} : ${res.problem.detail}`));
    return;
  }
  const est = res.data;
  const units = (est.children ?? []).filter((c) => (c.kind ?? 'unit').toLowerCase() === 'unit');
  replaceChildren(section,
    h('header', { class: 'est-head' }, h('h1', {}, est.name ?? finess), h('span', { class: 'muted' }, `FINESS ${finess}`), levelBadge(effectiveLevel(est), { small: true })),
    emergencyForm(finess, est),
    h('h2', {}, `Services (${units.length})`),
    units.length ? units.map((u) => unitForm(finess, u)) : h('p', { class: 'muted' }, 'Aucun service déclaré pour cet établissement.'),
    contactForm(finess, est));
}

function derivedFrom(form) {
  const v = (n) => { const x = readNumber(form.elements[n]); return typeof x === 'number' ? x : 0; };
  const open = v('installed') - v('closed') + v('surge');
  const available = open - v('occupied') - v('reserved');
  return { open, available, rate: open > 0 ? v('occupied') / open : null };
}

function unitForm(finess, unit) {
  const id = unit.id;
  let version = unit.version ?? null;
  let dirty = false;
  const openOut = h('output', { class: 'derived-value' });
  const availableOut = h('output', { class: 'derived-value', 'data-testid': `unit-available-${id}` });
  const rateOut = h('output', { class: 'derived-value' });
  const meta = h('p', { class: 'unit-meta' });
  const notice = h('p', { class: 'unit-notice', hidden: true });
  const error = h('div', { class: 'form-error', 'data-testid': `unit-error-${id}`, role: 'alert', hidden: true });
  const saved = h('p', { class: 'saved', 'data-testid': `unit-saved-${id}`, role: 'status', hidden: true });
  const button = h('button', { type: 'submit', class: 'primary' }, 'Enregistrer');
  const form = h('form', { class: 'card unit-form', 'data-testid': `unit-form-${id}`, 'data-finess': finess, 'data-unit-key': `${finess}/${id}`, novalidate: true },
    h('div', { class: 'unit-head' }, h('h3', {}, unit.name ?? id), h('span', { class: 'muted' }, categoryLabel(unit.category))),
    meta,
    h('div', { class: 'fields' }, BED_FIELDS.map(([name, label, hint]) => field({ name, label, hint, value: unit.beds?.[name] }))),
    mobilisableFieldset(unit),
    h('div', { class: 'derived' },
      h('div', {}, h('span', {}, 'Ouverts'), openOut),
      h('div', { class: 'avail' }, h('span', {}, 'Disponibles'), availableOut),
      h('div', {}, h('span', {}, "Taux d'occupation"), rateOut)),
    notice, error, saved, button);

  const recompute = () => {
    const d = derivedFrom(form);
    openOut.textContent = String(d.open);
    availableOut.textContent = String(d.available);
    availableOut.classList.toggle('negative', d.available < 0);
    openOut.classList.toggle('negative', d.open < 0);
    rateOut.textContent = pct(d.rate);
  };
  const showMeta = (u) => {
    replaceChildren(meta,
      u.stale ? h('span', { class: 'stale-flag' }, 'Données anciennes') : null, ' ',
      `Mis à jour ${age(u.updatedAt)}${u.updatedBy ? ` par ${u.updatedBy}` : ''}`,
      version !== null ? ` · version ${version}` : '');
  };
  const fill = (u) => {
    for (const [name] of BED_FIELDS) form.elements[name].value = u.beds?.[name] ?? '';
    fillMobilisable(form, u);
    version = u.version ?? version;
    dirty = false;
    notice.hidden = true;
    showMeta(u);
    recompute();
  };
  form.addEventListener('input', () => {
    dirty = true;
    saved.hidden = true;
    recompute();
  });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearProblem(form, error);
    saved.hidden = true;
    button.disabled = true;
    const body = { ...Object.fromEntries(BED_FIELDS.map(([name]) => [name, readNumber(form.elements[name])])), ...readMobilisable(form) };
    const res = await api(`/api/establishments/${encodeURIComponent(finess)}/units/${encodeURIComponent(id)}/beds`, {
      method: 'PUT', body, headers: version !== null ? { 'If-Match': `"${version}"` } : {},
    });
    button.disabled = false;
    if (res.ok) {
      const u = res.data ?? {};
      const etagVersion = res.etag ? Number(res.etag.replace(/^W\//, '').replace(/"/g, '')) : NaN;
      version = u.version ?? (Number.isFinite(etagVersion) ? etagVersion : version);
      if (u.beds) fill({ ...u, version }); else { dirty = false; showMeta({ updatedAt: new Date().toISOString() }); }
      replaceChildren(saved, `Enregistré à ${time(new Date().toISOString())}`);
      saved.hidden = false;
    } else if (res.status === 412) {
      await reload();
      replaceChildren(error, CONFLICT);
      error.hidden = false;
    } else {
      showProblem(form, error, res.problem);
    }
  });
  async function reload() {
    const res = await api(`/api/establishments/${encodeURIComponent(finess)}`);
    const u = res.ok ? (res.data.children ?? []).find((c) => c.id === id) : null;
    if (u) fill(u);
  }
  fill(unit);
  unitForms.set(`${finess}/${id}`, {
    // A colleague saved: take their values unless this form holds unsaved typing, which must then
    // keep the old version so that the server refuses it instead of silently overwriting theirs.
    update(u) {
      if (u.version === version) return;
      if (!dirty) { fill(u); return; }
      replaceChildren(notice, `Modifié ${u.updatedBy ? `par ${u.updatedBy} ` : ''}${age(u.updatedAt)} : votre saisie risque d’être refusée.`);
      notice.hidden = false;
    },
  });
  return form;
}

function simpleForm({ finess, kind, title, fields, path, toBody, intro }) {
  const error = h('div', { class: 'form-error', 'data-testid': `${kind}-error-${finess}`, role: 'alert', hidden: true });
  const saved = h('p', { class: 'saved', 'data-testid': `${kind}-saved-${finess}`, role: 'status', hidden: true });
  const button = h('button', { type: 'submit', class: 'primary' }, 'Enregistrer');
  const form = h('form', { class: ['card', `${kind}-form`], 'data-testid': `${kind}-form-${finess}`, novalidate: true },
    h('h2', {}, title), intro ? h('p', { class: 'muted' }, intro) : null,
    h('div', { class: 'fields' }, fields.map(field)), error, saved, button);
  form.addEventListener('input', () => { saved.hidden = true; });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearProblem(form, error);
    button.disabled = true;
    const res = await api(path, { method: 'PUT', body: toBody(form) });
    button.disabled = false;
    if (res.ok) {
      replaceChildren(saved, `Enregistré à ${time(new Date().toISOString())}`);
      saved.hidden = false;
    } else {
      showProblem(form, error, res.problem);
    }
  });
  return form;
}

function emergencyForm(finess, est) {
  return simpleForm({
    finess, kind: 'emergency', title: 'Urgences',
    path: `/api/establishments/${encodeURIComponent(finess)}/emergency`,
    fields: [
      { name: 'edWaitingForBed', label: "Patients des urgences en attente d'un lit", value: est.edWaitingForBed },
      { name: 'bedBlockers', label: "Patients en attente d'aval", hint: 'médicalement sortants : SMR, EHPAD, HAD, PSY', value: est.bedBlockers },
    ],
    toBody: (form) => ({ edWaitingForBed: readNumber(form.elements.edWaitingForBed), bedBlockers: readNumber(form.elements.bedBlockers) }),
  });
}

function contactForm(finess, est) {
  const c = est.contact ?? {};
  return simpleForm({
    finess, kind: 'contact', title: 'Contact lits',
    intro: 'Affiché dans la recherche de lits et sur le tableau.',
    path: `/api/establishments/${encodeURIComponent(finess)}/contact`,
    fields: [
      { name: 'bedManager', label: 'Gestionnaire de lits de garde', type: 'text', value: c.bedManager },
      { name: 'phone', label: 'Téléphone', type: 'tel', value: c.phone, attrs: { autocomplete: 'tel', inputmode: 'tel' } },
      { name: 'hours', label: 'Horaires', type: 'text', value: c.hours, hint: 'ex. 8 h – 20 h, 7 j/7' },
    ],
    toBody: (form) => {
      const v = (n) => form.elements[n].value.trim() || null;
      return { bedManager: v('bedManager'), phone: v('phone'), hours: v('hours') };
    },
  });
}
