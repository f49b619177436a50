import type { CalendarDay } from '../calendar';
import { amountInCents, isBlank, type Cell } from '../cells';
import { detectColumns, locateHeader, normalizeHeader } from '../columns';
import type { LocaleConventions } from '../locale';
import { customerKey, type CustomerSettings } from '../reminders/customerSettings';
import type { Policy } from '../reminders/policy';
import type { Account } from './account';

/** Headers of a credit limit column, in the Customers sheet or the invoice table. */
export const LIMIT_HEADERS = ['creditlimit', 'limit', 'кредитныйлимит', 'лимит'];

export const CREDIT_STATUS_HEADERS = ['Customer', 'Currency', 'Limit', 'Used', 'Available', 'Over limit', 'Hold', 'Hold reason'] as const;

/** Why a customer is on hold: codes, worded by AR_CREDIT_STATUS in English and by the sidebar in its language. */
export type HoldReason = 'overLimit' | 'overdue' | 'promiseBroken' | 'legal';

export function holdReasonText(reason: HoldReason, overdueDays: number): string {
  return { overLimit: 'over the limit', overdue: `overdue more than ${overdueDays} days`, promiseBroken: 'promise broken', legal: 'handed over to a lawyer' }[reason];
}

export interface CreditStatus {
  customer: string;
  currency: string;
  limitCents: number | null;
  usedCents: number;
  /** Limit minus used (negative when over); null without a limit. */
  availableCents: number | null;
  overLimitCents: number;
  reasons: HoldReason[];
}

/**
 * Each customer's credit standing: what they owe (credit notes netted)
 * against their limit, and whether the policy holds them: over the limit,
 * an invoice overdue more than the policy's days, a promise to pay broken
 * (the day passed with what it covered still open), or handed to a lawyer.
 * Customers with nothing owed and no limit are left out; holds come first.
 */
export function creditStatuses(accounts: Iterable<Account>, settings: ReadonlyMap<string, CustomerSettings>, policy: Policy, today: CalendarDay): CreditStatus[] {
  const rules = policy.collections;
  const statuses: CreditStatus[] = [];
  for (const account of accounts) {
    const setting = settings.get(customerKey(account.customer));
    const limitCents = setting?.creditLimitCents ?? null;
    const usedCents = Math.max(0, account.balanceCents);
    if (limitCents === null && usedCents === 0) continue;
    const overLimitCents = limitCents === null ? 0 : Math.max(0, usedCents - limitCents);
    const reasons: HoldReason[] = [];
    if (rules.holdOverLimit && overLimitCents > 0) reasons.push('overLimit');
    if (rules.holdOverdueDays > 0 && account.oldestDaysOverdue > rules.holdOverdueDays) reasons.push('overdue');
    const promise = setting?.promiseBy ?? null;
    if (rules.holdOnBrokenPromise && promise !== null && promise < today && account.open.some((line) => line.dueDay <= promise)) reasons.push('promiseBroken');
    if (setting?.legal) reasons.push('legal');
    statuses.push({ customer: account.customer, currency: account.currency, limitCents, usedCents, availableCents: limitCents === null ? null : limitCents - usedCents, overLimitCents, reasons });
  }
  return statuses.sort((a, b) => Number(b.reasons.length > 0) - Number(a.reasons.length > 0) || b.usedCents - a.usedCents || (a.customer < b.customer ? -1 : 1));
}

/**
 * Limits from a credit limit column of the invoice table itself (the first
 * amount given for each customer), for books that keep them there.
 */
/** The invoice table's header row and the rows below it, title lines above passed over as the reader does; the first row when none is found. */
function headerAndBody(rows: readonly (readonly Cell[])[]): { header: readonly Cell[]; body: readonly (readonly Cell[])[] } {
  const located = locateHeader(rows);
  const index = located ? located.index : 0;
  return { header: rows[index] ?? [], body: rows.slice(index + (located ? located.layout.depth : 1)) };
}

export function limitsInInvoiceRows(rows: readonly (readonly Cell[])[], conventions: LocaleConventions): Map<string, number> {
  const limits = new Map<string, number>();
  const { header, body } = headerAndBody(rows);
  const column = header.findIndex((name) => LIMIT_HEADERS.includes(normalizeHeader(name)));
  const customer = detectColumns(header).customer?.index;
  if (column < 0 || customer === undefined) return limits;
  for (const row of body) {
    const name = String(row[customer] ?? '').trim();
    if (!name || isBlank(row[column]) || limits.has(customerKey(name))) continue;
    const cents = amountInCents(row[column], conventions);
    if (cents !== null && cents >= 0) limits.set(customerKey(name), cents);
  }
  return limits;
}

/** Contact person and phone per customer from the invoice table's own columns, when it has them. */
export function contactsInInvoiceRows(rows: readonly (readonly Cell[])[]): Map<string, { contact: string; phone: string }> {
  const contacts = new Map<string, { contact: string; phone: string }>();
  const { header, body } = headerAndBody(rows);
  const headers = header.map((name) => normalizeHeader(name));
  const phone = headers.findIndex((name) => name === 'phone' || name === 'телефон');
  const contact = headers.findIndex((name) => ['contact', 'contactperson', 'контакт', 'контактноелицо'].includes(name));
  const customer = detectColumns(header).customer?.index;
  if (customer === undefined || (phone < 0 && contact < 0)) return contacts;
  for (const row of body) {
    const name = String(row[customer] ?? '').trim();
    if (!name) continue;
    const known = contacts.get(customerKey(name)) ?? { contact: '', phone: '' };
    if (!known.contact && contact >= 0) known.contact = String(row[contact] ?? '').trim();
    if (!known.phone && phone >= 0) known.phone = String(row[phone] ?? '').trim();
    contacts.set(customerKey(name), known);
  }
  return contacts;
}

