import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { loadAddon, savePolicy, type Addon } from '../support/addon';

const header = ['Customer', 'Invoice', 'Invoice date', 'Due date', 'Amount', 'Paid date', 'Currency'];

/** A book with a spread of lateness, open invoices in two currencies; as of Wednesday 2 December 2026. */
function book(addon: Addon, currencies: string[] = ['USD']): unknown[][] {
  const rows: unknown[][] = [header];
  const late = [0, 3, 7, 12, 20, 0, 5, 9, 30, 14, 2, 25];
  for (let m = 1; m <= 12; m++) {
    const due = `2026-${String(((m - 1) % 10) + 1).padStart(2, '0')}-15`;
    const paid = new Date(Date.parse(`${due}T00:00:00Z`) + late[m - 1] * 86_400_000).toISOString().slice(0, 10);
    rows.push([`Customer ${m % 3}`, `H${m}`, '2026-01-01', due, 100, paid, currencies[0]]);
  }
  currencies.forEach((currency, c) => {
    for (let k = 0; k < 5; k++) {
      const due = new Date(Date.parse('2026-11-28T00:00:00Z') + (5 * k + c) * 86_400_000).toISOString().slice(0, 10);
      rows.push([`Customer ${k % 3}`, `${currency}${k}`, '2026-11-01', due, 1000 + 250 * k, '', currency]);
    }
  });
  return addon.table(rows);
}

const asDay = (value: unknown) => (value as Date).toISOString().slice(0, 10);
/** A column of the period rows (the notes below them aside). */
const column = (table: unknown[][], name: string) => table.slice(1).filter((row) => typeof row[0] === 'object').map((row) => row[table[0].indexOf(name)]);

