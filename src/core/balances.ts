import type { CalendarDay } from './calendar';
import type { InvoiceRecord } from './invoiceRows';

/**
 * What is still owed on an invoice at the end of `asOfDay`, in cents, or
 * null when the invoice did not exist yet. A payment dated after `asOfDay`
 * counts as not yet made, so a report as of any past date is reproducible;
 * a payment without a date (NaN) counts as made.
 * @example openCentsAsOf({ amountCents: 10000, paidCents: 4000, paidDay: NaN, invoiceDay: NaN }, day) //=> 6000
 */
export function openCentsAsOf(
  invoice: Pick<InvoiceRecord, 'invoiceDay' | 'paidDay' | 'amountCents' | 'paidCents'>,
  asOfDay: CalendarDay,
): number | null {
  if (invoice.invoiceDay > asOfDay) return null;
  if (invoice.paidDay > asOfDay) return invoice.amountCents;
  return invoice.amountCents - invoice.paidCents;
}

/** `openCentsAsOf` for invoice `index` of a table read into columns. */
export function openCentsAt(
  table: { invoiceDay: ArrayLike<number>; paidDay: ArrayLike<number>; amountCents: ArrayLike<number>; paidCents: ArrayLike<number> },
  index: number,
  asOfDay: CalendarDay,
): number | null {
  return openCentsAsOf(
    { invoiceDay: table.invoiceDay[index], paidDay: table.paidDay[index], amountCents: table.amountCents[index], paidCents: table.paidCents[index] },
    asOfDay,
  );
}
