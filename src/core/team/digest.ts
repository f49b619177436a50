import type { CalendarDay } from '../calendar';
import type { Account } from '../collections/account';
import type { CreditStatus, HoldReason } from '../collections/credit';
import { customerKey, type CustomerSettings } from '../reminders/customerSettings';
import { CHANNEL_NAMES } from '../reminders/kinds';
import { escapeHtml, formatDay, formatMoney, type Language } from '../reminders/templates';
import { managerKey, managerOf } from './managers';

/**
 * The morning digest (issue 27, item 2): for each manager, what their
 * customers need today. Pure: the run gathers the facts, keeps what was
 * already told, and sends.
 */

/** More than this many days overdue is listed every morning. */
export const DIGEST_OVERDUE_DAYS = 30;
/** The most lines a section lists; the rest are counted. */
export const DIGEST_LINES = 100;

export interface DigestTask {
  customer: string;
  currency: string;
  channel: 'call' | 'letter' | 'legal';
  invoices: string[];
}

/** Something the digest tells once ("new"): a dispute or a hold, by a key kept between runs. */
export interface NewsItem {
  key: string;
  customer: string;
  /** Invoices of a dispute ("" for the whole customer), or the currency of a hold. */
  detail: string;
  reasons: HoldReason[];
}

export interface ManagerDigest {
  /** The manager as typed in the Manager column (first spelling met). */
  manager: string;
  tasks: DigestTask[];
  promisesDue: Array<{ customer: string; currency: string; openCents: number }>;
  promisesBroken: Array<{ customer: string; currency: string; openCents: number }>;
  disputes: NewsItem[];
  holds: NewsItem[];
  overdue: Array<{ customer: string; currency: string; overdueCents: number; days: number }>;
}

export interface DigestFacts {
  today: CalendarDay;
  accounts: Iterable<Account>;
  /** The Customers sheet's settings with the Collections sheet's outcomes (promises, disputed invoices). */
  settings: ReadonlyMap<string, CustomerSettings>;
  /** Managers from the invoice table's column, by customer key. */
  tableManagers: ReadonlyMap<string, string>;
  /** Today's call, letter and legal tasks (the add-on's own Collections rows). */
  tasks: readonly DigestTask[];
  statuses: readonly CreditStatus[];
  /** Open invoices the invoice table marks disputed. */
  tableDisputes: ReadonlyArray<{ customer: string; label: string }>;
}

export function isEmptyDigest(digest: ManagerDigest): boolean {
  return !digest.tasks.length && !digest.promisesDue.length && !digest.promisesBroken.length && !digest.disputes.length && !digest.holds.length && !digest.overdue.length;
}

/**
 * Each manager's digest, by managerKey, and every dispute and hold of today
 * with its manager's key (for what is told as new next time). A dispute or
 * hold is in a digest only when `isNew` says so of its key.
 */
export function digestsByManager(facts: DigestFacts, isNew: (key: string) => boolean): { digests: Map<string, ManagerDigest>; current: Array<{ key: string; manager: string }> } {
  const digests = new Map<string, ManagerDigest>();
  const current: Array<{ key: string; manager: string }> = [];
  const managerOfCustomer = (customer: string) => managerOf(customer, facts.settings, facts.tableManagers);
  const digestOf = (customer: string): ManagerDigest | null => {
    const name = managerOfCustomer(customer);
    if (!name) return null;
    const key = managerKey(name);
    let digest = digests.get(key);
    if (!digest) digests.set(key, (digest = { manager: name, tasks: [], promisesDue: [], promisesBroken: [], disputes: [], holds: [], overdue: [] }));
    return digest;
  };
  const known = new Set<string>();
  const news = (customer: string, item: NewsItem, list: 'disputes' | 'holds') => {
    const name = managerOfCustomer(customer);
    if (!name || known.has(item.key)) return;
    known.add(item.key);
    current.push({ key: item.key, manager: managerKey(name) });
    if (isNew(item.key)) digestOf(customer)?.[list].push(item);
  };

  for (const task of facts.tasks) digestOf(task.customer)?.tasks.push(task);
  const tableDisputes = new Map<string, string[]>();
  for (const { customer, label } of facts.tableDisputes) tableDisputes.set(customerKey(customer), [...(tableDisputes.get(customerKey(customer)) ?? []), label]);

  for (const account of facts.accounts) {
    const setting = facts.settings.get(customerKey(account.customer));
    const promise = setting?.promiseBy ?? null;
    if (promise !== null && account.balanceCents > 0) {
      const line = { customer: account.customer, currency: account.currency, openCents: account.balanceCents };
      if (promise === facts.today) digestOf(account.customer)?.promisesDue.push(line);
      // Broken yesterday: the day passed with what it covered still open (the credit hold's rule).
      if (promise === facts.today - 1 && account.open.some((open) => open.dueDay <= promise)) digestOf(account.customer)?.promisesBroken.push(line);
    }
    if (account.oldestDaysOverdue > DIGEST_OVERDUE_DAYS && account.overdueCents > 0) {
      digestOf(account.customer)?.overdue.push({ customer: account.customer, currency: account.currency, overdueCents: account.overdueCents, days: account.oldestDaysOverdue });
    }
    // Disputed invoices of the account: typed on a call (Collections) or marked in the invoice table.
    const disputed = new Set(setting?.disputedInvoices ?? []);
    for (const label of tableDisputes.get(customerKey(account.customer)) ?? []) disputed.add(label);
    for (const label of disputed) news(account.customer, { key: `d:${customerKey(account.customer)}:${label}`, customer: account.customer, detail: label, reasons: [] }, 'disputes');
  }
  for (const setting of facts.settings.values()) {
    if (setting.disputed) news(setting.customer, { key: `d:${customerKey(setting.customer)}`, customer: setting.customer, detail: '', reasons: [] }, 'disputes');
  }
  for (const status of facts.statuses) {
    if (status.reasons.length) news(status.customer, { key: `h:${customerKey(status.customer)}:${status.currency}`, customer: status.customer, detail: status.currency, reasons: status.reasons }, 'holds');
  }
  for (const digest of digests.values()) digest.overdue.sort((a, b) => b.days - a.days);
  return { digests, current };
}

