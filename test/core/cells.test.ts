import { describe, expect, it } from 'vitest';
import { calendarDay, isoDate, ZoneCalendar } from '../../src/core/calendar';
import { amountInCents, CellError, currencyOfText, dayOfCell, wholeDays } from '../../src/core/cells';
import { localeConventions } from '../../src/core/locale';

const US = localeConventions('en_US');
const RU = localeConventions('ru_RU');
const GB = localeConventions('en_GB');

describe('amountInCents', () => {
  it('returns numbers as cents, rounding binary noise', () => {
    expect(amountInCents(1234.56, US)).toBe(123456);
    expect(amountInCents(0.1 + 0.2, US)).toBe(30);
    expect(amountInCents(-450, US)).toBe(-45000);
  });

  it('returns null for blanks', () => {
    expect(amountInCents('', US)).toBeNull();
    expect(amountInCents('   ', US)).toBeNull();
    expect(amountInCents(undefined, US)).toBeNull();
  });

  it('reads text with currency signs, spaces, thousands separators and a decimal comma', () => {
    expect(amountInCents('1 234,56 ₽', RU)).toBe(123456);
    expect(amountInCents('1\u00a0234,56 руб.', RU)).toBe(123456);
    expect(amountInCents('$1,234.56', US)).toBe(123456);
    expect(amountInCents('1.234.567,89 €', RU)).toBe(123456789);
    expect(amountInCents('USD 99.5', US)).toBe(9950);
    expect(amountInCents('(1,000.00)', US)).toBe(-100000);
    expect(amountInCents('-12,5', RU)).toBe(-1250);
  });

  it('settles "1,234" by the locale: thousands in en_US, a decimal in ru_RU', () => {
    expect(amountInCents('1,234', US)).toBe(123400);
    expect(amountInCents('1,234', RU)).toBe(123);
    expect(amountInCents('1,5', US)).toBe(150);
  });

  it('throws a CellError that quotes what it found', () => {
    expect(() => amountInCents('abc', US)).toThrow(CellError);
    expect(() => amountInCents('abc', US)).toThrow('"abc" is not an amount');
    expect(() => amountInCents('1,23,4', US)).toThrow('is not an amount');
    expect(() => amountInCents(true, US)).toThrow('true is not an amount');
  });
});

describe('currencyOfText', () => {
  it('returns the currency a sign or code names', () => {
    expect(currencyOfText('1 234,56 ₽')).toBe('RUB');
    expect(currencyOfText('$1,234.56')).toBe('USD');
    expect(currencyOfText('12 руб.')).toBe('RUB');
    expect(currencyOfText('EUR 10')).toBe('EUR');
    expect(currencyOfText('10')).toBe('');
  });
});

describe('dayOfCell', () => {
  const london = { calendar: new ZoneCalendar('Europe/London'), conventions: US };

  it('reads ISO, dotted and slashed text', () => {
    expect(isoDate(dayOfCell('2026-03-09', london)!)).toBe('2026-03-09');
    expect(isoDate(dayOfCell('9.3.2026', london)!)).toBe('2026-03-09');
    expect(isoDate(dayOfCell('09.03.2026 г.', london)!)).toBe('2026-03-09');
    expect(isoDate(dayOfCell('2026/03/09', london)!)).toBe('2026-03-09');
  });

  it('settles M/D against D/M by the locale unless a part exceeds 12', () => {
    expect(isoDate(dayOfCell('3/9/2026', london)!)).toBe('2026-03-09');
    expect(isoDate(dayOfCell('3/9/2026', { ...london, conventions: GB })!)).toBe('2026-09-03');
    expect(isoDate(dayOfCell('25/12/2026', london)!)).toBe('2026-12-25');
    expect(isoDate(dayOfCell('12/25/2026', { ...london, conventions: GB })!)).toBe('2026-12-25');
  });

  it('reads Sheets serial numbers', () => {
    expect(isoDate(dayOfCell(46090, london)!)).toBe('2026-03-09');
  });

  it('reads a Date as the calendar day in the given zone, not the machine zone', () => {
    // Midnight of 1 March 2026 in Tokyo is still 28 February in London and New York.
    const tokyoMidnight = new Date(Date.UTC(2026, 1, 28, 15));
    expect(isoDate(dayOfCell(tokyoMidnight, { ...london, calendar: new ZoneCalendar('Asia/Tokyo') })!)).toBe('2026-03-01');
    expect(isoDate(dayOfCell(tokyoMidnight, london)!)).toBe('2026-02-28');
  });

  it('rejects dates that do not exist', () => {
    expect(() => dayOfCell('31.11.2026', london)).toThrow('"31.11.2026" is not a date');
    expect(() => dayOfCell('2026-02-29', london)).toThrow('is not a date');
    expect(() => dayOfCell('next week', london)).toThrow('"next week" is not a date');
    expect(() => dayOfCell(new Date(NaN), london)).toThrow('invalid date');
  });
});

describe('calendarDay', () => {
  it('returns NaN for impossible dates', () => {
    expect(calendarDay(2026, 2, 30)).toBeNaN();
    expect(calendarDay(2028, 2, 29)).toBe(Date.UTC(2028, 1, 29) / 864e5);
  });
});

describe('wholeDays', () => {
  it('reads 30, "30" and "Net 30"', () => {
    expect(wholeDays(30)).toBe(30);
    expect(wholeDays('30')).toBe(30);
    expect(wholeDays('Net 45')).toBe(45);
    expect(wholeDays('')).toBeNull();
    expect(() => wholeDays('soon')).toThrow('"soon" is not a number of days');
    expect(() => wholeDays(-5)).toThrow('is not a number of days');
  });
});
