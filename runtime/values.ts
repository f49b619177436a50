import { zonedInstant } from './utilities';

/** A value as the in-memory sheets store it: host-realm Dates, "" for blank. */
export type StoredValue = string | number | boolean | Date;

/**
 * Turns a value handed in by the add-on (Dates from the vm realm included) into a stored one. Class Range,
 * setValue(value): a number, string, boolean or date; anything else (an object, an array in one cell) is
 * refused with Apps Script's method-signature message (the docs list only these types: the stricter reading).
 */
export function toStored(value: unknown): StoredValue {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Object.prototype.toString.call(value) === '[object Date]') return new Date((value as Date).getTime());
  throw new Error(`Exception: The parameters (${Object.prototype.toString.call(value)}) don't match the method signature`);
}

/** The spreadsheet a text is read in: its zone and locale, and today (for a date typed without a year). */
export interface TypingContext {
  timeZone: string;
  locale: string;
  now: number;
}

/** What a text becomes in a cell: a value, or a formula. */
export type TypedValue = { value: StoredValue } | { formula: string };

const MONTH_FIRST = new Set(['en_US', 'en_PH', 'en_CA', 'es_US']);
const DECIMAL_COMMA = /^(ru|uk|be|kk|de|fr|es|it|pt|nl|pl|cs|sk|sv|nb|da|fi|tr|ro|hu|bg|hr|sl|sr|lt|lv|et|el|id|vi)_/;

/**
 * Currency signs Sheets reads in a number in a locale ("$1,250.00",
 * "-$250.00" in en_US). Only these: elsewhere, as with "1 234,56 ₽" in
 * ru_RU, the stricter reading keeps the text.
 */
const CURRENCY_SIGNS: Record<string, RegExp> = {
  en_US: /\$/,
  en_CA: /\$/,
  en_AU: /\$/,
  en_GB: /£/,
};

