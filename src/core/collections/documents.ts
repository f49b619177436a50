import { isoDate, type CalendarDay } from '../calendar';
import type { InvoiceTable } from '../invoices';
import { escapeHtml, formatDay, formatMoney, type Language } from '../reminders/templates';
import { invoiceName } from '../reminders/messages';
import type { Account } from './account';
import type { Statement } from './statement';
import { paymentCodeHtml, type CodePicture } from '../paying/codeHtml';
import type { PaymentCode } from '../paying/paymentCode';

/** A document's payment code, drawn (a data: URL: the page printed to PDF fetches nothing). */
export type DocumentCode = { code: Extract<PaymentCode, { ok: true }>; picture: CodePicture };

/** The code under the payment details, kept whole on one printed page. */
function codeBlock(code: DocumentCode | undefined): string {
  return code ? `<div style="break-inside:avoid;page-break-inside:avoid;margin-top:12px">${paymentCodeHtml(code.code, code.picture)}</div>` : '';
}

/**
 * The documents the add-on prints to PDF: the formal demand letter (in
 * Russian practice the pre-trial claim, "досудебная претензия"), the
 * summary for the lawyer, and the statement of account. Plain HTML with
 * inline styles, every typed value escaped; the server converts it with
 * Apps Script's own HTML-to-PDF conversion.
 */

export interface Sender {
  name: string;
  email: string;
  paymentDetails: string;
  /** The name and payment details for customers of another language, when the policy has them (an empty one: the English above). */
  byLanguage?: Partial<Record<Language, { name: string; paymentDetails: string }>>;
}

/** The sender as a customer of `language` reads it. */
function senderFor(sender: Sender, language: Language): Sender {
  const own = sender.byLanguage?.[language];
  return { ...sender, name: own?.name.trim() ? own.name : sender.name, paymentDetails: own?.paymentDetails.trim() ? own.paymentDetails : sender.paymentDetails };
}

const TEXT = {
  en: {
    letterTitle: 'Formal demand for payment',
    to: 'To',
    from: 'From',
    date: 'Date',
    intro: (day: string) => `As of ${day} the following invoices remain unpaid despite our reminders:`,
    invoice: 'Invoice',
    dueDate: 'Due date',
    daysOverdue: 'Days overdue',
    owed: 'Amount owed',
    fee: 'Late fee and interest',
    credit: 'Less credit notes and payments on account',
    principal: 'Total owed',
    fees: 'Late fees and interest to date',
    claimed: 'Total claimed',
    demand: (deadline: string) => `We demand payment of the total claimed by ${deadline}. If it is not received by then, we will refer the matter to our lawyers for recovery of the debt, the late fees and interest, and the costs, without further notice.`,
    pay: 'Payment details',
    regards: 'Yours faithfully',
    summaryTitle: 'Summary for the lawyer',
    invoices: 'Invoices',
    invoiceDate: 'Invoice date',
    amount: 'Amount',
    paid: 'Paid',
    paidDate: 'Paid on',
    open: 'Open',
    payments: 'Payments',
    history: 'Reminders, letters and calls',
    what: 'What',
    outcome: 'Outcome',
    none: 'None',
    statementTitle: 'Statement of account',
    period: (from: string, to: string) => `Period: ${from} to ${to}`,
    brought: 'Balance brought forward',
    kind: { invoice: 'Invoice', credit: 'Credit note', unapplied: 'Payment received, not yet applied', payment: 'Payment' },
    debit: 'Change',
    balance: 'Balance',
    closing: 'Balance at the end of the period',
    openInvoices: 'Open invoices',
  },
  ru: {
    letterTitle: 'Досудебная претензия',
    to: 'Кому',
    from: 'От кого',
    date: 'Дата',
    intro: (day: string) => `По состоянию на ${day}, несмотря на наши напоминания, не оплачены следующие счета:`,
    invoice: 'Счёт',
    dueDate: 'Срок оплаты',
    daysOverdue: 'Дней просрочки',
    owed: 'Сумма долга',
    fee: 'Неустойка и проценты',
    credit: 'За вычетом кредит-нот и авансов',
    principal: 'Итого основной долг',
    fees: 'Неустойка и проценты на дату претензии',
    claimed: 'Всего предъявлено к оплате',
    demand: (deadline: string) => `Требуем оплатить предъявленную сумму в срок до ${deadline}. В противном случае мы будем вынуждены обратиться в суд с требованием о взыскании задолженности, неустойки, процентов и судебных расходов.`,
    pay: 'Реквизиты для оплаты',
    regards: 'С уважением',
    summaryTitle: 'Сводка для юриста',
    invoices: 'Счета',
    invoiceDate: 'Дата счёта',
    amount: 'Сумма',
    paid: 'Оплачено',
    paidDate: 'Дата оплаты',
    open: 'Остаток',
    payments: 'Платежи',
    history: 'Напоминания, письма и звонки',
    what: 'Что',
    outcome: 'Результат',
    none: 'Нет',
    statementTitle: 'Акт сверки взаиморасчётов',
    period: (from: string, to: string) => `Период: с ${from} по ${to}`,
    brought: 'Сальдо на начало периода',
    kind: { invoice: 'Счёт', credit: 'Кредит-нота', unapplied: 'Оплата, ещё не отнесённая к счёту', payment: 'Оплата' },
    debit: 'Изменение',
    balance: 'Сальдо',
    closing: 'Сальдо на конец периода',
    openInvoices: 'Неоплаченные счета',
  },
} as const;

