import { formatDay, formatMoney, placeholderKey, renderReminder, DEFAULT_TEMPLATES, type InvoiceSection, type Language, type Template } from './templates';
import { dueSoonTotalCents, overdueTotalCents, type CreditApplied, type MessageKind, type ReminderDraft, type ShownLine } from './cadence';
import { senderIn, utf8Length, type Policy } from './policy';
import { EMAIL, emailList } from './email';
import { paymentCodeText, type PaymentCode } from '../paying/paymentCode';
import { paymentCodeHtml, type CodePicture } from '../paying/codeHtml';
import { payButtons } from '../paying/payLink';

export { EMAIL } from './email';

/** An email ready for MailApp. */
export interface ReminderMessage {
  to: string;
  cc: string;
  bcc: string;
  replyTo: string;
  name: string;
  subject: string;
  body: string;
  htmlBody: string;
  /** Placeholders the template uses that neither the add-on nor a column fills: such a message is not sent. */
  unknownPlaceholders: string[];
}

/** Templates the user edited, by kind and language; the defaults fill the rest. */
export type TemplateOverrides = Partial<Record<MessageKind, Partial<Record<Language, Template>>>>;

/** Why a draft cannot be sent to its address, or null when it can. */
export function addressProblem(email: string): string | null {
  if (!email.trim()) return 'no email address for this customer';
  const addresses = emailList(email);
  const bad = addresses.find((address) => !EMAIL.test(address));
  return bad === undefined ? null : `"${bad}" is not a valid email address`;
}

/** What the email needs besides the draft: the spreadsheet's locale, and the columns of the customer's rows by header. */
export interface MessageContext {
  /** The spreadsheet's locale, such as en_US: where dates and amounts follow its region. */
  locale?: string;
  /** Values for placeholders named by a column header, by placeholderKey. */
  fields?: Record<string, string>;
  /** The payment code for what the email asks, and where its picture is (a cid: reference): shown after the template's text, in words in the text part. */
  payment?: { code: Extract<PaymentCode, { ok: true }>; picture: CodePicture };
  /** The Pay link cell of an invoice (by its index in the table) when it is one to use; "" for none. */
  payLinkOf?: (invoice: number) => string;
}

const WORDS = {
  en: {
    overdue: 'Overdue',
    dueToday: 'Due today',
    dueSoon: 'Due soon',
    overdueColumns: ['Invoice', 'Due date', 'Days overdue', 'Amount'],
    dueColumns: ['Invoice', 'Due date', 'Amount'],
    totalOverdue: 'Total overdue',
    totalDue: 'Total due',
    lateFee: 'Late fee under our terms',
    credit: (numbers: string[]) => (numbers.length > 1 ? `Credit notes ${numbers.join(', ')}` : `Credit note${numbers.length ? ` ${numbers[0]}` : ''}`),
    unappliedPayment: (count: number) => (count > 1 ? 'Payments received, not yet applied' : 'Payment received, not yet applied'),
    instalment: 'Instalment',
    invoiceOf: (date: string) => `Invoice of ${date}`,
    invoiceDue: (date: string) => `Invoice due ${date}`,
    more: (count: number) => MORE_INVOICES.en(count),
  },
  ru: {
    overdue: 'Просрочено',
    dueToday: 'Срок оплаты — сегодня',
    dueSoon: 'Скоро срок оплаты',
    overdueColumns: ['Счёт', 'Срок оплаты', 'Дней просрочки', 'Сумма'],
    dueColumns: ['Счёт', 'Срок оплаты', 'Сумма'],
    totalOverdue: 'Итого просрочено',
    totalDue: 'Итого к оплате',
    lateFee: 'Пени по договору',
    credit: (numbers: string[]) => (numbers.length > 1 ? `Кредит-ноты ${numbers.join(', ')}` : `Кредит-нота${numbers.length ? ` ${numbers[0]}` : ''}`),
    unappliedPayment: (count: number) => (count > 1 ? 'Оплаты, ещё не отнесённые к счетам' : 'Оплата, ещё не отнесённая к счёту'),
    instalment: 'Платёж по графику',
    invoiceOf: (date: string) => `Счёт от ${date}`,
    invoiceDue: (date: string) => `Счёт со сроком оплаты ${date}`,
    more: (count: number) => MORE_INVOICES.ru(count),
  },
} satisfies Record<Language, unknown>;

/**
 * The invoice tables of a draft, worded for the customer: every overdue
 * item with its own days overdue, credit set against them, their total and
 * (only when there is one) the late fee; then the items due soon under their
 * own heading with their own total. An invoice without a number is named by
 * its date (its amount is on the same line), never by its row.
 */
