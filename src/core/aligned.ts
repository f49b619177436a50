import type { OutputCell } from './output';
import { openCentsAsOf } from './balances';
import { bucketIndex, bucketLabels } from './buckets';
import type { CalendarDay } from './calendar';
import { ROW_HEADER, ROW_UNREADABLE, type InvoiceRecord, type InvoiceSource } from './invoiceRows';
import { lateFeeCents } from './reminders/cadence';
import type { Policy } from './reminders/policy';

/**
 * One column aligned with the input rows, for filters and conditional
 * formatting: the header first, the value for each invoice still open on
 * `asOfDay`, blank for paid, blank or not-yet-issued rows, and the reason
 * for a row that cannot be read.
 */
export function alignedColumn(
  source: InvoiceSource,
  asOfDay: CalendarDay,
  header: string,
  valueOf: (invoice: Readonly<InvoiceRecord>, openCents: number) => OutputCell,
): OutputCell[][] {
  const values = new Map<number, OutputCell>();
  const summary = source((invoice) => {
    const open = openCentsAsOf(invoice, asOfDay);
    if (open !== null && open > 0) values.set(invoice.row, valueOf(invoice, open));
  });
  const reasons = new Map(summary.unreadable.map((entry) => [entry.row, entry.reason]));
  return Array.from(summary.rowKinds, (kind, index): OutputCell[] => {
    if (kind === ROW_HEADER) return [header];
    if (kind === ROW_UNREADABLE) return [reasons.get(index + 1) ?? ''];
    return [values.get(index + 1) ?? ''];
  });
}

/** Days past the due date (negative: due in that many days). */
export function daysOverdueColumn(source: InvoiceSource, asOfDay: CalendarDay): OutputCell[][] {
  return alignedColumn(source, asOfDay, 'Days overdue', (invoice) => asOfDay - invoice.dueDay);
}

/** The aging bucket of each open invoice: `Not due`, `1–30`, … */
export function bucketColumn(source: InvoiceSource, asOfDay: CalendarDay, edges: readonly number[]): OutputCell[][] {
  const labels = bucketLabels(edges, 'due');
  return alignedColumn(source, asOfDay, 'Aging bucket', (invoice) => {
    const bucket = bucketIndex(asOfDay - invoice.dueDay, edges, 'due');
    return bucket < 0 ? 'Not due' : labels[bucket];
  });
}

/** The late fee each overdue invoice has run up under the policy (fixed fees of the steps reached, and interest). */
export function lateFeeColumn(source: InvoiceSource, asOfDay: CalendarDay, policy: Policy): OutputCell[][] {
  return alignedColumn(source, asOfDay, 'Late fee', (invoice, open) => lateFeeCents(open, invoice.dueDay, asOfDay, policy.steps, policy) / 100);
}
