import { formatDay, formatMoney, renderReminder, DEFAULT_TEMPLATES, type Language, type Template } from './templates';
import type { MessageKind, ReminderDraft } from './cadence';
import { utf8Length, type Policy } from './policy';
import { EMAIL, emailList } from './email';

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
  // A long list is cut, its rest summed in one line saying how to get the whole of it: the message stays far within Gmail's size.
  const listed = draft.lines.slice(0, MAX_LISTED_INVOICES);
  const rest = draft.lines.slice(MAX_LISTED_INVOICES);
  const invoices = listed.map((line) => ({ number: line.label, dueDate: formatDay(line.dueDay, language), amount: money(line.openCents) }));
  if (rest.length) invoices.push({ number: MORE_INVOICES[language](rest.length), dueDate: '', amount: money(rest.reduce((sum, line) => sum + line.openCents, 0)) });
  const rendered = renderReminder(
    template,
    {
      customer: draft.customer,
      invoices,
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

/** Invoices an email lists one by one; more are summed in one line. */
export const MAX_LISTED_INVOICES = 100;
const MORE_INVOICES: Record<Language, (count: number) => string> = {
  en: (count) => `and ${count} more invoices (reply to this email and we will send you the full list)`,
  ru: (count) => `и ещё ${count} (полный список пришлём в ответ на это письмо)`,
};

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
export function mailOptions(message: Partial<ReminderMessage>): Partial<ReminderMessage> {
  const options: Partial<ReminderMessage> = {};
  for (const [key, value] of Object.entries(message) as Array<[keyof ReminderMessage, string | undefined]>) if (value) options[key] = value;
  return options;
}

/** How many recipients a message takes from the daily quota. */
export function recipientCount(message: ReminderMessage): number {
  return [message.to, message.cc, message.bcc].flatMap((list) => list.split(',')).filter((address) => address.trim()).length;
}