const STYLE = `<style>
body{font-family:Arial,'DejaVu Sans',sans-serif;font-size:11pt;color:#111;margin:24px}
h1{font-size:16pt;margin:0 0 12px}h2{font-size:12pt;margin:18px 0 6px}
table{border-collapse:collapse;width:100%;margin:8px 0}th,td{border:1px solid #999;padding:4px 6px;text-align:left}
td.n,th.n{text-align:right;white-space:nowrap}td:first-child{white-space:nowrap}tr.total td{font-weight:bold}.meta td{border:none;padding:2px 6px 2px 0}
p{margin:8px 0}.pre{white-space:pre-wrap}
</style>`;

function nameOf(number: string, invoiceDay: number, dueDay: number, language: Language, job = ''): string {
  return invoiceName(number, invoiceDay, dueDay, language, (day) => formatDay(day, language), job);
}

function page(title: string, body: string, language: Language): string {
  return `<!DOCTYPE html><html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>${STYLE}</head><body>${body}</body></html>`;
}

function table(headers: readonly string[], rows: readonly (readonly string[])[], numeric: readonly number[], totals: readonly (readonly string[])[] = []): string {
  const cell = (tag: string, text: string, c: number) => `<${tag}${numeric.includes(c) ? ' class="n"' : ''}>${escapeHtml(text)}</${tag}>`;
  return `<table><tr>${headers.map((header, c) => cell('th', header, c)).join('')}</tr>${rows.map((row) => `<tr>${row.map((text, c) => cell('td', text, c)).join('')}</tr>`).join('')}${totals
    .map((row) => `<tr class="total">${row.map((text, c) => cell('td', text, c)).join('')}</tr>`)
    .join('')}</table>`;
}

/** What a demand letter claims: every overdue invoice of the account, with its fees to date. */
export interface LetterFigures {
  principalCents: number;
  feeCents: number;
  claimedCents: number;
  deadline: CalendarDay;
}

export function letterFigures(account: Account, today: CalendarDay, deadlineDays: number): LetterFigures {
  const overdue = account.open.filter((line) => line.daysOverdue > 0);
  // Credit notes and payments on account are set against the overdue invoices first, as in the emails: never a claim for more than is owed.
  const principalCents = overdue.reduce((sum, line) => sum + line.openCents, 0) - account.overdueCreditCents;
  const feeCents = overdue.reduce((sum, line) => sum + line.feeCents, 0);
  return { principalCents, feeCents, claimedCents: principalCents + feeCents, deadline: today + deadlineDays };
}

/** The formal demand letter (pre-trial claim) for one customer and currency. */
export function letterHtml(account: Account, today: CalendarDay, deadlineDays: number, given: Sender, language: Language, code?: DocumentCode): string {
  const sender = senderFor(given, language);
  const t = TEXT[language];
  const money = (cents: number) => formatMoney(cents, account.currency, language);
  const figures = letterFigures(account, today, deadlineDays);
  const overdue = account.open.filter((line) => line.daysOverdue > 0);
  const body = [
    `<h1>${t.letterTitle}</h1>`,
    `<table class="meta"><tr><td>${t.to}:</td><td>${escapeHtml(account.customer)}</td></tr><tr><td>${t.from}:</td><td>${escapeHtml(sender.name || sender.email)}</td></tr><tr><td>${t.date}:</td><td>${escapeHtml(formatDay(today, language))}</td></tr></table>`,
    `<p>${escapeHtml(t.intro(formatDay(today, language)))}</p>`,
    table(
      [t.invoice, t.dueDate, t.daysOverdue, t.owed, t.fee],
      overdue.map((line) => [nameOf(line.label, line.invoiceDay, line.dueDay, language, line.job), formatDay(line.dueDay, language), String(line.daysOverdue), money(line.openCents), money(line.feeCents)]),
      [2, 3, 4],
    ),
    table(['', ''], [...(account.overdueCreditCents > 0 ? [[t.credit, money(-account.overdueCreditCents)]] : []), [t.principal, money(figures.principalCents)], [t.fees, money(figures.feeCents)]], [1], [[t.claimed, money(figures.claimedCents)]]).replace(/<tr><th[^]*?<\/tr>/, ''),
    `<p><strong>${escapeHtml(t.demand(formatDay(figures.deadline, language)))}</strong></p>`,
    sender.paymentDetails ? `<h2>${t.pay}</h2><p class="pre">${escapeHtml(sender.paymentDetails)}</p>` : '',
    codeBlock(code),
    `<p>${t.regards},<br>${escapeHtml(sender.name)}${sender.email ? `<br>${escapeHtml(sender.email)}` : ''}</p>`,
  ].join('\n');
  return page(`${t.letterTitle}: ${account.customer}`, body, language);
}

