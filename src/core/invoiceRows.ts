import { calendarDay, dayInTable, dayParts, ZoneCalendar, type CalendarDay } from './calendar';
import {
  amountInCents,
  CellError,
  currencyOfText,
  dayOfCell,
  describeCell,
  isBlank,
  isPadded,
  isYes,
  neverTrimmed,
  unreadableCell,
  wholeDays,
  type Cell,
  type DateReading,
} from './cells';
import { FIELD_LABELS, headerNotFound, locateHeader, loneTextColumn, type ColumnMap, type ColumnOverrides, type Field, type HeaderLayout } from './columns';
import { InvoiceIndex } from './invoiceIndex';
import { jobSplitter, type JobSplitter } from './customerJobs';
import { isCreditType, isUnappliedPaymentType, isCustomerHeading, isReportHeadingText, isReportSummaryText, isSummaryText, levelOfLine, paidMark, parseDocumentName } from './reportLines';
import { localeConventions, localeCurrency, type LocaleConventions } from './locale';

/**
 * One invoice (or credit note, when the amount is negative) as a row gives
 * it. The scanner hands the same record to every call of the visitor,
 * refilled: copy what you keep.
 */
export interface InvoiceRecord {
  /** 1-based row within the range (the sheet's row when the range starts in row 1). */
  row: number;
  /** The customer; a QuickBooks "Customer:Job" gives the customer here and the job in `job` (see customerJobs.ts). */
  customer: string;
  /** The QuickBooks job the invoice is for ("2nd story addition", "A:B" when nested); "" for none. */
  job: string;
  /** A payment received and not yet applied to an invoice (QuickBooks' Payment, Xero's Overpayment, 1C's аванс), not a credit note. */
  payment: boolean;
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
/** Above the header: the report's name, the company, "As of …", blank lines. */
export const ROW_TITLE = -5;
/** A Total, Subtotal, Итого or "Total for X" line: never counted. */
export const ROW_SUMMARY = -6;
/** A line of its own within the table: a customer's name above its invoices, a section such as "Current", a footer. */
export const ROW_HEADING = -7;
/** Another line item of an invoice already counted on an earlier row. */
export const ROW_LINE = -8;

export interface UnreadableRow {
  /** 1-based row within the range. */
  row: number;
  /** Why, naming the row as `ReadOptions.firstRow` says (the sheet's row). */
  reason: string;
}

/** Rows where the balance column disagrees with amount minus paid: the balance is used. */
export interface BalanceConflicts {
  count: number;
  /** The first such row, for the note: `row 7: Open Balance 50.00, Amount 100.00 − Paid 30.00`. */
  first: string;
}

export interface ScanSummary {
  columns: ColumnMap;
  /** Per input row: the invoice's index (0 or more), or ROW_HEADER, ROW_BLANK, ROW_VOID, ROW_UNREADABLE, ROW_TITLE, ROW_SUMMARY, ROW_HEADING, ROW_LINE; empty unless `alignRows`. */
  rowKinds: Int32Array;
  unreadable: UnreadableRow[];
  invoiceCount: number;
  /** The most common currency, which invoices naming none are in; "" when no row names one. */
  mainCurrency: string;
  /** Total and subtotal lines left out. */
  summaryRows: number;
  balanceConflicts: BalanceConflicts;
}

export interface ReadOptions {
  /** The spreadsheet's time zone, in which `Date` cells are read. */
  timeZone: string;
  /** The spreadsheet's locale (`en_US`, `ru_RU`), which settles "3/4/2026" and "1,234". */
  locale: string;
  /** The spreadsheet's currency, for a table that names none (no currency column, no sign in an amount); by default its locale's. */
  currency?: string;
  /** Days from invoice date to due date when the table has no due date; 30 by default. */
  termsDays?: number;
  /** The user's corrections of the detected columns. */
  columns?: ColumnOverrides;
  /** Whether to record what each row was (`rowKinds`), which only row-aligned results need; true by default. */
  alignRows?: boolean;
  /**
   * The sheet's row number of the rows' first, so that messages name the
   * sheet's rows: 1 (the default) for a range that starts in row 1; the
   * header's row where the menu and the daily run read from the header down.
   * `row` and `UnreadableRow.row` still count from the rows' first.
   */
  firstRow?: number;
}

/** Visits every invoice of a table once, in row order. */
export type InvoiceVisitor = (invoice: Readonly<InvoiceRecord>, index: number) => void;

/** Anything that can walk a table's invoices: the rows themselves, or a table read before. */
export type InvoiceSource = (visit: InvoiceVisitor) => ScanSummary;

/** A table that cannot be read at all: the message names what is missing and what was found. */
export class TableError extends Error {}

// Russian endings spelled out: \w knows only Latin letters, so "оплачен\w*" never took "Оплачено".
const VOID_STATUS = /^(void|voided|cancel+ed|draft|deleted|отмен[её]н[а-яё]*|аннулирован[а-яё]*|черновик|удал[её]н[а-яё]*)$/i;
const PAID_STATUS = /^(paid|paid in full|closed|settled|оплачен[а-яё]*|закрыт[а-яё]*|погашен[а-яё]*)$/i;
const DISPUTED_STATUS = /^(disputed?|in dispute|спор[а-яё]*|оспорен[а-яё]*|претензия)$/i;

/** The rows of a range, read as they are walked: nothing is kept per row. */
export function rowSource(rows: readonly (readonly Cell[])[], options: ReadOptions): InvoiceSource {
  return (visit) => scanInvoiceRows(rows, options, visit);
}

/** Amounts above this (a trillion) could not be summed exactly to the cent with others. */
const LARGEST_AMOUNT_CENTS = 1e14;

/**
 * Reads an invoice table row by row, handing each invoice to `visit`. The
 * header may sit below title lines (a report's name, the company, "As of
 * …"): it is looked for in the first rows, and row numbers count from the
 * range's first row, so they are the sheet's when the range starts in row 1.
 * Rows that cannot be read are reported in `unreadable` and marked in
 * `rowKinds`, never dropped silently; totals, headings and further line
 * items of an invoice are recognised and left out. Sheets hands over tens
 * of thousands of rows and a custom function has 30 seconds, so little is
 * allocated per row.
 */
export function scanInvoiceRows(rows: readonly (readonly Cell[])[], options: ReadOptions, visit: InvoiceVisitor): ScanSummary {
  if (rows.length === 0) throw new TableError('the range is empty: select the invoice table with its header row');
  const overrides = options.columns ?? {};
  const located = locateHeader(rows, overrides);
  if (!located) throw new TableError(headerNotFound(rows, overrides));
  const { index: headerIndex, layout } = located;
  const columns = layout.columns;
  const firstDataRow = headerIndex + layout.depth;

  const conventions = localeConventions(options.locale);
  const reading: DateReading = { calendar: new ZoneCalendar(options.timeZone), conventions };
  const alignRows = options.alignRows ?? true;
  const summary: ScanSummary = {
    columns,
    rowKinds: new Int32Array(alignRows ? rows.length : 0),
    unreadable: [],
    invoiceCount: 0,
    mainCurrency: '',
    summaryRows: 0,
    balanceConflicts: { count: 0, first: '' },
  };
  if (alignRows) {
    for (let index = 0; index < headerIndex; index++) summary.rowKinds[index] = isBlankRow(rows[index]) ? ROW_BLANK : ROW_TITLE;
    for (let index = headerIndex; index < firstDataRow; index++) summary.rowKinds[index] = ROW_HEADER;
  }
  const reader = new RowReader(rows, layout, firstDataRow, reading, conventions, options.termsDays ?? 30, summary.balanceConflicts, options.firstRow ?? 1);
  // Only a name with a ':' can be a QuickBooks customer:job: the table is looked over for jobs when the first such name comes, never in books without one.
  let splitJob: JobSplitter | undefined;
  const kinds = alignRows ? summary.rowKinds : null;
  for (let index = firstDataRow; index < rows.length; index++) {
    if (reader.plain) {
      // Rows in the common shape, as many as come in a row; the first it leaves is read in full below.
      index = reader.readPlainRows(index, visit, summary, kinds, splitJob);
      if (index === rows.length) break;
    }
    const kind = reader.read(index);
    if (kind === RowReader.INVOICE) {
      // After the row is read whole: its checks (a repeated invoice) compare the names as the book wrote them.
      const name = reader.record.customer;
      if (splitJob === undefined && name.indexOf(':') >= 0) splitJob = jobSplitter(rows[headerIndex], columns.customer ? columns.customer.index : -1, rows, firstDataRow);
      const parts = splitJob ? splitJob(name) : null;
      if (parts) {
        reader.record.customer = parts.customer;
        reader.record.job = parts.job;
      } else reader.record.job = '';
      visit(reader.record, summary.invoiceCount);
      if (alignRows) summary.rowKinds[index] = summary.invoiceCount;
      summary.invoiceCount++;
    } else {
      if (alignRows) summary.rowKinds[index] = kind;
      if (kind === ROW_UNREADABLE) summary.unreadable.push({ row: index + 1, reason: reader.reason });
      else if (kind === ROW_SUMMARY) summary.summaryRows++;
    }
  }
  // A table that names no currency is in the spreadsheet's: set in the sidebar, else its locale's (en_US USD, ru_RU RUB).
  summary.mainCurrency = reader.mainCurrency() || (options.currency ?? localeCurrency(options.locale));
  return summary;
}

/** Text of a cell, trimmed; "" when the column is absent or the cell blank. */
function textAt(row: readonly Cell[], at: number): string {
  if (at < 0) return '';
  const cell = row[at];
  // Most cells need no trimming: looking at both ends is cheaper than trim(), which this runs several times a row.
  if (typeof cell === 'string') return isPadded(cell) ? cell.trim() : cell;
  return cell === undefined || cell === null ? '' : String(cell);
}

/** Reads one row at a time into `record`; column positions are resolved once, since this runs per row. */
class RowReader {
  static readonly INVOICE = 0;
  /** The invoice of the last row read as one. */
  readonly record: InvoiceRecord = {
    row: 0,
    customer: '',
    job: '',
    payment: false,
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
  private readonly currencies = new Map<string, CurrencyCount>();
  /** The leftmost recognised column: a heading left of it (or in it) names the customer of the rows below. */
  private readonly leftmost: number;
  /** The customer named by the last heading, for rows that leave the customer blank. */
  private groupCustomer = '';
  /** The email on that customer's own line, for its documents below. */
  private groupEmail = '';
  /** Where invoice numbers are (the number column, else 1C's document), -1 when nowhere: line items share one. */
  private readonly numberAt: number;
  /** Rows up to this index are further lines of an invoice read before. */
  private absorbedUntil = -1;
  /** A line-item table's invoices read so far by number, for lines of one invoice that are not together; else null. */
  private readonly invoices: InvoiceIndex | null;
  /** The closing credit of a balance split into Дебет and Кредит (1C's trial balance), -1 when none. */
  private readonly creditAt: number;
  private readonly creditHeader: string;
  /**
   * Whether one column holds counterparties and, below each, its documents
   * (1C's trial balance for account 62, also with accounts and contracts in
   * between): each line is a heading or a document by what it says.
   */
  private readonly levels: boolean;
  /** The account line above (62.01, 62.02) in such a column: one document under two accounts is two entries. */
  private groupAccount = '';

  constructor(
    private readonly rows: readonly (readonly Cell[])[],
    layout: HeaderLayout,
    firstDataRow: number,
    private readonly reading: DateReading,
    private readonly conventions: LocaleConventions,
    private readonly defaultTerms: number,
    private readonly conflicts: BalanceConflicts,
    /** The sheet's row number of `rows[0]`, for messages. */
    private readonly firstRow: number,
  ) {
    const columns = layout.columns;
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
      type: position('type'),
      document: position('document'),
      manager: position('manager'),
      payLink: position('payLink'),
    };
    this.headerOf = {} as Record<Field, string>;
    for (const field of Object.keys(FIELD_LABELS) as Field[]) this.headerOf[field] = columns[field]?.header ?? FIELD_LABELS[field];
    this.leftmost = Math.min(...Object.values(columns).map((column) => column.index));
    this.numberAt = this.at.invoiceNumber >= 0 ? this.at.invoiceNumber : this.at.document;
    // Only a table of line items is indexed by number: finding repeats anywhere costs AR_AGING about four fifths more on 100,000 rows.
    this.invoices = this.numberAt >= 0 && layout.lineItems ? new InvoiceIndex(firstDataRow, rows.length - firstDataRow) : null;
    this.creditAt = layout.creditAt;
    this.creditHeader = layout.creditHeader;
    this.levels = this.at.customer >= 0 && this.at.customer === this.at.document;
    const at = this.at;
    this.plain = !this.levels && this.invoices === null && this.creditAt < 0 && at.balance < 0 && at.customer >= 0 && at.invoiceNumber >= 0 && at.dueDate >= 0 && at.amount >= 0;
  }

