import { describe, expect, it } from 'vitest';
import { calendarDay, isoDate, type CalendarDay } from '../../src/core/calendar';
import type { Cell } from '../../src/core/cells';
import { forecastCollections } from '../../src/core/forecast/collections';
import { fitPaymentModel } from '../../src/core/forecast/paymentModel';
import { periodIndex, periodStarts } from '../../src/core/forecast/periods';
import { readInvoiceTable } from '../../src/core/invoices';

/** A seeded generator, so that the book is the same on every run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Two years of invoices from customers with their own habits; a disputed
 * invoice (one in eight) is paid later and far less predictably, and one
 * payment in twenty drags on for weeks.
 */
function book(seed: number): { rows: Cell[][]; paid: CalendarDay[] } {
  const next = random(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  const habits = Array.from({ length: 30 }, () => Math.round(next() * 20 - 5));
  const rows: Cell[][] = [['Customer', 'Invoice date', 'Due date', 'Amount', 'Paid date', 'Disputed']];
  const paid: CalendarDay[] = [];
  for (let day = calendarDay(2024, 1, 1); day < calendarDay(2025, 12, 31); day++) {
    for (let n = Math.floor(next() * 5); n > 0; n--) {
      const customer = Math.floor(next() * habits.length);
      const disputed = next() < 0.125;
      const drag = next() < 0.05 ? -Math.log(1 - next()) * 20 : 0;
      const lateness = habits[customer] + (disputed ? 12 + 12 * normal() : 4 * normal()) + drag;
      const due = day + 30;
      const paidDay = Math.max(day + 1, Math.round(due + lateness));
      rows.push([`Customer ${customer}`, isoDate(day), isoDate(due), Math.round(50 + next() * 950), isoDate(paidDay), disputed ? 'Yes' : 'No']);
      paid.push(paidDay);
    }
  }
  return { rows, paid };
}

describe("AR_FORECAST's Low–High range", () => {
  it('holds what really comes in, week by week, about as often as the 90% it claims', () => {
    let weeks = 0;
    let inside = 0;
    for (const seed of [1, 2, 3]) {
      const { rows, paid } = book(seed);
      for (let month = 1; month <= 10; month++) {
        const asOf = calendarDay(2025, month + 1, 1) - 1;
        // The book as it stood then: later invoices absent, later payments not yet known.
        const visible = rows.filter((row, r) => r === 0 || (row[1] as string) <= isoDate(asOf));
        const table = readInvoiceTable(
          visible.map((row, r) => (r > 0 && paid[r - 1] > asOf ? [...row.slice(0, 4), '', row[5]] : row)),
          { timeZone: 'UTC', locale: 'en_US' },
        );
        const starts = periodStarts(asOf, 'week', 8);
        const [forecast] = forecastCollections(table, fitPaymentModel(table, asOf), starts);
        const came = new Array<number>(9).fill(0);
        for (let r = 1; r < visible.length; r++) if (paid[r - 1] > asOf) came[periodIndex(starts, paid[r - 1])] += (visible[r][3] as number) * 100;
        for (let w = 0; w < 8; w++) {
          weeks++;
          if (forecast.lowCents[w] <= came[w] && came[w] <= forecast.highCents[w]) inside++;
        }
      }
    }
    expect(weeks).toBe(240);
    expect(inside / weeks).toBeGreaterThanOrEqual(0.8);
    expect(inside / weeks).toBeLessThanOrEqual(0.97);
  });

  it('is wider for disputed invoices when the book shows their days are less certain', () => {
    const { rows, paid } = book(4);
    const asOf = calendarDay(2025, 6, 30);
    const past = rows.filter((_, r) => r > 0 && paid[r - 1] <= asOf);
    const open = (disputed: string): Cell[] => ['Customer 0', '2025-06-20', '2025-07-20', 1000, '', disputed];
    const width = (disputed: string) => {
      const table = readInvoiceTable([rows[0], ...past, open(disputed)], { timeZone: 'UTC', locale: 'en_US' });
      const [forecast] = forecastCollections(table, fitPaymentModel(table, asOf), periodStarts(asOf, 'week', 8));
      return forecast.highCents.reduce((a, b) => a + b, 0) - forecast.lowCents.reduce((a, b) => a + b, 0);
    };
    expect(width('Yes')).toBeGreaterThan(width('No'));
  });
});
