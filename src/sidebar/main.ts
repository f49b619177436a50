// The settings sidebar: one self-contained page, built with the DOM and no
// framework. Every edit lives in `draft` until saved, so closing a section
// loses nothing; saving is checked on the server with the core's schema.
import { clearProblems, field, h, showProblems } from './dom';
import type { CustomerRow, Language, MessageKind, Policy, SidebarState, Template } from './contract';
import { MESSAGE_KINDS, TEMPLATE_KINDS, templateForOffset, type TemplateKind } from '../core/reminders/kinds';
import { label, type LabelKey } from './i18n';
import { call } from './rpc';

const SECTIONS = ['columns', 'policy', 'reminders', 'templates', 'customers', 'schedule', 'preview'] as const;
type Section = (typeof SECTIONS)[number];

let state: SidebarState;
let draft: Policy;
let templates: SidebarState['templates'];
let language: Language = 'en';
let templateChoice: { kind: MessageKind; language: Language } = { kind: 'overdue', language: 'en' };
let customerSearch = '';
let editing: CustomerRow | null = null;
const open = new Set<Section>(['policy']);
const dirty = new Set<Section>();
const notices = new Map<Section, { text: string; error: boolean }>();
/** What a section does when opened (the templates' live preview loads then). */
const onOpen: Partial<Record<Section, () => void>> = {};

const t = (key: LabelKey, values?: Record<string, string | number>) => label(language, key, values);
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

function markDirty(section: Section): void {
  dirty.add(section);
  notices.delete(section);
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
  app.replaceChildren(
    h(
      'header',
      { class: 'block' },
      h('h1', {}, t('title')),
      field(
        t('language'),
        select(
          [
            ['en', 'English'],
            ['ru', 'Русский'],
          ],
          language,
          (value) => {
            language = value as Language;
            render();
          },
        ),
        'ui.language',
      ),
    ),
    ...SECTIONS.map((section) => sectionElement(section)),
  );
}

function sectionElement(section: Section): HTMLElement {
  const details = h('details', { id: `section-${section}`, open: open.has(section) });
  details.addEventListener('toggle', () => {
    if (!details.open) return void open.delete(section);
    open.add(section);
    onOpen[section]?.();
  });
  const notice = notices.get(section);
  details.append(
    h('summary', {}, t(section as LabelKey), h('span', { id: `dirty-${section}`, class: 'secondary dirty', hidden: !dirty.has(section) }, ` • ${t('unsaved')}`)),
    h('div', { class: 'section-body' }, ...SECTION_BUILDERS[section]()),
  );
  if (notice) details.append(h('div', { class: notice.error ? 'error' : 'gray', role: 'status' }, notice.text));
  return details;
}

const SECTION_BUILDERS: Record<Section, () => Array<Node | null>> = {
  columns: columnsSection,
  policy: policySection,
  reminders: remindersSection,
  templates: templatesSection,
  customers: customersSection,
  schedule: scheduleSection,
  preview: previewSection,
};

function numberInput(value: number, onChange: (value: number) => void, section: Section, attributes: Record<string, string | number> = {}): HTMLInputElement {
  const input = h('input', { type: 'number', value, ...attributes });
  input.addEventListener('input', () => {
    onChange(input.value === '' ? Number.NaN : Number(input.value));
    markDirty(section);
  });
  return input;
}

function textInput(value: string, onChange: (value: string) => void, section: Section, type = 'text'): HTMLInputElement {
  const input = h('input', { type, value });
  input.addEventListener('input', () => {
    onChange(input.value);
    markDirty(section);
  });
  return input;
}

function checkbox(checked: boolean, onChange: (value: boolean) => void, section: Section): HTMLInputElement {
  const input = h('input', { type: 'checkbox', checked });
  input.addEventListener('change', () => {
    onChange(input.checked);
    markDirty(section);
  });
  return input;
}

