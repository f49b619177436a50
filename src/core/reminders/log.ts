import type { CalendarDay } from '../calendar';
import { sheetText } from '../cells';
import type { ContactHistory, SentSteps, ReminderDraft } from './cadence';
import { customerKey } from './customerSettings';
import { KIND_NAMES } from './kinds';
import { logStatusCell, logStatusOf, type LogStatusName } from './statusWords';
import type { Language } from './templates';
import type { ReminderMessage } from './messages';

/**
 * The "Reminder log" sheet: one row per reminder, written before the send
 * as "sending" and settled after it, so that no failure between two service
 * calls either sends a reminder twice or loses one.
 */
export const LOG_SHEET_NAME = 'Reminder log';
export const LOG_HEADERS = ['Time', 'Customer', 'Address', 'Invoices', 'Step', 'Status', 'Error', 'Run', 'Keys'] as const;
export const STATUS_COLUMN = LOG_HEADERS.indexOf('Status');
export const ERROR_COLUMN = LOG_HEADERS.indexOf('Error');
export const RUN_COLUMN = LOG_HEADERS.indexOf('Run');
export const KEYS_COLUMN = LOG_HEADERS.indexOf('Keys');

/**
 * Where each of the log's columns is in the sheet, by its header: a person
 * may insert or move columns, even during a run. A header not found keeps
 * its place in LOG_HEADERS. The Keys column continues rightwards into the
 * cells with no header.
 */
export interface LogLayout {
  columns: number[];
  /** The headerless columns right of Keys, where long keys continue. */
  keysContinue: number[];
  width: number;
}

export function logLayout(header: readonly unknown[]): LogLayout {
  const names = header.map((cell) => String(cell ?? '').trim());
  const columns = LOG_HEADERS.map((name, i) => {
    const at = names.indexOf(name);
    return at >= 0 ? at : i;
  });
  const keysContinue: number[] = [];
  for (let c = columns[KEYS_COLUMN] + 1; c < names.length && names[c] === ''; c++) keysContinue.push(c);
  return { columns, keysContinue, width: Math.max(names.length, ...columns.map((c) => c + 1)) };
}

/** A row as the sheet lays it out, into LOG_HEADERS' order (keys continuing after Keys). */
export function canonicalLogRow(row: readonly unknown[], layout: LogLayout): unknown[] {
  const keys = [row[layout.columns[KEYS_COLUMN]], ...layout.keysContinue.map((c) => row[c])];
  // Continuation cells beyond the header's width (a wide key list) count too.
  for (let c = layout.width; c < row.length; c++) keys.push(row[c]);
  return [...layout.columns.slice(0, KEYS_COLUMN).map((c) => row[c] ?? ''), ...keys.map((cell) => cell ?? '')];
}

/** A row in LOG_HEADERS' order, laid out for the sheet as it is now. */
export function laidOutLogRow(row: readonly unknown[], layout: LogLayout, width: number): unknown[] {
  const cells: unknown[] = new Array(width).fill('');
  layout.columns.slice(0, KEYS_COLUMN).forEach((c, i) => (cells[c] = row[i]));
  const keyColumns = [layout.columns[KEYS_COLUMN], ...layout.keysContinue];
  row.slice(KEYS_COLUMN).forEach((cell, j) => {
    const c = j < keyColumns.length ? keyColumns[j] : Math.max(width, layout.width) + j - keyColumns.length;
    cells[c] = cell;
  });
  return cells;
}

/**
 * Which row of the log is which: its Run cell (the run's id, and the
 * reminder's place in the run while it is being sent) and its keys. A row
 * is found again by this, never by where it was when the run began.
 */
export function logIdentity(row: readonly unknown[]): string {
  return `${String(row[RUN_COLUMN] ?? '')}\u0000${row.slice(KEYS_COLUMN).filter((cell) => cell !== '' && cell !== null && cell !== undefined).join('')}`;
}

/** The Run cell of a reminder about to be sent: the run and its place in the run's sending order. */
export const runCell = (run: string, position: number) => `${run}/${position}`;

