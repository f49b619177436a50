import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { calendarDay, isoDate, type CalendarDay } from '../../src/core/calendar';
import { cashflow, cashflowTable, findGap, type CashInputs } from '../../src/core/cash/cashflow';
import { collectFirst, collectFirstTable } from '../../src/core/cash/collectFirst';
import { readOpeningBalances } from '../../src/core/cash/opening';
import { outflowsByPeriod, readOutflows } from '../../src/core/cash/outflows';
import type { Cell } from '../../src/core/cells';
import { forecastCollections, forecastModel } from '../../src/core/forecast/collections';
import { fitPaymentModel, paymentDays } from '../../src/core/forecast/paymentModel';
import { periodStarts, type PeriodKind } from '../../src/core/forecast/periods';
import { readInvoiceTable, type InvoiceTable } from '../../src/core/invoices';
import { localeConventions } from '../../src/core/locale';
import { POLICY_VERSION, validatePolicy } from '../../src/core/reminders/policy';

const options = { timeZone: 'UTC', locale: 'en_US' };
const day = (iso: string) => calendarDay(...(iso.split('-').map(Number) as [number, number, number]));
const HEADER: Cell[] = ['Customer', 'Invoice', 'Invoice date', 'Due date', 'Amount', 'Paid', 'Paid date', 'Currency'];

/** Twelve invoices each paid on its due date: the model then expects every open invoice on its due date, with no spread. */
function punctualHistory(currency = 'USD'): Cell[][] {
  return Array.from({ length: 12 }, (_, k) => {
    const due = `2026-${String(1 + (k % 10)).padStart(2, '0')}-15`;
    return ['Steady', `H${k}`, '2026-01-01', due, 100, 100, due, currency];
  });
}

function inputsOf(invoiceRows: Cell[][], outflowRows: Cell[][], asOf: string, opening: Record<string, number>, kind: PeriodKind = 'week', count = kind === 'week' ? 8 : 6, floor = 0, locale = 'en_US'): CashInputs {
  const asOfDay = day(asOf);
  const table = readInvoiceTable([HEADER, ...invoiceRows], { ...options, locale });
  return {
    table,
    model: fitPaymentModel(table, asOfDay),
    outflows: readOutflows(outflowRows, { ...options, locale, currency: table.mainCurrency }),
    openingCents: new Map(Object.entries(opening).map(([code, amount]) => [code, Math.round(amount * 100)])),
    starts: periodStarts(asOfDay, kind, count),
    floorCents: Math.round(floor * 100),
  };
}

const cents = (amounts: number[]) => amounts.map((amount) => Math.round(amount * 100));