  /**
   * Whether rows may be read by `readPlainRows`: a table with a customer, a
   * number, a due date and an amount, and nothing that makes one row depend
   * on others (a balance split in two, 1C's levels, line items spread out).
   */
  readonly plain: boolean;

  /**
   * Reads rows from `from` on while they are the kind most tables are made
   * of, each cell as Sheets hands it (a name, a number, date cells, amounts
   * as numbers), as `read` would, handing each invoice to `visit`, with no
   * more work than that needs: one loop, the columns in locals, nothing
   * allocated; the calls it makes are few and small, so that V8 takes them
   * in line. A date from another realm (not `instanceof Date`) is left to
   * `read`, as any other cell this does not expect. Returns the index of the first row it leaves to `read` (the
   * rows' length when none): every ability of `read` stays, since any row
   * this does not take goes there. A custom function reads 100,000 rows in
   * a few tens of ms this way.
   */
  readPlainRows(from: number, visit: InvoiceVisitor, summary: ScanSummary, kinds: Int32Array | null, splitJob: JobSplitter | undefined): number {
    // A further line of an invoice read in full just before.
    if (from <= this.absorbedUntil) return from;
    const rows = this.rows;
    const at = this.at;
    const customerAt = at.customer;
    const numberAt = at.invoiceNumber;
    const invoiceDateAt = at.invoiceDate;
    const dueDateAt = at.dueDate;
    const amountAt = at.amount;
    const paidAt = at.paidAmount;
    const paidDateAt = at.paidDate;
    const currencyAt = at.currency;
    const [statusAt, typeAt, documentAt, emailAt, disputedAt, channelAt] = [at.status, at.type, at.document, at.email, at.disputed, at.channel];
    const calendar = this.reading.calendar;
    const { offsets, origin } = calendar.steadyTable();
    const record = this.record;
    record.payment = false;
    let lastCurrencyCell: Cell = undefined;
    let currency: CurrencyCount | null = null;
    let otherCurrencyCell: Cell = undefined;
    let otherCurrency: CurrencyCount | null = null;
    let count = summary.invoiceCount;
    let index = from;
    for (; index < rows.length; index++) {
      const row = rows[index];
      const customer = row[customerAt];
      if (typeof customer !== 'string' || customer.length === 0) break;
      if (!(neverTrimmed(customer.charCodeAt(0)) && neverTrimmed(customer.charCodeAt(customer.length - 1))) && isPadded(customer)) break;
      const numberCell = row[numberAt];
      if (typeof numberCell === 'string') {
        if (numberCell.length === 0) break;
        if (!(neverTrimmed(numberCell.charCodeAt(0)) && neverTrimmed(numberCell.charCodeAt(numberCell.length - 1))) && isPadded(numberCell)) break;
      } else if (typeof numberCell !== 'number') break;
      const next = rows[index + 1];
      if (next !== undefined) {
        // Another line of the same invoice right below: `read` adds them up.
        const nextNumber = next[numberAt];
        if (nextNumber === numberCell) break;
        if (typeof nextNumber === 'string' && nextNumber.length > 0 && !(neverTrimmed(nextNumber.charCodeAt(0)) && neverTrimmed(nextNumber.charCodeAt(nextNumber.length - 1))) && isPadded(nextNumber)) break;
      }
      if ((statusAt >= 0 && !isBlank(row[statusAt])) || (typeAt >= 0 && !isBlank(row[typeAt])) || (documentAt >= 0 && !isBlank(row[documentAt]))) break;
      let invoiceDay = Number.NaN;
      if (invoiceDateAt >= 0) {
        const cell = row[invoiceDateAt];
        if (!(cell instanceof Date)) break;
        invoiceDay = dayInTable(offsets, origin, cell.getTime());
        if (invoiceDay !== invoiceDay && (invoiceDay = calendar.dayOfDate(cell)) !== invoiceDay) break;
      }
      const dueCell = row[dueDateAt];
      if (!(dueCell instanceof Date)) break;
      let dueDay = dayInTable(offsets, origin, dueCell.getTime());
      if (dueDay !== dueDay && (dueDay = calendar.dayOfDate(dueCell)) !== dueDay) break;
      const amountCell = row[amountAt];
      if (typeof amountCell !== 'number') break;
      const amountCents = Math.round(amountCell * 100);
      if (!(Math.abs(amountCents) < LARGEST_AMOUNT_CENTS)) break;
      let paidCents = 0;
      if (paidAt >= 0) {
        const cell = row[paidAt];
        if (typeof cell === 'number') {
          paidCents = Math.round(cell * 100);
          if (!(Math.abs(paidCents) < LARGEST_AMOUNT_CENTS)) break;
        } else if (cell !== '') break;
      }
      let paidDay = Number.NaN;
      if (paidDateAt >= 0) {
        const cell = row[paidDateAt];
        if (cell !== '') {
          if (!(cell instanceof Date)) break;
          paidDay = dayInTable(offsets, origin, cell.getTime());
          if (paidDay !== paidDay && (paidDay = calendar.dayOfDate(cell)) !== paidDay) break;
          // A paid date with no paid column means paid in full, as `read` takes it.
          if (paidAt < 0) paidCents = amountCents;
        }
      }
      // A customer cell reading "Total …" is not an invoice.
      if (customerAt === 0 ? isSummaryText(customer) : this.isSummary(row, customer)) break;
      // A QuickBooks customer:job, once `read` has settled whether this book has them.
      let job = '';
      record.customer = customer;
      if (customer.indexOf(':') >= 0) {
        if (splitJob === undefined) break;
        const parts = splitJob ? splitJob(customer) : null;
        if (parts) {
          record.customer = parts.customer;
          job = parts.job;
        }
      }
      record.row = index + 1;
      record.job = job;
      // Rows repeat a handful of currency cells: one is looked up when it is neither the row before's nor the one before that (two currencies alternate).
      const currencyCell = currencyAt < 0 ? '' : row[currencyAt];
      if (currencyCell !== lastCurrencyCell) {
        const previousCell = lastCurrencyCell;
        const previous: CurrencyCount | null = currency;
        currency = currencyCell === otherCurrencyCell ? otherCurrency : this.currencyEntry(textAt(row, currencyAt));
        lastCurrencyCell = currencyCell;
        otherCurrencyCell = previousCell;
        otherCurrency = previous;
      }
      if (currency !== null) currency.count++;
      record.currency = currency === null ? '' : currency.code;
      record.number = typeof numberCell === 'string' ? numberCell : String(numberCell);
      record.invoiceDay = invoiceDay;
      record.dueDay = dueDay;
      record.amountCents = amountCents;
      record.paidCents = paidCents;
      record.paidDay = paidDay;
      record.email = emailAt < 0 ? '' : textAt(row, emailAt);
      record.disputed = disputedAt >= 0 && isYes(row[disputedAt]);
      record.channel = channelAt < 0 ? '' : textAt(row, channelAt);
      visit(record, count);
      if (kinds !== null) kinds[index] = count;
      count++;
    }
    summary.invoiceCount = count;
    return index;
  }

