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
 * from the book's residuals. An open invoice that is not paid by `as_of`
 * can only be paid later: its forecast is that spread conditioned on
 * lateness beyond what it has already reached. Derived columns (days to
 * settle, days late) are never read: only dates, amounts and flags.
 */
export interface PaymentModel {
  asOfDay: CalendarDay;
  /** The book's weighted mean lateness, in days. */
  bookLateness: number;
  /** Extra days for disputed and for undisputed invoices, learned across the book. */
  disputeEffects: { disputed: number; undisputed: number };
  /** Extra days per billing channel (e.g. Paper, Electronic), learned across the book. */
  channelEffects: Map<string, number>;
  /** Per customer: the habit in days beyond the book's, and the evidence behind it. */
  customers: Map<string, CustomerHabit>;
  /** Residual lateness around each prediction, sorted: quantiles of the book's spread. */
  spread: Float64Array;
  /** Mean days beyond the spread's top decile: how long the tail goes on. */
  tailExcess: number;
  /** How many paid invoices it learned from. */
  historySize: number;
}

export interface CustomerHabit {
  effect: number;
  paidCount: number;
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

/** The paid invoices the model may learn from at `asOfDay`: fully paid on a known day up to then, not credit notes. */
export function isHistory(table: InvoiceTable, i: number, asOfDay: CalendarDay): boolean {
  const paidDay = table.paidDay[i];
  return paidDay <= asOfDay && table.amountCents[i] > 0 && table.paidCents[i] >= table.amountCents[i];
}

/** Fits the model on the invoices paid by `asOfDay`. Deterministic: same table, same model. */
export function fitPaymentModel(table: InvoiceTable, asOfDay: CalendarDay, options: ModelOptions = {}): PaymentModel {
  const halfLife = options.halfLifeDays ?? DEFAULT_HALF_LIFE;
  const history: number[] = [];
  for (let i = 0; i < table.size; i++) if (isHistory(table, i, asOfDay)) history.push(i);

  const lateness = history.map((i) => table.paidDay[i] - table.dueDay[i]);
  const weight = history.map((i) => Math.pow(0.5, (asOfDay - table.paidDay[i]) / halfLife));
  const residual = [...lateness];

  const bookLateness = weightedMean(residual, weight, 0, 0);
  for (let k = 0; k < residual.length; k++) residual[k] -= bookLateness;

  const byFlag = groupEffects(history.map((i) => (table.disputed[i] ? 'disputed' : 'undisputed')), residual, weight, CATEGORY_PRIOR);
  const disputeEffects = { disputed: byFlag.get('disputed') ?? 0, undisputed: byFlag.get('undisputed') ?? 0 };
  history.forEach((i, k) => (residual[k] -= table.disputed[i] ? disputeEffects.disputed : disputeEffects.undisputed));

  const channelEffects = table.channel.length ? groupEffects(history.map((i) => table.channel[i].toLowerCase()), residual, weight, CATEGORY_PRIOR) : new Map<string, number>();
  channelEffects.delete('');
  history.forEach((i, k) => (residual[k] -= channelEffects.get(table.channel[i]?.toLowerCase() ?? '') ?? 0));

  const customerKeys = history.map((i) => table.customer[i]);
  const customerEffects = groupEffects(customerKeys, residual, weight, CUSTOMER_PRIOR);
  const customers = new Map<string, CustomerHabit>();
  customerKeys.forEach((customer, k) => {
    const habit = customers.get(customer) ?? { effect: customerEffects.get(customer) ?? 0, paidCount: 0 };
    habit.paidCount++;
    customers.set(customer, habit);
    residual[k] -= habit.effect;
  });

  const spread = quantiles(residual, SPREAD_POINTS);
  const topDecile = spread.subarray(Math.floor(SPREAD_POINTS * 0.9));
  const tailExcess = topDecile.length ? Math.max(1, mean(Array.from(topDecile)) - topDecile[0]) : 7;
  return { asOfDay, bookLateness, disputeEffects, channelEffects, customers, spread, tailExcess, historySize: history.length };
}

/** The lateness the model expects for invoice `i`, before knowing whether it is paid yet. */
export function expectedLateness(model: PaymentModel, table: InvoiceTable, i: number): number {
  return (
    model.bookLateness +
    (table.disputed[i] ? model.disputeEffects.disputed : model.disputeEffects.undisputed) +
    (model.channelEffects.get(table.channel[i]?.toLowerCase() ?? '') ?? 0) +
    (model.customers.get(table.customer[i])?.effect ?? 0)
  );
}

/**
 * The days invoice `i` may be paid on, given it was not paid by `as_of`:
 * equally likely days, never on or before `as_of`. Calls `visit` once per
 * day with its probability; returns the median day.
 */
export function paymentDays(model: PaymentModel, table: InvoiceTable, i: number, visit?: (day: CalendarDay, probability: number) => void): CalendarDay {
  const due = table.dueDay[i];
  const expected = expectedLateness(model, table, i);
  const reached = model.asOfDay - due;
  const { spread } = model;
  // Residuals big enough that the invoice would still be unpaid at as_of.
  let first = lowerBound(spread, reached - expected);
  if (spread.length === 0 || first === spread.length) {
    // Beyond anything the book has seen (or no history at all): on the expected
    // day if that is still ahead, else some days on, as the longest delays went.
    const day = due + expected > model.asOfDay ? Math.round(due + expected) : Math.round(model.asOfDay + model.tailExcess);
    visit?.(Math.max(model.asOfDay + 1, day), 1);
    return Math.max(model.asOfDay + 1, day);
  }
  while (first < spread.length && spread[first] <= reached - expected) first++;
  const count = spread.length - first;
  if (visit) {
    for (let k = first; k < spread.length; k++) visit(Math.max(model.asOfDay + 1, Math.round(due + expected + spread[k])), 1 / count);
  }
  return Math.max(model.asOfDay + 1, Math.round(due + expected + spread[first + Math.floor((count - 1) / 2)]));
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

function weightedMean(values: number[], weights: number[], prior: number, priorWeight: number): number {
  let total = prior * priorWeight;
  let weightSum = priorWeight;
  values.forEach((value, k) => {
    total += value * weights[k];
    weightSum += weights[k];
  });
  return weightSum > 0 ? total / weightSum : 0;
}

/**
 * Each group's recency-weighted mean residual, shrunk toward zero by its
 * number of invoices: n / (n + prior). Recency decides which invoices speak
 * louder, the count how far the group is trusted.
 */
function groupEffects(keys: string[], residual: number[], weight: number[], prior: number): Map<string, number> {
  const sums = new Map<string, { total: number; weight: number; count: number }>();
  keys.forEach((key, k) => {
    const sum = sums.get(key) ?? { total: 0, weight: 0, count: 0 };
    sum.total += residual[k] * weight[k];
    sum.weight += weight[k];
    sum.count++;
    sums.set(key, sum);
  });
  return new Map([...sums].map(([key, sum]) => [key, (sum.total / sum.weight) * (sum.count / (sum.count + prior))]));
}

/** `points` evenly spaced quantiles of the values (midpoints), sorted; fewer when there are fewer values. */
function quantiles(values: number[], points: number): Float64Array {
  const sorted = Float64Array.from(values).sort();
  if (sorted.length <= points) return sorted;
  return Float64Array.from({ length: points }, (_, k) => sorted[Math.floor(((k + 0.5) / points) * sorted.length)]);
}

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}
