import { describe, expect, it } from 'vitest';
import { loadAddon, type Addon } from '../support/addon';

const header = ['Customer', 'Invoice date', 'Due date', 'Amount', 'Paid date', 'Currency', 'Disputed'];

/** A customer who pays about 10 days late, one who pays on time, a newcomer; as of 2026-03-31. */
function history(addon: Addon, extra: unknown[][] = []): unknown[][] {
  const rows: unknown[][] = [header];
  for (let m = 1; m <= 10; m++) {
    const month = String(m).padStart(2, '0');
    rows.push(['Late Ltd', `2025-${month}-01`, `2025-${month}-15`, 100, `2025-${month}-25`, 'USD', 'No']);
    rows.push(['Prompt plc', `2025-${month}-01`, `2025-${month}-15`, 100, `2025-${month}-15`, 'USD', 'No']);
  }
  return addon.table([...rows, ...extra]);
}

const asDay = (value: unknown) => (value as Date).toISOString().slice(0, 10);

describe('AR_EXPECTED_DATE', () => {
  it("learns each customer's lateness and never answers on or before as_of", () => {
    const addon = loadAddon({ timeZone: 'UTC' });
    const invoices = history(addon, [
      ['Late Ltd', '2026-03-20', '2026-04-10', 500, '', 'USD', 'No'],
      ['Prompt plc', '2026-03-20', '2026-04-10', 500, '', 'USD', 'No'],
      ['Newcomer', '2026-03-20', '2026-04-10', 500, '', 'USD', 'No'],
      ['Prompt plc', '2026-02-01', '2026-03-01', 500, '', 'USD', 'No'],
      ['Late Ltd', '2025-12-01', '2025-12-15', 500, '2025-12-20', 'USD', 'No'],
    ]);
    const column = addon.call('AR_EXPECTED_DATE', invoices, '2026-03-31') as unknown[][];
    expect(column).toHaveLength(invoices.length);
    expect(column[0]).toEqual(['Expected payment']);
    const [late, prompt, newcomer, overdue, paid] = column.slice(-5).map((row) => row[0]);
    expect(asDay(prompt)).toBe('2026-04-10');
    expect(asDay(late) > '2026-04-17' && asDay(late) < '2026-04-24').toBe(true);
    // The newcomer is expected somewhere between the two known habits.
    expect(asDay(newcomer) >= asDay(prompt) && asDay(newcomer) <= asDay(late)).toBe(true);
    // Overdue by 30 days and still unpaid: expected after as_of, not on its old due date.
    expect(asDay(overdue) > '2026-03-31').toBe(true);
    expect(paid).toBe('');
  });

  it('returns dates as midnight in the spreadsheet zone', () => {
    const addon = loadAddon({ timeZone: 'Pacific/Auckland' });
    const invoices = history(addon, [['Prompt plc', '2026-03-20', '2026-04-10', 500, '', 'USD', 'No']]);
    const date = (addon.call('AR_EXPECTED_DATE', invoices, '2026-03-31') as unknown[][]).at(-1)![0] as Date;
    expect(date).toEqual(addon.date('2026-04-10'));
  });

  it('expects a disputed invoice later, learned across the book', () => {
    const addon = loadAddon({ timeZone: 'UTC' });
    const disputedHistory: unknown[][] = [];
    for (let m = 1; m <= 10; m++) {
      const month = String(m).padStart(2, '0');
      disputedHistory.push([`Other ${m}`, `2025-${month}-01`, `2025-${month}-15`, 100, `2025-${month}-28`, 'USD', 'Yes']);
    }
    const invoices = history(addon, [...disputedHistory, ['Prompt plc', '2026-03-20', '2026-04-10', 500, '', 'USD', 'No'], ['Prompt plc', '2026-03-20', '2026-04-10', 500, '', 'USD', 'Yes']]);
    const [plain, disputed] = (addon.call('AR_EXPECTED_DATE', invoices, '2026-03-31') as unknown[][]).slice(-2).map((row) => asDay(row[0]));
    expect(disputed > plain).toBe(true);
  });

  it('works with a single paid invoice, with nothing paid yet, and as of before every invoice', () => {
    const addon = loadAddon({ timeZone: 'UTC' });
    const single = addon.table([header, ['Acme', '2026-01-01', '2026-01-31', 100, '2026-02-05', 'USD', ''], ['Acme', '2026-03-01', '2026-03-31', 100, '', 'USD', '']]);
    expect(asDay((addon.call('AR_EXPECTED_DATE', single, '2026-03-15') as unknown[][])[2][0])).toMatch(/^2026-0[34]-/);
    const unpaid = addon.table([header, ['Acme', '2026-03-01', '2026-03-31', 100, '', 'USD', ''], ['Acme', '2026-01-01', '2026-01-31', 100, '', 'USD', '']]);
    const [notDue, overdue] = (addon.call('AR_EXPECTED_DATE', unpaid, '2026-03-15') as unknown[][]).slice(1).map((row) => asDay(row[0]));
    expect(notDue).toBe('2026-03-31');
    expect(overdue > '2026-03-15').toBe(true);
    expect(addon.call('AR_EXPECTED_DATE', unpaid, '2025-12-01')).toEqual([['Expected payment'], [''], ['']]);
  });
});