  /** Reads row `index`: INVOICE (and `record` holds it), or another ROW_ kind (and `reason` says why for ROW_UNREADABLE). */
  read(index: number): number {
    const row = this.rows[index];
    const rowNumber = index + 1;
    const at = this.at;
    // Most rows name their customer, which settles that they are not blank.
    let customer = textAt(row, at.customer);
    if (customer === '' && this.isEmpty(row)) return ROW_BLANK;
    if (index <= this.absorbedUntil) return ROW_LINE;
    if (this.isSummary(row, customer)) {
      this.groupCustomer = '';
      this.groupEmail = '';
      return ROW_SUMMARY;
    }
    if (this.levels && customer !== '') {
      const level = levelOfLine(customer);
      if (level !== 'document') {
        // An account, a counterparty or a contract, with its subtotal when it has amounts.
        if (level === 'account') this.groupAccount = customer;
        if (level === 'counterparty') {
          this.groupCustomer = customer;
          this.groupEmail = textAt(row, at.email);
        }
        return this.hasAmount(row) ? ROW_SUMMARY : ROW_HEADING;
      }
      // A document of the counterparty above.
      customer = '';
    }
    // A heading leaves the customer column blank: a customer's name above its invoices, a section ("Current"), a footer.
    const lone = customer === '' ? loneTextColumn(row) : -1;
    if (lone >= 0 && (at.customer < 0 || !this.isField(lone))) {
      const text = String(row[lone]).trim();
      if (lone <= this.leftmost && isCustomerHeading(text)) {
        this.groupCustomer = text;
        this.groupEmail = '';
      } else if (isReportSummaryText(text)) {
        // "Total Bayside Club" on a line of its own ends Bayside Club's rows.
        this.groupCustomer = '';
        this.groupEmail = '';
      }
      return ROW_HEADING;
    }
    if (customer !== '' && this.isGroupRow(index, row)) {
      // A customer's own line above its documents (1C), with its subtotal when it has amounts.
      this.groupCustomer = customer;
      this.groupEmail = textAt(row, at.email);
      return this.hasAmount(row) ? ROW_SUMMARY : ROW_HEADING;
    }
    const line = this.reportLine(row);
    if (line === ROW_SUMMARY) {
      this.groupCustomer = '';
      this.groupEmail = '';
    }
    if (line !== 0) return line;
    const grouped = customer === '';
    if (grouped) customer = this.groupCustomer;
    let field: Field = 'status';
    try {
      const status = textAt(row, at.status);
      if (status !== '' && VOID_STATUS.test(status)) return ROW_VOID;

      field = 'customer';
      if (!customer) {
        throw new CellError(at.customer < 0 ? 'no customer column, and no customer heading above this row' : this.levels ? 'is a document with no counterparty line above it' : 'is empty');
      }

      field = 'document';
      const documentText = textAt(row, at.document);
      const document = documentText === '' ? null : parseDocumentName(documentText);

      field = 'invoiceDate';
      let invoiceDay = at.invoiceDate < 0 ? null : dayOfCell(row[at.invoiceDate], this.reading);
      if (invoiceDay === null && document !== null) {
        field = 'document';
        invoiceDay = dayOfCell(document.date, this.reading);
      }
      field = 'dueDate';
      let dueDay = at.dueDate < 0 ? null : dayOfCell(row[at.dueDate], this.reading);
      if (dueDay === null) {
        if (invoiceDay === null) {
          field = at.dueDate >= 0 ? 'dueDate' : at.invoiceDate >= 0 ? 'invoiceDate' : 'document';
          throw new CellError(field === 'document' && documentText !== '' ? `${describeCell(documentText)} has no date (such as "№ 145 от 02.09.2026")` : 'is empty');
        }
        field = 'terms';
        dueDay = invoiceDay + ((at.terms < 0 ? null : wholeDays(row[at.terms])) ?? this.defaultTerms);
      }

      // Payments and credit memos lower what is owed, whatever sign the export gives them.
      const typeText = textAt(row, at.type) || (document ? document.kind : '');
      const credit = typeText !== '' && isCreditType(typeText);
      this.lineAmounts(index, row, credit);
      const amountCents = this.amount;
      const balanceCents = this.balance;
      let paidCents = this.paid;

      field = 'paidDate';
      const paidDay = this.paidDate(row, invoiceDay ?? dueDay);
      const paidStatus = this.paidMarked || (status !== '' && PAID_STATUS.test(status));
      if (paidStatus && balanceCents === null && paidCents === 0) paidCents = amountCents;
      else if (balanceCents === null && at.paidAmount < 0 && paidDay !== null) paidCents = amountCents;
      const amountCell = at.amount < 0 ? undefined : row[at.amount];
      const currency = this.currencyCode(textAt(row, at.currency) || (typeof amountCell === 'string' ? currencyOfText(amountCell) : ''));

      const record = this.record;
      record.row = rowNumber;
      record.customer = customer;
      record.currency = currency;
      record.number = textAt(row, at.invoiceNumber) || (document ? document.number : documentText);
      record.invoiceDay = invoiceDay ?? Number.NaN;
      record.dueDay = dueDay;
      record.amountCents = amountCents;
      record.paidCents = paidCents;
      record.paidDay = paidDay ?? Number.NaN;
      record.payment = typeText !== '' && amountCents - paidCents < 0 && isUnappliedPaymentType(typeText);
      record.email = textAt(row, at.email) || (grouped ? this.groupEmail : '');
      record.disputed = (at.disputed >= 0 && isYes(row[at.disputed])) || (status !== '' && DISPUTED_STATUS.test(status));
      record.channel = textAt(row, at.channel);
      if (this.invoices !== null && this.isRepeat(index, row, grouped)) return ROW_LINE;
      return RowReader.INVOICE;
    } catch (error) {
      let rowIndex = index;
      let column = -1;
      let header = '';
      if (error instanceof LineError) {
        field = error.field;
        rowIndex = error.rowIndex;
      } else if (error instanceof FieldError) {
        field = error.field;
        [column, header] = [error.column, error.header];
      } else if (!(error instanceof CellError)) {
        throw error;
      }
      const columnIndex = column >= 0 ? column : at[field];
      const cell = columnIndex < 0 ? undefined : this.rows[rowIndex][columnIndex];
      const message = (error as Error).message;
      const where = `column "${header || this.headerOf[field]}": ${unreadableCell(cell, message, this.rows[rowIndex])}`;
      // A line item that cannot be read leaves its invoice unknown; the line's own row says why in turn.
      this.reason = rowIndex === index ? `row ${this.shown(index)}, ${where}` : `row ${this.shown(index)}: its line in row ${this.shown(rowIndex)} cannot be read (${where})`;
      return ROW_UNREADABLE;
    }
  }

