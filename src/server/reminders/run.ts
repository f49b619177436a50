import { localeLanguage } from '../../core/locale';
import { logErrorText } from '../../core/reminders/logErrors';
import { readingRemarks } from '../../core/agingTable';
import { ZoneCalendar, isoDate, type CalendarDay } from '../../core/calendar';
import type { Cell } from '../../core/cells';
import { readInvoiceTable, ROW_HEADER, type InvoiceTable } from '../../core/invoices';
import { draftReminders, invoiceKey, type ReminderDraft } from '../../core/reminders/cadence';
import { customerColumns, customerKey, CUSTOMER_SHEET_HEADERS, CUSTOMERS_SHEET_NAME, readCustomerSettings } from '../../core/reminders/customerSettings';
import { canonicalLogRow, CHECKPOINT_ERRORS, checkpointError, contactHistory, ERROR_COLUMN, KEYS_COLUMN, laidOutLogRow, LOG_HEADERS, LOG_SHEET_NAME, lastReminderDays, logIdentity, logLayout, logRow, readLog, runCell, sentSteps, settleInterrupted, sheetText, STATUS_COLUMN, stepName, textForCell, type Checkpoint, type LogStatus } from '../../core/reminders/log';
import { LAST_REMINDER_HEADERS, lastReminderNote, logStatusCell, logStatusOf } from '../../core/reminders/statusWords';
import { addressProblem, composeMessage, isShortened, mailOptions, messageLimitProblem, recipientCount, type ReminderMessage } from '../../core/reminders/messages';
import { fallbackWarning, senderIn, senderProblems, type Policy } from '../../core/reminders/policy';
import { formatDay, placeholderKey, type Language } from '../../core/reminders/templates';
import { isDate } from '../../core/cells';
import type { PreviewView } from '../../shared/contract';
import { learnedCustomers, type LearnedReason } from '../../core/learning/learning';
import { findInvoiceSheet, noInvoiceTableMessage, type InvoiceSheet } from '../invoiceSheet';
import { findHeaderRow } from '../../core/columns';
import { ensureGrid } from '../grid';
import { readGrid, writeByPlan, type CellWrite } from '../safeWrite';
import { settingsOf } from '../spreadsheetSettings';
import { produceOwedDocuments, readCollectionsOf, recordTasks, withTasks } from '../collections/tasks';
import { statementPdf } from '../collections/documents';
import { COLLECTIONS_SHEET_NAME } from '../../core/collections/sheet';
import { approvalProblem } from './approval';
import { readSettings, SETTINGS_SHEET_NAME, writeSettingsValue } from './policyStore';
import { clearCheckpoint, keepLease, missedScheduleNotice, readCheckpoint, readScheduleOwner, readScheduleRecord, releaseLease, takeLease, writeCheckpoint, writeLastRun, writeScheduleRecord, type LeaseHolder } from './runState';
import { pointDashboardsAtCustomers } from '../formulaRefresh';
import { guardCustomerSettings } from '../customerGuard';
import { checkLogSeal, foldRunsIntoSeal, openRunInSeal } from './logSeal';
import { codeFor, reminderAsk } from '../../core/paying/documentCodes';
import { approvedPayLinkHosts, payLinkColumn } from '../../core/paying/payLink';
import { inlineCodeImages, pictureOf, PAYMENT_CODE_CID, type CodeImage } from '../paying/codeImages';
import { sendDigests } from '../team/digest';

/** The English name; a ru_RU book's column is LAST_REMINDER_HEADERS.ru, and either is found again. */
export const LAST_REMINDER_HEADER = LAST_REMINDER_HEADERS.en;
const OUT_OF_TIME = 'the run ran out of time; the next run sends it';
export const LEASE_LOST = 'this run outlived its lease and another run took over, so it stopped without sending or writing more';
/** The add-on's own sheets, never taken for the invoice table. */
const OWN_SHEETS = [LOG_SHEET_NAME, CUSTOMERS_SHEET_NAME, SETTINGS_SHEET_NAME, COLLECTIONS_SHEET_NAME];

/** One reminder of a run, as previewed or as it turned out. */
export interface PlannedReminder {
  draft: ReminderDraft;
  message: ReminderMessage;
  status: LogStatus | 'ready';
  error: string;
  /** The placeholders filled from the customer's columns, by placeholderKey (for the sidebar's preview). */
  fields: Record<string, string>;
  /** The payment code's picture the email shows inline, or why it has none (for the preview). */
  code: CodeImage;
}

export interface RunReport {
  /** Why nothing was done, when nothing was. */
  stopped: string;
  day: string;
  reminders: PlannedReminder[];
  /** Today's call, letter and legal steps: rows for the Collections sheet, no mail. */
  tasks: ReminderDraft[];
  sent: number;
  deferred: number;
  errors: number;
  /** Reminders an earlier run left unconfirmed, reported now. */
  unconfirmed: number;
  problems: string[];
  /** What reading the invoice table settled, once each: total lines left out, a balance column that disagrees with amount − paid. */
  notes: string[];
  /** What the run found wrong with the schedule (it had not run for more than a day); "" when nothing. */
  notice: string;
  /** The stopped run was held: the settings are not what the owner approved. */
  held: boolean;
  /** Why it was held, in the spreadsheet's language, for the Reminder log's row (the menu, the sidebar and the owner's email keep `stopped`). */
  heldLog?: string;
  /** The fingerprint of the settings this run read. */
  fingerprint: string;
  /** A preview's customers whose cadence learned from their paying, and why (issue 27, item 4). */
  learned?: Array<{ customer: string; reason: LearnedReason }>;
  /** What a reminder carries attached (the statement of account), made only when sent: a test to oneself carries the same. */
  attachmentsOf?: (draft: ReminderDraft) => GoogleAppsScript.Base.Blob[];
}

