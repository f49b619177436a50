import type { CalendarDay } from '../calendar';
import { forecastCollections, RANGE_Z, type CollectionForecast } from '../forecast/collections';
import type { PaymentModel } from '../forecast/paymentModel';
import type { InvoiceTable } from '../invoices';
import { centsToAmount, dayCell, type OutputCell } from '../output';
import { outflowsByPeriod, type OutflowTable } from './outflows';

/** One period of one currency's cash position, in cents. */
export interface CashPeriod {
  /** The period's first day (a Monday, or the 1st of a month). */
  start: CalendarDay;
  /** What AR_FORECAST expects in the period, exactly. */
  receiptsCents: number;
  /** AR_FORECAST's Low and High for the period (the 90% range of this period alone). */
  receiptsLowCents: number;
  receiptsHighCents: number;
  /** What falls due in the period. */
  outflowsCents: number;
  /** Opening balance + receipts − outflows, to the end of the period. */
  balanceCents: number;
  /** The same with the cumulative receipts at the low end of their 90% range. */
  balanceLowCents: number;
  /** Whether this is the gap: the first period whose Balance low is below the floor. */
  gap: boolean;
}

/** One currency's cash position over the horizon. */
export interface CashflowResult {
  currency: string;
  openingCents: number;
  periods: CashPeriod[];
  /** The gap's period index, -1 when Balance low stays at or above the floor. */
  gapIndex: number;
  floorCents: number;
  /** Per period: the standard deviation of the receipts from as_of to the period's end, in cents (what Balance low takes 1.645 of). */
  cumulativeDeviationCents: number[];
}

/** A gap: the first period whose Balance low is below the floor, and by how much. */
export interface CashGap {
  index: number;
  start: CalendarDay;
  /** The floor less that period's Balance low: what must come in, or not go out, by the period's end. */
  shortfallCents: number;
}

/** Everything the cash position is made from; amounts in cents. */
export interface CashInputs {
  table: InvoiceTable;
  model: PaymentModel;
  outflows: OutflowTable;
  /** Opening balance per currency; a currency left out opens at 0. */
  openingCents: ReadonlyMap<string, number>;
  /** periodStarts(asOfDay, kind, count): count + 1 days, the last the day after the horizon. */
  starts: readonly CalendarDay[];
  floorCents: number;
}

/**
 * The cash position per currency (sorted by code), never summing across
 * currencies: every currency of the open invoices, the outflows and the
 * opening balances has its own. Receipts are AR_FORECAST's per period
 * (forecastCollections with the same model and periods). Balance low takes
 * the cumulative receipts to each period's end at the low end of their own
 * 90% range, expected − 1.645 σ, σ from each invoice being paid by then or
 * not (a normal approximation of a sum of independent all-or-nothing
 * payments, the forecast's own): adding weekly lows would count every
 * week's bad luck at once and make the low far too low. It never goes below
 * the receipts' own low bound 0 (unless credits take the expected below
 * that). Outflows are certain: they move Balance and Balance low alike.
 */
export function cashflow(inputs: CashInputs): CashflowResult[] {
  const { starts, floorCents } = inputs;
  const periods = starts.length - 1;
  const forecasts = new Map(forecastCollections(inputs.table, inputs.model, starts).map((forecast) => [forecast.currency, forecast]));
  const outflows = outflowsByPeriod(inputs.outflows, inputs.model.asOfDay, starts);
  const currencies = new Set<string>([...forecasts.keys(), ...outflows.keys(), ...inputs.openingCents.keys()]);
  return [...currencies].sort().map((currency) => {
    const forecast = forecasts.get(currency) ?? emptyForecast(currency, periods);
    const due = outflows.get(currency) ?? new Array<number>(periods).fill(0);
    const openingCents = inputs.openingCents.get(currency) ?? 0;
    let received = 0;
    let paid = 0;
    let gapIndex = -1;
    const rows: CashPeriod[] = [];
    for (let k = 0; k < periods; k++) {
      received += forecast.expectedCents[k];
      paid += due[k];
      const receivedLow = Math.min(received, Math.max(0, Math.round(received - RANGE_Z * forecast.cumulativeDeviationCents[k])));
      const balanceLowCents = openingCents + receivedLow - paid;
      const gap = gapIndex < 0 && balanceLowCents < floorCents;
      if (gap) gapIndex = k;
      rows.push({
        start: starts[k],
        receiptsCents: forecast.expectedCents[k],
        receiptsLowCents: forecast.lowCents[k],
        receiptsHighCents: forecast.highCents[k],
        outflowsCents: due[k],
        balanceCents: openingCents + received - paid,
        balanceLowCents,
        gap,
      });
    }
    return { currency, openingCents, periods: rows, gapIndex, floorCents, cumulativeDeviationCents: forecast.cumulativeDeviationCents };
  });
}

function emptyForecast(currency: string, periods: number): CollectionForecast {
  const zeros = () => new Array<number>(periods).fill(0);
  return { currency, expectedCents: zeros(), lowCents: zeros(), highCents: zeros(), cumulativeDeviationCents: zeros(), laterCents: 0, openCents: 0 };
}

/** The gap of one currency's position, or null when Balance low stays at or above the floor. */
export function findGap(result: CashflowResult): CashGap | null {
  if (result.gapIndex < 0) return null;
  const period = result.periods[result.gapIndex];
  return { index: result.gapIndex, start: period.start, shortfallCents: result.floorCents - period.balanceLowCents };
}

/**
 * AR_CASHFLOW's table: Period start, Currency (only with more than one),
 * Receipts, Receipts low, Receipts high, Outflows, Balance, Balance low,
 * Gap ("Gap" on the gap's row, else blank); then the reading notes, one a
 * line (unreadable outflow rows, totals left out).
 */
export function cashflowTable(results: readonly CashflowResult[], notes: readonly string[] = []): OutputCell[][] {
  const multiCurrency = results.length > 1;
  const header: OutputCell[] = ['Period start'];
  if (multiCurrency) header.push('Currency');
  header.push('Receipts', 'Receipts low', 'Receipts high', 'Outflows', 'Balance', 'Balance low', 'Gap');
  const rows: OutputCell[][] = [header];
  for (const result of results) {
    for (const period of result.periods) {
      const row: OutputCell[] = [dayCell(period.start)];
      if (multiCurrency) row.push(result.currency);
      row.push(
        centsToAmount(period.receiptsCents),
        centsToAmount(period.receiptsLowCents),
        centsToAmount(period.receiptsHighCents),
        centsToAmount(period.outflowsCents),
        centsToAmount(period.balanceCents),
        centsToAmount(period.balanceLowCents),
        period.gap ? 'Gap' : '',
      );
      rows.push(row);
    }
  }
  for (const text of notes) {
    const note = new Array<OutputCell>(header.length).fill('');
    note[0] = text;
    rows.push(note);
  }
  return rows;
}
