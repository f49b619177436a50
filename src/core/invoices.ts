import { ZoneCalendar, type CalendarDay } from './calendar';
import {
  amountInCents,
  CellError,
  currencyOfText,
  dayOfCell,
  describeCell,
  isBlank,
  isYes,
  wholeDays,
  type Cell,
  type DateReading,
} from './cells';
import { detectColumns, FIELD_LABELS, listHeaders, type ColumnMap, type Field } from './columns';
import { localeConventions, type LocaleConventions } from './locale';

/** One invoice (or credit note, when the amount is negative) as read from a row. */
export interface Invoice {
  /** 1-based row within the table; the header is row 1. */
  row: number;
  customer: string;
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

/** What one row of the table turned out to be. */
export type RowEntry =
  | { kind: 'header' }
  | { kind: 'blank' }
  | { kind: 'void' }
  | { kind: 'invoice'; invoice: Invoice }
  | { kind: 'unreadable'; row: number; reason: string };

export type UnreadableRow = Extract<RowEntry, { kind: 'unreadable' }>;

export interface InvoiceTable {
  columns: ColumnMap;
  /** One entry per input row, aligned with it. */
  entries: RowEntry[];
  invoices: Invoice[];
  unreadable: UnreadableRow[];
}

export interface ReadOptions {
  /** The spreadsheet's time zone, in which `Date` cells are read. */
  timeZone: string;
  /** The spreadsheet's locale (`en_US`, `ru_RU`), which settles "3/4/2026" and "1,234". */
  locale: string;
  /** Days from invoice date to due date when the table has no due date; 30 by default. */
  termsDays?: number;
}

/** A table that cannot be read at all: the message names what is missing and what was found. */
export class TableError extends Error {}

const VOID_STATUS = /^(void|voided|cancel+ed|draft|deleted|отмен[её]н\w*|аннулирован\w*|черновик|удал[её]н\w*)$/i;
const PAID_STATUS = /^(paid|paid in full|closed|settled|оплачен\w*|закрыт\w*|погашен\w*)$/i;
const DISPUTED_STATUS = /^(disputed?|in dispute|спор\w*|оспорен\w*|претензия)$/i;

/**
 * Reads an invoice table: a range whose first row holds the headers.
 * Rows that cannot be read are reported in `unreadable` (and in `entries`
 * at their position), never dropped silently.
 */
export function readInvoiceTable(rows: readonly (readonly Cell[])[], options: ReadOptions): InvoiceTable {
  if (rows.length === 0) throw new TableError('the range is empty: select the invoice table with its header row');
  const headers = rows[0];
  const columns = detectColumns(headers);
  requireColumns(columns, headers);

  const conventions = localeConventions(options.locale);
  const reading: DateReading = { calendar: new ZoneCalendar(options.timeZone), conventions };
  const entries: RowEntry[] = new Array(rows.length);
  entries[0] = { kind: 'header' };
  const invoices: Invoice[] = [];
  const unreadable: UnreadableRow[] = [];
  const reader = new RowReader(columns, reading, conventions, options.termsDays ?? 30);

  for (let index = 1; index < rows.length; index++) {
    const entry = reader.read(rows[index], index + 1);
    entries[index] = entry;
    if (entry.kind === 'invoice') invoices.push(entry.invoice);
    else if (entry.kind === 'unreadable') unreadable.push(entry);
  }
  fillDefaultCurrency(invoices);
  return { columns, entries, invoices, unreadable };
}

function requireColumns(columns: ColumnMap, headers: readonly Cell[]): void {
  const missing: string[] = [];
  if (!columns.customer) missing.push('no customer column');
  if (!columns.amount && !columns.balance) missing.push('no amount or balance column');
  if (!columns.dueDate && !columns.invoiceDate) missing.push('no due date or invoice date column');
  if (missing.length) throw new TableError(`${missing.join(', ')} (headers: ${listHeaders(headers)})`);
}

/** Rows with no currency of their own take the table's most common one. */
function fillDefaultCurrency(invoices: Invoice[]): void {
  const counts = new Map<string, number>();
  for (const invoice of invoices) if (invoice.currency) counts.set(invoice.currency, (counts.get(invoice.currency) ?? 0) + 1);
  if (counts.size === 0) return;
  const [main] = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
  for (const invoice of invoices) if (!invoice.currency) invoice.currency = main;
}

class RowReader {
  private readonly index: Record<Field, number>;
  private readonly headerOf: Record<Field, string>;