function withoutCurrencySign(text: string, locale: string): string {
  const sign = CURRENCY_SIGNS[locale];
  if (!sign) return text;
  const pattern = new RegExp(`^(-?)\\s*(?:${sign.source})\\s*(.+)$|^(.+?)\\s*(?:${sign.source})$`);
  const match = pattern.exec(text);
  if (!match) return text;
  return match[2] !== undefined ? `${match[1]}${match[2]}` : match[3];
}

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** A calendar date as Sheets stores it (midnight in the spreadsheet's zone), or null when the parts are no date. */
function dateOf(context: TypingContext, year: number, month: number, day: number): Date | null {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return new Date(zonedInstant(context.timeZone, year, month, day));
}

function currentYear(context: TypingContext): number {
  return Number(new Intl.DateTimeFormat('en-CA', { timeZone: context.timeZone, year: 'numeric' }).format(context.now));
}

/** A number in the locale's notation ("1,234.5", "1 234,5", "00000145", "12%", "1e5"), or null. */
function numberOf(text: string, locale: string, typed: boolean): number | null {
  const decimalComma = DECIMAL_COMMA.test(locale);
  let body = withoutCurrencySign(text, locale);
  let scale = 1;
  // The import keeps to plain numbers; typing reads percentages, exponents and a leading sign or point too.
  if (!typed && !/^-?\d[\d,.\s\u00a0\u202f]*$/.test(body)) return null;
  if (body.endsWith('%')) {
    body = body.slice(0, -1).trimEnd();
    scale = 0.01;
  }
  const pattern = decimalComma
    ? /^[+-]?(\d+|\d{1,3}([.\s\u00a0\u202f]\d{3})+)(,\d+)?(e[+-]?\d+)?$/i
    : /^[+-]?(\d+|\d{1,3}(,\d{3})+)(\.\d+)?(e[+-]?\d+)?$/i;
  const fraction = decimalComma ? /^[+-]?,\d+$/ : /^[+-]?\.\d+$/;
  if (!pattern.test(body) && !fraction.test(body)) return null;
  if (!typed && /^-?0\d/.test(body)) return null;
  const normalized = decimalComma ? body.replace(/[.\s\u00a0\u202f]/g, '').replace(',', '.') : body.replace(/,/g, '');
  const value = Number(normalized) * scale;
  return Number.isFinite(value) ? value : null;
}

/** A date in the locale's order ("2026-01-05", "2026-01", "1/2", "1-2", "1/2/2026", "5.1.2026" in ru_RU), or null. */
function dateOfText(text: string, context: TypingContext, typed: boolean): Date | null {
  let match = typed ? /^(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?$/.exec(text) : /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (match) return dateOf(context, +match[1], +match[2], match[3] === undefined ? 1 : +match[3]);
  if (!typed) {
    match = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(text);
    if (!match) return null;
    const monthFirst = MONTH_FIRST.has(context.locale) && text.includes('/');
    const [month, day] = monthFirst ? [+match[1], +match[2]] : [+match[2], +match[1]];
    return dateOf(context, +match[3], month, day);
  }
  match = /^(\d{1,2})([-/.])(\d{1,2})(?:\2(\d{4}|\d{2}))?$/.exec(text);
  if (match) {
    const monthFirst = MONTH_FIRST.has(context.locale) && match[2] !== '.';
    const [month, day] = monthFirst ? [+match[1], +match[3]] : [+match[3], +match[1]];
    const year = match[4] === undefined ? currentYear(context) : match[4].length === 2 ? 2000 + +match[4] - (+match[4] >= 30 ? 100 : 0) : +match[4];
    return dateOf(context, year, month, day);
  }
  return null;
}

/**
 * Text read as Sheets reads what a person types into a cell, which is what
 * setValue(s) does with a string (Sheets API, "ValueInputOption": USER_ENTERED
 * "strings may be converted to numbers, dates, etc. following the same rules
 * that are applied when entering text into a cell via the Google Sheets UI";
 * Range.setValue(s) documents no other option). In the spreadsheet's locale:
 * "00000145" is 145, "1,5" 1.5 in ru_RU, "1/2", "1-2", "2026-01" and
 * "2026-01-05" dates, TRUE a boolean, "=…" a formula, and text after a
 * leading apostrophe stays text (without it). A leading "+" or "-" on what
 * is no number is read as a formula too (Sheets answers "+7 912 …" with a
 * formula parse error): Google documents none of these rules one by one, so
 * the stricter reading of each is taken. Text with no digit, no leading
 * sign and no boolean word is kept as given, quickly: setValues of a large
 * sheet stays cheap.
 */
export function typedValue(text: string, context: TypingContext): TypedValue {
  if (text === '') return { value: '' };
  const first = text.charCodeAt(0);
  if (first === 39 /* ' */) return { value: text.slice(1) };
  if (first === 61 /* = */) return { formula: text };
  if (!/\d/.test(text) && first !== 43 && first !== 45 && !/^\s*(true|false)\s*$/i.test(text)) return { value: text };
  const trimmed = text.trim();
  if (/^(true|false)$/i.test(trimmed)) return { value: trimmed.toUpperCase() === 'TRUE' };
  const number = numberOf(trimmed, context.locale, true);
  if (number !== null) return { value: number };
  const date = dateOfText(trimmed, context, true);
  if (date) return { value: date };
  if (/^[+-]./.test(trimmed)) return { formula: `=${trimmed}` };
  return { value: text };
}

/**
 * A CSV cell as Sheets' import stores it: numbers and dates with a year as
 * typed, but numbers with leading zeros (invoice numbers such as
 * "0000611365") stay text, and nothing becomes a formula.
 */
export function importedCell(text: string, context: TypingContext): StoredValue {
  const trimmed = text.trim();
  if (trimmed === '') return '';
  if (/^(TRUE|FALSE)$/i.test(trimmed)) return trimmed.toUpperCase() === 'TRUE';
  const number = numberOf(trimmed, context.locale, false);
  if (number !== null) return number;
  return dateOfText(trimmed, context, false) ?? (trimmed === text ? text : trimmed);
}
