import { canonicalLogRow, LOG_HEADERS, LOG_SHEET_NAME, logLayout } from '../../core/reminders/log';
import { LOG_HOLD, logHoldReason, parseSeal, sealedTexts, sealPayload, type LogSeal } from '../../core/reminders/logSeal';
import { taskSecret } from '../collections/marks';
import { menuMayRun, NEEDS } from '../permissions';
import { readGrid } from '../safeWrite';
import { readHeld, readScheduleOwner, releaseLease, takeLease, writeHeld } from './runState';

/**
 * The Reminder log's seal (core/reminders/logSeal.ts) in the running
 * person's user properties, by spreadsheet ID. Only runs in the schedule
 * owner's name check and keep it: while the schedule is on, only the
 * owner's account writes the log; turning the schedule off forgets the seal
 * (runState's clearRunState), and the next schedule starts one afresh.
 */
const sealKey = (spreadsheetId: string) => `receivables.logSeal.${spreadsheetId}`;
const TITLE = 'Receivables';

function readSeal(spreadsheetId: string): LogSeal | null {
  return parseSeal(PropertiesService.getUserProperties().getProperty(sealKey(spreadsheetId)));
}

function writeSeal(spreadsheetId: string, seal: LogSeal): void {
  PropertiesService.getUserProperties().setProperty(sealKey(spreadsheetId), JSON.stringify(seal));
}

/** The seal of these rows' facts: the signing secret of the Collections marks, one HMAC call for the whole log. */
function sealOf(spreadsheetId: string, texts: readonly string[], pending: string[]): LogSeal {
  const secret = taskSecret(true) as string;
  const h = Utilities.base64EncodeWebSafe(Utilities.computeHmacSha256Signature(sealPayload(spreadsheetId, texts), secret));
  return { n: texts.length, h, p: pending };
}

/** What a sending run found: the sealed rows' facts it checked (kept for the fold), or why it must hold. */
export interface LogSealCheck {
  verified: string[];
  /** Why nothing may be sent; '' when the log is as the add-on wrote it. */
  held: string;
  /** What the owner is emailed about once: the seal the log failed. */
  alert: string;
}

/**
 * At the start of a sending run, the log's rows (LOG_HEADERS' order) against
 * the seal. No seal yet (the first run after the upgrade, a new schedule):
 * one is started from the log as it is, silently, a crashed run's rows left
 * open (its checkpoint names it) to be folded in once settled.
 */
export function checkLogSeal(spreadsheetId: string, rows: readonly (readonly unknown[])[], checkpointRun: string | null, owner: string): LogSealCheck {
  const seal = readSeal(spreadsheetId);
  if (!seal) {
    const pending = checkpointRun ? [checkpointRun] : [];
    const verified = sealedTexts(rows, (run) => !pending.includes(run));
    writeSeal(spreadsheetId, sealOf(spreadsheetId, verified, pending));
    return { verified, held: '', alert: '' };
  }
  const verified = sealedTexts(rows, (run) => !seal.p.includes(run));
  const now = sealOf(spreadsheetId, verified, seal.p);
  if (now.n === seal.n && now.h === seal.h) return { verified, held: '', alert: '' };
  return { verified, held: logHoldReason(owner, seal.n, now.n), alert: `log seal ${seal.h}` };
}

/** Before a run writes its rows: they stay out of the seal until folded in, so a crash anywhere after never reads as tampering. */
export function openRunInSeal(spreadsheetId: string, run: string): void {
  const seal = readSeal(spreadsheetId);
  if (seal && !seal.p.includes(run)) writeSeal(spreadsheetId, { ...seal, p: [...seal.p, run] });
}

/**
 * After a run settled the log: the rows of every open run (this one, and a
 * crashed one it settled), as read back from the sheet, join the rows
 * checked at the start, in one property write.
 */
export function foldRunsIntoSeal(spreadsheetId: string, verified: readonly string[], freshRows: readonly (readonly unknown[])[]): void {
  const seal = readSeal(spreadsheetId);
  if (!seal) return;
  writeSeal(spreadsheetId, sealOf(spreadsheetId, [...verified, ...sealedTexts(freshRows, (run) => seal.p.includes(run))], []));
}

/** Forgets the seal (the schedule was turned off). */
export function forgetLogSeal(spreadsheetId: string): void {
  PropertiesService.getUserProperties().deleteProperty(sealKey(spreadsheetId));
}

/** The log's data rows in LOG_HEADERS' order, its columns found by header. */
function logRows(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): unknown[][] {
  const sheet = spreadsheet.getSheetByName(LOG_SHEET_NAME);
  if (!sheet) return [];
  const values = readGrid(sheet);
  const header = values[0]?.some((cell) => String(cell).trim() !== '') ? values[0] : [...LOG_HEADERS];
  const layout = logLayout(header);
  return values.slice(1).map((row) => canonicalLogRow(row, layout));
}

/**
 * Accepting the log as it is now: the seal is made again from it (runs
 * still open stay open). Only the schedule's owner, whose seal it is, may;
 * with no schedule, whoever has a seal here (their own). What the log no
 * longer shows as sent counts as not sent: a step still due by it goes out
 * with the next run.
 */
export function acceptLog(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): { ok: boolean; message: string } {
  const me = Session.getEffectiveUser().getEmail();
  const owner = readScheduleOwner(spreadsheet);
  if (owner && owner !== me) return { ok: false, message: `Only ${owner}, whose account sends the daily reminders, may accept the Reminder log.` };
  const id = spreadsheet.getId();
  const seal = readSeal(id);
  if (!seal) return { ok: false, message: 'There is nothing to accept: no run of daily reminders has checked the Reminder log from your account yet.' };
  const run = Utilities.getUuid();
  const documentLock = LockService.getDocumentLock();
  if (documentLock && !documentLock.tryLock(5_000)) return { ok: false, message: 'A reminder run for this spreadsheet is in progress; accept the Reminder log again in a few minutes.' };
  // Not while a run of the trigger is writing the log.
  if (!takeLease(id, 'document', run, Date.now())) {
    documentLock?.releaseLock();
    return { ok: false, message: 'A reminder run for this spreadsheet is in progress; accept the Reminder log again in a few minutes.' };
  }
  try {
    const texts = sealedTexts(logRows(spreadsheet), (row) => !seal.p.includes(row));
    writeSeal(id, sealOf(id, texts, seal.p));
    if (readHeld(spreadsheet).startsWith(LOG_HOLD)) writeHeld(spreadsheet, '');
    return { ok: true, message: `The Reminder log is accepted as it is now (${texts.length} row${texts.length === 1 ? '' : 's'} of sent reminders). Daily reminders go on from the next run, by what the log shows: a reminder it no longer shows as sent goes out again if it is still due.` };
  } finally {
    releaseLease(id, 'document', run);
    documentLock?.releaseLock();
  }
}

/**
 * Menu: the schedule's owner accepts the Reminder log as it is now, after
 * the daily reminders were held because it was changed by hand.
 */
export function acceptReminderLog(): void {
  if (!menuMayRun('accept the Reminder log', NEEDS.schedule)) return;
  const ui = SpreadsheetApp.getUi();
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const held = readHeld(spreadsheet);
  const why = held.startsWith(LOG_HOLD) ? `${held}\n\n` : '';
  const answer = ui.alert(TITLE, `${why}Accept the Reminder log as it is now? What it shows as sent counts as sent; a reminder it no longer shows goes out again if it is still due.`, ui.ButtonSet.YES_NO);
  if (answer !== ui.Button.YES) return;
  ui.alert(TITLE, acceptLog(spreadsheet).message, ui.ButtonSet.OK);
}
