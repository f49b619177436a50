import { ZoneCalendar, isoDate } from '../core/calendar';
import { isDate, isYes, type Cell } from '../core/cells';
import { FIELDS, detectColumns } from '../core/columns';
import { invoiceAt, readInvoiceTable } from '../core/invoices';
import { customerKey, CUSTOMER_SHEET_HEADERS, readCustomerSettings } from '../core/reminders/customerSettings';
import { LOG_SHEET_NAME, sheetText } from '../core/reminders/log';
import { addressProblem, composeMessage } from '../core/reminders/messages';
import { validatePolicy, type Policy } from '../core/reminders/policy';
import { DEFAULT_TEMPLATES, MESSAGE_KINDS, validateTemplates, type Language, type Template } from '../core/reminders/templates';
import type { ColumnsView, CustomerRow, MessageKind, PreviewView, RenderedTemplate, SaveResult, ScheduleView, SidebarState } from '../sidebar/contract';
import { findInvoiceSheet } from './invoiceSheet';
import { readPolicy, savePolicy, storageProblem } from './reminders/policyStore';
import { CUSTOMERS_SHEET_NAME, previewToday, runReminders, sendTestToMe, todayIn } from './reminders/run';
import { collectionsStatus } from './collections/creditStatus';
import { COLLECTIONS_SHEET_NAME } from '../core/collections/sheet';
import { scheduleStatus, turnOff, turnOn } from './reminders/schedule';
import { settingsOf } from './spreadsheetSettings';
import { ensureGrid } from './grid';
import { menuMayRun, NEEDS, permissionNotice, type Scope } from './permissions';

/**
 * Menu: opens the settings sidebar: columns, credit policy, reminder cadence, templates, customers, schedule and preview.
 */
export function openSettings(): void {
  if (!menuMayRun('open the settings', NEEDS.sidebar)) return;
  const page = HtmlService.createHtmlOutputFromFile('Sidebar').setTitle('Receivables');
  SpreadsheetApp.getUi().showSidebar(page);
}

/** For a sidebar call: throws the sentence saying what to allow, which the page shows, when a scope is missing. */
function requirePermission(task: string, needed: readonly Scope[]): void {
  const notice = permissionNotice(task, needed);
  if (notice) throw new Error(notice);
}

function active(): GoogleAppsScript.Spreadsheet.Spreadsheet {
  return SpreadsheetApp.getActiveSpreadsheet();
}

function currentPolicy(): { policy: Policy; templates: ReturnType<typeof readPolicy>['templates'] } {
  const { result, templates } = readPolicy(active());
  if (!result.ok) throw new Error(`the stored credit policy cannot be read: ${result.problems.map((problem) => `${problem.field} ${problem.message}`).join('; ')}`);
  return { policy: result.policy, templates };
}

/**
 * Sidebar: everything it shows, in one call.
 */
export function sidebarLoad(): SidebarState {
  requirePermission('open the settings', NEEDS.sidebar);
  const { policy, templates } = currentPolicy();
  const merged = {} as SidebarState['templates'];
  for (const kind of MESSAGE_KINDS) {
    merged[kind] = {
      en: templates[kind]?.en ?? DEFAULT_TEMPLATES.en[kind],
      ru: templates[kind]?.ru ?? DEFAULT_TEMPLATES.ru[kind],
    };
  }
  return {
    // Russian when the spreadsheet's locale or the person's is Russian (the page has a switch for the other case).
    locale: /^ru/i.test(active().getSpreadsheetLocale()) || /^ru/i.test(Session.getActiveUserLocale()) ? 'ru' : 'en',
    policy,
    templates: merged,
    columns: columnsView(policy),
    customers: customerRows(),
    schedule: scheduleStatus(active()),
    log: logTail(),
    collections: collectionsStatus(active(), policy, todayIn(settingsOf(active()).timeZone), [LOG_SHEET_NAME, CUSTOMERS_SHEET_NAME, COLLECTIONS_SHEET_NAME]),
  };
}

/**
 * Sidebar: checks the policy with the same schema as the core and stores it; nothing invalid is stored.
 */