describe('AR_CASHFLOW by hand: weeks Monday to Sunday, repeats with end dates, the gap', () => {
  // As of Wednesday 2 December 2026: the first week is Monday 30 November to Sunday 6 December.
  const open: Cell[][] = [
    ['Acme', 'A', '2026-11-05', '2026-12-05', 1000, 0, '', 'USD'],
    ['Acme', 'B', '2026-11-10', '2026-12-10', 500, 0, '', 'USD'],
    ['Globex', 'C', '2026-11-24', '2026-12-24', 2000, 0, '', 'USD'],
    // Overdue: beyond anything the punctual book has seen, so within days of as_of, in the first week.
    ['Globex', 'D', '2026-10-21', '2026-11-20', 300, 0, '', 'USD'],
  ];
  const outflows: Cell[][] = [
    ['Date', 'Payee', 'Amount', 'Repeat', 'Until'],
    // 15 Nov is before as_of (paid, in the opening balance); 15 Dec and 15 Jan fall in weeks 3 and 7.
    ['2026-11-15', 'Landlord', 1500, 'monthly', '2027-01-15'],
    // Fridays 4, 11, 18, 25 December, then no more.
    ['2026-12-04', 'Payroll', 800, 'weekly', '2026-12-25'],
    ['2026-12-01', 'Tax office', 400, '', ''],
    ['2026-10-01', 'Insurer', 1200, 'quarterly', ''],
    // Sunday 20 December: the last day of week 3.
    ['2025-12-20', 'Registrar', 120, 'yearly', ''],
  ];
  const inputs = inputsOf([...punctualHistory(), ...open], outflows, '2026-12-02', { USD: 1000 });

  it('puts receipts, outflows and balances in the weeks a bookkeeper would', () => {
    const [usd] = cashflow(inputs);
    expect(usd.periods.map((period) => isoDate(period.start))).toEqual(['2026-11-30', '2026-12-07', '2026-12-14', '2026-12-21', '2026-12-28', '2027-01-04', '2027-01-11', '2027-01-18']);
    expect(usd.periods.map((period) => period.receiptsCents)).toEqual(cents([1300, 500, 0, 2000, 0, 0, 0, 0]));
    expect(usd.periods.map((period) => period.outflowsCents)).toEqual(cents([800, 800, 2420, 800, 1200, 0, 1500, 0]));
    expect(usd.periods.map((period) => period.balanceCents)).toEqual(cents([1500, 1200, -1220, -20, -1220, -1220, -2720, -2720]));
    // No spread: the low end is the expected.
    expect(usd.periods.map((period) => period.balanceLowCents)).toEqual(usd.periods.map((period) => period.balanceCents));
    expect(usd.periods.map((period) => period.gap)).toEqual([false, false, true, false, false, false, false, false]);
    expect(findGap(usd)).toEqual({ index: 2, start: day('2026-12-14'), shortfallCents: 122_000 });
  });

  it('marks the gap on the first period below a floor set higher', () => {
    const [usd] = cashflow({ ...inputs, floorCents: 130_000 });
    expect(usd.periods.map((period) => period.gap)).toEqual([false, true, false, false, false, false, false, false]);
    expect(findGap(usd)?.shortfallCents).toBe(10_000);
    const [rich] = cashflow({ ...inputs, openingCents: new Map([['USD', 500_000]]) });
    expect(findGap(rich)).toBeNull();
    expect(rich.periods.every((period) => !period.gap)).toBe(true);
  });

  it('gives Receipts exactly as AR_FORECAST expects them, and the columns the issue names', () => {
    const [forecast] = forecastCollections(inputs.table, inputs.model, inputs.starts);
    const [usd] = cashflow(inputs);
    expect(usd.periods.map((period) => [period.receiptsCents, period.receiptsLowCents, period.receiptsHighCents])).toEqual(forecast.expectedCents.map((expected, k) => [expected, forecast.lowCents[k], forecast.highCents[k]]));
    const table = cashflowTable([usd]);
    expect(table[0]).toEqual(['Period start', 'Receipts', 'Receipts low', 'Receipts high', 'Outflows', 'Balance', 'Balance low', 'Gap']);
    expect(table[3]).toEqual([{ day: day('2026-12-14') }, 0, 0, 0, 2420, -1220, -1220, 'Gap']);
    expect(table.slice(1).filter((row) => row.at(-1) !== '')).toHaveLength(1);
  });

  it('starts the first week on the Monday after a Sunday as_of, leaving out what falls on as_of itself', () => {
    const rows: Cell[][] = [['Date', 'Amount'], ['2026-12-06', 10], ['2026-12-07', 20], ['2026-12-13', 40], ['2026-12-14', 80]];
    const table = readOutflows(rows, options);
    const starts = periodStarts(day('2026-12-06'), 'week', 2);
    expect(starts.map(isoDate)).toEqual(['2026-12-07', '2026-12-14', '2026-12-21']);
    expect(outflowsByPeriod(table, day('2026-12-06'), starts).get('USD')).toEqual(cents([60, 80]));
  });

  it('counts months as calendar months, a repeat on the 31st on a shorter month\'s last day, up to its end date', () => {
    const rows: Cell[][] = [
      ['Date', 'Amount', 'Repeat', 'End date'],
      ['2026-10-31', 1000, 'Monthly', '2027-02-28'],
      ['2026-12-15', 50, 'weekly', '2027-01-05'],
    ];
    const starts = periodStarts(day('2026-11-30'), 'month', 6);
    expect(starts.map(isoDate).slice(0, 3)).toEqual(['2026-12-01', '2027-01-01', '2027-02-01']);
    // 30 Nov is as_of (already paid); 31 Dec, 31 Jan, 28 Feb; nothing after the end date. Weekly: 15, 22, 29 Dec, 5 Jan.
    expect(outflowsByPeriod(readOutflows(rows, options), day('2026-11-30'), starts).get('USD')).toEqual(cents([1150, 1050, 1000, 0, 0, 0]));
  });
});