describe('AR_FORECAST', () => {
  it('adds up, with the Later row, to the open balance to the cent, per currency, crediting credit notes', () => {
    const addon = loadAddon({ timeZone: 'UTC' });
    const invoices = history(addon, [
      ['Late Ltd', '2026-03-20', '2026-04-10', 500.01, '', 'USD', 'No'],
      ['Prompt plc', '2026-03-20', '2026-04-10', 333.33, '', 'USD', 'No'],
      ['Prompt plc', '2026-03-25', '2026-03-25', -33.33, '', 'USD', 'No'],
      ['Newcomer', '2026-03-20', '2026-09-10', 1000, '', 'EUR', 'No'],
      ['Newcomer', '2026-03-20', '2026-04-10', 0.03, '', 'EUR', 'No'],
    ]);
    const table = addon.call('AR_FORECAST', invoices, '2026-03-31') as unknown[][];
    expect(table[0]).toEqual(['Period start', 'Currency', 'Expected', 'Low', 'High']);
    const total = (currency: string) => Math.round(table.filter((row) => row[1] === currency).reduce((sum, row) => sum + (row[2] as number) * 100, 0));
    expect(total('USD')).toBe(80001);
    expect(total('EUR')).toBe(100003);
    const later = table.filter((row) => row[0] === 'Later');
    expect(later.map((row) => row[1])).toEqual(['EUR', 'USD']);
    expect(later[0][2]).toBe(1000);
    const weeks = table.filter((row) => row[1] === 'USD' && row[0] !== 'Later');
    expect(weeks).toHaveLength(8);
    // Weeks run Monday to Sunday; the first holds the day after as_of (Wednesday 1 April 2026).
    expect(asDay(weeks[0][0])).toBe('2026-03-30');
    for (const [, , expected, low, high] of weeks) expect((low as number) <= (expected as number) && (expected as number) <= (high as number)).toBe(true);
  });

  it('gives an honest range, never low = high = expected, to a book with no paid history yet', () => {
    const addon = loadAddon({ timeZone: 'UTC' });
    const invoices = addon.table([header, ['New Co', '2026-03-20', '2026-04-10', 800, '', 'USD', 'No'], ['Other Co', '2026-03-25', '2026-04-24', 400, '', 'USD', 'No']]);
    const [head, ...rows] = addon.call('AR_FORECAST', invoices, '2026-03-31') as unknown[][];
    const [expected, low, high] = ['Expected', 'Low', 'High'].map((name) => head.indexOf(name));
    const withMoney = rows.filter((row) => row[0] !== 'Later' && (row[expected] as number) > 0);
    // The money is spread over weeks around the due dates, each with a range around it.
    expect(withMoney.length).toBeGreaterThan(2);
    for (const row of withMoney) {
      expect(row[low] as number).toBeLessThan(row[expected] as number);
      expect(row[high] as number).toBeGreaterThan(row[expected] as number);
    }
    expect(Math.round(rows.reduce((sum, row) => sum + (row[expected] as number) * 100, 0))).toBe(120000);
  });

  it('forecasts by month over a chosen horizon, without a currency column for one currency', () => {
    const addon = loadAddon({ timeZone: 'UTC' });
    const invoices = history(addon, [['Late Ltd', '2026-03-20', '2026-04-10', 500, '', 'USD', 'No']]);
    const table = addon.call('AR_FORECAST', invoices, '2026-03-31', 'month', 3) as unknown[][];
    expect(table.map((row) => (typeof row[0] === 'object' ? asDay(row[0]) : row[0]))).toEqual(['Period start', '2026-04-01', '2026-05-01', '2026-06-01', 'Later']);
    expect(table[1][1]).toBe(500);
    expect(() => addon.call('AR_FORECAST', invoices, '', 'year')).toThrow('AR_FORECAST: period must be "week" or "month"; found "year"');
    expect(() => addon.call('AR_FORECAST', invoices, '', 'week', 0)).toThrow('AR_FORECAST: horizon must be a whole number of periods from 1 to 260; found 0');
  });
});

