import { isExists } from 'date-fns';

/**
 * A calendar date as whole days since 1970-01-01. It carries no time zone:
 * the spreadsheet's zone is applied once, when a cell's instant is read.
 */
export type CalendarDay = number;

const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 of a year, month (1–12) and day; NaN when no such date exists. */
export function calendarDay(year: number, month: number, day: number): CalendarDay {
  if (!isExists(year, month - 1, day)) return NaN;
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

/** The year, month (1–12) and day of a calendar day. */
export function dayParts(day: CalendarDay): { year: number; month: number; day: number } {
  const date = new Date(day * MS_PER_DAY);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/**
 * ISO text of a calendar day.
 * @example isoDate(calendarDay(2026, 3, 9)) //=> '2026-03-09'
 */
export function isoDate(day: CalendarDay): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Sheets' serial date number (days since 1899-12-30) as a calendar day. */
export function dayOfSerial(serial: number): CalendarDay {
  return Math.floor(serial) - 25_569;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function zoneFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
      });
    } catch {
      throw new Error(`unknown time zone "${timeZone}"`);
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * Reads instants as calendar days in one time zone. Sheets hands a date cell
 * over as the instant of its midnight in the spreadsheet's zone, so the day
 * must be read in that zone, never in the script's. Tables repeat the same
 * few hundred dates, hence the cache.
 */
export class ZoneCalendar {
  private readonly cache = new Map<number, CalendarDay>();
  private readonly formatter: Intl.DateTimeFormat;

  constructor(readonly timeZone: string) {
    this.formatter = zoneFormatter(timeZone);
  }

  /** The calendar day, in this zone, on which an instant (ms since epoch) falls. */
  dayOf(instant: number): CalendarDay {
    let day = this.cache.get(instant);
    if (day === undefined) {
      let year = 0;
      let month = 0;
      let date = 0;
      for (const part of this.formatter.formatToParts(instant)) {
        if (part.type === 'year') year = Number(part.value);
        else if (part.type === 'month') month = Number(part.value);
        else if (part.type === 'day') date = Number(part.value);
      }
      day = Date.UTC(year, month - 1, date) / MS_PER_DAY;
      if (this.cache.size > 50_000) this.cache.clear();
      this.cache.set(instant, day);
    }
    return day;
  }
}