  /**
   * A line written for people below the header rather than an invoice:
   * ROW_SUMMARY for "Total Current", "Total Bayside Club", "Percentage of
   * total", "Outstanding"; ROW_HEADING for a title, "As of …", a footer, or
   * a line with nothing of an invoice on it (no number, document, date,
   * amount or balance); 0 for a row that is an invoice. Its first text says
   * which, but only on a row that names no invoice: a customer may be called
   * "Total Logistics".
   */
  private reportLine(row: readonly Cell[]): number {
    let label = -1;
    for (let i = 0; i < row.length; i++) {
      const cell = row[i];
      if (isBlank(cell) || cell === false) continue;
      if (typeof cell === 'string') label = i;
      break;
    }
    if (this.namesInvoice(row, label)) return 0;
    if (label >= 0) {
      const text = (row[label] as string).trim();
      if (isSummaryText(text) || isReportSummaryText(text)) return ROW_SUMMARY;
      if (isReportHeadingText(text)) return ROW_HEADING;
    }
    return this.hasAmount(row) ? 0 : ROW_HEADING;
  }

  /** Whether a row names an invoice: a number or document, or a date where a date goes (the label's own cell aside). */
  private namesInvoice(row: readonly Cell[], label: number): boolean {
    const at = this.at;
    if (at.invoiceNumber >= 0 && at.invoiceNumber !== label && !isBlank(row[at.invoiceNumber])) return true;
    if (at.document >= 0 && at.document !== label && !isBlank(row[at.document])) return true;
    for (const column of [at.invoiceDate, at.dueDate]) {
      if (column < 0 || column === label) continue;
      const cell = row[column];
      if (isBlank(cell)) continue;
      try {
        if (dayOfCell(cell, this.reading) !== null) return true;
      } catch {
        // Text that is not a date: a label, not an invoice's date.
      }
    }
    return false;
  }