export interface RunOptions {
  /** Preview: decide and compose, and change nothing at all. */
  dryRun: boolean;
  /** Stop sending at this time (ms since epoch), well before Apps Script's 6 minutes. */
  deadline: number;
  /**
   * A run from the schedule owner's account: it sends only the settings whose
   * fingerprint the owner approved, compared with what this run reads.
   */
  approval?: { owner: string; fingerprint: string | null; scheduled?: boolean; othersSchedule?: string };
}

/**
 * Today's reminders for one spreadsheet. One read of each sheet; every log
 * row written "sending" in one call before any mail goes out, and settled in
 * one call after; a checkpoint in the sender's user properties around each send, so
 * that a failure anywhere leaves at most one reminder unconfirmed (reported,
 * never sent again) and the rest to the next run. Most overdue first; what
 * the mail quota or the deadline leaves is deferred to the next run.
 */
export function runReminders(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, options: RunOptions): RunReport {
  const settings = settingsOf(spreadsheet);
  const now = Date.now();
  const today = new ZoneCalendar(settings.timeZone).dayOf(now);
  const report: RunReport = { stopped: '', day: isoDate(today), reminders: [], tasks: [], sent: 0, deferred: 0, errors: 0, unconfirmed: 0, problems: [], notes: [], notice: '', held: false, fingerprint: '' };
  const stored = readSettings(spreadsheet);
  report.fingerprint = stored.fingerprint;
  if (options.approval?.othersSchedule) return { ...report, stopped: options.approval.othersSchedule };
  if (options.approval) {
    const held = approvalProblem(options.approval.owner, options.approval.fingerprint, stored, options.approval.scheduled ?? true);
    if (held) {
      const heldLog = approvalProblem(options.approval.owner, options.approval.fingerprint, stored, options.approval.scheduled ?? true, localeLanguage(settings.locale));
      return { ...report, stopped: held, held: options.approval.scheduled ?? true, heldLog };
    }
  }
  if (!stored.ok) return { ...report, stopped: stored.reason };
  const { templates } = stored;
  // Never saved: reminders in the spreadsheet locale's language (ru_RU: Russian), as the sidebar shows the defaults.
  const policy = stored.stored ? stored.policy : { ...stored.policy, language: localeLanguage(settings.locale) };
  // The sender must be known before anything goes out; a preview still shows what would go.
  const unsigned = senderProblems(policy);
  if (unsigned.length && !options.dryRun) return { ...report, stopped: `the sender is not set up: ${unsigned.map((problem) => problem.message).join('; ')}` };

  const run = Utilities.getUuid();
  const spreadsheetId = spreadsheet.getId();
  const busy = { ...report, stopped: 'another reminder run for this spreadsheet is in progress; try again in a few minutes' };
  // The document lock where there is one (a menu run); the lease everywhere,
  // since a time-driven trigger has no document and so no document lock.
  const documentLock = options.dryRun ? null : LockService.getDocumentLock();
  if (documentLock && !documentLock.tryLock(5_000)) return busy;
  const holder: LeaseHolder = documentLock ? 'document' : 'trigger';
  // While the schedule is on, only its owner's account sends (by trigger or menu): their
  // runs share one lease in the owner's properties, and the document lock keeps the rest apart.
  // Asked again under the lock: turning the schedule on takes the same lock.
  const takenOver = options.dryRun ? '' : othersSchedule(spreadsheet);
  if (takenOver) {
    documentLock?.releaseLock();
    return { ...report, stopped: takenOver };
  }
  if (!options.dryRun && !takeLease(spreadsheetId, holder, run, now)) {
    documentLock?.releaseLock();
    return busy;
  }

  try {
    // Read under the lock: the "Last reminder" column written back must be what this run saw.
    const found = findInvoiceSheet(spreadsheet, OWN_SHEETS, policy.columns);
    if (!found) return { ...report, stopped: noInvoiceTableMessage(spreadsheet, OWN_SHEETS, policy.columns) };
    const rows = found.rows;
    // Rows start at the header: messages name the sheet's rows.
    const table = readInvoiceTable(rows as Cell[][], { ...settings, termsDays: policy.termsDays, columns: policy.columns, firstRow: found.headerRow, ...(policy.currency ? { currency: policy.currency } : {}) });
    report.problems.push(...table.unreadable.map((entry) => entry.reason));
    report.notes.push(...readingRemarks(table));
    const customers = customerSheet(spreadsheet, table, options.dryRun);
    const customerRows = customers ? customers.getDataRange().getValues() : [[...CUSTOMER_SHEET_HEADERS]];
    // Dates typed there are bounded, and the customers its cells keep from reminders are named to the owner (issue 21).
    const typed = guardCustomerSettings(spreadsheet.getId(), readCustomerSettings(customerRows as Cell[][], settings), customerRows as Cell[][], { table, today, maxDays: policy.collections.maxPromiseDays, dryRun: options.dryRun });
    const { settings: customerSettings, problems } = typed;
    report.problems.push(...problems);
    report.notes.push(...typed.notes);
    if (!options.dryRun) for (const note of typed.notes) console.info(`Receivables: ${note}`);

    const logSheet = options.dryRun ? spreadsheet.getSheetByName(LOG_SHEET_NAME) : logSheetOf(spreadsheet);
    // Keys that do not fit one cell continue rightwards: read the log's full width, its columns by header.
    const logValues = logSheet ? readLogSheet(logSheet).rows : [];
    const entries = readLog(logValues);
    const checkpoint = options.dryRun ? null : readCheckpoint(spreadsheetId);
    // In the owner's name, what the log says was sent must be what the add-on wrote (issue 21): else nothing goes out.
    const sealed = !options.dryRun && options.approval && (options.approval.scheduled ?? true) ? checkLogSeal(spreadsheetId, logValues, checkpoint?.run ?? null, options.approval.owner) : null;
    if (sealed?.held) return { ...report, stopped: sealed.held, held: true, fingerprint: sealed.alert };
    // An interrupted run's rows are settled first, so that what it sent counts as sent.
    const settled = options.dryRun ? [] : settleInterrupted(entries, checkpoint);
    // The Error cells in the spreadsheet's language (ru_RU: Russian).
    const logLanguage = localeLanguage(settings.locale);
    const interrupted: Settlement[] = settled.map(({ index, status, error }) => ({ row: [...logValues[index]], status, error: logErrorText(error, logLanguage) }));
    for (const { index, status, error } of settled) {
      entries[index].status = status;
      logValues[index][STATUS_COLUMN] = logStatusCell(status, logLanguage);
      logValues[index][ERROR_COLUMN] = sheetText(logErrorText(error, logLanguage));
      if (status === 'unconfirmed') report.unconfirmed++;
    }

    // What people typed in the Collections sheet (promises, disputes, legal hand-overs) counts from the next run on.
    const collections = readCollectionsOf(spreadsheet, settings, rows as Cell[][], table, customerSettings, policy, today);
    report.problems.push(...collections.problems);
    report.notes.push(...collections.notes);
    // A scheduled run has no alert: its execution log says it too (the sidebar's Customers section lists the rows).
    if (!options.dryRun) for (const note of collections.notes) console.info(`Receivables: ${note}`);

    const senderEmail = Session.getEffectiveUser().getEmail();
    const calendar = new ZoneCalendar(settings.timeZone);
    const lastDays = lastReminderDays(entries, (at) => calendar.dayOf(at));
    const all = draftReminders(table, policy, today, withTasks(sentSteps(entries), collections.marked.genuine), collections.settings, (customer) => lastDays.get(customer), contactHistory(entries, collections.marked.genuine, (at) => calendar.dayOf(at)));
    report.tasks = all.filter((draft) => draft.channel !== 'email');
    if (options.dryRun) report.learned = learnedCustomers(table, policy, collections.settings, today);
    const drafts = all.filter((draft) => draft.channel === 'email');
    const fieldsOf = placeholderFields(rows as Cell[][], table, customerRows as Cell[][], calendar, settings.locale);
    const payLinks = reportedPayLinks(rows as Cell[][], table, found.headerRow, report.notes, approvedPayLinkHosts(policy.payLinkTemplate, policy.payLinkSites));
    let quota = MailApp.getRemainingDailyQuota();
    report.reminders = drafts.map((draft) => {
      const fields = fieldsOf(draft);
      // The payment code for exactly what the email asks, drawn once: the email shows it by cid:, the send attaches it.
      const code = pictureOf(codeFor(policy, reminderAsk(draft, settings.locale)), PAYMENT_CODE_CID);
      for (const line of [...draft.overdue, ...draft.dueSoon]) if (line.invoice >= 0) payLinks.report(line.invoice);
      const message = composeMessage(draft, policy, senderEmail, templates, { locale: settings.locale, fields, payLinkOf: payLinks.linkOf, ...(code.ok ? { payment: { code: code.code, picture: code.picture } } : {}) });
      const unknown = message.unknownPlaceholders.length
        ? `the ${draft.kind} template uses ${message.unknownPlaceholders.map((name) => `{{${name}}}`).join(', ')}, which no column fills: correct the template`
        : null;
      const problem = unknown ?? addressProblem(draft.email) ?? (message.cc ? addressProblem(message.cc) : null) ?? messageLimitProblem(message);
      if (problem) return { draft, message, status: 'error', error: problem, fields, code };
      const needed = recipientCount(message);
      if (needed > quota) return { draft, message, status: 'deferred', error: `the daily mail quota is used up (${quota} left)`, fields, code };
      quota -= needed;
      return { draft, message, status: 'ready', error: '', fields, code };
    });
    report.notes.push(...senderFallbackNotes(all, policy));
    const ru = policy.senderByLanguage.ru;
    const sender = { name: policy.senderName, email: senderEmail, paymentDetails: policy.paymentDetails, byLanguage: { ru: { name: ru.senderName, paymentDetails: ru.paymentDetails } } };
    const statementDays = 90;
    // The statement goes with every reminder when the policy says so, and always with one whose list is shortened: "and N more" points to it.
    report.attachmentsOf = (draft) =>
      policy.collections.attachStatement || isShortened(draft)
        ? [statementPdf(table, draft.customer, draft.currency, today, statementDays, sender, collections.settings.get(customerKey(draft.customer))?.language || policy.language, policy)]
        : [];
    if (options.dryRun) return report;

    const attach = report.attachmentsOf;
    const holdsLease = () => keepLease(spreadsheetId, holder, run, Date.now());
    if (sealed) openRunInSeal(spreadsheetId, run);
    if (!send(spreadsheetId, run, report, logSheet as GoogleAppsScript.Spreadsheet.Sheet, interrupted, options.deadline, attach, holdsLease, /^ru/i.test(settings.locale) ? 'ru' : 'en') || !holdsLease()) {
      return { ...report, stopped: LEASE_LOST };
    }
    if (sealed) foldRunsIntoSeal(spreadsheetId, sealed.verified, readLogSheet(logSheet as GoogleAppsScript.Spreadsheet.Sheet).rows);
    // What was sent is written first: whatever follows, the Last reminder column says it.
    report.problems.push(...writeLastReminders(found, table, report, localeLanguage(settings.locale), today, (values) => readInvoiceTable(values as Cell[][], { ...settings, termsDays: policy.termsDays, columns: policy.columns, alignRows: false, ...(policy.currency ? { currency: policy.currency } : {}) }), policy.columns));
    // Tasks need no mail; their rows are their record, so each appears once. Documents come last: each is a slow
    // conversion and a Drive save, made only while the run's one deadline leaves time; the rest wait for the next run.
    let documentsWaiting = 0;
    try {
      recordTasks(spreadsheet, collections, report.tasks, { today, now: new Date() });
      // What people typed in the Collections sheet reaches AR_CREDIT_STATUS through no argument: a new revision recomputes it with what the run read.
      if (collections.state.sheet) writeSettingsValue(spreadsheet, 'revision', Utilities.getUuid());
      const documents = produceOwedDocuments(spreadsheet, collections, { table, policy, today, timeZone: settings.timeZone, sender, ownerEmail: senderEmail, logValues, deadline: options.deadline, holdsLease });
      report.problems.push(...documents.problems);
      report.notes.push(...documents.notes);
      documentsWaiting = documents.waiting;
    } catch (error) {
      report.problems.push(`Collections sheet: the day's tasks or documents were not all recorded: ${error instanceof Error ? error.message : String(error)}`);
      documentsWaiting = 1;
    }
    // The morning digests (issue 27) go from the schedule owner's account alone, after the customers' mail, within the same deadline.
    let digestsWaiting = false;
    if (options.approval && (options.approval.scheduled ?? true)) {
      try {
        const digests = sendDigests(spreadsheet, { owner: options.approval.owner, today, table, policy, collections, locale: settings.locale, deadline: options.deadline });
        report.problems.push(...digests.problems);
        report.notes.push(...digests.notes);
        digestsWaiting = digests.waiting;
      } catch (error) {
        report.problems.push(`Morning digests were not all sent: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    clearCheckpoint(spreadsheetId);
    // A run cut short by time is not the day's run: the next hourly one goes on.
    const finished = !report.reminders.some((reminder) => reminder.error === OUT_OF_TIME) && documentsWaiting === 0 && !digestsWaiting;
    report.notice = scheduleNotice(spreadsheet, now);
    writeLastRun(spreadsheet, { day: finished ? report.day : '', at: Date.now(), sent: report.sent, deferred: report.deferred, errors: report.errors, unconfirmed: report.unconfirmed, error: '', notice: report.notice });
    return report;
  } finally {
    if (!options.dryRun) releaseLease(spreadsheetId, holder, run);
    documentLock?.releaseLock();
  }
}

/** A warning per language whose signature or payment details, left empty, are the English ones for the customers of this run who read that language. */
function senderFallbackNotes(drafts: ReadonlyArray<{ customer: string; language: Language }>, policy: Policy): string[] {
  const notes: string[] = [];
  for (const language of ['ru'] as const) {
    const fellBack = senderIn(policy, language).fellBack;
    const customers = [...new Set(drafts.filter((draft) => draft.language === language).map((draft) => draft.customer))];
    if (fellBack.length && customers.length) notes.push(fallbackWarning(language, fellBack, customers));
  }
  return notes;
}

/**
 * With the spreadsheet open: why this account must not send because the
 * schedule is someone else's ('' when it may). In a trigger there is no
 * document, and the trigger is the owner's own.
 */
function othersSchedule(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): string {
  if (!PropertiesService.getDocumentProperties()) return '';
  const owner = readScheduleOwner(spreadsheet);
  if (!owner || owner === Session.getEffectiveUser().getEmail()) return '';
  return `daily reminders for this spreadsheet are sent from ${owner}'s account, so only ${owner} can send them now (or turn them off first)`;
}

/**
 * What this run reports of the schedule: a gap the trigger found when it
 * fired again (then forgotten, as this run reports it), or one still going on.
 */
function scheduleNotice(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, now: number): string {
  const record = readScheduleRecord(spreadsheet);
  if (record?.missed) {
    writeScheduleRecord(spreadsheet, { since: record.since, heard: record.heard });
    return record.missed;
  }
  return missedScheduleNotice(spreadsheet, now);
}

/** A log row and the status it settles to: found again by its identity (Run and Keys), wherever it is by then. */
interface Settlement {
  row: unknown[];
  status: LogStatus;
  error: string;
}

/** The log's layout by header, and its data rows in LOG_HEADERS' order, from the sheet's values. */
function logOf(values: unknown[][]): { layout: ReturnType<typeof logLayout>; rows: unknown[][]; width: number } {
  const header = values[0]?.some((cell) => String(cell).trim() !== '') ? values[0] : [...LOG_HEADERS];
  const layout = logLayout(header);
  return { layout, rows: values.slice(1).map((row) => canonicalLogRow(row, layout)), width: Math.max(layout.width, values[0]?.length ?? 0) };
}

/** The log as it is now, one read. */
function readLogSheet(sheet: GoogleAppsScript.Spreadsheet.Sheet): { rows: unknown[][] } {
  return logOf(readGrid(sheet));
}

/** Rows (0-based) in runs of consecutive ones, for one write per run. */
function consecutive(rows: readonly number[]): number[][] {
  const runs: number[][] = [];
  for (const row of [...rows].sort((a, b) => a - b)) {
    // Indexes rather than .at(-1): Array.prototype.at is ES2022, beyond what the build allows (build.mjs, checkLanguageLevel).
    const last = runs[runs.length - 1];
    if (last && last[last.length - 1] === row - 1) last.push(row);
    else runs.push([row]);
  }
  return runs;
}

const unguarded = (cell: unknown) => (typeof cell === 'string' ? cell.replace(/^'(?=[=+\-@])/, '') : cell);
/** The same reminder, whichever run tried it: its customer and its keys. */
const sameReminder = (row: readonly unknown[]) => `${String(unguarded(row[1]) ?? '')}\u0000${row.slice(KEYS_COLUMN).filter((cell) => cell !== '' && cell !== null && cell !== undefined).join('')}`;

/** Rows appended after the last one, laid out by the log's headers, the time column formatted. */
function appendWrite(values: unknown[][], log: ReturnType<typeof logOf>, rows: readonly unknown[][]): CellWrite {
  return {
    row: Math.max(values.length, 1) + 1,
    column: 1,
    values: rows.map((row) => laidOutLogRow(row, log.layout, log.width)),
    // Date and time, shown in the spreadsheet's zone.
    numberFormat: { column: log.layout.columns[0] + 1, format: 'yyyy-mm-dd hh:mm' },
  };
}

/**
 * Writes this run's rows: a reminder deferred before and still in the log
 * as deferred has its row updated (the log grows with what was sent, not
 * with how often a run tried); the rest are appended after the log's last
 * row as it is now. Planned from a fresh read, so that rows or columns a
 * person inserted or deleted meanwhile are never written over.
 */
function writeLogRows(sheet: GoogleAppsScript.Spreadsheet.Sheet, rows: ReadonlyArray<Array<string | Date>>): void {
  if (rows.length === 0) return;
  writeByPlan(sheet, (values) => {
    const log = logOf(values);
    const present = new Set(log.rows.map(logIdentity));
    const deferredRows = new Map<string, number[]>();
    log.rows.forEach((row, index) => {
      if (logStatusOf(row[STATUS_COLUMN]) !== 'deferred') return;
      const key = sameReminder(row);
      deferredRows.set(key, [...(deferredRows.get(key) ?? []), index]);
    });
    const updates = new Map<number, unknown[]>();
    const appended: unknown[][] = [];
    for (const row of rows) {
      if (present.has(logIdentity(row))) continue;
      const earlier = deferredRows.get(sameReminder(row.map(unguarded)))?.shift();
      if (earlier === undefined) appended.push(row);
      else updates.set(earlier, laidOutLogRow(row, log.layout, log.width));
    }
    const writes: CellWrite[] = consecutive([...updates.keys()]).map((block) => ({ row: block[0] + 2, column: 1, values: block.map((index) => updates.get(index) as unknown[]) }));
    if (appended.length) writes.push(appendWrite(values, log, appended));
    return writes;
  });
}

/**
 * Settles rows of the log, each found again by its identity in a fresh read
 * (never where it was when the run began: a person may have inserted or
 * deleted rows and columns since), writing only the cells that change, in
 * runs of consecutive rows. A row that is no longer there (deleted) and
 * went out, or may have, is written again at the end, or it would be sent
 * twice.
 */
function settleLog(sheet: GoogleAppsScript.Spreadsheet.Sheet, settlements: readonly Settlement[], language: Language): void {
  if (settlements.length === 0) return;
  const wanted = new Map(settlements.map((settlement) => [logIdentity(settlement.row), settlement]));
  writeByPlan(sheet, (values) => {
    const log = logOf(values);
    const changes = new Map<number, [string, string]>();
    const found = new Set<string>();
    log.rows.forEach((row, index) => {
      const identity = logIdentity(row);
      const settlement = wanted.get(identity);
      if (!settlement || found.has(identity)) return;
      found.add(identity);
      const error = textForCell(settlement.error);
      if (logStatusOf(row[STATUS_COLUMN]) !== settlement.status || String(row[ERROR_COLUMN] ?? '') !== error) changes.set(index, [logStatusCell(settlement.status, language), sheetText(error)]);
    });
    const statusColumn = log.layout.columns[STATUS_COLUMN] + 1;
    const errorColumn = log.layout.columns[ERROR_COLUMN] + 1;
    const writes: CellWrite[] = [];
    for (const block of consecutive([...changes.keys()])) {
      const cells = block.map((index) => changes.get(index) as [string, string]);
      if (errorColumn === statusColumn + 1) {
        writes.push({ row: block[0] + 2, column: statusColumn, values: cells });
      } else {
        writes.push({ row: block[0] + 2, column: statusColumn, values: cells.map(([status]) => [status]) });
        writes.push({ row: block[0] + 2, column: errorColumn, values: cells.map(([, error]) => [error]) });
      }
    }
    const lost = settlements.filter((settlement) => !found.has(logIdentity(settlement.row)) && settlement.status !== 'deferred');
    if (lost.length) {
      writes.push(
        appendWrite(values, log, lost.map((settlement) => {
          const row = settlement.row.map((cell) => (typeof cell === 'string' ? sheetText(String(unguarded(cell))) : cell));
          row[STATUS_COLUMN] = logStatusCell(settlement.status, language);
          row[ERROR_COLUMN] = sheetText(textForCell(settlement.error));
          return row;
        })),
      );
    }
    return writes;
  });
}

/**
 * Records every reminder as sending, sends, and settles the log: a few sheet
 * calls whatever the count. False, having stopped, once the run no longer
 * holds its lease: another run may have taken over the log.
 */
function send(
  spreadsheetId: string,
  run: string,
  report: RunReport,
  logSheet: GoogleAppsScript.Spreadsheet.Sheet,
  interrupted: readonly Settlement[],
  deadline: number,
  attach: (draft: ReminderDraft) => GoogleAppsScript.Base.Blob[],
  holdsLease: () => boolean,
  language: Language,
): boolean {
  const now = new Date();
  const ready = report.reminders.filter((reminder) => reminder.status === 'ready');
  const checkpoint: Checkpoint = { run, done: 0, attempting: -1, errors: {} };
  writeCheckpoint(spreadsheetId, checkpoint);
  if (!holdsLease()) return false;
  // Each reminder to send carries its place in the run's order in its Run cell: the checkpoint counts by it.
  const positions = new Map(ready.map((reminder, k) => [reminder, k]));
  const newRows = report.reminders.map((reminder) =>
    logRow(reminder.draft, reminder.message, positions.has(reminder) ? runCell(run, positions.get(reminder) as number) : run, now, reminder.status === 'ready' ? 'sending' : (reminder.status as LogStatus), logErrorText(reminder.error, language), language),
  );
  const rowOf = new Map(report.reminders.map((reminder, i) => [reminder, newRows[i] as unknown[]]));
  const settlementsUpTo = (upTo: number): Settlement[] => ready.slice(0, upTo).map((reminder) => ({ row: rowOf.get(reminder) as unknown[], status: reminder.status as LogStatus, error: logErrorText(reminder.error, language) }));
  if (newRows.length) {
    writeLogRows(logSheet, newRows);
    SpreadsheetApp.flush();
  }

  let quotaRefused = false;
  let leaseLost = false;
  ready.forEach((reminder, k) => {
    if (leaseLost || !holdsLease()) {
      leaseLost = true;
      return;
    }
    if (quotaRefused || Date.now() > deadline) {
      reminder.status = 'deferred';
      reminder.error = quotaRefused ? 'the daily mail quota is used up' : OUT_OF_TIME;
      return;
    }
    checkpoint.attempting = k;
    writeCheckpoint(spreadsheetId, checkpoint);
    try {
      const attachments = attach(reminder.draft);
      MailApp.sendEmail({ ...mailOptions(reminder.message), ...(attachments.length ? { attachments } : {}), ...inlineCodeImages(reminder.code) } as GoogleAppsScript.Mail.MailAdvancedParameters);
      reminder.status = 'sent';
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      reminder.status = 'error';
      reminder.error = message;
      checkpoint.errors[k] = checkpointError(message);
      quotaRefused = /too many times|quota/i.test(message);
    }
    // A send that outlasted the lease: the run that took over settles it from the checkpoint it read.
    if (!holdsLease()) {
      leaseLost = true;
      return;
    }
    checkpoint.done = k + 1;
    // The checkpoint must not grow with the failures: past a few, settle the rows so far in the log and start afresh.
    if (Object.keys(checkpoint.errors).length >= CHECKPOINT_ERRORS) {
      settleLog(logSheet, settlementsUpTo(k + 1), language);
      checkpoint.base = k + 1;
      checkpoint.errors = {};
    }
    writeCheckpoint(spreadsheetId, checkpoint);
  });
  if (leaseLost) return false;

  for (const reminder of report.reminders) {
    if (reminder.status === 'sent') report.sent++;
    else if (reminder.status === 'deferred') report.deferred++;
    else if (reminder.status === 'error') report.errors++;
  }
  // Settle an interrupted run's rows and this run's, each found again by its identity.
  settleLog(logSheet, [...interrupted, ...settlementsUpTo(ready.length)], language);
  return true;
}

/**
 * The invoice sheet's "Last reminder" column: the sheet read again just
 * before writing (a person may have inserted or deleted rows or columns
 * during the run), the column found by its header and each invoice by its
 * key, and only the cells that change written, in runs of consecutive rows.
 */
function writeLastReminders(found: InvoiceSheet, table: InvoiceTable, report: RunReport, language: Language, today: CalendarDay, read: (rows: unknown[][]) => InvoiceTable, overrides: Record<string, string>): string[] {
  const touched = report.reminders.filter((reminder) => reminder.status !== 'deferred');
  if (touched.length === 0) return [];
  const notes = new Map<string, string>();
  for (const { draft, status, error } of touched) {
    for (const line of draft.lines) {
      if (line.invoice < 0) continue;
      // The step as the log names it, in the spreadsheet's language; never the step's id.
      notes.set(invoiceKey(table, line.invoice), lastReminderNote(today, language, status === 'sent' ? { step: stepName({ kind: draft.kind, lines: [line] }, language) } : { error: logErrorText(error, language) }));
    }
  }
  let problem = '';
  writeByPlan(found.sheet, (values) => {
    problem = `the "${LAST_REMINDER_HEADERS[language]}" column was not updated: the invoice table changed during the run`;
    const headerIndex = findHeaderRow(values as Cell[][], overrides);
    if (headerIndex < 0) return [];
    let fresh: InvoiceTable;
    try {
      fresh = read(values.slice(headerIndex));
    } catch {
      return [];
    }
    problem = '';
    const header = values[headerIndex].map((cell) => String(cell).trim());
    const english = header.indexOf(LAST_REMINDER_HEADERS.en);
    let column = english >= 0 ? english : header.indexOf(LAST_REMINDER_HEADERS.ru);
    const writes: CellWrite[] = [];
    if (column < 0) {
      column = header.length;
      writes.push({ row: headerIndex + 1, column: column + 1, values: [[LAST_REMINDER_HEADERS[language]]] });
    }
    const changes = new Map<number, string>();
    for (let i = 0; i < fresh.size; i++) {
      const note = notes.get(invoiceKey(fresh, i));
      if (note === undefined) continue;
      // Rows from the header down: the invoice's row in `values` is headerIndex + row - 1.
      const index = headerIndex + fresh.row[i] - 1;
      if (String(values[index]?.[column] ?? '') !== note) changes.set(index, note);
    }
    for (const block of consecutive([...changes.keys()])) writes.push({ row: block[0] + 1, column: column + 1, values: block.map((index) => [sheetText(changes.get(index) as string)]) });
    return writes;
  });
  return problem ? [problem] : [];
}

function logSheetOf(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): GoogleAppsScript.Spreadsheet.Sheet {
  const existing = spreadsheet.getSheetByName(LOG_SHEET_NAME);
  if (existing) return existing;
  const sheet = spreadsheet.insertSheet(LOG_SHEET_NAME);
  sheet.getRange(1, 1, 1, LOG_HEADERS.length).setValues([[...LOG_HEADERS]]);
  sheet.setFrozenRows(1);
  return sheet;
}

/**
 * The Customers sheet; created on the first run with a row per customer
 * and the email the invoices give, for the bookkeeper to fill in.
 */
function customerSheet(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, table: InvoiceTable, dryRun: boolean): GoogleAppsScript.Spreadsheet.Sheet | null {
  const existing = spreadsheet.getSheetByName(CUSTOMERS_SHEET_NAME);
  if (existing || dryRun) return existing;
  const sheet = spreadsheet.insertSheet(CUSTOMERS_SHEET_NAME);
  const emails = new Map<string, string>();
  for (let i = 0; i < table.size; i++) if (!emails.get(table.customer[i])) emails.set(table.customer[i], table.email[i] ?? '');
  // A Cyrillic name suggests Russian; the bookkeeper sees it and can change it.
  const language = (customer: string) => (/[А-Яа-яЁё]/.test(customer) ? 'ru' : '');
  const rows = [[...CUSTOMER_SHEET_HEADERS] as string[], ...[...emails].map(([customer, email]) => [sheetText(customer), sheetText(email), language(customer), '', '', '', '', '', '', ''])];
  ensureGrid(sheet, rows.length, CUSTOMER_SHEET_HEADERS.length);
  sheet.getRange(1, 1, rows.length, CUSTOMER_SHEET_HEADERS.length).setValues(rows);
  sheet.setFrozenRows(1);
  // A dashboard made before this sheet now reads its limits and promises (issue 10, item 7).
  pointDashboardsAtCustomers(spreadsheet);
  return sheet;
}

/** Today in a zone, for callers that need the same day the run uses. */
export function todayIn(timeZone: string): CalendarDay {
  return new ZoneCalendar(timeZone).dayOf(Date.now());
}

/**
 * Sends the first of today's reminders to the person asking, marked as a
 * test, and says what happened; nothing goes to the customer.
 */
export function sendTestToMe(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): string {
  const me = Session.getActiveUser().getEmail() || Session.getEffectiveUser().getEmail();
  const report = runReminders(spreadsheet, { dryRun: true, deadline: Date.now() });
  const first = report.reminders[0];
  if (!first) return report.stopped || `No reminder is due today (${report.day}), so there is nothing to show in a test.`;
  const { message } = first;
  const attachments = report.attachmentsOf?.(first.draft) ?? [];
  MailApp.sendEmail({ ...mailOptions({ to: me, subject: `[Test] ${message.subject}`, body: message.body, htmlBody: message.htmlBody, name: message.name }), ...(attachments.length ? { attachments } : {}), ...inlineCodeImages(first.code) } as GoogleAppsScript.Mail.MailAdvancedParameters);
  return `A test of the reminder to ${first.draft.customer} went to ${me}. Nothing was sent to the customer.`;
}

/** Today's reminders as the run would send them, changing nothing: for the menu's dialog and the sidebar. */
export function previewToday(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): PreviewView & { problems: string[]; notes: string[] } {
  const report = runReminders(spreadsheet, { dryRun: true, deadline: Date.now() });
  return {
    day: report.day,
    stopped: report.stopped,
    problems: report.problems,
    notes: report.notes,
    reminders: report.reminders.map(({ draft, message, status, error, code }) => ({
      customer: draft.customer,
      to: message.to,
      subject: message.subject,
      invoices: draft.lines.map((line) => line.label).join(', '),
      status: status === 'ready' ? 'ready' : `${status}: ${error}`,
      payment: code.ok ? { ok: true, detail: `${code.code.format}, ${code.code.amount}, ${code.code.purpose}` } : { ok: false, detail: code.reason },
      stage: {
        rung: draft.stage.rung,
        of: draft.stage.of,
        kind: draft.kind,
        next: draft.stage.next ? { kind: draft.stage.next.template, channel: draft.stage.next.channel, day: isoDate(draft.stage.next.day) } : null,
        capped: draft.stage.capped,
        held: draft.stage.held,
      },
      ...(draft.learned ? { learned: draft.learned } : {}),
    })),
    learned: report.learned ?? [],
  };
}

/**
 * The placeholders a customer's columns fill, by header: the Customers
 * sheet's cell where it has one, else the values of the invoice table's
 * column on the invoices the email lists (distinct ones joined by commas).
 */
/** The Pay link column's links; a cell that is no https link, of an invoice a reminder asks for, is reported once among the run's notes (the row is still reminded of). */
function reportedPayLinks(rows: Cell[][], table: InvoiceTable, firstRow: number, problems: string[], hosts: ReadonlySet<string>): { linkOf: (invoice: number) => string; report: (invoice: number) => void } {
  const column = payLinkColumn(rows, table, firstRow, hosts);
  const reported = new Set<string>();
  return {
    linkOf: column.linkOf,
    report: (invoice) => {
      const problem = column.problemOf(invoice);
      if (problem && !reported.has(problem)) {
        reported.add(problem);
        problems.push(problem);
      }
    },
  };
}

function placeholderFields(rows: Cell[][], table: InvoiceTable, customerRows: Cell[][], calendar: ZoneCalendar, locale: string): (draft: ReminderDraft) => Record<string, string> {
  const byCustomer = new Map<string, Cell[]>();
  // The customer's name by its header: a person may have put Phone or Notes first.
  const customerColumn = customerRows.length ? customerColumns(customerRows[0]).customer : undefined;
  if (customerColumn !== undefined) for (const row of customerRows.slice(1)) if (String(row[customerColumn] ?? '').trim()) byCustomer.set(customerKey(String(row[customerColumn])), row);
  // The header may sit below title lines, as in exported reports.
  const header = rows[Math.max(0, table.rowKinds.indexOf(ROW_HEADER))] ?? [];
  return (draft) => {
    const text = (cell: Cell): string => (isDate(cell) ? formatDay(calendar.dayOfDate(cell), draft.language, locale) : String(cell ?? '').trim());
    const fields: Record<string, string> = {};
    const invoiceRows = [...draft.overdue, ...draft.dueSoon].filter((line) => line.invoice >= 0).map((line) => rows[table.row[line.invoice] - 1] ?? []);
    header.forEach((name, c) => {
      if (String(name ?? '').trim()) fields[placeholderKey(String(name))] = [...new Set(invoiceRows.map((row) => text(row[c])).filter(Boolean))].join(', ');
    });
    const own = byCustomer.get(customerKey(draft.customer));
    (customerRows[0] ?? []).forEach((header, c) => {
      const key = placeholderKey(String(header ?? ''));
      if (key && (own?.[c] !== undefined && text(own[c]) !== '' || !(key in fields))) fields[key] = own ? text(own[c]) : '';
    });
    return fields;
  };
}

/** Every header of the invoice table and of the Customers sheet: the placeholders a template may use besides the add-on's own. */
export function placeholderColumns(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, columns: Record<string, string>): string[] {
  const found = findInvoiceSheet(spreadsheet, OWN_SHEETS, columns);
  const customers = spreadsheet.getSheetByName(CUSTOMERS_SHEET_NAME);
  const customerHeaders = customers && customers.getLastColumn() > 0 ? customers.getRange(1, 1, 1, customers.getLastColumn()).getValues()[0] : [...CUSTOMER_SHEET_HEADERS];
  return [...(found ? found.rows[0] : []), ...customerHeaders].map((header) => String(header ?? '').trim()).filter(Boolean);
}
