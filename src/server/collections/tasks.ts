import { accountId, accountsOf, type Account } from '../../core/collections/account';
import { contactsInInvoiceRows, limitsInInvoiceRows } from '../../core/collections/credit';
import type { HistoryItem, Sender } from '../../core/collections/documents';
import { applyOutcomes, keysText, lastContact, outcomeText, taskRow, taskSteps, type CollectionsEntry } from '../../core/collections/sheet';
import { boundPromises, handTypedNote, type MarkedEntries } from '../../core/collections/marks';
import { isoDate, ZoneCalendar, type CalendarDay } from '../../core/calendar';
import type { Cell } from '../../core/cells';
import type { InvoiceTable } from '../../core/invoices';
import { localeConventions, localeLanguage } from '../../core/locale';
import type { ReminderDraft, SentSteps } from '../../core/reminders/cadence';
import { customerKey, emptySettings, type CustomerSettings } from '../../core/reminders/customerSettings';
import { CHANNEL_NAMES } from '../../core/reminders/kinds';
import { LOG_HEADERS, parseStepName, stepName } from '../../core/reminders/log';
import type { Language } from '../../core/reminders/templates';
import { logStatusOf } from '../../core/reminders/statusWords';
import type { Policy } from '../../core/reminders/policy';
import type { SpreadsheetSettings } from '../spreadsheetSettings';
import { produceDocuments, type DocumentsResult } from './documents';
import { markedEntries, newTaskId, nonceOf, readLedger, taskSecret, writeLedger } from './marks';
import { appendTasks, readCollectionsSheet, type CollectionsState } from './sheet';
import { managerOf, managersInInvoiceRows } from '../../core/team/managers';

/**
 * What collections beyond email add to a reminder run: the Collections
 * sheet read once at the start (the outcomes people typed on the add-on's
 * own rows change what is sent, its tasks are never added twice), the
 * day's tasks added in one write after sending, and then, while the run
 * has time, the letters and lawyer's summaries its rows still owe.
 * Rows typed by hand (no valid mark) are reported and never acted on.
 */
export interface Collections {
  state: CollectionsState;
  /** The rows the add-on wrote (acted on) and the rows typed by hand (reported). */
  marked: MarkedEntries;
  /** The running person's signing secret; null until their first run writes a row. */
  secret: string | null;
  /** The Customers sheet's settings with the outcomes people typed, and limits and contacts from the invoice table. */
  settings: Map<string, CustomerSettings>;
  accounts: Map<string, Account>;
  contacts: Map<string, { contact: string; phone: string }>;
  /** Each customer's manager from the invoice table's Manager column (the Customers sheet's, in settings, wins). */
  managers: Map<string, string>;
}

export function readCollectionsOf(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, sheetSettings: SpreadsheetSettings, rows: readonly (readonly Cell[])[], table: InvoiceTable, customerSettings: ReadonlyMap<string, CustomerSettings>, policy: Policy, today: CalendarDay): Collections & { problems: string[]; notes: string[] } {
  const state = readCollectionsSheet(spreadsheet, sheetSettings);
  // An empty sheet has nothing to check: no call for the secret.
  const secret = state.entries.length ? taskSecret(false) : null;
  const marked = markedEntries(state.entries, spreadsheet.getId(), secret);
  const bounded = boundPromises(marked, policy.collections.maxPromiseDays, 'Promise date');
  const settings = applyOutcomes(customerSettings, marked.genuine);
  // A limit in the invoice table counts where the Customers sheet gives none.
  for (const [key, cents] of limitsInInvoiceRows(rows, localeConventions(sheetSettings.locale))) {
    const setting = settings.get(key) ?? emptySettings(key);
    if (setting.creditLimitCents === null) settings.set(key, { ...setting, creditLimitCents: cents });
  }
  const accounts = accountsOf(table, today, policy, (customer) => settings.get(customerKey(customer))?.ownSteps ?? policy.steps);
  const handTyped = handTypedNote(marked.handTyped);
  return { state, marked, secret, settings, accounts, contacts: contactsInInvoiceRows(rows), managers: managersInInvoiceRows(rows, policy.columns), problems: [...state.problems, ...bounded], notes: handTyped ? [handTyped] : [] };
}

/** What was done before: the Reminder log's emails and the tasks of the add-on's own rows (never a typed row's Keys). */
export function withTasks(sent: SentSteps, genuine: readonly CollectionsEntry[]): SentSteps {
  const tasks = taskSteps(genuine);
  return (key) => {
    const email = sent(key);
    const task = tasks.get(key);
    if (email === undefined) return task;
    return task === undefined ? email : Math.max(email, task);
  };
}

/**
 * Adds today's call, letter and legal tasks to the Collections sheet, each
 * row signed with the running person's secret; the letters and summaries
 * they call for are first written into that person's ledger of documents
 * owed, so each is made once, by a later step or run.
 */
