import type { CalendarDay } from '../calendar';
import type { InvoiceTable } from '../invoices';

/**
 * How late customers pay, learned from the table's own paid invoices.
 *
 * Lateness is days from the due date to the paid date. An invoice's
 * expected lateness is the book's recency-weighted mean, plus what the
 * book shows for its dispute flag and billing channel, plus its
 * customer's own habit (the customer's mean residual shrunk toward zero
 * while the customer has few paid invoices). The spread around that comes
 * from the residuals of the invoices with the same dispute flag (a
 * disputed invoice's day is far less certain), or from the whole book's
 * while a flag has too few paid invoices of its own. An open invoice that is not paid by `as_of`
 * can only be paid later: its forecast is that spread conditioned on
 * lateness beyond what it has already reached. Derived columns (days to
 * settle, days late) are never read: only dates, amounts and flags.
 */
/** Residual lateness around a prediction: sorted quantiles, and how long the tail beyond them goes on. */
export interface Spread {
  points: Float64Array;
  /** Mean days beyond the top decile's start: the mean wait left to a payment that late. */
  tailExcess: number;
}

export interface PaymentModel {
  asOfDay: CalendarDay;
  /** The book's weighted mean lateness, in days. */
  bookLateness: number;
  /** Extra days for disputed and for undisputed invoices, learned across the book. */
  disputeEffects: { disputed: number; undisputed: number };
  /** Extra days per billing channel (e.g. Paper, Electronic), learned across the book. */
  channelEffects: Map<string, number>;
  /** Per customer (by `InvoiceTable.customerId`): the habit in days beyond the book's. */
  customerEffects: Float64Array;
  /** Per customer: how many paid invoices that habit rests on. */
  customerPaidCounts: Int32Array;
  /** The spread around each prediction, by dispute flag (0 undisputed, 1 disputed). */
  spreads: [Spread, Spread];
  /** How many paid invoices it learned from. */
  historySize: number;
  /** The key a billing channel is compared by. */
  channelKey: (channel: string | undefined) => string;
}

export interface ModelOptions {
  /** Days after which a payment weighs half as much as one paid at `as_of`. */
  halfLifeDays?: number;
}

/** Shrinkage, in weighted invoices: how much evidence it takes to trust half of a group's own mean. */
const CUSTOMER_PRIOR = 2;
const CATEGORY_PRIOR = 10;
const SPREAD_POINTS = 64;
const DEFAULT_HALF_LIFE = 180;
/** Paid invoices a dispute flag needs before its spread is its own rather than the book's. */
const MIN_FLAG_HISTORY = 30;

/** The paid invoices the model may learn from at `asOfDay`: fully paid on a known day up to then, not credit notes. */
export function isHistory(table: InvoiceTable, i: number, asOfDay: CalendarDay): boolean {
  const paidDay = table.paidDay[i];
  return paidDay <= asOfDay && table.amountCents[i] > 0 && table.paidCents[i] >= table.amountCents[i];
}

