import { localeCurrency, localeLanguage } from '../core/locale';
import { logStatusOf } from '../core/reminders/statusWords';
import { isoDate } from '../core/calendar';
import { isDate, type Cell } from '../core/cells';
import { FIELDS, headerLayout } from '../core/columns';
import { invoiceAt, readInvoiceTable } from '../core/invoices';
import { CUSTOMER_SHEET_HEADERS, CUSTOMERS_SHEET_NAME, customerKey, readCustomerSettings } from '../core/reminders/customerSettings';
import { LOG_SHEET_NAME, parseStepName } from '../core/reminders/log';
import { addressProblem, composeMessage } from '../core/reminders/messages';
import { defaultPolicy, validatePolicy, type Policy } from '../core/reminders/policy';
import { DEFAULT_TEMPLATES, MESSAGE_KINDS, validateTemplates, type Language, type Template } from '../core/reminders/templates';
import type { CollectionsView, ColumnsView, CustomerRow, MessageKind, PreviewView, RenderedTemplate, SaveResult, ScheduleView, SidebarState } from '../shared/contract';
import { findInvoiceSheet } from './invoiceSheet';
import { readCustomerRows, writeCustomerRow } from './customersSheet';
import { approve, approvedCopy, approvedFingerprint } from './reminders/approval';
import { lastGoodCopy, readSettings, saveTexts, storageProblem, storedText, type Settings, type StoredTexts } from './reminders/policyStore';
import { readScheduleOwner } from './reminders/runState';
import { placeholderColumns, previewToday, runReminders, sendTestToMe, todayIn } from './reminders/run';
import { collectionsStatus } from './collections/creditStatus';
import { COLLECTIONS_SHEET_NAME } from '../core/collections/sheet';
import { scheduleStatus, turnOff, turnOn } from './reminders/schedule';
import { settingsOf } from './spreadsheetSettings';
import { codeFor, reminderAsk } from '../core/paying/documentCodes';
import { pictureOf } from './paying/codeImages';
import { pointDashboardsAtCustomers, refreshFormulas } from './formulaRefresh';
import { menuMayRun, NEEDS, permissionNotice, type Scope } from './permissions';
import { payeeBlocks, tableCurrencies } from './paying/payees';
import type { InvoiceSheet } from './invoiceSheet';
import { teamView } from './team/sidebar';

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

/** The stored settings as the sidebar may use them: damaged ones refused with the reason. */
function currentSettings(): Settings & { fingerprint: string } {
  const settings = readSettings(active());
  if (!settings.ok) throw new Error(`${settings.reason}. Restore the last good copy or the defaults in Settings.`);
  return settings;
}

/** The schedule's owner when it is someone other than you: what their account sends is theirs alone to change. */
function lockedBy(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): string {
  const owner = readScheduleOwner(spreadsheet);
  return owner && owner !== Session.getEffectiveUser().getEmail() ? owner : '';
}

function refusedToOthers(owner: string): SaveResult {
  return {
    ok: false,
    problems: [{ field: '', message: `Daily reminders are sent from ${owner}'s account, so only ${owner} can change what they send. Ask ${owner} to make this change, or to turn the daily reminders off.` }],
  };
}

/**
 * Stores settings changed in the sidebar. What you save is what you approve,
 * but only over settings you had approved (or none yet): a save of one
 * section never approves what someone else changed in another, typed into
 * the settings sheet or saved while the schedule was off. Those stay to
 * review, shown field by field against what you approved.
 */
function store(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, settings: Settings): SaveResult {
  const problem = storageProblem(settings.policy);
  if (problem) return { ok: false, problems: [problem] };
  return storeTexts(spreadsheet, storedText(settings));
}

