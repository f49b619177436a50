import { ageReceivables } from '../core/aging';
import { parseBucketEdges } from '../core/buckets';
import { forecastCollections } from '../core/forecast/collections';
import { periodStarts } from '../core/forecast/periods';
import { centsToAmount, dayCell, type OutputCell } from '../core/output';
import { ArgumentError, reportingErrorsAs, singleCell } from './arguments';
import { readArguments } from './customFunctions';
import { forecastArguments } from './forecastFunctions';
import { toSheetValues } from './sheetValues';

/** Weeks the dashboard's collections chart shows, as AR_FORECAST's default. */
export const CHART_WEEKS = 8;

/**
 * What a dashboard chart reads: for one currency, the open balance per aging bucket, or the collections expected per week; no total, skipped or later rows.
 *
 * @param {A1:J500} invoices The invoice table, header row included.
 * @param {"2026-03-31"} as_of Optional. The date to look from; today in the spreadsheet's time zone when blank.
 * @param {"aging"} chart "aging" (balance per bucket) or "forecast" (expected collections per week, for 8 weeks).
 * @param {"USD"} currency Optional. The currency; needed when the table has several.
 * @return Two columns: the bucket or week, and the amount in that currency.
 * @customfunction
 */
export function AR_CHART_DATA(invoices: unknown, as_of?: unknown, chart?: unknown, currency?: unknown): unknown {
  return reportingErrorsAs('AR_CHART_DATA', () => {
    const kind = String(singleCell(chart, 'chart') ?? '').trim().toLowerCase();
    const wanted = String(singleCell(currency, 'currency') ?? '').trim().toUpperCase();
    if (kind === 'aging') return agingSeries(invoices, as_of, wanted);
    if (kind === 'forecast') return forecastSeries(invoices, as_of, wanted);
    throw new ArgumentError(`chart must be "aging" or "forecast"; found "${String(chart ?? '')}"`);
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
