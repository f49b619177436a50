import { columnLetters, sheetReference } from '../core/a1';
import { findHeaderRow } from '../core/columns';
import { readInvoiceTable } from '../core/invoices';
import { settingsOf } from './spreadsheetSettings';
import { helpPage } from './help';

const ADDON_TITLE = 'Receivables';
/** How many top rows of a sheet are searched for the header row. */
const HEADER_SEARCH_ROWS = 10;

/**
 * Adds the add-on menu (Extensions › Receivables). Runs in AuthMode.NONE
 * when the add-on is not yet used in this document, so it touches nothing
 * but the menu.
 *
 * @param {Object} event The open event.
 */
export function onOpen(event?: GoogleAppsScript.Events.SheetsOnOpen): void {
  void event;
  SpreadsheetApp.getUi()
    .createAddonMenu()
    .addItem('Insert aging report', 'insertAgingReport')
    .addSeparator()
    .addItem('Help', 'showHelp')
    .addToUi();
}

/**
 * Runs when the add-on is installed: adds the menu at once.
 *
 * @param {Object} event The install event.
 */
export function onInstall(event?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(event as GoogleAppsScript.Events.SheetsOnOpen | undefined);
}

/**
 * Menu: inserts a sheet with =AR_AGING() over the invoice table it finds, formatted as currency.
 */
export function insertAgingReport(): void {
  const ui = SpreadsheetApp.getUi();
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const source = findInvoiceTable(spreadsheet);
  if (!source) {
    ui.alert(
      ADDON_TITLE,
      'No invoice table found. A sheet needs a header row with a customer, an amount (or balance) and a due or invoice date column, within its first 10 rows.',
      ui.ButtonSet.OK,
    );
    return;
  }
  const report = spreadsheet.insertSheet(uniqueSheetName(spreadsheet, 'Aging report'));
  const range = `${sheetReference(source.sheet.getName())}!A${source.headerRow}:${columnLetters(source.lastColumn)}`;
  report.getRange(1, 1).setFormula(`=AR_AGING(${range})`);
  report.getRange(2, 2, 500, 12).setNumberFormat(source.numberFormat);
  report.getRange(1, 1, 1, 14).setFontWeight('bold');
  report.setFrozenRows(1);
  report.activate();
}

/**
 * Menu: shows what the add-on does and every function with an example.
 */
export function showHelp(): void {
  const page = HtmlService.createHtmlOutput(helpPage()).setWidth(480).setHeight(520);
  SpreadsheetApp.getUi().showModalDialog(page, 'Receivables for Sheets');
}

interface FoundTable {
  sheet: GoogleAppsScript.Spreadsheet.Sheet;
  headerRow: number;
  lastColumn: number;
  numberFormat: string;
}

/** The first sheet whose top rows hold an invoice header, read with one call per sheet. */
function findInvoiceTable(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): FoundTable | null {
  for (const sheet of spreadsheet.getSheets()) {
    const lastRow = sheet.getLastRow();
    const lastColumn = sheet.getLastColumn();
    if (lastRow < 2 || lastColumn < 2) continue;
    const top = sheet.getRange(1, 1, Math.min(lastRow, HEADER_SEARCH_ROWS), lastColumn).getValues();
    const headerIndex = findHeaderRow(top);
    if (headerIndex < 0) continue;
    const rows = sheet.getRange(headerIndex + 1, 1, lastRow - headerIndex, lastColumn).getValues();
    const table = readInvoiceTable(rows, settingsOf(spreadsheet));
    const currencies = new Set(table.currency.slice(0, table.size));
    const only = currencies.size === 1 ? [...currencies][0] : '';
    return { sheet, headerRow: headerIndex + 1, lastColumn, numberFormat: currencyFormat(only) };
  }
  return null;
}

const CURRENCY_SIGNS: Record<string, string> = { USD: '$', EUR: '€', GBP: '£', RUB: '₽', JPY: '¥', UAH: '₴', KZT: '₸', INR: '₹' };

/** A number format with the currency's sign when the table has exactly one currency. */
export function currencyFormat(currency: string): string {
  const sign = CURRENCY_SIGNS[currency];
  if (!sign) return '#,##0.00;-#,##0.00';
  return `[$${sign}]#,##0.00;-[$${sign}]#,##0.00`;
}

function uniqueSheetName(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, base: string): string {
  let name = base;
  for (let n = 2; spreadsheet.getSheetByName(name); n++) name = `${base} ${n}`;
  return name;
}