export function invoiceSections(draft: ReminderDraft, locale = ''): InvoiceSection[] {
  const words = WORDS[draft.language];
  const date = (day: number) => formatDay(day, draft.language, locale);
  const money = (cents: number) => formatMoney(cents, draft.currency, draft.language, locale);
  const name = (line: ShownLine) =>
    line.invoice < 0 ? words.instalment : invoiceName(line.number, line.invoiceDay, line.dueDay, draft.language, date, line.job);
  // A long list is cut, its rest summed in one line saying how to get the whole of it: the message stays far within Gmail's size.
  const listed = (lines: ShownLine[], row: (line: ShownLine) => string[], more: (count: number, cents: number) => string[]) => [
    ...lines.slice(0, MAX_LISTED_INVOICES).map(row),
    ...(lines.length > MAX_LISTED_INVOICES ? [more(lines.length - MAX_LISTED_INVOICES, lines.slice(MAX_LISTED_INVOICES).reduce((sum, line) => sum + line.openCents, 0))] : []),
  ];
  const credit = (cents: number) => (cents > 0 ? [{ label: creditLabel(draft.credit, draft.language), amount: money(-cents) }] : []);
  const sections: InvoiceSection[] = [];
  if (draft.overdue.length) {
    const fees = draft.overdue.reduce((sum, line) => sum + line.lateFeeCents, 0);
    sections.push({
      heading: words.overdue,
      columns: words.overdueColumns,
      numericColumns: [2],
      rows: listed(draft.overdue, (line) => [name(line), date(line.dueDay), String(line.daysOverdue), money(line.openCents)], (more, cents) => [words.more(more), '', '', money(cents)]),
      summary: [...credit(draft.credit.overdueCents), { label: words.totalOverdue, amount: money(overdueTotalCents(draft)), bold: true }, ...(fees > 0 ? [{ label: words.lateFee, amount: money(fees) }] : [])],
    });
  }
  if (draft.dueSoon.length) {
    const today = draft.dueSoon.every((line) => line.daysOverdue === 0);
    sections.push({
      heading: today ? words.dueToday : words.dueSoon,
      columns: words.dueColumns,
      numericColumns: [],
      rows: listed(draft.dueSoon, (line) => [name(line), date(line.dueDay), money(line.openCents)], (more, cents) => [words.more(more), '', money(cents)]),
      summary: [...credit(draft.credit.dueSoonCents), { label: words.totalDue, amount: money(dueSoonTotalCents(draft)), bold: true }],
    });
  }
  return sections;
}

/**
 * The email for a draft: the template for its kind and language (the
 * user's, else the default), filled with its invoices, totals, late fees,
 * the sender, the signature and the payment details, dates and amounts in
 * the customer's language and the spreadsheet's locale. `{{total}}` (the
 * subject's figure) is the overdue total the body shows, or, with nothing
 * overdue, the total due soon. Copies go to the policy's CC and the amount
 * rules' people; a copy to the sender when the policy says so.
 */
export function composeMessage(draft: ReminderDraft, policy: Policy, senderEmail: string, overrides: TemplateOverrides = {}, context: MessageContext = {}): ReminderMessage {
  const language = draft.language;
  const locale = context.locale ?? '';
  const template = overrides[draft.kind]?.[language] ?? DEFAULT_TEMPLATES[language][draft.kind];
  const money = (cents: number) => formatMoney(cents, draft.currency, language, locale);
  const total = draft.overdue.length ? overdueTotalCents(draft) : dueSoonTotalCents(draft);
  const fees = draft.overdue.reduce((sum, line) => sum + line.lateFeeCents, 0);
  const shown = [...draft.overdue, ...draft.dueSoon];
  // A broken promise is about the day promised; otherwise the oldest due date.
  const oldest = draft.promiseDay ?? Math.min(...shown.map((line) => line.dueDay));
  const sender = senderIn(policy, language);
  const rendered = renderReminder(
    template,
    {
      customer: draft.customer,
      contact: context.fields?.[placeholderKey('contact')]?.trim() || draft.customer,
      invoices: invoiceSections(draft, locale),
      total: money(total),
      oldest_due_date: formatDay(oldest, language, locale),
      days_overdue: String(Math.max(0, ...draft.overdue.map((line) => line.daysOverdue))),
      late_fee: money(fees),
      sender: sender.senderName,
      signature: sender.signature,
      payment_details: sender.paymentDetails,
      fields: context.fields,
      // For what {{total}} asks: the overdue invoices, else those due soon (as the payment code).
      payButtons: payButtons(
        policy.payLinkTemplate ?? '',
        draft.currency,
        total,
        (draft.overdue.length ? draft.overdue : draft.dueSoon).map((line) => ({ number: line.number, openCents: line.openCents, link: line.invoice >= 0 ? context.payLinkOf?.(line.invoice) ?? '' : '' })),
      ),
    },
    language,
  );
  if (context.payment) {
    // After everything the template says, before the page closes: the code and the same details in words.
    const closing = rendered.html.lastIndexOf('\n</td></tr></table>');
    rendered.html = `${rendered.html.slice(0, closing)}\n${paymentCodeHtml(context.payment.code, context.payment.picture)}${rendered.html.slice(closing)}`;
    rendered.text = `${rendered.text.replace(/\s+$/, '')}\n\n${paymentCodeText(context.payment.code)}\n`;
  }
  const cc = [policy.cc, ...draft.cc].flatMap((list) => list.split(',')).map((address) => address.trim()).filter(Boolean);
  return {
    to: draft.email.split(/[,;]/).map((address) => address.trim()).filter(Boolean).join(','),
    cc: [...new Set(cc)].join(','),
    bcc: policy.copyToSelf ? senderEmail : '',
    replyTo: policy.replyTo,
    name: sender.senderName,
    subject: rendered.subject,
    body: rendered.text,
    htmlBody: rendered.html,
    unknownPlaceholders: rendered.unknown,
  };
}

