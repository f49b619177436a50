import { ZoneCalendar, type CalendarDay } from '../../core/calendar';
import type { Cell } from '../../core/cells';
import { readInvoiceTable, type InvoiceTable } from '../../core/invoices';
import { localeConventions } from '../../core/locale';
import { customerTaxIds, PAYMENTS_SHEET_NAME } from '../../core/payments/paymentsSheet';
import { PAYMENT_HEADER_NAMES, paymentWords } from '../../core/payments/paymentWords';
import { LOG_SHEET_NAME } from '../../core/reminders/log';
import { columnCorrections } from '../customFunctions';
import { findInvoiceSheet, type InvoiceSheet } from '../invoiceSheet';
import { SETTINGS_SHEET_NAME } from '../reminders/policyStore';
import { CUSTOMERS_SHEET_NAME } from '../../core/reminders/customerSettings';
import { settingsOf } from '../spreadsheetSettings';

export const UNDO_SHEET_NAME = 'Receivables undo';
/** Sheets of the add-on's own, never taken for the invoice table. */
const OWN_SHEETS = [PAYMENTS_SHEET_NAME, UNDO_SHEET_NAME, LOG_SHEET_NAME, CUSTOMERS_SHEET_NAME, SETTINGS_SHEET_NAME];

/** The Payments sheet, created when missing with its header row in the spreadsheet's language (an existing sheet's header is left as it is). */
export function paymentsSheet(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): GoogleAppsScript.Spreadsheet.Sheet {
  const existing = spreadsheet.getSheetByName(PAYMENTS_SHEET_NAME);
  if (existing) return existing;
  const sheet = spreadsheet.insertSheet(PAYMENTS_SHEET_NAME);
  const headers = PAYMENT_HEADER_NAMES[paymentWords(settingsOf(spreadsheet).locale).language];
  sheet.getRange(1, 1, 1, headers.length).setValues([[...headers]]).setFontWeight('bold');
  sheet.setFrozenRows(1);
  return sheet;
}

/** The invoice table as the functions and the reminder run read it, with where it sits. */
export interface Book {
  found: InvoiceSheet;
  table: InvoiceTable;
  taxIds: Map<string, string>;
  today: CalendarDay;
  reading: { calendar: ZoneCalendar; conventions: ReturnType<typeof localeConventions> };
  /** The spreadsheet's locale: the Payments sheet's words and number format. */
  locale: string;
}

/** How the spreadsheet reads dates and amounts: its zone and locale. */
export function readingOf(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): Book['reading'] {
  const settings = settingsOf(spreadsheet);
  return { calendar: new ZoneCalendar(settings.timeZone), conventions: localeConventions(settings.locale) };
}

export function readBook(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): Book | null {
  const settings = settingsOf(spreadsheet);
  const columns = columnCorrections();
  const found = findInvoiceSheet(spreadsheet, OWN_SHEETS, columns);
  if (!found) return null;
  const table = readInvoiceTable(found.rows as Cell[][], { ...settings, columns });
  const customers = spreadsheet.getSheetByName(CUSTOMERS_SHEET_NAME);
  const taxIds = customers && customers.getLastRow() > 1 ? customerTaxIds(customers.getDataRange().getValues() as Cell[][]) : new Map<string, string>();
  const reading = readingOf(spreadsheet);
  return { found, table, taxIds, today: reading.calendar.dayOf(Date.now()), reading, locale: settings.locale };
}

/** Runs `work` under the document lock; says so when another run holds it. */
export function underDocumentLock(work: () => string): string {
  const lock = LockService.getDocumentLock();
  if (!lock || !lock.tryLock(10_000)) return 'Another change to this spreadsheet is in progress (an import, an apply or a reminder run); try again in a minute.';
  try {
    return work();
  } finally {
    lock.releaseLock();
  }
}
