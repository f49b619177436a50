// The settings sidebar: one self-contained page, built with the DOM and no
// framework, laid out for the 300 px Sheets gives a sidebar. Every edit lives
// in `draft` until saved, so closing a section loses nothing; fields are
// checked as the person leaves them, and saving is checked again on the
// server with the core's schema. Each section has one status line.
import * as checks from './checks';
import { clearProblems, data, field, h, setFieldError, showProblems } from './dom';
import type { CustomerRow, Language, MessageKind, Policy, SaveResult, SidebarState, Template } from './contract';
import { CHANNELS, MESSAGE_KINDS, TEMPLATE_KINDS, templateForOffset, type Channel, type TemplateKind } from '../core/reminders/kinds';
import { isLabelKey, label, labelParts, serverText, type LabelKey } from './i18n';
import { call } from './rpc';

const SECTIONS = ['columns', 'policy', 'reminders', 'templates', 'customers', 'schedule', 'payments', 'preview'] as const;
type Section = (typeof SECTIONS)[number];
/** A section's status line, or the one under the notice about the stored settings (held, damaged). */
type StatusLine = Section | 'settings';
/** The sections whose fields change what the daily run sends: read only to anyone but the schedule's owner while it is on. */
const SENDING_SECTIONS: ReadonlySet<Section> = new Set(['columns', 'policy', 'reminders', 'templates', 'customers']);

let state: SidebarState;
let draft: Policy;
let templates: SidebarState['templates'];
let language: Language = 'en';
let templateChoice: { kind: MessageKind; language: Language } = { kind: 'overdue', language: 'en' };
let customerSearch = '';
/** The customer whose editor is open: the row as saved, and the one being edited. */
let editing: { saved: CustomerRow; row: CustomerRow } | null = null;
const open = new Set<Section>(['policy']);
const dirty = new Set<Section>();
/** One status line per section: the last save's outcome, cleared when the person edits. */
const notices = new Map<StatusLine, { text: string; error: boolean }>();
/** What a section does when opened (the templates' live preview loads then). */
const onOpen: Partial<Record<Section, () => void>> = {};
/** The check each control runs as the person leaves it, and again before saving. */
const fieldChecks = new WeakMap<HTMLElement, checks.Check>();

const t = (key: LabelKey, values?: Record<string, string | number>) => label(language, key, values);
const tn = (key: LabelKey, values: Record<string, Node | string | number>) => labelParts(language, key, values);
const server = (message: string) => serverText(language, message);
const root = () => document.getElementById('app') as HTMLElement;

async function start(): Promise<void> {
  const params = new URLSearchParams(location.search);
  state = await call('sidebarLoad');
  draft = structuredClone(state.policy);
  templates = structuredClone(state.templates);
  language = params.get('lang') === 'ru' || params.get('lang') === 'en' ? (params.get('lang') as Language) : state.locale;
  templateChoice.language = language;
  render();
}

function setStatus(section: StatusLine, text: string, error: boolean): void {
  notices.set(section, { text, error });
  const line = document.getElementById(`status-${section}`);
  if (!line) return;
  line.textContent = text;
  line.className = `status ${error ? 'error' : 'ok'}`;
  line.setAttribute('role', error ? 'alert' : 'status');
}

function clearStatus(section: StatusLine): void {
  notices.delete(section);
  const line = document.getElementById(`status-${section}`);
  if (line) line.textContent = '';
}

function markDirty(section: Section): void {
  dirty.add(section);
  clearStatus(section);
  const badge = document.getElementById(`dirty-${section}`);
  if (badge) badge.hidden = false;
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
    language = switcher.value as Language;
    render();
  });
  app.replaceChildren(h('header', { class: 'topbar' }, h('h1', {}, t('title')), field(t('language'), switcher, 'ui.language')), ...[settingsNotice()].filter((notice) => notice !== null), ...SECTIONS.map((section) => sectionElement(section)));
}

/**
 * Why a section's fields cannot be changed here, or null when they can: the
 * schedule is someone else's (the server refuses their saves, so the page
 * does not invite them), or the stored settings are damaged and must be
 * restored first.
 */