function select(options: Array<[string, string]>, value: string, onChange: (value: string) => void): HTMLSelectElement {
  const element = h('select', {}, ...options.map(([optionValue, text]) => h('option', { value: optionValue, selected: optionValue === value }, text)));
  element.value = value;
  element.addEventListener('change', () => onChange(element.value));
  return element;
}

function button(text: string, onClick: () => void, primary = false): HTMLButtonElement {
  const element = h('button', { type: 'button', class: primary ? 'action' : undefined }, text);
  element.addEventListener('click', onClick);
  return element;
}

function table(headers: string[], rows: Array<Array<string | Node>>): HTMLTableElement {
  return h('table', {}, h('thead', {}, h('tr', {}, ...headers.map((header) => h('th', { scope: 'col' }, header)))), h('tbody', {}, ...rows.map((row) => h('tr', {}, ...row.map((cell) => h('td', {}, cell))))));
}

async function savePolicy(section: Section): Promise<void> {
  const container = document.getElementById(`section-${section}`) as HTMLElement;
  clearProblems(container);
  const result = await call('sidebarSavePolicy', draft);
  if (result.ok) {
    state.policy = structuredClone(draft);
    for (const name of ['columns', 'policy', 'reminders'] as const) dirty.delete(name);
    notices.set(section, { text: t('saved'), error: false });
    render();
    return;
  }
  const unplaced = showProblems(container, result.problems);
  const note = h('div', { class: 'error', role: 'alert' }, [t('notSaved'), ...unplaced].join(' '));
  container.querySelector('.section-body')?.append(note);
}

function columnsSection(): Array<Node | null> {
  const view = state.columns;
  if (!view) return [h('p', {}, t('noTable'))];
  const chosen = (fieldName: string) => draft.columns[fieldName as keyof Policy['columns']] ?? view.fields.find((entry) => entry.field === fieldName)?.header ?? '';
  return [
    h('p', { class: 'secondary' }, t('columnsIntro')),
    h('p', {}, `${t('sheet')}: ${view.sheet}`),
    ...view.fields.map((entry) =>
      field(
        t(`field.${entry.field}` as LabelKey),
        select([['', t('notUsed')], ...view.headers.filter(Boolean).map((header): [string, string] => [header, header])], chosen(entry.field), (value) => {
          draft.columns = { ...draft.columns, [entry.field]: value };
          markDirty('columns');
        }),
        `columns.${entry.field}`,
      ),
    ),
    h('h3', {}, t('firstRows')),
    table([t('field.customer'), t('field.invoiceDate'), t('field.dueDate'), t('field.amount'), t('field.paidAmount'), t('field.currency')], view.sample),
    ...view.problems.map((problem) => h('div', { class: 'error' }, problem)),
    button(t('save'), () => void savePolicy('columns'), true),
  ];
}

function policySection(): Array<Node | null> {
  const rules = draft.amountRules.map((rule, k) =>
    h(
      'fieldset',
      { class: 'block' },
      h('legend', {}, `${t('amountRules')} ${k + 1}`),
      field(t('ruleMinimum'), numberInput(rule.minimumBalance, (value) => (rule.minimumBalance = value), 'policy', { min: 0, step: '0.01' }), `amountRules.${k}.minimumBalance`),
      field(t('ruleCc'), textInput(rule.cc, (value) => (rule.cc = value), 'policy', 'email'), `amountRules.${k}.cc`),
      field(
        t('ruleSteps'),
        textInput(rule.extraSteps.map((step) => step.offsetDays).join(', '), (value) => {
          rule.extraSteps = value
            .split(/[,;\s]+/)
            .filter(Boolean)
            .map((part) => ({ offsetDays: Number(part), template: templateForOffset(Number(part)), lateFee: 0, channel: 'email' as const }));
        }, 'policy'),
        `amountRules.${k}.extraSteps`,
      ),
      button(t('remove'), () => {
        draft.amountRules.splice(k, 1);
        markDirty('policy');
        render();
      }),
    ),
  );
  return [
    field(t('termsDays'), numberInput(draft.termsDays, (value) => (draft.termsDays = value), 'policy', { min: 0, max: 365 }), 'termsDays'),
    field(t('graceDays'), numberInput(draft.graceDays, (value) => (draft.graceDays = value), 'policy', { min: 0, max: 60 }), 'graceDays'),
    field(t('minimumBalance'), numberInput(draft.minimumBalance, (value) => (draft.minimumBalance = value), 'policy', { min: 0, step: '0.01' }), 'minimumBalance'),
    field(t('yearlyInterestPercent'), numberInput(draft.yearlyInterestPercent, (value) => (draft.yearlyInterestPercent = value), 'policy', { min: 0, max: 100, step: '0.1' }), 'yearlyInterestPercent'),
    h('h3', {}, t('amountRules')),
    ...rules,
    button(t('addRule'), () => {
      draft.amountRules.push({ minimumBalance: 0, extraSteps: [], cc: '' });
      markDirty('policy');
      render();
    }),
    h('div', { class: 'block' }, button(t('save'), () => void savePolicy('policy'), true)),
  ];
}