/** Fits the model on the invoices paid by `asOfDay`. Deterministic: same table, same model. */
export function fitPaymentModel(table: InvoiceTable, asOfDay: CalendarDay, options: ModelOptions = {}): PaymentModel {
  const halfLife = options.halfLifeDays ?? DEFAULT_HALF_LIFE;
  const all = new Int32Array(table.size);
  let count = 0;
  for (let i = 0; i < table.size; i++) if (isHistory(table, i, asOfDay)) all[count++] = i;
  const history = all.subarray(0, count);
  const weight = new Float64Array(count);
  const residual = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    const i = history[k];
    weight[k] = Math.exp((-Math.LN2 * (asOfDay - table.paidDay[i])) / halfLife);
    residual[k] = table.paidDay[i] - table.dueDay[i];
  }

  let weightSum = 0;
  let total = 0;
  for (let k = 0; k < count; k++) {
    total += residual[k] * weight[k];
    weightSum += weight[k];
  }
  const bookLateness = weightSum > 0 ? total / weightSum : 0;
  for (let k = 0; k < count; k++) residual[k] -= bookLateness;

  // Each effect is fitted on what the ones before it left unexplained.
  const flags: Groups = { group: new Int32Array(count), names: ['undisputed', 'disputed'] };
  for (let k = 0; k < count; k++) flags.group[k] = table.disputed[history[k]];
  const flagEffects = fitGroups(flags, residual, weight, CATEGORY_PRIOR);
  const disputeEffects = { disputed: flagEffects.get('disputed') ?? 0, undisputed: flagEffects.get('undisputed') ?? 0 };
  const channelKey = channelKeys();
  // Tables without a billing channel (most) skip the grouping.
  const channelEffects = table.columns.channel
    ? fitGroups(groupIndices(count, (k) => channelKey(table.channel[history[k]])), residual, weight, CATEGORY_PRIOR)
    : new Map<string, number>();
  channelEffects.delete('');
  const byCustomer: Groups = { group: new Int32Array(count), names: table.customers };
  for (let k = 0; k < count; k++) byCustomer.group[k] = table.customerId[history[k]];
  const effects = fitGroups(byCustomer, residual, weight, CUSTOMER_PRIOR);
  const customerEffects = Float64Array.from(table.customers, (customer) => effects.get(customer) ?? 0);
  const customerPaidCounts = new Int32Array(table.customers.length);
  for (let k = 0; k < count; k++) customerPaidCounts[byCustomer.group[k]]++;

  const book = spreadOf(residual);
  const flagSpread = (flag: number): Spread => {
    // Counted, then copied: filter's callback per invoice cost AR_FORECAST a fifteenth of its time on 100,000 rows.
    let size = 0;
    for (let k = 0; k < count; k++) if (flags.group[k] === flag) size++;
    if (size < MIN_FLAG_HISTORY) return book;
    const own = new Float64Array(size);
    for (let k = 0, j = 0; k < count; k++) if (flags.group[k] === flag) own[j++] = residual[k];
    return spreadOf(own);
  };
  const spreads: [Spread, Spread] = [flagSpread(0), flagSpread(1)];
  return { asOfDay, bookLateness, disputeEffects, channelEffects, customerEffects, customerPaidCounts, spreads, historySize: count, channelKey };
}

/** The spread of some residuals: quantiles, and the mean excess beyond the top decile (7 days with nothing to learn from). */
export function spreadOf(residuals: Float64Array): Spread {
  const points = quantiles(residuals, SPREAD_POINTS);
  const topDecile = points.subarray(Math.floor(points.length * 0.9));
  const tailExcess = topDecile.length ? Math.max(1, mean(Array.from(topDecile)) - topDecile[0]) : 7;
  return { points, tailExcess };
}

/** Billing channels compared without case ("Paper", "paper"); each spelling is lowered once. */
function channelKeys(): (channel: string | undefined) => string {
  const keys = new Map<string, string>();
  return (channel) => {
    if (!channel) return '';
    let key = keys.get(channel);
    if (key === undefined) keys.set(channel, (key = channel.toLowerCase()));
    return key;
  };
}

/** The lateness the model expects for invoice `i`, before knowing whether it is paid yet. */
export function expectedLateness(model: PaymentModel, table: InvoiceTable, i: number): number {
  return (
    model.bookLateness +
    (table.disputed[i] ? model.disputeEffects.disputed : model.disputeEffects.undisputed) +
    (model.channelEffects.size ? model.channelEffects.get(model.channelKey(table.channel[i])) ?? 0 : 0) +
    model.customerEffects[table.customerId[i]]
  );
}

/**
 * The first point of the spread at which an invoice would still be unpaid
 * at `as_of`; the spread's length when it is beyond all of them.
 */
export function firstUnpaidPoint(spread: Float64Array, reachedDays: number, expected: number): number {
  let first = lowerBound(spread, reachedDays - expected);
  while (first < spread.length && spread[first] <= reachedDays - expected) first++;
  return first;
}

/**
 * Beyond anything the book has seen (or with no history at all): the
 * expected day if it is still ahead, else some days on, as the longest
 * delays went.
 */
export function dayBeyondSpread(model: PaymentModel, spread: Spread, due: CalendarDay, expected: number): CalendarDay {
  const day = due + expected > model.asOfDay ? Math.round(due + expected) : Math.round(model.asOfDay + spread.tailExcess);
  return Math.max(model.asOfDay + 1, day);
}

/** Equally likely waits of a payment in the tail: quantiles of an exponential wait. */
const TAIL_POINTS = 16;
const TAIL_QUANTILES = Float64Array.from({ length: TAIL_POINTS }, (_, j) => -Math.log(1 - (j + 0.5) / TAIL_POINTS));

/**
 * Where the tail begins: the last tenth of the spread's points. An invoice
 * that has waited past it is no longer described by the few points left
 * (one point would say "paid on that very day, for sure"): the rest of its
 * wait is taken as memoryless, exponential with the mean days the book's
 * payments went on beyond its top decile.
 */
