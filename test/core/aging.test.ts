import { describe, expect, it } from 'vitest';
import { ageReceivables } from '../../src/core/aging';
import { agingTable } from '../../src/core/agingTable';
import { bucketColumn, daysOverdueColumn } from '../../src/core/aligned';
import { bucketLabels, parseBasis, parseBucketEdges } from '../../src/core/buckets';
import { calendarDay } from '../../src/core/calendar';
import type { Cell } from '../../src/core/cells';
import { invoiceAt, readInvoiceTable, ROW_BLANK, ROW_HEADER, ROW_UNREADABLE, ROW_VOID, rowSource, tableSource, TableError } from '../../src/core/invoices';

const options = { timeZone: 'Europe/London', locale: 'en_US' };
const day = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return calendarDay(y, m, d);
};
const age = (rows: Cell[][], asOf: string, extra: Partial<Parameters<typeof ageReceivables>[1]> = {}) =>
  agingTable(ageReceivables(rowSource(rows, options), { asOfDay: day(asOf), edges: [30, 60, 90], basis: 'due', ...extra }));

describe('readInvoiceTable', () => {
  it('names what is missing and the headers it found', () => {
    expect(() => readInvoiceTable([['Customer', 'Amount', 'Notes']], options)).toThrow(TableError);
    expect(() => readInvoiceTable([['Customer', 'Amount', 'Notes']], options)).toThrow(
      'no due date or invoice date column (headers: Customer, Amount, Notes)',
    );
    expect(() => readInvoiceTable([], options)).toThrow('the range is empty');
  });

  it('skips blank rows and reports unreadable ones with their row and column', () => {
    const table = readInvoiceTable(
      [
        ['Customer', 'Due date', 'Amount'],
        ['Acme', '2026-01-10', 100],
        ['', '', ''],
        ['Acme', '2026-13-01', 50],
        ['', '2026-01-10', 50],
        ['Globex', '2026-01-10', 'lots'],
      ],
      options,
    );
    expect(Array.from(table.row.subarray(0, table.size))).toEqual([2]);
    expect(Array.from(table.rowKinds)).toEqual([ROW_HEADER, 0, ROW_BLANK, ROW_UNREADABLE, ROW_UNREADABLE, ROW_UNREADABLE]);
    expect(table.unreadable.map((entry) => entry.reason)).toEqual([
      'row 4, column "Due date": "2026-13-01" is not a date',
      'row 5, column "Customer": is empty (the row holds "2026-01-10", 50)',
      'row 6, column "Amount": "lots" is not an amount',
    ]);
  });

  it('leaves out void invoices and takes due = invoice date + terms without a due date', () => {
    const table = readInvoiceTable(
      [
        ['Customer', 'Invoice date', 'Terms', 'Amount', 'Status'],
        ['Acme', '2026-01-01', '', 100, ''],
        ['Acme', '2026-01-01', 'Net 10', 100, ''],
        ['Acme', '2026-01-01', '', 100, 'Cancelled'],
      ],
      { ...options, termsDays: 45 },
    );
    expect([0, 1].map((i) => invoiceAt(table, i)).map((invoice) => invoice.dueDay - invoice.invoiceDay!)).toEqual([45, 10]);
    expect(table.rowKinds[3]).toBe(ROW_VOID);
  });

  it("gives rows without a currency the table's most common one", () => {
    const table = readInvoiceTable(
      [
        ['Customer', 'Due date', 'Amount', 'Currency'],
        ['Acme', '2026-01-01', 1, 'EUR'],
        ['Acme', '2026-01-01', 1, ''],
        ['Globex', '2026-01-01', '$5', ''],
        ['Globex', '2026-01-01', 1, 'eur'],
      ],
      options,
    );
    expect([0, 1, 2, 3].map((i) => invoiceAt(table, i).currency)).toEqual(['EUR', 'EUR', 'USD', 'EUR']);
  });
});

