// What a save changed, in words: the status line after a save, and the list
// the schedule's owner approves.
import { isLabelKey, type LabelKey } from './i18n';
import type { Policy, SidebarState } from '../shared/contract';
import { MESSAGE_KINDS } from '../core/reminders/kinds';
import { checkAll, refused } from './controls';
import { clearProblems, data, h } from './dom';
import { call } from './rpc';
import { dirty, draft, notices, render, setStatus, state, t, tn, type Section } from './store';

/** A policy field whose label is not named after it; every other field's label key is its own name. */
export const POLICY_LABELS: Partial<Record<string, LabelKey>> = { language: 'customerLanguage' };

export function shown(value: unknown): string | null {
  if (typeof value === 'boolean') return value ? t('yes') : t('no');
  if (value === '' || value === undefined || value === null) return t('empty');
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string' && value.length <= 40 && !/\n/.test(value)) return value === 'en' || value === 'ru' ? t(`lang.${value}`) : value;
  return null;
}

/** "Payment terms (days) 30 → 45" for a plain value; "Steps changed" for a list or a long text. */
export function change(name: string, before: unknown, after: unknown): string {
  const from = shown(before);
  const to = shown(after);
  return from !== null && to !== null ? t('changedTo', { field: name, from, to }) : t('changedList', { field: name });
}

/** A change as a list item, the values typed (a CC, a sender name) shown as the person's data. */
export function changeItem(name: string, before: unknown, after: unknown): HTMLElement {
  const from = shown(before);
  const to = shown(after);
  const value = (text: string, raw: unknown) => (typeof raw === 'string' && raw !== '' && raw !== 'en' && raw !== 'ru' ? data(text) : text);
  return h('li', {}, ...(from !== null && to !== null ? tn('changedTo', { field: name, from: value(from, before), to: value(to, after) }) : [t('changedList', { field: name })]));
}

/** "Final notice (English): subject, body" for each template that differs. */
export function templateChanges(before: SidebarState['templates'], after: SidebarState['templates']): string[] {
  const changes: string[] = [];
  for (const messageKind of MESSAGE_KINDS)
    for (const code of ['en', 'ru'] as const) {
      const was = before[messageKind][code];
      const now = after[messageKind][code];
      const parts = [was.subject !== now.subject ? t('subject') : '', was.body !== now.body ? t('body') : ''].filter(Boolean);
      if (parts.length) changes.push(`${t(`kind.${messageKind}` as LabelKey)} (${t(`lang.${code}`)}): ${parts.join(', ').toLowerCase()}`);
    }
  return changes;
}

export function summary(changes: string[]): string {
  if (changes.length === 0) return t('savedNothing');
  const listed = changes.length > 4 ? [...changes.slice(0, 3), t('andMore', { count: changes.length - 3 })] : changes;
  return t('savedChanges', { changes: listed.join('; ') });
}

export type Describe<T> = (name: string, before: unknown, after: unknown) => T;

export function policyChanges<T = string>(before: Policy, after: Policy, keys: readonly string[], describe: Describe<T> = change as Describe<T>): T[] {
  const changes: T[] = [];
  for (const key of keys) {
    const a = (before as Record<string, unknown>)[key];
    const b = (after as Record<string, unknown>)[key];
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    if (key === 'columns') {
      const fields = new Set([...Object.keys(a as object), ...Object.keys(b as object)]);
      for (const name of fields) {
        const was = (a as Record<string, string>)[name] ?? detectedHeader(name);
        const now = (b as Record<string, string>)[name] ?? detectedHeader(name);
        if (was !== now) changes.push(describe(t(`field.${name}` as LabelKey), was || t('notUsed'), now || t('notUsed')));
      }
      continue;
    }
    if (key === 'senderByLanguage') {
      const ru = (policy: unknown) => ((policy ?? {}) as Partial<Policy['senderByLanguage']>).ru ?? { senderName: '', signature: '', paymentDetails: '' };
      for (const name of ['senderName', 'paymentDetails', 'signature'] as const) if (ru(a)[name] !== ru(b)[name]) changes.push(describe(t(`${name}Ru`), ru(a)[name], ru(b)[name]));
      continue;
    }
    // A field another part of the page added: its own label when it has one.
    const labelKey = POLICY_LABELS[key] ?? (isLabelKey(key) ? key : undefined);
    changes.push(describe(labelKey ? t(labelKey) : t('otherSetting'), a, b));
  }
  return changes;
}

export const detectedHeader = (name: string) => state.columns?.fields.find((entry) => entry.field === name)?.header ?? '';

/** Every key of the policy: a save stores the whole draft, so its status names whatever changed, in any section. */
export const policyKeys = () => Object.keys({ ...state.policy, ...draft }).filter((key) => key !== 'version');

export async function savePolicy(section: Section): Promise<void> {
  const container = document.getElementById(`section-${section}`) as HTMLElement;
  clearProblems(container);
  if (!checkAll(container)) return setStatus(section, t('notSaved'), true);
  const result = await call('sidebarSavePolicy', draft);
  if (!result.ok) return refused(section, container, result.problems);
  const changes = policyChanges(state.policy, draft, policyKeys());
  state.policy = structuredClone(draft);
  for (const name of ['columns', 'policy', 'reminders', 'payees', 'cash'] as const) {
    dirty.delete(name);
    notices.delete(name);
  }
  notices.set(section, { text: summary(changes), error: false });
  render();
}
