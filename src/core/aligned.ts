import type { OutputCell } from './agingTable';
import { openCentsAsOf } from './balances';
import { bucketIndex, bucketLabels } from './buckets';
import type { CalendarDay } from './calendar';
import type { Invoice, InvoiceTable } from './invoices';

/**
 * One column aligned with the input rows, for filters and conditional
 * formatting: the header first, the value for each invoice still open on
 * `asOfDay`, blank for paid, blank or not-yet-issued rows, and the reason
 * for a row that cannot be read.
 */
export function alignedColumn(
  table: InvoiceTable,
  asOfDay: CalendarDay,
  header: string,
  valueOf: (invoice: Invoice, openCents: number) => OutputCell,
): OutputCell[][] {
  return table.entries.map((entry): OutputCell[] => {
    switch (entry.kind) {
      case 'header':
        return [header];
      case 'blank':
      case 'void':
        return [''];
      case 'unreadable':
        return [entry.reason];
      case 'invoice': {
        const open = openCentsAsOf(entry.invoice, asOfDay);
        return [open === null || open <= 0 ? '' : valueOf(entry.invoice, open)];
      }
    }
  });
}

/** Days past the due date (negative: due in that many days). */
export function daysOverdueColumn(table: InvoiceTable, asOfDay: CalendarDay): OutputCell[][] {
  return alignedColumn(table, asOfDay, 'Days overdue', (invoice) => asOfDay - invoice.dueDay);
}

/** The aging bucket of each open invoice: `Not due`, `1–30`, … */
export function bucketColumn(table: InvoiceTable, asOfDay: CalendarDay, edges: readonly number[]): OutputCell[][] {
  const labels = bucketLabels(edges, 'due');
  return alignedColumn(table, asOfDay, 'Aging bucket', (invoice) => {
    const index = bucketIndex(asOfDay - invoice.dueDay, edges, 'due');
    return index < 0 ? 'Not due' : labels[index];
  });
}
