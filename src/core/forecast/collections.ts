import { openCentsAt } from '../balances';
import type { CalendarDay } from '../calendar';
import type { InvoiceTable } from '../invoices';
import { paymentDays, type PaymentModel } from './paymentModel';
import { periodIndex } from './periods';

/** Expected collections of one currency, per period, in cents. */
export interface CollectionForecast {
  currency: string;
  /** Per period: expected, and the low and high ends of a 90% range. */
  expectedCents: number[];
  lowCents: number[];
  highCents: number[];
  /** Open balance not expected within the horizon (credits left unapplied included). */
  laterCents: number;
  openCents: number;
}

/** How wide the range is: the middle 90% of a normal spread. */
const RANGE_Z = 1.645;

/**
 * Spreads each open invoice's balance over the periods it may be paid in,
 * from the model's distribution of its payment day. A credit note is
 * collected with its customer's first expected payment. Each period's range
 * is the expected amount ∓ 1.645 standard deviations, treating invoices as
 * paying independently. Expected amounts plus `laterCents` equal the open
 * balance exactly.
 */
export function forecastCollections(table: InvoiceTable, model: PaymentModel, starts: readonly CalendarDay[]): CollectionForecast[] {
  const periods = starts.length - 1;
  const byCurrency = new Map<string, { expected: number[]; variance: number[]; openCents: number; credits: Map<string, number> }>();
  const firstPayment = new Map<string, number>();

  for (let i = 0; i < table.size; i++) {
    const open = openCentsAt(table, i, model.asOfDay);
    if (open === null || open === 0) continue;
    const currency = table.currency[i];
    let sums = byCurrency.get(currency);
    if (!sums) byCurrency.set(currency, (sums = { expected: new Array(periods + 1).fill(0), variance: new Array(periods + 1).fill(0), openCents: 0, credits: new Map() }));
    sums.openCents += open;
    const account = `${currency}\u0000${table.customer[i]}`;
    if (open < 0) {
      sums.credits.set(account, (sums.credits.get(account) ?? 0) + open);
      continue;
    }
    const share = new Array<number>(periods + 1).fill(0);
    const median = paymentDays(model, table, i, (day, probability) => (share[periodIndex(starts, day)] += probability));
    firstPayment.set(account, Math.min(firstPayment.get(account) ?? Infinity, median));
    share.forEach((p, k) => {
      sums.expected[k] += open * p;
      sums.variance[k] += open * open * p * (1 - p);
    });
  }

  return [...byCurrency.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([currency, sums]) => {
      for (const [account, credit] of sums.credits) {
        const day = firstPayment.get(account);
        sums.expected[day === undefined ? periods : periodIndex(starts, day)] += credit;
      }
      const cents = roundToTotal(sums.expected, sums.openCents);
      // Rounding can take p(1 − p) a hair below zero.
      const deviation = sums.variance.map((variance) => Math.sqrt(Math.max(0, variance)));
      return {
        currency,
        expectedCents: cents.slice(0, periods),
        // Never below nothing, unless credits already take the period below it.
        lowCents: cents.slice(0, periods).map((value, k) => Math.min(value, Math.max(0, Math.round(value - RANGE_Z * deviation[k])))),
        highCents: cents.slice(0, periods).map((value, k) => Math.round(value + RANGE_Z * deviation[k])),
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