  /**
   * Whether row `index`, just read into `record`, is another line of an
   * invoice read on an earlier row that is not right above it: the same
   * number, customer, currency and type. Counted once when it repeats the
   * invoice's totals; when it does not, which total it is counted at is
   * unknown, so the row is refused naming both rows and the columns that
   * differ. A first sight is recorded for the rows to come.
   */
  private isRepeat(index: number, row: readonly Cell[], grouped: boolean): boolean {
    const invoices = this.invoices as InvoiceIndex;
    const cell = row[this.numberAt];
    if (isBlank(cell)) return false;
    const record = this.record;
    // Under 1C's accounts (62.01, 62.02) one document may stand twice: once per account.
    const customer = this.levels ? `${this.groupAccount}\u0000${record.customer}` : record.customer;
    let slot = invoices.start(cell);
    for (let first = invoices.rowAt(slot); first >= 0; slot = invoices.next(slot), first = invoices.rowAt(slot)) {
      if (!invoices.mayMatch(slot)) continue;
      const line = this.rows[first];
      if (!sameNumber(line[this.numberAt], cell) || (invoices.customerOf(first) ?? textAt(line, this.at.customer)) !== customer) continue;
      if (this.rowCurrency(line) !== this.rowCurrency(row) || textAt(line, this.at.type) !== textAt(row, this.at.type)) continue;
      if (invoices.amountOf(first) === record.amountCents && invoices.paidOf(first) === record.paidCents) return true;
      throw this.lineConflict(first);
    }
    invoices.add(slot, index, record.amountCents, record.paidCents, grouped || this.levels ? customer : null);
    return false;
  }

