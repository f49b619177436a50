import { dayText, isoDate, ZoneCalendar, type CalendarDay } from '../calendar';
import { CellError, dayOfCell, isBlank, type Cell, type DateReading } from '../cells';
import { normalizeHeader } from '../columns';
import { localeConventions, localeLanguage } from '../locale';
import type { ReminderDraft } from '../reminders/cadence';
import { customerKey, emptySettings, type CustomerSettings } from '../reminders/customerSettings';
import { CHANNEL_NAMES, channelOfStep, DAYS_WORD, type Channel } from '../reminders/kinds';
import { sheetText } from '../reminders/log';
import type { Language } from '../reminders/templates';

/**
 * The "Collections" sheet: the tasks for people that the cadence's call,
 * letter and legal steps create, one row each, and what the people wrote
 * back (Outcome, Promise date, Note), which the next run reads by header.
 * Rows are only ever added: finished tasks stay as history.
 */
export const COLLECTIONS_SHEET_NAME = 'Collections';
export const COLLECTIONS_HEADERS = [
  'Date',
  'Customer',
  'Currency',
  'Contact',
  'Phone',
  'Email',
  'Open',
  'Overdue',
  'Oldest days overdue',
  'Invoices',
  'Step',
  'Last contact',
  'Last outcome',
  'Document',
  'Outcome',
  'Promise date',
  'Note',
  'Keys',
  'Task id',
  // Last, so that a sheet made before it keeps its columns: added at the right when a task first has a manager (issue 27).
  'Manager',
] as const;
/** The columns people fill in: never written by the add-on after the row is added. */
export const OUTCOME_COLUMN = COLLECTIONS_HEADERS.indexOf('Outcome');
export const DOCUMENT_COLUMN = COLLECTIONS_HEADERS.indexOf('Document');
export const TASK_ID_HEADER = 'Task id';
export const MANAGER_HEADER = 'Manager';

