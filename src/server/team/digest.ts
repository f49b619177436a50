import { creditStatuses } from '../../core/collections/credit';
import { isoDate, type CalendarDay } from '../../core/calendar';
import type { InvoiceTable } from '../../core/invoices';
import type { Policy } from '../../core/reminders/policy';
import { EMAIL, emailList } from '../../core/reminders/email';
import { composeDigest, digestsByManager, isEmptyDigest, type DigestTask } from '../../core/team/digest';
import { managerKey, managerName } from '../../core/team/managers';
import type { Collections } from '../collections/tasks';
import { readDigestSettings, readSeen, readSent, shortHash, writeSeen, writeSent, type DigestSetting } from './digestStore';

/**
 * Sends the morning digests (issue 27, item 2) from the schedule owner's
 * run, after the reminders: one a day at most per manager, only to a manager
 * the owner turned on in the sidebar (kept in the owner's user properties,
 * not in a cell), only to the address the owner approved, which must still
 * be that manager's own text in the Manager column or the owner's address,
 * and never to an address of a customer. Nothing goes to a manager with
 * nothing to do.
 */

/** The addresses a manager's digest may go to: the manager's own text when it is an address, and the owner's. */
export function allowedAddresses(manager: string, owner: string): string[] {
  const own = managerName(manager).toLowerCase();
  return [...new Set([...(EMAIL.test(own) ? [own] : []), ...(owner ? [owner.toLowerCase()] : [])])];
}

/** Every address the invoice table or the Customers sheet gives a customer, lower case. */
export function customerAddresses(table: Pick<InvoiceTable, 'size' | 'email'>, collections: Pick<Collections, 'settings'>): Set<string> {
  const addresses = new Set<string>();
  const add = (text: string | undefined) => {
    for (const address of emailList(text ?? '')) addresses.add(address.toLowerCase());
  };
  for (let i = 0; i < table.size; i++) add(table.email[i]);
  for (const setting of collections.settings.values()) add(setting.email);
  return addresses;
}

/** Why a digest may not go to this address, or '' when it may. */
export function addressRefusal(setting: DigestSetting, owner: string, customers: ReadonlySet<string>): string {
  const address = setting.address.trim().toLowerCase();
  if (!EMAIL.test(address)) return `"${setting.address}" is not an email address`;
  if (!allowedAddresses(setting.manager, owner).includes(address)) return `${setting.address} is neither the manager's address in the Manager column nor the owner's`;
  if (customers.has(address)) return `${setting.address} is a customer's email address: a digest never goes to a customer`;
  return '';
}

export interface DigestContext {
  owner: string;
  today: CalendarDay;
  table: InvoiceTable;
  policy: Policy;
  collections: Collections;
  locale: string;
  deadline: number;
}

export interface DigestResult {
  sent: number;
  /** Some were left for lack of time: the day's run is not over. */
  waiting: boolean;
  problems: string[];
  notes: string[];
}

export function sendDigests(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, context: DigestContext): DigestResult {
  const result: DigestResult = { sent: 0, waiting: false, problems: [], notes: [] };
  const id = spreadsheet.getId();
  const approved = readDigestSettings(id).filter((setting) => setting.on);
  // No manager turned on: nothing read, nothing kept (the first digest after one is turned on starts what was told).
  if (approved.length === 0) return result;
  const seen = readSeen(id);
  const { collections, today } = context;
  const tasks: DigestTask[] = collections.marked.genuine
    .filter((entry) => entry.day === today && entry.channel !== null)
    .map((entry) => ({ customer: entry.customer, currency: entry.currency, channel: entry.channel as DigestTask['channel'], invoices: entry.invoices }));
  const tableDisputes: Array<{ customer: string; label: string }> = [];
  for (const account of collections.accounts.values()) for (const line of account.open) if (context.table.disputed[line.index] === 1) tableDisputes.push({ customer: account.customer, label: line.label });
  const { digests, current } = digestsByManager(
    { today, accounts: collections.accounts.values(), settings: collections.settings, tableManagers: collections.managers, tasks, statuses: creditStatuses(collections.accounts.values(), collections.settings, context.policy, today), tableDisputes },
    // What was told is kept hashed (a property holds 9 KB). Before the first digest nothing is new: what stood before is no news.
    (key) => seen !== null && !seen.has(shortHash(key)),
  );

  const day = isoDate(today);
  const sent = readSent(id, day);
  const told = new Set<string>();
  const customers = customerAddresses(context.table, collections);
  const byManager = new Map(approved.map((setting) => [managerKey(setting.manager), setting]));
  for (const [key, digest] of digests) {
    const setting = byManager.get(key);
    if (!setting) {
      told.add(key);
      continue;
    }
    if (sent.has(shortHash(key))) continue;
    if (isEmptyDigest(digest)) {
      told.add(key);
      continue;
    }
    const refusal = addressRefusal(setting, context.owner, customers);
    if (refusal) {
      result.problems.push(`Morning digest for ${setting.manager}: not sent: ${refusal}. The owner can choose another address in the sidebar's Team section.`);
      continue;
    }
    if (Date.now() > context.deadline) {
      result.waiting = true;
      continue;
    }
    if (MailApp.getRemainingDailyQuota() < 1) {
      result.problems.push(`Morning digest for ${setting.manager}: not sent: the daily mail quota is used up.`);
      continue;
    }
    const mail = composeDigest(digest, { language: setting.language, locale: context.locale, today, spreadsheetName: spreadsheet.getName(), url: spreadsheet.getUrl() });
    try {
      MailApp.sendEmail({ to: setting.address.trim(), subject: mail.subject, body: mail.body, htmlBody: mail.htmlBody, name: 'Receivables' });
    } catch (error) {
      result.problems.push(`Morning digest for ${setting.manager}: not sent: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    // Recorded at once: a run stopped after this send never sends it again today.
    sent.add(shortHash(key));
    writeSent(id, day, sent);
    told.add(key);
    result.sent++;
  }
  // Disputes and holds count as told once their manager's digest went (or the manager gets none); the rest wait for the next digest.
  const nextSeen = new Set<string>();
  for (const item of current) {
    const hash = shortHash(item.key);
    if (seen === null || seen.has(hash) || told.has(item.manager)) nextSeen.add(hash);
  }
  writeSeen(id, nextSeen);
  if (result.sent) result.notes.push(`Morning digest sent to ${result.sent} manager${result.sent === 1 ? '' : 's'}`);
  return result;
}
