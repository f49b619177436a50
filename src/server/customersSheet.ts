import { ZoneCalendar, isoDate } from '../core/calendar';
import { isDate, isYes, type Cell } from '../core/cells';
import { customerColumns, customerKey, CUSTOMER_SHEET_HEADERS, type CustomerColumn } from '../core/reminders/customerSettings';
import { sheetText } from '../core/reminders/log';
import type { CustomerRow } from '../shared/contract';
import { ensureGrid } from './grid';
import { CUSTOMERS_SHEET_NAME } from '../core/reminders/customerSettings';
import { settingsOf } from './spreadsheetSettings';

/**
 * The Customers sheet as the sidebar sees it: read and written by header,
 * as the reminder run reads it, so that a column the person added or moved
 * (Phone before Email, Notes) is never taken for a setting nor written over.
 */

/** The sidebar's fields, each with the column it lives in and its header when the add-on has to add that column. */
const FIELDS: ReadonlyArray<{ field: keyof CustomerRow & CustomerColumn; header: string; flag: boolean; optional?: boolean }> = [
  { field: 'customer', header: 'Customer', flag: false },
  { field: 'email', header: 'Email', flag: false },
  { field: 'language', header: 'Language', flag: false },
  { field: 'doNotRemind', header: 'Do not remind', flag: true },
  { field: 'pausedUntil', header: 'Paused until', flag: false },
  { field: 'promiseBy', header: 'Promise to pay by', flag: false },
  { field: 'disputed', header: 'Disputed', flag: true },
  { field: 'ownSteps', header: 'Own steps', flag: false },
  { field: 'plan', header: 'Payment plan', flag: false },
  // Added to the sheet only when a manager is first set (issue 27); a save that names none leaves the column as it is.
  { field: 'manager', header: 'Manager', flag: false, optional: true },
];

function cellText(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): (cell: unknown) => string {
  const calendar = new ZoneCalendar(settingsOf(spreadsheet).timeZone);
  return (cell) => (isDate(cell) ? isoDate(calendar.dayOfDate(cell)) : String(cell ?? ''));
}

/** Every customer row, read by header (one getValues). */
export function readCustomerRows(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): CustomerRow[] {
  const sheet = spreadsheet.getSheetByName(CUSTOMERS_SHEET_NAME);
  if (!sheet || sheet.getLastRow() < 2) return [];
  const values = sheet.getDataRange().getValues();
  const columns = customerColumns(values[0]);
  if (columns.customer === undefined) return [];
  const text = cellText(spreadsheet);
  return values
    .slice(1)
    .filter((row) => String(row[columns.customer as number] ?? '').trim() !== '')
    .map((row) => {
      const entry = {} as Record<string, string | boolean>;
      for (const { field, flag } of FIELDS) {
        const column = columns[field];
        const cell = column === undefined ? '' : row[column];
        entry[field] = flag ? isYes(cell as Cell) : text(cell);
      }
      return entry as unknown as CustomerRow;
    });
}

/**
 * Writes one customer's settings: the row found by the customer's name, each
 * column by its header, and only the cells whose value changes. A column
 * the sheet lacks is added after the last one; a new customer is appended.
 * Text that looks like a formula stays text.
 */
export function writeCustomerRow(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, row: CustomerRow): void {
  const sheet = spreadsheet.getSheetByName(CUSTOMERS_SHEET_NAME) ?? createCustomersSheet(spreadsheet);
  const values = sheet.getDataRange().getValues();
  const header = values[0] ?? [];
  const columns = customerColumns(header);
  let width = Math.max(header.length, sheet.getLastColumn());
  // A field the page did not send (an older page) is left as it is; an optional column comes only with a value.
  const given = FIELDS.filter(({ field, optional }) => row[field] !== undefined && (!optional || columns[field] !== undefined || String(row[field]).trim() !== ''));
  const missing = given.filter(({ field }) => columns[field] === undefined);
  if (missing.length) {
    ensureGrid(sheet, 1, width + missing.length);
    sheet.getRange(1, width + 1, 1, missing.length).setValues([missing.map(({ header: title }) => title)]);
    for (const { field } of missing) columns[field] = width++;
  }
  const customerColumn = columns.customer as number;
  const index = values.findIndex((existing, r) => r > 0 && customerKey(String(existing[customerColumn] ?? '')) === customerKey(row.customer));
  const wanted = (field: keyof CustomerRow): string => {
    const value = row[field];
    return typeof value === 'boolean' ? (value ? 'yes' : '') : (value ?? '');
  };
  if (index < 0) {
    const cells: string[] = new Array(width).fill('');
    for (const { field } of given) cells[columns[field] as number] = sheetText(wanted(field));
    sheet.appendRow(cells);
    return;
  }
  const text = cellText(spreadsheet);
  for (const { field, flag } of given) {
    if (field === 'customer') continue;
    const column = columns[field] as number;
    const current = values[index][column];
    const same = flag ? isYes(current as Cell) === row[field] : text(current) === wanted(field);
    if (!same) sheet.getRange(index + 1, column + 1).setValue(sheetText(wanted(field)));
  }
}

function createCustomersSheet(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): GoogleAppsScript.Spreadsheet.Sheet {
  const sheet = spreadsheet.insertSheet(CUSTOMERS_SHEET_NAME);
  sheet.getRange(1, 1, 1, CUSTOMER_SHEET_HEADERS.length).setValues([[...CUSTOMER_SHEET_HEADERS]]);
  sheet.setFrozenRows(1);
  return sheet;
}