function lockLine(section: Section): HTMLElement | null {
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
function lockControls(container: HTMLElement): HTMLElement {
  container.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement | HTMLButtonElement>('input, textarea, select, button').forEach((control) => {
    if (control.closest('[data-view]')) return;
    if (control instanceof HTMLTextAreaElement || (control instanceof HTMLInputElement && control.type !== 'checkbox')) control.readOnly = true;
    else control.disabled = true;
  });
  return container;
}

/** Marks a control as one that only chooses what is shown, so read-only sections keep it. */
function viewOnly<T extends HTMLElement>(control: T): T {
  control.dataset.view = '';
  return control;
}

// ---- The stored settings: damaged, or held for the owner's approval ---------

/** Above the sections: damaged settings and the choice to restore them; a hold and the owner's choice to approve or restore. */
function settingsNotice(): HTMLElement | null {
  const { damaged, lockedBy, hasLastGood, unapproved, approved } = state.settings;
  const notice = notices.get('settings');
  const status = h('p', { id: 'status-settings', class: `status ${notice?.error ? 'error' : 'ok'}`, role: notice?.error ? 'alert' : 'status' }, notice?.text ?? '');
  const box = (...children: Array<Node | null>) => h('section', { class: 'notice', id: 'settings-notice', 'aria-labelledby': 'settings-notice-title' }, ...children, status);
  const title = (text: string) => h('p', { class: 'notice-title', id: 'settings-notice-title' }, text);
  if (damaged) {
    return box(
      title(t('damaged')),
      // The server's diagnosis, as it is: which stored value and what is wrong with it.
      h('p', { class: 'meta' }, `${t('details')}: `, data(damaged.replace(/^the stored settings cannot be used \((.*)\)$/s, '$1'))),
      h('p', {}, t(hasLastGood ? 'damagedShowsLastGood' : 'damagedShowsDefaults')),
      lockedBy
        ? h('p', { id: 'settings-owner-only' }, ...tn('onlyOwnerRestores', { owner: data(lockedBy) }))
        : buttons(hasLastGood ? button(t('restoreLastGood'), () => restore('last-good'), 'action') : null, button(t('startFromDefaults'), () => restore('defaults'), hasLastGood ? 'secondary' : 'action')),
    );
  }
  if (unapproved) {
    const changes = approved ? [...policyChanges(approved.policy, state.policy, policyKeys(), changeItem), ...templateChanges(approved.templates, state.templates).map((text) => h('li', {}, text))] : [];
    return box(
      title(t('heldForYou')),
      approved ? h('p', {}, t('changedSinceApproved')) : h('p', {}, t('approvedNotKept')),
      approved ? h('ul', { class: 'changes', id: 'settings-changes' }, ...(changes.length ? changes : [h('li', {}, t('noVisibleChange'))])) : null,
      buttons(button(t('approveSettings'), approveSettings, 'action'), approved ? button(t('restoreApproved'), restoreApproved) : null),
    );
  }
  // Others see the hold (the server's sentence names the owner) and nothing to press.
  if (state.schedule.held) return box(title(server(state.schedule.held)));
  return notice ? box() : null;
}

/** Loads the settings' status again (after an approval, a refusal or a schedule change), keeping what the person typed. */
async function reloadStatus(): Promise<void> {
  const fresh = await call('sidebarLoad');
  state.settings = fresh.settings;
  state.schedule = fresh.schedule;
  state.log = fresh.log;
}

async function approveSettings(): Promise<void> {
  const result = await call('sidebarApproveSettings', state.settings.fingerprint);
  if (!result.ok) return setStatus('settings', result.problems.map((problem) => server(problem.message)).join(' '), true);
  await reloadStatus();
  notices.set('settings', { text: t('approvedNow'), error: false });
  render();
}

/** Replaces the stored settings (damaged, or changed since the owner approved them) with the copy the person chose, and shows it. */
async function replaceSettings(request: () => Promise<SaveResult>, done: LabelKey): Promise<void> {
  const result = await request();
  if (!result.ok) return setStatus('settings', result.problems.map((problem) => server(problem.message)).join(' '), true);
  state = await call('sidebarLoad');
  draft = structuredClone(state.policy);
  templates = structuredClone(state.templates);
  dirty.clear();
  notices.clear();
  notices.set('settings', { text: t(done), error: false });
  render();
}

const restore = (choice: 'last-good' | 'defaults') => replaceSettings(() => call('sidebarRestoreSettings', choice), choice === 'last-good' ? 'restoredLastGood' : 'restoredDefaults');
const restoreApproved = () => replaceSettings(() => call('sidebarRestoreApproved'), 'restoredApproved');

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
  templates: templatesSection,
  customers: customersSection,
  schedule: scheduleSection,
  payments: paymentsSection,
  preview: previewSection,
};

// ---- Controls -------------------------------------------------------------

/** Runs a control's check and shows or clears its error; true when it passes. */
function runCheck(control: HTMLInputElement | HTMLTextAreaElement): boolean {
  const check = fieldChecks.get(control);
  const problem = check ? check(control.value) : null;
  setFieldError(control, problem ? t(problem) : null);
  return problem === null;
}

/** Wires a control: each edit updates the draft, marks the section, and clears that field's error; leaving it runs its check. */
function wire<T extends HTMLInputElement | HTMLTextAreaElement>(control: T, onEdit: () => void, section: Section, check?: checks.Check): T {
  if (check) fieldChecks.set(control, check);
  control.addEventListener('input', () => {
    onEdit();
    markDirty(section);
    if (control.getAttribute('aria-invalid') === 'true') setFieldError(control, null);
  });
  if (check) control.addEventListener('change', () => runCheck(control));
  return control;
}

function numberInput(value: number, onChange: (value: number) => void, section: Section, attributes: Record<string, string | number> = {}, check: checks.Check = checks.wholeDays): HTMLInputElement {
  const input = h('input', { type: 'number', class: 'short', value, ...attributes });
  return wire(input, () => onChange(input.value === '' ? Number.NaN : Number(input.value)), section, check);
}

