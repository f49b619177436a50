import { describe, expect, it } from 'vitest';
import { calendarDay, isoDate } from '../../src/core/calendar';
import type { Cell } from '../../src/core/cells';
import { dsoTrend, dsoTrendTable } from '../../src/core/effectiveness/dsoTrend';
import { effectivenessTable, stepEffects, weightedMedian, type Contact } from '../../src/core/effectiveness/effectiveness';
import { readInvoiceTable } from '../../src/core/invoices';

const day = (iso: string) => calendarDay(...(iso.split('-').map(Number) as [number, number, number]));
const options = { timeZone: 'UTC', locale: 'en_US' };
const table = (rows: Cell[][]) => readInvoiceTable([['Customer', 'Invoice No', 'Invoice date', 'Due date', 'Amount', 'Paid', 'Paid date', 'Currency'], ...rows], options);

describe('stepEffects', () => {
  // Three invoices reminded 7 days after their due date (paid 3 and 19 days after, one never); comparable ones not reminded.
  const invoices = table([
    ['Acme', 'A-1', '2025-12-10', '2026-01-10', 1000, 1000, '2026-01-20', 'USD'],
    ['Acme', 'A-2', '2025-12-10', '2026-01-10', 1000, 1000, '2026-02-05', 'USD'],
    ['Beta', 'B-1', '2025-12-10', '2026-01-10', 1000, '', '', 'USD'],
    // Comparable: open on their +7 day, same band (1,000–9,999 USD), never reminded.
    ['Cyan', 'C-1', '2025-12-10', '2026-01-10', 1500, 1500, '2026-01-30', 'USD'],
    ['Cyan', 'C-2', '2025-12-10', '2026-01-10', 5000, '', '', 'USD'],
    // Not comparable: another band; paid before its step day; reminded at +14 within the 14 days after its +7 day.
    ['Dot', 'D-1', '2025-12-10', '2026-01-10', 50, '', '', 'USD'],
    ['Echo', 'E-1', '2025-12-10', '2026-01-10', 1000, 1000, '2026-01-12', 'USD'],
    ['Fox', 'F-1', '2025-12-10', '2026-01-10', 1000, 1000, '2026-01-25', 'USD'],
  ]);
  const contacts: Contact[] = [
    { day: day('2026-01-17'), channel: 'email', marks: [{ key: 'Acme · A-1', offsetDays: 7 }, { key: 'Acme · A-2', offsetDays: 7 }, { key: 'Acme · A-1 · warned', offsetDays: 7 }] },
    { day: day('2026-01-17'), channel: 'email', marks: [{ key: 'Beta · B-1', offsetDays: 7 }] },
    // The same step again (a person re-sent it): counted once, from the first.
    { day: day('2026-01-19'), channel: 'email', marks: [{ key: 'Beta · B-1', offsetDays: 7 }] },
    { day: day('2026-01-24'), channel: 'email', marks: [{ key: 'Fox · F-1', offsetDays: 14 }] },
    { day: day('2026-01-31'), channel: 'call', marks: [{ key: 'Beta · B-1', offsetDays: 21 }] },
  ];

  it('gives each step and channel its sends, shares paid within 7 and 14 days, and median days to pay', () => {
    const effects = stepEffects(invoices, contacts, day('2026-03-31'));
    expect(effects.map((effect) => [effect.offsetDays, effect.channel])).toEqual([[7, 'email'], [14, 'email'], [21, 'call']]);
    const seven = effects[0];
    expect(seven.reminded).toEqual({ count: 3, paidWithin7: 1 / 3, paidWithin14: 1 / 3, medianDaysToPay: 19 });
    // C-1 paid 13 days after its +7 day, C-2 never: half within 14 days, none within 7.
    expect(seven.notReminded).toEqual({ count: 2, paidWithin7: 0, paidWithin14: 0.5, medianDaysToPay: 13 });
  });

  it('counts an invoice reminded at another step as comparable, and none whose window has not passed', () => {
    const fourteen = stepEffects(invoices, contacts, day('2026-03-31'))[1];
    // A-2 (open on its +14 day, reminded only at +7 before it), C-1 and C-2; not B-1 (its call came 7 days after), nor F-1, the reminded one.
    expect(fourteen.reminded.count).toBe(1);
    expect(fourteen.notReminded.count).toBe(3);
    // As of 3 days after the sends, no share is known yet; the median waits for half to pay.
    const early = stepEffects(invoices, contacts, day('2026-01-20'))[0];
    expect(early.reminded.paidWithin7).toBeNaN();
    expect(early.reminded.medianDaysToPay).toBeNaN();
  });

  it('ignores what the log marks that is no invoice (warned marks, promises, instalments, deleted rows) and reminders after as_of', () => {
    const effects = stepEffects(invoices, [...contacts, { day: day('2026-01-17'), channel: 'email', marks: [{ key: 'Gone · G-1', offsetDays: 7 }, { key: 'Acme · promise 2026-01-30', offsetDays: 0 }] }, { day: day('2026-04-02'), channel: 'email', marks: [{ key: 'Cyan · C-2', offsetDays: 30 }] }], day('2026-03-31'));
    expect(effects.map((effect) => effect.offsetDays)).toEqual([7, 14, 21]);
    expect(effects[0].reminded.count).toBe(3);
  });

  it('writes a table with a header, the step in words and blanks for what is unknown', () => {
    const rows = effectivenessTable(stepEffects(invoices, contacts, day('2026-02-10')));
    expect(rows[0]).toEqual(['Step', 'Channel', 'Sent', 'Paid within 7 days', 'Paid within 14 days', 'Median days to pay', 'Not reminded (comparable)', 'Paid within 7 days, not reminded', 'Paid within 14 days, not reminded', 'Median days to pay, not reminded']);
    expect(rows[1].slice(0, 6)).toEqual(['7 days after the due date', 'Email', 3, 0.333, 0.333, 19]);
    expect(rows[3].slice(0, 3)).toEqual(['21 days after the due date', 'Call', 1]);
    // The call 10 days before as_of: its 14 days have not passed.
    expect(rows[3][4]).toBe('');
  });

  it('weighs the median', () => {
    expect(weightedMedian([{ days: 1, weight: 1 }, { days: 5, weight: 3 }])).toBe(5);
    expect(weightedMedian([{ days: 1, weight: 1 }, { days: Infinity, weight: 3 }])).toBeNaN();
    expect(weightedMedian([])).toBeNaN();
  });
});

