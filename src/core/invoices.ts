import type { CalendarDay } from './calendar';
import type { Cell } from './cells';
import type { ColumnMap } from './columns';
import { scanInvoiceRows, type BalanceConflicts, type InvoiceSource, type ReadOptions, type UnreadableRow } from './invoiceRows';

export { ROW_BLANK, ROW_HEADER, ROW_HEADING, ROW_LINE, ROW_SUMMARY, ROW_TITLE, ROW_UNREADABLE, ROW_VOID, TableError, rowSource } from './invoiceRows';
export type { BalanceConflicts, InvoiceRecord, InvoiceSource, ReadOptions, UnreadableRow } from './invoiceRows';

/** One invoice as an object; see `invoiceAt`. */
export interface Invoice {
  /** 1-based row within the range (the sheet's row when the range starts in row 1). */
  row: number;
  customer: string;
  /** The QuickBooks job the invoice is for; "" for none. */
  job: string;
  /** A payment received and not yet applied, rather than a credit note. */
  payment: boolean;
  number: string;
  currency: string;
  invoiceDay: CalendarDay | null;
  dueDay: CalendarDay;
  amountCents: number;
  /** Paid so far, whatever the date of the payment. */
  paidCents: number;
  /** When the payment was made, if the table says. */
  paidDay: CalendarDay | null;
  email: string;
  disputed: boolean;
  channel: string;
}

/**
 * An invoice table kept in columns, one array per field indexed by invoice,
 * for functions that go over the invoices more than once or answer row by
 * row. Rows without a currency carry the table's main one.
 */
export interface InvoiceTable {
  columns: ColumnMap;
  /** Per input row: the invoice's index (0 or more), or a ROW_ kind (header, blank, void, unreadable, title, summary, heading, line). */
  rowKinds: Int32Array;
  unreadable: UnreadableRow[];
  mainCurrency: string;
  /** Total and subtotal lines left out. */
  summaryRows: number;
  /** Rows whose balance disagrees with amount minus paid (the balance is used). */
  balanceConflicts: BalanceConflicts;
  size: number;
  row: Int32Array;
  customer: string[];
  /** Each invoice's customer as a number, indexing `customers`: cheaper to group by than names. */
  customerId: Int32Array;
  /** The customers' names, in order of first appearance. */
  customers: string[];
  currency: string[];
  /** Calendar days; NaN when the table has no invoice date. */
  invoiceDay: Float64Array;
  dueDay: Float64Array;
  amountCents: Float64Array;
  paidCents: Float64Array;
  /** NaN when no payment date is known. */
  paidDay: Float64Array;
  disputed: Uint8Array;
  /** 1 for a payment received and not yet applied (a credit that is no credit note). */
  payment: Uint8Array;
  /** Sparse: each invoice's QuickBooks job, undefined for none (the customer is then the whole name). */
  job: string[];
  /** Sparse: undefined where the row has none (use `invoiceAt`, which gives ""). */
  number: string[];
  email: string[];
  channel: string[];
}

/** Reads a whole invoice table into columns. */
export function readInvoiceTable(rows: readonly (readonly Cell[])[], options: ReadOptions): InvoiceTable {
  const capacity = Math.max(rows.length - 1, 0);
  const columns = {
    row: new Int32Array(capacity),
    customer: new Array<string>(capacity).fill(''),
    customerId: new Int32Array(capacity),
    currency: new Array<string>(capacity).fill(''),
    invoiceDay: new Float64Array(capacity),
    dueDay: new Float64Array(capacity),
    amountCents: new Float64Array(capacity),
    paidCents: new Float64Array(capacity),
    paidDay: new Float64Array(capacity),
    disputed: new Uint8Array(capacity),
    payment: new Uint8Array(capacity),
    // Only for the columns the table has: big arrays cost more than the reading.
    number: [] as string[],
    job: [] as string[],
    email: [] as string[],
    channel: [] as string[],
  };
  const customers: string[] = [];
  const customerIds = new Map<string, number>();
  const summary = scanInvoiceRows(rows, options, (invoice, i) => {
    columns.row[i] = invoice.row;
    columns.customer[i] = invoice.customer;
    let id = customerIds.get(invoice.customer);
    if (id === undefined) customerIds.set(invoice.customer, (id = customers.push(invoice.customer) - 1));
    columns.customerId[i] = id;
    columns.currency[i] = invoice.currency;
    columns.invoiceDay[i] = invoice.invoiceDay;
    columns.dueDay[i] = invoice.dueDay;
    columns.amountCents[i] = invoice.amountCents;
    columns.paidCents[i] = invoice.paidCents;
    columns.paidDay[i] = invoice.paidDay;
    columns.disputed[i] = invoice.disputed ? 1 : 0;
    columns.payment[i] = invoice.payment ? 1 : 0;
    if (invoice.job) columns.job[i] = invoice.job;
    if (invoice.number) columns.number[i] = invoice.number;
    if (invoice.email) columns.email[i] = invoice.email;
    if (invoice.channel) columns.channel[i] = invoice.channel;
  });
  const size = summary.invoiceCount;
  if (summary.mainCurrency) for (let i = 0; i < size; i++) if (columns.currency[i] === '') columns.currency[i] = summary.mainCurrency;
  // One literal with every field: consumers read `table.x` in loops over every invoice.
  return {
    columns: summary.columns,
    rowKinds: summary.rowKinds,
    unreadable: summary.unreadable,
    mainCurrency: summary.mainCurrency,
    summaryRows: summary.summaryRows,
    balanceConflicts: summary.balanceConflicts,
    size,
    row: columns.row,
    customer: columns.customer,
    customerId: columns.customerId,
    customers,
    currency: columns.currency,
    invoiceDay: columns.invoiceDay,
    dueDay: columns.dueDay,
    amountCents: columns.amountCents,
    paidCents: columns.paidCents,
    paidDay: columns.paidDay,
    disputed: columns.disputed,
    payment: columns.payment,
    job: columns.job,
    number: columns.number,
    email: columns.email,
    channel: columns.channel,
  };
}

/** Walks a table read before, as `rowSource` walks rows. */
export function tableSource(table: InvoiceTable): InvoiceSource {
  return (visit) => {
    for (let i = 0; i < table.size; i++) {
      const invoice = invoiceAt(table, i);
      visit({ ...invoice, invoiceDay: invoice.invoiceDay ?? Number.NaN, paidDay: invoice.paidDay ?? Number.NaN }, i);
    }
    return {
      columns: table.columns,
      rowKinds: table.rowKinds,
      unreadable: table.unreadable,
      invoiceCount: table.size,
      mainCurrency: table.mainCurrency,
      summaryRows: table.summaryRows,
      balanceConflicts: table.balanceConflicts,
    };
  };
}

/** The invoice at an index, as an object. */
export function invoiceAt(table: InvoiceTable, index: number): Invoice {
  const invoiceDay = table.invoiceDay[index];
  const paidDay = table.paidDay[index];
  return {
    row: table.row[index],
    customer: table.customer[index],
    job: table.job[index] ?? '',
    payment: table.payment[index] === 1,
    currency: table.currency[index],
    number: table.number[index] ?? '',
    invoiceDay: Number.isNaN(invoiceDay) ? null : invoiceDay,
    dueDay: table.dueDay[index],
    amountCents: table.amountCents[index],
    paidCents: table.paidCents[index],
    paidDay: Number.isNaN(paidDay) ? null : paidDay,
    email: table.email[index] ?? '',
    disputed: table.disputed[index] === 1,
    channel: table.channel[index] ?? '',
  };
}
