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
  // By invoice index, which `rowKinds` gives each invoice's row: no lookup per row.
  const values: OutputCell[] = [];
  const summary = source((invoice, index) => {
    const open = openCentsAsOf(invoice, asOfDay);
    values[index] = open !== null && open > 0 ? valueOf(invoice, open) : '';
  });
  const kinds = summary.rowKinds;
  const unreadable = summary.unreadable;
  const column: OutputCell[][] = new Array<OutputCell[]>(kinds.length);
  let next = 0;
  for (let index = 0; index < kinds.length; index++) {
    const kind = kinds[index];
    if (kind >= 0) column[index] = [values[kind]];
    else if (kind === ROW_HEADER) column[index] = [header];
    else if (kind === ROW_UNREADABLE) {
      // Unreadable rows are listed in row order.
      while (next < unreadable.length && unreadable[next].row < index + 1) next++;
      column[index] = [next < unreadable.length && unreadable[next].row === index + 1 ? unreadable[next].reason : ''];
    } else column[index] = [''];
  }
  return column;
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
