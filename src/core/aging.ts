import { openCentsAsOf, settleOldestFirst } from './balances';
import { bucketIndex, bucketLabels, type AgingBasis } from './buckets';
import type { CalendarDay } from './calendar';
import type { BalanceConflicts, InvoiceSource, UnreadableRow } from './invoiceRows';

export interface AgingOptions {
  asOfDay: CalendarDay;
  edges: readonly number[];
  basis: AgingBasis;
}

/** One customer's open balance in one currency, split by age. */
export interface AgingLine {
  customer: string;
  currency: string;
  /** Not yet due (basis "due" only), in cents. */
  notDueCents: number;
  /** One sum per bucket, in cents. */
  bucketCents: number[];
  totalCents: number;
  overdueCents: number;
}

export interface AgingReport {
  basis: AgingBasis;
  labels: string[];
  currencies: string[];
  /** Per currency (alphabetical), customers with the largest overdue first. */
  lines: AgingLine[];
  /** One line per currency, customer "Total". */
  totals: AgingLine[];
  unreadable: UnreadableRow[];
  /** Total and subtotal lines of the table, left out. */
  summaryRows: number;
  /** The report's day. */
  asOfDay: CalendarDay;
  /** Invoices dated after the report's day, left out: they did not exist yet (issue 23, item 3). */
  laterInvoices: number;
  balanceConflicts: BalanceConflicts;
}

/**
 * Ages the open balances of a table as of a day. Sums are in integer cents.
 * A credit note nets against its customer in the same currency, settling the
 * oldest debt first; a credit left over shows as a negative "Not due".
 */
export function ageReceivables(source: InvoiceSource, options: AgingOptions): AgingReport {
  const { asOfDay, edges, basis } = options;
  const bucketCount = edges.length + 1;
  const sums = new LineSums(bucketCount);
  const width = sums.width;
  // The currency's customers are kept while rows stay in it, and the other's before it: books in two currencies switch back and forth.
  let lastCurrency = '';
  let otherCurrency = '';
  let lastLines = sums.linesOf('');
  let otherLines = lastLines;
  const byDue = basis === 'due';

  let laterInvoices = 0;
  const summary = source((invoice) => {
    const open = openCentsAsOf(invoice, asOfDay);
    if (open === null) {
      laterInvoices++;
      return;
    }
    if (open === 0) return;
    const currency = invoice.currency;
    if (currency !== lastCurrency) {
      const previous = lastCurrency;
      const previousLines = lastLines;
      lastLines = currency === otherCurrency ? otherLines : sums.linesOf(currency);
      lastCurrency = currency;
      otherCurrency = previous;
      otherLines = previousLines;
    }
    let line = lastLines.get(invoice.customer);
    if (line === undefined) line = sums.add(invoice.customer, lastLines);
    const at = line * width;
    if (open < 0) {
      sums.cents[at + CREDIT] -= open;
      return;
    }
    const from = byDue ? invoice.dueDay : invoice.invoiceDay;
    if (from !== from) throw noInvoiceDate(invoice.row);
    // Not due (-1) sits right before the first bucket.
    sums.cents[at + FIRST_BUCKET + bucketIndex(asOfDay - from, edges, basis)] += open;
  });

  // Rows that name no currency are in the table's main one.
  const unnamed = sums.byCurrency.get('');
  if (unnamed && unnamed.size === 0) sums.byCurrency.delete('');
  else if (unnamed && summary.mainCurrency) {
    sums.byCurrency.delete('');
    const main = sums.linesOf(summary.mainCurrency);
    for (const [customer, line] of unnamed) {
      const target = main.get(customer) ?? sums.add(customer, main);
      const cents = sums.cents;
      for (let k = 0; k < width; k++) cents[target * width + k] += cents[line * width + k];
    }
  }

  const result: AgingLine[] = [];
  const cents = sums.cents;
  for (const [currency, byCustomer] of sums.byCurrency) {
    for (const [customer, index] of byCustomer) {
      const at = index * width;
      const bucketCents = new Array<number>(bucketCount);
      for (let k = 0; k < bucketCount; k++) bucketCents[k] = cents[at + FIRST_BUCKET + k];
      const line: AgingLine = { customer, currency, notDueCents: cents[at + NOT_DUE], bucketCents, totalCents: 0, overdueCents: 0 };
      applyCredit(line, cents[at + CREDIT]);
      line.overdueCents = basis === 'due' ? sum(line.bucketCents) : sum(line.bucketCents) - line.bucketCents[0];
      line.totalCents = line.notDueCents + sum(line.bucketCents);
      if (line.totalCents !== 0 || line.bucketCents.some((cents) => cents !== 0)) result.push(line);
    }
  }

  const currencies = [...new Set(result.map((line) => line.currency))].sort();
  result.sort(
    (a, b) =>
      compareText(a.currency, b.currency) ||
      b.overdueCents - a.overdueCents ||
      b.totalCents - a.totalCents ||
      compareText(a.customer, b.customer),
  );
  // Nothing open still ends with a Total row of zeros, so formulas pointing at it keep working.
  const totalCurrencies = currencies.length ? currencies : [summary.mainCurrency];
  const totals = totalCurrencies.map((currency) => totalOf(result.filter((line) => line.currency === currency), currency, bucketCount));
  return {
    basis,
    labels: bucketLabels(edges, basis),
    currencies,
    lines: result,
    totals,
    unreadable: summary.unreadable,
    summaryRows: summary.summaryRows,
    asOfDay,
    laterInvoices,
    balanceConflicts: summary.balanceConflicts,
  };
}