function textInput(value: string, onChange: (value: string) => void, section: Section, options: { type?: string; check?: checks.Check; placeholder?: string } = {}): HTMLInputElement {
  const input = h('input', { type: options.type ?? 'text', value, placeholder: options.placeholder, spellcheck: options.type === 'email' ? 'false' : undefined });
  return wire(input, () => onChange(input.value), section, options.check);
}

function textArea(value: string, rows: number, onChange: (value: string) => void, section: Section, check?: checks.Check): HTMLTextAreaElement {
  const area = h('textarea', { rows }, value);
  return wire(area, () => onChange(area.value), section, check);
}

function checkbox(checked: boolean, onChange: (value: boolean) => void, section: Section): HTMLInputElement {
  const input = h('input', { type: 'checkbox', checked });
  input.addEventListener('change', () => {
    onChange(input.checked);
    markDirty(section);
  });
  return input;
}

function select(options: Array<[string, string]>, value: string, onChange: (value: string) => void, dataOptions = false): HTMLSelectElement {
  const element = h('select', {}, ...options.map(([optionValue, text]) => h('option', { value: optionValue, selected: optionValue === value, translate: dataOptions && optionValue !== '' ? 'no' : undefined }, text)));
  element.value = value;
  element.addEventListener('change', () => onChange(element.value));
  return element;
}

function button(text: string, onClick: () => void | Promise<void>, kind: 'action' | 'secondary' | 'link' = 'secondary', attributes: Record<string, string> = {}): HTMLButtonElement {
  const element = h('button', { type: 'button', class: kind === 'secondary' ? undefined : kind, ...attributes }, text);
  element.addEventListener('click', () => void busy(element, onClick));
  return element;
}

/** While a call is out its button is disabled and marked busy, so a second click cannot send it twice. */
async function busy(element: HTMLButtonElement, work: () => void | Promise<void>): Promise<void> {
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

const buttons = (...children: Array<HTMLElement | null>) => h('div', { class: 'buttons' }, ...children);
const languageOptions = (): Array<[string, string]> => [
  ['en', t('lang.en')],
  ['ru', t('lang.ru')],
];

/** Runs every check in a container; false (with the errors shown) when any fails. */
function checkAll(container: HTMLElement): boolean {
  let ok = true;
  container.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea').forEach((control) => {
    if (fieldChecks.has(control) && !runCheck(control)) ok = false;
  });
  return ok;
}

/** Shows the server's problems under their fields and says in the status line that nothing was saved. */
function refused(section: Section, container: HTMLElement, problems: Array<{ field: string; message: string }>): void {
  const unplaced = showProblems(container, problems.map((problem) => ({ ...problem, message: server(problem.message) })));
  const placed = unplaced.length < problems.length;
  setStatus(section, [placed ? t('notSaved') : t('notSavedBecause'), ...unplaced.map((problem) => problem.message)].join(' '), true);
  // Refused as a whole (the schedule became someone else's, the stored settings were damaged): show the page as it now stands, keeping what was typed.
  if (!placed) reloadStatus().then(render, () => undefined);
}

// ---- What a save changed ---------------------------------------------------

const POLICY_LABELS: Partial<Record<string, LabelKey>> = {
  termsDays: 'termsDays',
  graceDays: 'graceDays',
  minimumBalance: 'minimumBalance',
  yearlyInterestPercent: 'yearlyInterestPercent',
  amountRules: 'amountRules',
  steps: 'steps',
  sendHour: 'sendHour',
  skipWeekends: 'skipWeekends',
  senderName: 'senderName',
  replyTo: 'replyTo',
  cc: 'cc',
  copyToSelf: 'copyToSelf',
  paymentDetails: 'paymentDetails',
  signature: 'signature',
  minimumGapDays: 'minimumGapDays',
  language: 'customerLanguage',
  columns: 'columns',
};

function shown(value: unknown): string | null {
  if (typeof value === 'boolean') return value ? t('yes') : t('no');
  if (value === '' || value === undefined || value === null) return t('empty');
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string' && value.length <= 40 && !/\n/.test(value)) return value === 'en' || value === 'ru' ? t(`lang.${value}`) : value;
  return null;
}

/** "Payment terms (days) 30 → 45" for a plain value; "Steps changed" for a list or a long text. */
function change(name: string, before: unknown, after: unknown): string {
  const from = shown(before);
  const to = shown(after);
  return from !== null && to !== null ? t('changedTo', { field: name, from, to }) : t('changedList', { field: name });
}

/** A change as a list item, the values typed (a CC, a sender name) shown as the person's data. */
function changeItem(name: string, before: unknown, after: unknown): HTMLElement {
  const from = shown(before);
  const to = shown(after);
  const value = (text: string, raw: unknown) => (typeof raw === 'string' && raw !== '' && raw !== 'en' && raw !== 'ru' ? data(text) : text);
  return h('li', {}, ...(from !== null && to !== null ? tn('changedTo', { field: name, from: value(from, before), to: value(to, after) }) : [t('changedList', { field: name })]));
}

