import { openCentsAt, settleOldestFirst } from '../balances';
import type { InvoiceTable } from '../invoices';
import { isHistory, paymentDays, type PaymentModel } from './paymentModel';

export type RiskGrade = 'A' | 'B' | 'C' | 'D';

/** What a bookkeeper wants to know about one customer in one currency. */
export interface CustomerStanding {
  customer: string;
  currency: string;
  openCents: number;
  overdueCents: number;
  /** Days past due of the oldest overdue invoice; 0 when nothing is overdue. */
  oldestOverdueDays: number;
  paidCount: number;
  /** Mean days from due date to payment of the paid invoices (negative: early); NaN with none. */
  averageDaysLate: number;
  /** Share of paid invoices paid after their due date; NaN with none. */
  sharePaidLate: number;
  /** Mean lateness in the later half of the paying period minus the earlier half; NaN with fewer than four paid. */
  trendDays: number;
  /** When the next payment is expected; NaN when nothing is open. */
  nextPaymentDay: number;
  grade: RiskGrade;
}

/** Days of change in lateness below which a customer is paying as before. */
const STEADY_DAYS = 2;

/**
 * One line per customer and currency, the riskiest first. The grade:
 * D when anything is over 60 days overdue or the customer pays over 30 days
 * late on average; C over 30 days overdue, or over 15 days late on average;
 * B over 7 days overdue, or over 3 days late on average; A otherwise. The
 * trend compares the invoices paid in the later half of the customer's
 * paying period with those of the earlier half (four paid invoices at least).
 * Credit notes are netted as AR_AGING nets them, so the open and overdue
 * balances are AR_AGING's total and overdue for the customer.
 */
export function customerStandings(table: InvoiceTable, model: PaymentModel): CustomerStanding[] {
  const asOfDay = model.asOfDay;
  const lines: CustomerStanding[] = [];
  // A line per customer id and currency number, found through one flat table.
  const currencies = currenciesOf(table);
  const lineAt = new Int32Array(table.customers.length * currencies.length).fill(-1);
  const lineOf = new Int32Array(table.size);
  const paid = new Uint8Array(table.size);
  // Paid invoices: how many, how late, and over which days.
  const lateSum: number[] = [];
  const lateCount: number[] = [];
  const firstPaid: number[] = [];
  const lastPaid: number[] = [];
  // Credit notes and overpayments, in cents (positive), netted once all is read.
  const creditCents: number[] = [];
  let currencyNumber = 0;
  for (let i = 0; i < table.size; i++) {
    const currency = table.currency[i];
    if (currency !== currencies[currencyNumber]) currencyNumber = currencies.indexOf(currency);
    const slot = table.customerId[i] * currencies.length + currencyNumber;
    let index = lineAt[slot];
    if (index < 0) {
      index = lineAt[slot] = lines.push(emptyStanding(table.customer[i], currency)) - 1;
      lateSum.push(0);
      lateCount.push(0);
      firstPaid.push(Infinity);
      lastPaid.push(-Infinity);
      creditCents.push(0);
    }
    lineOf[i] = index;
    const line = lines[index];
    if ((paid[i] = isHistory(table, i, asOfDay) ? 1 : 0)) {
      const late = table.paidDay[i] - table.dueDay[i];
      line.paidCount++;
      lateSum[index] += late;
      if (late > 0) lateCount[index]++;
      if (table.paidDay[i] < firstPaid[index]) firstPaid[index] = table.paidDay[i];
      if (table.paidDay[i] > lastPaid[index]) lastPaid[index] = table.paidDay[i];
    }
    const open = openCentsAt(table, i, asOfDay);
    if (open === null || open === 0) continue;
    line.openCents += open;
    if (open < 0) {
      creditCents[index] -= open;
      continue;
    }
    const overdueDays = asOfDay - table.dueDay[i];
    if (overdueDays > 0) {
      line.overdueCents += open;
      line.oldestOverdueDays = Math.max(line.oldestOverdueDays, overdueDays);
    }
    const expected = paymentDays(model, table, i);
    if (!(line.nextPaymentDay <= expected)) line.nextPaymentDay = expected;
  }

  netCredit(table, asOfDay, lines, lineOf, creditCents);

  // The trend: later half of each customer's paying period against the earlier half.
  const halves = new Float64Array(lines.length * 4);
  for (let i = 0; i < table.size; i++) {
    const line = lineOf[i];
    if (!paid[i] || lines[line].paidCount < 4) continue;
    const later = table.paidDay[i] > (firstPaid[line] + lastPaid[line]) / 2 ? 2 : 0;
    halves[line * 4 + later] += table.paidDay[i] - table.dueDay[i];
    halves[line * 4 + later + 1]++;
  }

  lines.forEach((line, k) => {
    if (line.paidCount) {
      line.averageDaysLate = lateSum[k] / line.paidCount;
      line.sharePaidLate = lateCount[k] / line.paidCount;
    }
    const [earlySum, earlyCount, lateHalfSum, lateHalfCount] = halves.subarray(k * 4, k * 4 + 4);
    if (earlyCount > 0 && lateHalfCount > 0) line.trendDays = lateHalfSum / lateHalfCount - earlySum / earlyCount;
    line.grade = riskGrade(line.oldestOverdueDays, line.averageDaysLate);
  });
  return lines.sort(
    (a, b) => (a.grade < b.grade ? 1 : a.grade > b.grade ? -1 : 0) || b.overdueCents - a.overdueCents || (a.customer < b.customer ? -1 : a.customer > b.customer ? 1 : 0),
  );
}

