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
import { detectColumns, FIELD_LABELS, listHeaders, type ColumnMap, type ColumnOverrides, type Field } from './columns';
import { localeConventions, type LocaleConventions } from './locale';

/**
 * One invoice (or credit note, when the amount is negative) as a row gives
 * it. The scanner hands the same record to every call of the visitor,
 * refilled: copy what you keep.
 */
export interface InvoiceRecord {
  /** 1-based row within the table; the header is row 1. */
  row: number;
  customer: string;
  /** Upper-case code, or "" when the row names none (see `ScanSummary.mainCurrency`). */
  currency: string;
  number: string;
  /** Calendar day; NaN when the table has no invoice date. */
  invoiceDay: CalendarDay;
  dueDay: CalendarDay;
  amountCents: number;
  /** Paid so far, whatever the date of the payment. */
  paidCents: number;
  /** When the payment was made; NaN when the table does not say. */
  paidDay: CalendarDay;
  email: string;
  disputed: boolean;
  channel: string;
}

/** What a row holds when it is not an invoice (an invoice row's kind is its index, 0 or more). */
export const ROW_HEADER = -1;
export const ROW_BLANK = -2;
export const ROW_VOID = -3;
export const ROW_UNREADABLE = -4;

export interface UnreadableRow {
  /** 1-based row within the table. */
  row: number;
  reason: string;
}

export interface ScanSummary {
  columns: ColumnMap;
  /** Per input row: the invoice's index (0 or more), or ROW_HEADER, ROW_BLANK, ROW_VOID, ROW_UNREADABLE; empty unless `alignRows`. */
  rowKinds: Int32Array;
  unreadable: UnreadableRow[];
  invoiceCount: number;
  /** The most common currency, which invoices naming none are in; "" when no row names one. */
  mainCurrency: string;
}

export interface ReadOptions {
  /** The spreadsheet's time zone, in which `Date` cells are read. */
  timeZone: string;
  /** The spreadsheet's locale (`en_US`, `ru_RU`), which settles "3/4/2026" and "1,234". */
  locale: string;
  /** Days from invoice date to due date when the table has no due date; 30 by default. */
  termsDays?: number;
  /** The user's corrections of the detected columns. */
  columns?: ColumnOverrides;
  /** Whether to record what each row was (`rowKinds`), which only row-aligned results need; true by default. */
  alignRows?: boolean;
}

/** Visits every invoice of a table once, in row order. */
export type InvoiceVisitor = (invoice: Readonly<InvoiceRecord>, index: number) => void;

/** Anything that can walk a table's invoices: the rows themselves, or a table read before. */
export type InvoiceSource = (visit: InvoiceVisitor) => ScanSummary;

/** A table that cannot be read at all: the message names what is missing and what was found. */
export class TableError extends Error {}

const VOID_STATUS = /^(void|voided|cancel+ed|draft|deleted|отмен[её]н\w*|аннулирован\w*|черновик|удал[её]н\w*)$/i;
const PAID_STATUS = /^(paid|paid in full|closed|settled|оплачен\w*|закрыт\w*|погашен\w*)$/i;
const DISPUTED_STATUS = /^(disputed?|in dispute|спор\w*|оспорен\w*|претензия)$/i;

/** The rows of a range, read as they are walked: nothing is kept per row. */
export function rowSource(rows: readonly (readonly Cell[])[], options: ReadOptions): InvoiceSource {
  return (visit) => scanInvoiceRows(rows, options, visit);
}

/**
 * Reads an invoice table (a range whose first row holds the headers) row by
 * row, handing each invoice to `visit`. Rows that cannot be read are
 * reported in `unreadable` and marked in `rowKinds`, never dropped silently.
 * Sheets hands over tens of thousands of rows and a custom function has 30
 * seconds, so nothing is allocated per row.
 */