export const OUTCOMES = ['reached', 'no answer', 'promised', 'disputed', 'wrong contact'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** An outcome's word per language: the dropdown offers the book's, reading accepts either (a sheet written before a locale change keeps working). */
export const OUTCOME_NAMES: Record<Language, Record<Outcome, string>> = {
  en: { reached: 'reached', 'no answer': 'no answer', promised: 'promised', disputed: 'disputed', 'wrong contact': 'wrong contact' },
  ru: { reached: 'дозвонились', 'no answer': 'не ответили', promised: 'обещали оплатить', disputed: 'оспаривают', 'wrong contact': 'неверный контакт' },
};

/** The words the Outcome dropdown offers in a book of this language. */
export const outcomeWords = (language: Language): string[] => OUTCOMES.map((outcome) => OUTCOME_NAMES[language][outcome]);

const OUTCOME_BY_WORD = new Map<string, Outcome>(
  (['en', 'ru'] as const).flatMap((language) => OUTCOMES.map((outcome) => [OUTCOME_NAMES[language][outcome].toLowerCase(), outcome] as [string, Outcome])),
);

/** An Outcome cell as the add-on means it, in either language, case and surrounding spaces aside; null for other text. */
export function outcomeOf(cell: unknown): Outcome | null {
  return OUTCOME_BY_WORD.get(String(cell ?? '').trim().replace(/\s+/g, ' ').toLowerCase()) ?? null;
}


/** One task row as read back. */
export interface CollectionsEntry {
  /** The sheet row (1-based). */
  row: number;
  day: CalendarDay | null;
  customer: string;
  currency: string;
  invoices: string[];
  channel: Exclude<Channel, 'email'> | null;
  document: string;
  outcome: Outcome | '';
  promiseDay: CalendarDay | null;
  note: string;
  marks: Array<{ key: string; offsetDays: number }>;
  /** The Keys cell as read: signed with the task. */
  keysText: string;
  /** The Task id cell as read ("" when none): the add-on's mark on the rows it wrote. */
  taskId: string;
}

/** What a task row shows about the customer, besides the draft. */
export interface TaskFacts {
  contact: string;
  phone: string;
  email: string;
  openCents: number;
  overdueCents: number;
  oldestDaysOverdue: number;
  lastContact: string;
  lastOutcome: string;
  /** Who collects from the customer (Customers sheet, else the invoice table); "" when none. */
  manager?: string;
}

/** The Keys cell of a task: the items and steps it stands for, by which a task is never added twice. */
export function keysText(draft: ReminderDraft): string {
  return JSON.stringify(draft.marks.map((mark) => [mark.key, mark.offsetDays]));
}

/** The row a call, letter or legal draft adds; amounts in units, the date a Date made by the caller, the Task id its mark (see marks.ts). */
export function taskRow(draft: ReminderDraft, facts: TaskFacts, date: Date, taskId: string, language: Language = 'en'): Array<string | number | Date> {
  if (draft.channel === 'email') throw new Error('an email step is not a task');
  const offsets = [...new Set(draft.lines.map((line) => line.step.offsetDays))].sort((a, b) => a - b);
  const step = `${CHANNEL_NAMES[language][draft.channel]} (${offsets.map((offset) => (offset > 0 ? `+${offset}` : String(offset))).join(', ')} ${DAYS_WORD[language]})`;
  return [
    date,
    sheetText(draft.customer),
    // The invoice table's Currency is typed by people: "=…" must stay text.
    sheetText(draft.currency),
    sheetText(facts.contact),
    // A phone number such as +44 20… would be read as a formula.
    sheetText(facts.phone),
    sheetText(facts.email),
    facts.openCents / 100,
    facts.overdueCents / 100,
    facts.oldestDaysOverdue,
    sheetText(draft.lines.map((line) => line.label).join(', ')),
    sheetText(step),
    sheetText(facts.lastContact),
    sheetText(facts.lastOutcome),
    '',
    '',
    '',
    '',
    keysText(draft),
    taskId,
    // Typed by people: a name such as "=Anna" or "+7…" stays text.
    sheetText(facts.manager ?? ''),
  ];
}

const HEADER_FIELDS: Record<string, keyof CollectionsEntry | 'step'> = {
  date: 'day',
  customer: 'customer',
  currency: 'currency',
  invoices: 'invoices',
  step: 'step',
  document: 'document',
  outcome: 'outcome',
  promisedate: 'promiseDay',
  note: 'note',
  keys: 'marks',
  taskid: 'taskId',
};

/**
 * Reads the Collections sheet (header row included) by header, so that a
 * person may reorder its columns or add their own. A cell that cannot be
 * read is reported with its row, column and value; the rest of the row counts.
 */
export function readCollections(rows: readonly (readonly Cell[])[], options: { timeZone: string; locale: string }): { entries: CollectionsEntry[]; problems: string[] } {
  const entries: CollectionsEntry[] = [];
  const problems: string[] = [];
  if (rows.length === 0) return { entries, problems };
  const headers = rows[0].map((header) => String(header ?? ''));
  const fields = headers.map((header) => HEADER_FIELDS[normalizeHeader(header)]);
  const column = (field: keyof CollectionsEntry | 'step') => fields.indexOf(field);
  // The error for an unknown outcome lists the words the book's dropdown offers.
  const language = localeLanguage(options.locale);
  const reading: DateReading = { calendar: new ZoneCalendar(options.timeZone), conventions: localeConventions(options.locale) };
  const text = (row: readonly Cell[], field: keyof CollectionsEntry | 'step') => (column(field) < 0 ? '' : String(row[column(field)] ?? '').trim());
  const problem = (r: number, field: keyof CollectionsEntry, message: string) => problems.push(`Collections sheet, row ${r}, column "${headers[column(field)]}": ${message}`);

  rows.slice(1).forEach((row, index) => {
    const r = index + 2;
    const customer = text(row, 'customer');
    if (!customer) return;
    const entry: CollectionsEntry = { row: r, day: null, customer, currency: text(row, 'currency'), invoices: [], channel: null, document: text(row, 'document'), outcome: '', promiseDay: null, note: text(row, 'note'), marks: [], keysText: text(row, 'marks'), taskId: text(row, 'taskId') };
    entry.invoices = text(row, 'invoices').split(',').map((label) => label.trim()).filter(Boolean);
    entry.channel = channelOfStep(text(row, 'step'));
    for (const field of ['day', 'promiseDay'] as const) {
      const cell = column(field) < 0 ? '' : row[column(field)];
      if (isBlank(cell)) continue;
      try {
        entry[field] = dayOfCell(cell, reading);
      } catch (error) {
        if (!(error instanceof CellError)) throw error;
        problem(r, field, `"${String(cell)}" is not a date`);
      }
    }
    const outcomeCell = text(row, 'outcome');
    if (outcomeCell) {
      const outcome = outcomeOf(outcomeCell);
      if (outcome) entry.outcome = outcome;
      else problem(r, 'outcome', `"${outcomeCell}" is not an outcome: use ${outcomeWords(language).join(', ')}`);
    }
    if (entry.outcome === 'promised' && entry.promiseDay === null && column('promiseDay') >= 0 && isBlank(row[column('promiseDay')])) {
      problem(r, 'promiseDay', `the outcome is "${OUTCOME_NAMES[language].promised}" but no promise date is given`);
    }
    try {
      const parsed = JSON.parse(text(row, 'marks') || '[]') as Array<[string, number]>;
      if (Array.isArray(parsed)) entry.marks = parsed.filter((mark) => Array.isArray(mark)).map(([key, offsetDays]) => ({ key: String(key), offsetDays: Number(offsetDays) }));
    } catch {
      problem(r, 'marks', 'cannot be read: this column is the add-on\'s record of the task; restore it from the sheet\'s version history');
    }
    entries.push(entry);
  });
  return { entries, problems };
}

/** The latest step offset each key had as a task: a task appears once. */
export function taskSteps(entries: readonly CollectionsEntry[]): Map<string, number> {
  const latest = new Map<string, number>();
  for (const entry of entries) for (const mark of entry.marks) latest.set(mark.key, Math.max(latest.get(mark.key) ?? -Infinity, mark.offsetDays));
  return latest;
}

/**
 * What the people's outcomes change for the next runs, merged into the
 * Customers sheet's settings (a new map; the given one is not changed):
 * - promised, with a date: no reminders until then, then the "promise broken" note (the later of this promise and the Customers sheet's);
 * - disputed: no reminders about that row's invoices;
 * - wrong contact (the latest outcome for the customer): flagged for the sidebar;
 * - a legal hand-over row: the customer gets no more reminders.
 */
export function applyOutcomes(settings: ReadonlyMap<string, CustomerSettings>, entries: readonly CollectionsEntry[]): Map<string, CustomerSettings> {
  const merged = new Map<string, CustomerSettings>();
  for (const [key, value] of settings) merged.set(key, { ...value, disputedInvoices: [...value.disputedInvoices] });
  const of = (customer: string) => {
    const key = customerKey(customer);
    let entry = merged.get(key);
    if (!entry) merged.set(key, (entry = emptySettings(customer)));
    return entry;
  };
  const latestOutcome = new Map<string, Outcome>();
  for (const entry of entries) {
    if (entry.channel === 'legal') of(entry.customer).legal = true;
    if (!entry.outcome) continue;
    latestOutcome.set(customerKey(entry.customer), entry.outcome);
    const setting = of(entry.customer);
    if (entry.outcome === 'promised' && entry.promiseDay !== null) setting.promiseBy = Math.max(setting.promiseBy ?? -Infinity, entry.promiseDay);
    if (entry.outcome === 'disputed') setting.disputedInvoices.push(...entry.invoices.filter((label) => !setting.disputedInvoices.includes(label)));
  }
  for (const [key, outcome] of latestOutcome) if (outcome === 'wrong contact') (merged.get(key) as CustomerSettings).wrongContact = true;
  return merged;
}

/** An outcome as the add-on writes it for people (the Last outcome cell, the lawyer's history): "promised by 2026-03-25", "обещали оплатить до 25.03.2026". */
export function outcomeText(entry: Pick<CollectionsEntry, 'outcome' | 'promiseDay'>, language: Language): string {
  if (!entry.outcome) return '';
  const promised = entry.outcome === 'promised' && entry.promiseDay !== null;
  if (language === 'ru') return `${OUTCOME_NAMES.ru[entry.outcome]}${promised ? ` до ${dayText(entry.promiseDay as number, 'ru')}` : ''}`;
  return `${entry.outcome}${promised ? ` by ${isoDate(entry.promiseDay as number)}` : ''}`;
}

/** "2026-06-03 Call: no answer": the customer's latest task with an outcome, for the next task's row. */
export function lastContact(entries: readonly CollectionsEntry[], customer: string, language: Language = 'en'): { contact: string; outcome: string } {
  const key = customerKey(customer);
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i];
    if (customerKey(entry.customer) !== key || !entry.outcome) continue;
    const what = entry.channel ? CHANNEL_NAMES[language][entry.channel] : language === 'ru' ? 'Задача' : 'Task';
    return { contact: `${entry.day === null ? '' : `${dayText(entry.day, language)} `}${what}`, outcome: outcomeText(entry, language) };
  }
  return { contact: '', outcome: '' };
}