/** Where a line's sums sit among its `LineSums.width`: the credit, what is not due, then each bucket. */
const CREDIT = 0;
const NOT_DUE = 1;
const FIRST_BUCKET = 2;

/**
 * The sums of each line (a customer in a currency), in cents, side by side
 * in one typed array: no object per customer for the row loop to reach
 * through, and nothing for the garbage collector but the array.
 */
class LineSums {
  readonly width: number;
  cents: Float64Array;
  private count = 0;
  /** Currency, then customer: the line's index. */
  readonly byCurrency = new Map<string, Map<string, number>>();

  constructor(bucketCount: number) {
    this.width = FIRST_BUCKET + bucketCount;
    this.cents = new Float64Array(this.width * 1024);
  }

  linesOf(currency: string): Map<string, number> {
    let lines = this.byCurrency.get(currency);
    if (lines === undefined) this.byCurrency.set(currency, (lines = new Map()));
    return lines;
  }

  /** A new line of zeros for a customer, entered in its currency's `lines`. */
  add(customer: string, lines: Map<string, number>): number {
    const index = this.count++;
    if (this.count * this.width > this.cents.length) {
      const grown = new Float64Array(this.cents.length * 2);
      grown.set(this.cents);
      this.cents = grown;
    }
    lines.set(customer, index);
    return index;
  }
}

/** Made apart from the visitor, which runs per row and is taken in line the smaller it is. */
function noInvoiceDate(row: number): Error {
  return new Error(`row ${row} has no invoice date, which basis "invoice" needs`);
}

/** Settles the oldest buckets first, then what is not yet due; a credit left over shows as a negative "not due". */
function applyCredit(line: AgingLine, creditCents: number): void {
  if (creditCents <= 0) return;
  const last = line.bucketCents.length - 1;
  const { settledCents, leftoverCents } = settleOldestFirst([...line.bucketCents].reverse(), creditCents);
  settledCents.forEach((settled, k) => (line.bucketCents[last - k] -= settled));
  line.notDueCents -= leftoverCents;
}

function totalOf(lines: AgingLine[], currency: string, bucketCount: number): AgingLine {
  const total: AgingLine = {
    customer: 'Total',
    currency,
    notDueCents: 0,
    bucketCents: new Array<number>(bucketCount).fill(0),
    totalCents: 0,
    overdueCents: 0,
  };
  for (const line of lines) {
    total.notDueCents += line.notDueCents;
    total.totalCents += line.totalCents;
    total.overdueCents += line.overdueCents;
    for (let k = 0; k < bucketCount; k++) total.bucketCents[k] += line.bucketCents[k];
  }
  return total;
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