export function scanInvoiceRows(rows: readonly (readonly Cell[])[], options: ReadOptions, visit: InvoiceVisitor): ScanSummary {
  if (rows.length === 0) throw new TableError('the range is empty: select the invoice table with its header row');
  const headers = rows[0];
  const columns = detectColumns(headers, options.columns);
  requireColumns(columns, headers);

  const conventions = localeConventions(options.locale);
  const reading: DateReading = { calendar: new ZoneCalendar(options.timeZone), conventions };
  const alignRows = options.alignRows ?? true;
  const summary: ScanSummary = { columns, rowKinds: new Int32Array(alignRows ? rows.length : 0), unreadable: [], invoiceCount: 0, mainCurrency: '' };
  if (alignRows) summary.rowKinds[0] = ROW_HEADER;
  const reader = new RowReader(columns, reading, conventions, options.termsDays ?? 30);
  for (let index = 1; index < rows.length; index++) {
    const kind = reader.read(rows[index], index + 1);
    if (kind === RowReader.INVOICE) {
      visit(reader.record, summary.invoiceCount);
      if (alignRows) summary.rowKinds[index] = summary.invoiceCount;
      summary.invoiceCount++;
    } else {
      if (alignRows) summary.rowKinds[index] = kind;
      if (kind === ROW_UNREADABLE) summary.unreadable.push({ row: index + 1, reason: reader.reason });
    }
  }
  summary.mainCurrency = reader.mainCurrency();
  return summary;
}

function requireColumns(columns: ColumnMap, headers: readonly Cell[]): void {
  const missing: string[] = [];
  if (!columns.customer) missing.push('no customer column');
  if (!columns.amount && !columns.balance) missing.push('no amount or balance column');
  if (!columns.dueDate && !columns.invoiceDate) missing.push('no due date or invoice date column');
  if (missing.length) throw new TableError(`${missing.join(', ')} (headers: ${listHeaders(headers)})`);
}

/** Text of a cell, trimmed; "" when the column is absent or the cell blank. */
function textAt(row: readonly Cell[], at: number): string {
  if (at < 0) return '';
  const cell = row[at];
  if (typeof cell === 'string') return cell.trim();
  return cell === undefined || cell === null ? '' : String(cell);
}

/** Reads one row at a time into `record`; column positions are resolved once, since this runs per row. */
class RowReader {
  static readonly INVOICE = 0;
  /** The invoice of the last row read as one. */
  readonly record: InvoiceRecord = {
    row: 0,
    customer: '',
    currency: '',
    number: '',
    invoiceDay: Number.NaN,
    dueDay: 0,
    amountCents: 0,
    paidCents: 0,
    paidDay: Number.NaN,
    email: '',
    disputed: false,
    channel: '',
  };
  /** Why the last unreadable row could not be read. */
  reason = '';
  private readonly at: Record<Field, number>;
  private readonly headerOf: Record<Field, string>;
  /** Currency codes by the text typed, with how many rows use each. */
  private readonly currencies = new Map<string, { code: string; count: number }>();

  constructor(
    columns: ColumnMap,
    private readonly reading: DateReading,
    private readonly conventions: LocaleConventions,
    private readonly defaultTerms: number,
  ) {
    const position = (field: Field) => columns[field]?.index ?? -1;
    // One literal with every field, so that reads of `at.x` stay monomorphic in the per-row loop.
    this.at = {
      customer: position('customer'),
      invoiceNumber: position('invoiceNumber'),
      invoiceDate: position('invoiceDate'),
      dueDate: position('dueDate'),
      amount: position('amount'),
      paidAmount: position('paidAmount'),
      balance: position('balance'),
      paidDate: position('paidDate'),
      currency: position('currency'),
      email: position('email'),
      status: position('status'),
      terms: position('terms'),
      disputed: position('disputed'),
      channel: position('channel'),
    };
    this.headerOf = {} as Record<Field, string>;
    for (const field of Object.keys(FIELD_LABELS) as Field[]) this.headerOf[field] = columns[field]?.header ?? FIELD_LABELS[field];
  }

