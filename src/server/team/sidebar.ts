import type { Cell } from '../../core/cells';
import { readInvoiceTable } from '../../core/invoices';
import { localeLanguage } from '../../core/locale';
import { CUSTOMERS_SHEET_NAME, customerKey, readCustomerSettings } from '../../core/reminders/customerSettings';
import { LOG_SHEET_NAME } from '../../core/reminders/log';
import { COLLECTIONS_SHEET_NAME } from '../../core/collections/sheet';
import type { Language } from '../../core/reminders/templates';
import { managerKey, managerName } from '../../core/team/managers';
import type { CustomerRow, SaveResult, TeamView } from '../../shared/contract';
import { findInvoiceSheet } from '../invoiceSheet';
import { missingScopes, permissionNotice, NEEDS, SCOPE } from '../permissions';
import { readSettings } from '../reminders/policyStore';
import { readScheduleOwner } from '../reminders/runState';
import { settingsOf } from '../spreadsheetSettings';
import { addressRefusal, allowedAddresses, customerAddresses } from './digest';
import { MAX_MANAGER_LENGTH, MAX_MANAGERS, readDigestSettings, writeDigestSettings, type DigestSetting } from './digestStore';

/**
 * The sidebar's Team section (issue 27): each manager the Manager columns
 * name, with the morning digest as the person looking set it. Saving keeps
 * it in that person's own user properties: it is the owner's approval of
 * where the owner's account sends, and no cell can give it.
 */
export function teamView(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, customers: readonly CustomerRow[], tableManagers: Readonly<Record<string, string>>): TeamView {
  // The sidebar opens without the email scope (users may grant only some scopes): then nobody's own address is offered.
  const me = missingScopes([SCOPE.email]).length ? '' : Session.getEffectiveUser().getEmail();
  const defaultLanguage = localeLanguage(spreadsheet.getSpreadsheetLocale());
  const counts = new Map<string, { manager: string; customers: number }>();
  const count = (name: string) => {
    const manager = managerName(name);
    if (!manager) return;
    const entry = counts.get(managerKey(manager)) ?? { manager, customers: 0 };
    entry.customers++;
    counts.set(managerKey(manager), entry);
  };
  const listed = new Set<string>();
  for (const row of customers) {
    listed.add(customerKey(row.customer));
    count((row.manager ?? '').trim() || tableManagers[customerKey(row.customer)] || '');
  }
  for (const [key, manager] of Object.entries(tableManagers)) if (!listed.has(key)) count(manager);
  const saved = new Map(readDigestSettings(spreadsheet.getId()).map((setting) => [managerKey(setting.manager), setting]));
  // A manager no longer named anywhere stays listed while a digest is set for them, so it can be turned off.
  for (const [key, setting] of saved) if (!counts.has(key)) counts.set(key, { manager: setting.manager, customers: 0 });
  return {
    me,
    managers: [...counts.entries()]
      .sort(([, a], [, b]) => a.manager.localeCompare(b.manager))
      .map(([key, { manager, customers: n }]) => {
        const setting = saved.get(key);
        const addresses = allowedAddresses(manager, me);
        // A saved address no longer allowed (the column changed) is not offered: the first allowed one is.
        const address = setting && addresses.includes(setting.address.toLowerCase()) ? setting.address.toLowerCase() : (addresses[0] ?? '');
        return { manager, customers: n, on: setting?.on ?? false, address, language: setting?.language ?? defaultLanguage, addresses };
      }),
  };
}

/**
 * Sidebar: saves the morning digests as the person set them, for their own
 * account. Refused to anyone but the schedule's owner while it is on; an
 * address is only the manager's own (the Manager column holds it) or the
 * saver's, and never a customer's.
 */
export function sidebarSaveDigests(entries: unknown): SaveResult {
  // Whose approval this is rests on the saver's address: saving needs the email scope.
  const notice = permissionNotice('save the morning digests', [...NEEDS.sidebar, SCOPE.email]);
  if (notice) throw new Error(notice);
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const me = Session.getEffectiveUser().getEmail();
  const owner = readScheduleOwner(spreadsheet);
  if (owner && owner !== me) return { ok: false, problems: [{ field: '', message: `Daily reminders are sent from ${owner}'s account, so only ${owner} can change the morning digests. Ask ${owner} to make this change.` }] };
  if (!Array.isArray(entries)) return { ok: false, problems: [{ field: '', message: 'the digests must be a list' }] };
  if (entries.length > MAX_MANAGERS) return { ok: false, problems: [{ field: '', message: `at most ${MAX_MANAGERS} managers can have a digest` }] };
  const problems: Array<{ field: string; message: string }> = [];
  const settings: DigestSetting[] = [];
  entries.forEach((entry: unknown, k) => {
    const e = entry as Partial<DigestSetting> | null;
    if (typeof e !== 'object' || e === null || typeof e.manager !== 'string' || typeof e.address !== 'string' || typeof e.on !== 'boolean' || (e.language !== 'en' && e.language !== 'ru')) {
      problems.push({ field: `team.${k}`, message: 'must have a manager, an address, a language (en or ru) and on (true or false)' });
      return;
    }
    const manager = managerName(e.manager);
    if (!manager || manager.length > MAX_MANAGER_LENGTH) return void problems.push({ field: `team.${k}.manager`, message: `must be a name or an address of 1 to ${MAX_MANAGER_LENGTH} characters` });
    settings.push({ manager, address: e.address.trim(), language: e.language as Language, on: e.on });
  });
  if (problems.length) return { ok: false, problems };
  const customers = settings.some((setting) => setting.on) ? addressesOfCustomers(spreadsheet) : new Set<string>();
  settings.forEach((setting, k) => {
    if (!setting.on) return;
    const refusal = addressRefusal(setting, me, customers);
    if (refusal) problems.push({ field: `team.${k}.address`, message: refusal });
  });
  if (problems.length) return { ok: false, problems };
  writeDigestSettings(spreadsheet.getId(), settings);
  return { ok: true };
}

/** The customers' addresses as the run sees them: the invoice table's Email column and the Customers sheet's. */
function addressesOfCustomers(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): Set<string> {
  const stored = readSettings(spreadsheet);
  const columns = stored.ok ? stored.policy.columns : {};
  const sheet = settingsOf(spreadsheet);
  const found = findInvoiceSheet(spreadsheet, [LOG_SHEET_NAME, CUSTOMERS_SHEET_NAME, COLLECTIONS_SHEET_NAME], columns);
  const table = found ? readInvoiceTable(found.rows as Cell[][], { ...sheet, columns, firstRow: found.headerRow }) : { size: 0, email: [] };
  const customers = spreadsheet.getSheetByName(CUSTOMERS_SHEET_NAME);
  const { settings } = readCustomerSettings((customers ? customers.getDataRange().getValues() : []) as Cell[][], sheet);
  return customerAddresses(table, { settings });
}