  /** The currency a row names, as `currencyCode` reads it but without counting it. */
  private rowCurrency(row: readonly Cell[]): string {
    const amountCell = this.at.amount < 0 ? undefined : row[this.at.amount];
    return (textAt(row, this.at.currency) || (typeof amountCell === 'string' ? currencyOfText(amountCell) : '')).toUpperCase();
  }

  /** Why a line of an invoice counted on an earlier row is refused: a total that differs, by column. */
  private lineConflict(firstIndex: number): FieldError {
    const invoices = this.invoices as InvoiceIndex;
    const record = this.record;
    const number = describeCell(textAt(this.rows[firstIndex], this.numberAt));
    const where = `row ${this.shown(firstIndex)}, the same invoice ${number} of ${record.customer}${record.currency ? ` in ${record.currency}` : ''}`;
    const amountDiffers = invoices.amountOf(firstIndex) !== record.amountCents;
    const openHere = record.amountCents - record.paidCents;
    const openThere = invoices.amountOf(firstIndex) - invoices.paidOf(firstIndex);
    const parts: Array<[Field, string]> = [];
    if (amountDiffers) parts.push(['amount', `${formatCents(record.amountCents)}, but ${formatCents(invoices.amountOf(firstIndex))} in ${where}`]);
    if (openHere !== openThere || !amountDiffers) {
      const field: Field = this.at.balance >= 0 ? 'balance' : this.at.paidAmount >= 0 ? 'paidAmount' : 'amount';
      const [here, there] = field === 'paidAmount' ? [record.paidCents, invoices.paidOf(firstIndex)] : [openHere, openThere];
      const text = `${formatCents(here)}, but ${formatCents(there)} ${parts.length ? 'there' : `in ${where}`}`;
      if (!parts.some(([other]) => other === field)) parts.push([field, text]);
    }
    const [[field, text], ...others] = parts;
    const also = others.map(([other, otherText]) => `; column "${this.headerOf[other]}": ${otherText}`).join('');
    return new FieldError(field, `${text}${also}: the rows of one invoice must repeat its totals, or stand together to be added up`);
  }

  /** Row `index` as messages name it: the sheet's row when the caller says where the rows start. */
  private shown(index: number): number {
    return index + this.firstRow;
  }

  /** Blank, or nothing in any recognised column (a stray note, an unticked box, a "Last reminder" left behind). */
  private isEmpty(row: readonly Cell[]): boolean {
    if (isBlankRow(row)) return true;
    const at = this.at;
    for (const field of FIELDS_READ) {
      const index = at[field];
      if (index < 0) continue;
      const cell = row[index];
      if (!isBlank(cell) && cell !== false) return false;
    }
    // Only unrecognised columns hold something: a heading or note, unless it is a line of its own.
    return loneTextColumn(row) < 0;
  }

