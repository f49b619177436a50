/** Builds an element; text goes in as text, never as HTML. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | number | boolean | undefined> = {},
  ...children: Array<Node | string | null | undefined | false>
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    if (name === 'value' && 'value' in element) (element as HTMLInputElement).value = String(value);
    else if (name === 'checked') (element as HTMLInputElement).checked = Boolean(value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) if (child !== null && child !== undefined && child !== false) element.append(child);
  return element;
}

/** Text that comes from the workbook (a customer, an address, a header): shown as it is, never translated. */
export function data(text: string, tag: 'span' | 'strong' = 'span'): HTMLElement {
  return h(tag, { translate: 'no' }, text);
}

let nextId = 0;

/** A labelled control: the label's `for` points at the control, for screen readers and clicks. */
export function field(text: string, control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, path: string, hint?: string): HTMLElement {
  const id = control.id || `control-${++nextId}`;
  control.id = id;
  control.dataset.field = path;
  const isCheck = control instanceof HTMLInputElement && control.type === 'checkbox';
  return h('div', { class: isCheck ? 'form-group check' : 'form-group' }, h('label', { for: id }, text), control, hint ? h('p', { class: 'hint' }, hint) : null);
}

/** Shows (or, with null, clears) the error under one control. */
export function setFieldError(control: HTMLElement, message: string | null): void {
  const id = `${control.id}-error`;
  document.getElementById(id)?.remove();
  if (message === null) {
    control.removeAttribute('aria-invalid');
    control.removeAttribute('aria-describedby');
    return;
  }
  control.setAttribute('aria-invalid', 'true');
  control.setAttribute('aria-describedby', id);
  // After the control's group (a checkbox and its label share a line), so the error sits under the field.
  const group = control.closest('.form-group') ?? control;
  group.insertAdjacentElement(group === control ? 'afterend' : 'beforeend', h('div', { class: 'field-error', id, role: 'alert' }, message));
}

/** Shows each problem under the control whose data-field names it; returns the ones with no control. */
export function showProblems(root: HTMLElement, problems: Array<{ field: string; message: string }>): Array<{ field: string; message: string }> {
  clearProblems(root);
  const unplaced: Array<{ field: string; message: string }> = [];
  for (const problem of problems) {
    const control = root.querySelector<HTMLElement>(`[data-field="${CSS.escape(problem.field)}"]`);
    if (!control || control.getAttribute('aria-invalid') === 'true') {
      if (!control) unplaced.push(problem);
      continue;
    }
    setFieldError(control, problem.message);
  }
  return unplaced;
}

export function clearProblems(root: HTMLElement): void {
  root.querySelectorAll('.field-error').forEach((element) => element.remove());
  root.querySelectorAll('[aria-invalid]').forEach((element) => {
    element.removeAttribute('aria-invalid');
    element.removeAttribute('aria-describedby');
  });
}