export function sidebarSavePolicy(input: unknown): SaveResult {
  requirePermission('save the settings', NEEDS.sidebar);
  const result = validatePolicy(input);
  if (!result.ok) return result;
  const problem = storageProblem(result.policy);
  if (problem) return { ok: false, problems: [problem] };
  savePolicy(active(), result.policy);
  return { ok: true };
}

/**
 * Sidebar: checks the templates and stores them; nothing invalid is stored.
 */
export function sidebarSaveTemplates(input: unknown): SaveResult {
  requirePermission('save the templates', NEEDS.sidebar);
  const result = validateTemplates(input);
  if (!result.ok) return result;
  const { policy } = currentPolicy();
  const problem = storageProblem(policy, result.templates);
  if (problem) return { ok: false, problems: [problem] };
  savePolicy(active(), policy, result.templates);
  return { ok: true };
}

/**
 * Sidebar: a template as it would read today, filled with a real customer from the sheet.
 */
export function sidebarRenderTemplate(kind: MessageKind, language: Language, template: Template): RenderedTemplate {
  requirePermission('preview a template', NEEDS.preview);
  const { policy } = currentPolicy();
  const report = runReminders(active(), { dryRun: true, deadline: Date.now() });
  const first = report.reminders[0];
  if (!first) return { customer: '', subject: '', html: '' };
  const message = composeMessage({ ...first.draft, kind, language }, policy, Session.getEffectiveUser().getEmail(), { [kind]: { [language]: template } });
  return { customer: first.draft.customer, subject: message.subject, html: message.htmlBody };
}

/**
 * Sidebar: today's reminders, as the run would send them, changing nothing.
 */
export function sidebarPreview(): PreviewView {
  requirePermission("preview today's reminders", NEEDS.preview);
  return previewToday(active());
}

/**
 * Sidebar: sends the first of today's reminders to you alone, marked as a test.
 */
export function sidebarSendTest(): string {
  requirePermission('send a test reminder', NEEDS.send);
  return sendTestToMe(active());
}

/**
 * Sidebar: saves one customer's settings in the Customers sheet, after checking them.
 */
export function sidebarSaveCustomer(row: CustomerRow): SaveResult {
  requirePermission("save a customer's settings", NEEDS.sidebar);
  const spreadsheet = active();
  const cells = [row.customer, row.email, row.language, row.doNotRemind ? 'yes' : '', row.pausedUntil, row.promiseBy, row.disputed ? 'yes' : '', row.ownSteps, row.plan];
  const { problems } = readCustomerSettings([[...CUSTOMER_SHEET_HEADERS], cells], settingsOf(spreadsheet));
  if (!row.customer.trim()) return { ok: false, problems: [{ field: 'customer', message: 'cannot be empty' }] };
  // The run would refuse it at send time; say so now, under the field.
  const badAddress = row.email.trim() ? addressProblem(row.email) : null;
  if (badAddress) return { ok: false, problems: [{ field: 'email', message: badAddress }] };
  if (problems.length) return { ok: false, problems: problems.map((problem) => ({ field: fieldOfProblem(problem), message: problem.replace(/^[^:]*: /, '') })) };
  const sheet = spreadsheet.getSheetByName(CUSTOMERS_SHEET_NAME) ?? createCustomersSheet(spreadsheet);
  const values = sheet.getDataRange().getValues();
  const index = values.findIndex((existing, r) => r > 0 && customerKey(String(existing[0])) === customerKey(row.customer));
  const rowNumber = index > 0 ? index + 1 : Math.max(values.length, 1) + 1;
  const notes = index > 0 ? values[index][9] ?? '' : '';
  ensureGrid(sheet, rowNumber, CUSTOMER_SHEET_HEADERS.length);
  sheet.getRange(rowNumber, 1, 1, CUSTOMER_SHEET_HEADERS.length).setValues([[...cells.map((cell) => sheetText(String(cell))), notes]]);
  return { ok: true };
}

/**
 * Sidebar: turns the daily reminders on or off, and says how they stand.
 */
export function sidebarSetSchedule(on: boolean): { ok: boolean; message: string; schedule: ScheduleView } {
  const spreadsheet = active();
  const notice = permissionNotice(on ? 'turn on daily reminders' : 'turn off daily reminders', NEEDS.schedule);
  if (notice) return { ok: false, message: notice, schedule: scheduleStatus(spreadsheet) };
  const change = on ? turnOn(spreadsheet) : turnOff(spreadsheet);
  return { ...change, schedule: scheduleStatus(spreadsheet) };
}

