import { describe, expect, it } from 'vitest';
import { calendarDay, dayParts, isoDate, ZoneCalendar } from '../../src/core/calendar';

/** The day straight from the platform's zone data, one instant at a time. */
function expectedDay(instant: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

describe('ZoneCalendar.dayOf', () => {
  const zones = ['Europe/London', 'Europe/Berlin', 'America/New_York', 'America/Sao_Paulo', 'Pacific/Auckland', 'Pacific/Chatham', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Pacific/Honolulu', 'UTC'];

  for (const timeZone of zones) {
    it(`returns the platform's calendar day for any instant in ${timeZone}, in any order`, () => {
      const calendar = new ZoneCalendar(timeZone);
      // Every quarter hour across two years (both clock changes of each), shuffled, plus far dates.
      const instants: number[] = [];
      const start = Date.UTC(2025, 0, 1);
      for (let t = start; t < start + 2 * 365 * 864e5; t += 7 * 900_000 + 60_000) instants.push(t);
      instants.push(Date.UTC(1899, 11, 30), Date.UTC(2099, 5, 15, 12), Date.UTC(1970, 0, 1));
      let seed = 7;
      for (let i = instants.length - 1; i > 0; i--) {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        const j = seed % (i + 1);
        [instants[i], instants[j]] = [instants[j], instants[i]];
      }
      const wrong = instants.filter((instant) => isoDate(calendar.dayOf(instant)) !== expectedDay(instant, timeZone));
      expect(wrong.map((instant) => new Date(instant).toISOString())).toEqual([]);
      // The Date path takes its own shortcut once the table is warm: the same days.
      const wrongDates = instants.filter((instant) => isoDate(calendar.dayOfDate(new Date(instant))) !== expectedDay(instant, timeZone));
      expect(wrongDates.map((instant) => new Date(instant).toISOString())).toEqual([]);
      expect(calendar.dayOfDate(new Date(Number.NaN))).toBeNaN();
    });
  }

  it('rejects an unknown zone with its name', () => {
    expect(() => new ZoneCalendar('Mars/Olympus')).toThrow('unknown time zone "Mars/Olympus"');
  });
});

describe('calendarDay and dayParts', () => {
  it('round-trip', () => {
    expect(dayParts(calendarDay(2024, 2, 29))).toEqual({ year: 2024, month: 2, day: 29 });
  });
});

describe('ZoneCalendar.midnightOf', () => {
  it('is the instant a day starts in the zone, which dayOf reads back', () => {
    for (const timeZone of ['Pacific/Auckland', 'America/Los_Angeles', 'Europe/Berlin']) {
      const calendar = new ZoneCalendar(timeZone);
      for (const day of [calendarDay(2026, 3, 29), calendarDay(2026, 3, 30), calendarDay(2026, 10, 25), calendarDay(2026, 9, 27)]) {
        const instant = calendar.midnightOf(day);
        expect(calendar.dayOf(instant)).toBe(day);
        expect(calendar.dayOf(instant - 1)).toBe(day - 1);
      }
    }
  });
});
