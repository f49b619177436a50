import { menuMayRun, NEEDS } from '../permissions';
import { applyPaymentMatchesIn, undoLastApplyIn } from './applyMatches';
import { importDialogHtml, importStatementFile } from './importStatement';

const TITLE = 'Receivables';

function active(): GoogleAppsScript.Spreadsheet.Spreadsheet {
  return SpreadsheetApp.getActiveSpreadsheet();
}

function tell(text: string): void {
  const ui = SpreadsheetApp.getUi();
  ui.alert(TITLE, text, ui.ButtonSet.OK);
}

/**
 * Menu and sidebar: opens a small dialog in which you choose a bank statement file (1C, CSV, camt.053 or OFX) to import into the Payments sheet.
 */
export function showImportStatement(): void {
  if (!menuMayRun('import a bank statement', NEEDS.sidebar)) return;
  SpreadsheetApp.getUi().showModalDialog(HtmlService.createHtmlOutput(importDialogHtml()).setWidth(420).setHeight(260), 'Import bank statement');
}

/**
 * Called by the import dialog with the chosen file: adds its incoming payments to the Payments sheet, each once, and says what it did.
 *
 * @param {string} fileName The file's name, for the summary.
 * @param {string} base64 The file's bytes in base64, decoded here (UTF-8 or Windows-1251).
 * @return {string} What was imported, in a sentence.
 */
export function importBankStatement(fileName: string, base64: string): string {
  return importStatementFile(active(), String(fileName ?? 'the file'), base64);
}

/**
 * Menu: writes the ticked payments of the Payments sheet into the invoice table (paid amount and paid date), in one batch, with an undo record.
 */
export function applyPaymentMatches(): void {
  if (!menuMayRun('apply payments', NEEDS.sidebar)) return;
  tell(applyPaymentMatchesIn(active()));
}

/**
 * Menu: puts back every cell the last "Apply matches" wrote.
 */
export function undoLastPaymentApply(): void {
  if (!menuMayRun('undo the last apply', NEEDS.sidebar)) return;
  tell(undoLastApplyIn(active()));
}

/**
 * Sidebar: "Apply matches", with the summary returned to the page.
 *
 * @return {string} What was applied, in a sentence.
 */
export function sidebarApplyPayments(): string {
  return applyPaymentMatchesIn(active());
}

/**
 * Sidebar: "Undo last apply", with the summary returned to the page.
 *
 * @return {string} What was undone, in a sentence.
 */
export function sidebarUndoPayments(): string {
  return undoLastApplyIn(active());
}