/**
 * - sending: recorded, the send not yet confirmed
 * - sent: sent
 * - unconfirmed: a run stopped between recording and confirming it: it may have gone out, so it is never sent again; check Sent mail
 * - deferred: not sent this run (quota, time), sent by a later one
 * - error: not sent (bad address, mail refused); tried again by a later run
 */
export type LogStatus = LogStatusName;

export interface LogEntry {
  /** 0-based position among the log's data rows. */
  index: number;
  status: LogStatus | string;
  run: string;
  /** The reminder's place in its run's sending order, when the Run cell says it. */
  position?: number;
  marks: Array<{ key: string; offsetDays: number }>;
  /** The customer as written in the log. */
  customer: string;
  /** When the row was written, ms since epoch; NaN when the cell holds no time. */
  at: number;
}

/** Where a run got to: written before each send and after it, so that a crash leaves at most one reminder unknown. */
export interface Checkpoint {
  run: string;
  /** The run's drafts settled so far (sent or failed), in order. */
  done: number;
  /** The draft being sent when this was written; -1 before the first. */
  attempting: number;
  /** Why drafts failed, by position: at most a few, each short, so the checkpoint stays within a property's 9 KB. */
  errors: Record<number, string>;
  /** Drafts before this position were already settled in the log (written there when errors piled up). */
  base?: number;
}

/** Errors a checkpoint holds before the run settles them in the log and starts afresh. */
export const CHECKPOINT_ERRORS = 10;
/** An error as a checkpoint keeps it. */
export const checkpointError = (message: string) => (message.length > 300 ? `${message.slice(0, 299)}…` : message);

/** Text for a cell, kept as that text (cells.ts). */
export { sheetText };

/** A cell holds at most 50,000 characters; the log keeps well within it. */
export const CELL_LIMIT = 50_000;
const CELL_BUDGET = CELL_LIMIT - 1_000;

/** A list for one cell: as many items as fit, then "and N more" (the whole list stays in the Keys cells). */
export function listForCell(items: readonly string[], budget = CELL_BUDGET): string {
  let text = '';
  for (let i = 0; i < items.length; i++) {
    const next = i === 0 ? items[i] : `${text}, ${items[i]}`;
    const more = items.length - i - 1;
    if (next.length + (more ? ` and ${more} more`.length : 0) > budget) return `${text || items[0].slice(0, budget / 2)} and ${items.length - (text ? i : 1)} more`;
    text = next;
  }
  return text;
}

/** Text for one cell, cut to fit. */
export function textForCell(text: string, budget = CELL_BUDGET): string {
  return text.length > budget ? `${text.slice(0, budget - 1)}…` : text;
}

/**
 * The reminder's keys as JSON arrays, one per cell from the Keys column
 * rightwards, each within a cell's limit: every key is needed to never send
 * a step twice, so none is dropped. Each cell starts with "[", never read as
 * a number or a formula.
 */
export function keyCells(marks: ReminderDraft['marks']): string[] {
  const cells: string[] = [];
  let current: string[] = [];
  let length = 2;
  for (const mark of marks) {
    const entry = JSON.stringify([mark.key, mark.offsetDays]);
    if (current.length && length + entry.length + 1 > CELL_BUDGET) {
      cells.push(`[${current.join(',')}]`);
      current = [];
      length = 2;
    }
    current.push(entry);
    length += entry.length + 1;
  }
  cells.push(`[${current.join(',')}]`);
  return cells;
}

const STEP_NAMES: Record<Language, Record<ReminderDraft['kind'], string>> = KIND_NAMES;

/**
 * The step as a bookkeeper would write it, in the spreadsheet's language:
 * "Final notice (30 days after the due date)", "Напоминание о сроке (за 7 дн. до срока)".
 */