  private isField(column: number): boolean {
    for (const field of FIELDS_READ) if (this.at[field] === column) return true;
    return false;
  }

  /** A Total, Subtotal or Итого line: in its first cell, or where the customer or the invoice number goes. */
  private isSummary(row: readonly Cell[], customer: string): boolean {
    const at = this.at;
    for (let i = 0; i < row.length; i++) {
      const cell = row[i];
      if (cell === '' || cell === null || cell === undefined) continue;
      if (i === at.customer) return isSummaryText(customer);
      if (typeof cell === 'string') {
        const text = cell.trim();
        if (text === '') continue;
        if (isSummaryText(text)) return true;
      }
      break;
    }
    return customer !== '' && isSummaryText(customer);
  }

  /**
   * A customer's line of its own in a report that lists documents under it:
   * no number, document or date on it, and the next row with anything in it
   * leaves the customer blank.
   */
  private isGroupRow(index: number, row: readonly Cell[]): boolean {
    const at = this.at;
    if (!isBlankAt(row, at.invoiceNumber) || !isBlankAt(row, at.document) || !isBlankAt(row, at.invoiceDate) || !isBlankAt(row, at.dueDate)) return false;
    for (let next = index + 1; next < this.rows.length; next++) {
      const below = this.rows[next];
      if (isBlankRow(below)) continue;
      return textAt(below, at.customer) === '' && (textAt(below, at.invoiceNumber) !== '' || textAt(below, at.document) !== '') && !isSummaryTextRow(below);
    }
    return false;
  }

  private hasAmount(row: readonly Cell[]): boolean {
    return !isBlankAt(row, this.at.amount) || !isBlankAt(row, this.at.balance) || !isBlankAt(row, this.creditAt);
  }

  /** What `amountsOf` and `lineAmounts` read last: kept in fields, since this runs per row. */
  private amount = 0;
  private paid = 0;
  private balance: number | null = null;
  /** Whether the last paid-date cell read said "paid". */
  private paidMarked = false;

  /**
   * The amount, paid and balance of the invoice starting at row `index`,
   * into `amount`, `paid`, `balance`: the row's own, or with line items on
   * the rows right below it (same number, customer and type, as exports list
   * them), the invoice's totals counted once when every line repeats them,
   * else the lines added up.
   */
  private lineAmounts(index: number, row: readonly Cell[], credit: boolean): void {
    this.amountsOf(row, index, credit);
    const numberAt = this.numberAt;
    const next = this.rows[index + 1];
    if (numberAt < 0 || next === undefined || !sameNumber(row[numberAt], next[numberAt])) return;
    const [amount, paid, balance] = [this.amount, this.paid, this.balance];
    let [sumAmount, sumPaid, sumBalance] = [amount, paid, balance];
    let repeated = true;
    const key = this.lineKey(row);
    for (let other = index + 1; other < this.rows.length; other++) {
      const line = this.rows[other];
      if (!sameNumber(row[numberAt], line[numberAt]) || this.lineKey(line) !== key) break;
      try {
        this.amountsOf(line, other, credit);
      } catch (error) {
        if (error instanceof FieldError) throw new LineError(error.message, error.field, other);
        throw error;
      }
      this.absorbedUntil = other;
      repeated &&= this.amount === amount && this.paid === paid && this.balance === balance;
      sumAmount += this.amount;
      sumPaid += this.paid;
      sumBalance = sumBalance === null || this.balance === null ? null : sumBalance + this.balance;
    }
    [this.amount, this.paid, this.balance] = repeated ? [amount, paid, balance] : [sumAmount, sumPaid, sumBalance];
  }

  private lineKey(row: readonly Cell[]): string {
    return `${textAt(row, this.at.customer)}\u0000${textAt(row, this.at.type)}`;
  }

  /**
   * A row's amount, what is paid, and the balance if the table has one, into
   * `amount`, `paid`, `balance`. The balance wins: what is paid is then
   * amount minus balance, and where a paid column says otherwise the
   * disagreement is counted.
   */
  private amountsOf(row: readonly Cell[], index: number, credit: boolean): void {
    const at = this.at;
    const amountCell = at.amount < 0 ? undefined : row[at.amount];
    let amount = this.cents(amountCell, 'amount', credit);
    const balance = this.creditAt >= 0 ? this.debitLessCredit(row) : at.balance < 0 ? null : this.cents(row[at.balance], 'balance', credit);
    if (amount === null) {
      if (balance === null) throw new FieldError(at.amount >= 0 ? 'amount' : 'balance', 'is empty');
      amount = balance;
    }
    let paid: number | null = null;
    if (at.paidAmount >= 0) {
      const cell = row[at.paidAmount];
      if (typeof cell === 'number' || cell === '') paid = this.cents(cell, 'paidAmount', credit);
      else if (typeof cell === 'boolean' || (typeof cell === 'string' && YES_NO.test(cell))) paid = isYes(cell) ? amount : 0;
      else paid = this.cents(cell, 'paidAmount', credit);
    }
    this.amount = amount;
    if (balance !== null && at.amount >= 0 && !isBlank(amountCell)) {
      const byBalance = amount - balance;
      if (paid !== null && paid !== byBalance) {
        if (this.conflicts.count === 0) {
          this.conflicts.first = `row ${this.shown(index)}: ${this.headerOf.balance} ${formatCents(balance)}, ${this.headerOf.amount} ${formatCents(amount)} − ${this.headerOf.paidAmount} ${formatCents(paid)}`;
        }
        this.conflicts.count++;
      }
      this.paid = byBalance;
      this.balance = balance;
      return;
    }
    this.paid = paid ?? 0;
    this.balance = balance === null || (at.amount >= 0 && !isBlank(amountCell)) ? null : balance;
  }

