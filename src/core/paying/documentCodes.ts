import { dueSoonTotalCents, overdueTotalCents, type ReminderDraft } from '../reminders/cadence';
import type { Language } from '../reminders/templates';
import type { Account } from '../collections/account';
import type { LetterFigures } from '../collections/documents';
import type { Statement } from '../collections/statement';
import { paymentCode, type Payee, type PaymentAsk, type PaymentCode } from './paymentCode';

export { paymentCodeHtml, type CodePicture } from './codeHtml';

/**
 * What each document asks to be paid, for its payment code: the figure the
 * document itself states, for the invoices it lists under that figure.
 */

/** The policy's payee for a currency, if any ("RUR" is the rouble's old code). */
export function payeeFor(policy: unknown, currency: string): Payee | undefined {
  const payees = (policy as { payees?: Record<string, Payee | undefined> } | null)?.payees;
  return payees?.[currency === 'RUR' ? 'RUB' : currency] ?? (currency === 'RUB' ? payees?.RUR : undefined);
}

/** A reminder asks for its {{total}}: the overdue invoices after credit, or with nothing overdue the ones due soon. */
export function reminderAsk(draft: Pick<ReminderDraft, 'overdue' | 'dueSoon' | 'credit' | 'currency' | 'language'>, locale = ''): PaymentAsk {
  const lines = draft.overdue.length ? draft.overdue : draft.dueSoon;
  return {
    currency: draft.currency,
    cents: draft.overdue.length ? overdueTotalCents(draft) : dueSoonTotalCents(draft),
    invoices: lines.filter((line) => line.invoice >= 0).map((line) => ({ number: line.number, invoiceDay: line.invoiceDay })),
    creditCents: draft.overdue.length ? draft.credit.overdueCents : draft.credit.dueSoonCents,
    language: draft.language,
    locale,
  };
}

/** A demand letter asks for the total it claims: its overdue invoices, with the late fees and interest when there are any. */
export function letterAsk(account: Account, figures: LetterFigures, language: Language): PaymentAsk {
  const overdue = account.open.filter((line) => line.daysOverdue > 0);
  return { currency: account.currency, cents: figures.claimedCents, invoices: overdue.map((line) => ({ number: line.label, invoiceDay: line.invoiceDay })), creditCents: account.overdueCreditCents, feeCents: figures.feeCents, language };
}

/** A statement asks for its closing balance, the invoices still open. */
export function statementAsk(statement: Statement, language: Language): PaymentAsk {
  return { currency: statement.currency, cents: statement.closingCents, invoices: statement.open.map((line) => ({ number: line.label, invoiceDay: line.invoiceDay })), language };
}

/** A code for what a document asks, with the policy's payee for its currency. */
export function codeFor(policy: unknown, ask: PaymentAsk): PaymentCode {
  return paymentCode(payeeFor(policy, ask.currency), ask);
}