export function stepName(draft: { kind: ReminderDraft['kind']; lines: ReadonlyArray<{ step: { offsetDays: number } }> }, language: Language): string {
  const name = STEP_NAMES[language][draft.kind];
  if (draft.kind === 'promise-broken') return name;
  const offsets = [...new Set(draft.lines.map((line) => line.step.offsetDays))].sort((a, b) => a - b);
  const when = (offset: number): string => {
    if (language === 'ru') return offset === 0 ? 'в день срока' : offset < 0 ? `за ${-offset} дн. до срока` : `через ${offset} дн. после срока`;
    const days = (n: number) => `${n} day${n === 1 ? '' : 's'}`;
    return offset === 0 ? 'on the due date' : offset < 0 ? `${days(-offset)} before the due date` : `${days(offset)} after the due date`;
  };
  return `${name} (${offsets.map(when).join('; ')})`;
}

/**
 * Reads back a step as stepName wrote it (in either language): the kind and
 * the offsets, for the sidebar to word in its own language. Null for text
 * it did not write (a person's edit, an older log).
 */
export function parseStepName(text: string): { kind: ReminderDraft['kind']; offsets: number[] } | null {
  for (const language of ['en', 'ru'] as const) {
    for (const [kind, name] of Object.entries(STEP_NAMES[language]) as Array<[ReminderDraft['kind'], string]>) {
      if (!text.startsWith(name)) continue;
      const rest = text.slice(name.length).trim();
      if (kind === 'promise-broken') return rest === '' ? { kind, offsets: [] } : null;
      const inner = /^\((.+)\)$/.exec(rest)?.[1];
      if (!inner) continue;
      const offsets = inner.split('; ').map((part) => {
        if (part === 'on the due date' || part === 'в день срока') return 0;
        const before = /^(\d+) days? before the due date$/.exec(part) ?? /^за (\d+) дн\. до срока$/.exec(part);
        if (before) return -Number(before[1]);
        const after = /^(\d+) days? after the due date$/.exec(part) ?? /^через (\d+) дн\. после срока$/.exec(part);
        return after ? Number(after[1]) : Number.NaN;
      });
      if (offsets.every((offset) => !Number.isNaN(offset))) return { kind, offsets };
    }
  }
  return null;
}

/** A log row for a draft about to be sent, the step in the spreadsheet's language; a long invoice list is shortened, its keys may take several cells. */
export function logRow(draft: ReminderDraft, message: ReminderMessage, run: string, now: Date, status: LogStatus, error = '', language: Language = 'en'): Array<string | Date> {
  return [
    now,
    sheetText(draft.customer),
    sheetText(message.to),
    sheetText(listForCell(draft.lines.map((line) => line.label))),
    stepName(draft, language),
    // The Status cell in the spreadsheet's language ("отправлено"); read back in either (logStatusOf).
    logStatusCell(status, language),
    sheetText(textForCell(error)),
    run,
    ...keyCells(draft.marks),
  ];
}