describe('AR_CUSTOMERS', () => {
  it('ranks customers by risk with their payment habits', () => {
    const addon = loadAddon({ timeZone: 'UTC' });
    const invoices = history(addon, [
      ['Late Ltd', '2026-01-01', '2026-01-15', 250, '', 'USD', 'No'],
      ['Prompt plc', '2026-03-20', '2026-04-10', 100, '', 'USD', 'No'],
    ]);
    const table = addon.call('AR_CUSTOMERS', invoices, '2026-03-31') as unknown[][];
    expect(table[0]).toEqual(['Customer', 'Open balance', 'Overdue', 'Oldest overdue (days)', 'Paid invoices', 'Avg days late', 'Paid late', 'Trend', 'Next payment expected', 'Risk']);
    const [late, prompt] = table.slice(1);
    expect(late.slice(0, 8)).toEqual(['Late Ltd', 250, 250, 75, 10, 10, 1, 'steady']);
    expect(late[9]).toBe('D');
    expect(prompt.slice(0, 8)).toEqual(['Prompt plc', 100, 0, 0, 10, 0, 0, 'steady']);
    expect(asDay(prompt[8])).toBe('2026-04-10');
    expect(prompt[9]).toBe('A');
  });
});

describe('collection figures', () => {
  // Invoiced in the 90 days to 31 March: 1000 + 500; open at 31 March: 400 overdue + 500 not due;
  // open at 1 January (opening): 300, of which 200 was paid in the period.
  const rows = [
    ['Customer', 'Invoice date', 'Due date', 'Amount', 'Paid', 'Paid date'],
    ['Acme', '2025-12-01', '2025-12-31', 300, 200, '2026-02-01'],
    ['Acme', '2026-02-01', '2026-03-01', 1000, 900, '2026-03-10'],
    ['Acme', '2026-03-20', '2026-04-20', 500, '', ''],
  ];

  it('computes DSO, best DSO, ADD and CEI by their formulas', () => {
    const addon = loadAddon({ timeZone: 'UTC' });
    const invoices = addon.table(rows);
    const closing = 100 + 100 + 500;
    expect(addon.call('AR_DSO', invoices, '2026-03-31')).toBeCloseTo((closing / 1500) * 90, 2);
    expect(addon.call('AR_BEST_DSO', invoices, '2026-03-31')).toBeCloseTo((500 / 1500) * 90, 2);
    expect(addon.call('AR_ADD', invoices, '2026-03-31')).toBeCloseTo((200 / 1500) * 90, 2);
    expect(addon.call('AR_CEI', invoices, '2026-03-31')).toBeCloseTo(((300 + 1500 - closing) / (300 + 1500 - 500)) * 100, 2);
    expect(addon.call('AR_DSO', invoices, '2026-03-31', 30)).toBeCloseTo((closing / 500) * 30, 2);
  });

  it('says when a figure has nothing to divide by, and rejects a bad period', () => {
    const addon = loadAddon({ timeZone: 'UTC' });
    const invoices = addon.table(rows);
    expect(addon.call('AR_DSO', invoices, '2027-12-31')).toBe('nothing invoiced in the period');
    expect(() => addon.call('AR_DSO', invoices, '', 'ninety')).toThrow('AR_DSO: days must be a whole number of days from 1 to 3660; found "ninety"');
  });

  it('gives a row per currency when there are two', () => {
    const addon = loadAddon({ timeZone: 'UTC' });
    const invoices = addon.table([
      ['Customer', 'Invoice date', 'Due date', 'Amount', 'Currency'],
      ['Acme', '2026-03-01', '2026-03-31', 100, 'USD'],
      ['Acme', '2026-03-01', '2026-04-30', 100, 'EUR'],
    ]);
    expect(addon.call('AR_BEST_DSO', invoices, '2026-03-31')).toEqual([
      ['Currency', 'Best DSO'],
      ['EUR', 90],
      ['USD', 90],
    ]);
  });
});