/**
 * An invoice as a customer knows it, in emails and documents alike: its
 * number, or without one its date ("Invoice of 2 March 2026"), or its due
 * date; never a row of our sheet.
 */
export function invoiceName(number: string, invoiceDay: number, dueDay: number, language: Language, date: (day: number) => string, job = ''): string {
  const words = WORDS[language];
  const name = number || (Number.isNaN(invoiceDay) ? words.invoiceDue(date(dueDay)) : words.invoiceOf(date(invoiceDay)));
  // A QuickBooks job names what the invoice was for: the customer's own word for it.
  return job ? `${name} (${job})` : name;
}

/**
 * The credit set against the debts, as the customer knows it: credit notes
 * by number, money paid and not yet applied as a payment, never a "credit
 * note" the customer never received.
 */
export function creditLabel(credit: Pick<CreditApplied, 'numbers' | 'payments'>, language: Language): string {
  const words = WORDS[language];
  const payments = credit.payments ?? 0;
  const notes = credit.numbers.length || !payments ? words.credit(credit.numbers.filter(Boolean)) : '';
  if (!payments) return notes;
  const paid = words.unappliedPayment(payments);
  return notes ? `${notes}; ${paid.charAt(0).toLowerCase()}${paid.slice(1)}` : paid;
}

/** Invoices an email lists one by one; more are summed in one line. */
export const MAX_LISTED_INVOICES = 100;
const MORE_INVOICES: Record<Language, (count: number) => string> = {
  en: (count) => `and ${count} more invoices, each listed in the attached statement of account`,
  ru: (count) => `и ещё ${count}: все счета в приложенном акте сверки`,
};

/** Whether the email lists only some of the invoices: then the statement of account, which lists them all, goes with it. */
export function isShortened(draft: Pick<ReminderDraft, 'overdue' | 'dueSoon'>): boolean {
  return draft.overdue.length > MAX_LISTED_INVOICES || draft.dueSoon.length > MAX_LISTED_INVOICES;
}

/** "Quotas for Google Services": at most 50 recipients a message, and a body of 200 KB (400 KB on Workspace: the smaller is kept). */
export const MAX_RECIPIENTS_PER_MESSAGE = 50;
export const MAX_BODY_BYTES = 200 * 1024;

/** Why a message would break Gmail's limits, naming the limit, or null. */
export function messageLimitProblem(message: ReminderMessage): string | null {
  const recipients = recipientCount(message);
  if (recipients > MAX_RECIPIENTS_PER_MESSAGE) return `this reminder would go to ${recipients} recipients (to, CC and copies); an email can have at most ${MAX_RECIPIENTS_PER_MESSAGE}: shorten the CC list or the customer's addresses`;
  const bytes = utf8Length(message.body) + utf8Length(message.htmlBody);
  if (bytes > MAX_BODY_BYTES) return `this reminder would be ${Math.ceil(bytes / 1024)} KB; an email body can be at most ${MAX_BODY_BYTES / 1024} KB: shorten its template`;
  return null;
}

/** The options for MailApp.sendEmail: empty fields left out, never sent as "" (an empty name or reply-to is refused). */
export function mailOptions(message: Partial<ReminderMessage>): Partial<Record<MailField, string>> {
  const options: Partial<Record<MailField, string>> = {};
  // Only the mail's own text fields: what the add-on notes beside them (unknown placeholders) is not MailApp's.
  for (const [key, value] of Object.entries(message) as Array<[MailField, unknown]>) if (typeof value === 'string' && value) options[key] = value;
  return options;
}
type MailField = Exclude<keyof ReminderMessage, 'unknownPlaceholders'>;

/** How many recipients a message takes from the daily quota. */
export function recipientCount(message: ReminderMessage): number {
  return [message.to, message.cc, message.bcc].flatMap((list) => list.split(',')).filter((address) => address.trim()).length;
}
