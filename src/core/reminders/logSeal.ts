import { customerKey } from './customerSettings';
import { KEYS_COLUMN, LOG_HEADERS, RUN_COLUMN, STATUS_COLUMN } from './log';
import { logStatusOf } from './statusWords';

/**
 * The seal of the Reminder log: what the run decides from the log (which
 * steps went out, and on which day each customer last heard from us) must
 * be what the add-on wrote there, not what an editor typed. Any editor can
 * delete a "sent" row (the owner's account would send that step again),
 * change one, or type one in (a step would be skipped).
 *
 * The seal is tiny, in the running person's user properties: how many rows
 * count as sent (sent, sending, unconfirmed) and an HMAC, with that
 * person's secret, over those rows' facts sorted (so sorting the log or
 * inserting columns changes nothing; a keyed hash, so no editor can make a
 * changed log match it). Rows of runs still open (a run writes its rows,
 * then settles them; a crash may stop it anywhere between) are left out
 * until a run folds them in from the log as read back, so a crash never
 * reads as tampering.
 */
export interface LogSeal {
  /** Rows that count as sent, runs still open left out. */
  n: number;
  /** HMAC-SHA256, base-64, of sealPayload. */
  h: string;
  /** Runs whose rows are not sealed yet: opened before their rows were written, folded in after they were settled. */
  p: string[];
}

const SEALED_STATUSES = new Set(['sent', 'sending', 'unconfirmed']);
const TIME_COLUMN = LOG_HEADERS.indexOf('Time');
const CUSTOMER_COLUMN = LOG_HEADERS.indexOf('Customer');
const STEP_COLUMN = LOG_HEADERS.indexOf('Step');

const isDate = (value: unknown): value is Date => Object.prototype.toString.call(value) === '[object Date]';
const blank = (cell: unknown) => cell === '' || cell === null || cell === undefined;
/** Sheets keeps a guarded text's apostrophe or drops it: the seal reads it without. */
const unguarded = (cell: unknown) => String(cell ?? '').replace(/^'(?=[=+\-@])/, '');

/** The run a row belongs to: its Run cell without its place in the run. */
export const runOfRow = (row: readonly unknown[]) => String(row[RUN_COLUMN] ?? '').split('/')[0];

/**
 * What the seal covers of a row (in LOG_HEADERS' order): when (to the
 * second: the day decides the one-a-day rule and the gap), to whom, which
 * step, which run and place, which keys. Not its status among the sealed
 * ones (a run settles "sending" to "sent" or "unconfirmed"), nor Address,
 * Invoices or Error, which decide nothing.
 */
export function sealText(row: readonly unknown[]): string {
  const time = row[TIME_COLUMN];
  const when = isDate(time) ? String(Math.round(time.getTime() / 1000)) : String(time ?? '');
  const keys = row.slice(KEYS_COLUMN).filter((cell) => !blank(cell)).map(String).join('\u0002');
  return [when, customerKey(unguarded(row[CUSTOMER_COLUMN])), String(row[STEP_COLUMN] ?? '').trim(), String(row[RUN_COLUMN] ?? '').trim(), keys].join('\u0001');
}

/** The facts of the rows that count as sent, of the runs `include` picks. */
export function sealedTexts(rows: readonly (readonly unknown[])[], include: (run: string) => boolean): string[] {
  return rows.filter((row) => SEALED_STATUSES.has(logStatusOf(row[STATUS_COLUMN])) && include(runOfRow(row))).map(sealText);
}

/** What the HMAC is over: the spreadsheet (a log copied elsewhere does not match) and the rows' facts, sorted. */
export function sealPayload(spreadsheetId: string, texts: readonly string[]): string {
  return ['receivables log seal v1', spreadsheetId, ...[...texts].sort()].join('\u0000');
}

export function parseSeal(json: string | null): LogSeal | null {
  if (!json) return null;
  try {
    const seal = JSON.parse(json) as Partial<LogSeal>;
    if (typeof seal?.n !== 'number' || typeof seal.h !== 'string' || !Array.isArray(seal.p)) return null;
    return { n: seal.n, h: seal.h, p: seal.p.filter((run): run is string => typeof run === 'string') };
  } catch {
    return null;
  }
}

/** The start of every hold for a log changed by hand: how the menu and Accept tell it from a settings hold. */
export const LOG_HOLD = 'Daily reminders are held: the Reminder log was changed by hand';

/** Why the run is held, with how many rows of sent reminders differ from what the add-on wrote. */
export function logHoldReason(owner: string, sealedCount: number, nowCount: number): string {
  const plural = (n: number) => `${n} row${n === 1 ? '' : 's'}`;
  const what =
    nowCount < sealedCount
      ? `${plural(sealedCount - nowCount)} of sent reminders ${sealedCount - nowCount === 1 ? 'is' : 'are'} missing (deleted, or changed so that ${sealedCount - nowCount === 1 ? 'it no longer reads' : 'they no longer read'} as sent)`
      : nowCount > sealedCount
        ? `${plural(nowCount - sealedCount)} of sent reminders ${nowCount - sealedCount === 1 ? 'was' : 'were'} added that the add-on did not write`
        : `rows of sent reminders were changed (their time, customer, step, run or keys)`;
  return `${LOG_HOLD}: ${what}, so nothing is sent from ${owner}'s account: a deleted row would make it send that reminder again, a typed one would skip a step. Check the log (File › Version history shows who changed what) and restore it, or ${owner} can accept it as it is now with Extensions › Receivables › Accept the Reminder log.`;
}
