import type { CalendarDay } from './calendar';
import type { InvoiceRecord } from './invoiceRows';

/**
 * What is still owed on an invoice at the end of `asOfDay`, in cents, or
 * null when the invoice did not exist yet. A payment dated after `asOfDay`
 * counts as not yet made, so a report as of any past date is reproducible;
 * a payment without a date (NaN) counts as made.
 * @example openCents(NaN, NaN, 10000, 4000, day) //=> 6000
 */
export function openCents(invoiceDay: CalendarDay, paidDay: CalendarDay, amountCents: number, paidCents: number, asOfDay: CalendarDay): number | null {
  if (invoiceDay > asOfDay) return null;
  if (paidDay > asOfDay) return amountCents;
  return amountCents - paidCents;
}

/** `openCents` of an invoice record. */
export function openCentsAsOf(invoice: Pick<InvoiceRecord, 'invoiceDay' | 'paidDay' | 'amountCents' | 'paidCents'>, asOfDay: CalendarDay): number | null {
  return openCents(invoice.invoiceDay, invoice.paidDay, invoice.amountCents, invoice.paidCents, asOfDay);
}

/** `openCents` of invoice `index` of a table read into columns. */
export function openCentsAt(
  table: { invoiceDay: ArrayLike<number>; paidDay: ArrayLike<number>; amountCents: ArrayLike<number>; paidCents: ArrayLike<number> },
  index: number,
  asOfDay: CalendarDay,
): number | null {
  return openCents(table.invoiceDay[index], table.paidDay[index], table.amountCents[index], table.paidCents[index], asOfDay);
}
