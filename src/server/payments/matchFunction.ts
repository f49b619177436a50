import type { Cell } from '../../core/cells';
import { readInvoiceTable } from '../../core/invoices';
import { localeConventions } from '../../core/locale';
import { matchPayments } from '../../core/payments/matcher';
import { MATCH_RESULT_HEADERS, paymentWords } from '../../core/payments/paymentWords';
import { customerTaxIds, readPaymentRows, type PaymentRow } from '../../core/payments/paymentsSheet';
import { ZoneCalendar } from '../../core/calendar';
import { asOfArgument, reportingErrorsAs, tableArgument } from '../arguments';
import { storedTableOptions } from '../customFunctions';
import { activeSpreadsheetSettings } from '../spreadsheetSettings';

/**
 * Matches bank-statement payments to open invoices: one row per payment with the invoices it most likely pays, how sure (exact, strong, several, partial, none) and why.
 *
 * @param {Payments!A1:H200} payments Statement rows: a header row (Date, Amount, Payer, Purpose, Payer tax id …) or, without one, date, amount, payer, purpose, tax id, account.
 * @param {A1:J500} invoices The invoice table, header row included.
 * @param {"2026-03-31"} as_of Optional. Balances open on this day; today in the spreadsheet's time zone when blank.
 * @param {Customers!A1:K200} customers Optional. A table with Customer and ИНН (Tax id) columns, to know payers by tax id; the Customers sheet when blank.
 * @return One row per payment: Invoices, Matched customer, Confidence, Why.
 * @customfunction
 */
export function AR_MATCH(payments: unknown, invoices: unknown, as_of?: unknown, customers?: unknown): string[][] {
  return reportingErrorsAs('AR_MATCH', () => {
    const paymentRange = tableArgument(payments);
    const settings = activeSpreadsheetSettings();
    const asOfDay = asOfArgument(as_of, settings);
    const table = readInvoiceTable(tableArgument(invoices), { ...settings, ...storedTableOptions() });
    const reading = { calendar: new ZoneCalendar(settings.timeZone), conventions: localeConventions(settings.locale) };
    const read = readPaymentRows(paymentRange, reading);
    const present = read.rows.filter((row): row is PaymentRow => row !== null);
    const matches = matchPayments(present, table, { asOfDay, taxIds: customerTaxIds(customerRows(customers)), locale: settings.locale });
    const words = paymentWords(settings.locale);
    const label = (i: number) => table.number[i] || words.row(table.row[i]);
    const out: string[][] = read.hasHeader ? [[...MATCH_RESULT_HEADERS[words.language]]] : [];
    let next = 0;
    read.rows.forEach((row, index) => {
      if (!row) {
        out.push(['', '', '', read.problems.get(index) ?? '']);
        return;
      }
      const match = matches[next++];
      out.push([match.allocations.map((allocation) => label(allocation.invoice)).join(', '), match.customer, words.confidence(match.confidence), match.reason]);
    });
    return out;
  });
}

/** The customers argument, or the Customers sheet (read-only, as custom functions may). */
function customerRows(customers: unknown): Cell[][] {
  if (Array.isArray(customers) && Array.isArray(customers[0])) return customers as Cell[][];
  const sheet = SpreadsheetApp.getActiveSpreadsheet()?.getSheetByName('Customers');
  return sheet && sheet.getLastRow() > 1 ? (sheet.getDataRange().getValues() as Cell[][]) : [];
}
