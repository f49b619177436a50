import type { CalendarDay } from '../../core/calendar';
import type { Cell } from '../../core/cells';
import { formatTaskId, splitByMark, taskPayload, type MarkedEntries } from '../../core/collections/marks';
import { readCollections, TASK_ID_HEADER, type CollectionsEntry } from '../../core/collections/sheet';
import { readGrid, writeByPlan, type CellWrite } from '../safeWrite';

/**
 * The signing side of the Collections rows' marks (see core/collections/marks.ts)
 * and the ledger of documents still owed, both in the running person's user
 * properties: the schedule owner's when the trigger runs, which no other
 * editor can read or write. A person who runs the reminders from the menu
 * signs with their own secret, so a row only counts for runs from the
 * account that wrote it.
 */
const SECRET_KEY = 'receivables.taskSecret';
const LEDGER_KEY = (spreadsheetId: string) => `receivables.documents.${spreadsheetId}`;
/** Task ids of documents still owed, at most: 300 ids of 12 characters keep the ledger near 5 KB, within a property's 9 KB. */
const MAX_PENDING = 300;

/** The secret the running person signs with; made on first need by a run that writes rows, never by a read. */
export function taskSecret(create: boolean): string | null {
  const properties = PropertiesService.getUserProperties();
  const existing = properties.getProperty(SECRET_KEY);
  if (existing || !create) return existing;
  // Two random UUIDs: 244 random bits, as no other source of randomness is offered.
  const secret = `${Utilities.getUuid()}${Utilities.getUuid()}`.replace(/-/g, '');
  properties.setProperty(SECRET_KEY, secret);
  return secret;
}

function signature(secret: string, payload: string): string {
  return Utilities.base64EncodeWebSafe(Utilities.computeHmacSha256Signature(payload, secret)).slice(0, 22);
}

/** A new task's mark for the row it describes. */
export function newTaskId(secret: string, spreadsheetId: string, day: CalendarDay, row: { customer: string; currency: string; channel: string | null; keysText: string }): string {
  const nonce = Utilities.getUuid().replace(/-/g, '').slice(-12).toLowerCase();
  return formatTaskId(day, nonce, signature(secret, taskPayload(spreadsheetId, day, nonce, row)));
}

/** The rows whose mark checks with this person's secret; with no secret, none. */
export function markedEntries(entries: readonly CollectionsEntry[], spreadsheetId: string, secret: string | null): MarkedEntries {
  return splitByMark(entries, (day, nonce, entry) => (secret === null ? null : signature(secret, taskPayload(spreadsheetId, day, nonce, entry))));
}

/** The documents the add-on still owes for its own rows, and how many it made today. */
export interface DocumentLedger {
  /** ISO day `made` counts for. */
  day: string;
  made: number;
  /** The random part of each task id whose letter or summary is still to make. */
  pending: string[];
}

export function readLedger(spreadsheetId: string, today: string): DocumentLedger {
  let stored: Partial<DocumentLedger> = {};
  try {
    stored = JSON.parse(PropertiesService.getUserProperties().getProperty(LEDGER_KEY(spreadsheetId)) ?? '{}') as Partial<DocumentLedger>;
  } catch {
    stored = {};
  }
  const pending = Array.isArray(stored.pending) ? stored.pending.filter((id): id is string => typeof id === 'string') : [];
  return { day: today, made: stored.day === today && typeof stored.made === 'number' ? stored.made : 0, pending };
}

/** Writes the ledger; returns how many of the oldest owed documents it had to forget to stay within a property value. */
export function writeLedger(spreadsheetId: string, ledger: DocumentLedger): number {
  const dropped = Math.max(0, ledger.pending.length - MAX_PENDING);
  if (dropped) ledger.pending.splice(0, dropped);
  const properties = PropertiesService.getUserProperties();
  if (ledger.pending.length === 0 && ledger.made === 0) properties.deleteProperty(LEDGER_KEY(spreadsheetId));
  else properties.setProperty(LEDGER_KEY(spreadsheetId), JSON.stringify(ledger));
  return dropped;
}

/** The random part of a task id ("" when it is not one). */
export function nonceOf(taskId: string): string {
  return /^'?T\d{8}-([0-9a-z]+)-/.exec(taskId.trim())?.[1] ?? '';
}

/** The facts a row is signed over, and its Task id cell: a row found again in a fresh read. */
const identity = (entry: CollectionsEntry) => [entry.customer, entry.currency, entry.channel ?? '', entry.keysText, entry.taskId].join('\u0000');

/**
 * Signs rows of the Collections sheet that carry no valid mark and that
 * `chosen` picks (rows as read before: found again by their content in a
 * fresh read, wherever sorting or inserting put them), adding the Task id
 * column when the sheet has none. Returns the ids written, by row as read.
 */
export function signRows(sheet: GoogleAppsScript.Spreadsheet.Sheet, options: { timeZone: string; locale: string }, spreadsheetId: string, secret: string, chosen: readonly CollectionsEntry[], dayOf: (entry: CollectionsEntry) => CalendarDay): Map<CollectionsEntry, string> {
  const wanted = new Map(chosen.map((entry) => [identity(entry), entry]));
  const written = new Map<CollectionsEntry, string>();
  writeByPlan(
    sheet,
    (values) => {
      const header = (values[0] ?? []).map((cell) => String(cell ?? '').trim());
      let column = header.indexOf(TASK_ID_HEADER);
      const writes: CellWrite[] = [];
      if (column < 0) {
        column = header.length;
        writes.push({ row: 1, column: column + 1, values: [[TASK_ID_HEADER]] });
      }
      const fresh = readCollections(values as Cell[][], options).entries;
      const still = markedEntries(fresh, spreadsheetId, secret).handTyped.filter((entry) => wanted.has(identity(entry)));
      for (const entry of still) {
        const original = wanted.get(identity(entry)) as CollectionsEntry;
        const id = newTaskId(secret, spreadsheetId, dayOf(original), entry);
        writes.push({ row: entry.row, column: column + 1, values: [[id]] });
        written.set(original, id);
      }
      return still.length ? writes : [];
    },
    readGrid(sheet),
  );
  return written;
}