/** "Final notice (English): subject, body" for each template that differs. */
function templateChanges(before: SidebarState['templates'], after: SidebarState['templates']): string[] {
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

function summary(changes: string[]): string {
  if (changes.length === 0) return t('savedNothing');
  const listed = changes.length > 4 ? [...changes.slice(0, 3), t('andMore', { count: changes.length - 3 })] : changes;
  return t('savedChanges', { changes: listed.join('; ') });
}

type Describe<T> = (name: string, before: unknown, after: unknown) => T;

function policyChanges<T = string>(before: Policy, after: Policy, keys: readonly string[], describe: Describe<T> = change as Describe<T>): T[] {
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
    // A field another part of the page added: its own label when it has one.
    const labelKey = POLICY_LABELS[key] ?? (isLabelKey(key) ? key : undefined);
    changes.push(describe(labelKey ? t(labelKey) : t('otherSetting'), a, b));
  }
  return changes;
}

const detectedHeader = (name: string) => state.columns?.fields.find((entry) => entry.field === name)?.header ?? '';

/** Every key of the policy: a save stores the whole draft, so its status names whatever changed, in any section. */
const policyKeys = () => Object.keys({ ...state.policy, ...draft }).filter((key) => key !== 'version');

async function savePolicy(section: Section): Promise<void> {
  const container = document.getElementById(`section-${section}`) as HTMLElement;
  clearProblems(container);
  if (!checkAll(container)) return setStatus(section, t('notSaved'), true);
  const result = await call('sidebarSavePolicy', draft);
  if (!result.ok) return refused(section, container, result.problems);
  const changes = policyChanges(state.policy, draft, policyKeys());
  state.policy = structuredClone(draft);
  for (const name of ['columns', 'policy', 'reminders'] as const) {
    dirty.delete(name);
    notices.delete(name);
  }
  notices.set(section, { text: summary(changes), error: false });
  render();
}

// ---- Sections ----------------------------------------------------------------

function columnsSection(): Array<Node | null> {
  const view = state.columns;
  if (!view) return [h('p', {}, t('noTable'))];
  const chosen = (fieldName: string) => draft.columns[fieldName as keyof Policy['columns']] ?? view.fields.find((entry) => entry.field === fieldName)?.header ?? '';
  const rows = view.sample.map(([customer, invoiceDate, dueDate, amount, paid, currency]) =>
    h(
      'li',
      {},
      data(customer, 'strong'),
      h('span', { class: 'meta' }, ...tn('sample', { date: invoiceDate || t('noDate'), due: dueDate, amount, paid, currency: data(currency) })),
    ),
  );
  return [
    h('p', { class: 'secondary' }, t('columnsIntro')),
    h('p', {}, `${t('sheet')}: `, data(view.sheet, 'strong')),
    ...view.fields.map((entry) =>
      field(
        t(`field.${entry.field}` as LabelKey),
        select(
          [['', t('notUsed')], ...view.headers.filter(Boolean).map((header): [string, string] => [header, header])],
          chosen(entry.field),
          (value) => {
            draft.columns = { ...draft.columns, [entry.field]: value };
            markDirty('columns');
          },
          true,
        ),
        `columns.${entry.field}`,
      ),
    ),
    h('h3', {}, t('firstRows')),
    h('ul', { class: 'list', id: 'columns-sample' }, ...rows),
    ...view.problems.map((problem) => h('p', { class: 'error' }, server(problem))),
    buttons(button(t('save'), () => savePolicy('columns'), 'action')),
  ];
}

function policySection(): Array<Node | null> {
  const rules = draft.amountRules.map((rule, k) =>
    h(
      'fieldset',
      {},
      h('legend', {}, `${t('amountRules')} ${k + 1}`),
      field(t('ruleMinimum'), numberInput(rule.minimumBalance, (value) => (rule.minimumBalance = value), 'policy', { min: 0, step: '0.01' }, checks.amount), `amountRules.${k}.minimumBalance`),
      field(t('ruleCc'), textInput(rule.cc, (value) => (rule.cc = value), 'policy', { type: 'text', check: checks.emails }), `amountRules.${k}.cc`),
      field(
        t('ruleSteps'),
        textInput(
          rule.extraSteps.map((step) => step.offsetDays).join(', '),
          (value) => {
            rule.extraSteps = value
              .split(/[,;\s]+/)
              .filter(Boolean)
              .map((part) => ({ offsetDays: Number(part), template: templateForOffset(Number(part)), lateFee: 0, channel: 'email' as const }));
          },
          'policy',
          { check: checks.dayList },
        ),
        `amountRules.${k}.extraSteps`,
      ),
      buttons(
        button(t('remove'), () => {
          draft.amountRules.splice(k, 1);
          markDirty('policy');
          render();
        }),
      ),
    ),
  );
  return [
    h(
      'div',
      { class: 'row' },
      field(t('termsDays'), numberInput(draft.termsDays, (value) => (draft.termsDays = value), 'policy', { min: 0, max: 365 }), 'termsDays'),
      field(t('graceDays'), numberInput(draft.graceDays, (value) => (draft.graceDays = value), 'policy', { min: 0, max: 60 }), 'graceDays'),
    ),
    field(t('minimumBalance'), numberInput(draft.minimumBalance, (value) => (draft.minimumBalance = value), 'policy', { min: 0, step: '0.01' }, checks.amount), 'minimumBalance'),
    field(t('yearlyInterestPercent'), numberInput(draft.yearlyInterestPercent, (value) => (draft.yearlyInterestPercent = value), 'policy', { min: 0, max: 100, step: '0.1' }, checks.amount), 'yearlyInterestPercent'),
    h('h3', {}, t('amountRules')),
    ...rules,
    buttons(
      button(t('addRule'), () => {
        draft.amountRules.push({ minimumBalance: 0, extraSteps: [], cc: '' });
        markDirty('policy');
        render();
      }),
      button(t('save'), () => savePolicy('policy'), 'action'),
    ),
  ];
}

