import type { Cell } from '../core/cells';
import { forecastCollections } from '../core/forecast/collections';
import { customerStandings } from '../core/forecast/customers';
import { collectionFigures, type CollectionFigures } from '../core/forecast/figures';
import { fitPaymentModel, type PaymentModel } from '../core/forecast/paymentModel';
import { parseHorizon, parsePeriod, periodStarts } from '../core/forecast/periods';
import { customersTable, expectedDateColumn, figureTable, forecastTable } from '../core/forecast/tables';
import { readInvoiceTable, type InvoiceTable } from '../core/invoices';
import { asOfArgument, periodDaysArgument, reportingErrorsAs, singleCell, tableArgument } from './arguments';
import { toSheetValues } from './sheetValues';
import { storedTableOptions } from './customFunctions';
import { activeSpreadsheetSettings, type SpreadsheetSettings } from './spreadsheetSettings';

/**
 * The date each open invoice is expected to be paid, learned from each customer's payment history, aligned with the table's rows.
 *
 * @param {A1:J500} invoices The invoice table, header row included, with paid invoices' paid dates.
 * @param {"2026-03-31"} as_of Optional. The date to forecast from; today in the spreadsheet's time zone when blank.
 * @return One column: a header, then the expected payment date per open invoice; blank for paid rows, the reason for unreadable ones.
 * @customfunction
 */
export function AR_EXPECTED_DATE(invoices: unknown, as_of?: unknown): unknown {
  return reportingErrorsAs('AR_EXPECTED_DATE', () => {
    const { table, model, settings } = forecastArguments(invoices, as_of);
    return toSheetValues(expectedDateColumn(table, model), settings.timeZone);
  });
}

/**
 * Expected collections per week or month, with a low–high range, learned from each customer's payment history.
 *
 * @param {A1:J500} invoices The invoice table, header row included.
 * @param {"2026-03-31"} as_of Optional. The date to forecast from; today in the spreadsheet's time zone when blank.
 * @param {"week"} period Optional. "week" (Monday to Sunday, the default) or "month".
 * @param {8} horizon Optional. How many periods: 8 weeks or 6 months when blank.
 * @return A table: Period start, Expected, Low, High (and Currency), then a Later row for what is not expected within the horizon.
 * @customfunction
 */
export function AR_FORECAST(invoices: unknown, as_of?: unknown, period?: unknown, horizon?: unknown): unknown {
  return reportingErrorsAs('AR_FORECAST', () => {
    const kind = parsePeriod(singleCell(period, 'period'));
    const count = parseHorizon(singleCell(horizon, 'horizon'), kind);
    const { table, model, settings } = forecastArguments(invoices, as_of);
    const starts = periodStarts(model.asOfDay, kind, count);
    return toSheetValues(forecastTable(forecastCollections(table, model, starts), starts), settings.timeZone);
  });
}

/**
 * One row per customer: open and overdue balance, how late they pay, their trend, the next expected payment and a risk grade A–D.
 *
 * @param {A1:J500} invoices The invoice table, header row included.
 * @param {"2026-03-31"} as_of Optional. The date to look from; today in the spreadsheet's time zone when blank.
 * @return A table of customers, the riskiest first.
 * @customfunction
 */
export function AR_CUSTOMERS(invoices: unknown, as_of?: unknown): unknown {
  return reportingErrorsAs('AR_CUSTOMERS', () => {
    const { table, model, settings } = forecastArguments(invoices, as_of);
    return toSheetValues(customersTable(customerStandings(table, model)), settings.timeZone);
  });
}

/**
 * Days sales outstanding: open balance at as_of ÷ the amount invoiced in the period ending at as_of × days.
 *
 * @param {A1:J500} invoices The invoice table, header row included, with invoice dates.
 * @param {"2026-03-31"} as_of Optional. The end of the period; today in the spreadsheet's time zone when blank.
 * @param {90} days Optional. The length of the period in days; 90 when blank.
 * @return The DSO in days (a row per currency when there are several).
 * @customfunction
 */
export function AR_DSO(invoices: unknown, as_of?: unknown, days?: unknown): unknown {
  return figure('AR_DSO', invoices, as_of, days, (f) => f.dso, 'DSO', 'nothing invoiced in the period');
}

/**
 * Best possible DSO: only the balance not yet due ÷ the amount invoiced in the period × days.
 *
 * @param {A1:J500} invoices The invoice table, header row included, with invoice dates.
 * @param {"2026-03-31"} as_of Optional. The end of the period; today in the spreadsheet's time zone when blank.
 * @param {90} days Optional. The length of the period in days; 90 when blank.
 * @return The best DSO in days (a row per currency when there are several).
 * @customfunction
 */
export function AR_BEST_DSO(invoices: unknown, as_of?: unknown, days?: unknown): unknown {
  return figure('AR_BEST_DSO', invoices, as_of, days, (f) => f.bestDso, 'Best DSO', 'nothing invoiced in the period');
}

/**
 * Average days delinquent: DSO − best DSO.
 *
 * @param {A1:J500} invoices The invoice table, header row included, with invoice dates.
 * @param {"2026-03-31"} as_of Optional. The end of the period; today in the spreadsheet's time zone when blank.
 * @param {90} days Optional. The length of the period in days; 90 when blank.
 * @return The average days delinquent (a row per currency when there are several).
 * @customfunction
 */
export function AR_ADD(invoices: unknown, as_of?: unknown, days?: unknown): unknown {
  return figure('AR_ADD', invoices, as_of, days, (f) => f.add, 'ADD', 'nothing invoiced in the period');
}

/**
 * Collection effectiveness index: (opening + invoiced − closing) ÷ (opening + invoiced − closing current) × 100.
 *
 * @param {A1:J500} invoices The invoice table, header row included, with invoice dates.
 * @param {"2026-03-31"} as_of Optional. The end of the period; today in the spreadsheet's time zone when blank.
 * @param {90} days Optional. The length of the period in days; 90 when blank.
 * @return The CEI in percent (a row per currency when there are several).
 * @customfunction
 */
export function AR_CEI(invoices: unknown, as_of?: unknown, days?: unknown): unknown {
  return figure('AR_CEI', invoices, as_of, days, (f) => f.cei, 'CEI', 'nothing to collect in the period');
}

function figure(name: string, invoices: unknown, asOf: unknown, days: unknown, pick: (figures: CollectionFigures) => number, label: string, undefinedReason: string): unknown {
  return reportingErrorsAs(name, () => {
    const period = periodDaysArgument(days);
    const { table, asOfDay } = tableArguments(invoices, asOf);
    return figureTable(collectionFigures(table, asOfDay, period), pick, label, undefinedReason);
  });
}

export function tableArguments(invoices: unknown, asOf: unknown): { table: InvoiceTable; asOfDay: number; settings: SpreadsheetSettings } {
  const rows = tableArgument(invoices) as Cell[][];
  const settings = activeSpreadsheetSettings();
  return { table: readInvoiceTable(rows, { ...settings, ...storedTableOptions() }), asOfDay: asOfArgument(asOf, settings), settings };
}

export function forecastArguments(invoices: unknown, asOf: unknown): { table: InvoiceTable; model: PaymentModel; settings: SpreadsheetSettings } {
  const { table, asOfDay, settings } = tableArguments(invoices, asOf);
  return { table, model: fitPaymentModel(table, asOfDay), settings };
}