/** One thing that happened with the customer: a reminder, a letter, a call, with its outcome. */
export interface HistoryItem {
  day: CalendarDay;
  what: string;
  outcome: string;
}

/** The summary for the lawyer: invoices, payments, every reminder, letter and call, fees and interest to date. */
export function legalSummaryHtml(table_: InvoiceTable, account: Account, today: CalendarDay, history: readonly HistoryItem[], given: Sender, language: Language): string {
  const sender = senderFor(given, language);
  const t = TEXT[language];
  const money = (cents: number) => formatMoney(cents, account.currency, language);
  const day = (value: number) => (Number.isNaN(value) ? '' : formatDay(value, language));
  const invoices = account.invoices.map((i) => {
    const open = account.open.find((line) => line.index === i);
    return [nameOf(table_.number[i] ?? '', table_.invoiceDay[i], table_.dueDay[i], language, table_.job[i]), day(table_.invoiceDay[i]), day(table_.dueDay[i]), money(table_.amountCents[i]), money(table_.paidCents[i]), day(table_.paidDay[i]), money(open?.openCents ?? 0), money(open?.daysOverdue && open.daysOverdue > 0 ? open.feeCents : 0)];
  });
  const payments = account.invoices.filter((i) => table_.paidCents[i] !== 0).map((i) => [day(table_.paidDay[i]), nameOf(table_.number[i] ?? '', table_.invoiceDay[i], table_.dueDay[i], language, table_.job[i]), money(table_.paidCents[i])]);
  const sorted = [...history].sort((a, b) => a.day - b.day);
  const figures = letterFigures(account, today, 0);
  const body = [
    `<h1>${t.summaryTitle}: ${escapeHtml(account.customer)}</h1>`,
    `<table class="meta"><tr><td>${t.date}:</td><td>${escapeHtml(formatDay(today, language))}</td></tr><tr><td>${t.from}:</td><td>${escapeHtml(sender.name || sender.email)}</td></tr></table>`,
    `<h2>${t.invoices}</h2>`,
    table([t.invoice, t.invoiceDate, t.dueDate, t.amount, t.paid, t.paidDate, t.open, t.fee], invoices, [3, 4, 6, 7]),
    `<h2>${t.payments}</h2>`,
    payments.length ? table([t.paidDate, t.invoice, t.amount], payments, [2]) : `<p>${t.none}</p>`,
    `<h2>${t.history}</h2>`,
    sorted.length ? table([t.date, t.what, t.outcome], sorted.map((item) => [isoDate(item.day), item.what, item.outcome]), []) : `<p>${t.none}</p>`,
    table(['', ''], [...(account.overdueCreditCents > 0 ? [[t.credit, money(-account.overdueCreditCents)]] : []), [t.principal, money(figures.principalCents)], [t.fees, money(figures.feeCents)]], [1], [[t.claimed, money(figures.claimedCents)]]).replace(/<tr><th[^]*?<\/tr>/, ''),
  ].join('\n');
  return page(`${t.summaryTitle}: ${account.customer}`, body, language);
}

/** The statement of account as a page. */
export function statementHtml(statement: Statement, given: Sender, language: Language, code?: DocumentCode): string {
  const sender = senderFor(given, language);
  const t = TEXT[language];
  const money = (cents: number) => formatMoney(cents, statement.currency, language);
  const day = (value: number | null) => (value === null || Number.isNaN(value) ? '' : formatDay(value, language));
  const body = [
    `<h1>${t.statementTitle}: ${escapeHtml(statement.customer)}</h1>`,
    `<p>${escapeHtml(t.period(formatDay(statement.from, language), formatDay(statement.to, language)))}${sender.name ? `<br>${t.from}: ${escapeHtml(sender.name)}` : ''}</p>`,
    table(
      [t.date, t.what, t.invoice, t.debit, t.balance],
      [['', t.brought, '', '', money(statement.openingCents)], ...statement.lines.map((line) => [day(line.day), t.kind[line.kind], nameOf(line.label, line.invoiceDay, line.dueDay, language, line.job), money(line.cents), money(line.balanceCents)])],
      [3, 4],
      [['', t.closing, '', '', money(statement.closingCents)]],
    ),
    `<h2>${t.openInvoices}</h2>`,
    statement.open.length
      ? table([t.invoice, t.invoiceDate, t.dueDate, t.daysOverdue, t.open], statement.open.map((line) => [nameOf(line.label, line.invoiceDay, line.dueDay, language, line.job), day(line.invoiceDay), day(line.dueDay), String(Math.max(0, line.daysOverdue)), money(line.openCents)]), [3, 4])
      : `<p>${t.none}</p>`,
    sender.paymentDetails ? `<h2>${t.pay}</h2><p class="pre">${escapeHtml(sender.paymentDetails)}</p>` : '',
    codeBlock(code),
  ].join('\n');
  return page(`${t.statementTitle}: ${statement.customer}`, body, language);
}