function remindersSection(): Array<Node | null> {
  const templateOptions = TEMPLATE_KINDS.map((kind): [string, string] => [kind, t(`kind.${kind}` as LabelKey)]);
  const channelOptions = CHANNELS.map((channel): [string, string] => [channel, t(`channel.${channel}` as LabelKey)]);
  const move = (from: number, to: number) => {
    if (to < 0 || to >= draft.steps.length) return;
    const [step] = draft.steps.splice(from, 1);
    draft.steps.splice(to, 0, step);
    markDirty('reminders');
    render();
    document.getElementById(`step-${to}-offset`)?.focus();
  };
  const steps = draft.steps.map((step, k) => {
    const offset = numberInput(step.offsetDays, (value) => (step.offsetDays = value), 'reminders', { min: -90, max: 365 });
    offset.id = `step-${k}-offset`;
    return h(
      'fieldset',
      { class: 'step', 'data-step': k },
      h('legend', {}, `${t('step')} ${k + 1}`),
      h(
        'div',
        { class: 'row' },
        field(t('offsetDays'), offset, `steps.${k}.offsetDays`),
        field(t('lateFee'), numberInput(step.lateFee, (value) => (step.lateFee = value), 'reminders', { min: 0, step: '0.01' }, checks.amount), `steps.${k}.lateFee`),
      ),
      h(
        'div',
        { class: 'row' },
        field(
          t('template'),
          select(templateOptions, step.template, (value) => {
            step.template = value as TemplateKind;
            markDirty('reminders');
          }),
          `steps.${k}.template`,
        ),
        field(
          t('channel'),
          select(channelOptions, step.channel ?? 'email', (value) => {
            step.channel = value as Channel;
            markDirty('reminders');
          }),
          `steps.${k}.channel`,
        ),
      ),
      h(
        'div',
        { class: 'buttons compact' },
        button(t('moveUp'), () => move(k, k - 1), 'secondary', k === 0 ? { disabled: '' } : {}),
        button(t('moveDown'), () => move(k, k + 1), 'secondary', k === draft.steps.length - 1 ? { disabled: '' } : {}),
        button(t('remove'), () => {
          draft.steps.splice(k, 1);
          markDirty('reminders');
          render();
        }),
      ),
    );
  });
  return [
    h('div', { id: 'steps', 'data-field': 'steps' }, ...steps),
    buttons(
      button(t('addStep'), () => {
        const last = draft.steps[draft.steps.length - 1]?.offsetDays ?? 0;
        draft.steps.push({ offsetDays: last + 7, template: 'overdue', lateFee: 0, channel: 'email' });
        markDirty('reminders');
        render();
      }),
    ),
    field(t('sendHour'), numberInput(draft.sendHour, (value) => (draft.sendHour = value), 'reminders', { min: 0, max: 23 }), 'sendHour'),
    field(t('skipWeekends'), checkbox(draft.skipWeekends, (value) => (draft.skipWeekends = value), 'reminders'), 'skipWeekends'),
    field(t('minimumGapDays'), numberInput(draft.minimumGapDays, (value) => (draft.minimumGapDays = value), 'reminders', { min: 1, max: 60 }), 'minimumGapDays'),
    field(t('senderName'), textInput(draft.senderName, (value) => (draft.senderName = value), 'reminders'), 'senderName'),
    field(t('replyTo'), textInput(draft.replyTo, (value) => (draft.replyTo = value), 'reminders', { type: 'email', check: checks.email }), 'replyTo'),
    field(t('cc'), textInput(draft.cc, (value) => (draft.cc = value), 'reminders', { check: checks.emails }), 'cc'),
    field(t('copyToSelf'), checkbox(draft.copyToSelf, (value) => (draft.copyToSelf = value), 'reminders'), 'copyToSelf'),
    field(t('paymentDetails'), textArea(draft.paymentDetails, 3, (value) => (draft.paymentDetails = value), 'reminders'), 'paymentDetails'),
    field(t('signature'), textArea(draft.signature, 3, (value) => (draft.signature = value), 'reminders'), 'signature'),
    field(
      t('customerLanguage'),
      select(languageOptions(), draft.language, (value) => {
        draft.language = value as Language;
        markDirty('reminders');
      }),
      'language',
    ),
    buttons(button(t('save'), () => savePolicy('reminders'), 'action')),
  ];
}