describe('dsoTrend', () => {
  const invoices = table([
    ['Xeno', 'X-1', '2026-01-05', '2026-01-20', 300, 300, '2026-02-10', 'USD'],
    ['Xeno', 'X-2', '2026-01-15', '2026-02-14', 100, '', '', 'USD'],
    ['Yak', 'Y-1', '2026-02-10', '2026-03-12', 200, '', '', 'USD'],
  ]);

  it('gives each month its open balance, overdue share, invoicing and DSO, the last month up to as_of', () => {
    const lines = dsoTrend(invoices, day('2026-02-28'), 2)!;
    expect(lines.map((line) => [isoDate(line.month), line.openCents, line.overdueCents, line.invoicedCents, line.days])).toEqual([
      ['2026-01-01', 40000, 30000, 40000, 31],
      ['2026-02-01', 30000, 10000, 20000, 28],
    ]);
    expect(lines[0].dso).toBe(31);
    expect(lines[1].dso).toBe(42);
    expect(lines[1].overdueShare).toBeCloseTo(1 / 3);
    const partial = dsoTrend(invoices, day('2026-02-14'), 1)![0];
    // Up to 14 February: X-2 is due that day, not yet overdue; 200 invoiced over 14 days.
    expect([partial.openCents, partial.overdueCents, partial.days, partial.dso]).toEqual([30000, 0, 14, 21]);
    expect(dsoTrendTable(lines)[0]).toEqual(['Month', 'Open at month end', 'Overdue', 'Overdue share', 'Invoiced', 'DSO']);
  });

  it('goes back across a year end and leaves DSO blank for a month with nothing invoiced', () => {
    const lines = dsoTrend(invoices, day('2026-01-31'), 3)!;
    expect(lines.map((line) => isoDate(line.month))).toEqual(['2025-11-01', '2025-12-01', '2026-01-01']);
    expect(lines[0].dso).toBeNaN();
    expect(dsoTrendTable(lines)[1]).toEqual([{ day: day('2025-11-01') }, 0, 0, '', 0, '']);
  });

  it('says so when the table has no invoice dates at all', () => {
    const undated = readInvoiceTable([['Customer', 'Due date', 'Amount'], ['Xeno', '2026-01-20', 100]], options);
    expect(dsoTrend(undated, day('2026-02-28'), 2)).toBeNull();
    expect(dsoTrendTable(null)[1][0]).toMatch(/no invoice date column/);
  });
});
