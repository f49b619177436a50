import type { CalendarDay } from '../calendar';
import { amountInCents, CellError, describeCell, type Cell } from '../cells';
import type { ColumnMap } from '../columns';
import type { InvoiceTable } from '../invoices';
import type { LocaleConventions } from '../locale';
import { dayCell, type DayCell } from '../output';
import { allocateOldestFirst } from './matcher';
import { NEW_COLUMN_HEADERS, paymentWords, ROW_LABEL_PATTERN, type PaymentWords } from './paymentWords';
import { invoiceKeys } from './references';
import type { PaymentRow } from './paymentsSheet';

/** A cell an apply writes: 1-based row and column of the sheet range it was read from, what it held and what it gets. */
export interface CellChange {
  row: number;
  column: number;
  before: Cell;
  after: Cell | DayCell;
}

export interface ApplyPlan {
  /** Cells of the invoice table (row 1 = its header row). */
  invoiceCells: CellChange[];
  /** Headers of columns the table lacked and gets at its right edge (at `invoiceCells`' columns). */
  newColumns: Array<{ column: number; header: string }>;
  /** The payment rows applied: their row and the "Applied" text. */
  applied: Array<{ row: number; text: string }>;
  /** Ticked rows that were not applied, and why. */
  problems: string[];
}

export interface ApplyInput {
  /** Rows of the Payments sheet, read. */
  payments: readonly (PaymentRow | null)[];
  table: InvoiceTable;
  /** The invoice table's cells as read (header first) and their formulas, same shape. */
  rows: readonly (readonly Cell[])[];
  formulas: readonly (readonly string[])[];
  conventions: LocaleConventions;
  today: CalendarDay;
  /** The spreadsheet's locale: the words and number format of the "Applied" text and of added columns' headers (ru_RU: Russian). */
  locale?: string;
}

/**
 * What "Apply matches" writes: for each ticked payment not applied before,
 * its amount across the invoices its row names, oldest first, each up to
 * what is still open. The table's paid amount goes up (or its balance
 * down) and its paid date becomes the payment's; a table with neither a
 * paid amount nor a balance column gets a "Paid amount" column (filled
 * with what each row already counts as paid, so nothing reads differently),
 * and one without a paid date gets "Paid date". A cell holding a formula
 * is never written: that payment is reported instead.
 */
export function planApply(input: ApplyInput): ApplyPlan {
  const { table, rows, formulas } = input;
  const words = paymentWords(input.locale);
  const label = (i: number) => table.number[i] || words.row(table.row[i]);
  const plan: ApplyPlan = { invoiceCells: [], newColumns: [], applied: [], problems: [] };
  const width = rows[0]?.length ?? 0;
  const columns: ColumnMap = table.columns;
  const paidAt = columns.paidAmount?.index ?? (columns.balance ? -1 : width);
  const balanceAt = paidAt < 0 ? (columns.balance?.index ?? -1) : -1;
  const dateAt = columns.paidDate?.index ?? (paidAt === width ? width + 1 : width);
  const headers = NEW_COLUMN_HEADERS[words.language];
  if (paidAt === width) plan.newColumns.push({ column: width + 1, header: headers.paidAmount });
  if (!columns.paidDate) plan.newColumns.push({ column: dateAt + 1, header: headers.paidDate });

  const remaining = new Float64Array(table.size);
  for (let i = 0; i < table.size; i++) remaining[i] = Math.max(0, table.amountCents[i] - table.paidCents[i]);
  const added = new Float64Array(table.size);
  const lastDay = new Float64Array(table.size).fill(Number.NaN);

  for (const payment of input.payments) {
    if (!payment || !payment.apply || payment.applied) continue;
    const where = `Payments row ${payment.row}`;
    const found = findInvoices(table, payment.invoices);
    if (typeof found === 'string') {
      plan.problems.push(`${where}: ${found}`);
      continue;
    }
    const wrongCurrency = found.find((i) => payment.currency && table.currency[i] && payment.currency !== table.currency[i]);
    if (wrongCurrency !== undefined) {
      plan.problems.push(`${where}: the payment is in ${payment.currency}, invoice ${label(wrongCurrency)} in ${table.currency[wrongCurrency]}; enter it by hand`);
      continue;
    }
    const blocked = found.find((i) => formulaAt(formulas, table.row[i], paidAt >= 0 ? paidAt : balanceAt) || formulaAt(formulas, table.row[i], dateAt));
    if (blocked !== undefined) {
      plan.problems.push(`${where}: invoice ${label(blocked)} (row ${table.row[blocked]}) has a formula in its paid amount, balance or paid date; enter it by hand`);
      continue;
    }
    const ordered = [...found].sort((a, b) => table.dueDay[a] - table.dueDay[b] || table.row[a] - table.row[b]);
    const { allocations, left } = allocateOldestFirst(payment.amountCents, ordered, remaining);
    if (!allocations.length) {
      plan.problems.push(`${where}: ${found.map(label).join(', ')} ${found.length > 1 ? 'are' : 'is'} already paid`);
      continue;
    }
    for (const { invoice, cents } of allocations) {
      remaining[invoice] -= cents;
      added[invoice] += cents;
      if (!(lastDay[invoice] >= payment.day)) lastDay[invoice] = payment.day;
    }
    plan.applied.push({ row: payment.row, text: appliedText(words, input.today, allocations.map(({ invoice, cents }) => [label(invoice), cents]), left, payment.currency) });
  }

  for (let i = 0; i < table.size; i++) {
    const row = table.row[i];
    const cells = rows[row - 1] ?? [];
    if (paidAt === width) {
      // A new paid-amount column carries what every row already counts as paid.
      const paid = table.paidCents[i] + added[i];
      if (paid !== 0) plan.invoiceCells.push({ row, column: paidAt + 1, before: '', after: paid / 100 });
    } else if (added[i] > 0 && paidAt >= 0) {
      plan.invoiceCells.push({ row, column: paidAt + 1, before: cells[paidAt] ?? '', after: (table.paidCents[i] + added[i]) / 100 });
    } else if (added[i] > 0) {
      const balance = balanceCents(cells[balanceAt], input.conventions);
      plan.invoiceCells.push({ row, column: balanceAt + 1, before: cells[balanceAt] ?? '', after: (balance - added[i]) / 100 });
    }
    if (added[i] > 0) plan.invoiceCells.push({ row, column: dateAt + 1, before: dateAt < width ? (cells[dateAt] ?? '') : '', after: dayCell(lastDay[i]) });
  }
  return plan;
}