function tailStart(points: number): number {
  return points - Math.max(1, Math.floor(points / 10));
}

/**
 * Walks the days an invoice may be paid on, given it was not paid by
 * `as_of`, in order, never on or before `as_of`: `visit` gets each day with
 * its probability (they add up to one). Returns the median day.
 */
export function forEachPaymentDay(
  model: PaymentModel,
  { points: spread, tailExcess }: Spread,
  due: CalendarDay,
  expected: number,
  visit?: (day: CalendarDay, probability: number) => void,
): CalendarDay {
  const { asOfDay } = model;
  if (spread.length === 0) {
    const day = dayBeyondSpread(model, { points: spread, tailExcess }, due, expected);
    visit?.(day, 1);
    return day;
  }
  const first = firstUnpaidPoint(spread, asOfDay - due, expected);
  if (first >= tailStart(spread.length)) {
    const tail = (j: number) => asOfDay + Math.max(1, Math.round(tailExcess * TAIL_QUANTILES[j]));
    if (visit) for (let j = 0; j < TAIL_POINTS; j++) visit(tail(j), 1 / TAIL_POINTS);
    return tail(TAIL_POINTS / 2 - 1);
  }
  const count = spread.length - first;
  if (visit) for (let k = first; k < spread.length; k++) visit(Math.max(asOfDay + 1, Math.round(due + expected + spread[k])), 1 / count);
  return Math.max(asOfDay + 1, Math.round(due + expected + spread[first + Math.floor((count - 1) / 2)]));
}

/** The days invoice `i` may be paid on (see `forEachPaymentDay`); returns the median day. */
export function paymentDays(model: PaymentModel, table: InvoiceTable, i: number, visit?: (day: CalendarDay, probability: number) => void): CalendarDay {
  return forEachPaymentDay(model, model.spreads[table.disputed[i]], table.dueDay[i], expectedLateness(model, table, i), visit);
}

/** Index of the first value ≥ target in a sorted array. */
function lowerBound(sorted: Float64Array, target: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sorted[middle] < target) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Which group each history invoice is in, by number, and the groups' names. */
interface Groups {
  group: Int32Array;
  names: string[];
}

function groupIndices(count: number, keyOf: (k: number) => string): Groups {
  const numbers = new Map<string, number>();
  const names: string[] = [];
  const group = new Int32Array(count);
  for (let k = 0; k < count; k++) {
    const key = keyOf(k);
    let number = numbers.get(key);
    if (number === undefined) {
      number = names.push(key) - 1;
      numbers.set(key, number);
    }
    group[k] = number;
  }
  return { group, names };
}

/**
 * Each group's recency-weighted mean residual, shrunk toward zero by its
 * number of invoices, n / (n + prior), then taken off the residuals.
 * Recency decides which invoices speak louder, the count how far a group is
 * trusted.
 */
function fitGroups({ group, names }: Groups, residual: Float64Array, weight: Float64Array, prior: number): Map<string, number> {
  const total = new Float64Array(names.length);
  const weights = new Float64Array(names.length);
  const counts = new Int32Array(names.length);
  for (let k = 0; k < group.length; k++) {
    total[group[k]] += residual[k] * weight[k];
    weights[group[k]] += weight[k];
    counts[group[k]]++;
  }
  const effect = Float64Array.from(names, (_, g) => (weights[g] > 0 ? (total[g] / weights[g]) * (counts[g] / (counts[g] + prior)) : 0));
  for (let k = 0; k < group.length; k++) residual[k] -= effect[group[k]];
  return new Map(names.map((name, g) => [name, effect[g]]));
}

/** Values beyond which quantiles are taken from an even sample: a spread needs no more. */
const QUANTILE_SAMPLE = 4096;

/** `points` evenly spaced quantiles of the values (midpoints), sorted; fewer when there are fewer values. */
function quantiles(values: Float64Array, points: number): Float64Array {
  const stride = Math.max(1, Math.floor(values.length / QUANTILE_SAMPLE));
  const sorted = Float64Array.from({ length: Math.ceil(values.length / stride) }, (_, k) => values[k * stride]).sort();
  if (sorted.length <= points) return sorted;
  return Float64Array.from({ length: points }, (_, k) => sorted[Math.floor(((k + 0.5) / points) * sorted.length)]);
}

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}
