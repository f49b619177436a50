import { dayParts, type CalendarDay } from '../calendar';
import { normalizeHeader } from '../columns';
import { MESSAGE_KINDS, type MessageKind } from './kinds';
import type { PayButton } from '../paying/payLink';

export type Language = 'en' | 'ru';

/** A reminder's wording: placeholders in double braces, such as {{customer}}. */
export interface Template {
  subject: string;
  body: string;
}

/** The add-on's own placeholders; every column of the invoice table and of the Customers sheet is one too, by its header. */
export const PLACEHOLDERS = ['customer', 'contact', 'invoices', 'total', 'oldest_due_date', 'days_overdue', 'late_fee', 'sender', 'signature', 'payment_details'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

/** The key a placeholder or a header is matched by: case, spaces and punctuation do not count ({{Pay link}} is the "Pay-link" column). */
export function placeholderKey(name: string): string {
  return normalizeHeader(name);
}
const BUILT_IN = new Map<string, Placeholder>(PLACEHOLDERS.map((name) => [placeholderKey(name), name]));

const CLOSING = {
  en: 'Kind regards,\n{{signature}}\n\nHow to pay:\n{{payment_details}}',
  ru: 'С уважением,\n{{signature}}\n\nКак оплатить:\n{{payment_details}}',
};

/** From a friendly note before the due date to a final notice, in English and Russian; each ends with the signature and the payment details. */
export const DEFAULT_TEMPLATES: Record<Language, Record<MessageKind, Template>> = {
  en: {
    upcoming: {
      subject: 'Friendly note: {{total}} due soon',
      body: `Dear {{contact}},\n\nA friendly note that these invoices fall due soon:\n\n{{invoices}}\n\nThank you for paying on time.\n\n${CLOSING.en}`,
    },
    'due-today': {
      subject: 'Due today: {{total}}',
      body: `Dear {{contact}},\n\nThese invoices are due today:\n\n{{invoices}}\n\nIf you have already paid, thank you, and please ignore this message.\n\n${CLOSING.en}`,
    },
    overdue: {
      subject: 'Overdue reminder: {{total}}',
      body: `Dear {{contact}},\n\nWe have not yet received payment for these invoices:\n\n{{invoices}}\n\nIf something is wrong with an invoice, just reply and tell us.\n\n${CLOSING.en}`,
    },
    firm: {
      subject: 'Second reminder: {{total}} overdue',
      body: `Dear {{contact}},\n\nWe wrote to you about these overdue invoices and have still not received payment:\n\n{{invoices}}\n\nPlease pay this week, or reply and tell us when you will.\n\n${CLOSING.en}`,
    },
    'promise-broken': {
      subject: 'Promised payment not received: {{total}}',
      body: `Dear {{contact}},\n\nYou told us you would pay by {{oldest_due_date}}, and we have not received the payment:\n\n{{invoices}}\n\nPlease pay now, or reply and tell us when you will.\n\n${CLOSING.en}`,
    },
    final: {
      subject: 'Final notice: {{total}} overdue',
      body: `Dear {{contact}},\n\nThis is our final notice about these overdue invoices:\n\n{{invoices}}\n\nUnless we receive payment or hear from you within 7 days, we will have to take further steps.\n\n${CLOSING.en}`,
    },
  },
  ru: {
    upcoming: {
      subject: 'Напоминание о сроке: {{total}}',
      body: `Здравствуйте, {{contact}}!\n\nНапоминаем, что скоро наступает срок оплаты счетов:\n\n{{invoices}}\n\nСпасибо, что платите вовремя.\n\n${CLOSING.ru}`,
    },
    'due-today': {
      subject: 'Срок оплаты сегодня: {{total}}',
      body: `Здравствуйте, {{contact}}!\n\nСегодня срок оплаты счетов:\n\n{{invoices}}\n\nЕсли вы уже оплатили, спасибо, и не обращайте внимания на это письмо.\n\n${CLOSING.ru}`,
    },
    overdue: {
      subject: 'Напоминание о просрочке: {{total}}',
      body: `Здравствуйте, {{contact}}!\n\nМы пока не получили оплату по счетам:\n\n{{invoices}}\n\nЕсли со счётом что-то не так, просто ответьте на это письмо.\n\n${CLOSING.ru}`,
    },
    firm: {
      subject: 'Повторное напоминание: просрочено {{total}}',
      body: `Здравствуйте, {{contact}}!\n\nМы уже писали вам об этих просроченных счетах, но оплата так и не поступила:\n\n{{invoices}}\n\nПросим оплатить на этой неделе или ответить, когда вы сможете оплатить.\n\n${CLOSING.ru}`,
    },
    'promise-broken': {
      subject: 'Обещанная оплата не поступила: {{total}}',
      body: `Здравствуйте, {{contact}}!\n\nВы обещали оплатить до {{oldest_due_date}}, но оплата не поступила:\n\n{{invoices}}\n\nПожалуйста, оплатите сейчас или ответьте, когда сможете.\n\n${CLOSING.ru}`,
    },
    final: {
      subject: 'Последнее уведомление: просрочено {{total}}',
      body: `Здравствуйте, {{contact}}!\n\nЭто последнее уведомление о просроченных счетах:\n\n{{invoices}}\n\nЕсли в течение 7 дней оплата не поступит и вы не свяжетесь с нами, мы будем вынуждены принять дальнейшие меры.\n\n${CLOSING.ru}`,
    },
  },
};

/** A table of the reminder (overdue invoices, or those due soon), already worded. */
export interface InvoiceSection {
  heading: string;
  /** Column headers; the last column holds the amounts, right-aligned. */
  columns: string[];
  /** Right-aligned columns besides the last (such as days overdue). */
  numericColumns: number[];
  rows: string[][];
  /** Lines under the rows: a credit, the total (bold), a late fee. */
  summary: Array<{ label: string; amount: string; bold?: boolean }>;
}

/** The values put in for the placeholders, as plain text; `invoices` becomes tables. */
export interface ReminderValues {
  customer: string;
  /** Whom the greeting addresses: the Contact of the Customers sheet (or of the invoice rows) when there is one, else the customer's name. */
  contact: string;
  invoices: InvoiceSection[];
  total: string;
  oldest_due_date: string;
  days_overdue: string;
  late_fee: string;
  sender: string;
  signature: string;
  payment_details: string;
  /** The columns of the invoice table and of the Customers sheet, by placeholderKey of their header. */
  fields?: Record<string, string>;
  /** Pay links shown as buttons under the invoices (in words in the text part); none when absent. */
  payButtons?: PayButton[];
}

export interface RenderedReminder {
  subject: string;
  text: string;
  html: string;
  /** Placeholders that are neither the add-on's nor a column's, left as typed. */
  unknown: string[];
}

const PLACEHOLDER = /\{\{\s*([^{}\r\n]+?)\s*\}\}/g;

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
  const names = (text: string) => [...text.matchAll(PLACEHOLDER)].map((match) => BUILT_IN.get(placeholderKey(match[1])) ?? match[1]);
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

/**
 * Placeholders a template uses that do not exist: neither the add-on's nor
 * one of `columns` (headers of the invoice table and the Customers sheet).
 */
export function unknownPlaceholders(template: Template, columns: readonly string[] = []): string[] {
  const known = new Set(columns.map(placeholderKey));
  const found = [...`${template.subject}\n${template.body}`.matchAll(PLACEHOLDER)].map((match) => match[1]);
  return [...new Set(found.filter((name) => !BUILT_IN.has(placeholderKey(name)) && !known.has(placeholderKey(name))))];
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

const FONT = 'font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:20px;color:#202124';
const CELL = 'padding:4px 10px 4px 0;border-bottom:1px solid #e0e0e0;vertical-align:top';

/**
 * Fills a template: a subject on one line (line breaks in typed values
 * become spaces, as a mail header must have none), a plain-text body whose
 * tables are aligned in columns, and an HTML body for mail clients (table
 * layout, inline styles, nothing fetched from outside) in which every value
 * and the template's own text are escaped. Both say the same.
 */
export function renderReminder(template: Template, values: ReminderValues, language: Language): RenderedReminder {
  const unknown = new Set<string>();
  const buttons = values.payButtons ?? [];
  // The buttons go under the invoices; a template without {{invoices}} has them at its end.
  const underInvoices = [...template.body.matchAll(PLACEHOLDER)].some((match) => BUILT_IN.get(placeholderKey(match[1])) === 'invoices');
  const value = (name: string): string | null => {
    const key = placeholderKey(name);
    const builtIn = BUILT_IN.get(key);
    if (builtIn === 'invoices') return [...values.invoices.map(plainSection), ...(buttons.length ? [plainButtons(buttons, language)] : [])].join('\n\n');
    if (builtIn) return String(values[builtIn]);
    const field = values.fields?.[key];
    if (field !== undefined) return field;
    unknown.add(name);
    return null;
  };
  const plain = (name: string) => value(name) ?? `{{${name}}}`;
  // A list never goes in a subject, even from a template stored before that was checked.
  const inSubject = (name: string) => (LIST_PLACEHOLDERS.includes(BUILT_IN.get(placeholderKey(name)) ?? '') ? '' : plain(name));
  const subject = clip(template.subject.replace(PLACEHOLDER, (_, name: string) => inSubject(name)).replace(/[\r\n]+/g, ' ').replace(/\s+/g, ' ').trim(), MAX_SUBJECT_LENGTH);
  let text = template.body.replace(PLACEHOLDER, (_, name: string) => plain(name)).replace(/\r\n?/g, '\n');
  if (buttons.length && !underInvoices) text = `${text.replace(/\s+$/, '')}\n\n${plainButtons(buttons, language)}\n`;
  const paragraphs = template.body
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .flatMap((paragraph) => {
      // split with a capture group alternates text and placeholder names.
      const parts = paragraph.split(PLACEHOLDER);
      const out: string[] = [];
      let inline = '';
      parts.forEach((part, index) => {
        if (index % 2 === 0) inline += escapeHtml(part);
        else if (BUILT_IN.get(placeholderKey(part)) === 'invoices') {
          if (inline.trim()) out.push(htmlParagraph(inline));
          inline = '';
          out.push(...values.invoices.map((section) => htmlSection(section)));
          if (buttons.length) out.push(htmlButtons(buttons, language));
        } else {
          const filled = value(part);
          inline += filled === null ? `<span style="background:#fce8e6;color:#a50e0e">${escapeHtml(`{{${part}}}`)}</span>` : escapeHtml(filled);
        }
      });
      if (inline.trim()) out.push(htmlParagraph(inline));
      return out;
    });
  if (buttons.length && !underInvoices) paragraphs.push(htmlButtons(buttons, language));
  const html =
    `<!DOCTYPE html><html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"></head>` +
    `<body style="margin:0;padding:0;background:#ffffff">` +
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse"><tr><td style="padding:12px">` +
    `<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;width:100%;max-width:600px"><tr><td style="${FONT}">\n` +
    paragraphs.join('\n') +
    `\n</td></tr></table></td></tr></table></body></html>`;
  return { subject, text, html, unknown: [...unknown] };
}

const PAY_WORDS = {
  en: { button: (invoices: string[]) => (invoices.length ? `Pay ${invoices.join(', ')}` : 'Pay now'), line: (invoices: string[]) => (invoices.length ? `Pay ${invoices.join(', ')} online:` : 'Pay online:') },
  ru: {
    button: (invoices: string[]) => (invoices.length ? `Оплатить ${invoices.length > 1 ? 'счета' : 'счёт'} ${invoices.join(', ')}` : 'Оплатить'),
    line: (invoices: string[]) => (invoices.length ? `Оплатить ${invoices.length > 1 ? 'счета' : 'счёт'} ${invoices.join(', ')} онлайн:` : 'Оплатить онлайн:'),
  },
};

/** Pay links as buttons a mail client draws without images: a coloured cell holding the link, its address and words escaped. */
function htmlButtons(buttons: readonly PayButton[], language: Language): string {
  return buttons
    .map(
      ({ url, invoices }) =>
        `<table role="presentation" class="pay-link" cellpadding="0" cellspacing="0" border="0" style="border-collapse:separate;margin:0 0 14px 0"><tr><td align="center" bgcolor="#1a73e8" style="border-radius:4px;background:#1a73e8">` +
        `<a href="${escapeHtml(url)}" target="_blank" rel="noopener" style="display:inline-block;padding:10px 20px;${FONT};font-size:15px;font-weight:bold;color:#ffffff;text-decoration:none;border-radius:4px">${escapeHtml(PAY_WORDS[language].button(invoices))}</a></td></tr></table>`,
    )
    .join('\n');
}

/** Pay links in the text part: the words, then the address on a line of its own. */
function plainButtons(buttons: readonly PayButton[], language: Language): string {
  return buttons.map(({ url, invoices }) => `${PAY_WORDS[language].line(invoices)}\n${url}`).join('\n\n');
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

function htmlParagraph(inner: string): string {
  return `<p style="margin:0 0 14px 0;${FONT}">${inner.replace(/\n/g, '<br>\n')}</p>`;
}

/** A section as an HTML table: heading, column headers, rows, and the summary lines with their amounts right-aligned. */
function htmlSection(section: InvoiceSection): string {
  const width = section.columns.length;
  const last = width - 1;
  const align = (c: number) => (c === last || section.numericColumns.includes(c) ? 'right' : 'left');
  // The amount column has no padding on its right, as the summary's amounts have none: they all end on one line.
  const cell = (c: number) => `${CELL};text-align:${align(c)}${c === last ? ';padding-right:0;white-space:nowrap' : ''}`;
  const head = section.columns.map((column, c) => `<th align="${align(c)}" style="${cell(c)};border-bottom:2px solid #bdbdbd;font-weight:bold">${escapeHtml(column)}</th>`).join('');
  const rows = section.rows.map((row) => `<tr>${row.map((text, c) => `<td align="${align(c)}" style="${cell(c)}">${escapeHtml(text)}</td>`).join('')}</tr>`).join('');
  const summary = section.summary
    .map(({ label, amount, bold }) => {
      const weight = bold ? 'font-weight:bold;' : '';
      return `<tr><td colspan="${last}" style="padding:6px 10px 2px 0;${weight}">${escapeHtml(label)}</td><td align="right" style="padding:6px 0 2px 0;${weight}white-space:nowrap;text-align:right">${escapeHtml(amount)}</td></tr>`;
    })
    .join('');
  return (
    `<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;margin:0 0 18px 0;${FONT}">` +
    `<tr><td colspan="${width}" style="padding:0 0 6px 0;font-weight:bold;font-size:15px">${escapeHtml(section.heading)}</td></tr>` +
    `<tr>${head}</tr>${rows}${summary}</table>`
  );
}

/** A section as plain text: the heading, then columns padded to line up, amounts right-aligned under each other. */
function plainSection(section: InvoiceSection): string {
  const last = section.columns.length - 1;
  const lines = [section.columns, ...section.rows];
  const widths = section.columns.map((_, c) => Math.max(...lines.map((line) => (line[c] ?? '').length)));
  const right = (c: number) => c === last || section.numericColumns.includes(c);
  const row = (cells: string[]) => cells.map((cell, c) => (right(c) ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('   ').replace(/\s+$/, '');
  const labelWidth = widths.slice(0, last).reduce((sum, width) => sum + width + 3, 0);
  const amountWidth = Math.max(widths[last], ...section.summary.map((line) => line.amount.length));
  const summary = section.summary.map(({ label, amount }) => `${label.padEnd(labelWidth)}${amount.padStart(amountWidth)}`);
  return [section.heading, row(section.columns), ...section.rows.map(row), ...summary].join('\n');
}

/** The Intl locale of a reminder: the customer's language, with the region of the spreadsheet's locale (en_US → en-US, en_GB → en-GB). */
export function intlLocale(language: Language, spreadsheetLocale = ''): string {
  const region = /^[a-z]{2,3}[_-]([A-Z]{2})\b/.exec(spreadsheetLocale)?.[1];
  return region ? `${language}-${region}` : language === 'ru' ? 'ru-RU' : 'en-GB';
}

/**
 * Intl formatters by their options: making one is far dearer than using it, and a run
 * formats every amount and date of every reminder. Made on first use, so loading stays inert.
 */
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function numberFormat(locale: string, currency: string): Intl.NumberFormat {
  const key = `n|${locale}|${currency}`;
  let format = formatters.get(key) as Intl.NumberFormat | undefined;
  if (!format) {
    format = new Intl.NumberFormat(locale, currency ? { style: 'currency', currency } : { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    formatters.set(key, format);
  }
  return format;
}
function dayFormat(locale: string): Intl.DateTimeFormat {
  const key = `d|${locale}`;
  let format = formatters.get(key) as Intl.DateTimeFormat | undefined;
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });
    formatters.set(key, format);
  }
  return format;
}

/** An amount in the reminder's language and locale, with its currency when it has one. */
export function formatMoney(cents: number, currency: string, language: Language, spreadsheetLocale = ''): string {
  // Without a spreadsheet locale, amounts read as before ("$1,000.00"), dates British ("2 March 2026").
  const locale = spreadsheetLocale ? intlLocale(language, spreadsheetLocale) : language === 'ru' ? 'ru-RU' : 'en-US';
  return numberFormat(locale, /^[A-Z]{3}$/.test(currency) ? currency : '').format(cents / 100);
}

/** A date in the reminder's language and locale: "December 1, 2026" (en_US), "1 December 2026" (en_GB), "1 декабря 2026 г.". */
export function formatDay(day: CalendarDay, language: Language, spreadsheetLocale = ''): string {
  const { year, month, day: date } = dayParts(day);
  return dayFormat(intlLocale(language, spreadsheetLocale)).format(Date.UTC(year, month - 1, date));
}

export { MESSAGE_KINDS } from './kinds';

/**
 * Checks templates as edited: known kinds and languages, a one-line subject
 * of at most 200 characters, a body of at most 5,000, and no placeholder
 * that does not exist. Problems name the field, e.g. `overdue.ru.subject`.
 */
export function validateTemplates(input: unknown, columns: readonly string[] | 'any column' = []): { ok: true; templates: Partial<Record<MessageKind, Partial<Record<Language, Template>>>> } | { ok: false; problems: Array<{ field: string; message: string }> } {
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
          const unknown = columns === 'any column' ? [] : unknownPlaceholders({ subject: '', body: text }, columns);
          if (unknown.length) problems.push({ field: `${field}.${part}`, message: `uses ${unknown.map((name) => `{{${name}}}`).join(', ')}, which is neither a placeholder of the add-on nor a column of the invoice table or the Customers sheet` });
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
  // Column placeholders were checked against the columns when saved; a column since removed is marked and never sent.
  return validateTemplates(parsed, 'any column');
}
