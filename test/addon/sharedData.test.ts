// The aging of real receivables history (../shared/data), checked against
// totals this test computes from the CSV rows by itself.
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { importCsv } from '../../runtime/workbook';
import { hasSharedData, loadAddon, sharedInvoicesCsv } from '../support/addon';

describe.skipIf(!hasSharedData)('aging of ../shared/data/ar-invoices-train.csv as of 2013-03-31', () => {
  it('matches bucket totals computed straight from the rows', () => {
    const text = readFileSync(sharedInvoicesCsv, 'utf8');
    const addon = loadAddon({ timeZone: 'America/Los_Angeles', locale: 'en_US' });
    const sheet = addon.spreadsheet.addSheet('Invoices', importCsv(text, 'America/Los_Angeles', 'en_US'));

    // Independent expectation: M/D/YYYY strings, amounts in cents.
    const rows = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
    const toDay = (mdy: string) => {
      const [m, d, y] = mdy.split('/').map(Number);
      return Date.UTC(y, m - 1, d) / 864e5;
    };
    const asOf = Date.UTC(2013, 2, 31) / 864e5;
    const expected = [0, 0, 0, 0, 0];
    for (const row of rows) {
      if (toDay(row.InvoiceDate) > asOf || toDay(row.SettledDate) <= asOf) continue;
      const late = asOf - toDay(row.DueDate);
      const bucket = late <= 0 ? 0 : late <= 30 ? 1 : late <= 60 ? 2 : late <= 90 ? 3 : 4;
      expected[bucket] += Math.round(Number(row.InvoiceAmount) * 100);
    }
    const total = expected.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(0);

    const range = sheet.face().getDataRange().getValues();
    const report = addon.call('AR_AGING', range, '2013-03-31') as unknown[][];
    expect(report[0]).toEqual(['Customer', 'Not due (USD)', '1–30 (USD)', '31–60 (USD)', '61–90 (USD)', '90+ (USD)', 'Total (USD)']);
    expect(report.at(-1)).toEqual(['Total', ...expected.map((cents) => cents / 100), total / 100]);
    expect(report.some((row) => String(row[0]).startsWith('Skipped'))).toBe(false);
  });

  it('forecasts every open invoice after as_of and collections that add up to the open balance', () => {
    const text = readFileSync(sharedInvoicesCsv, 'utf8');
    const addon = loadAddon({ timeZone: 'America/Los_Angeles', locale: 'en_US' });
    const range = addon.spreadsheet.addSheet('Invoices', importCsv(text, 'America/Los_Angeles', 'en_US')).face().getDataRange().getValues();
    const asOf = addon.date('2013-03-31');
    const expected = (addon.call('AR_EXPECTED_DATE', range, asOf) as unknown[][]).slice(1).map((row) => row[0]);
    const dates = expected.filter((cell) => cell !== '') as Date[];
    expect(dates.length).toBeGreaterThan(50);
    expect(dates.every((date) => date.getTime() > asOf.getTime())).toBe(true);

    const aging = addon.call('AR_AGING', range, asOf) as unknown[][];
    const open = Math.round((aging.at(-1)!.at(-1) as number) * 100);
    const forecast = addon.call('AR_FORECAST', range, asOf) as unknown[][];
    expect(Math.round(forecast.slice(1).reduce((sum, row) => sum + (row[1] as number) * 100, 0))).toBe(open);
    const customers = addon.call('AR_CUSTOMERS', range, asOf) as unknown[][];
    expect(customers.length - 1).toBe(new Set(range.slice(1).map((row) => row[1])).size);
  });
});