  constructor(
    columns: ColumnMap,
    private readonly reading: DateReading,
    private readonly conventions: LocaleConventions,
    private readonly defaultTerms: number,
  ) {
    this.index = {} as Record<Field, number>;
    this.headerOf = {} as Record<Field, string>;
    for (const field of Object.keys(FIELD_LABELS) as Field[]) {
      this.index[field] = columns[field]?.index ?? -1;
      this.headerOf[field] = columns[field]?.header ?? FIELD_LABELS[field];
    }
  }

  private cell(row: readonly Cell[], field: Field): Cell {
    const index = this.index[field];
    return index < 0 ? undefined : row[index];
  }

  read(row: readonly Cell[], rowNumber: number): RowEntry {
    if (this.isBlankRow(row)) return { kind: 'blank' };
    let field: Field = 'customer';
    try {
      const status = String(this.cell(row, 'status') ?? '').trim();
      if (VOID_STATUS.test(status)) return { kind: 'void' };

      const customer = String(this.cell(row, 'customer') ?? '').trim();
      if (!customer) throw new CellError('is empty');

      field = 'invoiceDate';
      const invoiceDay = dayOfCell(this.cell(row, 'invoiceDate'), this.reading);
      field = 'dueDate';
      let dueDay = dayOfCell(this.cell(row, 'dueDate'), this.reading);
      if (dueDay === null) {
        if (invoiceDay === null) {
          field = this.index.dueDate >= 0 ? 'dueDate' : 'invoiceDate';
          throw new CellError('is empty');
        }
        field = 'terms';
        dueDay = invoiceDay + (wholeDays(this.cell(row, 'terms')) ?? this.defaultTerms);
      }

      field = 'amount';
      const amountText = this.cell(row, 'amount');
      let amountCents = amountInCents(amountText, this.conventions);
      field = 'balance';
      const balanceCents = amountInCents(this.cell(row, 'balance'), this.conventions);
      if (amountCents === null) {
        if (balanceCents === null) {
          field = this.index.amount >= 0 ? 'amount' : 'balance';
          throw new CellError('is empty');
        }
        amountCents = balanceCents;
      }

      field = 'paidDate';
      const paidDay = dayOfCell(this.cell(row, 'paidDate'), this.reading);
      field = 'paidAmount';
      const paidCents = this.paidCents(row, amountCents, balanceCents, paidDay, PAID_STATUS.test(status));

      const currencyCell = String(this.cell(row, 'currency') ?? '').trim().toUpperCase();
      const currency = currencyCell || (typeof amountText === 'string' ? currencyOfText(amountText) : '');

      const invoice: Invoice = {
        row: rowNumber,
        customer,
        number: String(this.cell(row, 'invoiceNumber') ?? '').trim(),
        currency,
        invoiceDay,
        dueDay,
        amountCents,
        paidCents,
        paidDay,
        email: String(this.cell(row, 'email') ?? '').trim(),
        disputed: isYes(this.cell(row, 'disputed')) || DISPUTED_STATUS.test(status),
        channel: String(this.cell(row, 'channel') ?? '').trim(),
      };
      return { kind: 'invoice', invoice };
    } catch (error) {
      if (!(error instanceof CellError)) throw error;
      const cell = this.cell(row, field);
      const found = isBlank(cell) ? error.message : error.message.startsWith('is ') ? `${describeCell(cell)} ${error.message}` : error.message;
      return { kind: 'unreadable', row: rowNumber, reason: `row ${rowNumber}, column "${this.headerOf[field]}": ${found}` };
    }
  }

  /**
   * What has been paid: the paid-amount column if there is one, else amount
   * minus balance, else the whole amount once a paid date (or a paid status) is set.
   */
  private paidCents(row: readonly Cell[], amountCents: number, balanceCents: number | null, paidDay: CalendarDay | null, paidStatus: boolean): number {
    if (this.index.paidAmount >= 0) {
      const cell = this.cell(row, 'paidAmount');
      if (typeof cell === 'boolean' || (typeof cell === 'string' && /^(yes|no|да|нет|true|false)$/i.test(cell.trim()))) {
        return isYes(cell) ? amountCents : 0;
      }
      const paid = amountInCents(cell, this.conventions);
      if (paid !== null) return paid;
      if (paidStatus) return amountCents;
      return balanceCents !== null && this.index.amount >= 0 ? amountCents - balanceCents : 0;
    }
    if (balanceCents !== null && this.index.amount >= 0) return amountCents - balanceCents;
    if (this.index.balance >= 0 && this.index.amount < 0) return 0;
    return paidDay !== null || paidStatus ? amountCents : 0;
  }

  private isBlankRow(row: readonly Cell[]): boolean {
    for (const cell of row) if (!isBlank(cell)) return false;
    return true;
  }
}