function remindersSection(): Array<Node | null> {
  const templateOptions = TEMPLATE_KINDS.map((kind): [string, string] => [kind, t(`kind.${kind}` as LabelKey)]);
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
      { class: 'block step', 'data-step': k },
      h('legend', {}, `${t('step')} ${k + 1}`),
      field(t('offsetDays'), offset, `steps.${k}.offsetDays`),
      field(
        t('template'),
        select(templateOptions, step.template, (value) => {
          step.template = value as TemplateKind;
          markDirty('reminders');
        }),
        `steps.${k}.template`,
      ),
      field(t('lateFee'), numberInput(step.lateFee, (value) => (step.lateFee = value), 'reminders', { min: 0, step: '0.01' }), `steps.${k}.lateFee`),
      button(t('moveUp'), () => move(k, k - 1)),
      button(t('moveDown'), () => move(k, k + 1)),
      button(t('remove'), () => {
        draft.steps.splice(k, 1);
        markDirty('reminders');
        render();
      }),
    );
  });
  const languageSelect = select(
    [
      ['en', 'English'],
      ['ru', 'Русский'],
    ],
    draft.language,
    (value) => {
      draft.language = value as Language;
      markDirty('reminders');
    },
  );
  const details = h('textarea', { rows: 3 }, draft.paymentDetails);
  details.addEventListener('input', () => {
    draft.paymentDetails = details.value;
    markDirty('reminders');
  });
  return [
    h('div', { id: 'steps', 'data-field': 'steps' }, ...steps),
    button(t('addStep'), () => {
      const last = draft.steps[draft.steps.length - 1]?.offsetDays ?? 0;
      draft.steps.push({ offsetDays: last + 7, template: 'overdue', lateFee: 0, channel: 'email' });
      markDirty('reminders');
      render();
    }),
    field(t('sendHour'), numberInput(draft.sendHour, (value) => (draft.sendHour = value), 'reminders', { min: 0, max: 23 }), 'sendHour'),
    field(t('skipWeekends'), checkbox(draft.skipWeekends, (value) => (draft.skipWeekends = value), 'reminders'), 'skipWeekends'),
    field(t('senderName'), textInput(draft.senderName, (value) => (draft.senderName = value), 'reminders'), 'senderName'),
    field(t('replyTo'), textInput(draft.replyTo, (value) => (draft.replyTo = value), 'reminders', 'email'), 'replyTo'),
    field(t('cc'), textInput(draft.cc, (value) => (draft.cc = value), 'reminders'), 'cc'),
    field(t('copyToSelf'), checkbox(draft.copyToSelf, (value) => (draft.copyToSelf = value), 'reminders'), 'copyToSelf'),
    field(t('paymentDetails'), details, 'paymentDetails'),
    field(t('customerLanguage'), languageSelect, 'language'),
    h('div', { class: 'block' }, button(t('save'), () => void savePolicy('reminders'), true)),
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
  }, 'templates');
  const body = h('textarea', { rows: 10 }, template.body);
  body.addEventListener('input', () => {
    template.body = body.value;
    markDirty('templates');
    later();
  });
  const frame = h('iframe', { title: t('livePreview'), sandbox: '', class: 'preview-frame' });
  const caption = h('p', { class: 'secondary', id: 'template-preview-caption', 'aria-live': 'polite' });
  const refresh = async () => {
    const rendered = await call('sidebarRenderTemplate', kind, templateLanguage, template);
    caption.textContent = rendered.customer ? `${t('previewFor', { customer: rendered.customer })}: ${rendered.subject}` : t('noCustomerToShow');
    frame.srcdoc = rendered.html;
  };
  const save = async () => {
    const container = document.getElementById('section-templates') as HTMLElement;
    const result = await call('sidebarSaveTemplates', templates);
    if (result.ok) {
      dirty.delete('templates');
      notices.set('templates', { text: t('saved'), error: false });
      state.templates = structuredClone(templates);
      render();
    } else {
      const unplaced = showProblems(container, result.problems);
      container.querySelector('.section-body')?.append(h('div', { class: 'error', role: 'alert' }, [t('notSaved'), ...unplaced].join(' ')));
    }
  };
  onOpen.templates = () => void refresh();
  if (open.has('templates')) void refresh();
  return [
    field(
      t('kind'),
      select(
        MESSAGE_KINDS.map((option): [string, string] => [option, t(`kind.${option}` as LabelKey)]),
        kind,
        (value) => {
          templateChoice = { ...templateChoice, kind: value as MessageKind };
          render();
        },
      ),
      'templates.kind',
    ),
    field(
      t('language'),
      select(
        [
          ['en', 'English'],
          ['ru', 'Русский'],
        ],
        templateLanguage,
        (value) => {
          templateChoice = { ...templateChoice, language: value as Language };
          render();
        },
      ),
      'templates.language',
    ),
    field(t('subject'), subject, `${path}.subject`),
    field(t('body'), body, `${path}.body`),
    h('div', { class: 'block' }, button(t('livePreview'), () => void refresh()), button(t('save'), () => void save(), true)),
    caption,
    frame,
  ];
}

