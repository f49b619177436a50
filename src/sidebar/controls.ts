// The page's controls: each edit goes to a draft and marks its section
// unsaved; checks run as the person leaves a field and again before saving.
import * as checks from './checks';
import { data, h, setFieldError, showProblems } from './dom';
import { fieldChecks, markDirty, reloadStatus, render, SENDING_SECTIONS, server, setStatus, state, t, tn, type Section } from './store';

/**
 * Why a section's fields cannot be changed here, or null when they can: the
 * schedule is someone else's (the server refuses their saves, so the page
 * does not invite them), or the stored settings are damaged and must be
 * restored first.
 */
export function lockLine(section: Section): HTMLElement | null {
  if (!SENDING_SECTIONS.has(section)) return null;
  const { lockedBy, damaged } = state.settings;
  if (lockedBy) return h('p', { class: 'locked', id: `locked-${section}` }, ...tn('lockedBy', { owner: data(lockedBy) }));
  if (damaged) return h('p', { class: 'locked', id: `locked-${section}` }, t('lockedDamaged'));
  return null;
}

/**
 * Read only: text stays readable and selectable; every other control and
 * every button that edits is disabled. Controls marked data-view only
 * choose what is shown (a template, a customer, the live preview) and stay.
 */
export function lockControls(container: HTMLElement): HTMLElement {
  container.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement | HTMLButtonElement>('input, textarea, select, button').forEach((control) => {
    if (control.closest('[data-view]')) return;
    if (control instanceof HTMLTextAreaElement || (control instanceof HTMLInputElement && control.type !== 'checkbox')) control.readOnly = true;
    else control.disabled = true;
  });
  return container;
}

/** Marks a control as one that only chooses what is shown, so read-only sections keep it. */
export function viewOnly<T extends HTMLElement>(control: T): T {
  control.dataset.view = '';
  return control;
}

/** Runs a control's check and shows or clears its error; true when it passes. */
export function runCheck(control: HTMLInputElement | HTMLTextAreaElement): boolean {
  const check = fieldChecks.get(control);
  const problem = check ? check(control.value) : null;
  setFieldError(control, problem ? t(problem) : null);
  return problem === null;
}

/** Wires a control: each edit updates the draft, marks the section, and clears that field's error; leaving it runs its check. */
export function wire<T extends HTMLInputElement | HTMLTextAreaElement>(control: T, onEdit: () => void, section: Section, check?: checks.Check): T {
  if (check) fieldChecks.set(control, check);
  control.addEventListener('input', () => {
    onEdit();
    markDirty(section);
    if (control.getAttribute('aria-invalid') === 'true') setFieldError(control, null);
  });
  if (check) control.addEventListener('change', () => runCheck(control));
  return control;
}

export function numberInput(value: number, onChange: (value: number) => void, section: Section, attributes: Record<string, string | number> = {}, check: checks.Check = checks.wholeDays): HTMLInputElement {
  const input = h('input', { type: 'number', class: 'short', value, ...attributes });
  return wire(input, () => onChange(input.value === '' ? Number.NaN : Number(input.value)), section, check);
}

export function textInput(value: string, onChange: (value: string) => void, section: Section, options: { type?: string; check?: checks.Check; placeholder?: string } = {}): HTMLInputElement {
  const input = h('input', { type: options.type ?? 'text', value, placeholder: options.placeholder, spellcheck: options.type === 'email' ? 'false' : undefined });
  return wire(input, () => onChange(input.value), section, options.check);
}

export function textArea(value: string, rows: number, onChange: (value: string) => void, section: Section, check?: checks.Check): HTMLTextAreaElement {
  const area = h('textarea', { rows }, value);
  return wire(area, () => onChange(area.value), section, check);
}

export function checkbox(checked: boolean, onChange: (value: boolean) => void, section: Section): HTMLInputElement {
  const input = h('input', { type: 'checkbox', checked });
  input.addEventListener('change', () => {
    onChange(input.checked);
    markDirty(section);
  });
  return input;
}

export function select(options: Array<[string, string]>, value: string, onChange: (value: string) => void, dataOptions = false): HTMLSelectElement {
  const element = h('select', {}, ...options.map(([optionValue, text]) => h('option', { value: optionValue, selected: optionValue === value, translate: dataOptions && optionValue !== '' ? 'no' : undefined }, text)));
  element.value = value;
  element.addEventListener('change', () => onChange(element.value));
  return element;
}

export function button(text: string, onClick: () => void | Promise<void>, kind: 'action' | 'secondary' | 'link' = 'secondary', attributes: Record<string, string> = {}): HTMLButtonElement {
  const element = h('button', { type: 'button', class: kind === 'secondary' ? undefined : kind, ...attributes }, text);
  element.addEventListener('click', () => void busy(element, onClick));
  return element;
}

/** While a call is out its button is disabled and marked busy, so a second click cannot send it twice. */
export async function busy(element: HTMLButtonElement, work: () => void | Promise<void>): Promise<void> {
  if (element.disabled) return;
  element.disabled = true;
  element.setAttribute('aria-busy', 'true');
  try {
    await work();
  } finally {
    element.disabled = false;
    element.removeAttribute('aria-busy');
  }
}

export const buttons = (...children: Array<HTMLElement | null>) => h('div', { class: 'buttons' }, ...children);
export const languageOptions = (): Array<[string, string]> => [
  ['en', t('lang.en')],
  ['ru', t('lang.ru')],
];

/** Runs every check in a container; false (with the errors shown) when any fails. */
export function checkAll(container: HTMLElement): boolean {
  let ok = true;
  container.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea').forEach((control) => {
    if (fieldChecks.has(control) && !runCheck(control)) ok = false;
  });
  return ok;
}

/** Shows the server's problems under their fields and says in the status line that nothing was saved. */
export function refused(section: Section, container: HTMLElement, problems: Array<{ field: string; message: string }>): void {
  const unplaced = showProblems(container, problems.map((problem) => ({ ...problem, message: server(problem.message) })));
  const placed = unplaced.length < problems.length;
  setStatus(section, [placed ? t('notSaved') : t('notSavedBecause'), ...unplaced.map((problem) => problem.message)].join(' '), true);
  // Refused as a whole (the schedule became someone else's, the stored settings were damaged): show the page as it now stands, keeping what was typed.
  if (!placed) reloadStatus().then(render, () => undefined);
}
