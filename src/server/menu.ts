import { columnLetters, sheetReference } from '../core/a1';
import type { Cell } from '../core/cells';
import { readInvoiceTable } from '../core/invoices';
import { findInvoiceSheet, noInvoiceTableMessage } from './invoiceSheet';
import { settingsOf } from './spreadsheetSettings';
import { columnCorrections } from './customFunctions';
import { dashboardLayout } from './dashboardLayout';
import { dashboardCash } from './cashDashboard';
import { helpPage } from './help';
import { scheduleWarning } from './reminders/schedule';
import { heldReason } from './reminders/approval';
import { LOG_HOLD } from '../core/reminders/logSeal';
import { menuMayRun, NEEDS, SCOPE } from './permissions';
import { ensureGrid } from './grid';
import { customersLimitsRange, DASHBOARD_SHEET_NAME, withRevision } from './formulaRefresh';
import { revisionReference } from './reminders/policyStore';
import { CUSTOMERS_SHEET_NAME } from '../core/reminders/customerSettings';
import { LOG_SHEET_NAME } from '../core/reminders/log';
import { COLLECTIONS_SHEET_NAME } from '../core/collections/sheet';

const ADDON_TITLE = 'Receivables';
/** Rows the dashboard formats and charts read: the formulas spill into as many as they need. */
const DASHBOARD_ROWS = 500;
/** Rows the dashboard keeps free below its customer table for customers still to come. */
const DASHBOARD_SPARE_ROWS = 200;

/**
 * Adds the add-on menu (Extensions › Receivables). Runs in AuthMode.NONE
 * when the add-on is not yet used in this document, so it touches nothing
 * but the menu; where the add-on is enabled, the menu's first item says so
 * when the daily reminders are on but have not run for more than a day.
 *
 * @param {Object} event The open event.
 */
export function onOpen(event?: GoogleAppsScript.Events.SheetsOnOpen): void {
  const menu = SpreadsheetApp.getUi().createAddonMenu();
  // Held daily reminders show in the menu itself; in AuthMode.NONE nothing but the menu may be touched.
  const held = event && String(event.authMode) !== 'NONE' ? heldReasonIfAny() : '';
  // A log changed by hand is accepted (or not) from its own item; a settings hold is reviewed in Settings.
  if (held.startsWith(LOG_HOLD)) menu.addItem('⚠ Daily reminders held: Accept the Reminder log', 'acceptReminderLog').addSeparator();
  else if (held) menu.addItem('⚠ Daily reminders held: review the settings', 'openSettings').addSeparator();
  if (event && String(event.authMode) !== 'NONE' && stalledSchedule()) {
    menu.addItem('⚠ Daily reminders have stopped: Check setup', 'checkSetup').addSeparator();
  }
  menu
    .addItem('Insert receivables dashboard', 'insertDashboard')
    .addSeparator()
    .addItem("Preview today's reminders", 'previewReminders')
    .addItem('Send due reminders now', 'sendDueReminders')
    .addItem('Send a test reminder to me', 'sendTestReminder')
    .addItem('Turn on daily reminders', 'turnOnReminders')
    .addItem('Turn off daily reminders', 'turnOffReminders')
    .addItem('Adopt rows typed in Collections', 'adoptCollectionsRows')
    .addSeparator()
    .addItem('Import bank statement', 'showImportStatement')
    .addItem('Apply matches', 'applyPaymentMatches')
    .addItem('Undo last apply', 'undoLastPaymentApply')
    .addSeparator()
    .addItem('Settings', 'openSettings')
    .addItem('Check setup', 'checkSetup')
    .addItem('Help', 'showHelp')
    .addToUi();
}

function heldReasonIfAny(): string {
  try {
    return heldReason(SpreadsheetApp.getActiveSpreadsheet());
  } catch {
    return '';
  }
}

