import { h, replaceChildren } from './dom.js';

/**
 * Puts a problem+json answer on a form: each field's messages under its input, the rest (and the
 * overall detail) in the form's error box. Server field names may be "installed", "Installed" or
 * "$.installed", so they are matched loosely.
 */
export function showProblem(form, box, problem) {
  clearProblem(form, box);
  const inputs = [...form.querySelectorAll('input[name], select[name], textarea[name]')];
  const leftovers = [];
  for (const [field, messages] of Object.entries(problem.errors ?? {})) {
    const key = field.split(/[.$[\]]/).filter(Boolean).pop()?.toLowerCase() ?? '';
    const input = inputs.find((i) => i.name.toLowerCase() === key);
    if (input) {
      input.setAttribute('aria-invalid', 'true');
      const slot = form.querySelector(`[data-error-for="${input.name}"]`);
      if (slot) replaceChildren(slot, messages.join(' '));
      else leftovers.push(...messages);
    } else {
      leftovers.push(...messages);
    }
  }
  replaceChildren(box, h('p', {}, problem.detail), leftovers.length ? h('ul', {}, leftovers.map((m) => h('li', {}, m))) : null);
  box.hidden = false;
}

export function clearProblem(form, box) {
  for (const i of form.querySelectorAll('[aria-invalid]')) i.removeAttribute('aria-invalid');
  for (const s of form.querySelectorAll('[data-error-for]')) s.textContent = '';
  box.textContent = '';
  box.hidden = true;
}

export function field({ name, label, type = 'number', value = '', hint = null, attrs = {} }) {
  const id = `f-${Math.random().toString(36).slice(2, 9)}-${name}`;
  const numeric = type === 'number';
  return h('div', { class: 'field' },
    h('label', { for: id }, label),
    h('input', {
      id, name, type,
      value: value ?? '',
      inputmode: numeric ? 'numeric' : null,
      min: numeric ? '0' : null,
      max: numeric ? '5000' : null,
      step: numeric ? '1' : null,
      autocomplete: 'off',
      ...attrs,
    }),
    hint ? h('span', { class: 'hint' }, hint) : null,
    h('span', { class: 'field-error', 'data-error-for': name, role: 'alert' }));
}

/** Whole numbers as the server wants them; anything else is sent as typed and left to it to refuse. */
export function readNumber(input) {
  const raw = input.value.trim();
  if (raw === '') return null;
  const n = Number(raw);
  return Number.isFinite(n) ? n : raw;
}