const WORDS = {
  en: {
    subject: (day: string, book: string) => `Receivables: your day, ${day} (${book})`,
    hello: (manager: string) => `Good morning. Here is what your customers need today (manager: ${manager}).`,
    tasks: "Today's calls and letters",
    promisesDue: 'Promised to pay today',
    promisesBroken: 'Promise broken yesterday',
    disputes: 'New disputes',
    holds: 'Newly on credit hold',
    overdue: `More than ${DIGEST_OVERDUE_DAYS} days overdue`,
    whole: 'all invoices',
    days: (days: number) => `${days} days`,
    open: 'open',
    more: (count: number) => `and ${count} more (see the spreadsheet)`,
    holdReasons: { overLimit: 'over the limit', overdue: 'overdue too long', promiseBroken: 'promise broken', legal: 'handed to a lawyer' } as Record<HoldReason, string>,
    footer: 'Sent once a day from the spreadsheet owner\'s account because the owner turned on this digest for you.',
  },
  ru: {
    subject: (day: string, book: string) => `Дебиторка: ваш день, ${day} (${book})`,
    hello: (manager: string) => `Доброе утро. Вот что нужно вашим клиентам сегодня (ответственный: ${manager}).`,
    tasks: 'Звонки и письма на сегодня',
    promisesDue: 'Обещали оплатить сегодня',
    promisesBroken: 'Вчера не выполнили обещание',
    disputes: 'Новые споры',
    holds: 'Новые на кредитном стопе',
    overdue: `Просрочка больше ${DIGEST_OVERDUE_DAYS} дней`,
    whole: 'все счета',
    days: (days: number) => `${days} дн.`,
    open: 'к оплате',
    more: (count: number) => `и ещё ${count} (см. таблицу)`,
    holdReasons: { overLimit: 'превышен лимит', overdue: 'долгая просрочка', promiseBroken: 'обещание не выполнено', legal: 'передан юристу' } as Record<HoldReason, string>,
    footer: 'Отправляется раз в день из аккаунта владельца таблицы: владелец включил для вас эту сводку.',
  },
} as const;

/** The digest as mail: a one-line subject, a plain body and an HTML body in which everything typed is escaped. */
export function composeDigest(digest: ManagerDigest, context: { language: Language; locale: string; today: CalendarDay; spreadsheetName: string; url: string }): { subject: string; body: string; htmlBody: string } {
  const words = WORDS[context.language];
  const money = (cents: number, currency: string) => formatMoney(cents, currency, context.language, context.locale);
  const named = (customer: string, currency: string) => (currency ? `${customer} (${currency})` : customer);
  const sections: Array<[string, string[]]> = [
    [words.tasks, digest.tasks.map((task) => `${CHANNEL_NAMES[context.language][task.channel]}: ${named(task.customer, task.currency)} — ${task.invoices.join(', ')}`)],
    [words.promisesDue, digest.promisesDue.map((line) => `${line.customer}: ${money(line.openCents, line.currency)} ${words.open}`)],
    [words.promisesBroken, digest.promisesBroken.map((line) => `${line.customer}: ${money(line.openCents, line.currency)} ${words.open}`)],
    [words.disputes, digest.disputes.map((item) => `${item.customer}: ${item.detail || words.whole}`)],
    [words.holds, digest.holds.map((item) => `${named(item.customer, item.detail)}: ${item.reasons.map((reason) => words.holdReasons[reason]).join(', ')}`)],
    [words.overdue, digest.overdue.map((line) => `${line.customer}: ${money(line.overdueCents, line.currency)}, ${words.days(line.days)}`)],
  ]
    .filter(([, lines]) => (lines as string[]).length > 0)
    // A mail holds about 200 KB: a long list is cut, saying how many more the sheet has.
    .map(([title, lines]) => [title, lines.length > DIGEST_LINES ? [...lines.slice(0, DIGEST_LINES), words.more(lines.length - DIGEST_LINES)] : lines]) as Array<[string, string[]]>;
  const book = context.spreadsheetName.replace(/[\r\n]+/g, ' ').trim();
  const day = formatDay(context.today, context.language, context.locale);
  const hello = words.hello(digest.manager);
  const body = [hello, '', ...sections.flatMap(([title, lines]) => [title, ...lines.map((line) => `- ${line}`), '']), context.url, '', words.footer].join('\n');
  const htmlBody = [
    `<div style="font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:20px;color:#202124">`,
    `<p>${escapeHtml(hello)}</p>`,
    ...sections.map(([title, lines]) => `<h3 style="font-size:15px;margin:16px 0 4px">${escapeHtml(title)}</h3><ul style="margin:0;padding-left:20px">${lines.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>`),
    `<p><a href="${escapeHtml(context.url)}">${escapeHtml(book)}</a></p>`,
    `<p style="color:#5f6368;font-size:12px">${escapeHtml(words.footer)}</p></div>`,
  ].join('');
  // A mail header has one line: a name typed with line breaks must not add headers.
  return { subject: words.subject(day, book).replace(/[\r\n]+/g, ' ').slice(0, 250), body, htmlBody };
}
