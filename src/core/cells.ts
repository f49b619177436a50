import { calendarDay, dayOfSerial, type CalendarDay, type ZoneCalendar } from './calendar';
import type { LocaleConventions } from './locale';

/** A cell as Sheets hands it to a script: blanks are "". */
export type Cell = string | number | boolean | Date | null | undefined;

/** A cell that cannot be read; the message says what was found. */
export class CellError extends Error {}

export function isBlank(cell: Cell): boolean {
  if (typeof cell === 'string') return cell.length === 0 || (mayBeSpace(cell.charCodeAt(0)) && cell.trim() === '');
  return cell === null || cell === undefined;
}

/**
 * Whether a character may be one that trim() removes (a few more are let
 * through, which only costs a trim): tested first, since the reader looks
 * at several cells a row and most start and end with a letter or digit.
 */
export function mayBeSpace(code: number): boolean {
  if (code <= 32 || code === 160) return true;
  if (code < 0x1680) return false;
  return code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

/**
 * A character that trim() never removes, told by three comparisons (past
 * the space and below U+1680, but the no-break space: Latin, Greek,
 * Cyrillic): small enough to be inlined where a loop looks at every row,
 * which then calls `isPadded` only for the rest.
 */
export function neverTrimmed(code: number): boolean {
  return code > 32 && code < 0x1680 && code !== 160;
}

/** Whether text starts or ends with a character trim() may remove. */
export function isPadded(text: string): boolean {
  return text.length > 0 && (mayBeSpace(text.charCodeAt(0)) || mayBeSpace(text.charCodeAt(text.length - 1)));
}

/** Dates from another realm (a vm context, the sidebar bridge) fail `instanceof`. */
export function isDate(cell: unknown): cell is Date {
  if (typeof cell !== 'object' || cell === null) return false;
  return cell instanceof Date || Object.prototype.toString.call(cell) === '[object Date]';
}

/**
 * Text as the add-on writes it into a cell, so that it reads back as that
 * same text. Sheets reads a string written with setValue(s) or appendRow
 * as if typed (Sheets API, ValueInputOption USER_ENTERED: "strings may be
 * converted to numbers, dates, etc."): "00123" becomes 123, "1/2" a date,
 * "=…" a formula, "+7 912 …" a formula error. A leading apostrophe keeps
 * the text as it is and is no part of the value; it is added wherever Sheets
 * could read something else (a digit anywhere, a leading = + - @ ' or #, a
 * boolean word), and nowhere else, so that plain names stay plain.
 * Apply it once, to data text, just before the write.
 */
export function sheetText(text: string): string {
  return text !== '' && (/^[=+\-@'#]/.test(text) || /\d/.test(text) || BOOLEAN_WORDS.test(text)) ? `'${text}` : text;
}

const BOOLEAN_WORDS = /^\s*(true|false|истина|ложь)\s*$/i;

/** A cell to write: text guarded by sheetText, numbers, dates and booleans as they are. */
export function sheetCell<T>(value: T): T | string {
  return typeof value === 'string' ? sheetText(value) : value;
}

/** What a cell written by sheetCell reads back as: the apostrophe that kept text as text is no part of the value. */
export function readBackOf<T>(value: T): T | string {
  return typeof value === 'string' && value.startsWith("'") ? value.slice(1) : value;
}

/** A cell for a message: text in quotes, a date as ISO. */
export function describeCell(cell: Cell): string {
  if (isDate(cell)) return isNaN(cell.getTime()) ? 'an invalid date' : cell.toISOString().slice(0, 10);
  if (typeof cell === 'string') return `"${cell.length > 40 ? `${cell.slice(0, 40)}…` : cell}"`;
  return String(cell);
}

/**
 * What a cell that cannot be read is, for a note naming its row and column:
 * the cell before a message such as "is not a date"; for an empty cell,
 * what else its row holds (its first few filled cells), which tells the
 * person which row it is.
 */
export function unreadableCell(cell: Cell, message: string, row: readonly Cell[]): string {
  if (!isBlank(cell)) return message.startsWith('is ') ? `${describeCell(cell)} ${message}` : message;
  const filled: string[] = [];
  for (const value of row) {
    if (isBlank(value) || value === false) continue;
    filled.push(describeCell(value));
    if (filled.length === 4) break;
  }
  return `${message} (the row holds ${filled.length ? filled.join(', ') : 'nothing'})`;
}

const CURRENCY_SYMBOLS: ReadonlyArray<[RegExp, string]> = [
  [/₽|руб\.?|р\./i, 'RUB'],
  [/US\$|\$/, 'USD'],
  [/€/, 'EUR'],
  [/£/, 'GBP'],
  [/¥/, 'JPY'],
  [/₴|грн\.?/i, 'UAH'],
  [/₸/, 'KZT'],
  [/₹/, 'INR'],
];
const CURRENCY_CODE = /\b(RUB|RUR|USD|EUR|GBP|CHF|CNY|JPY|UAH|KZT|BYN|INR|CAD|AUD|PLN|SEK|NOK|DKK|CZK|TRY)\b/i;

/** The currency a typed amount names with a sign or code, such as "1 234,56 ₽" → RUB. */
export function currencyOfText(text: string): string {
  const code = CURRENCY_CODE.exec(text);
  if (code) return code[1].toUpperCase() === 'RUR' ? 'RUB' : code[1].toUpperCase();
  for (const [pattern, currency] of CURRENCY_SYMBOLS) if (pattern.test(text)) return currency;
  return '';
}

/**
 * An amount cell in minor units (cents), or null when blank. Text may carry
 * currency signs, spaces or points as thousands separators, a decimal comma
 * and accounting parentheses for negatives.
 * @example amountInCents('1 234,56 ₽', { decimalComma: true, dayFirst: true }) //=> 123456
 */
export function amountInCents(cell: Cell, conventions: LocaleConventions): number | null {
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) throw new CellError(`${cell} is not an amount`);
    return Math.round(cell * 100);
  }
  if (isBlank(cell)) return null;
  if (typeof cell !== 'string') throw new CellError(`${describeCell(cell)} is not an amount`);
  const value = numberFromText(cell, conventions);
  if (value === null) throw new CellError(`${describeCell(cell)} is not an amount`);
  return Math.round(value * 100);
}

function numberFromText(text: string, conventions: LocaleConventions): number | null {
  let body = text
    .replace(CURRENCY_CODE, '')
    .replace(/₽|руб\.?|р\.|US\$|\$|€|£|¥|₴|грн\.?|₸|₹/gi, '')
    .replace(/[\s\u00a0\u202f']/g, '');
  let negative = false;
  if (/^\(.*\)$/.test(body)) {
    negative = true;
    body = body.slice(1, -1);
  }
  if (/^[-−–]/.test(body)) {
    negative = !negative;
    body = body.slice(1);
  } else if (/[-−–]$/.test(body)) {
    negative = !negative;
    body = body.slice(0, -1);
  }
  if (!/^\d[\d.,]*$/.test(body) && !/^[.,]\d+$/.test(body)) return null;
  const decimalSeparator = decimalSeparatorOf(body, conventions);
  const thousands = decimalSeparator === ',' ? '.' : ',';
  const parts = body.split(thousands);
  if (parts.length > 1 && parts.slice(1).some((group) => !/^\d{3}(?:[.,]\d*)?$/.test(group))) return null;
  const normalized = parts.join('').replace(',', '.');
  if ((normalized.match(/\./g) ?? []).length > 1) return null;
  const value = Number(normalized);
  if (!Number.isFinite(value)) return null;
  return negative ? -value : value;
}

/** Which of "," and "." is the decimal separator in a string of digits. */
function decimalSeparatorOf(body: string, conventions: LocaleConventions): ',' | '.' {
  const lastComma = body.lastIndexOf(',');
  const lastPoint = body.lastIndexOf('.');
  if (lastComma >= 0 && lastPoint >= 0) return lastComma > lastPoint ? ',' : '.';
  const separator = lastComma >= 0 ? ',' : '.';
  const index = Math.max(lastComma, lastPoint);
  if (index < 0) return conventions.decimalComma ? ',' : '.';
  const occurrences = body.split(separator).length - 1;
  if (occurrences > 1) return separator === ',' ? '.' : ',';
  // One separator followed by exactly three digits ("1,234") is a thousands
  // separator unless the locale writes a decimal with it.
  const digitsAfter = body.length - index - 1;
  if (digitsAfter === 3) return conventions.decimalComma ? ',' : '.';
  return separator;
}

const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d\d:?\d\d)?)?$/;
const DOTTED_DATE = /^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})(?:\s*г\.?)?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/;
const SLASHED_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/;
const YEAR_FIRST_SLASHED = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/;

/** How to read date cells: the zone for `Date` instants, the locale for ambiguous text. */
export interface DateReading {
  calendar: ZoneCalendar;
  conventions: LocaleConventions;
}

/**
 * A date cell as a calendar day in the spreadsheet's zone, or null when blank.
 * Takes `Date` values, Sheets serial numbers and text in ISO, D.M.YYYY and
 * M/D/YYYY or D/M/YYYY (the locale settles which unless a part exceeds 12).
 */
export function dayOfCell(cell: Cell, reading: DateReading): CalendarDay | null {
  if (isDate(cell)) {
    const day = reading.calendar.dayOfDate(cell);
    if (day !== day) throw new CellError('is an invalid date');
    return day;
  }
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell) || cell < 1 || cell > 2_958_465) throw new CellError(`${cell} is not a date`);
    return dayOfSerial(cell);
  }
  if (isBlank(cell)) return null;
  if (typeof cell !== 'string') throw new CellError(`${describeCell(cell)} is not a date`);
  const day = dayOfText(cell.trim(), reading.conventions);
  if (day === null || isNaN(day)) throw new CellError(`${describeCell(cell)} is not a date`);
  return day;
}

function fullYear(text: string): number {
  const year = Number(text);
  return text.length === 2 ? 2000 + year : year;
}

/** Month names as exports write them: "02 Sep 2026", "Sep 2, 2026", "2 сентября 2026 г.". */
const MONTHS: ReadonlyArray<[RegExp, number]> = [
  [/^(jan|янв)/, 1],
  [/^(feb|фев)/, 2],
  [/^(mar|мар)/, 3],
  [/^(apr|апр)/, 4],
  [/^(may|ма[йя])/, 5],
  [/^(jun|июн)/, 6],
  [/^(jul|июл)/, 7],
  [/^(aug|авг)/, 8],
  [/^(sep|сен)/, 9],
  [/^(oct|окт)/, 10],
  [/^(nov|ноя)/, 11],
  [/^(dec|дек)/, 12],
];
const DAY_MONTH_YEAR = /^(\d{1,2})[\s-]+([\p{L}]{3,})\.?[\s-]+(\d{4})(?:\s*г\.?)?$/u;
const MONTH_DAY_YEAR = /^([\p{L}]{3,})\.?\s+(\d{1,2}),?\s+(\d{4})$/u;

function monthOfName(name: string): number {
  const lower = name.toLowerCase();
  for (const [pattern, month] of MONTHS) if (pattern.test(lower)) return month;
  return 0;
}

function dayOfText(text: string, conventions: LocaleConventions): CalendarDay | null {
  const named = DAY_MONTH_YEAR.exec(text) ?? MONTH_DAY_YEAR.exec(text);
  if (named) {
    const dayFirst = /^\d/.test(named[1]);
    const month = monthOfName(dayFirst ? named[2] : named[1]);
    return month ? calendarDay(Number(named[3]), month, Number(dayFirst ? named[1] : named[2])) : null;
  }
  let match = ISO_DATE.exec(text) ?? YEAR_FIRST_SLASHED.exec(text);
  if (match) return calendarDay(Number(match[1]), Number(match[2]), Number(match[3]));
  match = DOTTED_DATE.exec(text);
  if (match) return calendarDay(fullYear(match[3]), Number(match[2]), Number(match[1]));
  match = SLASHED_DATE.exec(text);
  if (match) {
    const first = Number(match[1]);
    const second = Number(match[2]);
    const dayFirst = first > 12 ? true : second > 12 ? false : conventions.dayFirst;
    return dayFirst
      ? calendarDay(fullYear(match[3]), second, first)
      : calendarDay(fullYear(match[3]), first, second);
  }
  return null;
}

/** A whole number of days such as 30, "30" or "Net 30"; null when blank. */
export function wholeDays(cell: Cell): number | null {
  if (isBlank(cell)) return null;
  const match = typeof cell === 'number' ? null : /^\D*?(\d{1,4})\D*$/.exec(String(cell).trim());
  const days = typeof cell === 'number' ? cell : match ? Number(match[1]) : NaN;
  if (!Number.isInteger(days) || days < 0 || days > 3650) throw new CellError(`${describeCell(cell)} is not a number of days`);
  return days;
}

/** Yes/no cells: Yes, TRUE, 1, x, да. */
export function isYes(cell: Cell): boolean {
  if (cell === true || cell === 1) return true;
  if (typeof cell !== 'string') return false;
  return /^(y|yes|true|x|1|да|д|disputed|спор)$/i.test(cell.trim());
}
