import { findHeaderRow, type ColumnOverrides } from '../core/columns';

/** How many top rows of a sheet are searched for the header row. */
const HEADER_SEARCH_ROWS = 10;

/** Where the invoice table is: its sheet, header row (1-based) and width. */
export interface InvoiceSheet {
  sheet: GoogleAppsScript.Spreadsheet.Sheet;
  headerRow: number;
  lastColumn: number;
}

/**
 * The first sheet whose top rows hold an invoice header (a customer, an
 * amount or balance, and a date), skipping the add-on's own sheets.
 */
export function findInvoiceSheet(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, skip: readonly string[] = [], overrides: ColumnOverrides = {}): InvoiceSheet | null {
  for (const sheet of spreadsheet.getSheets()) {
    if (skip.includes(sheet.getName())) continue;
    const lastRow = sheet.getLastRow();
    const lastColumn = sheet.getLastColumn();
    if (lastRow < 2 || lastColumn < 2) continue;
    const top = sheet.getRange(1, 1, Math.min(lastRow, HEADER_SEARCH_ROWS), lastColumn).getValues();
    const headerIndex = findHeaderRow(top, overrides);
    if (headerIndex >= 0) return { sheet, headerRow: headerIndex + 1, lastColumn };
  }
  return null;
}

/** The table's rows, header first, read with one call. */
export function readInvoiceRows(found: InvoiceSheet): unknown[][] {
  const { sheet, headerRow, lastColumn } = found;
  return sheet.getRange(headerRow, 1, Math.max(1, sheet.getLastRow() - headerRow + 1), lastColumn).getValues();
}

export const NO_INVOICE_TABLE =
  'No invoice table found. A sheet needs a header row with a customer, an amount (or balance) and a due or invoice date column, within its first 10 rows.';
