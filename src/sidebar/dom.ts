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

let nextId = 0;

/** A labelled control: the label's `for` points at the control, for screen readers and clicks. */
export function field(text: string, control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, path: string): HTMLElement {
  const id = control.id || `control-${++nextId}`;
  control.id = id;
  control.dataset.field = path;
  return h('div', { class: 'block form-group' }, h('label', { for: id }, text), control);
}

/** Shows each problem next to the control whose data-field names it; returns the ones with no control. */
export function showProblems(root: HTMLElement, problems: Array<{ field: string; message: string }>): string[] {
  clearProblems(root);
  const unplaced: string[] = [];
  for (const problem of problems) {
    const control = root.querySelector<HTMLElement>(`[data-field="${CSS.escape(problem.field)}"]`);
    if (!control) {
      unplaced.push(`${problem.field ? `${problem.field}: ` : ''}${problem.message}`);
      continue;
    }
    const id = `${control.id}-error`;
    control.setAttribute('aria-invalid', 'true');
    control.setAttribute('aria-describedby', id);
    control.insertAdjacentElement('afterend', h('div', { class: 'error field-error', id, role: 'alert' }, problem.message));
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
