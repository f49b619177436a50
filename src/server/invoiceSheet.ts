import { findHeaderRow, headerNotFound, type ColumnOverrides } from '../core/columns';
import { readGrid } from './safeWrite';
import type { Cell } from '../core/cells';

/** Where the invoice table is: its sheet, header row (1-based) and width, and its rows (header first). */
export interface InvoiceSheet {
  sheet: GoogleAppsScript.Spreadsheet.Sheet;
  headerRow: number;
  lastColumn: number;
  rows: unknown[][];
}

/**
 * The first sheet whose top rows hold an invoice header (a customer, an
 * amount or balance, and a date), skipping the add-on's own sheets. Each
 * sheet looked at is read with one call, the table's rows with it.
 */
export function findInvoiceSheet(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, skip: readonly string[] = [], overrides: ColumnOverrides = {}): InvoiceSheet | null {
  for (const sheet of spreadsheet.getSheets()) {
    if (skip.includes(sheet.getName())) continue;
    // One read: the size and the values at the same moment, even while a person adds rows.
    const values = readGrid(sheet) as Cell[][];
    const lastColumn = values[0]?.length ?? 0;
    if (values.length < 2 || lastColumn < 2) continue;
    const headerIndex = findHeaderRow(values, overrides);
    if (headerIndex >= 0) return { sheet, headerRow: headerIndex + 1, lastColumn, rows: values.slice(headerIndex) };
  }
  return null;
}

export const NO_INVOICE_TABLE =
  'No invoice table found. A sheet needs a header row with a customer, an amount (or balance) and a due or invoice date column, within its first 10 rows.';

/**
 * NO_INVOICE_TABLE, and what the first sheet with anything in it holds:
 * its first rows and the columns looked for, so that a person sees why
 * ("QuickBooks Export Tips" on the first sheet, or a file read in the wrong
 * encoding) and can map the columns in the sidebar.
 */
export function noInvoiceTableMessage(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, skip: readonly string[] = [], overrides: ColumnOverrides = {}): string {
  for (const sheet of spreadsheet.getSheets()) {
    if (skip.includes(sheet.getName())) continue;
    const values = readGrid(sheet) as Cell[][];
    if (!values.some((row) => row.some((cell) => cell !== '' && cell !== null))) continue;
    return `${NO_INVOICE_TABLE} Sheet "${sheet.getName()}": ${headerNotFound(values, overrides)}.`;
  }
  return NO_INVOICE_TABLE;
}
