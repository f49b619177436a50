import { openCentsAt, settleOldestFirst } from '../balances';
import type { CalendarDay } from '../calendar';
import type { InvoiceTable } from '../invoices';
import { invoiceKey, lateFeeCents } from '../reminders/cadence';
import type { Policy, Step } from '../reminders/policy';

/** One open invoice of a customer's account on a day. */
export interface OpenInvoice {
  index: number;
  /** The invoice's number, or "" when the table has none (documents name it by its date). */
  label: string;
  /** The QuickBooks job the invoice is for; "" for none. */
  job: string;
  key: string;
  invoiceDay: CalendarDay;
  dueDay: CalendarDay;
  daysOverdue: number;
  openCents: number;
  /** Fixed fees of the overdue steps reached plus interest to date, under the policy. */
  feeCents: number;
}

/** A customer's standing in one currency on a day: what letters, statements, tasks and credit status are made of. */
export interface Account {
  customer: string;
  currency: string;
  /** Every invoice of the customer in the currency, open or not, by table order. */
  invoices: number[];
  open: OpenInvoice[];
  /** The whole open balance, credit notes netted. */
  balanceCents: number;
  /** What is overdue after the customer's credit (credit notes, payments on account) settles the oldest debts first, as AR_AGING nets it. */
  overdueCents: number;
  /** The part of that credit set against the overdue invoices. */
  overdueCreditCents: number;
  oldestDaysOverdue: number;
  feeCents: number;
}

/** The invoices' customers and currencies, each with its account on `today`. */
export function accountsOf(table: InvoiceTable, today: CalendarDay, policy: Policy, stepsOf: (customer: string) => readonly Step[] = () => policy.steps): Map<string, Account> {
  const accounts = new Map<string, Account>();
  for (let i = 0; i < table.size; i++) {
    const id = accountId(table.customer[i], table.currency[i]);
    let account = accounts.get(id);
    if (!account) accounts.set(id, (account = { customer: table.customer[i], currency: table.currency[i], invoices: [], open: [], balanceCents: 0, overdueCents: 0, overdueCreditCents: 0, oldestDaysOverdue: 0, feeCents: 0 }));
    account.invoices.push(i);
    const open = openCentsAt(table, i, today);
    if (!open) continue;
    account.balanceCents += open;
    if (open < 0) continue;
    const daysOverdue = today - table.dueDay[i];
    const feeCents = lateFeeCents(open, table.dueDay[i], today, stepsOf(table.customer[i]), policy);
    account.open.push({ index: i, label: table.number[i] ?? '', job: table.job[i] ?? '', key: invoiceKey(table, i), invoiceDay: table.invoiceDay[i], dueDay: table.dueDay[i], daysOverdue, openCents: open, feeCents });
    if (daysOverdue > 0) account.feeCents += feeCents;
  }
  for (const account of accounts.values()) netCredit(account, table, today);
  return accounts;
}

/** The overdue balance and its oldest days with the customer's credit set against the oldest debts first (one rule everywhere: balances.ts). */
function netCredit(account: Account, table: InvoiceTable, today: CalendarDay): void {
  let creditCents = 0;
  for (const i of account.invoices) creditCents -= Math.min(0, openCentsAt(table, i, today) ?? 0);
  const overdue = account.open.filter((line) => line.daysOverdue > 0).sort((a, b) => b.daysOverdue - a.daysOverdue);
  const { settledCents } = settleOldestFirst(overdue.map((line) => line.openCents), creditCents);
  account.overdueCreditCents = settledCents.reduce((sum, cents) => sum + cents, 0);
  account.overdueCents = overdue.reduce((sum, line) => sum + line.openCents, 0) - account.overdueCreditCents;
  account.oldestDaysOverdue = overdue.find((line, n) => line.openCents > settledCents[n])?.daysOverdue ?? 0;
}

export function accountId(customer: string, currency: string): string {
  return `${currency}\u0000${customer}`;
}