/** Reads the log's data rows (without the header). A row whose keys cannot be read counts as nothing sent. */
export function readLog(rows: readonly (readonly unknown[])[]): LogEntry[] {
  return rows.map((row, index) => {
    let marks: LogEntry['marks'] = [];
    try {
      // The Keys cell and any cells right of it, each a JSON array.
      for (const cell of row.slice(LOG_HEADERS.indexOf('Keys'))) {
        if (cell === '' || cell === null || cell === undefined) continue;
        const parsed = JSON.parse(String(cell)) as Array<[string, number]>;
        if (Array.isArray(parsed)) marks.push(...parsed.filter((mark) => Array.isArray(mark)).map(([key, offsetDays]) => ({ key: String(key), offsetDays: Number(offsetDays) })));
      }
    } catch {
      marks = [];
    }
    const time = row[LOG_HEADERS.indexOf('Time')];
    const at = Object.prototype.toString.call(time) === '[object Date]' ? (time as Date).getTime() : Number.NaN;
    // sheetText guarded a leading =, +, - or @ with an apostrophe.
    const customer = String(row[LOG_HEADERS.indexOf('Customer')] ?? '').replace(/^'(?=[=+\-@])/, '');
    const [run, position] = String(row[RUN_COLUMN] ?? '').split('/');
    return { index, status: logStatusOf(row[STATUS_COLUMN]), run, ...(position !== undefined && /^\d+$/.test(position) ? { position: Number(position) } : {}), marks, customer, at };
  });
}

/** What counts as sent before: sent, still sending, or unconfirmed (it may have gone out). */
export function sentSteps(entries: readonly LogEntry[]): SentSteps {
  const latest = new Map<string, number>();
  for (const entry of entries) {
    if (entry.status !== 'sent' && entry.status !== 'sending' && entry.status !== 'unconfirmed') continue;
    for (const mark of entry.marks) latest.set(mark.key, Math.max(latest.get(mark.key) ?? -Infinity, mark.offsetDays));
  }
  return (key) => latest.get(key);
}

/**
 * The day of each customer's latest reminder that went out (or may have:
 * sending, unconfirmed), by customerKey, for the one-a-day rule and the gap.
 */
export function lastReminderDays(entries: readonly LogEntry[], dayOf: (at: number) => CalendarDay): Map<string, CalendarDay> {
  const latest = new Map<string, CalendarDay>();
  for (const entry of entries) {
    if (entry.status !== 'sent' && entry.status !== 'sending' && entry.status !== 'unconfirmed') continue;
    if (Number.isNaN(entry.at)) continue;
    const key = customerKey(entry.customer);
    const day = dayOf(entry.at);
    if (!(latest.get(key)! >= day)) latest.set(key, day);
  }
  return latest;
}

/**
 * What went to each customer, dated: the log's emails that went out (or may
 * have) and the Collections sheet's tasks, each with the marks it left, for
 * the cadence to tell when a customer reached their stage.
 */
export function contactHistory(entries: readonly LogEntry[], tasks: ReadonlyArray<{ customer: string; day: CalendarDay | null; marks: LogEntry['marks'] }>, dayOf: (at: number) => CalendarDay): ContactHistory {
  const byCustomer = new Map<string, Array<{ day: CalendarDay; marks: LogEntry['marks'] }>>();
  const add = (customer: string, day: CalendarDay, marks: LogEntry['marks']) => {
    const key = customerKey(customer);
    byCustomer.set(key, [...(byCustomer.get(key) ?? []), { day, marks }]);
  };
  for (const entry of entries) if ((entry.status === 'sent' || entry.status === 'sending' || entry.status === 'unconfirmed') && !Number.isNaN(entry.at)) add(entry.customer, dayOf(entry.at), entry.marks);
  for (const task of tasks) if (task.day !== null) add(task.customer, task.day, task.marks);
  return (customer) => byCustomer.get(customer) ?? [];
}

/**
 * Settles the rows an interrupted run left "sending", from its checkpoint:
 * before `done`, sent or failed as recorded; the one being attempted,
 * unconfirmed; the rest, deferred (a later run sends them).
 */
export function settleInterrupted(entries: readonly LogEntry[], checkpoint: Checkpoint | null): Array<{ index: number; status: LogStatus; error: string }> {
  const positions = new Map<string, number>();
  const settled: Array<{ index: number; status: LogStatus; error: string }> = [];
  for (const entry of entries) {
    if (entry.status !== 'sending') continue;
    // Rows before the checkpoint's base were settled already; the ones still "sending" come after them.
    // The place the Run cell records (rows deleted or moved meanwhile change nothing); else counted, as older logs were.
    const counted = positions.get(entry.run) ?? (checkpoint?.run === entry.run ? checkpoint.base ?? 0 : 0);
    positions.set(entry.run, counted + 1);
    const position = entry.position ?? counted;
    if (!checkpoint || checkpoint.run !== entry.run) {
      settled.push({ index: entry.index, status: 'unconfirmed', error: 'the run that sent it stopped before confirming: check Sent mail' });
    } else if (position < checkpoint.done) {
      const error = checkpoint.errors[position];
      settled.push(error ? { index: entry.index, status: 'error', error } : { index: entry.index, status: 'sent', error: '' });
    } else if (position === checkpoint.attempting) {
      settled.push({ index: entry.index, status: 'unconfirmed', error: 'the run stopped while sending it: check Sent mail' });
    } else {
      settled.push({ index: entry.index, status: 'deferred', error: 'the run stopped before sending it' });
    }
  }
  return settled;
}