  /**
   * A balance split into debit and credit (1C's closing "Дебет | Кредит"):
   * what is owed is the debit less the credit, whatever the document; both
   * blank is a balance of zero (a document settled within the period).
   */
  private debitLessCredit(row: readonly Cell[]): number {
    const debit = this.cents(row[this.at.balance], 'balance', false) ?? 0;
    let credit: number | null;
    try {
      credit = this.cents(row[this.creditAt], 'balance', false);
    } catch (error) {
      if (error instanceof FieldError) throw new FieldError('balance', error.message, this.creditAt, this.creditHeader);
      throw error;
    }
    return debit - Math.abs(credit ?? 0);
  }

  /** An amount in cents; a credit's (a payment's, a credit memo's) is negative whatever sign the export gives it. */
  private cents(cell: Cell, field: Field, credit: boolean): number | null {
    try {
      const cents = amountInCents(cell, this.conventions);
      if (cents === null) return null;
      if (Math.abs(cents) >= LARGEST_AMOUNT_CENTS) throw new CellError('is too large to add up exactly to the cent');
      return credit ? -Math.abs(cents) : cents;
    } catch (error) {
      if (error instanceof CellError) throw new FieldError(field, error.message);
      throw error;
    }
  }

  /** The paid-date column: a date, or "paid", "PAID 9/2", "оплачено 02.09" (paid, and `paidMarked` set; on that date when one is given). */
  private paidDate(row: readonly Cell[], nearDay: CalendarDay): CalendarDay | null {
    this.paidMarked = false;
    const at = this.at;
    if (at.paidDate < 0) return null;
    const cell = row[at.paidDate];
    if (cell === '') return null;
    if (typeof cell === 'string') {
      const mark = paidMark(cell);
      if (mark) {
        this.paidMarked = true;
        return mark.date === '' ? null : this.dayOfMark(mark.date, nearDay);
      }
    }
    return dayOfCell(cell, this.reading);
  }

  /** A date typed after "paid": in full, or day and month only ("9/2", "02.09"), in the year that puts it on or after the invoice. */
  private dayOfMark(text: string, nearDay: CalendarDay): CalendarDay {
    const short = /^(\d{1,2})[./](\d{1,2})$/.exec(text);
    if (!short) return dayOfCell(text, this.reading) as CalendarDay;
    const [first, second] = [Number(short[1]), Number(short[2])];
    const dayFirst = text.includes('.') || (first > 12 ? true : second > 12 ? false : this.conventions.dayFirst);
    const [month, day] = dayFirst ? [second, first] : [first, second];
    const { year } = dayParts(nearDay);
    const thisYear = calendarDay(year, month, day);
    if (Number.isNaN(thisYear)) throw new CellError(`${describeCell(text)} is not a date`);
    return thisYear >= nearDay ? thisYear : calendarDay(year + 1, month, day);
  }

  /** The code of a currency cell's text and how many rows name it (not counted here); null for none. */
  private currencyEntry(text: string): CurrencyCount | null {
    if (text === '') return null;
    let entry = this.currencies.get(text);
    if (entry === undefined) this.currencies.set(text, (entry = { code: text.toUpperCase(), count: 0 }));
    return entry;
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
  private lastCurrency: CurrencyCount | null = null;
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
}

/** A currency's code and how many rows name it. */
interface CurrencyCount {
  code: string;
  count: number;
}

/** A cell error that knows its field, from code that reads several fields. */
class FieldError extends CellError {
  constructor(
    readonly field: Field,
    message: string,
    /** The column, when it is not the field's own (the credit half of a split balance). */
    readonly column = -1,
    readonly header = '',
  ) {
    super(message);
  }
}

/** A cell error on another row: a line item of the invoice being read. */
class LineError extends Error {
  constructor(
    message: string,
    readonly field: Field,
    readonly rowIndex: number,
  ) {
    super(message);
  }
}

/** The fields a row is read from; a row with none of them filled is empty. */
const FIELDS_READ: readonly Field[] = ['customer', 'invoiceNumber', 'invoiceDate', 'dueDate', 'amount', 'paidAmount', 'balance', 'paidDate', 'document'];

/** Whether two cells hold the same invoice number (not blank). */
function sameNumber(a: Cell, b: Cell): boolean {
  if (a === b) return !isBlank(a);
  if (typeof a !== 'string' || typeof b !== 'string' || (!isPadded(a) && !isPadded(b))) return false;
  const number = a.trim();
  return number !== '' && number === b.trim();
}

function isBlankAt(row: readonly Cell[], at: number): boolean {
  return at < 0 || isBlank(row[at]);
}

function isSummaryTextRow(row: readonly Cell[]): boolean {
  for (const cell of row) {
    if (isBlank(cell)) continue;
    return typeof cell === 'string' && isSummaryText(cell.trim());
  }
  return false;
}

function formatCents(cents: number): string {
  return (cents / 100).toFixed(2);
}

const YES_NO = /^\s*(yes|no|да|нет|true|false)\s*$/i;

function isBlankRow(row: readonly Cell[]): boolean {
  for (let i = 0; i < row.length; i++) if (!isBlank(row[i])) return false;
  return true;
}
