import { ZoneCalendar, type CalendarDay } from '../core/calendar';
import { CellError, dayOfCell, describeCell, isBlank, wholeDays, type Cell } from '../core/cells';
import { localeConventions } from '../core/locale';
import type { SpreadsheetSettings } from './spreadsheetSettings';

/** A wrong argument; the custom function puts its name in front. */
export class ArgumentError extends Error {}

/** The invoices argument must be a range with a header row, which Sheets passes as a 2-D array. */
export function tableArgument(invoices: unknown): Cell[][] {
  if (!Array.isArray(invoices) || !Array.isArray(invoices[0])) {
    const found = isBlank(invoices as Cell) ? 'nothing' : `a single value ${describeCell(invoices as Cell)}`;
    throw new ArgumentError(`invoices must be a range with a header row, like A1:H500; found ${found}`);
  }
  if (invoices.length < 1) throw new ArgumentError('invoices is an empty range');
  return invoices as Cell[][];
}

/** The `as_of` argument as a calendar day: a date cell, DATE(), ISO or local text; today when blank. */
export function asOfArgument(asOf: unknown, settings: SpreadsheetSettings, now: Date = new Date()): CalendarDay {
  const calendar = new ZoneCalendar(settings.timeZone);
  const cell = singleCell(asOf, 'as_of');
  if (isBlank(cell)) return calendar.dayOf(now.getTime());
  try {
    const day = dayOfCell(cell, { calendar, conventions: localeConventions(settings.locale) });
    if (day === null) return calendar.dayOf(now.getTime());
    return day;
  } catch (error) {
    if (error instanceof CellError) throw new ArgumentError(`as_of must be a date; found ${describeCell(cell)}`);
    throw error;
  }
}

/** The `terms` argument: days from invoice date to due date, 30 when blank. */
export function termsArgument(terms: unknown): number {
  const cell = singleCell(terms, 'terms');
  try {
    return wholeDays(cell) ?? 30;
  } catch {
    throw new ArgumentError(`terms must be a whole number of days; found ${describeCell(cell)}`);
  }
}

/** A single-cell argument; Sheets passes a one-cell range as a plain value, a bigger one as an array. */
export function singleCell(value: unknown, name: string): Cell {
  if (!Array.isArray(value)) return value as Cell;
  const cells = (value as unknown[][]).flat();
  if (cells.length === 1) return cells[0] as Cell;
  throw new ArgumentError(`${name} must be a single value; found a range of ${cells.length} cells`);
}

/** Sheets shows a thrown message in the cell: name the function in front of it. */
export function reportingErrorsAs<T>(functionName: string, compute: () => T): T {
  try {
    return compute();
  } catch (error) {
    throw new Error(`${functionName}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The `days` argument of the collection figures: a whole number of days, 90 when blank. */
export function periodDaysArgument(days: unknown): number {
  const cell = singleCell(days, 'days');
  if (isBlank(cell)) return 90;
  const value = Number(cell);
  if (!Number.isInteger(value) || value < 1 || value > 3660) throw new ArgumentError(`days must be a whole number of days from 1 to 3660; found ${describeCell(cell)}`);
  return value;
}
