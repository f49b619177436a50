// The add-on within Sheets' grid: it grows the sheets it writes to (only
// appendRow and insert… do), and never writes a cell over 50,000 characters.
import { describe, expect, it } from 'vitest';
import { zonedInstant } from '../../runtime/index';
import { loadAddon, savePolicy, storedRows, type Addon } from '../support/addon';

const ZONE = 'Europe/London';
const HEADER = ['Customer', 'Invoice No', 'Due date', 'Amount', 'Currency', 'Email'];
const LOG_HEADERS = ['Time', 'Customer', 'Address', 'Invoices', 'Step', 'Status', 'Error', 'Run', 'Keys'];

function workbook(rows: unknown[][]): Addon {
  const addon = loadAddon({ timeZone: ZONE });
  // The sender filled in: nothing is sent without one.
  savePolicy(addon);
  addon.runtime.setNow(zonedInstant(ZONE, 2026, 3, 10, 10));
  addon.runtime.outbox.dailyQuota = 10_000;
  // As an imported file: the sheet is exactly its data's size.
  addon.spreadsheet.addSheet('Invoices', storedRows([HEADER, ...rows], ZONE));
  return addon;
}

const customers = (n: number) => Array.from({ length: n }, (_, i) => [`Customer ${i + 1}`, `N-${i + 1}`, '2026-03-03', 100, 'USD', `ap${i + 1}@example.com`]);

describe('the add-on in the grid', () => {
  it('adds the "Last reminder" column beside a table that fills its grid', () => {
    const addon = workbook(customers(3));
    const invoices = addon.spreadsheet.sheet('Invoices')!;
    expect([invoices.maxRows, invoices.maxColumns]).toEqual([4, 6]);
    addon.runtime.run('sendDueReminders');
    expect(invoices.maxColumns).toBe(7);
    expect(invoices.values.map((row) => row[6])).toEqual(['Last reminder', ...Array(3).fill('2026-03-10 Overdue reminder (7 days after the due date)')]);
  });

  it('grows the Reminder log past its grid, and the Customers sheet for thousands of customers', () => {
    const addon = workbook(customers(1_500));
    // A log whose 1000 rows are full, as an earlier year of runs would leave it.
    const old = Array.from({ length: 999 }, (_, i) => [new Date(Date.UTC(2025, 0, 1)), `Old ${i}`, 'x@example.com', 'O-1', 'overdue (+7 days)', 'sent', '', 'old-run', JSON.stringify([[`Old ${i} · O-1`, 7]])]);
    addon.spreadsheet.addSheet('Reminder log', [LOG_HEADERS, ...old]);
    addon.runtime.run('sendDueReminders');
    expect(addon.runtime.outbox.sent).toHaveLength(1_500);
    const log = addon.spreadsheet.sheet('Reminder log')!;
    expect(log.maxRows).toBe(2_500);
    expect(log.values.slice(1000).every((row) => row[5] === 'sent')).toBe(true);
    const sheet = addon.spreadsheet.sheet('Customers')!;
    expect(sheet.maxRows).toBeGreaterThanOrEqual(1_501);
    expect(sheet.values[1_500][0]).toBe('Customer 1500');
    // A customer added from the sidebar past the sheet's grid.
    const saved = addon.runtime.scriptRun('sidebarSaveCustomer', [{ customer: 'Newcomer', email: 'new@example.com', language: '', doNotRemind: false, pausedUntil: '', promiseBy: '', disputed: false, ownSteps: '', plan: '' }]);
    expect(saved).toEqual({ ok: true });
    expect(sheet.values.some((row) => row[0] === 'Newcomer')).toBe(true);
  });
});

describe('the dashboard in the grid', () => {
  it('has room for a customer table of 1,500 customers', () => {
    const addon = workbook(customers(1_500));
    addon.runtime.run('insertDashboard');
    const results = addon.runtime.recalculate();
    expect(results.map((result) => result.error)).toEqual([null, null, null, null, null, null, null, null]); // three tables, a chart's two data blocks, the credit status, what works and the DSO trend
    const dashboard = addon.spreadsheet.sheet('Receivables dashboard')!;
    expect(dashboard.maxRows).toBeGreaterThan(1_502);
  });
});