function customersSection(): Array<Node | null> {
  const search = h('input', { type: 'search', value: customerSearch });
  search.addEventListener('input', () => {
    customerSearch = search.value;
    const list = document.getElementById('customer-list');
    list?.replaceWith(customerList());
  });
  return [field(t('search'), search, 'customers.search'), customerList(), editing ? customerForm(editing) : null];
}

function customerList(): HTMLElement {
  const query = customerSearch.trim().toLowerCase();
  const rows = state.customers.filter((row) => !query || row.customer.toLowerCase().includes(query) || row.email.toLowerCase().includes(query));
  const list = table(
    [t('customer'), t('email'), ''],
    rows.map((row) => [
      row.customer,
      row.email,
      button(`${t('edit')}: ${row.customer}`, () => {
        editing = structuredClone(row);
        render();
        document.getElementById('customer-email')?.focus();
      }),
    ]),
  );
  list.id = 'customer-list';
  return list;
}

function customerForm(row: CustomerRow): HTMLElement {
  const email = textInput(row.email, (value) => (row.email = value), 'customers');
  email.id = 'customer-email';
  const save = async () => {
    const form = document.getElementById('customer-form') as HTMLElement;
    const result = await call('sidebarSaveCustomer', row);
    if (result.ok) {
      const index = state.customers.findIndex((existing) => existing.customer === row.customer);
      if (index >= 0) state.customers[index] = structuredClone(row);
      editing = null;
      dirty.delete('customers');
      notices.set('customers', { text: t('saved'), error: false });
      render();
    } else {
      const unplaced = showProblems(form, result.problems.map((problem) => ({ ...problem, field: `customer.${problem.field}` })));
      form.append(h('div', { class: 'error', role: 'alert' }, [t('notSaved'), ...unplaced].join(' ')));
    }
  };
  return h(
    'fieldset',
    { id: 'customer-form', class: 'block' },
    h('legend', {}, row.customer),
    field(t('email'), email, 'customer.email'),
    field(
      t('language'),
      select(
        [
          ['', '—'],
          ['en', 'English'],
          ['ru', 'Русский'],
        ],
        row.language,
        (value) => {
          row.language = value;
          markDirty('customers');
        },
      ),
      'customer.language',
    ),
    field(t('doNotRemind'), checkbox(row.doNotRemind, (value) => (row.doNotRemind = value), 'customers'), 'customer.doNotRemind'),
    field(t('pausedUntil'), textInput(row.pausedUntil, (value) => (row.pausedUntil = value), 'customers', 'date'), 'customer.pausedUntil'),
    field(t('promiseBy'), textInput(row.promiseBy, (value) => (row.promiseBy = value), 'customers', 'date'), 'customer.promiseBy'),
    field(t('disputed'), checkbox(row.disputed, (value) => (row.disputed = value), 'customers'), 'customer.disputed'),
    field(t('ownSteps'), textInput(row.ownSteps, (value) => (row.ownSteps = value), 'customers'), 'customer.ownSteps'),
    field(t('plan'), textInput(row.plan, (value) => (row.plan = value), 'customers'), 'customer.plan'),
    button(t('save'), () => void save(), true),
  );
}