/** Whether the open spreadsheet's schedule has gone silent; never fails the menu. */
function stalledSchedule(): boolean {
  try {
    const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
    return spreadsheet !== null && scheduleWarning(spreadsheet) !== '';
  } catch {
    return false;
  }
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
 * Menu: inserts a dashboard sheet over the invoice table it finds: the aging report, the weekly forecast and the customer table as live formulas, with charts of aging by bucket and expected collections per week.
 */
export function insertDashboard(): void {
  if (!menuMayRun('insert the dashboard', NEEDS.dashboard)) return;
  const ui = SpreadsheetApp.getUi();
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const source = findInvoiceTable(spreadsheet);
  if (!source) {
    ui.alert(ADDON_TITLE, noInvoiceTableMessage(spreadsheet, [], columnCorrections()), ui.ButtonSet.OK);
    return;
  }
  // Each formula passes the settings' revision cell last: a saved setting recomputes it too (see formulaRefresh.ts).
  const revision = revisionReference(spreadsheet);
  const sheet = spreadsheet.insertSheet(uniqueSheetName(spreadsheet, DASHBOARD_SHEET_NAME));
  // An array result does not grow its sheet: room for a row per customer and currency, and new ones to come.
  ensureGrid(sheet, source.accountCount + source.currencyCount + DASHBOARD_SPARE_ROWS, 1);
  // From row 1, title lines and all (the functions find the header below them), so that messages name the sheet's rows.
  const range = `${sheetReference(source.sheet.getName())}!A1:${columnLetters(source.lastColumn)}`;
  const layout = dashboardLayout(source.currencies, dashboardCash(spreadsheet));
  ensureGrid(sheet, 1, Math.max(...layout.blocks.map((block) => block.column + block.width - 1)));
  for (const block of layout.blocks) {
    // TODAY() as as_of: Sheets recalculates a custom function only when its
    // arguments change, and TODAY() changes every day.
    // AR_CREDIT_STATUS takes the limits second: the Customers sheet's, once there is one (else the invoice table's own column).
    // (A dashboard made before there is one is pointed at it once there is: pointDashboardsAtCustomers.)
    const limits = spreadsheet.getSheetByName(CUSTOMERS_SHEET_NAME) ? customersLimitsRange() : '""';
    const args =
      block.formula === 'AR_CREDIT_STATUS' ? `, ${limits}, TODAY()` : block.formula === 'AR_DSO_TREND' ? ', 12, TODAY()' : block.formula === 'AR_EFFECTIVENESS' ? `, TODAY(), ${effectivenessSources(spreadsheet)}` : `, TODAY()${block.extraArguments}`;
    const formula = `=${block.formula}(${range}${args})`;
    sheet.getRange(1, block.column).setFormula(withRevision(formula, revision) ?? formula);
    sheet.getRange(1, block.column, 1, block.width).setFontWeight('bold');
    for (const column of block.amountColumns) sheet.getRange(2, block.column + column, DASHBOARD_ROWS, 1).setNumberFormat(block.currency ? currencyFormat(block.currency) : source.numberFormat);
    for (const column of block.dateColumns) sheet.getRange(2, block.column + column, DASHBOARD_ROWS, 1).setNumberFormat('yyyy-mm-dd');
    for (const column of block.percentColumns) sheet.getRange(2, block.column + column, DASHBOARD_ROWS, 1).setNumberFormat('0%');
  }
  sheet.setFrozenRows(1);
  for (const chart of layout.charts) {
    const builder = sheet.newChart().setChartType(chart.line ? Charts.ChartType.LINE : Charts.ChartType.COLUMN);
    builder.addRange(sheet.getRange(1, chart.range.column, chart.range.rows, chart.range.width));
    // The cash chart's third series, Gap, has one value: a large point and no line, so the gap's week stands out.
    if (chart.line) builder.setOption('series', { 2: { pointSize: 12, lineWidth: 0, color: '#d93025' } });
    sheet.insertChart(
      builder
        .setOption('title', chart.title)
        .setOption('legend', { position: chart.line ? 'bottom' : 'none' })
        .setNumHeaders(1)
        .setPosition(chart.row, chart.column, 0, 0)
        .build(),
    );
  }
  sheet.activate();
}

/**
 * AR_EFFECTIVENESS's log and collections: the sheets themselves, so that the table follows them (a custom
 * function recomputes only when an argument changes); "" for one not made yet (the function then reads it by name, and says so).
 */
function effectivenessSources(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): string {
  return [LOG_SHEET_NAME, COLLECTIONS_SHEET_NAME].map((name) => (spreadsheet.getSheetByName(name) ? `${sheetReference(name)}!A1:Z` : '""')).join(', ');
}

/**
 * Menu: shows what the add-on does and every function with an example.
 */
export function showHelp(): void {
  if (!menuMayRun('show the help', [SCOPE.ui])) return;
  const page = HtmlService.createHtmlOutput(helpPage()).setWidth(480).setHeight(520);
  SpreadsheetApp.getUi().showModalDialog(page, 'Receivables for Sheets');
}

interface FoundTable {
  sheet: GoogleAppsScript.Spreadsheet.Sheet;
  headerRow: number;
  lastColumn: number;
  numberFormat: string;
  currencyCount: number;
  /** The table's currencies, in order: a chart each. */
  currencies: string[];
  /** Customers, counted once per currency: the customer table's rows. */
  accountCount: number;
}

/** The invoice table, with the number format of its currency. */
function findInvoiceTable(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): FoundTable | null {
  const columns = columnCorrections();
  const found = findInvoiceSheet(spreadsheet, [], columns);
  if (!found) return null;
  const table = readInvoiceTable(found.rows as Cell[][], { ...settingsOf(spreadsheet), columns });
  const currencies = new Set(table.currency.slice(0, table.size));
  const only = currencies.size === 1 ? [...currencies][0] : '';
  const accounts = new Set(table.customer.slice(0, table.size).map((customer, i) => `${customer}\u0000${table.currency[i]}`));
  return { ...found, numberFormat: currencyFormat(only), currencyCount: currencies.size, currencies: [...currencies].filter(Boolean).sort(), accountCount: accounts.size };
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
