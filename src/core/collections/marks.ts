import { calendarDay, isoDate, type CalendarDay } from '../calendar';
import { customerKey } from '../reminders/customerSettings';
import type { CollectionsEntry } from './sheet';

/**
 * The add-on's mark on the Collections rows it writes, which people can
 * read but not forge: any editor can type a row, and only rows the add-on
 * wrote may lead to a document in the owner's Drive, a legal hand-over
 * (no more mail) or a promise pause.
 *
 * Why a signature in the row, not a registry of row ids in properties: the
 * mark travels with its row, so it survives people sorting, moving,
 * inserting and deleting rows; the sheet keeps every task as history, so a
 * registry would grow without end, and user properties hold 9 KB a value
 * and 500 KB for all of one person's spreadsheets. The secret is one value
 * in the signing person's user properties (the schedule owner's, as the
 * trigger runs as them), which no other editor can read or write.
 *
 * The Task id cell reads "T20260316-1a2b3c4d5e6f-<signature>": the day the
 * row was written, a random part, and HMAC-SHA256 (128 bits kept, base-64
 * web-safe) over the spreadsheet, that day and random part, and the cells
 * that decide what the add-on does with the row: customer, currency, step
 * (call, letter, legal) and Keys. A row whose Customer, Step or Keys was
 * changed, or copied from another spreadsheet, fails it. People's own
 * columns (Outcome, Promise date, Note, Invoices, Document) are not signed:
 * what they type there on the add-on's rows works as before.
 */

export const TASK_ID_PATTERN = /^T(\d{4})(\d{2})(\d{2})-([0-9a-z]{6,32})-([A-Za-z0-9_-]{22})$/;

/** Sheets reads a leading apostrophe as "keep as text" and drops it: signed and checked without it. */
const unguarded = (text: string) => text.replace(/^'/, '');

/** What the signature covers. */
export function taskPayload(spreadsheetId: string, day: CalendarDay, nonce: string, row: { customer: string; currency: string; channel: string | null; keysText: string }): string {
  return ['receivables task v1', spreadsheetId, isoDate(day), nonce, customerKey(unguarded(row.customer)), unguarded(row.currency).trim(), row.channel ?? '', unguarded(row.keysText).trim()].join('\u0000');
}

export function formatTaskId(day: CalendarDay, nonce: string, signature: string): string {
  return `T${isoDate(day).replace(/-/g, '')}-${nonce}-${signature}`;
}

export function parseTaskId(id: string): { day: CalendarDay; nonce: string; signature: string } | null {
  const match = TASK_ID_PATTERN.exec(unguarded(id.trim()));
  if (!match) return null;
  return { day: calendarDay(Number(match[1]), Number(match[2]), Number(match[3])), nonce: match[4], signature: match[5] };
}

/** The Collections rows split by whether the add-on acts on them. */
export interface MarkedEntries {
  /** Rows the add-on wrote (their mark checks), each task once: what the run acts on. */
  genuine: CollectionsEntry[];
  /** Rows with no valid mark, or a second copy of a marked row: shown to the owner, never acted on. */
  handTyped: CollectionsEntry[];
  /** The day each genuine row's mark carries, by row. */
  dayOf: Map<CollectionsEntry, CalendarDay>;
}

/**
 * Keeps the rows whose mark `signatureOf` confirms. A copy of a marked row
 * (the same Task id twice) counts once, at its first place in the sheet:
 * both copies carry the same signed facts, so which one is kept changes
 * nothing the add-on does but the outcome read from it.
 */
export function splitByMark(entries: readonly CollectionsEntry[], signatureOf: (day: CalendarDay, nonce: string, entry: CollectionsEntry) => string | null): MarkedEntries {
  const result: MarkedEntries = { genuine: [], handTyped: [], dayOf: new Map() };
  const seen = new Set<string>();
  for (const entry of entries) {
    const mark = parseTaskId(entry.taskId);
    const expected = mark ? signatureOf(mark.day, mark.nonce, entry) : null;
    if (!mark || expected === null || expected !== mark.signature || seen.has(mark.nonce)) {
      result.handTyped.push(entry);
      continue;
    }
    seen.add(mark.nonce);
    result.genuine.push(entry);
    result.dayOf.set(entry, mark.day);
  }
  return result;
}

/** "3 rows of the Collections sheet typed by hand, not acted on (rows 5, 7, 9)"; "" when none. */
export function handTypedNote(handTyped: readonly CollectionsEntry[]): string {
  if (handTyped.length === 0) return '';
  const rows = handTyped.map((entry) => entry.row);
  const shown = rows.length > 10 ? `${rows.slice(0, 10).join(', ')} and ${rows.length - 10} more` : rows.join(', ');
  return `${handTyped.length} row${handTyped.length === 1 ? '' : 's'} of the Collections sheet typed by hand, not acted on (row${rows.length === 1 ? '' : 's'} ${shown}): no letter, hand-over or promise pause comes from ${handTyped.length === 1 ? 'it' : 'them'} until the schedule's owner adopts ${handTyped.length === 1 ? 'it' : 'them'} (Extensions › Receivables › Adopt rows typed in Collections)`;
}

/**
 * Promise dates within the policy's bound: at most `maxDays` after the day
 * the add-on wrote the task (the day in its mark, which no one can change,
 * so retyping the date cannot push it further). A later date is not acted
 * on (the reminders go on), and is reported with its row, column and value:
 * pausing until the bound instead would later tell the customer they broke
 * a promise they never made.
 */
export function boundPromises(marked: MarkedEntries, maxDays: number, header: string): string[] {
  const problems: string[] = [];
  for (const entry of marked.genuine) {
    const day = marked.dayOf.get(entry);
    if (entry.promiseDay === null || day === undefined || entry.promiseDay <= day + maxDays) continue;
    problems.push(`Collections sheet, row ${entry.row}, column "${header}": ${isoDate(entry.promiseDay)} is more than ${maxDays} days after the task's day (${isoDate(day)}), the furthest promise the policy accepts; it is not acted on and reminders go on. Ask for an earlier date, or raise collections.maxPromiseDays in the policy`);
    entry.promiseDay = null;
  }
  return problems;
}
