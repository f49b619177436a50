// What every part of the sidebar page shares: the settings as loaded, the
// drafts being edited, the page's language, which sections are open or
// unsaved, and each section's status line. Sections read the live bindings;
// only the setters here replace them.
import type { Check } from './checks';
import type { Language, Policy, SidebarState } from '../shared/contract';
import { label, labelParts, serverText, type LabelKey } from './i18n';
import { call } from './rpc';

export const SECTIONS = ['columns', 'policy', 'reminders', 'payees', 'templates', 'customers', 'team', 'schedule', 'payments', 'cash', 'preview'] as const;
export type Section = (typeof SECTIONS)[number];
/** A section's status line, or the one under the notice about the stored settings (held, damaged). */
export type StatusLine = Section | 'settings';
/** The sections whose fields change what the daily run sends: read only to anyone but the schedule's owner while it is on. */
export const SENDING_SECTIONS: ReadonlySet<Section> = new Set(['columns', 'policy', 'reminders', 'payees', 'templates', 'customers', 'team', 'cash']);

export let state: SidebarState;
export let draft: Policy;
export let templates: SidebarState['templates'];
export let language: Language = 'en';

/** Takes a freshly loaded state as the one shown, its policy and templates as the drafts. */
export function loadState(loaded: SidebarState): void {
  state = loaded;
  draft = structuredClone(loaded.policy);
  templates = structuredClone(loaded.templates);
}

export function setLanguage(chosen: Language): void {
  language = chosen;
}

export const open = new Set<Section>(['policy']);
export const dirty = new Set<Section>();
/** One status line per section: the last save's outcome, cleared when the person edits. */
export const notices = new Map<StatusLine, { text: string; error: boolean }>();
/** What a section does when opened (the templates' live preview loads then). */
export const onOpen: Partial<Record<Section, () => void>> = {};
/** The check each control runs as the person leaves it, and again before saving. */
export const fieldChecks = new WeakMap<HTMLElement, Check>();

export const t = (key: LabelKey, values?: Record<string, string | number>) => label(language, key, values);
export const tn = (key: LabelKey, values: Record<string, Node | string | number>) => labelParts(language, key, values);
export const server = (message: string) => serverText(language, message);

let renderPage: () => void = () => undefined;
/** main.ts hands over the page's render, so sections re-render without importing main. */
export function setRenderer(renderer: () => void): void {
  renderPage = renderer;
}
/** Re-renders everything from the drafts: the values typed are in the drafts, so nothing is lost. */
export const render = () => renderPage();

export function setStatus(section: StatusLine, text: string, error: boolean): void {
  notices.set(section, { text, error });
  const line = document.getElementById(`status-${section}`);
  if (!line) return;
  line.textContent = text;
  line.className = `status ${error ? 'error' : 'ok'}`;
  line.setAttribute('role', error ? 'alert' : 'status');
}

export function clearStatus(section: StatusLine): void {
  notices.delete(section);
  const line = document.getElementById(`status-${section}`);
  if (line) line.textContent = '';
}

export function markDirty(section: Section): void {
  dirty.add(section);
  clearStatus(section);
  const badge = document.getElementById(`dirty-${section}`);
  if (badge) badge.hidden = false;
}


/** Loads the settings' status again (after an approval, a refusal or a schedule change), keeping what the person typed. */
export async function reloadStatus(): Promise<void> {
  const fresh = await call('sidebarLoad');
  state.settings = fresh.settings;
  state.schedule = fresh.schedule;
  state.log = fresh.log;
}
