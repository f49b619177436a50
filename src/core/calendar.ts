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

/** A day as a spreadsheet of that language writes it in text: "2026-03-10" in English, "10.03.2026" in Russian. */
export function dayText(day: CalendarDay, language: 'en' | 'ru'): string {
  if (language !== 'ru') return isoDate(day);
  const { year, month, day: date } = dayParts(day);
  return `${String(date).padStart(2, '0')}.${String(month).padStart(2, '0')}.${year}`;
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
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new Error(`unknown time zone "${timeZone}"`);
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** What calendars of one zone share: see `ZoneCalendar`. */
interface ZoneTable {
  offsets: Float64Array;
  steadies: Float64Array;
  origin: number;
  daysOfInstants: Map<number, CalendarDay>;
  midnights: Map<CalendarDay, number>;
}
const zoneTables = new Map<string, ZoneTable>();

/** Days of UTC-day offsets a calendar keeps in its table: about ninety years around the first date it reads. */
const WINDOW_DAYS = 32_768;
/** Marks a UTC day during which the zone's offset changes. */
const CHANGES = Infinity;
/** Per UTC day from `origin`, the zone's offset in ms when it holds all that day; NaN or Infinity when not known or not steady. */
export interface SteadyTable {
  readonly offsets: Float64Array;
  readonly origin: number;
}

/**
 * The calendar day of an instant by a table of steady offsets; NaN when the
 * table does not settle it (the day is outside it, not looked up yet, or the
 * clocks change on it), and `ZoneCalendar.dayOfDate` must. Small and with
 * no calls, so that a loop over a table's rows takes it in line.
 */
export function dayInTable(offsets: Float64Array, origin: number, instant: number): CalendarDay {
  const utcDay = Math.floor(instant / MS_PER_DAY);
  // Not below a day when outside the table (undefined), not looked up (NaN), or changing (Infinity).
  const offset = offsets[utcDay - origin];
  if (!(offset < MS_PER_DAY)) return Number.NaN;
  // An offset is under a day: the wall clock is on the UTC day, the one before or the one after (no second division).
  const wall = instant - utcDay * MS_PER_DAY + offset;
  return wall < 0 ? utcDay - 1 : wall >= MS_PER_DAY ? utcDay + 1 : utcDay;
}

/** The steady offsets of a calendar that has read no date yet. */
const NO_DAYS = new Float64Array(0);
/** Offsets are looked up for a block of days at a time. */
const BLOCK_DAYS = 32;
/**
 * Reads instants as calendar days in one time zone. Sheets hands a date cell
 * over as the instant of its midnight in the spreadsheet's zone, so the day
 * must be read in that zone, never in the script's. A table reads the same
 * few hundred days over and over, so the zone's offset is looked up once per
 * UTC day and kept in a flat table.
 */
export class ZoneCalendar {
  private readonly formatter: Intl.DateTimeFormat;
  /** Offset in ms for each UTC day from `origin`; NaN when not looked up yet. */
  private offsets: Float64Array | null = null;
  /** Per UTC day: the offset that holds all day, CHANGES when the clocks change that day, NaN when not looked up. */
  private steadies: Float64Array = NO_DAYS;
  private origin = 0;
  private readonly daysOfInstants: Map<number, CalendarDay> = new Map();
  private readonly midnights: Map<CalendarDay, number> = new Map();

  constructor(readonly timeZone: string) {
    this.formatter = zoneFormatter(timeZone);
    // A zone's offsets are the same for every calendar of it: one table per zone, filled as days are read,
    // instead of two 256 KB tables for each of the several calendars every custom function call makes.
    const shared = zoneTables.get(timeZone);
    if (shared) {
      this.offsets = shared.offsets;
      this.steadies = shared.steadies;
      this.origin = shared.origin;
      this.daysOfInstants = shared.daysOfInstants;
      this.midnights = shared.midnights;
    }
  }

  /**
   * The calendar day of a Date; NaN for an invalid one. The common case is
   * worked out from the Date itself by `dayInTable`: its time in ms is too
   * big for V8's small integers, and handing it to a call that is not
   * inlined would allocate a number for every date cell of a table.
   */
  dayOfDate(date: Date): CalendarDay {
    const instant = date.getTime();
    const day = dayInTable(this.steadies, this.origin, instant);
    if (day === day) return day;
    return instant === instant ? this.dayOf(instant) : Number.NaN;
  }

  /**
   * The table `dayInTable` reads, made now if no date was read yet (around
   * today): for a loop over many dates, which then calls `dayOfDate` only
   * for the days the table does not settle. It stays the same object as it fills.
   */
  steadyTable(): SteadyTable {
    if (this.offsets === null) this.makeTables(Math.floor(Date.now() / MS_PER_DAY));
    return { offsets: this.steadies, origin: this.origin };
  }

  private makeTables(aroundDay: number): void {
    this.offsets = new Float64Array(WINDOW_DAYS + 1).fill(Number.NaN);
    this.steadies = new Float64Array(WINDOW_DAYS).fill(Number.NaN);
    this.origin = aroundDay - WINDOW_DAYS / 2;
    if (!zoneTables.has(this.timeZone)) {
      zoneTables.set(this.timeZone, { offsets: this.offsets, steadies: this.steadies, origin: this.origin, daysOfInstants: this.daysOfInstants, midnights: this.midnights });
    }
  }

  /** The calendar day, in this zone, on which an instant (ms since epoch) falls. */
  dayOf(instant: number): CalendarDay {
    const utcDay = Math.floor(instant / MS_PER_DAY);
    if (this.offsets === null) this.makeTables(utcDay);
    const slot = utcDay - this.origin;
    if (slot >= 0 && slot < WINDOW_DAYS) {
      const steady = this.steadies;
      let offset = steady[slot];
      if (offset !== offset) {
        // The offset at the start of this UTC day holds all day unless the next day starts with another.
        const start = this.offsetAtStartOf(slot);
        steady[slot] = offset = start === this.offsetAtStartOf(slot + 1) ? start : CHANGES;
      }
      if (offset !== CHANGES) return Math.floor((instant + offset) / MS_PER_DAY);
    }
    // A day on which the clocks change, or far from the other dates: look the instant up itself.
    let day = this.daysOfInstants.get(instant);
    if (day === undefined) {
      day = Math.floor((instant + this.offsetAt(instant)) / MS_PER_DAY);
      this.daysOfInstants.set(instant, day);
    }
    return day;
  }

  private offsetAtStartOf(slot: number): number {
    const offsets = this.offsets as Float64Array;
    if (offsets[slot] !== offsets[slot]) {
      const start = slot - (slot % BLOCK_DAYS);
      const end = Math.min(start + BLOCK_DAYS, WINDOW_DAYS);
      this.fillOffsets(start, end, this.startOffset(start), this.startOffset(end));
    }
    return offsets[slot];
  }

  /**
   * Fills the start-of-day offsets of days [from, to), knowing those of
   * `from` and `to`: equal ends mean no change between them (zones change
   * at most twice a year), else the change is found by halving.
   */
  private fillOffsets(from: number, to: number, fromOffset: number, toOffset: number): void {
    const offsets = this.offsets as Float64Array;
    if (fromOffset === toOffset || to - from === 1) {
      offsets.fill(fromOffset, from, to);
      return;
    }
    const middle = (from + to) >> 1;
    const middleOffset = this.startOffset(middle);
    this.fillOffsets(from, middle, fromOffset, middleOffset);
    this.fillOffsets(middle, to, middleOffset, toOffset);
  }

  private startOffset(slot: number): number {
    const offsets = this.offsets as Float64Array;
    if (slot < WINDOW_DAYS && offsets[slot] === offsets[slot]) return offsets[slot];
    return this.offsetAt((this.origin + slot) * MS_PER_DAY);
  }

  /**
   * The instant at which a calendar day starts in this zone: how Sheets
   * stores a date cell, and so what a custom function returns for a date.
   */
  midnightOf(day: CalendarDay): number {
    let instant = this.midnights.get(day);
    if (instant === undefined) {
      const guess = day * MS_PER_DAY;
      instant = guess - this.offsetAt(guess - this.offsetAt(guess));
      this.midnights.set(day, instant);
    }
    return instant;
  }

  /** How far this zone's wall clock is ahead of UTC at an instant, in ms. */
  private offsetAt(instant: number): number {
    const parts: Record<string, number> = {};
    for (const part of this.formatter.formatToParts(instant)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
    const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
    return wall - Math.floor(instant / 1000) * 1000;
  }
}