export function recordTasks(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, collections: Collections, drafts: readonly ReminderDraft[], context: { today: CalendarDay; now: Date }): void {
  if (drafts.length === 0) return;
  const { state, settings, accounts, contacts } = collections;
  const secret = collections.secret ?? (collections.secret = taskSecret(true) as string);
  const spreadsheetId = spreadsheet.getId();
  // The Step column speaks the spreadsheet's language, with the sidebar's names.
  const language = localeLanguage(spreadsheet.getSpreadsheetLocale());
  const ids = drafts.map((draft) => newTaskId(secret, spreadsheetId, context.today, { customer: draft.customer, currency: draft.currency, channel: draft.channel, keysText: keysText(draft) }));
  const rows = drafts.map((draft, k) => {
    const key = customerKey(draft.customer);
    const setting = settings.get(key);
    const account = accounts.get(accountId(draft.customer, draft.currency));
    const last = lastContact(collections.marked.genuine, draft.customer, language);
    return taskRow(
      draft,
      {
        contact: setting?.contact || contacts.get(key)?.contact || '',
        phone: setting?.phone || contacts.get(key)?.phone || '',
        email: draft.email,
        openCents: account?.balanceCents ?? draft.balanceCents,
        overdueCents: account?.overdueCents ?? 0,
        oldestDaysOverdue: account?.oldestDaysOverdue ?? 0,
        lastContact: last.contact,
        lastOutcome: last.outcome,
        manager: managerOf(draft.customer, settings, collections.managers),
      },
      context.now,
      ids[k],
      language,
    );
  });
  const owed = drafts.map((draft, k) => (draft.channel === 'letter' || draft.channel === 'legal' ? nonceOf(ids[k]) : '')).filter(Boolean);
  if (owed.length) {
    const ledger = readLedger(spreadsheetId, isoDate(context.today));
    ledger.pending.push(...owed);
    writeLedger(spreadsheetId, ledger);
  }
  const first = appendTasks(spreadsheet, state, rows);
  drafts.forEach((draft, k) => {
    const channel = draft.channel === 'email' ? null : draft.channel;
    const entry: CollectionsEntry = { row: first + k, day: context.today, customer: draft.customer, currency: draft.currency, invoices: draft.lines.map((line) => line.label), channel, document: '', outcome: '', promiseDay: null, note: '', marks: draft.marks, keysText: keysText(draft), taskId: ids[k] };
    state.entries.push(entry);
    collections.marked.genuine.push(entry);
    collections.marked.dayOf.set(entry, context.today);
  });
}

/** The letters and summaries the add-on's rows still owe, made while the run has time and the policy's caps allow. */
export function produceOwedDocuments(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, collections: Collections, context: { table: InvoiceTable; policy: Policy; today: CalendarDay; timeZone: string; sender: Sender; ownerEmail: string; logValues: unknown[][]; deadline: number; holdsLease: () => boolean }): DocumentsResult {
  const { state, settings, accounts } = collections;
  const calendar = new ZoneCalendar(context.timeZone);
  // The history in the document's language: the log's step re-worded when the add-on wrote it, the channels as the sidebar names them.
  const history = (customer: string, language: Language): HistoryItem[] => {
    const key = customerKey(customer);
    const ru = language === 'ru';
    const step = (text: string) => {
      const parsed = parseStepName(text);
      return parsed ? stepName({ kind: parsed.kind, lines: parsed.offsets.map((offsetDays) => ({ step: { offsetDays } })) }, language) : text;
    };
    const emails = context.logValues
      .filter((row) => customerKey(String(row[1] ?? '')) === key && logStatusOf(row[LOG_HEADERS.indexOf('Status')]) === 'sent' && row[0] instanceof Date)
      .map((row) => ({ day: calendar.dayOf((row[0] as Date).getTime()), what: `${ru ? 'Письмо' : 'Email'}: ${step(String(row[LOG_HEADERS.indexOf('Step')]))} (${String(row[LOG_HEADERS.indexOf('Invoices')])})`, outcome: `${ru ? 'отправлено на' : 'sent to'} ${String(row[2])}` }));
    // Only the add-on's own rows go into a document for the lawyer: a typed row's outcome or note is no record.
    const tasks = collections.marked.genuine
      .filter((entry) => customerKey(entry.customer) === key && entry.day !== null)
      .map((entry) => ({ day: entry.day as number, what: `${entry.channel ? CHANNEL_NAMES[language][entry.channel] : ru ? 'Задача' : 'Task'} (${entry.invoices.join(', ')})`, outcome: [outcomeText(entry, language), entry.note].filter(Boolean).join('; ') }));
    return [...emails, ...tasks];
  };
  return produceDocuments(state, collections.marked.genuine, {
    table: context.table,
    accounts,
    settings,
    policy: context.policy,
    today: context.today,
    sender: context.sender,
    history,
    ownerEmail: context.ownerEmail,
    spreadsheetId: spreadsheet.getId(),
    deadline: context.deadline,
    holdsLease: context.holdsLease,
  });
}