/**
 * Sets each customer's credit against their overdue invoices oldest first
 * (then against what is not yet due), as AR_AGING and the reminders do: the
 * overdue balance is what the credit leaves of them, never more than the
 * customer owes, and the oldest overdue invoice is the oldest it leaves open.
 */
function netCredit(table: InvoiceTable, asOfDay: number, lines: CustomerStanding[], lineOf: Int32Array, creditCents: readonly number[]): void {
  // Only customers with both credit and overdue invoices: a second look at their rows.
  const overdueOf = new Map<number, Array<{ days: number; cents: number }>>();
  lines.forEach((line, k) => {
    if (creditCents[k] > 0 && line.overdueCents > 0) overdueOf.set(k, []);
  });
  if (overdueOf.size === 0) return;
  for (let i = 0; i < table.size; i++) {
    const invoices = overdueOf.get(lineOf[i]);
    if (!invoices) continue;
    const open = openCentsAt(table, i, asOfDay);
    const days = asOfDay - table.dueDay[i];
    if (open !== null && open > 0 && days > 0) invoices.push({ days, cents: open });
  }
  for (const [k, invoices] of overdueOf) {
    invoices.sort((a, b) => b.days - a.days);
    const { settledCents } = settleOldestFirst(invoices.map((invoice) => invoice.cents), creditCents[k]);
    const line = lines[k];
    line.overdueCents = invoices.reduce((sum, invoice, n) => sum + invoice.cents - settledCents[n], 0);
    line.oldestOverdueDays = invoices.find((invoice, n) => invoice.cents > settledCents[n])?.days ?? 0;
  }
}

/** The table's currencies; rows mostly repeat the one before, so only a change is looked up. */
function currenciesOf(table: InvoiceTable): string[] {
  const currencies: string[] = [];
  let last: string | undefined;
  for (let i = 0; i < table.size; i++) {
    const currency = table.currency[i];
    if (currency !== last && !currencies.includes(currency)) currencies.push(currency);
    last = currency;
  }
  return currencies;
}

function emptyStanding(customer: string, currency: string): CustomerStanding {
  return {
    customer,
    currency,
    openCents: 0,
    overdueCents: 0,
    oldestOverdueDays: 0,
    paidCount: 0,
    averageDaysLate: Number.NaN,
    sharePaidLate: Number.NaN,
    trendDays: Number.NaN,
    nextPaymentDay: Number.NaN,
    grade: 'A',
  };
}

/** The grade from how overdue the customer is now and how late they have paid. */
export function riskGrade(oldestOverdueDays: number, averageDaysLate: number): RiskGrade {
  const late = Number.isNaN(averageDaysLate) ? 0 : averageDaysLate;
  if (oldestOverdueDays > 60 || late > 30) return 'D';
  if (oldestOverdueDays > 30 || late > 15) return 'C';
  if (oldestOverdueDays > 7 || late > 3) return 'B';
  return 'A';
}

/** "paying later (+4.2 days)", "paying earlier (−3.0 days)", "steady", or "" with too little history. */
export function describeTrend(trendDays: number): string {
  if (Number.isNaN(trendDays)) return '';
  if (Math.abs(trendDays) < STEADY_DAYS) return 'steady';
  return trendDays > 0 ? `paying later (+${trendDays.toFixed(1)} days)` : `paying earlier (−${(-trendDays).toFixed(1)} days)`;
}
