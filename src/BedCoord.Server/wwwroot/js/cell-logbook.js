// The main courante on the cell page: a keyboard-first entry form (Ctrl+Entrée records), a filter, the entries
// newest first, and the chain's state.

import { h, replaceChildren } from './dom.js';
import { dateTime } from './format.js';

const KINDS = { 'info-in': 'Information reçue', 'info-out': 'Information émise', decision: 'Décision', action: 'Action', point: 'Point de situation', system: 'Système' };
const CHECKS = { 'to-verify': 'à vérifier', verifying: 'en cours de vérification', verified: 'vérifiée' };

export function createLogbook({ canWrite, onAppend, onPoint, onExport, onVerify }) {
  let entries = [];
  const list = h('ol', { class: 'logbook', 'data-testid': 'logbook', 'aria-label': 'Entrées de la main courante' });
  const filterText = h('input', { id: 'lb-filter', type: 'search', placeholder: 'mot, auteur…', oninput: () => render() });
  const filterKind = h('select', { id: 'lb-filter-kind', onchange: () => render() },
    h('option', { value: '' }, 'Tous'), Object.entries(KINDS).map(([v, l]) => h('option', { value: v }, l)));
  const chain = h('p', { class: 'chain', 'data-testid': 'chain', role: 'status' });
  const message = h('p', { class: 'form-message', role: 'status', 'aria-live': 'polite', 'data-testid': 'logbook-message' });

  const kind = h('select', { id: 'lb-kind', required: true }, Object.entries(KINDS).filter(([v]) => v !== 'system' && v !== 'point').map(([v, l]) => h('option', { value: v }, l)));
  const check = h('select', { id: 'lb-check' }, h('option', { value: '' }, '—'), Object.entries(CHECKS).map(([v, l]) => h('option', { value: v }, l)));
  const source = h('input', { id: 'lb-source', maxlength: 200, autocomplete: 'off' });
  const text = h('textarea', { id: 'lb-text', rows: 3, maxlength: 4000, required: true, 'aria-describedby': 'lb-help' });
  const corrects = h('input', { id: 'lb-corrects', autocomplete: 'off', placeholder: 'identifiant de l’entrée corrigée' });

  async function submit(e) {
    e?.preventDefault();
    const body = { kind: kind.value, text: text.value, source: source.value || null, check: check.value || null, corrects: corrects.value || null };
    const problem = await onAppend(body);
    if (problem) { say(problem, true); return; }
    text.value = ''; source.value = ''; corrects.value = ''; check.value = '';
    say('Entrée enregistrée.');
    text.focus();
  }

  function say(t, error = false) {
    message.textContent = t;
    message.classList.toggle('error', error);
  }

  text.addEventListener('keydown', (e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submit(e); });

  const form = canWrite ? h('form', { class: 'logbook-form', 'data-testid': 'logbook-form', onsubmit: submit },
    h('div', { class: 'form-row' },
      h('label', { for: 'lb-kind' }, 'Type', kind),
      h('label', { for: 'lb-check' }, 'Vérification', check),
      h('label', { for: 'lb-source' }, 'Source', source),
      h('label', { for: 'lb-corrects' }, 'Corrige', corrects)),
    h('label', { for: 'lb-text', class: 'wide' }, 'Texte', text),
    h('p', { id: 'lb-help', class: 'sub' }, 'Ctrl+Entrée enregistre. Une entrée ne se modifie pas : pour corriger, citez l’entrée corrigée.'),
    h('div', { class: 'form-row' },
      h('button', { type: 'submit', 'data-testid': 'logbook-submit' }, 'Enregistrer dans la main courante'),
      h('button', { type: 'button', class: 'secondary', 'data-testid': 'point', onclick: async () => say((await onPoint()) ?? 'Point de situation enregistré.') }, 'Point de situation')),
    message) : h('p', { class: 'sub' }, 'Lecture seule : seuls ceux qui peuvent déclarer sur ce périmètre écrivent dans sa main courante.');

  function render() {
    const q = filterText.value.trim().toLowerCase();
    const k = filterKind.value;
    const shown = entries.filter((e) => (!k || e.kind === k) && (!q || `${e.text} ${e.author} ${e.source ?? ''}`.toLowerCase().includes(q))).reverse();
    replaceChildren(list, shown.length ? shown.map(item) : h('li', { class: 'empty' }, 'Aucune entrée.'));
  }

  function item(e) {
    return h('li', { class: ['entry', `kind-${e.kind}`], id: `entry-${e.id}`, 'data-testid': 'entry' },
      h('div', { class: 'entry-head' },
        h('span', { class: 'seq num' }, `n°${e.seq}`),
        h('time', { datetime: e.at }, dateTime(e.at)),
        h('b', {}, KINDS[e.kind] ?? e.kind),
        e.check ? h('span', { class: 'check' }, CHECKS[e.check]) : null,
        h('span', {}, `${e.author} (${e.role})`),
        e.eventAt ? h('span', { class: 'sub inline' }, `événement ${dateTime(e.eventAt)}`) : null),
      e.corrects ? h('p', { class: 'corrects' }, 'Corrige ', h('a', { href: `#entry-${e.corrects}` }, `l’entrée ${e.corrects.slice(0, 8)}…`)) : null,
      h('p', { class: 'entry-text' }, e.text),
      e.source ? h('p', { class: 'sub' }, `Source : ${e.source}`) : null,
      h('p', { class: 'hash sub' }, `empreinte ${e.hash.slice(0, 16)} · id ${e.id}`));
  }

  const el = h('section', { class: 'cell-panel logbook-panel', 'aria-labelledby': 'logbook-title' },
    h('h2', { id: 'logbook-title' }, 'Main courante'),
    form,
    h('div', { class: 'form-row filter-row' },
      h('label', { for: 'lb-filter' }, 'Filtrer', filterText),
      h('label', { for: 'lb-filter-kind' }, 'Type', filterKind),
      h('button', { type: 'button', class: 'secondary', onclick: onVerify }, 'Vérifier la chaîne'),
      h('button', { type: 'button', class: 'secondary', onclick: () => onExport('csv-fr') }, 'Export CSV (Excel)'),
      h('button', { type: 'button', class: 'secondary', onclick: () => onExport('pdf') }, 'Export PDF 24 h')),
    chain,
    list);

  return {
    el,
    set(next) { entries = next; render(); },
    chain(v) {
      chain.textContent = v.valid
        ? `Chaîne intègre : ${v.entries} entrées, empreinte de tête ${v.head.slice(0, 16)}…`
        : `Chaîne ROMPUE à l’entrée n°${v.firstInvalid.seq} : ${v.firstInvalid.reason}`;
      chain.classList.toggle('error', !v.valid);
    },
    say,
  };
}
