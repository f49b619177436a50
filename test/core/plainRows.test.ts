// The reader takes the rows most tables are made of (a name, a number, date
// cells, amounts as numbers) by a short path (issue 23, item 6). Whatever a
// row holds, it must read exactly as the full reader does: here every row is
// read twice, once with its dates as date cells (the short path where it
// applies) and once with the same dates typed as text (always the full path).
import { describe, expect, it } from 'vitest';
import { ageReceivables } from '../../src/core/aging';
import { agingTable } from '../../src/core/agingTable';
import { daysOverdueColumn } from '../../src/core/aligned';
import { calendarDay, ZoneCalendar } from '../../src/core/calendar';
import type { Cell } from '../../src/core/cells';
import { rowSource, scanInvoiceRows, type InvoiceRecord } from '../../src/core/invoiceRows';

const TIME_ZONE = 'America/New_York';
const options = { timeZone: TIME_ZONE, locale: 'en_US' };
const calendar = new ZoneCalendar(TIME_ZONE);
const dateCell = (iso: string) => new Date(calendar.midnightOf(calendarDay(...(iso.split('-').map(Number) as [number, number, number]))));

const HEADER = ['Customer', 'Invoice No', 'Invoice Date', 'Due Date', 'Amount', 'Paid', 'Paid Date', 'Currency', 'Disputed'];
/** Rows as a person's table holds them: ISO text where a date goes, turned into date cells for the first reading. */
const ROWS: Cell[][] = [
  ['Acme Ltd', 'INV-1', '2026-01-05', '2026-02-04', 1200, '', '', 'USD', ''],
  ['Acme Ltd', 'INV-2', '2026-02-01', '2026-03-03', 800.5, 800.5, '2026-03-01', 'USD', ''],
  ['  Padded Co ', 'INV-3', '2026-02-10', '2026-03-12', 300, 100, '', 'usd', ''],
  ['Bayside Club', 'INV-4', '2026-02-11', '2026-03-13', 450, '', '', 'EUR', 'Yes'],
  ['Bayside Club', 'INV-5', '2026-02-12', '2026-03-14', 100, '', '', 'EUR', ''],
  ['Bayside Club', 'INV-5', '2026-02-12', '2026-03-14', 100, '', '', 'EUR', ''],
  ['Bayside Club Subtotal', '', '', '', 650, '', '', '', ''],
  ['Sunrise Bakery', 1045, '2026-03-01', '2026-03-31', 99.99, 'yes', '', '', ''],
  ['Sunrise Bakery', 'INV-7', '2026-03-02', '', 75, '', '', 'USD', ''],
  ['Sunrise Bakery', 'INV-8', '2026-03-03', '2026-04-02', 'abc', '', '', 'USD', ''],
  ['', 'INV-9', '2026-03-04', '2026-04-03', 10, '', '', 'USD', ''],
  ['Tamarind', 'INV-10', '2026-03-05', '2026-04-04', -40, '', '', 'USD', ''],
  ['Tamarind', 'INV-11', '2026-06-05', '2026-07-05', 60, '', '', 'USD', ''],
  ['Tamarind', 'INV-12', '2026-03-06', '2026-04-05', 1e13, '', '', 'USD', ''],
  ['Grand Total', '', '', '', 5000, '', '', '', ''],
];
const DATE_COLUMNS = [2, 3, 6];
const withDateCells = ROWS.map((row) => row.map((cell, c) => (DATE_COLUMNS.includes(c) && typeof cell === 'string' && cell !== '' ? dateCell(cell) : cell)));
const table = (rows: Cell[][]) => [HEADER, ...rows];

function records(rows: Cell[][]): { invoices: InvoiceRecord[]; summary: ReturnType<typeof scanInvoiceRows> } {
  const invoices: InvoiceRecord[] = [];
  const summary = scanInvoiceRows(table(rows), options, (invoice) => invoices.push({ ...invoice }));
  // A note quotes a date typed as text, not a date cell: the same day either way.
  for (const entry of summary.unreadable) entry.reason = sameQuotes(entry.reason);
  return { invoices, summary };
}

const sameQuotes = (text: string) => text.replace(/"(\d{4}-\d{2}-\d{2})"/g, '$1');

describe('the short path for plain rows', () => {
  it('reads every row as the full reader does: invoices, unreadable rows, totals, line items and row kinds alike', () => {
    const short = records(withDateCells);
    const full = records(ROWS);
    expect(short.invoices).toEqual(full.invoices);
    expect(short.summary.unreadable).toEqual(full.summary.unreadable);
    expect(Array.from(short.summary.rowKinds)).toEqual(Array.from(full.summary.rowKinds));
    expect(short.summary.summaryRows).toBe(full.summary.summaryRows);
    expect(short.summary.mainCurrency).toBe(full.summary.mainCurrency);
    // The rows this test is about are there: plain invoices, a repeated line, a total, unreadable ones.
    expect(short.invoices.map((invoice) => invoice.number)).toContain('INV-1');
    expect(short.summary.unreadable.map((entry) => entry.row)).toEqual([11, 12, 15]);
    expect(short.summary.summaryRows).toBe(2);
  });

  it('gives the same aging report and the same row-aligned column', () => {
    const asOfDay = calendarDay(2026, 5, 31);
    const report = (rows: Cell[][]) => agingTable(ageReceivables(rowSource(table(rows), { ...options, alignRows: false }), { asOfDay, edges: [30, 60, 90], basis: 'due' }));
    const notes = (rows: Cell[][]) => report(rows).map((row) => row.map((cell) => (typeof cell === 'string' ? sameQuotes(cell) : cell)));
    expect(notes(withDateCells)).toEqual(notes(ROWS));
    const column = (rows: Cell[][]) => daysOverdueColumn(rowSource(table(rows), options), asOfDay).map(([cell]) => (typeof cell === 'string' ? sameQuotes(cell) : cell));
    expect(column(withDateCells)).toEqual(column(ROWS));
  });
});