describe('ageReceivables', () => {
  it('buckets open balances by days past due, largest overdue first, with a Total row', () => {
    const rows = age(
      [
        ['Customer', 'Due date', 'Amount', 'Paid'],
        ['Acme', '2026-03-31', 100, ''], // due today: not due
        ['Acme', '2026-03-30', 10, ''], // 1 day
        ['Globex', '2026-02-28', 200, 50], // 31 days, 150 open
        ['Globex', '2025-12-31', 300, ''], // 90 days
        ['Initech', '2025-12-30', 40, ''], // 91 days
        ['Paid Co', '2025-01-01', 80, 80],
      ],
      '2026-03-31',
    );
    expect(rows).toEqual([
      // A table that names no currency is in the en_US spreadsheet's: each amount header says so.
      ['Customer', 'Not due (USD)', '1–30 (USD)', '31–60 (USD)', '61–90 (USD)', '90+ (USD)', 'Total (USD)'],
      ['Globex', 0, 0, 150, 300, 0, 450],
      ['Initech', 0, 0, 0, 0, 40, 40],
      ['Acme', 100, 10, 0, 0, 0, 110],
      ['Total', 100, 10, 150, 300, 40, 600],
    ]);
  });

  it('sums exactly to the cent', () => {
    const invoices: Cell[][] = [['Customer', 'Due date', 'Amount']];
    for (let i = 0; i < 1000; i++) invoices.push(['Acme', '2026-01-01', 0.1]);
    invoices.push(['Acme', '2026-01-01', 0.2]);
    const rows = age(invoices, '2026-01-15');
    expect(rows.at(-1)).toEqual(['Total', 0, 100.2, 0, 0, 0, 100.2]);
  });

  it('nets a credit note against the same customer and currency, oldest debt first', () => {
    const rows = age(
      [
        ['Customer', 'Due date', 'Amount', 'Currency'],
        ['Acme', '2026-03-01', 100, 'USD'], // 30 days
        ['Acme', '2026-01-01', 70, 'USD'], // 89 days
        ['Acme', '2026-03-20', -120, 'USD'],
        ['Acme', '2026-01-01', 500, 'EUR'],
      ],
      '2026-03-31',
    );
    expect(rows).toEqual([
      ['Customer', 'Currency', 'Not due', '1–30', '31–60', '61–90', '90+', 'Total'],
      ['Acme', 'EUR', 0, 0, 0, 500, 0, 500],
      ['Acme', 'USD', 0, 50, 0, 0, 0, 50],
      ['Total', 'EUR', 0, 0, 0, 500, 0, 500],
      ['Total', 'USD', 0, 50, 0, 0, 0, 50],
    ]);
  });

  it('shows a credit larger than the debt as a negative not-due balance', () => {
    const rows = age(
      [
        ['Customer', 'Due date', 'Amount'],
        ['Acme', '2026-03-01', 100],
        ['Acme', '2026-03-20', -150],
      ],
      '2026-03-31',
    );
    expect(rows[1]).toEqual(['Acme', -50, 0, 0, 0, 0, -50]);
  });

  it('reproduces a past date: later invoices left out, later payments not yet made', () => {
    const invoices: Cell[][] = [
      ['Customer', 'Invoice date', 'Due date', 'Amount', 'Paid amount', 'Paid date'],
      ['Acme', '2026-01-01', '2026-01-31', 100, 100, '2026-03-15'],
      ['Acme', '2026-02-01', '2026-03-03', 100, 40, '2026-02-20'],
      ['Acme', '2026-03-10', '2026-04-09', 999, '', ''],
    ];
    expect(age(invoices, '2026-02-28').at(-1)).toEqual(['Total', 60, 100, 0, 0, 0, 160]);
    expect(age(invoices, '2026-03-31').at(-1)).toEqual(['Total', 999, 60, 0, 0, 0, 1059]);
  });

  it('treats a paid date without a paid amount as paid in full on that date', () => {
    const invoices: Cell[][] = [
      ['Customer', 'Invoice date', 'Due date', 'Amount', 'Settled date'],
      ['Acme', '2026-01-01', '2026-01-31', 100, '2026-02-10'],
    ];
    expect(age(invoices, '2026-02-09').at(-1)).toEqual(['Total', 0, 100, 0, 0, 0, 100]);
    // Nothing open: the report still ends with its Total row, so formulas that point at it keep working.
    expect(age(invoices, '2026-02-10')).toEqual([
      ['Customer', 'Not due', '1–30', '31–60', '61–90', '90+', 'Total'],
      ['Total', 0, 0, 0, 0, 0, 0],
    ]);
  });

  it('reads amount minus balance as paid', () => {
    const invoices: Cell[][] = [
      ['Customer', 'Due date', 'Amount', 'Balance'],
      ['Acme', '2026-03-20', 100, 25],
    ];
    expect(age(invoices, '2026-03-31').at(-1)).toEqual(['Total', 0, 25, 0, 0, 0, 25]);
  });

  it('ages from the invoice date with basis "invoice" and takes other buckets', () => {
    const invoices: Cell[][] = [
      ['Customer', 'Invoice date', 'Due date', 'Amount'],
      ['Acme', '2026-03-31', '2026-04-30', 10],
      ['Acme', '2026-03-01', '2026-03-31', 20],
      ['Acme', '2026-01-15', '2026-02-14', 30],
    ];
    expect(age(invoices, '2026-03-31', { basis: 'invoice', edges: [15, 45] })).toEqual([
      ['Customer', '0–15 (USD)', '16–45 (USD)', '45+ (USD)', 'Total (USD)'],
      ['Acme', 10, 20, 30, 60],
      ['Total', 10, 20, 30, 60],
    ]);
  });

  it('gives the same report from a table read before as from the rows', () => {
    const rows: Cell[][] = [
      ['Customer', 'Due date', 'Amount', 'Paid', 'Currency'],
      ['Acme', '2026-03-01', 100, 20, ''],
      ['Acme', '2026-01-01', -30, '', 'EUR'],
      ['Globex', '2026-02-01', 70, '', 'EUR'],
      ['Globex', 'bad', 70, '', 'EUR'],
    ];
    const aging = { asOfDay: day('2026-03-31'), edges: [30, 60, 90], basis: 'due' as const };
    const fromRows = ageReceivables(rowSource(rows, options), aging);
    expect(ageReceivables(tableSource(readInvoiceTable(rows, options)), aging)).toEqual(fromRows);
    expect(fromRows.lines.map((line) => [line.customer, line.currency, line.totalCents])).toEqual([
      ['Globex', 'EUR', 7000],
      ['Acme', 'EUR', 5000],
    ]);
  });

  it('adds a note naming skipped rows before the totals', () => {
    const rows = age(
      [
        ['Customer', 'Due date', 'Amount'],
        ['Acme', '2026-03-01', 100],
        ['Acme', 'someday', 100],
      ],
      '2026-03-31',
    );
    expect(rows.at(-2)?.[0]).toBe('Skipped 1 unreadable row: row 3, column "Due date": "someday" is not a date');
    expect(rows.at(-1)?.[0]).toBe('Total');
  });
});

