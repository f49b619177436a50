import { accountId, accountsOf, type Account } from '../../core/collections/account';
import { contactsInInvoiceRows, limitsInInvoiceRows } from '../../core/collections/credit';
import type { HistoryItem, Sender } from '../../core/collections/documents';
import { applyOutcomes, lastContact, taskRow, taskSteps, type CollectionsEntry } from '../../core/collections/sheet';
import { isoDate, ZoneCalendar, type CalendarDay } from '../../core/calendar';
import type { Cell } from '../../core/cells';
import type { InvoiceTable } from '../../core/invoices';
import { localeConventions } from '../../core/locale';
import type { ReminderDraft, SentSteps } from '../../core/reminders/cadence';
import { customerKey, emptySettings, type CustomerSettings } from '../../core/reminders/customerSettings';
import { LOG_HEADERS } from '../../core/reminders/log';
import type { Policy } from '../../core/reminders/policy';
import type { SpreadsheetSettings } from '../spreadsheetSettings';
import { produceDocuments } from './documents';
import { appendTasks, readCollectionsSheet, type CollectionsState } from './sheet';

/**
 * What collections beyond email add to a reminder run: the Collections
 * sheet read once at the start (its outcomes change what is sent, its
 * tasks are never added twice), and at the end the day's tasks added in
 * one write and the letters and lawyer's summaries produced.
 */
export interface Collections {
  state: CollectionsState;
  /** The Customers sheet's settings with the outcomes people typed, and limits and contacts from the invoice table. */
  settings: Map<string, CustomerSettings>;
  accounts: Map<string, Account>;
  contacts: Map<string, { contact: string; phone: string }>;
}

export function readCollectionsOf(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, sheetSettings: SpreadsheetSettings, rows: readonly (readonly Cell[])[], table: InvoiceTable, customerSettings: ReadonlyMap<string, CustomerSettings>, policy: Policy, today: CalendarDay): Collections & { problems: string[] } {
  const state = readCollectionsSheet(spreadsheet, sheetSettings);
  const settings = applyOutcomes(customerSettings, state.entries);
  // A limit in the invoice table counts where the Customers sheet gives none.
  for (const [key, cents] of limitsInInvoiceRows(rows, localeConventions(sheetSettings.locale))) {
    const setting = settings.get(key) ?? emptySettings(key);
    if (setting.creditLimitCents === null) settings.set(key, { ...setting, creditLimitCents: cents });
  }
  const accounts = accountsOf(table, today, policy, (customer) => settings.get(customerKey(customer))?.ownSteps ?? policy.steps);
  return { state, settings, accounts, contacts: contactsInInvoiceRows(rows), problems: state.problems };
}

/** What was done before: the Reminder log's emails and the Collections sheet's tasks. */
export function withTasks(sent: SentSteps, entries: readonly CollectionsEntry[]): SentSteps {
  const tasks = taskSteps(entries);
  return (key) => {
    const email = sent(key);
    const task = tasks.get(key);
    if (email === undefined) return task;
    return task === undefined ? email : Math.max(email, task);
  };
}

/** Adds today's call, letter and legal tasks to the Collections sheet, then produces the documents still missing. */
export function recordTasks(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, collections: Collections, drafts: readonly ReminderDraft[], context: { table: InvoiceTable; policy: Policy; today: CalendarDay; timeZone: string; now: Date; sender: Sender; ownerEmail: string; logValues: unknown[][] }): string[] {
  const { state, settings, accounts, contacts } = collections;
  const rows = drafts.map((draft) => {
    const key = customerKey(draft.customer);
    const setting = settings.get(key);
    const account = accounts.get(accountId(draft.customer, draft.currency));
    const last = lastContact(state.entries, draft.customer);
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
      },
      context.now,
    );
  });
  if (rows.length) {
    const first = appendTasks(spreadsheet, state, rows);
    drafts.forEach((draft, k) => {
      const channel = draft.channel === 'email' ? null : draft.channel;
      state.entries.push({ row: first + k, day: context.today, customer: draft.customer, currency: draft.currency, invoices: draft.lines.map((line) => line.label), channel, document: '', outcome: '', promiseDay: null, note: '', marks: draft.marks });
    });
  }
  const calendar = new ZoneCalendar(context.timeZone);
  const history = (customer: string): HistoryItem[] => {
    const key = customerKey(customer);
    const emails = context.logValues
      .filter((row) => customerKey(String(row[1] ?? '')) === key && row[LOG_HEADERS.indexOf('Status')] === 'sent' && row[0] instanceof Date)
      .map((row) => ({ day: calendar.dayOf((row[0] as Date).getTime()), what: `Email: ${String(row[LOG_HEADERS.indexOf('Step')])} (${String(row[LOG_HEADERS.indexOf('Invoices')])})`, outcome: `sent to ${String(row[2])}` }));
    const tasks = state.entries
      .filter((entry) => customerKey(entry.customer) === key && entry.day !== null)
      .map((entry) => ({ day: entry.day as number, what: `${entry.channel === 'call' ? 'Call' : entry.channel === 'letter' ? 'Letter' : entry.channel === 'legal' ? 'Legal hand-over' : 'Task'} (${entry.invoices.join(', ')})`, outcome: [entry.outcome, entry.promiseDay !== null ? `promised by ${isoDate(entry.promiseDay)}` : '', entry.note].filter(Boolean).join('; ') }));
    return [...emails, ...tasks];
  };
  return produceDocuments(state, { table: context.table, accounts, settings, policy: context.policy, today: context.today, sender: context.sender, history, ownerEmail: context.ownerEmail });
}
