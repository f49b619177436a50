import { openCentsAt } from '../balances';
import type { CalendarDay } from '../calendar';
import type { InvoiceTable } from '../invoices';
import { invoiceKey, lateFeeCents } from '../reminders/cadence';
import type { Policy, Step } from '../reminders/policy';

/** One open invoice of a customer's account on a day. */
export interface OpenInvoice {
  index: number;
  /** The invoice's number, or "" when the table has none (documents name it by its date). */
  label: string;
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
  overdueCents: number;
  oldestDaysOverdue: number;
  feeCents: number;
}

/** The invoices' customers and currencies, each with its account on `today`. */
export function accountsOf(table: InvoiceTable, today: CalendarDay, policy: Policy, stepsOf: (customer: string) => readonly Step[] = () => policy.steps): Map<string, Account> {
  const accounts = new Map<string, Account>();
  for (let i = 0; i < table.size; i++) {
    const id = accountId(table.customer[i], table.currency[i]);
    let account = accounts.get(id);
    if (!account) accounts.set(id, (account = { customer: table.customer[i], currency: table.currency[i], invoices: [], open: [], balanceCents: 0, overdueCents: 0, oldestDaysOverdue: 0, feeCents: 0 }));
    account.invoices.push(i);
    const open = openCentsAt(table, i, today);
    if (!open) continue;
    account.balanceCents += open;
    if (open < 0) continue;
    const daysOverdue = today - table.dueDay[i];
    const feeCents = lateFeeCents(open, table.dueDay[i], today, stepsOf(table.customer[i]), policy);
    account.open.push({ index: i, label: table.number[i] ?? '', key: invoiceKey(table, i), invoiceDay: table.invoiceDay[i], dueDay: table.dueDay[i], daysOverdue, openCents: open, feeCents });
    if (daysOverdue > 0) {
      account.overdueCents += open;
      account.oldestDaysOverdue = Math.max(account.oldestDaysOverdue, daysOverdue);
      account.feeCents += feeCents;
    }
  }
  return accounts;
}

export function accountId(customer: string, currency: string): string {
  return `${currency}\u0000${customer}`;
}