function templatesSection(): Array<Node | null> {
  const { kind, language: templateLanguage } = templateChoice;
  const template: Template = templates[kind][templateLanguage];
  const path = `${kind}.${templateLanguage}`;
  // Live: the preview follows the typing, a moment after it stops.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void refresh(), 400);
  };
  const subject = textInput(template.subject, (value) => {
    template.subject = value;
    later();
  }, 'templates', { check: checks.braces });
  const body = textArea(template.body, 10, (value) => {
    template.body = value;
    later();
  }, 'templates', checks.braces);
  const frame = h('iframe', { title: t('livePreview'), sandbox: '', class: 'preview-frame' });
  const caption = h('p', { class: 'secondary', id: 'template-preview-caption', 'aria-live': 'polite' });
  const refresh = async () => {
    const rendered = await call('sidebarRenderTemplate', kind, templateLanguage, template).catch((error: unknown) => {
      caption.replaceChildren(h('span', { class: 'error' }, server(error instanceof Error ? error.message : String(error))));
      return null;
    });
    if (!rendered) return;
    caption.replaceChildren(...(rendered.customer ? [...tn('previewFor', { customer: data(rendered.customer) }), ': ', data(rendered.subject)] : [t('noCustomerToShow')]));
    frame.srcdoc = rendered.html;
  };
  const save = async () => {
    const container = document.getElementById('section-templates') as HTMLElement;
    clearProblems(container);
    if (!checkAll(container)) return setStatus('templates', t('notSaved'), true);
    const result = await call('sidebarSaveTemplates', templates);
    if (!result.ok) return refused('templates', container, result.problems);
    const changes = templateChanges(state.templates, templates);
    dirty.delete('templates');
    notices.set('templates', { text: summary(changes), error: false });
    state.templates = structuredClone(templates);
    render();
  };
  onOpen.templates = () => void refresh();
  if (open.has('templates')) void refresh();
  return [
    h(
      'div',
      { class: 'row' },
      field(
        t('kind'),
        viewOnly(select(
          MESSAGE_KINDS.map((option): [string, string] => [option, t(`kind.${option}` as LabelKey)]),
          kind,
          (value) => {
            templateChoice = { ...templateChoice, kind: value as MessageKind };
            render();
          },
        )),
        'templates.kind',
      ),
      field(
        t('language'),
        viewOnly(select(languageOptions(), templateLanguage, (value) => {
          templateChoice = { ...templateChoice, language: value as Language };
          render();
        })),
        'templates.language',
      ),
    ),
    field(t('subject'), subject, `${path}.subject`),
    field(t('body'), body, `${path}.body`),
    h('p', { class: 'hint' }, `${t('placeholders')}: `, data('{{customer}} {{invoices}} {{total}} {{oldest_due_date}} {{days_overdue}} {{late_fee}} {{sender}} {{payment_details}}')),
    buttons(viewOnly(button(t('livePreview'), refresh)), button(t('save'), save, 'action')),
    caption,
    frame,
  ];
}

// ---- Customers: a searchable list, one line each; one editor, for the chosen one ----

function customerStates(row: CustomerRow): Array<{ text: string; tone: 'warn' | 'info' | 'ok' | '' }> {
  const states: Array<{ text: string; tone: 'warn' | 'info' | 'ok' | '' }> = [];
  if (row.doNotRemind) states.push({ text: t('state.doNotRemind'), tone: 'warn' });
  if (row.disputed) states.push({ text: t('state.disputed'), tone: 'warn' });
  if (row.pausedUntil) states.push({ text: t('state.paused', { date: row.pausedUntil }), tone: 'info' });
  if (row.promiseBy) states.push({ text: t('state.promised', { date: row.promiseBy }), tone: 'info' });
  if (row.plan.trim()) states.push({ text: t('state.plan'), tone: 'info' });
  if (row.ownSteps.trim()) states.push({ text: t('state.ownSteps'), tone: '' });
  if (states.length === 0) states.push({ text: t('state.usual'), tone: 'ok' });
  return states;
}

function customersSection(): Array<Node | null> {
  const search = viewOnly(h('input', { type: 'search', value: customerSearch, autocomplete: 'off' }));
  search.addEventListener('input', () => {
    customerSearch = search.value;
    const list = customerList();
    document.getElementById('customer-list')?.replaceWith(lockLine('customers') ? lockControls(list) : list);
  });
  if (state.customers.length === 0) return [h('p', { class: 'secondary' }, t('noCustomers'))];
  return [collectionsNotes(), field(t('search'), search, 'customers.search'), customerList()];
}

/** Who is on credit hold, and whose contact a call found wrong (from the Collections sheet). */
function collectionsNotes(): HTMLElement | null {
  const { onHold, wrongContact, overdueDays } = state.collections;
  if (onHold.length === 0 && wrongContact.length === 0) return null;
  return h(
    'div',
    { class: 'block', id: 'collections-notes' },
    // Names and currency codes are data, not text to translate.
    onHold.length
      ? h('div', {}, h('strong', {}, t('onHold')), h('ul', {}, ...onHold.map((hold) => h('li', {}, data(hold.customer), ' ', data(hold.currency), `: ${hold.reasons.map((reason) => t(`hold.${reason}`, { days: overdueDays })).join(', ')}`))))
      : null,
    wrongContact.length ? h('div', {}, h('strong', {}, t('wrongContact')), h('ul', {}, ...wrongContact.map((customer) => h('li', {}, data(customer))))) : null,
  );
}

