// The reader's loop over plain rows (issue 23, item 6) hands over to the
// full reader for any row it does not take and takes up again after it:
// rows that alternate currencies, QuickBooks customer:job names before and
// after the book is settled to have them, names padded with spaces that
// trim() removes beyond ASCII, line items, numeric invoice numbers. Each
// table is read twice, with date cells (the loop where it applies) and with
// the same dates as text (always the full reader): the two must agree.
import { describe, expect, it } from 'vitest';
import { ageReceivables } from '../../src/core/aging';
import { agingTable } from '../../src/core/agingTable';
import { bucketColumn } from '../../src/core/aligned';
import { calendarDay, ZoneCalendar } from '../../src/core/calendar';
import type { Cell } from '../../src/core/cells';
import { rowSource, scanInvoiceRows, type InvoiceRecord } from '../../src/core/invoiceRows';

const TIME_ZONE = 'Europe/London';
const options = { timeZone: TIME_ZONE, locale: 'en_US' };
const calendar = new ZoneCalendar(TIME_ZONE);
const dateCell = (iso: string) => new Date(calendar.midnightOf(calendarDay(...(iso.split('-').map(Number) as [number, number, number]))));

const HEADER = ['Customer', 'Invoice No', 'Invoice Date', 'Due Date', 'Amount', 'Paid', 'Paid Date', 'Currency'];
const ROWS: Cell[][] = [
  ['Acme Ltd', 'INV-1', '2026-01-05', '2026-02-04', 100, '', '', 'EUR'],
  ['Bayside', 'INV-2', '2026-01-06', '2026-02-05', 200, 50, '2026-02-01', 'usd'],
  ['Acme Ltd', 'INV-3', '2026-03-28', '2026-03-29', 300, '', '', 'EUR'],
  ['Bayside', 'INV-4', '2026-03-29', '2026-04-28', 400, '', '', 'USD'],
  ['Cook:Kitchen', 'INV-5', '2026-02-01', '2026-03-03', 500, '', '', 'USD'],
  ['Cook:Bath', 'INV-6', '2026-02-02', '2026-03-04', 600, '', '', 'USD'],
  ['Studio 5:2', 'INV-7', '2026-02-03', '2026-03-05', 700, '', '', 'USD'],
  ['Cook', 'INV-8', '2026-02-04', '2026-03-06', 800, 800, '2026-03-01', 'USD'],
  ['Иванов ООО\u00a0', 'INV-9', '2026-02-05', '2026-03-07', 900, '', '', 'RUB'],
  ['\u3000Tamarind', 'INV-10', '2026-02-06', '2026-03-08', 1000, '', '', 'GBP'],
  ['Tamarind', 1011, '2026-10-25', '2026-10-26', 1100, '', '', 'GBP'],
  ['Line Co', 'INV-12', '2026-02-08', '2026-03-10', 60, '', '', 'EUR'],
  ['Line Co', 'INV-12', '2026-02-08', '2026-03-10', 60, '', '', 'EUR'],
  ['Acme Ltd', ' INV-14', '2026-02-09', '2026-03-11', 1400, '', '', 'GBP'],
  ['Bayside', 'INV-15', '2026-02-10', '2026-03-12', 1500, '', '', 'EUR'],
  ['Acme Ltd', 'INV-16', '2026-02-11', '2026-03-13', 1600, '', '', 'usd'],
  ['Zeta', 'INV-17', '2026-02-12', '2026-03-14', 1700, '', '', ''],
  ['Total', '', '', '', 14000, '', '', ''],
];
const DATE_COLUMNS = [2, 3, 6];
const withDateCells = ROWS.map((row) => row.map((cell, c) => (DATE_COLUMNS.includes(c) && typeof cell === 'string' && cell !== '' ? dateCell(cell) : cell)));
const table = (rows: Cell[][]) => [HEADER, ...rows];

function read(rows: Cell[][]) {
  const invoices: InvoiceRecord[] = [];
  const summary = scanInvoiceRows(table(rows), options, (invoice) => invoices.push({ ...invoice }));
  return { invoices, summary };
}

describe('the loop over plain rows', () => {
  it('reads as the full reader does where it hands over and takes up again', () => {
    const loop = read(withDateCells);
    const full = read(ROWS);
    expect(loop.invoices).toEqual(full.invoices);
    expect(Array.from(loop.summary.rowKinds)).toEqual(Array.from(full.summary.rowKinds));
    expect(loop.summary.unreadable).toEqual(full.summary.unreadable);
    expect(loop.summary.mainCurrency).toBe(full.summary.mainCurrency);
    expect(loop.summary.summaryRows).toBe(1);
    // What the rows are about: jobs split once the book has them, trimmed names, one invoice of two lines, currencies counted in every case.
    const byNumber = new Map(loop.invoices.map((invoice) => [invoice.number, invoice]));
    expect([byNumber.get('INV-6')?.customer, byNumber.get('INV-6')?.job]).toEqual(['Cook', 'Bath']);
    expect([byNumber.get('INV-7')?.customer, byNumber.get('INV-7')?.job]).toEqual(['Studio 5:2', '']);
    expect(byNumber.get('INV-9')?.customer).toBe('Иванов ООО');
    expect(byNumber.get('INV-10')?.customer).toBe('Tamarind');
    expect(byNumber.get('1011')?.customer).toBe('Tamarind');
    expect(byNumber.get('INV-14')?.customer).toBe('Acme Ltd');
    expect(loop.invoices.filter((invoice) => invoice.number === 'INV-12')).toHaveLength(1);
    expect(byNumber.get('INV-16')?.currency).toBe('USD');
    expect(byNumber.get('INV-17')?.currency).toBe('');
    expect(loop.summary.mainCurrency).toBe('USD');
  });

  it('gives the same aging report and the same bucket column, in every currency', () => {
    const asOfDay = calendarDay(2026, 11, 30);
    const report = (rows: Cell[][]) => agingTable(ageReceivables(rowSource(table(rows), { ...options, alignRows: false }), { asOfDay, edges: [30, 60, 90], basis: 'due' }));
    const loopReport = report(withDateCells);
    expect(loopReport).toEqual(report(ROWS));
    expect([...new Set(loopReport.slice(1).map((row) => row[1]))].filter(Boolean).sort()).toEqual(['EUR', 'GBP', 'RUB', 'USD']);
    const column = (rows: Cell[][]) => bucketColumn(rowSource(table(rows), options), asOfDay, [30, 60, 90]);
    expect(column(withDateCells)).toEqual(column(ROWS));
  });

  it('reads an instant every three hours of a year, clock changes included, as the zone has it', () => {
    for (const timeZone of ['Europe/London', 'America/New_York', 'Australia/Lord_Howe']) {
      const zone = new ZoneCalendar(timeZone);
      const wall = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
      for (let instant = Date.UTC(2026, 0, 1); instant < Date.UTC(2027, 0, 1); instant += 3 * 3_600_000 + 7_000) {
        const [year, month, day] = wall.format(instant).split('-').map(Number);
        expect(zone.dayOfDate(new Date(instant)), `${timeZone} ${new Date(instant).toISOString()}`).toBe(calendarDay(year, month, day));
      }
    }
  });
});