describe('AR_CASHFLOW on the built add-on', () => {
  it('gives per period exactly the Receipts, Low and High AR_FORECAST gives for the same arguments, weeks and months', () => {
    const addon = loadAddon({ timeZone: 'UTC' });
    const invoices = book(addon);
    const outflows = addon.table([['Date', 'Payee', 'Amount'], ['2026-12-10', 'Landlord', 2000]]);
    for (const args of [['2026-12-02'], ['2026-12-02', 'month', 3], ['2026-12-02', 'week', 12]] as unknown[][]) {
      const forecast = (addon.call('AR_FORECAST', invoices, ...args) as unknown[][]).filter((row) => row[0] !== 'Later');
      const cash = addon.call('AR_CASHFLOW', invoices, outflows, 5000, ...args) as unknown[][];
      expect(cash[0]).toEqual(['Period start', 'Receipts', 'Receipts low', 'Receipts high', 'Outflows', 'Balance', 'Balance low', 'Gap']);
      expect(cash.slice(1).map((row) => [asDay(row[0]), row[1], row[2], row[3]])).toEqual(forecast.slice(1).map((row) => [asDay(row[0]), row[1], row[2], row[3]]));
    }
  });

  it('adds up the balance from the opening balance, marks only the first period below the floor set in the sidebar, and never mixes currencies', () => {
    const addon = loadAddon({ timeZone: 'UTC' });
    const invoices = book(addon, ['EUR', 'USD']);
    const outflows = addon.table([
      ['Date', 'Payee', 'Amount', 'Currency', 'Repeat', 'Until'],
      ['2026-12-04', 'Payroll', 1500, 'USD', 'weekly', '2027-01-08'],
      ['2026-12-15', 'Landlord', 2500, 'EUR', 'monthly', ''],
    ]);
    const opening = [['Currency', 'Amount'], ['USD', 2000], ['EUR', 1000]];
    const cash = addon.call('AR_CASHFLOW', invoices, outflows, opening, '2026-12-02') as unknown[][];
    expect(cash[0]).toEqual(['Period start', 'Currency', 'Receipts', 'Receipts low', 'Receipts high', 'Outflows', 'Balance', 'Balance low', 'Gap']);
    for (const currency of ['EUR', 'USD']) {
      const rows = cash.filter((row) => row[1] === currency);
      expect(rows).toHaveLength(8);
      let balance = currency === 'USD' ? 2000 : 1000;
      for (const row of rows) {
        balance += (row[2] as number) - (row[5] as number);
        expect(row[6]).toBeCloseTo(balance, 2);
        expect(row[7] as number).toBeLessThanOrEqual(row[6] as number);
      }
      const firstBelow = rows.findIndex((row) => (row[7] as number) < 0);
      expect(rows.map((row) => row[8])).toEqual(rows.map((_, k) => (k === firstBelow ? 'Gap' : '')));
    }
    expect(cash.filter((row) => row[1] === 'USD').map((row) => row[5])).toEqual([1500, 1500, 1500, 1500, 1500, 1500, 0, 0]);
    expect(cash.filter((row) => row[1] === 'EUR').map((row) => row[5])).toEqual([0, 0, 2500, 0, 0, 0, 2500, 0]);

    // A floor above every Balance low: the gap is the first week.
    savePolicy(addon, { cash: { floor: 1_000_000 } });
    const floored = addon.call('AR_CASHFLOW', invoices, outflows, opening, '2026-12-02') as unknown[][];
    expect(floored.slice(1).filter((row) => row[8] === 'Gap').map((row) => [asDay(row[0]), row[1]])).toEqual([['2026-11-30', 'EUR'], ['2026-11-30', 'USD']]);
  });

  it('takes the opening balances set in the sidebar when the argument is blank, and refuses one number for two currencies', () => {
    const addon = loadAddon({ timeZone: 'UTC' });
    const invoices = book(addon, ['EUR', 'USD']);
    const outflows = addon.table([['Date', 'Amount', 'Currency'], ['2026-12-10', 10, 'USD']]);
    expect(() => addon.call('AR_CASHFLOW', invoices, outflows, '', '2026-12-02')).toThrow('AR_CASHFLOW: opening_balance is empty and none is set in the sidebar');
    expect(() => addon.call('AR_CASHFLOW', invoices, outflows, 100, '2026-12-02')).toThrow('AR_CASHFLOW: opening_balance is a single amount, but the books hold');
    savePolicy(addon, { cash: { openingBalances: { USD: 300, EUR: 40 } } });
    const cash = addon.call('AR_CASHFLOW', invoices, outflows, '', '2026-12-02') as unknown[][];
    const first = (currency: string) => cash.find((row) => row[1] === currency)!;
    expect((first('USD')[6] as number) - (first('USD')[2] as number) + (first('USD')[5] as number)).toBeCloseTo(300, 2);
    expect((first('EUR')[6] as number) - (first('EUR')[2] as number)).toBeCloseTo(40, 2);
  });

  it('names the outflow rows it cannot read below the table, and counts totals left out', () => {
    const addon = loadAddon({ timeZone: 'UTC' });
    const outflows = addon.table([['Date', 'Amount'], ['2026-12-10', 'lots'], ['2026-12-11', 25], ['Total', 25]]);
    const cash = addon.call('AR_CASHFLOW', book(addon), outflows, 0, '2026-12-02') as unknown[][];
    expect(cash.slice(-2).map((row) => row[0])).toEqual(['Outflows: Skipped 1 unreadable row: row 2, column "Amount": "lots" is not an amount', 'Outflows: Ignored 1 total row (Total, Subtotal, Итого): not counted']);
    expect(cash.slice(-2).every((row) => row.slice(1).every((cell) => cell === ''))).toBe(true);
    expect(column(cash, 'Outflows')).toEqual([0, 25, 0, 0, 0, 0, 0, 0]);
  });

  const fixture = (name: string): unknown[][] => Papa.parse<string[]>(readFileSync(join(__dirname, '../fixtures/exports', name), 'utf8'), { skipEmptyLines: false }).data;

  it('reads payables exports as outflows: QuickBooks A/P Aging Detail, Xero Aged Payables Detail, 1C ОСВ по счету 60', () => {
    const addon = loadAddon({ timeZone: 'UTC' });
    const invoices = book(addon);
    // As of Wednesday 25 November 2026: overdue bills fall in the first week.
    const quickbooks = addon.call('AR_CASHFLOW', invoices, fixture('quickbooks-desktop-ap-aging-detail.csv'), 0, '2026-11-25', 'week', 4) as unknown[][];
    expect(column(quickbooks, 'Outflows')).toEqual([599, 0, 315.4, 2400]);
    const xero = addon.call('AR_CASHFLOW', invoices, fixture('xero-aged-payables-detail.csv'), 0, '2026-11-25', 'week', 4) as unknown[][];
    expect(column(xero, 'Outflows')).toEqual([204.8, 0, 1250, 0]);

    const russian = loadAddon({ timeZone: 'Europe/Moscow', locale: 'ru_RU' });
    const rubBook = book(russian, ['RUB']);
    const oneC = russian.call('AR_CASHFLOW', rubBook, fixture('1c-osv-60.csv'), 0, '2026-11-25', 'week', 5) as unknown[][];
    expect(oneC[0]).not.toContain('Currency');
    // 12 December (90 000 less the 5 000 advance) and 20 December (30 000), each the document's date plus 30 days.
    expect(column(oneC, 'Outflows')).toEqual([0, 0, 85_000, 30_000, 0]);
  });

  it('reads outflow dates and returns period starts as dates in the spreadsheet zone, a Sunday in the week it ends', () => {
    const addon = loadAddon({ timeZone: 'Pacific/Auckland' });
    const cash = addon.call('AR_CASHFLOW', book(addon), addon.table([['Date', 'Amount'], ['2026-12-06', 1], ['2026-12-07', 2], ['2026-12-02', 4]]), 0, '2026-12-02') as unknown[][];
    expect(cash[1][0]).toEqual(addon.date('2026-11-30'));
    // Sunday 6 December ends the first week; 2 December is as_of itself, paid already.
    expect(column(cash, 'Outflows').slice(0, 2)).toEqual([1, 2]);
  });

  it('names the invoice rows it cannot read too', () => {
    const addon = loadAddon({ timeZone: 'UTC' });
    const invoices = [...book(addon), addon.table([['Customer 1', 'X1', '2026-11-01', 'soon', 100, '', 'USD']])[0]];
    const cash = addon.call('AR_CASHFLOW', invoices, '', 100, '2026-12-02') as unknown[][];
    expect(cash.at(-1)![0]).toBe(`Invoices: Skipped 1 unreadable row: row ${invoices.length}, column "Due date": "soon" is not a date`);
  });

  it('takes no outflows at all when the argument is left out', () => {
    const addon = loadAddon({ timeZone: 'UTC' });
    const cash = addon.call('AR_CASHFLOW', book(addon), '', 100, '2026-12-02') as unknown[][];
    expect(column(cash, 'Outflows')).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(() => addon.call('AR_CASHFLOW', book(addon), 'Outflows!A1:F', 100, '2026-12-02')).toThrow('AR_CASHFLOW: outflows must be a range with a header row');
  });
});

