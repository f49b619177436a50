import { ZoneCalendar } from '../core/calendar';
import { describeCell, isBlank, type Cell } from '../core/cells';
import { parseTaskId } from '../core/collections/marks';
import { COLLECTIONS_SHEET_NAME, readCollections } from '../core/collections/sheet';
import { dsoTrend, dsoTrendTable } from '../core/effectiveness/dsoTrend';
import { effectivenessTable, stepEffects, type Contact } from '../core/effectiveness/effectiveness';
import { canonicalLogRow, LOG_SHEET_NAME, logLayout, readLog } from '../core/reminders/log';
import type { OutputCell } from '../core/output';
import { ArgumentError, reportingErrorsAs, singleCell } from './arguments';
import { tableArguments } from './forecastFunctions';
import { toSheetValues } from './sheetValues';
import type { SpreadsheetSettings } from './spreadsheetSettings';

/**
 * What each step of the cadence gets paid, per channel: reminders sent, the share paid within 7 and 14 days after and the median days to pay, beside comparable invoices not reminded at that stage.
 * Sheets recomputes a custom function only when an argument changes, and a custom function cannot be told that another sheet changed:
 * so the Reminder log and the Collections sheet are arguments (the dashboard passes them). Left blank, they are read from those sheets by name once, and a last row says the table will not follow them.
 * Comparable: open on the step's day (due date + the step's days), not reminded at that step nor at any step in the 14 days after, amount in the same band (currency and power of ten), weighted to the reminded invoices' bands.
 *
 * @param {A1:J500} invoices The invoice table, header row included, with paid dates.
 * @param {"2026-03-31"} as_of Optional. The date to measure to; today in the spreadsheet's time zone when blank.
 * @param {'Reminder log'!A1:Z} log Optional. The Reminder log, header row included: its sent rows are the emails.
 * @param {Collections!A1:Z} collections Optional. The Collections sheet, header row included: its task rows are the calls, letters and hand-overs.
 * @return Step, Channel, Sent, Paid within 7 days, Paid within 14 days, Median days to pay, then the same for comparable invoices not reminded.
 * @customfunction
 */
export function AR_EFFECTIVENESS(invoices: unknown, as_of?: unknown, log?: unknown, collections?: unknown): unknown {
  return reportingErrorsAs('AR_EFFECTIVENESS', () => {
    const { table, asOfDay, settings } = tableArguments(invoices, as_of);
    const unpassed: string[] = [];
    const rowsOf = (value: unknown, sheetName: string, name: string): Cell[][] => {
      if (Array.isArray(value)) return value as Cell[][];
      if (!isBlank(singleCell(value, name))) throw new ArgumentError(`${name} must be the ${sheetName} sheet's range, header row included, like '${sheetName}'!A1:Z; found ${describeCell(singleCell(value, name))}`);
      unpassed.push(sheetName);
      const sheet = SpreadsheetApp.getActiveSpreadsheet()?.getSheetByName(sheetName);
      return sheet ? (sheet.getDataRange().getValues() as Cell[][]) : [];
    };
    const contacts = [...logContacts(rowsOf(log, LOG_SHEET_NAME, 'log'), settings), ...taskContacts(rowsOf(collections, COLLECTIONS_SHEET_NAME, 'collections'), settings)];
    const result: OutputCell[][] = effectivenessTable(stepEffects(table, contacts, asOfDay));
    if (unpassed.length) {
      const note = `Read from the ${unpassed.join(' and ')} sheet${unpassed.length > 1 ? 's' : ''} as they were: pass ${unpassed.length > 1 ? 'them' : 'it'} as ${unpassed.map((name) => (name === LOG_SHEET_NAME ? 'log' : 'collections')).join(' and ')} for this table to follow ${unpassed.length > 1 ? 'them' : 'it'}`;
      result.push([note, ...new Array(result[0].length - 1).fill('')]);
    }
    return toSheetValues(result, settings.timeZone);
  });
}

/**
 * DSO and the overdue share month by month: open at the month's end ÷ invoiced during the month × days in the month (standard DSO, not count-back); overdue share = past due ÷ open at the month's end.
 *
 * @param {A1:J500} invoices The invoice table, header row included, with invoice dates and paid dates.
 * @param {12} months Optional. How many months, ending with the one as_of is in; 12 when blank.
 * @param {"2026-03-31"} as_of Optional. The last day counted; today in the spreadsheet's time zone when blank.
 * @return Month, Open at month end, Overdue, Overdue share, Invoiced, DSO (and Currency with several).
 * @customfunction
 */
export function AR_DSO_TREND(invoices: unknown, months?: unknown, as_of?: unknown): unknown {
  return reportingErrorsAs('AR_DSO_TREND', () => {
    const cell = singleCell(months, 'months');
    const count = isBlank(cell) ? 12 : Number(cell);
    if (!Number.isInteger(count) || count < 1 || count > 120) throw new ArgumentError(`months must be a whole number from 1 to 120; found ${describeCell(cell)}`);
    const { table, asOfDay, settings } = tableArguments(invoices, as_of);
    return toSheetValues(dsoTrendTable(dsoTrend(table, asOfDay, count)), settings.timeZone);
  });
}

/** The Reminder log's sent rows as emails, their columns found by header. */
function logContacts(rows: Cell[][], settings: SpreadsheetSettings): Contact[] {
  if (rows.length === 0) return [];
  const header = rows[0].map((cell) => String(cell ?? '').trim());
  if (!header.includes('Keys') || !header.includes('Time')) throw new ArgumentError(`log must be the Reminder log, header row included (Time … Keys); its first row is ${header.filter(Boolean).slice(0, 4).join(', ') || 'empty'}`);
  const layout = logLayout(header);
  const calendar = new ZoneCalendar(settings.timeZone);
  return readLog(rows.slice(1).map((row) => canonicalLogRow(row, layout)))
    .filter((entry) => entry.status === 'sent' && !Number.isNaN(entry.at))
    .map((entry) => ({ day: calendar.dayOf(entry.at), channel: 'email' as const, marks: entry.marks }));
}

/**
 * The Collections sheet's task rows as calls, letters and hand-overs. A custom function
 * may not read the user properties the rows' marks are checked with: it counts the rows
 * that carry a mark at all, as AR_CREDIT_STATUS does (figures to read, nothing acted on).
 */
function taskContacts(rows: Cell[][], settings: SpreadsheetSettings): Contact[] {
  if (rows.length === 0) return [];
  const { entries } = readCollections(rows, settings);
  return entries.flatMap((entry) => (entry.day !== null && entry.channel !== null && parseTaskId(entry.taskId) !== null ? [{ day: entry.day, channel: entry.channel, marks: entry.marks }] : []));
}