describe('currencies', () => {
  const open: Cell[][] = [
    ['Acme', 'A', '2026-11-05', '2026-12-05', 1000, 0, '', 'USD'],
    ['Müller GmbH', 'E', '2026-11-05', '2026-12-09', 700, 0, '', 'EUR'],
  ];
  const outflows: Cell[][] = [
    ['Date', 'Amount', 'Currency'],
    ['2026-12-08', 900, 'EUR'],
    ['2026-12-08', 100, 'usd'],
  ];

  it('never sums across currencies: each has its own rows, and the Currency column shows', () => {
    const inputs = inputsOf([...punctualHistory(), ...open], outflows, '2026-12-02', { USD: 50, EUR: 0 });
    const results = cashflow(inputs);
    expect(results.map((result) => result.currency)).toEqual(['EUR', 'USD']);
    const [eur, usd] = results;
    expect(eur.periods.slice(0, 2).map((period) => [period.receiptsCents, period.outflowsCents, period.balanceCents])).toEqual([[0, 0, 0], [70_000, 90_000, -20_000]]);
    expect(usd.periods.slice(0, 2).map((period) => [period.receiptsCents, period.outflowsCents, period.balanceCents])).toEqual([[100_000, 0, 105_000], [0, 10_000, 95_000]]);
    expect(findGap(eur)?.index).toBe(1);
    expect(findGap(usd)).toBeNull();
    const table = cashflowTable(results);
    expect(table[0]).toEqual(['Period start', 'Currency', 'Receipts', 'Receipts low', 'Receipts high', 'Outflows', 'Balance', 'Balance low', 'Gap']);
    expect(table.slice(1).map((row) => row[1])).toEqual([...Array(8).fill('EUR'), ...Array(8).fill('USD')]);
  });

  it('puts outflows that name no currency in the one the outflows name most, else the books\' own', () => {
    expect(readOutflows([['Date', 'Amount', 'Currency'], ['2026-12-08', 1, 'EUR'], ['2026-12-08', 2, '']], { ...options, currency: 'USD' }).outflows.map((outflow) => outflow.currency)).toEqual(['EUR', 'EUR']);
    expect(readOutflows([['Date', 'Amount'], ['2026-12-08', 1]], { ...options, currency: 'GBP' }).outflows[0].currency).toBe('GBP');
    expect(readOutflows([['Date', 'Amount'], ['2026-12-08', '1 500,00 ₽']], { ...options, locale: 'ru_RU', currency: 'USD' }).outflows[0]).toMatchObject({ currency: 'RUB', cents: 150_000 });
  });

  it('takes opening_balance as a number for one currency, as currency and amount rows for several, and refuses a number for several', () => {
    const conventions = localeConventions('en_US');
    expect(readOpeningBalances(1200.5, conventions, ['USD'])).toEqual(new Map([['USD', 120_050]]));
    expect(() => readOpeningBalances(1200, conventions, ['USD', 'EUR'])).toThrow('opening_balance is a single amount, but the books hold USD, EUR');
    expect(readOpeningBalances([['Currency', 'Amount'], ['usd', 10], ['EUR', '-5.25']], conventions, ['USD', 'EUR'])).toEqual(new Map([['USD', 1000], ['EUR', -525]]));
    expect(() => readOpeningBalances([['USD', 1], ['USD', 2]], conventions, ['USD'])).toThrow('names USD twice');
    expect(() => readOpeningBalances([['USD', 'lots']], conventions, ['USD'])).toThrow('opening_balance row 1 must be an amount; found "lots"');
  });
});