const COLUMN_OF_PROBLEM: Record<string, keyof CustomerRow> = {
  Email: 'email',
  Language: 'language',
  'Paused until': 'pausedUntil',
  'Promise to pay by': 'promiseBy',
  'Own steps': 'ownSteps',
  'Payment plan': 'plan',
};

function fieldOfProblem(problem: string): string {
  const column = /column "([^"]+)"/.exec(problem)?.[1] ?? '';
  return COLUMN_OF_PROBLEM[column] ?? '';
}

function createCustomersSheet(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): GoogleAppsScript.Spreadsheet.Sheet {
  const sheet = spreadsheet.insertSheet(CUSTOMERS_SHEET_NAME);
  sheet.getRange(1, 1, 1, CUSTOMER_SHEET_HEADERS.length).setValues([[...CUSTOMER_SHEET_HEADERS]]);
  sheet.setFrozenRows(1);
  return sheet;
}

/** Which header each field was taken from, and the first rows as the add-on reads them. */
function columnsView(policy: Policy): ColumnsView | null {
  const spreadsheet = active();
  const found = findInvoiceSheet(spreadsheet, [LOG_SHEET_NAME, CUSTOMERS_SHEET_NAME, COLLECTIONS_SHEET_NAME], policy.columns);
  if (!found) return null;
  const rows = found.rows.slice(0, 6) as Cell[][];
  const headers = rows[0].map((header) => String(header).trim());
  const detected = detectColumns(rows[0], policy.columns);
  const table = readInvoiceTable(rows, { ...settingsOf(spreadsheet), columns: policy.columns });
  const amount = (cents: number) => (cents / 100).toFixed(2);
  const sample = Array.from({ length: table.size }, (_, i) => {
    const invoice = invoiceAt(table, i);
    return [invoice.customer, invoice.invoiceDay === null ? '' : isoDate(invoice.invoiceDay), isoDate(invoice.dueDay), amount(invoice.amountCents), amount(invoice.paidCents), invoice.currency];
  });
  return {
    sheet: found.sheet.getName(),
    headers,
    fields: FIELDS.map((field) => ({ field, header: detected[field]?.header ?? '' })),
    sample,
    problems: table.unreadable.map((entry) => entry.reason),
  };
}

function customerRows(): CustomerRow[] {
  const spreadsheet = active();
  const sheet = spreadsheet.getSheetByName(CUSTOMERS_SHEET_NAME);
  if (!sheet || sheet.getLastRow() < 2) return [];
  const calendar = new ZoneCalendar(settingsOf(spreadsheet).timeZone);
  const text = (cell: unknown) => (isDate(cell) ? isoDate(calendar.dayOfDate(cell)) : String(cell ?? ''));
  // Read as the reminder run reads the sheet.
  const yes = (cell: unknown) => isYes(cell as Cell);
  return sheet
    .getRange(2, 1, sheet.getLastRow() - 1, CUSTOMER_SHEET_HEADERS.length)
    .getValues()
    .filter((row) => String(row[0]).trim() !== '')
    .map((row) => ({
      customer: text(row[0]),
      email: text(row[1]),
      language: text(row[2]),
      doNotRemind: yes(row[3]),
      pausedUntil: text(row[4]),
      promiseBy: text(row[5]),
      disputed: yes(row[6]),
      ownSteps: text(row[7]),
      plan: text(row[8]),
    }));
}

function logTail(): string[][] {
  const sheet = active().getSheetByName(LOG_SHEET_NAME);
  if (!sheet || sheet.getLastRow() < 2) return [];
  const first = Math.max(2, sheet.getLastRow() - 9);
  return sheet
    .getRange(first, 1, sheet.getLastRow() - first + 1, 7)
    .getValues()
    .map((row) => [isDate(row[0]) ? row[0].toISOString().slice(0, 16).replace('T', ' ') : String(row[0]), String(row[1]), String(row[2]), String(row[4]), String(row[5]), String(row[6])])
    .reverse();
}

// The sidebar's Payments section calls these (see the SidebarApi contract).
export { showImportStatement, sidebarApplyPayments, sidebarUndoPayments } from './payments/entryPoints';
