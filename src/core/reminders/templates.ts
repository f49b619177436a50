import { dayParts, type CalendarDay } from '../calendar';
import { MESSAGE_KINDS, type MessageKind } from './kinds';

export type Language = 'en' | 'ru';

/** A reminder's wording: placeholders in double braces, such as {{customer}}. */
export interface Template {
  subject: string;
  body: string;
}

export const PLACEHOLDERS = ['customer', 'invoices', 'total', 'oldest_due_date', 'days_overdue', 'late_fee', 'sender', 'payment_details'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

/** From a friendly note before the due date to a final notice, in English and Russian. */
export const DEFAULT_TEMPLATES: Record<Language, Record<MessageKind, Template>> = {
  en: {
    upcoming: {
      subject: 'Upcoming payment: {{total}}',
      body: 'Dear {{customer}},\n\nA friendly note that these invoices fall due soon:\n\n{{invoices}}\n\nTotal: {{total}}\n\n{{payment_details}}\n\nThank you,\n{{sender}}',
    },
    'due-today': {
      subject: 'Payment due today: {{total}}',
      body: 'Dear {{customer}},\n\nThese invoices are due today:\n\n{{invoices}}\n\nTotal: {{total}}\n\n{{payment_details}}\n\nIf you have already paid, thank you, and please ignore this message.\n\n{{sender}}',
    },
    overdue: {
      subject: 'Overdue: {{total}}',
      body: 'Dear {{customer}},\n\nWe have not yet received payment for these invoices, the oldest due on {{oldest_due_date}}:\n\n{{invoices}}\n\nTotal: {{total}}\n\n{{payment_details}}\n\nIf something is wrong with an invoice, just reply and tell us.\n\n{{sender}}',
    },
    firm: {
      subject: 'Second reminder: {{total}} overdue',
      body: 'Dear {{customer}},\n\nThese invoices are now {{days_overdue}} days overdue:\n\n{{invoices}}\n\nTotal: {{total}}. Late fee under our terms: {{late_fee}}.\n\nPlease pay this week. {{payment_details}}\n\n{{sender}}',
    },
    'promise-broken': {
      subject: 'Your promised payment has not arrived: {{total}}',
      body: 'Dear {{customer}},\n\nYou told us these invoices would be paid by {{oldest_due_date}}, and we have not received the payment:\n\n{{invoices}}\n\nTotal: {{total}}\n\nPlease pay now, or reply and tell us when you will. {{payment_details}}\n\n{{sender}}',
    },
    final: {
      subject: 'Final notice: {{total}} overdue',
      body: 'Dear {{customer}},\n\nThis is our final notice. These invoices are {{days_overdue}} days overdue:\n\n{{invoices}}\n\nTotal: {{total}}. Late fee under our terms: {{late_fee}}.\n\nUnless we receive payment or hear from you within 7 days, we will have to take further steps.\n\n{{payment_details}}\n\n{{sender}}',
    },
  },
  ru: {
    upcoming: {
      subject: 'Напоминание о предстоящей оплате: {{total}}',
      body: 'Здравствуйте, {{customer}}!\n\nНапоминаем, что скоро наступает срок оплаты счетов:\n\n{{invoices}}\n\nИтого: {{total}}\n\n{{payment_details}}\n\nСпасибо!\n{{sender}}',
    },
    'due-today': {
      subject: 'Сегодня срок оплаты: {{total}}',
      body: 'Здравствуйте, {{customer}}!\n\nСегодня срок оплаты счетов:\n\n{{invoices}}\n\nИтого: {{total}}\n\n{{payment_details}}\n\nЕсли вы уже оплатили, спасибо, и не обращайте внимания на это письмо.\n\n{{sender}}',
    },
    overdue: {
      subject: 'Просроченная оплата: {{total}}',
      body: 'Здравствуйте, {{customer}}!\n\nМы пока не получили оплату по счетам, самый ранний срок — {{oldest_due_date}}:\n\n{{invoices}}\n\nИтого: {{total}}\n\n{{payment_details}}\n\nЕсли со счётом что-то не так, просто ответьте на это письмо.\n\n{{sender}}',
    },
    firm: {
      subject: 'Повторное напоминание: просрочено {{total}}',
      body: 'Здравствуйте, {{customer}}!\n\nОплата по счетам просрочена на {{days_overdue}} дн.:\n\n{{invoices}}\n\nИтого: {{total}}. Пени по договору: {{late_fee}}.\n\nПросим оплатить на этой неделе. {{payment_details}}\n\n{{sender}}',
    },
    'promise-broken': {
      subject: 'Обещанная оплата не поступила: {{total}}',
      body: 'Здравствуйте, {{customer}}!\n\nВы обещали оплатить эти счета до {{oldest_due_date}}, но оплата не поступила:\n\n{{invoices}}\n\nИтого: {{total}}\n\nПожалуйста, оплатите сейчас или ответьте, когда сможете. {{payment_details}}\n\n{{sender}}',
    },
    final: {
      subject: 'Последнее уведомление: просрочено {{total}}',
      body: 'Здравствуйте, {{customer}}!\n\nЭто последнее уведомление. Оплата по счетам просрочена на {{days_overdue}} дн.:\n\n{{invoices}}\n\nИтого: {{total}}. Пени по договору: {{late_fee}}.\n\nЕсли в течение 7 дней оплата не поступит и вы не свяжетесь с нами, мы будем вынуждены принять дальнейшие меры.\n\n{{payment_details}}\n\n{{sender}}',
    },
  },
};

/** An invoice line of the reminder, already worded. */
export interface InvoiceLineText {
  number: string;
  dueDate: string;
  amount: string;
}

/** The values put in for the placeholders, as plain text; `invoices` becomes a table in HTML. */
export interface ReminderValues {
  customer: string;
  invoices: InvoiceLineText[];
  total: string;
  oldest_due_date: string;
  days_overdue: string;
  late_fee: string;
  sender: string;
  payment_details: string;
}

export interface RenderedReminder {
  subject: string;
  text: string;
  html: string;
}

const PLACEHOLDER = /\{\{\s*([a-z_]+)\s*\}\}/g;

/** Placeholders that become a list (a table in HTML): never in a subject, at most once in a body. */
export const LIST_PLACEHOLDERS: readonly string[] = ['invoices'];
/** A subject as rendered is cut to this (mail clients show far less; a header line must stay short). */
export const MAX_SUBJECT_LENGTH = 250;
/** Placeholders a body may use in all: each can bring up to 1,000 characters, so this bounds the rendered size. */
export const MAX_BODY_PLACEHOLDERS = 20;

/**
 * What is wrong with a template's use of placeholders beyond their names:
 * a list in the subject, a list more than once, or so many that the
 * rendered mail could grow past the size a message may have.
 */
export function placeholderUseProblems(template: Template): Array<{ part: 'subject' | 'body'; message: string }> {
  const names = (text: string) => [...text.matchAll(PLACEHOLDER)].map((match) => match[1]);
  const problems: Array<{ part: 'subject' | 'body'; message: string }> = [];
  const inSubject = names(template.subject).filter((name) => LIST_PLACEHOLDERS.includes(name));
  if (inSubject.length) problems.push({ part: 'subject', message: `cannot hold ${[...new Set(inSubject)].map((name) => `{{${name}}}`).join(', ')}: a list belongs in the body` });
  const inBody = names(template.body);
  for (const name of LIST_PLACEHOLDERS) {
    if (inBody.filter((found) => found === name).length > 1) problems.push({ part: 'body', message: `can hold {{${name}}} only once` });
  }
  if (inBody.length > MAX_BODY_PLACEHOLDERS) problems.push({ part: 'body', message: `can hold at most ${MAX_BODY_PLACEHOLDERS} placeholders (it has ${inBody.length})` });
  return problems;
}

/** Placeholders a template uses that do not exist, for the sidebar to point out. */
export function unknownPlaceholders(template: Template): string[] {
  const found = [...`${template.subject}\n${template.body}`.matchAll(PLACEHOLDER)].map((match) => match[1]);
  return [...new Set(found.filter((name) => !(PLACEHOLDERS as readonly string[]).includes(name)))];
}

/** A "{{" with no "}}" after it (or a stray "}}"): the customer would read the braces as they are. */
export function hasUnclosedPlaceholder(text: string): boolean {
  const rest = text.replace(PLACEHOLDER, '');
  return rest.includes('{{') || rest.includes('}}');
}

/** Escapes text for HTML, so that nothing a person typed becomes markup. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/**
 * Fills a template: a subject on one line (line breaks in typed values
 * become spaces, as a mail header must have none), a plain-text body, and
 * an HTML body in which every value and the template's own text are
 * escaped, and the invoices are a table.
 */
export function renderReminder(template: Template, values: ReminderValues, language: Language): RenderedReminder {
  const plain = (name: string): string => {
    if (name === 'invoices') return values.invoices.map((line) => `${line.number}\t${line.dueDate}\t${line.amount}`).join('\n');
    return name in values ? String(values[name as Exclude<Placeholder, 'invoices'>]) : `{{${name}}}`;
  };
  // A list never goes in a subject, even from a template stored before that was checked.
  const inSubject = (name: string) => (LIST_PLACEHOLDERS.includes(name) ? '' : plain(name));
  const subject = clip(template.subject.replace(PLACEHOLDER, (_, name: string) => inSubject(name)).replace(/[\r\n]+/g, ' ').replace(/\s+/g, ' ').trim(), MAX_SUBJECT_LENGTH);
  const text = template.body.replace(PLACEHOLDER, (_, name: string) => plain(name));
  const headers = language === 'ru' ? ['Счёт', 'Срок оплаты', 'Сумма'] : ['Invoice', 'Due date', 'Amount'];
  const invoiceTable =
    `<table cellpadding="4" style="border-collapse:collapse"><tr>${headers.map((header) => `<th align="left">${header}</th>`).join('')}</tr>` +
    values.invoices.map((line) => `<tr><td>${escapeHtml(line.number)}</td><td>${escapeHtml(line.dueDate)}</td><td align="right">${escapeHtml(line.amount)}</td></tr>`).join('') +
    '</table>';
  const html = template.body
    .split(PLACEHOLDER)
    // split with a capture group alternates text and placeholder names.
    .map((part, index) => (index % 2 === 0 ? escapeHtml(part) : part === 'invoices' ? invoiceTable : escapeHtml(plain(part))))
    .join('')
    .replace(/\n/g, '<br>\n');
  return { subject, text, html: `<div style="font-family:Arial,sans-serif;font-size:14px">${html}</div>` };
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/** An amount in the reminder's language, with its currency when it has one. */
export function formatMoney(cents: number, currency: string, language: Language): string {
  const locale = language === 'ru' ? 'ru-RU' : 'en-US';
  if (!/^[A-Z]{3}$/.test(currency)) return (cents / 100).toLocaleString(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(cents / 100);
}

/** A date in the reminder's language: "31 March 2026", "31 марта 2026 г.". */
export function formatDay(day: CalendarDay, language: Language): string {
  const { year, month, day: date } = dayParts(day);
  return new Intl.DateTimeFormat(language === 'ru' ? 'ru-RU' : 'en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }).format(Date.UTC(year, month - 1, date));
}

export { MESSAGE_KINDS } from './kinds';

/**
 * Checks templates as edited: known kinds and languages, a one-line subject
 * of at most 200 characters, a body of at most 5,000, and no placeholder
 * that does not exist. Problems name the field, e.g. `overdue.ru.subject`.
 */
export function validateTemplates(input: unknown): { ok: true; templates: Partial<Record<MessageKind, Partial<Record<Language, Template>>>> } | { ok: false; problems: Array<{ field: string; message: string }> } {
  const problems: Array<{ field: string; message: string }> = [];
  const templates: Partial<Record<MessageKind, Partial<Record<Language, Template>>>> = {};
  if (typeof input !== 'object' || input === null) return { ok: false, problems: [{ field: '', message: 'templates must be an object' }] };
  for (const [kind, byLanguage] of Object.entries(input as Record<string, unknown>)) {
    if (!(MESSAGE_KINDS as readonly string[]).includes(kind)) {
      problems.push({ field: kind, message: 'is not a kind of reminder' });
      continue;
    }
    for (const [language, template] of Object.entries((byLanguage ?? {}) as Record<string, unknown>)) {
      const field = `${kind}.${language}`;
      if (language !== 'en' && language !== 'ru') {
        problems.push({ field, message: 'is not a language: use en or ru' });
        continue;
      }
      const { subject, body } = (template ?? {}) as Partial<Template>;
      if (typeof subject !== 'string' || subject.trim() === '') problems.push({ field: `${field}.subject`, message: 'cannot be empty' });
      else if (/[\r\n]/.test(subject)) problems.push({ field: `${field}.subject`, message: 'cannot contain a line break' });
      else if (subject.length > 200) problems.push({ field: `${field}.subject`, message: 'must be at most 200 characters' });
      if (typeof body !== 'string' || body.trim() === '') problems.push({ field: `${field}.body`, message: 'cannot be empty' });
      else if (body.length > 5000) problems.push({ field: `${field}.body`, message: 'must be at most 5000 characters' });
      if (typeof subject === 'string' && typeof body === 'string') {
        // Each problem under the part it is in: the subject's placeholders under the subject.
        for (const [part, text] of [['subject', subject], ['body', body]] as const) {
          const unknown = unknownPlaceholders({ subject: part === 'subject' ? text : '', body: part === 'body' ? text : '' });
          if (unknown.length) problems.push({ field: `${field}.${part}`, message: `has unknown placeholders: ${unknown.map((name) => `{{${name}}}`).join(', ')}` });
          else if (hasUnclosedPlaceholder(text)) problems.push({ field: `${field}.${part}`, message: 'has an unclosed placeholder' });
        }
        for (const problem of placeholderUseProblems({ subject, body })) problems.push({ field: `${field}.${problem.part}`, message: problem.message });
        (templates[kind as MessageKind] ??= {})[language] = { subject, body };
      }
    }
  }
  return problems.length ? { ok: false, problems } : { ok: true, templates };
}

/**
 * Reads the stored templates strictly: the same checks as when they were
 * saved, so a damaged or hand-edited store is refused with the reason and
 * never quietly replaced by the defaults.
 */
export function readStoredTemplates(stored: string | null): ReturnType<typeof validateTemplates> {
  if (stored === null || stored.trim() === '') return { ok: false, problems: [{ field: '', message: 'the stored templates are empty' }] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(stored);
  } catch {
    return { ok: false, problems: [{ field: '', message: 'the stored templates are not valid JSON' }] };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { ok: false, problems: [{ field: '', message: 'the stored templates are not an object' }] };
  return validateTemplates(parsed);
}
