// The settings sidebar: one self-contained page, built with the DOM and no
// framework, laid out for the 300 px Sheets gives a sidebar. Every edit lives
// in `draft` until saved, so closing a section loses nothing; fields are
// checked as the person leaves them, and saving is checked again on the
// server with the core's schema. Each section has one status line.
// Each section is its own module under sections/; this file wires them.
import { field, h } from './dom';
import type { Language } from '../shared/contract';
import type { LabelKey } from './i18n';
import { call } from './rpc';
import { lockControls, lockLine } from './controls';
import { dirty, language, loadState, state, notices, onOpen, open, SECTIONS, server, setLanguage, setRenderer, t, type Section } from './store';
import { settingsNotice } from './sections/settingsNotice';
import { columnsSection } from './sections/columns';
import { policySection } from './sections/policy';
import { remindersSection } from './sections/reminders';
import { templateChoice, templatesSection } from './sections/templates';
import { customersSection } from './sections/customers';
import { teamSection } from './sections/team';
import { scheduleSection } from './sections/schedule';
import { paymentsSection } from './sections/payments';
import { payeesSection } from './sections/payees';
import { cashSection } from './sections/cash';
import { previewSection } from './sections/preview';

const root = () => document.getElementById('app') as HTMLElement;

async function start(): Promise<void> {
  const params = new URLSearchParams(location.search);
  loadState(await call('sidebarLoad'));
  setLanguage(params.get('lang') === 'ru' || params.get('lang') === 'en' ? (params.get('lang') as Language) : state.locale);
  templateChoice.language = language;
  render();
}

/** Re-renders everything from the drafts: the values typed are in the drafts, so nothing is lost. */
function render(): void {
  const app = root();
  // Sections the user opened or closed stay so, whatever their toggle events have reported yet.
  for (const section of SECTIONS) {
    const details = document.getElementById(`section-${section}`) as HTMLDetailsElement | null;
    if (details) (details.open ? open.add(section) : open.delete(section));
  }
  document.documentElement.lang = language;
  const switcher = h('select', {}, ...(['en', 'ru'] as const).map((code) => h('option', { value: code, selected: code === language, translate: 'no', lang: code }, code === 'en' ? 'English' : 'Русский')));
  switcher.addEventListener('change', () => {
    setLanguage(switcher.value as Language);
    render();
  });
  app.replaceChildren(h('header', { class: 'topbar' }, h('h1', {}, t('title')), field(t('language'), switcher, 'ui.language')), ...[settingsNotice()].filter((notice) => notice !== null), ...SECTIONS.map((section) => sectionElement(section)));
}

function sectionElement(section: Section): HTMLElement {
  const details = h('details', { id: `section-${section}`, open: open.has(section) });
  details.addEventListener('toggle', () => {
    if (!details.open) return void open.delete(section);
    open.add(section);
    onOpen[section]?.();
  });
  const notice = notices.get(section);
  const locked = lockLine(section);
  const body = h(
    'div',
    { class: 'section-body' },
    locked,
    ...SECTION_BUILDERS[section](),
    h('p', { id: `status-${section}`, class: `status ${notice?.error ? 'error' : 'ok'}`, role: notice?.error ? 'alert' : 'status' }, notice?.text ?? ''),
  );
  details.append(h('summary', {}, t(section as LabelKey), h('span', { id: `dirty-${section}`, class: 'dirty', hidden: !dirty.has(section) }, ` • ${t('unsaved')}`)), locked ? lockControls(body) : body);
  return details;
}

const SECTION_BUILDERS: Record<Section, () => Array<Node | null>> = {
  columns: columnsSection,
  policy: policySection,
  reminders: remindersSection,
  payees: payeesSection,
  templates: templatesSection,
  customers: customersSection,
  team: teamSection,
  schedule: scheduleSection,
  payments: paymentsSection,
  cash: cashSection,
  preview: previewSection,
};

setRenderer(render);
start().catch((error: unknown) => {
  root().replaceChildren(h('div', { class: 'error', role: 'alert' }, error instanceof Error ? server(error.message) : String(error)));
});
