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
  type OpenLine = AgingLine & { creditCents: number };
  // Currency, then customer; the currency's map is kept while rows stay in it, and looked up only for open invoices.
  const lines = new Map<string, Map<string, OpenLine>>();
  const newLine = (currency: string, customer: string): OpenLine => ({
    customer,
    currency,
    notDueCents: 0,
    bucketCents: zeros(bucketCount),
    totalCents: 0,
    overdueCents: 0,
    creditCents: 0,
  });
  const mapOf = (currency: string): Map<string, OpenLine> => {
    let byCustomer = lines.get(currency);
    if (!byCustomer) lines.set(currency, (byCustomer = new Map()));
    return byCustomer;
  };
  const lineOf = (currency: string, customer: string): OpenLine => {
    const byCustomer = mapOf(currency);
    let line = byCustomer.get(customer);
    if (!line) byCustomer.set(customer, (line = newLine(currency, customer)));
    return line;
  };
  let lastCurrency = '';
  let lastLines = mapOf('');
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
      lastCurrency = currency;
      lastLines = mapOf(currency);
    }
    let line = lastLines.get(invoice.customer);
    if (line === undefined) lastLines.set(invoice.customer, (line = newLine(currency, invoice.customer)));
    if (open < 0) {
      line.creditCents -= open;
      return;
    }
    const from = byDue ? invoice.dueDay : invoice.invoiceDay;
    if (from !== from) throw noInvoiceDate(invoice.row);
    const bucket = bucketIndex(asOfDay - from, edges, basis);
    if (bucket < 0) line.notDueCents += open;
    else line.bucketCents[bucket] += open;
  });

  // Rows that name no currency are in the table's main one.
  const unnamed = lines.get('');
  if (unnamed && unnamed.size === 0) lines.delete('');
  else if (unnamed && summary.mainCurrency) {
    lines.delete('');
    for (const line of unnamed.values()) {
      const target = lineOf(summary.mainCurrency, line.customer);
      target.notDueCents += line.notDueCents;
      target.creditCents += line.creditCents;
      line.bucketCents.forEach((cents, i) => (target.bucketCents[i] += cents));
    }
  }

  const result: AgingLine[] = [];
  for (const byCustomer of lines.values()) {
    for (const open of byCustomer.values()) {
      // A literal of its own, not a rest copy, which V8 builds far more slowly for thousands of customers.
      const line: AgingLine = { customer: open.customer, currency: open.currency, notDueCents: open.notDueCents, bucketCents: open.bucketCents, totalCents: 0, overdueCents: 0 };
      applyCredit(line, open.creditCents);
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

const ZEROS: readonly number[] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];

/** An array of zeros: a copy of a few, made for each of thousands of customers, is far quicker than filling a new array. */
function zeros(count: number): number[] {
  return count <= ZEROS.length ? ZEROS.slice(0, count) : new Array<number>(count).fill(0);
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
