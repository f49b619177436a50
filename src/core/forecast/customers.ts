import { openCentsAt } from '../balances';
import type { CalendarDay } from '../calendar';
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
  /** Mean lateness of the newer half of paid invoices minus the older half; NaN with fewer than four. */
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
 * B over 7 days overdue, or over 3 days late on average; A otherwise.
 */
export function customerStandings(table: InvoiceTable, model: PaymentModel): CustomerStanding[] {
  const asOfDay = model.asOfDay;
  const lines = new Map<string, CustomerStanding & { lateness: Array<[CalendarDay, number]> }>();
  for (let i = 0; i < table.size; i++) {
    const key = `${table.currency[i]}\u0000${table.customer[i]}`;
    let line = lines.get(key);
    if (!line) {
      line = {
        customer: table.customer[i],
        currency: table.currency[i],
        openCents: 0,
        overdueCents: 0,
        oldestOverdueDays: 0,
        paidCount: 0,
        averageDaysLate: Number.NaN,
        sharePaidLate: Number.NaN,
        trendDays: Number.NaN,
        nextPaymentDay: Number.NaN,
        grade: 'A',
        lateness: [],
      };
      lines.set(key, line);
    }
    if (isHistory(table, i, asOfDay)) line.lateness.push([table.paidDay[i], table.paidDay[i] - table.dueDay[i]]);
    const open = openCentsAt(table, i, asOfDay);
    if (open === null || open === 0) continue;
    line.openCents += open;
    if (open < 0) continue;
    const overdueDays = asOfDay - table.dueDay[i];
    if (overdueDays > 0) {
      line.overdueCents += open;
      line.oldestOverdueDays = Math.max(line.oldestOverdueDays, overdueDays);
    }
    const expected = paymentDays(model, table, i);
    if (!(line.nextPaymentDay <= expected)) line.nextPaymentDay = expected;
  }

  const standings = [...lines.values()].map(({ lateness, ...line }) => {
    lateness.sort((a, b) => a[0] - b[0]);
    const days = lateness.map(([, late]) => late);
    line.paidCount = days.length;
    if (days.length) {
      line.averageDaysLate = mean(days);
      line.sharePaidLate = days.filter((late) => late > 0).length / days.length;
    }
    if (days.length >= 4) {
      const half = Math.floor(days.length / 2);
      line.trendDays = mean(days.slice(days.length - half)) - mean(days.slice(0, half));
    }
    line.grade = riskGrade(line.oldestOverdueDays, line.averageDaysLate);
    return line;
  });
  return standings.sort(
    (a, b) => (a.grade < b.grade ? 1 : a.grade > b.grade ? -1 : 0) || b.overdueCents - a.overdueCents || (a.customer < b.customer ? -1 : a.customer > b.customer ? 1 : 0),
  );
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

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}
