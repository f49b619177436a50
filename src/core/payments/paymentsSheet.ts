import { isBlank, isYes, type Cell, type DateReading } from '../cells';
import { normalizeHeader } from '../columns';
import type { PaymentToMatch } from './matcher';
import { PAYMENT_HEADER_NAMES } from './paymentWords';
import { detectStatementColumns, isStatementHeader, StatementRowReader, type StatementColumns } from './statementRows';

export const PAYMENTS_SHEET_NAME = 'Payments';

/**
 * The Payments sheet, in this column order (the English names; a ru_RU
 * book's sheet has PAYMENT_HEADER_NAMES.ru in the same order). No column is
 * called "Customer", so the sheet is never taken for the invoice table.
 */
export const PAYMENT_HEADERS = PAYMENT_HEADER_NAMES.en;
export type PaymentHeader = (typeof PAYMENT_HEADERS)[number];
export const paymentColumn = (header: PaymentHeader): number => PAYMENT_HEADERS.indexOf(header);

/** A payment row of a sheet, read. */
export interface PaymentRow extends PaymentToMatch {
  /** 1-based row within the range; the header is row 1. */
  row: number;
  id: string;
  /** The invoice numbers the row says it pays, as typed (the matcher's suggestion, or the bookkeeper's correction). */
  invoices: string;
  /** Ticked for "Apply matches". */
  apply: boolean;
  /** Set once applied: what was applied and when. */
  applied: string;
}

export interface PaymentRows {
  /** Per row of the range after the header (or every row, without one): the payment, or null for a blank, outgoing or unreadable row. */
  rows: (PaymentRow | null)[];
  /** Why each unreadable row could not be read, by its index in `rows`. */
  problems: Map<number, string>;
  hasHeader: boolean;
}

/** Without a header row, a range's columns are taken in this order. */
const POSITIONAL: StatementColumns = { date: 0, amount: 1, payer: 2, purpose: 3, taxId: 4, account: 5 };

/**
 * Reads payment rows: a range with a header row (the Payments sheet, a pasted
 * statement) is read by header; one without is taken as date, amount, payer,
 * purpose, [tax id], [account].
 */
export function readPaymentRows(rows: readonly (readonly Cell[])[], reading: DateReading): PaymentRows {
  const header = rows[0] ?? [];
  const detected = detectStatementColumns(header);
  const hasHeader = isStatementHeader(detected);
  const columns = hasHeader ? detected : POSITIONAL;
  const names = header.map((cell) => normalizeHeader(cell as string));
  // By the header in either language: a sheet written before the book's language changed reads the same.
  const extra = (header: PaymentHeader) => {
    if (!hasHeader) return -1;
    const at = paymentColumn(header);
    const english = names.indexOf(normalizeHeader(PAYMENT_HEADER_NAMES.en[at]));
    return english >= 0 ? english : names.indexOf(normalizeHeader(PAYMENT_HEADER_NAMES.ru[at]));
  };
  const invoicesAt = extra('Invoices');
  const applyAt = extra('Apply');
  const appliedAt = extra('Applied');
  const reader = new StatementRowReader(columns, hasHeader ? header : ['date', 'amount', 'payer', 'purpose', 'tax id', 'account'], reading);
  const result: PaymentRows = { rows: [], problems: new Map(), hasHeader };
  const first = hasHeader ? 1 : 0;
  for (let r = first; r < rows.length; r++) {
    const row = rows[r];
    const line = reader.read(row, `row ${r + 1}`);
    if (line.kind === 'problem') result.problems.set(result.rows.length, line.reason);
    const text = (at: number) => (at < 0 || isBlank(row[at]) ? '' : String(row[at]).trim());
    result.rows.push(
      line.kind === 'payment'
        ? { ...line.payment, row: r + 1, id: line.bankId, invoices: text(invoicesAt), apply: applyAt >= 0 && isYes(row[applyAt]), applied: text(appliedAt) }
        : null,
    );
  }
  return result;
}

const TAX_ID_HEADERS = new Set(['инн', 'inn', 'taxid', 'vat', 'vatnumber', 'taxnumber', 'иннклиента', 'иннпокупателя']);
const CUSTOMER_HEADERS = new Set(['customer', 'клиент', 'контрагент', 'покупатель', 'customername', 'client']);

/** Customers by tax id (digits), from a sheet with a customer column and an ИНН / Tax id column (the Customers sheet). */
export function customerTaxIds(rows: readonly (readonly Cell[])[]): Map<string, string> {
  const taxIds = new Map<string, string>();
  if (rows.length < 2) return taxIds;
  const names = rows[0].map((cell) => normalizeHeader(cell as string));
  const taxAt = names.findIndex((name) => TAX_ID_HEADERS.has(name));
  const customerAt = names.findIndex((name) => CUSTOMER_HEADERS.has(name));
  if (taxAt < 0 || customerAt < 0) return taxIds;
  for (const row of rows.slice(1)) {
    const taxId = String(row[taxAt] ?? '').replace(/\D/g, '');
    const customer = String(row[customerAt] ?? '').trim();
    if (taxId && customer) taxIds.set(taxId, customer);
  }
  return taxIds;
}