  /** Reads one row: INVOICE (and `record` holds it), or ROW_BLANK, ROW_VOID, ROW_UNREADABLE (and `reason` says why). */
  read(row: readonly Cell[], rowNumber: number): number {
    const at = this.at;
    // Most rows name their customer, which settles that they are not blank.
    const customer = textAt(row, at.customer);
    if (customer === '' && isBlankRow(row)) return ROW_BLANK;
    let field: Field = 'status';
    try {
      const status = textAt(row, at.status);
      if (status !== '' && VOID_STATUS.test(status)) return ROW_VOID;

      field = 'customer';
      if (!customer) throw new CellError('is empty');

      field = 'invoiceDate';
      const invoiceDay = at.invoiceDate < 0 ? null : dayOfCell(row[at.invoiceDate], this.reading);
      field = 'dueDate';
      let dueDay = at.dueDate < 0 ? null : dayOfCell(row[at.dueDate], this.reading);
      if (dueDay === null) {
        if (invoiceDay === null) {
          field = at.dueDate >= 0 ? 'dueDate' : 'invoiceDate';
          throw new CellError('is empty');
        }
        field = 'terms';
        dueDay = invoiceDay + ((at.terms < 0 ? null : wholeDays(row[at.terms])) ?? this.defaultTerms);
      }

      field = 'amount';
      const amountCell = at.amount < 0 ? undefined : row[at.amount];
      let amountCents = amountInCents(amountCell, this.conventions);
      field = 'balance';
      const balanceCents = at.balance < 0 ? null : amountInCents(row[at.balance], this.conventions);
      if (amountCents === null) {
        if (balanceCents === null) {
          field = at.amount >= 0 ? 'amount' : 'balance';
          throw new CellError('is empty');
        }
        amountCents = balanceCents;
      }

      field = 'paidDate';
      const paidDay = at.paidDate < 0 ? null : dayOfCell(row[at.paidDate], this.reading);
      field = 'paidAmount';
      const paidStatus = status !== '' && PAID_STATUS.test(status);
      const paidCents = this.paidCents(row, amountCents, balanceCents, paidDay, paidStatus);
      const currency = this.currencyCode(textAt(row, at.currency) || (typeof amountCell === 'string' ? currencyOfText(amountCell) : ''));

      const record = this.record;
      record.row = rowNumber;
      record.customer = customer;
      record.currency = currency;
      record.number = textAt(row, at.invoiceNumber);
      record.invoiceDay = invoiceDay ?? Number.NaN;
      record.dueDay = dueDay;
      record.amountCents = amountCents;
      record.paidCents = paidCents;
      record.paidDay = paidDay ?? Number.NaN;
      record.email = textAt(row, at.email);
      record.disputed = (at.disputed >= 0 && isYes(row[at.disputed])) || (status !== '' && DISPUTED_STATUS.test(status));
      record.channel = textAt(row, at.channel);
      return RowReader.INVOICE;
    } catch (error) {
      if (!(error instanceof CellError)) throw error;
      const index = at[field];
      const cell = index < 0 ? undefined : row[index];
      const found = isBlank(cell) ? error.message : error.message.startsWith('is ') ? `${describeCell(cell)} ${error.message}` : error.message;
      this.reason = `row ${rowNumber}, column "${this.headerOf[field]}": ${found}`;
      return ROW_UNREADABLE;
    }
  }

  /** Upper-case currency code, counted; rows repeat a handful of currencies, so each is converted once. */
  private currencyCode(text: string): string {
    if (text === '') return '';
    let entry = this.lastCurrency;
    if (entry === null || text !== this.lastCurrencyText) {
      entry = this.currencies.get(text) ?? null;
      if (entry === null) this.currencies.set(text, (entry = { code: text.toUpperCase(), count: 0 }));
      this.lastCurrency = entry;
      this.lastCurrencyText = text;
    }
    entry.count++;
    return entry.code;
  }
  private lastCurrency: { code: string; count: number } | null = null;
  private lastCurrencyText = '';

  /** The currency most rows name. */
  mainCurrency(): string {
    const counts = new Map<string, number>();
    for (const { code, count } of this.currencies.values()) counts.set(code, (counts.get(code) ?? 0) + count);
    let main = '';
    let most = 0;
    for (const [code, count] of counts) {
      if (count > most || (count === most && code < main)) {
        main = code;
        most = count;
      }
    }
    return main;
  }

  /**
   * What has been paid: the paid-amount column if there is one, else amount
   * minus balance, else the whole amount once a paid date (or a paid status) is set.
   */
  private paidCents(row: readonly Cell[], amountCents: number, balanceCents: number | null, paidDay: CalendarDay | null, paidStatus: boolean): number {
    const at = this.at;
    if (at.paidAmount >= 0) {
      const cell = row[at.paidAmount];
      if (typeof cell === 'boolean' || (typeof cell === 'string' && YES_NO.test(cell))) return isYes(cell) ? amountCents : 0;
      const paid = amountInCents(cell, this.conventions);
      if (paid !== null) return paid;
      if (paidStatus) return amountCents;
      return balanceCents !== null && at.amount >= 0 ? amountCents - balanceCents : 0;
    }
    if (balanceCents !== null && at.amount >= 0) return amountCents - balanceCents;
    if (at.balance >= 0 && at.amount < 0) return 0;
    return paidDay !== null || paidStatus ? amountCents : 0;
  }
}

const YES_NO = /^\s*(yes|no|да|нет|true|false)\s*$/i;

function isBlankRow(row: readonly Cell[]): boolean {
  for (let i = 0; i < row.length; i++) if (!isBlank(row[i])) return false;
  return true;
}
