import { openCentsAt } from '../balances';
import type { CalendarDay } from '../calendar';
import type { InvoiceTable } from '../invoices';

/** The standard collection figures of one currency over a period ending at `as_of`. */
export interface CollectionFigures {
  currency: string;
  /** Days sales outstanding: open balance ÷ invoiced in the period × days. */
  dso: number;
  /** The same with only the balance not yet due. */
  bestDso: number;
  /** Average days delinquent: DSO − best DSO. */
  add: number;
  /** Collection effectiveness index, in percent. */
  cei: number;
}

/**
 * DSO, best DSO, ADD and CEI per currency, over the `days` days ending at
 * `asOfDay`. A figure whose divisor is zero is NaN.
 *
 *   DSO      = closing balance ÷ invoiced × days
 *   best DSO = closing current (not yet due) balance ÷ invoiced × days
 *   ADD      = DSO − best DSO
 *   CEI      = (opening + invoiced − closing) ÷ (opening + invoiced − closing current) × 100
 */
export function collectionFigures(table: InvoiceTable, asOfDay: CalendarDay, days: number): CollectionFigures[] {
  const startDay = asOfDay - days;
  const sums = new Map<string, { opening: number; invoiced: number; closing: number; closingCurrent: number }>();
  for (let i = 0; i < table.size; i++) {
    if (Number.isNaN(table.invoiceDay[i])) throw new Error(`row ${table.row[i]} has no invoice date, which these figures need`);
    const currency = table.currency[i];
    let sum = sums.get(currency);
    if (!sum) sums.set(currency, (sum = { opening: 0, invoiced: 0, closing: 0, closingCurrent: 0 }));
    const invoiceDay = table.invoiceDay[i];
    if (invoiceDay > startDay && invoiceDay <= asOfDay) sum.invoiced += table.amountCents[i];
    sum.opening += openCentsAt(table, i, startDay) ?? 0;
    const closing = openCentsAt(table, i, asOfDay) ?? 0;
    sum.closing += closing;
    if (table.dueDay[i] >= asOfDay) sum.closingCurrent += closing;
  }
  return [...sums.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([currency, sum]) => {
      const dso = ratio(sum.closing, sum.invoiced) * days;
      const bestDso = ratio(sum.closingCurrent, sum.invoiced) * days;
      const collected = sum.opening + sum.invoiced - sum.closing;
      return { currency, dso, bestDso, add: dso - bestDso, cei: ratio(collected, sum.opening + sum.invoiced - sum.closingCurrent) * 100 };
    });
}

function ratio(numerator: number, denominator: number): number {
  return denominator === 0 ? Number.NaN : numerator / denominator;
}
