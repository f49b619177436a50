// "Check setup": what the real platform gave the add-on in this spreadsheet,
// one line each, "OK" or what to do. The first thing to run after installing.
import { sheetReference } from '../core/a1';
import { isoDate, ZoneCalendar } from '../core/calendar';
import { escapeHtml } from '../core/reminders/templates';
import { asOfArgument, reportingErrorsAs } from './arguments';
import { menuMayRun, missingScopes, permissionNotice, SCOPE, type Scope } from './permissions';
import { SETTINGS_SHEET_NAME, settingsRow } from './reminders/policyStore';
import { readLastRun, readScheduleOwner } from './reminders/runState';
import { scheduleTrigger, scheduleWarning } from './reminders/schedule';
import { activeSpreadsheetSettings, settingsOf } from './spreadsheetSettings';
import { probeDriveApi } from './driveApi';

export interface SetupLine {
  check: string;
  ok: boolean;
  /** What was found, and what to do when it is not OK. */
  text: string;
}

/** Sheets' limit: "Files you can store in Google Drive": 10 million cells a spreadsheet. */
const MAX_CELLS = 10_000_000;
/** A sheet or spreadsheet this full is reported before it is a problem. */
const NEARLY_FULL = 0.8;

const ALL_SCOPES = Object.values(SCOPE) as Scope[];

export function setupReport(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): SetupLine[] {
  const missing = new Set(missingScopes(ALL_SCOPES));
  return [permissionsLine(), ...scheduleLines(spreadsheet, missing), timeZoneLine(spreadsheet), dateProbeLine(spreadsheet), mailLine(missing), driveLine(missing), ...gridLines(spreadsheet)];
}

function permissionsLine(): SetupLine {
  const notice = permissionNotice('use every part of Receivables', ALL_SCOPES);
  return notice ? { check: 'Permissions', ok: false, text: notice } : { check: 'Permissions', ok: true, text: 'everything the add-on asks for is allowed.' };
}

function scheduleLines(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, missing: Set<Scope>): SetupLine[] {
  const owner = readScheduleOwner(spreadsheet);
  const last = readLastRun(spreadsheet);
  const zone = spreadsheet.getSpreadsheetTimeZone();
  const lastText = last ? `last run ${Utilities.formatDate(new Date(last.at), zone, 'yyyy-MM-dd HH:mm')} (${last.error ? `stopped: ${last.error}` : `${last.sent} sent`})` : 'it has not run yet';
  if (!owner) return [{ check: 'Daily reminders', ok: true, text: `off. To send reminders every day, choose Turn on daily reminders.` }];
  const lines: SetupLine[] = [];
  const me = missing.has(SCOPE.email) ? '' : Session.getEffectiveUser().getEmail();
  if (owner !== me) {
    lines.push({ check: 'Daily reminders', ok: true, text: `on, sent from ${owner}; ${lastText}. Only ${owner} can see or change their trigger.` });
  } else if (missing.has(SCOPE.triggers)) {
    lines.push({ check: 'Daily reminders', ok: false, text: `on, sent from you, but the trigger cannot be checked: ${permissionNotice('check the trigger', [SCOPE.triggers])}` });
  } else if (!scheduleTrigger(spreadsheet)) {
    lines.push({ check: 'Daily reminders', ok: false, text: `on, sent from you, but this spreadsheet has no trigger, so nothing will be sent: choose Turn on daily reminders again. ${lastText}.` });
  } else {
    lines.push({ check: 'Daily reminders', ok: true, text: `on, sent from you; the hourly trigger exists in this spreadsheet; ${lastText}.` });
  }
  const warning = scheduleWarning(spreadsheet, last);
  if (warning) lines.push({ check: 'Schedule running', ok: false, text: warning });
  return lines;
}

function timeZoneLine(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): SetupLine {
  const sheetZone = spreadsheet.getSpreadsheetTimeZone();
  const scriptZone = Session.getScriptTimeZone();
  const today = isoDate(new ZoneCalendar(sheetZone).dayOf(Date.now()));
  const same = sheetZone === scriptZone ? 'the same zone' : `a different zone, which is fine: dates follow the spreadsheet's`;
  return { check: 'Time zones', ok: true, text: `the spreadsheet's is ${sheetZone} (today is ${today} there; change it in File › Settings if that is wrong); the script's is ${scriptZone}, ${same}.` };
}

/**
 * Writes today's date into the hidden settings sheet beside a formula that
 * reads it through AR_SETUP_DATE, and reads back what the custom function
 * made of it. Sheets computes the formula on its own time: until it has, the
 * line says to run Check setup again.
 */
function dateProbeLine(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): SetupLine {
  const check = 'Dates in custom functions';
  const { timeZone } = settingsOf(spreadsheet);
  const calendar = new ZoneCalendar(timeZone);
  const today = calendar.dayOf(Date.now());
  const expected = isoDate(today);
  // The probe's own named row of the settings sheet (a date in B, the custom function reading it in C): never a row of the settings.
  const row = settingsRow(spreadsheet, 'setup date probe', '');
  const sheet = spreadsheet.getSheetByName(SETTINGS_SHEET_NAME)!;
  const [[written, shown]] = sheet.getRange(row, 2, 1, 2).getValues();
  const writtenDay = written instanceof Date ? isoDate(calendar.dayOfDate(written)) : '';
  const formula = `=AR_SETUP_DATE(${sheetReference(SETTINGS_SHEET_NAME)}!B${row})`;
  if (writtenDay !== expected || sheet.getRange(row, 3).getFormula() !== formula) {
    sheet.getRange(row, 2).setValue(new Date(calendar.midnightOf(today)));
    sheet.getRange(row, 3).setFormula(formula);
    SpreadsheetApp.flush();
    return { check, ok: false, text: `a date cell (${expected}) was just given to a custom function; Sheets computes it in a moment: run Check setup again.` };
  }
  if (shown === expected) return { check, ok: true, text: `a date cell holding ${expected} reads back through a custom function as ${expected}.` };
  if (shown === '' || /loading/i.test(String(shown))) return { check, ok: false, text: `Sheets has not computed the test formula yet: run Check setup again in a moment.` };
  return { check, ok: false, text: `a date cell holding ${expected} read back through a custom function as "${String(shown)}". Check the spreadsheet's time zone and locale in File › Settings, then run Check setup again.` };
}

