import { dueSoonTotalCents, overdueTotalCents, type ReminderDraft } from '../reminders/cadence';
import { escapeHtml, type Language } from '../reminders/templates';
import type { Account } from '../collections/account';
import type { LetterFigures } from '../collections/documents';
import type { Statement } from '../collections/statement';
import { paymentCode, type Payee, type PaymentAsk, type PaymentCode } from './paymentCode';

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
    language: draft.language,
    locale,
  };
}

/** A demand letter asks for the total it claims: its overdue invoices, with the late fees and interest when there are any. */
export function letterAsk(account: Account, figures: LetterFigures, language: Language): PaymentAsk {
  const overdue = account.open.filter((line) => line.daysOverdue > 0);
  return { currency: account.currency, cents: figures.claimedCents, invoices: overdue.map((line) => ({ number: line.label, invoiceDay: line.invoiceDay })), withFees: figures.feeCents > 0, language };
}

/** A statement asks for its closing balance, the invoices still open. */
export function statementAsk(statement: Statement, language: Language): PaymentAsk {
  return { currency: statement.currency, cents: statement.closingCents, invoices: statement.open.map((line) => ({ number: line.label, invoiceDay: line.invoiceDay })), language };
}

/** A code for what a document asks, with the policy's payee for its currency. */
export function codeFor(policy: unknown, ask: PaymentAsk): PaymentCode {
  return paymentCode(payeeFor(policy, ask.currency), ask);
}

/** The picture of a code, where a document shows it: a cid: reference in an email, a data: URL in a PDF. */
export interface CodePicture {
  src: string;
  pixels: number;
}

const FONT = 'font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:20px;color:#202124';

/**
 * The code and its details in words, as HTML: the picture at its own size
 * (never scaled, so each module stays whole pixels), the details in a table
 * under it, every value escaped.
 */
export function paymentCodeHtml(code: Extract<PaymentCode, { ok: true }>, picture: CodePicture): string {
  const rows = code.lines.map(([label, value]) => `<tr><td style="padding:2px 10px 2px 0;vertical-align:top;color:#5f6368">${escapeHtml(label)}</td><td style="padding:2px 0;vertical-align:top;word-break:break-word">${escapeHtml(value)}</td></tr>`).join('');
  return (
    `<table role="presentation" class="payment-code" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;margin:0 0 18px 0;${FONT}">` +
    `<tr><td style="padding:0 0 6px 0;font-weight:bold">${escapeHtml(code.heading)}</td></tr>` +
    `<tr><td style="padding:0 0 6px 0"><img src="${escapeHtml(picture.src)}" width="${picture.pixels}" height="${picture.pixels}" alt="${escapeHtml(code.format === 'EPC' ? 'EPC QR code' : 'QR code ST00012')}" style="display:block;width:${picture.pixels}px;height:${picture.pixels}px;image-rendering:pixelated;border:0"></td></tr>` +
    `<tr><td><table role="presentation" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;${FONT}">${rows}</table></td></tr></table>`
  );
}
