// AR_CREDIT_STATUS: each customer's use of their credit limit and the holds the policy puts on them.
import { describe, expect, it } from 'vitest';
import { zonedInstant } from '../../runtime/index';
import { loadAddon, savePolicy, storedRows } from '../support/addon';

const INVOICES = [
  ['Customer', 'Invoice No', 'Invoice date', 'Due date', 'Amount', 'Paid', 'Currency'],
  ['Acme', 'A-1', '2026-02-01', '2026-03-02', 1000, '', 'USD'],
  ['Globex', 'G-1', '2025-12-01', '2025-12-31', 500, '', 'USD'],
  ['Initech', 'I-1', '2026-02-01', '2026-03-01', 300, '', 'USD'],
  ['Hooli', 'H-1', '2026-03-01', '2026-03-31', 100, '', 'USD'],
  ['Hooli', 'H-0', '2026-01-01', '2026-01-31', 700, 700, 'USD'],
  ['Umbrella', 'U-1', '2026-01-01', '2026-01-31', 50, 50, 'USD'],
];
const LIMITS = [
  ['Customer', 'Credit limit', 'Promise to pay by'],
  ['Acme', 500, ''],
  ['Initech', 2000, '2026-03-10'],
  ['Hooli', 1000, ''],
];

describe('AR_CREDIT_STATUS', () => {
  it('gives limit, used, available and over limit per customer, and holds those over the limit, overdue too long or with a broken promise', () => {
    const addon = loadAddon();
    const result = addon.call('AR_CREDIT_STATUS', addon.table(INVOICES), addon.table(LIMITS), addon.date('2026-03-20'));
    expect(result).toEqual([
      ['Customer', 'Currency', 'Limit', 'Used', 'Available', 'Over limit', 'Hold', 'Hold reason'],
      ['Acme', 'USD', 500, 1000, -500, 500, 'Yes', 'over the limit'],
      ['Globex', 'USD', '', 500, '', 0, 'Yes', 'overdue more than 60 days'],
      ['Initech', 'USD', 2000, 300, 1700, 0, 'Yes', 'promise broken'],
      ['Hooli', 'USD', 1000, 100, 900, 0, '', ''],
    ]);
    // Before the promised day the promise is not broken; with the hold days at 90, Globex (79 days) is not held either.
    savePolicy(addon, { collections: { holdOverdueDays: 90 } });
    const earlier = addon.call('AR_CREDIT_STATUS', addon.table(INVOICES), addon.table(LIMITS), addon.date('2026-03-10')) as unknown[][];
    expect(earlier.map((row) => [row[0], row[7]])).toEqual([
      ['Customer', 'Hold reason'],
      ['Acme', 'over the limit'],
      ['Globex', ''],
      ['Initech', ''],
      ['Hooli', ''],
    ]);
  });

  /** A workbook whose policy makes a call task 3 days after the due date; the run of 2026-03-05 writes Acme's. */
  function withCallTask() {
    const addon = loadAddon({ timeZone: 'Europe/London' });
    addon.spreadsheet.addSheet('Invoices', storedRows(INVOICES, 'Europe/London'));
    savePolicy(addon, { skipWeekends: false, steps: [{ offsetDays: 3, template: 'overdue', channel: 'call' }, { offsetDays: 40, template: 'final', channel: 'email' }] });
    addon.runtime.setNow(zonedInstant('Europe/London', 2026, 3, 5, 10));
    addon.runtime.run('sendDueReminders');
    const sheet = addon.spreadsheet.sheet('Collections')!;
    const header = sheet.values[0] as string[];
    const row = sheet.values.findIndex((cells) => cells[header.indexOf('Customer')] === 'Acme') + 1;
    /** What a person types on a row, by header. */
    const type = (r: number, values: Record<string, unknown>) => {
      for (const [name, value] of Object.entries(values)) sheet.write(r, header.indexOf(name) + 1, value as never);
    };
    return { addon, sheet, header, row, type };
  }

  it('holds a customer whose promise, typed on the call task the add-on wrote, has passed, as the run and the sidebar read it; a row typed by hand does not count', () => {
    const { addon, sheet, header, row, type } = withCallTask();
    // The call on 2026-03-05: Acme promised to pay by the 12th (its Customers row says nothing of it).
    type(row, { Outcome: 'promised', 'Promise date': storedRows([['2026-03-12']], 'Europe/London')[0][0] });
    // Another editor types a promise for Hooli on a row of their own.
    const typed = header.map((name) => ({ Date: '2026-03-05', Customer: 'Hooli', Currency: 'USD', Step: 'Call', Outcome: 'promised', 'Promise date': '2026-03-12', Keys: '[]' })[name] ?? '');
    const at = sheet.values.length + 1;
    storedRows([typed], 'Europe/London')[0].forEach((value, c) => sheet.write(at, c + 1, value));
    const limits = [['Customer', 'Credit limit'], ['Acme', 5000], ['Hooli', 5000]];
    const holdOf = (customer: string, day: string) => (addon.call('AR_CREDIT_STATUS', addon.table(INVOICES), addon.table(limits), addon.date(day)) as unknown[][]).find((cells) => cells[0] === customer)!.slice(6);
    expect(holdOf('Acme', '2026-03-12')).toEqual(['', '']);
    expect(holdOf('Acme', '2026-03-13')).toEqual(['Yes', 'promise broken']);
    expect(holdOf('Hooli', '2026-04-13')).toEqual(['', '']);
  });

  it("shows on the dashboard, from the next run on, a promise typed in the Collections sheet (the run recomputes what reads it)", () => {
    const { addon, row, type } = withCallTask();
    addon.runtime.setNow(zonedInstant('Europe/London', 2026, 3, 13, 10));
    addon.runtime.run('insertDashboard');
    addon.runtime.recalculate();
    const dashboard = () => addon.spreadsheet.sheet('Receivables dashboard')!.values.flat();
    expect(dashboard()).not.toContain('promise broken');
    // A person records yesterday's broken promise: the formula's arguments did not change, so Sheets shows what it showed.
    type(row, { Outcome: 'promised', 'Promise date': storedRows([['2026-03-12']], 'Europe/London')[0][0] });
    addon.runtime.recalculate();
    expect(dashboard()).not.toContain('promise broken');
    // The run reads the outcomes back, and the credit status with them.
    addon.runtime.run('sendDueReminders');
    addon.runtime.recalculate();
    expect(dashboard()).toContain('promise broken');
  });

  it('takes the limits from a Credit limit column of the invoice table when no limits are given', () => {
    const addon = loadAddon();
    const withLimits = INVOICES.map((row, r) => [...row, r === 0 ? 'Credit limit' : row[0] === 'Acme' ? 1500 : ''] as unknown[]);
    const result = addon.call('AR_CREDIT_STATUS', addon.table(withLimits), '', addon.date('2026-03-20')) as unknown[][];
    expect(result[1]).toEqual(['Globex', 'USD', '', 500, '', 0, 'Yes', 'overdue more than 60 days']);
    expect(result.find((row) => row[0] === 'Acme')).toEqual(['Acme', 'USD', 1500, 1000, 500, 0, '', '']);
  });

  it('says which cell of the limits it cannot read', () => {
    const addon = loadAddon();
    expect(() => addon.call('AR_CREDIT_STATUS', addon.table(INVOICES), addon.table([['Customer', 'Credit limit'], ['Acme', 'lots']]), addon.date('2026-03-20'))).toThrow(
      'AR_CREDIT_STATUS: limits, row 2, column "Credit limit": "lots" is not an amount',
    );
  });
});
