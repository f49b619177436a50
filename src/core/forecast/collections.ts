import { openCentsAt } from '../balances';
import type { CalendarDay } from '../calendar';
import type { InvoiceTable } from '../invoices';
import { expectedLateness, forEachPaymentDay, spreadOf, type PaymentModel } from './paymentModel';
import { periodIndex } from './periods';

/** Expected collections of one currency, per period, in cents. */
export interface CollectionForecast {
  currency: string;
  /** Per period: expected, and the low and high ends of a 90% range. */
  expectedCents: number[];
  lowCents: number[];
  highCents: number[];
  /**
   * Per period: the standard deviation, in cents, of everything collected
   * from the start to the end of that period (not the periods' deviations
   * added up): each invoice is paid by then or not, so its cumulative share
   * c gives open² · c · (1 − c). The cash position's Balance low rests on it.
   */
  cumulativeDeviationCents: number[];
  /** Open balance not expected within the horizon (credits left unapplied included). */
  laterCents: number;
  openCents: number;
}

/** How wide the range is: the middle 90% of a normal spread. */
export const RANGE_Z = 1.645;
/** Paid invoices a book needs before the forecast's range follows its own spread of lateness. */
const MIN_HISTORY_FOR_SPREAD = 10;
/** The spread assumed without that history: lateness evenly from three weeks early to three weeks late, centred on the expectation. */
const PRIOR_SPREAD = Float64Array.from({ length: 43 }, (_, k) => k - 21);

/**
 * The model the forecast spreads payments with: the learned one, or with the
 * prior spread when the book has too little paid history, so that low and
 * high are a real range, never the expected amount itself.
 */
export function forecastModel(learned: PaymentModel): PaymentModel {
  if (learned.historySize >= MIN_HISTORY_FOR_SPREAD) return learned;
  const prior = spreadOf(PRIOR_SPREAD);
  return { ...learned, spreads: [prior, prior] };
}

/**
 * Spreads each open invoice's balance over the periods it may be paid in,
 * from the model's distribution of its payment day. A credit note is
 * collected with its customer's earliest possible payment in that currency. Each period's range
 * is the expected amount ∓ 1.645 standard deviations, treating invoices as
 * paying independently. Expected amounts plus `laterCents` equal the open
 * balance exactly.
 */
export function forecastCollections(table: InvoiceTable, learned: PaymentModel, starts: readonly CalendarDay[]): CollectionForecast[] {
  const periods = starts.length - 1;
  const model = forecastModel(learned);
  const { asOfDay } = model;
  type Sums = { expected: Float64Array; variance: Float64Array; cumulativeVariance: Float64Array; openCents: number; credits: Map<string, number>; firstPayment: Map<string, CalendarDay> };
  const byCurrency = new Map<string, Sums>();
  const share = new Float64Array(periods + 1);
  // The invoice's payment days, in order: the periods walked alongside by one visitor for every invoice, not a closure made per invoice.
  let earliest = Infinity;
  let period = 0;
  const visitDay = (day: CalendarDay, probability: number): void => {
    if (day < earliest) period = periodIndex(starts, (earliest = day));
    while (period < periods && starts[period + 1] <= day) period++;
    share[period] += probability;
  };

  for (let i = 0; i < table.size; i++) {
    const open = openCentsAt(table, i, asOfDay);
    if (open === null || open === 0) continue;
    const currency = table.currency[i];
    let sums = byCurrency.get(currency);
    if (!sums) {
      sums = { expected: new Float64Array(periods + 1), variance: new Float64Array(periods + 1), cumulativeVariance: new Float64Array(periods), openCents: 0, credits: new Map(), firstPayment: new Map() };
      byCurrency.set(currency, sums);
    }
    sums.openCents += open;
    const customer = table.customer[i];
    if (open < 0) {
      sums.credits.set(customer, (sums.credits.get(customer) ?? 0) + open);
      continue;
    }

    share.fill(0);
    earliest = Infinity;
    period = 0;
    forEachPaymentDay(model, model.spreads[table.disputed[i]], table.dueDay[i], expectedLateness(model, table, i), visitDay);
    if (!(sums.firstPayment.get(customer)! <= earliest)) sums.firstPayment.set(customer, earliest);
    for (let k = 0; k <= periods; k++) {
      const p = share[k];
      if (p === 0) continue;
      sums.expected[k] += open * p;
      sums.variance[k] += open * open * p * (1 - p);
    }
    let cumulative = 0;
    for (let k = 0; k < periods; k++) {
      cumulative += share[k];
      if (cumulative > 0 && cumulative < 1) sums.cumulativeVariance[k] += open * open * cumulative * (1 - cumulative);
    }
  }

  return [...byCurrency.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([currency, sums]) => {
      for (const [customer, credit] of sums.credits) {
        const day = sums.firstPayment.get(customer);
        sums.expected[day === undefined ? periods : periodIndex(starts, day)] += credit;
      }
      const cents = roundToTotal(Array.from(sums.expected), sums.openCents);
      // Rounding can take p(1 − p) a hair below zero.
      const deviation = Array.from(sums.variance, (variance) => Math.sqrt(Math.max(0, variance)));
      return {
        currency,
        expectedCents: cents.slice(0, periods),
        // Never below nothing, unless credits already take the period below it.
        lowCents: cents.slice(0, periods).map((value, k) => Math.min(value, Math.max(0, Math.round(value - RANGE_Z * deviation[k])))),
        highCents: cents.slice(0, periods).map((value, k) => Math.round(value + RANGE_Z * deviation[k])),
        cumulativeDeviationCents: Array.from(sums.cumulativeVariance, (variance) => Math.sqrt(Math.max(0, variance))),
        laterCents: cents[periods],
        openCents: sums.openCents,
      };
    });
}

/** Rounds amounts to whole cents that add up to `total` exactly (largest remainders). */
export function roundToTotal(values: readonly number[], total: number): number[] {
  const floors = values.map(Math.floor);
  let missing = total - floors.reduce((a, b) => a + b, 0);
  const order = values.map((value, k) => [value - floors[k], k] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, k] of order) {
    if (missing <= 0) break;
    floors[k]++;
    missing--;
  }
  return floors;
}