describe('Balance low from the cumulative receipts', () => {
  // Lateness from 0 to 40 days: each open invoice may come in over several weeks.
  const lateness = [0, 0, 2, 5, 5, 9, 10, 14, 15, 20, 21, 30, 35, 40];
  const history: Cell[][] = lateness.map((late, k) => {
    const due = day('2026-06-01') + 7 * k;
    return [`Customer ${k % 4}`, `H${k}`, isoDate(due - 30), isoDate(due), 100, 100, isoDate(due + late), 'USD'];
  });
  const open: Cell[][] = Array.from({ length: 8 }, (_, k) => [`Customer ${k % 4}`, `O${k}`, '2026-11-01', isoDate(day('2026-11-25') + 3 * k), 400 + 150 * k, 0, '', 'USD']);
  const outflowRows: Cell[][] = [['Date', 'Amount', 'Repeat'], ['2026-12-04', 900, 'weekly'], ['2026-12-18', 4500, '']];
  const inputs = inputsOf([...history, ...open], outflowRows, '2026-12-02', { USD: 3000 });

  /** The cumulative low computed afresh from each invoice's payment days: expected − 1.645 σ of the running total. */
  function independentLow(table: InvoiceTable, starts: readonly CalendarDay[]): number[] {
    const model = forecastModel(inputs.model);
    const periods = starts.length - 1;
    const expected = new Array<number>(periods).fill(0);
    const variance = new Array<number>(periods).fill(0);
    for (let i = 0; i < table.size; i++) {
      if (table.paidCents[i] >= table.amountCents[i]) continue;
      const open = table.amountCents[i] - table.paidCents[i];
      const byEnd = new Array<number>(periods).fill(0);
      paymentDays(model, table, i, (payday, probability) => {
        for (let k = 0; k < periods; k++) if (payday < starts[k + 1]) byEnd[k] += probability;
      });
      for (let k = 0; k < periods; k++) {
        expected[k] += open * byEnd[k];
        variance[k] += open * open * byEnd[k] * (1 - byEnd[k]);
      }
    }
    return expected.map((sum, k) => Math.max(0, sum - 1.645 * Math.sqrt(variance[k])));
  }

  it('takes the low end of the running total, not the weekly lows added up', () => {
    const [usd] = cashflow(inputs);
    const lows = independentLow(inputs.table, inputs.starts);
    let outflows = 0;
    let weeklyLows = 0;
    let differs = false;
    usd.periods.forEach((period, k) => {
      outflows += period.outflowsCents;
      weeklyLows += period.receiptsLowCents;
      // Whole cents apart at most: the table's expected amounts are rounded to add up to the open balance.
      expect(Math.abs(period.balanceLowCents - (300_000 + lows[k] - outflows))).toBeLessThanOrEqual(2);
      expect(period.balanceLowCents).toBeLessThanOrEqual(period.balanceCents);
      expect(period.balanceLowCents).toBeGreaterThanOrEqual(300_000 + weeklyLows - outflows);
      if (period.balanceLowCents > 300_000 + weeklyLows - outflows + 100) differs = true;
    });
    // The spread is real: some week's low is well above the weekly lows' sum.
    expect(differs).toBe(true);
    expect(usd.periods.some((period) => period.receiptsLowCents < period.receiptsCents)).toBe(true);
  });

  it('AR_COLLECT_FIRST: the shortest head of the ranking closes the gap, ranked by gain × how the customer answers reminders', () => {
    const results = cashflow(inputs);
    const gap = findGap(results[0]);
    expect(gap).not.toBeNull();
    const [answer] = collectFirst(inputs, results);
    expect(answer.gap).toEqual(gap);
    const list = answer.candidates;
    // More than one invoice is needed here, so the order matters.
    expect(list.length).toBeGreaterThan(1);
    for (let k = 1; k < list.length; k++) expect(list[k - 1].scoreCents).toBeGreaterThanOrEqual(list[k].scoreCents);
    for (const candidate of list) {
      expect(candidate.scoreCents).toBeCloseTo(candidate.gainCents * candidate.paysAfterReminders, 6);
      expect(candidate.chanceByGap).toBeLessThan(1);
      expect(candidate.gainCents).toBeGreaterThan(0);
    }

    // Had the listed invoices come in before the gap (cash at hand, no longer open), the gap's period is at the floor or above.
    const cameIn = (count: number): CashInputs => {
      const taken = new Set(list.slice(0, count).map((candidate) => candidate.row));
      const rows = [...history, ...open].filter((_, index) => !taken.has(index + 2));
      const extra = list.slice(0, count).reduce((sum, candidate) => sum + candidate.openCents, 0);
      return { ...inputsOf(rows, outflowRows, '2026-12-02', { USD: 3000 }), openingCents: new Map([['USD', 300_000 + extra]]) };
    };
    const after = cashflow(cameIn(list.length))[0].periods[answer.gap.index];
    if (answer.missingCents === 0) {
      expect(after.balanceLowCents).toBeGreaterThanOrEqual(-2);
      // One fewer would not have closed it.
      expect(cashflow(cameIn(list.length - 1))[0].periods[answer.gap.index].balanceLowCents).toBeLessThan(0);
    } else {
      expect(Math.abs(after.balanceLowCents + answer.missingCents)).toBeLessThanOrEqual(2);
    }
  });

  it('says what is still missing when even every open invoice would not close the gap', () => {
    const broke = { ...inputs, openingCents: new Map([['USD', -2_000_000]]) };
    const [answer] = collectFirst(broke);
    const open = answer.candidates.reduce((sum, candidate) => sum + candidate.openCents, 0);
    expect(answer.missingCents).toBeGreaterThan(0);
    expect(open).toBeLessThan(answer.gap.shortfallCents);
    const table = collectFirstTable([answer], false, 0);
    expect(table[0]).toEqual(['Customer', 'Invoice', 'Open', 'Due date', 'Expected payment', 'Chance by gap', 'Pays after reminders', 'Balance low gain']);
    expect(table.at(-1)?.slice(0, 3)).toEqual(['Still missing if all of these came in', '', Math.round(answer.missingCents) / 100]);
    expect(collectFirstTable([], false, 0)).toEqual([['No gap within the horizon: Balance low stays at or above the floor (0)']]);
  });
});