function customerList(): HTMLElement {
  const query = customerSearch.trim().toLowerCase();
  const rows = state.customers.filter((row) => !query || row.customer.toLowerCase().includes(query) || row.email.toLowerCase().includes(query));
  const items = rows.map((row) => {
    const chosen = editing?.saved.customer === row.customer;
    const choose = h(
      'button',
      { type: 'button', class: 'item', 'data-view': '', 'aria-pressed': chosen ? 'true' : 'false', 'aria-expanded': chosen ? 'true' : 'false', 'data-customer': row.customer },
      data(row.customer, 'strong'),
      row.email ? h('span', { class: 'meta', translate: 'no' }, row.email) : null,
      h('span', { class: 'chips' }, ...customerStates(row).map((entry) => h('span', { class: `chip ${entry.tone}` }, entry.text))),
    );
    choose.addEventListener('click', () => {
      editing = chosen ? null : { saved: structuredClone(row), row: structuredClone(row) };
      clearStatus('customers');
      render();
      if (editing) document.getElementById('customer-email')?.focus();
    });
    return h('li', { class: 'has-item' }, choose, chosen && editing ? customerForm(editing.row, editing.saved) : null);
  });
  return h(
    'div',
    { id: 'customer-list' },
    h('p', { class: 'hint' }, query ? t('customersShown', { shown: rows.length, total: state.customers.length }) : t('chooseCustomer')),
    h('ul', { class: 'list' }, ...(items.length ? items : [h('li', { class: 'empty' }, t('noMatch'))])),
  );
}

const CUSTOMER_LABELS: Array<[keyof CustomerRow, LabelKey]> = [
  ['email', 'email'],
  ['language', 'language'],
  ['doNotRemind', 'doNotRemind'],
  ['pausedUntil', 'pausedUntil'],
  ['promiseBy', 'promiseBy'],
  ['disputed', 'disputed'],
  ['ownSteps', 'ownSteps'],
  ['plan', 'plan'],
];

function customerForm(row: CustomerRow, saved: CustomerRow): HTMLElement {
  const email = textInput(row.email, (value) => (row.email = value), 'customers', { check: checks.emails });
  email.id = 'customer-email';
  const save = async () => {
    const form = document.getElementById('customer-form') as HTMLElement;
    clearProblems(form);
    if (!checkAll(form)) return setStatus('customers', t('notSaved'), true);
    const result = await call('sidebarSaveCustomer', row);
    if (!result.ok) return refused('customers', form, result.problems.map((problem) => ({ ...problem, field: `customer.${problem.field}` })));
    const index = state.customers.findIndex((existing) => existing.customer === row.customer);
    if (index >= 0) state.customers[index] = structuredClone(row);
    const changes = CUSTOMER_LABELS.filter(([key]) => row[key] !== saved[key]).map(([key, labelKey]) => change(t(labelKey), saved[key], row[key]));
    editing = null;
    dirty.delete('customers');
    notices.set('customers', { text: changes.length ? t('savedCustomer', { customer: row.customer, changes: changes.join('; ') }) : t('savedNothing'), error: false });
    render();
  };
  return h(
    'fieldset',
    { id: 'customer-form' },
    h('legend', {}, data(row.customer)),
    field(t('email'), email, 'customer.email'),
    field(
      t('language'),
      select([['', t('lang.none')], ...languageOptions()], row.language, (value) => {
        row.language = value;
        markDirty('customers');
      }),
      'customer.language',
    ),
    field(t('doNotRemind'), checkbox(row.doNotRemind, (value) => (row.doNotRemind = value), 'customers'), 'customer.doNotRemind'),
    field(t('disputed'), checkbox(row.disputed, (value) => (row.disputed = value), 'customers'), 'customer.disputed'),
    h(
      'div',
      { class: 'row' },
      field(t('pausedUntil'), textInput(row.pausedUntil, (value) => (row.pausedUntil = value), 'customers', { type: 'date', check: checks.date }), 'customer.pausedUntil'),
      field(t('promiseBy'), textInput(row.promiseBy, (value) => (row.promiseBy = value), 'customers', { type: 'date', check: checks.date }), 'customer.promiseBy'),
    ),
    field(t('ownSteps'), textInput(row.ownSteps, (value) => (row.ownSteps = value), 'customers', { check: checks.dayList, placeholder: '-3, 0, 10' }), 'customer.ownSteps'),
    field(t('plan'), textInput(row.plan, (value) => (row.plan = value), 'customers', { placeholder: '2026-04-01 500; 2026-05-01 500' }), 'customer.plan'),
    buttons(
      button(t('save'), save, 'action'),
      viewOnly(
        button(t('close'), () => {
          editing = null;
          render();
        }),
      ),
    ),
  );
}

// ---- Schedule and preview: lists of what happened and what would ------------

/** "upcoming (-7 days)" as the log writes a step, in the page's language. */
function stepText(step: string): string {
  const match = /^([a-z-]+) \((.+?) days?\)$/.exec(step);
  const name = match && ((MESSAGE_KINDS as readonly string[]).includes(match[1]) ? `kind.${match[1]}` : `channel.${match[1]}`);
  if (!match || !name || !isLabelKey(name)) return step;
  return `${t(name)} ${t('offsetDaysList', { offsets: match[2] })}`;
}