function scheduleSection(): Array<Node | null> {
  const schedule = state.schedule;
  const toggle = async () => {
    const result = await call('sidebarSetSchedule', !schedule.on);
    state.schedule = result.schedule;
    notices.set('schedule', { text: result.message, error: !result.ok });
    render();
  };
  return [
    h('p', { id: 'schedule-state' }, schedule.on ? t('on', { owner: schedule.owner }) : t('off')),
    h('p', {}, t('sendsAt', { hour: state.policy.sendHour })),
    schedule.lastRunAt ? h('p', {}, t('lastRun', { at: schedule.lastRunAt.slice(0, 16).replace('T', ' '), sent: schedule.sentLastRun })) : null,
    schedule.lastError ? h('p', { class: 'error' }, schedule.lastError) : null,
    schedule.permission ? h('p', { class: 'error', id: 'schedule-permission' }, schedule.permission) : null,
    schedule.quotaLeft >= 0 ? h('p', {}, t('quotaLeft', { quota: schedule.quotaLeft })) : null,
    button(schedule.on ? t('turnOff') : t('turnOn'), () => void toggle(), true),
    h('h3', {}, t('latestLog')),
    table(['', t('customer'), t('to'), t('kind'), t('status'), ''], state.log),
  ];
}

function previewSection(): Array<Node | null> {
  const output = h('div', { id: 'preview-output', 'aria-live': 'polite' });
  const load = async () => {
    const preview = await call('sidebarPreview');
    if (preview.stopped) output.replaceChildren(h('p', { class: 'error' }, preview.stopped));
    else if (preview.reminders.length === 0) output.replaceChildren(h('p', {}, t('nothingDue')));
    else
      output.replaceChildren(
        h('p', {}, preview.day),
        table(
          [t('customer'), t('to'), t('subject'), t('invoices'), t('status')],
          preview.reminders.map((reminder) => [reminder.customer, reminder.to, reminder.subject, reminder.invoices, reminder.status]),
        ),
      );
  };
  const sendTest = async () => {
    const message = await call('sidebarSendTest');
    output.append(h('p', { role: 'status' }, message));
  };
  return [h('div', { class: 'block' }, button(t('loadPreview'), () => void load(), true), button(t('sendTest'), () => void sendTest())), output];
}

start().catch((error: unknown) => {
  root().replaceChildren(h('div', { class: 'error', role: 'alert' }, error instanceof Error ? error.message : String(error)));
});