describe('AR_COLLECT_FIRST per currency', () => {
  it('lists only the currency with a gap, with the Currency column when the books hold several; never a credit note', () => {
    const lateness = [0, 3, 6, 9, 12, 15, 18, 21, 24, 27, 30];
    const history: Cell[][] = lateness.map((late, k) => ['Old', `H${k}`, '2026-05-01', isoDate(day('2026-06-01') + k), 100, 100, isoDate(day('2026-06-01') + k + late), k % 2 ? 'EUR' : 'USD']);
    const open: Cell[][] = [
      ['Acme', 'U1', '2026-11-01', '2026-12-08', 3000, 0, '', 'USD'],
      ['Acme', 'CN1', '2026-11-01', '2026-12-01', -500, 0, '', 'USD'],
      ['Müller', 'E1', '2026-11-01', '2026-12-08', 3000, 0, '', 'EUR'],
    ];
    const inputs = inputsOf([...history, ...open], [['Date', 'Amount', 'Currency'], ['2026-12-09', 2000, 'USD'], ['2026-12-09', 100, 'EUR']], '2026-12-02', { USD: 0, EUR: 200 });
    const answers = collectFirst(inputs);
    expect(answers.map((answer) => answer.currency)).toEqual(['USD']);
    expect(answers[0].candidates.map((candidate) => candidate.number)).toEqual(['U1']);
    const table = collectFirstTable(answers, true, 0);
    expect(table[0]).toEqual(['Customer', 'Invoice', 'Currency', 'Open', 'Due date', 'Expected payment', 'Chance by gap', 'Pays after reminders', 'Balance low gain']);
    expect(table[1].slice(0, 4)).toEqual(['Acme', 'U1', 'USD', 3000]);
    expect(table.at(-1)?.slice(0, 4)).toEqual(['Still missing if all of these came in', '', 'USD', answers[0].missingCents / 100]);
  });
});