/** A status from the log or the preview ("sent", "error: …"), in the page's language. */
function statusText(status: string): string {
  const [word, ...rest] = status.split(': ');
  const key = `status.${word}` as LabelKey;
  const known = ['sent', 'deferred', 'error', 'unconfirmed', 'sending', 'ready', 'skipped', 'held'].includes(word);
  const head = known ? t(key) : status;
  return known && rest.length ? `${head}: ${server(rest.join(': '))}` : head;
}

function scheduleSection(): Array<Node | null> {
  const schedule = state.schedule;
  const toggle = async () => {
    const result = await call('sidebarSetSchedule', !schedule.on);
    state.schedule = result.schedule;
    notices.set('schedule', { text: result.ok ? (result.schedule.on ? t('on', { owner: result.schedule.owner }) : t('off')) : server(result.message), error: !result.ok });
    // Who may change the settings follows the schedule: show it as it now stands.
    await reloadStatus();
    render();
  };
  // The server refuses to turn off someone else's schedule: the page does not offer it.
  const othersSchedule = schedule.on && state.settings.lockedBy !== '';
  const log = state.log.map(([time, customer, address, step, status, error]) =>
    h(
      'li',
      {},
      data(customer, 'strong'),
      h('span', { class: 'meta' }, `${time} · `, data(address)),
      h('span', { class: 'meta' }, `${stepText(step)} · ${statusText(status)}${error ? `: ${server(error)}` : ''}`),
    ),
  );
  return [
    h('p', { id: 'schedule-state' }, ...(schedule.on ? tn('on', { owner: data(schedule.owner) }) : [t('off')])),
    h('p', { class: 'secondary' }, t('sendsAt', { hour: state.policy.sendHour })),
    h('p', {}, schedule.lastRunAt ? t('lastRun', { at: schedule.lastRunAt.slice(0, 16).replace('T', ' '), sent: schedule.sentLastRun }) : t('noRunYet')),
    schedule.lastError ? h('p', { class: 'error' }, server(schedule.lastError)) : null,
    schedule.warning ? h('p', { class: 'error', id: 'schedule-warning' }, server(schedule.warning)) : null,
    schedule.permission ? h('p', { class: 'error', id: 'schedule-permission' }, server(schedule.permission)) : null,
    schedule.quotaLeft >= 0 ? h('p', {}, t('quotaLeft', { quota: schedule.quotaLeft })) : null,
    buttons(button(schedule.on ? t('turnOff') : t('turnOn'), toggle, 'action', othersSchedule ? { disabled: '' } : {})),
    othersSchedule ? h('p', { class: 'secondary', id: 'schedule-owner-only' }, ...tn('onlyOwnerTurnsOff', { owner: data(schedule.owner) })) : null,
    h('h3', {}, t('latestLog')),
    h('ul', { class: 'list', id: 'schedule-log' }, ...(log.length ? log : [h('li', { class: 'empty' }, t('noLog'))])),
  ];
}

/** Bank statements in: the import dialog, and apply and undo with their outcome on the status line. */
function paymentsSection(): Array<Node | null> {
  const importStatement = async () => {
    clearStatus('payments');
    await call('showImportStatement');
  };
  const apply = async () => setStatus('payments', server(await call('sidebarApplyPayments')), false);
  const undo = async () => setStatus('payments', server(await call('sidebarUndoPayments')), false);
  return [h('p', { class: 'meta' }, t('paymentsHint')), buttons(button(t('importStatement'), importStatement, 'action'), button(t('applyMatches'), apply), button(t('undoApply'), undo))];
}

function previewSection(): Array<Node | null> {
  const output = h('div', { id: 'preview-output', 'aria-live': 'polite' });
  const load = async () => {
    clearStatus('preview');
    const preview = await call('sidebarPreview');
    if (preview.stopped) output.replaceChildren(h('p', { class: 'error' }, server(preview.stopped)));
    else if (preview.reminders.length === 0) output.replaceChildren(h('p', {}, t('nothingDue')));
    else
      output.replaceChildren(
        h('h3', {}, t('reminderFor', { day: preview.day })),
        h(
          'ul',
          { class: 'list' },
          ...preview.reminders.map((reminder) =>
            h(
              'li',
              {},
              data(reminder.customer, 'strong'),
              h('span', { class: 'meta', translate: 'no' }, reminder.to),
              h('span', { class: 'meta' }, data(reminder.subject)),
              h('span', { class: 'meta' }, `${t('invoices')}: `, data(reminder.invoices), ` · ${statusText(reminder.status)}`),
            ),
          ),
        ),
      );
  };
  const sendTest = async () => {
    const message = await call('sidebarSendTest');
    setStatus('preview', server(message), false);
  };
  return [buttons(button(t('loadPreview'), load, 'action'), button(t('sendTest'), sendTest)), output];
}

start().catch((error: unknown) => {
  root().replaceChildren(h('div', { class: 'error', role: 'alert' }, error instanceof Error ? server(error.message) : String(error)));
});