function mailLine(missing: Set<Scope>): SetupLine {
  if (missing.has(SCOPE.sendMail)) return { check: 'Mail quota', ok: false, text: permissionNotice('send reminders', [SCOPE.sendMail]) };
  const left = MailApp.getRemainingDailyQuota();
  if (left > 0) return { check: 'Mail quota', ok: true, text: `${left} recipients left today.` };
  return { check: 'Mail quota', ok: false, text: `no recipients left today: reminders wait (logged as deferred) until Google resets the quota, 24 hours after the first email of the day.` };
}

/**
 * Letters and summaries for the lawyer are saved with the advanced Drive service,
 * whose API must be enabled in the add-on's Cloud project: one cheap call shows it.
 */
function driveLine(missing: Set<Scope>): SetupLine {
  const check = 'Drive for letters';
  if (missing.has(SCOPE.driveFile)) return { check, ok: false, text: permissionNotice('save letters and summaries for the lawyer', [SCOPE.driveFile]) };
  const problem = probeDriveApi();
  if (problem) return { check, ok: false, text: problem };
  return { check, ok: true, text: 'the Drive API answers: letters and summaries for the lawyer are saved in your Drive (the add-on sees only the files it made).' };
}

/** How near each sheet is to its grid, and the spreadsheet to 10 million cells. */
function gridLines(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): SetupLine[] {
  let cells = 0;
  const lines = spreadsheet.getSheets().map((sheet): SetupLine => {
    const rows = sheet.getMaxRows();
    const columns = sheet.getMaxColumns();
    const usedRows = sheet.getLastRow();
    const usedColumns = sheet.getLastColumn();
    cells += rows * columns;
    const check = `Sheet "${sheet.getName()}"`;
    const text = `${usedRows} of ${rows} rows and ${usedColumns} of ${columns} columns used`;
    if (usedRows >= rows * NEARLY_FULL || usedColumns >= columns * NEARLY_FULL) {
      return { check, ok: true, text: `${text}. Nearly full: the add-on adds rows and columns where it writes; formulas of your own over fixed ranges (A1:J1000) may miss new rows, so end them open (A1:J).` };
    }
    return { check, ok: true, text: `${text}.` };
  });
  const share = cells / MAX_CELLS;
  const total = `${cells.toLocaleString('en-US')} of ${MAX_CELLS.toLocaleString('en-US')} cells (${(share * 100).toFixed(share < 0.1 ? 1 : 0)}%)`;
  lines.push(
    share >= NEARLY_FULL
      ? { check: 'Spreadsheet size', ok: false, text: `${total}: near Google's limit, after which nothing more can be added. Delete empty rows and columns (each sheet's grid counts, not only what is filled) or move old invoices to another spreadsheet.` }
      : { check: 'Spreadsheet size', ok: true, text: `${total}.` },
  );
  return lines;
}

/**
 * Menu: checks what Google gave the add-on here: permissions, the schedule's trigger and last run, time zones, a date through a custom function, the mail quota, whether Drive can save letters, and room in each sheet; each line OK or what to do.
 */
export function checkSetup(): void {
  if (!menuMayRun('check the setup', [SCOPE.spreadsheets, SCOPE.ui])) return;
  const html = setupReportHtml(setupReport(SpreadsheetApp.getActiveSpreadsheet()));
  SpreadsheetApp.getUi().showModalDialog(HtmlService.createHtmlOutput(html).setWidth(640).setHeight(480), 'Receivables: Check setup');
}

export function setupReportHtml(lines: SetupLine[]): string {
  const rows = lines
    .map((line) => `<tr><td style="vertical-align:top;font-weight:bold;color:${line.ok ? '#188038' : '#c5221f'}">${line.ok ? 'OK' : 'To do'}</td><td style="vertical-align:top">${escapeHtml(line.check)}</td><td>${escapeHtml(line.text)}</td></tr>`)
    .join('');
  return `<div style="font:13px Arial"><table cellpadding="4">${rows}</table></div>`;
}

/**
 * Shows a date cell as the add-on reads it: the day in the spreadsheet's time zone, as yyyy-mm-dd. Check setup uses it to see that dates reach custom functions as they should.
 *
 * @param {A1} date A date cell.
 * @return The day the add-on reads, as yyyy-mm-dd.
 * @customfunction
 */
export function AR_SETUP_DATE(date: unknown): string {
  return reportingErrorsAs('AR_SETUP_DATE', () => {
    if (!(date instanceof Date)) throw new Error(`expected a date cell, found "${String(date)}"`);
    return isoDate(asOfArgument(date, activeSpreadsheetSettings()));
  });
}