/** Stores settings as text, exactly; approves them as store() says, or when they are exactly what you approved. */
function storeTexts(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, texts: StoredTexts): SaveResult {
  const owner = lockedBy(spreadsheet);
  if (owner) return refusedToOthers(owner);
  const before = readSettings(spreadsheet);
  const approved = approvedFingerprint(spreadsheet.getId());
  const fingerprint = saveTexts(spreadsheet, texts);
  if (fingerprint === approved || (before.ok && (!before.stored || before.fingerprint === approved))) approve(spreadsheet, fingerprint, texts);
  // The saved revision recomputes the AR_ formulas that pass it; those typed without it get it now.
  refreshFormulas(spreadsheet);
  return { ok: true };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Sidebar: everything it shows, in one call. It opens even when the stored
 * settings are damaged: it shows the last good copy (or the defaults) and why.
 */
export function sidebarLoad(): SidebarState {
  requirePermission('open the settings', NEEDS.sidebar);
  const spreadsheet = active();
  const stored = readSettings(spreadsheet);
  const shown = stored.ok ? stored : stored.lastGood ?? { policy: defaultPolicy(), templates: {} };
  // Never saved: the reminders' language is the spreadsheet locale's until the policy is saved.
  const policy = stored.ok && !stored.stored ? { ...shown.policy, language: localeLanguage(spreadsheet.getSpreadsheetLocale()) } : shown.policy;
  const templates = shown.templates;
  const locked = lockedBy(spreadsheet);
  // Whoever may send from their account sends only what they approved: the stored settings, compared with that.
  const approved = approvedFingerprint(spreadsheet.getId());
  const unapproved = !locked && stored.ok && stored.stored && approved !== stored.fingerprint;
  const lastGood = stored.ok ? null : lastGoodCopy(spreadsheet);
  const collections = collectionsStatus(active(), policy, todayIn(settingsOf(active()).timeZone), [LOG_SHEET_NAME, CUSTOMERS_SHEET_NAME, COLLECTIONS_SHEET_NAME]);
  const found = findInvoiceSheet(spreadsheet, [LOG_SHEET_NAME, CUSTOMERS_SHEET_NAME, COLLECTIONS_SHEET_NAME], policy.columns);
  const customers = withTableManagers(readCustomerRows(spreadsheet), collections);
  return {
    // Russian when the spreadsheet's locale or the person's is Russian (the page has a switch for the other case).
    locale: /^ru/i.test(active().getSpreadsheetLocale()) || /^ru/i.test(Session.getActiveUserLocale()) ? 'ru' : 'en',
    localeCurrency: localeCurrency(spreadsheet.getSpreadsheetLocale()),
    policy,
    templates: withDefaults(templates),
    columns: columnsView(policy, found),
    customers,
    team: teamView(spreadsheet, customers, collections.tableManagers ?? {}),
    schedule: scheduleStatus(spreadsheet),
    settings: {
      lockedBy: locked,
      damaged: stored.ok ? '' : stored.reason,
      hasLastGood: !stored.ok && stored.lastGood !== null,
      lastGoodApproved: lastGood !== null && approved !== null && lastGood.fingerprint === approved,
      unapproved,
      fingerprint: stored.fingerprint,
      approved: unapproved || (!stored.ok && !locked) ? approvedView(spreadsheet) : null,
    },
    log: logTail(),
    collections,
    payees: payeeBlocks(policy, tableCurrencies(spreadsheet, found, policy), policy.currency || localeCurrency(spreadsheet.getSpreadsheetLocale())),
  };
}

/** Each customer's row with the invoice table's manager beside the Customers sheet's own (issue 27), for the list's filter. */
function withTableManagers(rows: CustomerRow[], collections: CollectionsView): CustomerRow[] {
  const table = collections.tableManagers ?? {};
  return rows.map((row) => ({ ...row, tableManager: table[customerKey(row.customer)] ?? '' }));
}

/** Every kind and language of template: the stored one where there is one, else the default. */
function withDefaults(templates: Settings['templates']): SidebarState['templates'] {
  const merged = {} as SidebarState['templates'];
  for (const kind of MESSAGE_KINDS) {
    merged[kind] = {
      en: templates[kind]?.en ?? DEFAULT_TEMPLATES.en[kind],
      ru: templates[kind]?.ru ?? DEFAULT_TEMPLATES.ru[kind],
    };
  }
  return merged;
}

/** The copy you approved (kept in your user properties, checked against your approved fingerprint) as the page shows settings: every template filled in. */
function approvedView(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): SidebarState['settings']['approved'] {
  const copy = approvedCopy(spreadsheet);
  return copy && { policy: copy.settings.policy, templates: withDefaults(copy.settings.templates) };
}

/**
 * Sidebar: checks the policy with the same schema as the core and stores it; nothing invalid is stored.
 */
export function sidebarSavePolicy(input: unknown): SaveResult {
  requirePermission('save the settings', NEEDS.sidebar);
  if (!isPlainObject(input)) return { ok: false, problems: [{ field: '', message: 'the policy to save must be an object of settings' }] };
  const result = validatePolicy(input);
  if (!result.ok) return result;
  const spreadsheet = active();
  const owner = lockedBy(spreadsheet);
  if (owner) return refusedToOthers(owner);
  return store(spreadsheet, { policy: result.policy, templates: currentSettings().templates });
}

/**
 * Sidebar: checks the templates and stores them; nothing invalid is stored.
 */
export function sidebarSaveTemplates(input: unknown): SaveResult {
  requirePermission('save the templates', NEEDS.sidebar);
  if (!isPlainObject(input)) return { ok: false, problems: [{ field: '', message: 'the templates to save must be an object of kinds and languages' }] };
  // Every column of the invoice table and of the Customers sheet is a placeholder by its header.
  const result = validateTemplates(input, placeholderColumns(active(), currentSettings().policy.columns));
  if (!result.ok) return result;
  const spreadsheet = active();
  const owner = lockedBy(spreadsheet);
  if (owner) return refusedToOthers(owner);
  return store(spreadsheet, { policy: currentSettings().policy, templates: result.templates });
}

/**
 * Sidebar: you approve the stored settings the page showed (by their
 * fingerprint): what your account sends, from the menu and, when you own it,
 * the schedule; held reminders are released. While the schedule is on, only
 * its owner may.
 */
export function sidebarApproveSettings(fingerprint: string): SaveResult {
  requirePermission('approve the settings', NEEDS.sidebar);
  if (typeof fingerprint !== 'string' || !/^[0-9a-f]{64}$/.test(fingerprint)) return { ok: false, problems: [{ field: '', message: 'the settings to approve must be named by their fingerprint, as the page received it' }] };
  const spreadsheet = active();
  const owner = lockedBy(spreadsheet);
  if (owner) return refusedToOthers(owner);
  const stored = readSettings(spreadsheet);
  if (!stored.ok) return { ok: false, problems: [{ field: '', message: `${stored.reason}. Restore the last good copy or the defaults first.` }] };
  if (stored.fingerprint !== fingerprint) return { ok: false, problems: [{ field: '', message: 'The settings changed again since the page loaded them: reload the sidebar and review them before approving.' }] };
  approve(spreadsheet, fingerprint, stored.texts);
  return { ok: true };
}

/**
 * Sidebar: replaces damaged stored settings with the last good copy or the
 * defaults, as the person chooses. Approved in the same click only when it is
 * exactly the copy you approved (its fingerprint); anything else is restored
 * for you to review, shown field by field against what you approved, and
 * approve: the last good copy is a row any editor can type into.
 */
export function sidebarRestoreSettings(choice: 'last-good' | 'defaults'): SaveResult {
  requirePermission('restore the settings', NEEDS.sidebar);
  if (choice !== 'last-good' && choice !== 'defaults') return { ok: false, problems: [{ field: '', message: 'choose "last-good" (the last copy that could be read) or "defaults"' }] };
  const spreadsheet = active();
  const stored = readSettings(spreadsheet);
  if (stored.ok) return { ok: false, problems: [{ field: '', message: 'The stored settings can be read: there is nothing to restore.' }] };
  if (choice === 'defaults') return store(spreadsheet, { policy: { ...defaultPolicy(), language: localeLanguage(spreadsheet.getSpreadsheetLocale()) }, templates: {} });
  const lastGood = lastGoodCopy(spreadsheet);
  if (!lastGood) return { ok: false, problems: [{ field: '', message: 'There is no last good copy: restore the defaults instead.' }] };
  return storeTexts(spreadsheet, lastGood.texts);
}

/**
 * Sidebar: puts back the settings you last approved (your copy, checked
 * against your approved fingerprint), undoing changes made since, damage
 * included, and releasing held reminders.
 */
export function sidebarRestoreApproved(): SaveResult {
  requirePermission('restore the settings', NEEDS.sidebar);
  const spreadsheet = active();
  const owner = lockedBy(spreadsheet);
  if (owner) return refusedToOthers(owner);
  const copy = approvedCopy(spreadsheet);
  if (!copy) return { ok: false, problems: [{ field: '', message: 'The copy you approved is no longer kept: review the settings shown and approve them, or change them and save.' }] };
  return storeTexts(spreadsheet, copy.texts);
}

/**
 * Sidebar: a template as it would read today, filled with a real customer from the sheet.
 */
export function sidebarRenderTemplate(kind: MessageKind, language: Language, template: Template): RenderedTemplate {
  requirePermission('preview a template', NEEDS.preview);
  if (!(MESSAGE_KINDS as readonly unknown[]).includes(kind)) throw new Error(`"${String(kind)}" is not a kind of reminder: use one of ${MESSAGE_KINDS.join(', ')}.`);
  if (language !== 'en' && language !== 'ru') throw new Error(`"${String(language)}" is not a language of the reminders: use en or ru.`);
  if (!isPlainObject(template) || typeof template.subject !== 'string' || typeof template.body !== 'string') throw new Error('A template to preview needs a subject and a body, both text.');
  const { policy } = currentSettings();
  const report = runReminders(active(), { dryRun: true, deadline: Date.now() });
  const first = report.reminders[0];
  if (!first) return { customer: '', subject: '', html: '' };
  const locale = settingsOf(active()).locale;
  // The payment code as the email shows it, drawn as a data: URL here: the sidebar's frame has no cid: parts (an email never carries data:).
  const code = pictureOf(codeFor(policy, reminderAsk({ ...first.draft, language }, locale)));
  const message = composeMessage({ ...first.draft, kind, language }, policy, Session.getEffectiveUser().getEmail(), { [kind]: { [language]: { subject: template.subject, body: template.body } } }, { locale, fields: first.fields, ...(code.ok ? { payment: { code: code.code, picture: code.picture } } : {}) });
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

const CUSTOMER_TEXT_FIELDS = ['customer', 'email', 'language', 'pausedUntil', 'promiseBy', 'ownSteps', 'plan'] as const;
const CUSTOMER_FLAGS = ['doNotRemind', 'disputed'] as const;

/**
 * Sidebar: saves one customer's settings in the Customers sheet, after checking them: by header, only the cells that change.
 */
export function sidebarSaveCustomer(row: CustomerRow): SaveResult {
  requirePermission("save a customer's settings", NEEDS.sidebar);
  if (!isPlainObject(row)) return { ok: false, problems: [{ field: '', message: "a customer's settings must be an object" }] };
  const wrong: Array<{ field: string; message: string }> = [
    ...CUSTOMER_TEXT_FIELDS.filter((field) => typeof row[field] !== 'string').map((field) => ({ field, message: 'must be text' })),
    ...CUSTOMER_FLAGS.filter((field) => typeof row[field] !== 'boolean').map((field) => ({ field, message: 'must be true or false' })),
  ];
  // The manager is optional (a page from before managers sends none): text of a name's or an address's length.
  if (row.manager !== undefined && (typeof row.manager !== 'string' || row.manager.length > 200)) wrong.push({ field: 'manager', message: 'must be text of at most 200 characters' });
  if (wrong.length) return { ok: false, problems: wrong };
  const spreadsheet = active();
  // A customer's exceptions decide what the owner's account sends them (the address, the steps, a pause): the owner's alone while the schedule is on.
  const owner = lockedBy(spreadsheet);
  if (owner) return refusedToOthers(owner);
  const cells = [row.customer, row.email, row.language, row.doNotRemind ? 'yes' : '', row.pausedUntil, row.promiseBy, row.disputed ? 'yes' : '', row.ownSteps, row.plan];
  const { problems, settings: parsed } = readCustomerSettings([[...CUSTOMER_SHEET_HEADERS], cells], settingsOf(spreadsheet));
  // The run acts on a pause or promise only up to the policy's bound from the day it first sees it (issue 21): say so now.
  const stored = readSettings(spreadsheet);
  const maxDays = stored.ok ? stored.policy.collections.maxPromiseDays : 60;
  const furthest = todayIn(settingsOf(spreadsheet).timeZone) + maxDays;
  const typed = [...parsed.values()][0];
  for (const field of ['pausedUntil', 'promiseBy'] as const) {
    const day = typed?.[field] ?? null;
    if (day !== null && day > furthest) return { ok: false, problems: [{ field, message: `${isoDate(day)} is more than ${maxDays} days ahead (collections.maxPromiseDays in the policy): the run would not act on it; choose ${isoDate(furthest)} or earlier` }] };
  }
  if (!row.customer.trim()) return { ok: false, problems: [{ field: 'customer', message: 'cannot be empty' }] };
  // The run would refuse it at send time; say so now, under the field.
  const badAddress = row.email.trim() ? addressProblem(row.email) : null;
  if (badAddress) return { ok: false, problems: [{ field: 'email', message: badAddress }] };
  if (problems.length) return { ok: false, problems: problems.map((problem) => ({ field: fieldOfProblem(problem), message: problem.replace(/^[^:]*: /, '') })) };
  writeCustomerRow(spreadsheet, row);
  // The first customer saved makes the Customers sheet: the dashboard's credit status reads it from then on.
  pointDashboardsAtCustomers(spreadsheet);
  return { ok: true };
}

/**
 * Sidebar: turns the daily reminders on or off, and says how they stand.
 */
export function sidebarSetSchedule(on: boolean): { ok: boolean; message: string; schedule: ScheduleView } {
  const spreadsheet = active();
  if (typeof on !== 'boolean') return { ok: false, message: `Say true to turn the daily reminders on or false to turn them off (received ${JSON.stringify(on) ?? String(on)}); nothing changed.`, schedule: scheduleStatus(spreadsheet) };
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

/** Which header each field was taken from, and the first rows as the add-on reads them. */
function columnsView(policy: Policy, found: InvoiceSheet | null): ColumnsView | null {
  const spreadsheet = active();
  if (!found) return null;
  const rows = found.rows.slice(0, 6) as Cell[][];
  const headers = rows[0].map((header) => String(header).trim());
  // A header of several rows (1C's) as the reader takes it.
  const detected = headerLayout(rows, 0, policy.columns).columns;
  const table = readInvoiceTable(rows, { ...settingsOf(spreadsheet), columns: policy.columns, firstRow: found.headerRow, ...(policy.currency ? { currency: policy.currency } : {}) });
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

/** The log's step (in the spreadsheet's language) as the page words it in its own: "upcoming (-7 days)". */
function stepCode(text: string): string {
  const step = parseStepName(text);
  if (!step) return text;
  if (step.kind === 'promise-broken') return 'promise broken';
  return `${step.kind} (${step.offsets.map((offset) => (offset > 0 ? `+${offset}` : String(offset))).join(', ')} days)`;
}

/** The log's last rows for the sidebar: the status as the add-on means it ("sent", whichever language the sheet says it in), for the page to word in its own. */
function logTail(): string[][] {
  const sheet = active().getSheetByName(LOG_SHEET_NAME);
  if (!sheet || sheet.getLastRow() < 2) return [];
  const first = Math.max(2, sheet.getLastRow() - 9);
  const zone = settingsOf(active()).timeZone;
  return sheet
    .getRange(first, 1, sheet.getLastRow() - first + 1, 7)
    .getValues()
    // The time in the spreadsheet's zone, as the sheet shows it.
    .map((row) => [isDate(row[0]) ? Utilities.formatDate(row[0], zone, 'yyyy-MM-dd HH:mm') : String(row[0]), String(row[1]), String(row[2]), stepCode(String(row[4])), logStatusOf(row[5]), String(row[6])])
    .reverse();
}

// The sidebar's Payments section calls these (see the SidebarApi contract).
export { showImportStatement, sidebarApplyPayments, sidebarUndoPayments } from './payments/entryPoints';
// The Team section's save (issue 27).
export { sidebarSaveDigests } from './team/sidebar';
