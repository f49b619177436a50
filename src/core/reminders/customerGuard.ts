import { isoDate, type CalendarDay } from '../calendar';
import type { Cell } from '../cells';
import { customerColumns, customerKey, type CustomerSettings } from './customerSettings';

/**
 * What cells typed in the Customers sheet may do to the reminders. Any
 * editor can type there, and the cells are all there is: a "Paused until"
 * or "Promise to pay by" of 2099 would stop the owner's reminders for
 * decades. Such a date is acted on only up to the policy's bound
 * (collections.maxPromiseDays) after the day the add-on first saw that value
 * for that customer: retyping the same date does not move that day, and a
 * new date starts its own count, so no date can reach further than the
 * bound from when it was typed. The days first seen are kept by the caller
 * in the running person's user properties, which no other editor can write.
 */

/** The dates the guard bounds, with the letter each is recorded under. */
const DATE_FIELDS = [
  { field: 'pausedUntil', tag: 'u', header: 'Paused until' },
  { field: 'promiseBy', tag: 'p', header: 'Promise to pay by' },
] as const;

/** customer key + "\u0001" + tag → [the date typed, the day it was first seen]. */
export type SeenDates = Record<string, [CalendarDay, CalendarDay]>;

/** A property holds 9 KB: the record is kept below this many characters of JSON (the earliest seen kept first). */
export const SEEN_DATES_LIMIT = 8_000;

export interface GuardedCustomers {
  /** The settings with refused dates taken out (a new map). */
  settings: Map<string, CustomerSettings>;
  problems: string[];
  /** The record to keep: only what the sheet still holds. */
  seen: SeenDates;
}

/** Sheet row (1-based) of each customer key, as readCustomerSettings keeps it (a later row of the same customer wins). */
function rowsOf(rows: readonly (readonly Cell[])[]): { row: Map<string, number>; header: (field: string, fallback: string) => string } {
  const row = new Map<string, number>();
  const header = rows[0] ?? [];
  const columns = customerColumns(header);
  const customer = columns.customer;
  if (customer !== undefined) rows.forEach((cells, r) => r > 0 && String(cells[customer] ?? '').trim() && row.set(customerKey(String(cells[customer])), r + 1));
  return { row, header: (field, fallback) => { const c = columns[field as keyof typeof columns]; return c === undefined ? fallback : String(header[c] ?? fallback); } };
}

export function boundCustomerDates(settings: ReadonlyMap<string, CustomerSettings>, rows: readonly (readonly Cell[])[], previous: SeenDates, today: CalendarDay, maxDays: number): GuardedCustomers {
  const guarded = new Map<string, CustomerSettings>();
  const problems: string[] = [];
  const where = rowsOf(rows);
  const found: Array<{ id: string; value: CalendarDay; first: CalendarDay; key: string; field: (typeof DATE_FIELDS)[number] }> = [];
  for (const [key, setting] of settings) {
    guarded.set(key, { ...setting });
    for (const field of DATE_FIELDS) {
      const value = setting[field.field];
      if (value === null) continue;
      const id = `${key}\u0001${field.tag}`;
      const before = Object.prototype.hasOwnProperty.call(previous, id) ? previous[id] : undefined;
      // A date already past needs no record: it stops nothing.
      if (value < today) continue;
      found.push({ id, value, first: before && before[0] === value ? Math.min(before[1], today) : today, key, field });
    }
  }
  // The earliest seen first: if the record must be cut, what is dropped is what was typed last, and it is refused.
  found.sort((a, b) => a.first - b.first || (a.id < b.id ? -1 : 1));
  const seen: SeenDates = {};
  let size = 2;
  for (const entry of found) {
    const setting = guarded.get(entry.key) as CustomerSettings;
    const place = `Customers sheet, row ${where.row.get(entry.key) ?? '?'}, column "${where.header(entry.field.field, entry.field.header)}"`;
    const cost = JSON.stringify(entry.id).length + JSON.stringify([entry.value, entry.first]).length + 2;
    if (size + cost > SEEN_DATES_LIMIT) {
      problems.push(`${place}: ${isoDate(entry.value)} is not acted on: too many customers have a date typed in the Customers sheet for the add-on to keep track of; reminders go on. Clear the dates that no longer apply`);
      setting[entry.field.field] = null;
      continue;
    }
    size += cost;
    seen[entry.id] = [entry.value, entry.first];
    if (entry.value > entry.first + maxDays) {
      problems.push(`${place}: ${isoDate(entry.value)} is more than ${maxDays} days after ${isoDate(entry.first)}, when it was first seen there, the furthest the policy accepts; it is not acted on and reminders go on. Type an earlier date, or raise collections.maxPromiseDays in the policy`);
      setting[entry.field.field] = null;
    }
  }
  return { settings: guarded, problems, seen };
}

/** The reasons a customer's own cells keep them from being reminded today ([] when none). */
export function typedHolds(setting: CustomerSettings, today: CalendarDay): string[] {
  const reasons: string[] = [];
  if (setting.doNotRemind) reasons.push('Do not remind');
  if (setting.legal) reasons.push('Legal');
  if (setting.disputed) reasons.push('Disputed');
  if (setting.pausedUntil !== null && today <= setting.pausedUntil) reasons.push(`Paused until ${isoDate(setting.pausedUntil)}`);
  if (setting.promiseBy !== null && today <= setting.promiseBy) reasons.push(`Promise to pay by ${isoDate(setting.promiseBy)}`);
  return reasons;
}

/** "2 customers not reminded because of what is typed in the Customers sheet: Acme (Do not remind); Globex (Legal)"; "" when none. */
export function typedHoldsNote(settings: ReadonlyMap<string, CustomerSettings>, today: CalendarDay, owing: (key: string) => boolean): string {
  const held = [...settings].filter(([key]) => owing(key)).map(([, setting]) => ({ customer: setting.customer, reasons: typedHolds(setting, today) })).filter((entry) => entry.reasons.length > 0);
  if (held.length === 0) return '';
  const listed = held.slice(0, 20).map((entry) => `${entry.customer} (${entry.reasons.join(', ')})`).join('; ');
  return `${held.length} customer${held.length === 1 ? '' : 's'} not reminded because of what is typed in the Customers sheet: ${listed}${held.length > 20 ? `; and ${held.length - 20} more` : ''}`;
}
