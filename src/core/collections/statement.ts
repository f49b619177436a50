import { openCentsAt } from '../balances';
import type { CalendarDay } from '../calendar';
import type { InvoiceTable } from '../invoices';

/** One line of a statement of account: an invoice, a credit note or a payment, with the balance after it. */
export interface StatementLine {
  day: CalendarDay | null;
  /** 'unapplied': money the customer paid that no invoice has taken yet (QuickBooks' Payment row, Xero's Overpayment), not a credit note. */
  kind: 'invoice' | 'credit' | 'unapplied' | 'payment';
  /** The invoice's number, or "" when the table has none (the document names it by its date). */
  label: string;
  /** The QuickBooks job the invoice is for; "" for none. */
  job: string;
  invoiceDay: CalendarDay;
  dueDay: CalendarDay;
  /** Positive: the customer owes more; negative: less. */
  cents: number;
  balanceCents: number;
}

export interface Statement {
  customer: string;
  currency: string;
  from: CalendarDay;
  to: CalendarDay;
  openingCents: number;
  lines: StatementLine[];
  closingCents: number;
  /** Invoices still open at the end of the period, oldest due first. */
  open: Array<{ label: string; job: string; invoiceDay: CalendarDay; dueDay: CalendarDay; openCents: number; daysOverdue: number }>;
}

/**
 * A customer's statement of account in one currency for the days `from` to
 * `to`: the balance brought forward, every invoice, credit note and payment
 * dated in the period with the running balance, and the invoices still
 * open. The closing balance is what the aging report shows on `to`.
 */
export function statementOf(table: InvoiceTable, customer: string, currency: string, from: CalendarDay, to: CalendarDay): Statement {
  const statement: Statement = { customer, currency, from, to, openingCents: 0, lines: [], closingCents: 0, open: [] };
  const moves: Array<Omit<StatementLine, 'balanceCents'>> = [];
  for (let i = 0; i < table.size; i++) {
    if (table.customer[i] !== customer || table.currency[i] !== currency) continue;
    const label = table.number[i] ?? '';
    const job = table.job[i] ?? '';
    statement.openingCents += openCentsAt(table, i, from - 1) ?? 0;
    const invoiceDay = table.invoiceDay[i];
    // An invoice without a date counts as brought forward.
    if (invoiceDay >= from && invoiceDay <= to) moves.push({ day: invoiceDay, kind: table.amountCents[i] >= 0 ? 'invoice' : table.payment[i] === 1 ? 'unapplied' : 'credit', label, job, invoiceDay, dueDay: table.dueDay[i], cents: table.amountCents[i] });
    const paidDay = table.paidDay[i];
    const paid = table.paidCents[i];
    if (paid !== 0 && paidDay >= from && paidDay <= to && !(invoiceDay > to)) moves.push({ day: paidDay, kind: 'payment', label, job, invoiceDay, dueDay: table.dueDay[i], cents: -paid });
    // A payment with no date counts as made with the invoice (as the balances do).
    if (paid !== 0 && Number.isNaN(paidDay) && invoiceDay >= from && invoiceDay <= to) moves.push({ day: invoiceDay, kind: 'payment', label, job, invoiceDay, dueDay: table.dueDay[i], cents: -paid });
    const open = openCentsAt(table, i, to);
    if (open && open > 0) statement.open.push({ label, job, invoiceDay, dueDay: table.dueDay[i], openCents: open, daysOverdue: to - table.dueDay[i] });
  }
  moves.sort((a, b) => (a.day as number) - (b.day as number) || (a.kind === 'payment' ? 1 : 0) - (b.kind === 'payment' ? 1 : 0));
  let balance = statement.openingCents;
  for (const move of moves) {
    balance += move.cents;
    statement.lines.push({ ...move, balanceCents: balance });
  }
  statement.closingCents = balance;
  statement.open.sort((a, b) => a.dueDay - b.dueDay);
  return statement;
}
