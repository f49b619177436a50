import { UTCDate } from '@date-fns/utc';
import { addMonths, addWeeks, startOfISOWeek, startOfMonth } from 'date-fns';
import type { Cell } from '../cells';
import { isBlank } from '../cells';
import type { CalendarDay } from '../calendar';

export type PeriodKind = 'week' | 'month';

const MS_PER_DAY = 86_400_000;

/** Parses the period argument: "week" (default) or "month". */
export function parsePeriod(input: Cell): PeriodKind {
  if (isBlank(input)) return 'week';
  const text = String(input).trim().toLowerCase();
  if (text === 'week' || text === 'weeks' || text === 'weekly') return 'week';
  if (text === 'month' || text === 'months' || text === 'monthly') return 'month';
  throw new Error(`period must be "week" or "month"; found "${String(input)}"`);
}

/** Parses the horizon argument: a whole number of periods, 8 weeks or 6 months when blank. */
export function parseHorizon(input: Cell, period: PeriodKind): number {
  if (isBlank(input)) return period === 'week' ? 8 : 6;
  const horizon = Number(input);
  if (!Number.isInteger(horizon) || horizon < 1 || horizon > 260) {
    throw new Error(`horizon must be a whole number of periods from 1 to 260; found ${typeof input === 'string' ? `"${input}"` : String(input)}`);
  }
  return horizon;
}

/**
 * The starts of `count` periods, and the day after the last: calendar weeks
 * (Monday to Sunday) or months, the first one holding the day after `asOfDay`.
 * @example periodStarts(calendarDay(2026, 3, 31), 'week', 2) // Mondays 30 March, 6 April, and 13 April
 */
export function periodStarts(asOfDay: CalendarDay, kind: PeriodKind, count: number): CalendarDay[] {
  const first = new UTCDate((asOfDay + 1) * MS_PER_DAY);
  const start = kind === 'week' ? startOfISOWeek(first) : startOfMonth(first);
  const starts: CalendarDay[] = [];
  for (let k = 0; k <= count; k++) {
    const date = kind === 'week' ? addWeeks(start, k) : addMonths(start, k);
    starts.push(Math.round(date.getTime() / MS_PER_DAY));
  }
  return starts;
}

/** The period a day falls in (0-based), or `starts.length - 1` for after the last. */
export function periodIndex(starts: readonly CalendarDay[], day: CalendarDay): number {
  let low = 0;
  let high = starts.length - 1;
  // The first start after `day`, less one.
  while (low < high) {
    const middle = (low + high) >> 1;
    if (starts[middle + 1] <= day) low = middle + 1;
    else high = middle;
  }
  return day >= starts[starts.length - 1] ? starts.length - 1 : low;
}
