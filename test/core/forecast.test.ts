import { describe, expect, it } from 'vitest';
import { calendarDay, isoDate } from '../../src/core/calendar';
import type { Cell } from '../../src/core/cells';
import { roundToTotal } from '../../src/core/forecast/collections';
import { riskGrade, describeTrend } from '../../src/core/forecast/customers';
import { fitPaymentModel, paymentDays } from '../../src/core/forecast/paymentModel';
import { parseHorizon, periodIndex, periodStarts } from '../../src/core/forecast/periods';
import { readInvoiceTable } from '../../src/core/invoices';

const options = { timeZone: 'UTC', locale: 'en_US' };
const day = (iso: string) => calendarDay(...(iso.split('-').map(Number) as [number, number, number]));

describe('roundToTotal', () => {
  it('rounds to whole cents that add up to the total', () => {
    expect(roundToTotal([33.4, 33.3, 33.3], 100)).toEqual([34, 33, 33]);
    expect(roundToTotal([0.5, 0.5, 0.5, 0.5], 2)).toEqual([1, 1, 0, 0]);
    expect(roundToTotal([-10.2, 5.6], -5)).toEqual([-10, 5]);
  });
});

describe('periodStarts', () => {
  it('gives Monday weeks and calendar months holding the day after as_of', () => {
    expect(periodStarts(day('2026-03-31'), 'week', 2).map(isoDate)).toEqual(['2026-03-30', '2026-04-06', '2026-04-13']);
    expect(periodStarts(day('2026-01-31'), 'month', 2).map(isoDate)).toEqual(['2026-02-01', '2026-03-01', '2026-04-01']);
    const starts = periodStarts(day('2026-03-31'), 'week', 2);
    expect([day('2026-04-01'), day('2026-04-06'), day('2026-04-12'), day('2026-04-13'), day('2027-01-01')].map((d) => periodIndex(starts, d))).toEqual([0, 1, 1, 2, 2]);
    expect(parseHorizon('', 'month')).toBe(6);
  });
});

describe('riskGrade', () => {
  it('follows the rule in README', () => {
    expect(riskGrade(0, Number.NaN)).toBe('A');
    expect(riskGrade(8, 0)).toBe('B');
    expect(riskGrade(0, 3.5)).toBe('B');
    expect(riskGrade(31, 0)).toBe('C');
    expect(riskGrade(0, 16)).toBe('C');
    expect(riskGrade(61, 0)).toBe('D');
    expect(riskGrade(0, 31)).toBe('D');
    expect(describeTrend(4.21)).toBe('paying later (+4.2 days)');
    expect(describeTrend(-1)).toBe('steady');
  });
});

describe('the payment model', () => {
  const rows: Cell[][] = [['Customer', 'Invoice date', 'Due date', 'Amount', 'Paid date', 'DaysLate', 'DaysToSettle']];
  for (let m = 1; m <= 9; m++) rows.push(['Acme', `2025-0${m}-01`, `2025-0${m}-28`, 100, `2025-0${m + 0}-28`, 999, 999]);
  rows.push(['Acme', '2026-03-01', '2026-03-31', 100, '', '', '']);

  it('is deterministic and never reads columns derived from the payment', () => {
    const table = readInvoiceTable(rows, options);
    const scrambled = readInvoiceTable(rows.map((row, r) => (r === 0 ? row : [...row.slice(0, 5), r * 7, -r])), options);
    const asOf = day('2026-03-15');
    const open = table.size - 1;
    expect(paymentDays(fitPaymentModel(table, asOf), table, open)).toBe(paymentDays(fitPaymentModel(table, asOf), table, open));
    expect(paymentDays(fitPaymentModel(scrambled, asOf), scrambled, open)).toBe(paymentDays(fitPaymentModel(table, asOf), table, open));
    expect(isoDate(paymentDays(fitPaymentModel(table, asOf), table, open))).toBe('2026-03-31');
  });

  it('spreads an invoice over days after as_of, with probabilities adding to one', () => {
    const table = readInvoiceTable(rows, options);
    const asOf = day('2026-04-20');
    let total = 0;
    paymentDays(fitPaymentModel(table, asOf), table, table.size - 1, (paid, probability) => {
      expect(paid).toBeGreaterThan(asOf);
      total += probability;
    });
    expect(total).toBeCloseTo(1, 10);
  });
});