describe('AR_COLLECT_FIRST ranking inputs', () => {
  it('counts how often a customer, once late, paid within 30 days of the due date: (soon + 1) ÷ (late + 2)', () => {
    const history: Cell[][] = [
      // Prompt: late three times, each within 30 days.
      ...[5, 12, 25].map((late, k): Cell[] => ['Prompt', `P${k}`, '2026-05-01', '2026-06-01', 100, 100, isoDate(day('2026-06-01') + late), 'USD']),
      // Drifter: late three times, twice beyond 30 days.
      ...[10, 45, 60].map((late, k): Cell[] => ['Drifter', `D${k}`, '2026-05-01', '2026-06-01', 100, 100, isoDate(day('2026-06-01') + late), 'USD']),
      ...Array.from({ length: 6 }, (_, k): Cell[] => ['Steady', `S${k}`, '2026-05-01', '2026-07-01', 100, 100, '2026-07-01', 'USD']),
    ];
    const open: Cell[][] = [
      ['Prompt', 'P9', '2026-11-01', '2026-12-20', 5000, 0, '', 'USD'],
      ['Drifter', 'D9', '2026-11-01', '2026-12-20', 5000, 0, '', 'USD'],
    ];
    const inputs = inputsOf([...history, ...open], [['Date', 'Amount'], ['2026-12-10', 20_000]], '2026-12-02', { USD: 1000 });
    const [answer] = collectFirst(inputs);
    const byCustomer = new Map(answer.candidates.map((candidate) => [candidate.customer, candidate]));
    expect(byCustomer.get('Prompt')?.paysAfterReminders).toBeCloseTo(4 / 5, 9);
    expect(byCustomer.get('Drifter')?.paysAfterReminders).toBeCloseTo(2 / 5, 9);
  });
});