describe('AR_COLLECT_FIRST on the built add-on', () => {
  it('lists invoices to chase before the gap, best first, and what would still be missing; says so when there is no gap', () => {
    const addon = loadAddon({ timeZone: 'UTC' });
    const invoices = book(addon);
    const outflows = addon.table([['Date', 'Amount'], ['2026-12-09', 4000]]);
    const list = addon.call('AR_COLLECT_FIRST', invoices, outflows, 500, '2026-12-02') as unknown[][];
    expect(list[0]).toEqual(['Customer', 'Invoice', 'Open', 'Due date', 'Expected payment', 'Chance by gap', 'Pays after reminders', 'Balance low gain']);
    const rows = list.slice(1, -1);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(String(row[1])).toMatch(/^USD\d$/);
      expect(asDay(row[3])).toMatch(/^2026-1[12]-\d\d$/);
      expect((row[5] as number) < 1 && (row[7] as number) > 0).toBe(true);
    }
    const scores = rows.map((row) => (row[7] as number) * (row[6] as number));
    for (let k = 1; k < scores.length; k++) expect(scores[k - 1]).toBeGreaterThanOrEqual(scores[k] - 0.01);
    expect(list.at(-1)![0]).toBe('Still missing if all of these came in');
    expect(typeof list.at(-1)![2]).toBe('number');

    expect(addon.call('AR_COLLECT_FIRST', invoices, outflows, 1_000_000, '2026-12-02')).toEqual([['No gap within the horizon: Balance low stays at or above the floor (0)']]);
  });
});
