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

/**
 * How a customer's credit (credit notes, overpayments) settles their debts:
 * the oldest debt first, then the next, as every balance of a customer is
 * netted (AR_AGING, AR_CUSTOMERS, the reminders), so that they agree. Gives
 * the part of the credit set against each debt, in the order given, and
 * what is left over (the customer's credit balance).
 * @example settleOldestFirst([500, 300], 600) //=> { settledCents: [500, 100], leftoverCents: 0 }
 */
export function settleOldestFirst(debtsOldestFirst: readonly number[], creditCents: number): { settledCents: number[]; leftoverCents: number } {
  let credit = Math.max(0, creditCents);
  const settledCents = debtsOldestFirst.map((debt) => {
    const settled = Math.min(credit, Math.max(0, debt));
    credit -= settled;
    return settled;
  });
  return { settledCents, leftoverCents: credit };
}