describe('aligned columns', () => {
  const table = rowSource(
    [
      ['Customer', 'Due date', 'Amount', 'Paid'],
      ['Acme', '2026-03-01', 100, ''],
      ['Acme', '2026-04-10', 100, ''],
      ['Acme', '2026-01-01', 100, 100],
      ['', '', '', ''],
      ['Acme', 'soon', 100, ''],
    ],
    options,
  );

  it('gives days overdue per row, blank for paid and blank rows, the reason for unreadable ones', () => {
    expect(daysOverdueColumn(table, day('2026-03-31'))).toEqual([
      ['Days overdue'],
      [30],
      [-10],
      [''],
      [''],
      ['row 6, column "Due date": "soon" is not a date'],
    ]);
  });

  it('gives the bucket per row', () => {
    expect(bucketColumn(table, day('2026-03-31'), [30, 60, 90]).map((row) => row[0])).toEqual([
      'Aging bucket',
      '1–30',
      'Not due',
      '',
      '',
      'row 6, column "Due date": "soon" is not a date',
    ]);
  });
});

describe('parseBucketEdges', () => {
  it('reads text and ranges, defaulting to 30,60,90', () => {
    expect(parseBucketEdges('')).toEqual([30, 60, 90]);
    expect(parseBucketEdges('15; 45 ,90')).toEqual([15, 45, 90]);
    expect(parseBucketEdges([[10], [20]])).toEqual([10, 20]);
    expect(bucketLabels([7, 14], 'due')).toEqual(['1–7', '8–14', '14+']);
  });

  it('says what is wrong', () => {
    expect(() => parseBucketEdges('30,x')).toThrow('buckets must be whole numbers of days above 0, like "30,60,90"; found "x"');
    expect(() => parseBucketEdges('60,30')).toThrow('buckets must rise, like "30,60,90"; found 60,30');
    expect(() => parseBasis('paid')).toThrow('basis must be "due" or "invoice"; found "paid"');
  });
});

describe('invoices dated after the report\'s day (issue 23, item 3)', () => {
  it('are left out, and the report says how many', () => {
    const rows: Cell[][] = [
      ['Customer', 'Invoice date', 'Due date', 'Amount'],
      ['Acme', '2026-11-01', '2026-12-01', 100],
      ['Acme', '2026-11-26', '2026-12-26', 2906.25],
      ['Globex', '2026-12-02', '2027-01-01', 10],
    ];
    const report = age(rows, '2026-11-25');
    expect(report.at(-1)).toEqual(['Total', 100, 0, 0, 0, 0, 100]);
    expect(report.at(-2)?.[0]).toBe("Left out 2 invoices dated after 2026-11-25, the report's day (as_of): not issued yet on that day");
    expect(age(rows, '2026-12-02').some((row) => String(row[0]).startsWith('Left out'))).toBe(false);
  });
});