describe('the outflows reader', () => {
  it('reads a schedule by its header below title lines, in Russian, with repeats in Russian words', () => {
    const rows: Cell[][] = [
      ['Платежный календарь'],
      [''],
      ['Дата', 'Получатель', 'Сумма', 'Валюта', 'Повтор', 'До'],
      ['15.12.2026', 'Аренда', '150 000,00', 'rub', 'ежемесячно', '15.03.2027'],
      ['04.12.2026', 'Зарплата', '80 000,00', '', 'Еженедельно', ''],
      ['01.01.2027', 'Страховка', '12 000,00', '', 'ежеквартально', ''],
      ['20.12.2026', 'Домен', '1 200,00', '', 'ежегодно', ''],
      ['Итого', '', '243 200,00', '', '', ''],
    ];
    const table = readOutflows(rows, { ...options, locale: 'ru_RU' });
    expect(table.kind).toBe('schedule');
    expect(table.unreadable).toEqual([]);
    expect(table.summaryRows).toBe(1);
    expect(table.outflows.map((outflow) => [outflow.row, outflow.payee, isoDate(outflow.day), outflow.cents, outflow.currency, outflow.repeat, Number.isNaN(outflow.endDay) ? '' : isoDate(outflow.endDay)])).toEqual([
      [4, 'Аренда', '2026-12-15', 15_000_000, 'RUB', 'monthly', '2027-03-15'],
      [5, 'Зарплата', '2026-12-04', 8_000_000, 'RUB', 'weekly', ''],
      [6, 'Страховка', '2027-01-01', 1_200_000, 'RUB', 'quarterly', ''],
      [7, 'Домен', '2026-12-20', 120_000, 'RUB', 'yearly', ''],
    ]);
  });

  it('counts and names the rows it cannot read, as AR_AGING does, and reads the rest', () => {
    const rows: Cell[][] = [
      ['Date', 'Payee', 'Amount', 'Repeat', 'Until'],
      ['next Friday', 'Landlord', 1500, '', ''],
      ['2026-12-10', 'Payroll', 'lots', '', ''],
      ['2026-12-10', 'Gym', 40, 'fortnightly', ''],
      ['2026-12-10', 'Lease', 300, 'monthly', '2026-11-01'],
      ['2026-12-10', 'Cleaner', '', '', ''],
      ['2026-12-11', 'Water', 25, '', ''],
      ['Total', '', 1865, '', ''],
    ];
    const table = readOutflows(rows, options);
    expect(table.unreadable.map((entry) => entry.reason)).toEqual([
      'row 2, column "Date": "next Friday" is not a date',
      'row 3, column "Amount": "lots" is not an amount',
      'row 4, column "Repeat": "fortnightly" is not a repeat: weekly, monthly, quarterly, yearly (еженедельно, ежемесячно, ежеквартально, ежегодно) or blank for once',
      'row 5, column "Until": "2026-11-01" is before the first date',
      'row 6, column "Amount": is empty (the row holds "2026-12-10", "Cleaner")',
    ]);
    expect(table.outflows.map((outflow) => outflow.payee)).toEqual(['Water']);
    expect(table.summaryRows).toBe(1);
  });

  it('takes "Amount (USD)" and "Сумма, руб." for amounts, and leaves out rows marked paid', () => {
    const english = readOutflows([['Payment date', 'Amount (USD)', 'Paid'], ['2026-12-10', 30, true], ['2026-12-11', 40, false], ['2026-12-12', 50, '']], options);
    expect(english.outflows.map((outflow) => [outflow.row, outflow.cents])).toEqual([[3, 4000], [4, 5000]]);
    const russian = readOutflows([['Дата платежа', 'Сумма, руб.', 'Статус'], ['10.12.2026', '1 000', 'Оплачено'], ['11.12.2026', '2 000', 'к оплате']], { ...options, locale: 'ru_RU' });
    expect(russian.outflows.map((outflow) => [outflow.row, outflow.cents])).toEqual([[3, 200_000]]);
  });

  it('takes a bill list\'s due date, not its date, for when the money goes out', () => {
    const table = readOutflows([['Date', 'Vendor', 'Due date', 'Amount'], ['2026-11-20', 'Paper Supply Co', '2026-12-20', 75]], options);
    expect(table.kind).toBe('schedule');
    expect(table.outflows.map((outflow) => [outflow.payee, isoDate(outflow.day)])).toEqual([['Paper Supply Co', '2026-12-20']]);
    // A number beside a single date: that date is the payment's, not a bill's due 30 days later.
    const numbered = readOutflows([['Date', 'Supplier', 'Invoice no', 'Amount'], ['2026-12-10', 'Paper Supply Co', 'B-7', 75]], options);
    expect(numbered.kind).toBe('schedule');
    expect(numbered.outflows.map((outflow) => [outflow.payee, isoDate(outflow.day), outflow.cents])).toEqual([['Paper Supply Co', '2026-12-10', 7500]]);
  });

  it('refuses a range with no date and amount header, naming what it found', () => {
    expect(() => readOutflows([['Who', 'How much'], ['Landlord', 5]], options)).toThrow(/no header row with a date and an amount column .* \(first row: Who, How much\)/);
  });

  const fixture = (name: string): Cell[][] => Papa.parse<string[]>(readFileSync(join(__dirname, '../fixtures/exports', name), 'utf8'), { skipEmptyLines: false }).data;
  const listed = (rows: Cell[][], locale = 'en_US') => {
    const table = readOutflows(rows, { ...options, locale });
    expect(table.kind).toBe('payables');
    expect(table.unreadable).toEqual([]);
    return table.outflows.map((outflow) => [outflow.row, outflow.payee, isoDate(outflow.day), outflow.cents, outflow.currency, outflow.owed]);
  };

  it('reads QuickBooks Desktop A/P Aging Detail: sections and totals left out, a vendor credit set against that vendor\'s earliest bill', () => {
    expect(listed(fixture('quickbooks-desktop-ap-aging-detail.csv'))).toEqual([
      [4, 'Office Rentals LLC', '2026-12-20', 240_000, 'USD', true],
      [5, 'Paper Supply Co', '2026-12-09', 31_540, 'USD', true],
      [8, 'Paper Supply Co', '2026-11-04', 40_000, 'USD', true],
      [14, 'Cloud Hosting Inc', '2026-08-31', 19_900, 'USD', true],
    ]);
  });

  it('reads QuickBooks Online A/P Aging Detail by its Vendor column', () => {
    const rows: Cell[][] = [
      ['Craig\'s Design and Landscaping Services'],
      ['A/P Aging Detail'],
      ['As of November 25, 2026'],
      [''],
      ['Date', 'Transaction Type', 'Num', 'Vendor', 'Due Date', 'Past Due', 'Amount', 'Open Balance'],
      ['Current'],
      ['11/20/2026', 'Bill', '', 'Norton Lumber and Building Materials', '12/20/2026', -25, '205.00', '205.00'],
      ['Total for Current', '', '', '', '', '', '205.00', '205.00'],
      ['1 - 30 days past due'],
      ['10/28/2026', 'Bill', '5478', 'Robertson & Associates', '11/07/2026', 18, '315.00', '315.00'],
      ['Total for 1 - 30 days past due', '', '', '', '', '', '315.00', '315.00'],
      ['TOTAL', '', '', '', '', '', '520.00', '520.00'],
    ];
    expect(listed(rows)).toEqual([
      [7, 'Norton Lumber and Building Materials', '2026-12-20', 20_500, 'USD', true],
      [10, 'Robertson & Associates', '2026-11-07', 31_500, 'USD', true],
    ]);
  });

  it('reads Xero Aged Payables Detail: contacts as headings, "Total <contact>", Total and "Percentage of total" left out', () => {
    expect(listed(fixture('xero-aged-payables-detail.csv'))).toEqual([
      [8, 'ABC Furniture', '2026-12-10', 125_000, 'USD', true],
      [11, 'PowerDirect', '2026-11-19', 10_860, 'USD', true],
      [12, 'PowerDirect', '2026-10-01', 9_620, 'USD', true],
    ]);
  });

  it('reads 1C "ОСВ по счету 60": the supplier is owed the closing credit less the debit; an advance on 60.02 lowers the bill; due 30 days after the document', () => {
    expect(listed(fixture('1c-osv-60.csv'), 'ru_RU')).toEqual([
      [14, 'ООО «Поставщик»', '2026-12-12', 8_500_000, 'RUB', true],
      [17, 'ООО «Энергосбыт»', '2026-12-20', 3_000_000, 'RUB', true],
    ]);
  });

  it('pays an open bill due by as_of in the first period, and one due beyond the horizon never', () => {
    const table = readOutflows(fixture('quickbooks-desktop-ap-aging-detail.csv'), options);
    const starts = periodStarts(day('2026-11-25'), 'week', 4);
    // Week of 23 Nov: the overdue 400.00 and 199.00; week of 7 Dec: 315.40; 20 Dec is the Sunday of the week of 14 Dec.
    expect(outflowsByPeriod(table, day('2026-11-25'), starts).get('USD')).toEqual([59_900, 0, 31_540, 240_000]);
    expect(outflowsByPeriod(table, day('2026-11-25'), periodStarts(day('2026-11-25'), 'week', 1)).get('USD')).toEqual([59_900]);
  });
});

describe('the policy\'s Cash section', () => {
  it('is optional with defaults, so an older stored policy parses; and refuses what the daily run could not use', () => {
    const parsed = validatePolicy({ version: POLICY_VERSION });
    expect(parsed.ok && parsed.policy.cash).toEqual({ floor: 0, horizonWeeks: 8, openingBalances: {}, outflowsRange: '' });
    const problems = (cash: unknown) => {
      const result = validatePolicy({ version: POLICY_VERSION, cash });
      return result.ok ? [] : result.problems.map((problem) => `${problem.field}: ${problem.message}`);
    };
    expect(problems({ floor: -500, horizonWeeks: 12, openingBalances: { USD: 12000.5, EUR: -250 }, outflowsRange: "'Cash out'!A1:F200" })).toEqual([]);
    expect(problems({ outflowsRange: 'A1:F200' })).toEqual(['cash.outflowsRange: must be a range with its sheet, such as Outflows!A1:F200']);
    expect(problems({ horizonWeeks: 0 })).toEqual(['cash.horizonWeeks: must be 1 or more']);
    expect(problems({ openingBalances: { usd: 1 } })).toHaveLength(1);
  });
});
