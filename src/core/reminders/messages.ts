import { formatDay, formatMoney, renderReminder, DEFAULT_TEMPLATES, type Language, type Template } from './templates';
import type { MessageKind, ReminderDraft } from './cadence';
import type { Policy } from './policy';

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
}

/** Templates the user edited, by kind and language; the defaults fill the rest. */
export type TemplateOverrides = Partial<Record<MessageKind, Partial<Record<Language, Template>>>>;

/** An address MailApp accepts: something@domain.tld, with nothing that would split or inject a header. */
export const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;

/** Why a draft cannot be sent to its address, or null when it can. */
export function addressProblem(email: string): string | null {
  if (!email.trim()) return 'no email address for this customer';
  const addresses = email.split(/[,;]/).map((address) => address.trim()).filter(Boolean);
  const bad = addresses.find((address) => !EMAIL.test(address));
  return bad === undefined ? null : `"${bad}" is not a valid email address`;
}

/**
 * The email for a draft: the template for its kind and language (the
 * user's, else the default), filled with its invoices, totals, late fees,
 * the sender and the payment details. Copies go to the policy's CC and the
 * amount rules' people; a copy to the sender when the policy says so.
 */
export function composeMessage(draft: ReminderDraft, policy: Policy, senderEmail: string, overrides: TemplateOverrides = {}): ReminderMessage {
  const language = draft.language;
  const template = overrides[draft.kind]?.[language] ?? DEFAULT_TEMPLATES[language][draft.kind];
  const money = (cents: number) => formatMoney(cents, draft.currency, language);
  const total = draft.lines.reduce((sum, line) => sum + line.openCents, 0);
  const fees = draft.lines.reduce((sum, line) => sum + line.lateFeeCents, 0);
  // A broken promise is about the day promised; otherwise the oldest due date.
  const oldest = draft.promiseDay ?? Math.min(...draft.lines.map((line) => line.dueDay));
  const rendered = renderReminder(
    template,
    {
      customer: draft.customer,
      invoices: draft.lines.map((line) => ({ number: line.label, dueDate: formatDay(line.dueDay, language), amount: money(line.openCents) })),
      total: money(total),
      oldest_due_date: formatDay(oldest, language),
      days_overdue: String(Math.max(0, ...draft.lines.map((line) => line.daysOverdue))),
      late_fee: money(fees),
      sender: policy.senderName,
      payment_details: policy.paymentDetails,
    },
    language,
  );
  const cc = [policy.cc, ...draft.cc].flatMap((list) => list.split(',')).map((address) => address.trim()).filter(Boolean);
  return {
    to: draft.email.split(/[,;]/).map((address) => address.trim()).filter(Boolean).join(','),
    cc: [...new Set(cc)].join(','),
    bcc: policy.copyToSelf ? senderEmail : '',
    replyTo: policy.replyTo,
    name: policy.senderName,
    subject: rendered.subject,
    body: rendered.text,
    htmlBody: rendered.html,
  };
}

/** How many recipients a message takes from the daily quota. */
export function recipientCount(message: ReminderMessage): number {
  return [message.to, message.cc, message.bcc].flatMap((list) => list.split(',')).filter((address) => address.trim()).length;
}