function balanceCents(cell: Cell, conventions: LocaleConventions): number {
  try {
    return amountInCents(cell, conventions) ?? 0;
  } catch (error) {
    if (error instanceof CellError) return 0;
    throw error;
  }
}

function formulaAt(formulas: readonly (readonly string[])[], row: number, column: number): boolean {
  return column >= 0 && Boolean(formulas[row - 1]?.[column]);
}

/** The "Applied" cell: "2026-10-12: INV-1 500.00 USD; 10.00 USD left over", "12.10.2026: 145 — 1 000,00 RUB; осталось 10,00 RUB". */
function appliedText(words: PaymentWords, today: CalendarDay, parts: Array<[string, number]>, left: number, currency: string): string {
  const money = (cents: number) => words.money(cents, currency);
  const ru = words.language === 'ru';
  const list = parts.map(([name, cents]) => (ru ? `${name} — ${money(cents)}` : `${name} ${money(cents)}`)).join('; ');
  const rest = left > 0 ? (ru ? `; не распределено ${money(left)}` : `; ${money(left)} left over`) : '';
  return `${words.day(today)}: ${list}${rest}`;
}

/** The invoices a cell of the Payments sheet names ("145, 146", "INV-0412", "row 12"); or why it names none. */
export function findInvoices(table: InvoiceTable, text: string): number[] | string {
  const names = text.split(/\s*(?:[,;]|\s\+\s|\sи\s|\sand\s)\s*/i).map((name) => name.trim()).filter(Boolean);
  if (!names.length) return 'no invoice in the Invoices column';
  const found: number[] = [];
  for (const name of names) {
    const byRow = ROW_LABEL_PATTERN.exec(name);
    const matches: number[] = [];
    const key = invoiceKeys(name).whole;
    for (let i = 0; i < table.size; i++) {
      if (byRow ? table.row[i] === Number(byRow[1]) : (table.number[i] ?? '') !== '' && invoiceKeys(table.number[i]).whole === key) matches.push(i);
    }
    // "00000145" typed into the Invoices cell is the number 145 there: a number of digits only matches without its leading zeros.
    if (matches.length === 0 && !byRow && /^\d+$/.test(name)) {
      const digits = name.replace(/^0+(?=\d)/, '');
      for (let i = 0; i < table.size; i++) if (/^\d+$/.test(table.number[i] ?? '') && table.number[i].replace(/^0+(?=\d)/, '') === digits) matches.push(i);
    }
    if (matches.length === 0) return `invoice ${describeCell(name)} is not in the invoice table`;
    if (matches.length > 1) return `invoice ${describeCell(name)} is in the invoice table ${matches.length} times (rows ${matches.map((i) => table.row[i]).join(', ')}); name it by row, like "row ${table.row[matches[0]]}"`;
    if (!found.includes(matches[0])) found.push(matches[0]);
  }
  return found;
}

