import { ageReceivables } from '../core/aging';
import { parseBucketEdges } from '../core/buckets';
import { forecastCollections } from '../core/forecast/collections';
import { periodStarts } from '../core/forecast/periods';
import { centsToAmount, dayCell, type OutputCell } from '../core/output';
import { ArgumentError, reportingErrorsAs, singleCell } from './arguments';
import { readArguments } from './customFunctions';
import { forecastArguments } from './forecastFunctions';
import { cashArguments } from './cashFunctions';
import { cashflow } from '../core/cash/cashflow';
import { toSheetValues } from './sheetValues';

/** Weeks the dashboard's collections chart shows, as AR_FORECAST's default. */
export const CHART_WEEKS = 8;

/**
 * What a dashboard chart reads: for one currency, the open balance per aging bucket, the collections expected per week, or the cash position per week; no total, skipped or later rows.
 *
 * @param {A1:J500} invoices The invoice table, header row included.
 * @param {"2026-03-31"} as_of Optional. The date to look from; today in the spreadsheet's time zone when blank.
 * @param {"aging"} chart "aging" (balance per bucket), "forecast" (expected collections per week, for 8 weeks) or "cash" (Balance and Balance low per week over the Cash section's horizon, and the gap).
 * @param {"USD"} currency Optional. The currency; needed when the table has several.
 * @param {Outflows!A1:F100} outflows Optional, for "cash": the outflows range, as AR_CASHFLOW reads it.
 * @param {12000} opening_balance Optional, for "cash": cash at hand; blank for the balances set in the sidebar.
 * @return Two columns: the bucket or week, and the amount in that currency; for "cash", Week, Balance, Balance low and Gap (Balance low on the gap's week).
 * @customfunction
 */
export function AR_CHART_DATA(invoices: unknown, as_of?: unknown, chart?: unknown, currency?: unknown, outflows?: unknown, opening_balance?: unknown): unknown {
  return reportingErrorsAs('AR_CHART_DATA', () => {
    const kind = String(singleCell(chart, 'chart') ?? '').trim().toLowerCase();
    const wanted = String(singleCell(currency, 'currency') ?? '').trim().toUpperCase();
    if (kind === 'aging') return agingSeries(invoices, as_of, wanted);
    if (kind === 'forecast') return forecastSeries(invoices, as_of, wanted);
    if (kind === 'cash') return cashSeries(invoices, as_of, wanted, outflows, opening_balance);
    throw new ArgumentError(`chart must be "aging", "forecast" or "cash"; found "${String(chart ?? '')}"`);
  });
}

/** The currency asked for, or the table's only one. */
function pickCurrency(currencies: readonly string[], wanted: string): string {
  if (wanted) return wanted;
  if (currencies.length > 1) throw new ArgumentError(`the table has several currencies (${currencies.join(', ')}): name one`);
  return currencies[0] ?? '';
}

function agingSeries(invoices: unknown, asOf: unknown, wanted: string): OutputCell[][] {
  const { source, asOfDay } = readArguments(invoices, asOf, undefined, false);
  const report = ageReceivables(source, { asOfDay, edges: parseBucketEdges(''), basis: 'due' });
  const currency = pickCurrency(report.currencies, wanted);
  const total = report.totals.find((line) => line.currency === currency);
  const labels = ['Not due', ...report.labels];
  const cents = total ? [total.notDueCents, ...total.bucketCents] : labels.map(() => 0);
  return [['Bucket', currency || 'Balance'], ...labels.map((bucket, k): OutputCell[] => [bucket, centsToAmount(cents[k])])];
}

function forecastSeries(invoices: unknown, asOf: unknown, wanted: string): unknown {
  const { table, model, settings } = forecastArguments(invoices, asOf);
  const starts = periodStarts(model.asOfDay, 'week', CHART_WEEKS);
  const forecasts = forecastCollections(table, model, starts);
  const currency = pickCurrency(forecasts.map((forecast) => forecast.currency), wanted);
  const forecast = forecasts.find((entry) => entry.currency === currency);
  const rows: OutputCell[][] = [['Week', currency || 'Expected']];
  for (let k = 0; k < CHART_WEEKS; k++) rows.push([dayCell(starts[k]), centsToAmount(forecast?.expectedCents[k] ?? 0)]);
  return toSheetValues(rows, settings.timeZone);
}

/** A blank outflows argument: no outflows (the dashboard's, while the Cash section names no range). */
const NO_OUTFLOWS = [['Date', 'Amount']];

/**
 * The cash chart's series for one currency, over the Cash section's horizon
 * in weeks: Balance and Balance low at each week's end, and Gap, Balance low
 * again on the gap's week only, so that the chart marks it with a point.
 */
function cashSeries(invoices: unknown, asOf: unknown, wanted: string, outflows: unknown, openingBalance: unknown): unknown {
  const blank = outflows === undefined || outflows === '' || (Array.isArray(outflows) && (outflows as unknown[][]).every((row) => Array.isArray(row) && row.every((cell) => cell === '')));
  const { inputs, settings } = cashArguments(invoices, blank ? NO_OUTFLOWS : outflows, openingBalance, asOf, (asOfDay, cash) => periodStarts(asOfDay, 'week', cash.horizonWeeks));
  const results = cashflow(inputs);
  const currency = pickCurrency(results.map((result) => result.currency), wanted);
  const result = results.find((entry) => entry.currency === currency);
  const rows: OutputCell[][] = [['Week', 'Balance', 'Balance low', 'Gap']];
  const periods = inputs.starts.length - 1;
  for (let k = 0; k < periods; k++) {
    const period = result?.periods[k];
    rows.push([dayCell(inputs.starts[k]), centsToAmount(period?.balanceCents ?? 0), centsToAmount(period?.balanceLowCents ?? 0), period?.gap ? centsToAmount(period.balanceLowCents) : '']);
  }
  return toSheetValues(rows, settings.timeZone);
}
