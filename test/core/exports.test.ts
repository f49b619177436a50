// How the reader takes what accounting systems export and what people keep
// by hand: title lines, totals, headings, line items, balance columns and
// paid marks.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { ageReceivables } from '../../src/core/aging';
import { agingTable } from '../../src/core/agingTable';
import { daysOverdueColumn } from '../../src/core/aligned';
import { calendarDay } from '../../src/core/calendar';
import type { Cell } from '../../src/core/cells';
import { invoiceAt, readInvoiceTable, ROW_HEADER, ROW_HEADING, ROW_LINE, ROW_SUMMARY, ROW_TITLE, rowSource, TableError } from '../../src/core/invoices';

const options = { timeZone: 'Europe/London', locale: 'en_US' };
const day = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return calendarDay(y, m, d);
};
const age = (rows: Cell[][], asOf = '2026-11-25', locale = 'en_US') =>
  agingTable(ageReceivables(rowSource(rows, { ...options, locale }), { asOfDay: day(asOf), edges: [30, 60, 90], basis: 'due' }));
const totalOf = (rows: Cell[][], asOf?: string) => age(rows, asOf).at(-1)?.at(-1);
const invoices = (rows: Cell[][], locale = 'en_US') => {
  const table = readInvoiceTable(rows, { ...options, locale });
  return Array.from({ length: table.size }, (_, i) => invoiceAt(table, i));
};

describe('title lines above the header', () => {
  const rows: Cell[][] = [
    ['A/R Aging Detail'],
    ['As of November 25, 2026'],
    [''],
    ['Customer', 'Due date', 'Amount'],
    ['Acme', '2026-11-01', 100],
    ['Acme', 'someday', 100],
  ];

  it('finds the header in the first rows and counts rows from the range\'s first row', () => {
    const table = readInvoiceTable(rows, options);
    expect(Array.from(table.rowKinds.subarray(0, 4))).toEqual([ROW_TITLE, ROW_TITLE, -2, ROW_HEADER]);
    expect(invoiceAt(table, 0).row).toBe(5);
    expect(table.unreadable).toEqual([{ row: 6, reason: 'row 6, column "Due date": "someday" is not a date' }]);
  });

  it('aligns row-by-row results with the range, the header where the header is', () => {
    expect(daysOverdueColumn(rowSource(rows, options), day('2026-11-25')).map((row) => row[0])).toEqual([
      '',
      '',
      '',
      'Days overdue',
      24,
      'row 6, column "Due date": "someday" is not a date',
    ]);
  });

  it('says what the first rows hold and which required column is missing when there is no header', () => {
    const noDate: Cell[][] = [['Open Invoices'], [''], ['Customer', 'Num', 'Amount'], ['Acme', '1', 100]];
    expect(() => readInvoiceTable(noDate, options)).toThrow(TableError);
    expect(() => readInvoiceTable(noDate, options)).toThrow(
      'no due date or invoice date column (headers: Customer, Num, Amount, in row 3); rows above it: row 1: "Open Invoices"; row 2: blank',
    );
    expect(() => readInvoiceTable([['Report'], ['Phone', 'Address'], ['555', 'Main St']], options)).toThrow(
      'no header row in the first 3 rows: it needs a customer, an amount or balance, and a due date or invoice date column, headed as exports head them, such as "Customer", "Name" or "Контрагент"; "Amount", "Open Balance" or "Сумма"; "Due Date", "Invoice Date" or "Срок оплаты" (row 1: "Report"; row 2: "Phone", "Address"; row 3: "555", "Main St")',
    );
    expect(() => readInvoiceTable([['Num', 'Due date', 'Amount'], ['1', '2026-11-01', 5]], options)).toThrow('no customer column (headers: Num, Due date, Amount)');
  });
});

describe('summary rows', () => {
  it('leaves out Total, Subtotal, Итого, Всего, "Total for X" and "X Subtotal", never calling them unreadable, and says how many', () => {
    const rows: Cell[][] = [
      ['', 'Customer', 'Due date', 'Amount'],
      ['', 'Acme', '2026-11-01', 100],
      ['', 'Acme Subtotal', '', 100],
      ['Total for Acme', '', '', 100],
      ['', 'Globex', '2026-11-01', 50],
      ['Итого', '', '', 150],
      ['Всего:', '', '', 150],
      ['', 'Subtotal', '', 50],
      ['TOTAL', '', '', '$150.00'],
    ];
    const table = readInvoiceTable(rows, options);
    expect(table.size).toBe(2);
    expect(table.unreadable).toEqual([]);
    expect(table.summaryRows).toBe(6);
    expect(Array.from(table.rowKinds).filter((kind) => kind === ROW_SUMMARY)).toHaveLength(6);
    const report = age(rows);
    expect(report.at(-1)).toEqual(['Total', 0, 150, 0, 0, 0, 150]);
    expect(report.at(-2)?.[0]).toBe('Ignored 6 total rows (Total, Subtotal, Итого): not counted');
  });

  it('takes a customer whose name merely contains "Total" as a customer', () => {
    expect(invoices([['Customer', 'Due date', 'Amount'], ['Total Logistics Ltd', '2026-11-01', 10]]).map((invoice) => invoice.customer)).toEqual(['Total Logistics Ltd']);
  });
});

describe('a balance column', () => {
  const header = ['Customer', 'Due date', 'Amount', 'Paid', 'Open Balance'];

  it('wins over amount minus paid, and the report says so once', () => {
    const rows: Cell[][] = [header, ['Acme', '2026-11-01', 100, 30, 50], ['Acme', '2026-11-01', 200, 0, 150], ['Globex', '2026-11-01', 80, 20, 60]];
    expect(invoices(rows).map((invoice) => invoice.amountCents - invoice.paidCents)).toEqual([5000, 15000, 6000]);
    const report = age(rows);
    expect(report.at(-1)?.at(-1)).toBe(260);
    const notes = report.filter((row) => String(row[0]).startsWith('Used the balance'));
    expect(notes).toHaveLength(1);
    expect(notes[0][0]).toBe('Used the balance column where it disagrees with amount − paid (2 rows; row 2: Open Balance 50.00, Amount 100.00 − Paid 30.00)');
  });

  it('is read as exported by QuickBooks (Open Balance), Xero (InvoiceAmountDue) and 1C (Долг, Остаток)', () => {
    expect(totalOf([['Customer', 'Due Date', 'Amount', 'Open Balance'], ['Acme', '2026-11-01', 4000, 1000]])).toBe(1000);
    expect(totalOf([['*ContactName', '*DueDate', 'Total', 'InvoiceAmountPaid', 'InvoiceAmountDue'], ['Acme', '2026-11-01', 4000, 1000, 3000]])).toBe(3000);
    expect(totalOf([['Контрагент', 'Срок оплаты', 'Сумма', 'Остаток'], ['ООО «Ромашка»', '01.11.2026', '12 345,67', '2 345,67']])).toBe(2345.67);
  });
});

describe('line-item exports', () => {
  const header = ['*ContactName', 'EmailAddress', '*InvoiceNumber', '*DueDate', 'Total', 'InvoiceAmountDue', 'LineAmount', 'Status'];

  it('counts an invoice repeated on each of its lines once, with one row of its own', () => {
    const rows: Cell[][] = [
      header,
      ['Bayside', 'ap@bayside.example', 'INV-1', '2026-11-01', 300, 300, 100, 'Awaiting Payment'],
      ['Bayside', 'ap@bayside.example', 'INV-1', '2026-11-01', 300, 300, 150, 'Awaiting Payment'],
      ['Bayside', 'ap@bayside.example', 'INV-1 ', '2026-11-01', 300, 300, 50, 'Awaiting Payment'],
      ['Ridgeway', 'ap@ridgeway.example', 'INV-2', '2026-11-01', 40, 40, 40, 'Awaiting Payment'],
      ['Ridgeway', 'ap@ridgeway.example', 'INV-3', '2026-11-01', 9, 9, 9, 'Draft'],
    ];
    const table = readInvoiceTable(rows, options);
    expect(Array.from({ length: table.size }, (_, i) => [invoiceAt(table, i).number, invoiceAt(table, i).row])).toEqual([
      ['INV-1', 2],
      ['INV-2', 5],
    ]);
    expect(Array.from(table.rowKinds)).toEqual([ROW_HEADER, 0, ROW_LINE, ROW_LINE, 1, -3]);
    expect(totalOf(rows)).toBe(340);
  });

  it('adds up lines that carry their own amounts, and keeps the same number of two customers apart', () => {
    const rows: Cell[][] = [
      ['Customer', 'Invoice #', 'Due', 'Amount'],
      ['Acme', 'A-1', '2026-11-01', 100],
      ['Acme', 'A-1', '2026-11-01', 25.5],
      ['Globex', 'A-1', '2026-11-01', 7],
    ];
    expect(invoices(rows).map((invoice) => [invoice.customer, invoice.amountCents])).toEqual([
      ['Acme', 12550],
      ['Globex', 700],
    ]);
  });

  it('names a line that cannot be read by its own row', () => {
    const table = readInvoiceTable([['Customer', 'Invoice #', 'Due', 'Amount'], ['Acme', 'A-1', '2026-11-01', 100], ['Acme', 'A-1', '2026-11-01', 'n/a']], options);
    expect(table.unreadable).toEqual([
      { row: 2, reason: 'row 2: its line in row 3 cannot be read (column "Amount": "n/a" is not an amount)' },
      { row: 3, reason: 'row 3, column "Amount": "n/a" is not an amount' },
    ]);
  });
});

describe('QuickBooks reports', () => {
  it('takes the customer from a row of its own, payments and credit memos as credits, sections and the footer as headings', () => {
    const rows: Cell[][] = [
      ['', 'Date', 'Transaction Type', 'Num', 'Due Date', 'Amount', 'Open Balance'],
      ['Cool Cars'],
      ['', '2026-10-15', 'Invoice', '1036', '2026-11-14', 2369.52, 2369.52],
      ['', '2026-11-05', 'Payment', '', '2026-11-05', 400, 400],
      ['', '2026-10-01', 'Credit Memo', '1033', '2026-10-01', -250, -250],
      ['Total for Cool Cars', '', '', '', '', '', 1719.52],
      ['Current'],
      ['', '2026-11-20', 'Invoice', '1043', '2026-12-20', 10, 10],
      [''],
      ['Accrual Basis Wednesday, November 25, 2026 09:41 AM GMT-08:00'],
    ];
    const table = readInvoiceTable(rows, options);
    expect(table.unreadable.map((entry) => entry.reason)).toEqual(['row 8, column "customer": no customer column, and no customer heading above this row (the row holds "2026-11-20", "Invoice", "1043", "2026-12-20")']);
    expect(Array.from({ length: table.size }, (_, i) => [invoiceAt(table, i).customer, invoiceAt(table, i).amountCents])).toEqual([
      ['Cool Cars', 236952],
      ['Cool Cars', -40000],
      ['Cool Cars', -25000],
    ]);
    expect([table.rowKinds[1], table.rowKinds[6], table.rowKinds[9]]).toEqual([ROW_HEADING, ROW_HEADING, ROW_HEADING]);
  });
});

describe('1C reports', () => {
  it('reads Контрагент, Документ (number and date), Эл. почта, Долг, and customers\' own lines above their documents', () => {
    const rows: Cell[][] = [
      ['Анализ дебиторской задолженности на 25.11.2026'],
      ['Контрагент', 'Документ', 'Срок оплаты', 'Сумма', 'Долг', 'Эл. почта'],
      ['ООО «Ромашка»', '', '', '250\u00a0000,00', '200\u00a0000,00', 'buh@romashka.example.ru'],
      ['', 'Реализация (акт, накладная) 00000123 от 02.09.2026', '02.10.2026', '150\u00a0000,00', '100\u00a0000,00', ''],
      ['', 'Счет на оплату № 145 от 15.10.2026 12:00:00', '', '100\u00a0000,00', '100\u00a0000,00', ''],
      ['', 'Поступление на расчетный счет 00000045 от 20.11.2026', '', '10\u00a0000,00', '-10\u00a0000,00', ''],
      ['Итого', '', '', '250\u00a0000,00', '190\u00a0000,00', ''],
    ];
    const read = invoices(rows, 'ru_RU');
    expect(read.map((invoice) => [invoice.customer, invoice.number, invoice.invoiceDay, invoice.amountCents - invoice.paidCents, invoice.email])).toEqual([
      ['ООО «Ромашка»', '00000123', day('2026-09-02'), 10_000_000, 'buh@romashka.example.ru'],
      ['ООО «Ромашка»', '145', day('2026-10-15'), 10_000_000, 'buh@romashka.example.ru'],
      ['ООО «Ромашка»', '00000045', day('2026-11-20'), -1_000_000, 'buh@romashka.example.ru'],
    ]);
    expect(read[1].dueDay).toBe(day('2026-11-14'));
    expect(age(rows, '2026-11-25', 'ru_RU').at(-1)?.at(-1)).toBe(190_000);
  });
});

describe('a sheet kept by hand', () => {
  it('reads "paid", "PAID 9/2" and "оплачено 02.09" in the paid-date column as paid, on that date when one is given', () => {
    const rows: Cell[][] = [
      ['Customer', 'Invoice date', 'Due', 'Amount', 'Paid date'],
      ['Acme', '2026-08-20', '2026-09-19', 100, 'paid'],
      ['Acme', '2026-08-20', '2026-09-19', 200, 'PAID 9/2'],
      ['Acme', '2026-08-20', '2026-09-19', 300, 'оплачено 02.09'],
      ['Acme', '2025-12-20', '2026-01-19', 400, 'Paid 1/5'],
      ['Acme', '2026-08-20', '2026-09-19', 500, ''],
    ];
    const read = invoices(rows);
    expect(read.map((invoice) => [invoice.paidCents, invoice.paidDay])).toEqual([
      [10000, null],
      [20000, day('2026-09-02')],
      [30000, day('2026-09-02')],
      [40000, day('2026-01-05')],
      [0, null],
    ]);
    // Paid on 2 September: still open in a report as of 1 September.
    expect(totalOf(rows, '2026-09-01')).toBe(1000);
  });

  it('reads trailing spaces in names as the same customer, and skips rows that hold nothing the table reads', () => {
    const rows: Cell[][] = [
      ['Customer', '', 'Due', 'Amount', 'Reminded', 'Notes', 'Comment'],
      ['Acme ', '', '2026-11-01', 100, false, '', ''],
      ['', '', '', '', false, 'called twice', 'no answer'],
      ['Acme', '', '2026-11-01', 50, false, '', ''],
    ];
    const table = readInvoiceTable(rows, options);
    expect(table.unreadable).toEqual([]);
    expect(age(rows).slice(1, -1)).toEqual([['Acme', 0, 150, 0, 0, 0, 150]]);
  });
});

describe('unreadable rows', () => {
  it('are each named in the report, not only the first three', () => {
    const rows: Cell[][] = [['Customer', 'Due date', 'Amount'], ...Array.from({ length: 5 }, (_, i): Cell[] => [`C${i}`, '2026-11-01', `bad${i}`])];
    const note = String(age(rows).at(-2)?.[0]);
    expect(note.startsWith('Skipped 5 unreadable rows: ')).toBe(true);
    for (let i = 0; i < 5; i++) expect(note).toContain(`row ${i + 2}, column "Amount": "bad${i}" is not an amount`);
  });

  it('include an amount too large to add up to the cent, and the total stays finite', () => {
    const rows: Cell[][] = [['Customer', 'Due date', 'Amount'], ['Acme', '2026-11-01', 1e308], ['Acme', '2026-11-01', '1e308'], ['Acme', '2026-11-01', 10]];
    const table = readInvoiceTable(rows, options);
    expect(table.unreadable.map((entry) => entry.reason)).toEqual([
      'row 2, column "Amount": 1e+308 is too large to add up exactly to the cent',
      'row 3, column "Amount": "1e308" is not an amount',
    ]);
    expect(totalOf(rows)).toBe(10);
  });
});

describe('dates as exports write them', () => {
  it('reads month names in English and Russian, and a 1C date with its time', () => {
    const rows: Cell[][] = [
      ['Customer', 'Invoice date', 'Due date', 'Amount'],
      ['Acme', '02 Sep 2026', 'Oct 2, 2026', 1],
      ['Acme', '2 сентября 2026 г.', '02.10.2026 0:00:00', 1],
      ['Acme', 'September 2, 2026', '2-Oct-2026', 1],
    ];
    expect(invoices(rows).map((invoice) => [invoice.invoiceDay, invoice.dueDay])).toEqual(Array(3).fill([day('2026-09-02'), day('2026-10-02')]));
    expect(readInvoiceTable([rows[0], ['Acme', '31 Sep 2026', '', 1], ['Acme', '2 Smarch 2026', '', 1]], options).unreadable.map((entry) => entry.reason)).toEqual([
      'row 2, column "Invoice date": "31 Sep 2026" is not a date',
      'row 3, column "Invoice date": "2 Smarch 2026" is not a date',
    ]);
  });
});

describe('1C reports with a header of several rows and one column of levels', () => {
  const NBSP = '\u00a0';
  // "Оборотно-сальдовая ведомость по счету 62": Счет over Контрагенты over Документы расчетов с контрагентами; each side as Дебет | Кредит.
  const trialBalance: Cell[][] = [
    ['ООО «Альфа»'],
    ['Оборотно-сальдовая ведомость по счету 62 за 01.11.2026 - 25.11.2026'],
    ['Выводимые данные: БУ (данные бухгалтерского учета)'],
    [''],
    ['Счет', 'Сальдо на начало периода', '', 'Обороты за период', '', 'Сальдо на конец периода', ''],
    ['Контрагенты', 'Дебет', 'Кредит', 'Дебет', 'Кредит', 'Дебет', 'Кредит'],
    ['Договоры', '', '', '', '', '', ''],
    ['Документы расчетов с контрагентами', '', '', '', '', '', ''],
    ['62', 1400, '', 600, 400, 1600, 100],
    ['62.01', 1400, '', 600, 300, 1600, ''],
    ['ООО «Ромашка»', 1400, '', 600, 300, 1600, ''],
    ['Договор поставки № 12 от 01.01.2026', 1400, '', 600, 300, 1600, ''],
    ['Реализация (акт, накладная) 00000123 от 02.09.2026 0:00:00', 1000, '', '', '', 1000, ''],
    ['Реализация (акт, накладная) 00000101 от 15.08.2026 0:00:00', 400, '', '', 300, 100, ''],
    ['Счет на оплату № 145 от 05.11.2026 12:00:00', '', '', 600, '', `5${NBSP}00,00`, ''],
    ['62.02', '', '', '', 100, '', 100],
    ['ООО «Ромашка»', '', '', '', 100, '', 100],
    ['Основной договор', '', '', '', 100, '', 100],
    ['Поступление на расчетный счет 00000045 от 20.11.2026', '', '', '', 100, '', 100],
    ['Итого', 1400, '', 600, 400, 1600, 100],
  ];

  it('reads the trial balance for account 62: what is owed is the closing debit less the closing credit of each document', () => {
    const table = readInvoiceTable(trialBalance, { ...options, locale: 'ru_RU' });
    expect(table.unreadable).toEqual([]);
    expect(Array.from({ length: table.size }, (_, i) => invoiceAt(table, i)).map((invoice) => [invoice.row, invoice.customer, invoice.number, invoice.invoiceDay, invoice.amountCents - invoice.paidCents])).toEqual([
      [13, 'ООО «Ромашка»', '00000123', day('2026-09-02'), 100_000],
      [14, 'ООО «Ромашка»', '00000101', day('2026-08-15'), 10_000],
      [15, 'ООО «Ромашка»', '145', day('2026-11-05'), 50_000],
      [19, 'ООО «Ромашка»', '00000045', day('2026-11-20'), -10_000],
    ]);
    // The header's rows, then accounts, the counterparty and contracts with their subtotals: never invoices.
    expect(Array.from(table.rowKinds.subarray(4, 12))).toEqual([ROW_HEADER, ROW_HEADER, ROW_HEADER, ROW_HEADER, ROW_SUMMARY, ROW_SUMMARY, ROW_SUMMARY, ROW_SUMMARY]);
    expect(age(trialBalance, '2026-11-25', 'ru_RU').at(-1)?.at(-1)).toBe(1500);
  });

  it('names a document line that cannot be read by its row and the column of levels', () => {
    const rows = trialBalance.slice(0, 11).concat([
      ['Реализация (акт, накладная) 00000150', '', '', 50, '', 50, ''],
      ['Корректировка долга от 15.10.2026', '', '', '', '', 'много', ''],
      ['Корректировка долга 7 от 15.10.2026', '', '', '', '', '', 'мало'],
      // A counterparty whose name starts as a document's kind might is a counterparty.
      ['Акт Групп ООО', '', '', 70, '', 70, ''],
      ['Реализация (акт, накладная) 00000160 от 16.11.2026', '', '', 70, '', 70, ''],
    ]);
    const table = readInvoiceTable(rows, { ...options, locale: 'ru_RU' });
    expect(table.unreadable.map((entry) => entry.reason)).toEqual([
      'row 12, column "Документы расчетов с контрагентами": "Реализация (акт, накладная) 00000150" has no date (such as "№ 145 от 02.09.2026")',
      'row 13, column "Сальдо на конец периода Дебет": "много" is not an amount',
      'row 14, column "Сальдо на конец периода Кредит": "мало" is not an amount',
    ]);
    expect(table.customer.slice(0, table.size)).toEqual(['Акт Групп ООО']);
    const noCounterparty = trialBalance.slice(0, 10).concat([['Реализация (акт, накладная) 00000123 от 02.09.2026', 1, '', '', '', 1, '']]);
    expect(readInvoiceTable(noCounterparty, { ...options, locale: 'ru_RU' }).unreadable.map((entry) => entry.reason)).toEqual([
      'row 11, column "Контрагенты": "Реализация (акт, накладная) 00000123 от …" is a document with no counterparty line above it',
    ]);
  });

  it('reads "Анализ дебиторской задолженности": Контрагент over Документ расчетов, Задолженность split into Всего and в т.ч. просрочено', () => {
    const rows: Cell[][] = [
      ['Анализ дебиторской задолженности на 25.11.2026'],
      [''],
      ['Контрагент', 'Срок оплаты', 'Сумма документа', 'Оплачено', 'Задолженность', '', 'Эл. почта'],
      ['Документ расчетов', '', '', '', 'Всего', 'в т.ч. просрочено', ''],
      ['ООО «Берёзка»', '', `80${NBSP}500,00`, '', `80${NBSP}500,00`, `80${NBSP}500,00`, 'info@berezka.example.ru'],
      ['Реализация товаров и услуг 00000117 от 20.08.2026 0:00:00', '19.09.2026', `80${NBSP}500,00`, '', `80${NBSP}500,00`, `80${NBSP}500,00`, ''],
      ['ИП Сидорова Мария Ивановна', '', `12${NBSP}345,67`, `2${NBSP}345,67`, `10${NBSP}000,00`, '', 'sidorova@example.ru'],
      ['Реализация (акт, накладная) 00000150 от 10.11.2026 12:00:00', '10.12.2026', `12${NBSP}345,67`, `2${NBSP}345,67`, `10${NBSP}000,00`, '', ''],
      ['Итого', '', `92${NBSP}845,67`, `2${NBSP}345,67`, `90${NBSP}500,00`, `80${NBSP}500,00`, ''],
    ];
    const table = readInvoiceTable(rows, { ...options, locale: 'ru_RU' });
    expect(table.unreadable).toEqual([]);
    expect(table.balanceConflicts.count).toBe(0);
    expect(Array.from({ length: table.size }, (_, i) => invoiceAt(table, i)).map((invoice) => [invoice.customer, invoice.number, invoice.invoiceDay, invoice.dueDay, invoice.amountCents - invoice.paidCents, invoice.email])).toEqual([
      ['ООО «Берёзка»', '00000117', day('2026-08-20'), day('2026-09-19'), 8_050_000, 'info@berezka.example.ru'],
      ['ИП Сидорова Мария Ивановна', '00000150', day('2026-11-10'), day('2026-12-10'), 1_000_000, 'sidorova@example.ru'],
    ]);
    expect(table.summaryRows).toBe(3);
  });

  it('reads a balance split into Дебет and Кредит in a header of one row too', () => {
    const rows: Cell[][] = [
      ['Контрагент', 'Документ', 'Сальдо на конец периода Дебет', 'Сальдо на конец периода Кредит'],
      ['ООО «Ромашка»', 'Реализация (акт, накладная) 00000123 от 02.09.2026', '1 000,00', ''],
      ['ООО «Ромашка»', 'Поступление на расчетный счет 00000045 от 20.11.2026', '', '250,00'],
    ];
    expect(invoices(rows, 'ru_RU').map((invoice) => invoice.amountCents - invoice.paidCents)).toEqual([100_000, -25_000]);
  });

  it('leaves a one-row header as it was: a section heading such as "Просрочено" under it is no part of it', () => {
    const rows: Cell[][] = [['', 'Customer', 'Due date', 'Amount'], ['Просрочено', '', '', ''], ['', 'Acme', '2026-11-01', 5]];
    const table = readInvoiceTable(rows, options);
    expect(Array.from(table.rowKinds)).toEqual([ROW_HEADER, ROW_HEADING, 0]);
  });
});

describe('line items that do not stand together', () => {
  const header = ['*ContactName', '*InvoiceNumber', '*DueDate', 'Total', 'InvoiceAmountDue', '*Description', 'LineAmount', 'Currency'];

  it('are one invoice wherever they are, when the rows of one invoice repeat its totals', () => {
    const rows: Cell[][] = [
      header,
      ['Bayside', 'INV-1', '2026-11-01', 300, 300, 'Pitch hire', 100, 'GBP'],
      ['Ridgeway', 'INV-2', '2026-11-01', 40, 40, 'Kit', 40, 'GBP'],
      ['Bayside', 'INV-1', '2026-11-01', 300, 300, 'Floodlights', 150, 'GBP'],
      ['Ridgeway', 'INV-3', '2026-11-01', 9, 9, 'Balls', 9, 'GBP'],
      ['Bayside', ' INV-1', '2026-11-01', 300, 300, 'Lines', 50, 'GBP'],
      // The same number for another customer, or in another currency, is another invoice.
      ['Ridgeway', 'INV-1', '2026-11-01', 7, 7, 'Cones', 7, 'GBP'],
      ['Bayside', 'INV-1', '2026-11-01', 11, 11, 'Nets', 11, 'EUR'],
    ];
    const table = readInvoiceTable(rows, options);
    expect(table.unreadable).toEqual([]);
    expect(Array.from(table.rowKinds)).toEqual([ROW_HEADER, 0, 1, ROW_LINE, 2, ROW_LINE, 3, 4]);
    expect(Array.from({ length: table.size }, (_, i) => [invoiceAt(table, i).customer, invoiceAt(table, i).number, invoiceAt(table, i).amountCents])).toEqual([
      ['Bayside', 'INV-1', 30000],
      ['Ridgeway', 'INV-2', 4000],
      ['Ridgeway', 'INV-3', 900],
      ['Ridgeway', 'INV-1', 700],
      ['Bayside', 'INV-1', 1100],
    ]);
  });

  it('are refused, naming both rows and the columns, when a line of an invoice counted before gives other totals', () => {
    const rows: Cell[][] = [
      header,
      ['Bayside', 'INV-1', '2026-11-01', 300, 300, 'Pitch hire', 100, 'GBP'],
      ['Ridgeway', 'INV-2', '2026-11-01', 40, 40, 'Kit', 40, 'GBP'],
      ['Bayside', 'INV-1', '2026-11-01', 300, 120, 'Floodlights', 150, 'GBP'],
      ['Ridgeway', 'INV-3', '2026-11-01', 9, 9, 'Balls', 9, 'GBP'],
      ['Bayside', 'INV-1', '2026-11-01', 250, 250, 'Lines', 50, 'GBP'],
    ];
    const table = readInvoiceTable(rows, options);
    expect(table.unreadable.map((entry) => entry.reason)).toEqual([
      'row 4, column "InvoiceAmountDue": 120.00, but 300.00 in row 2, the same invoice "INV-1" of Bayside in GBP: the rows of one invoice must repeat its totals, or stand together to be added up',
      'row 6, column "Total": 250.00, but 300.00 in row 2, the same invoice "INV-1" of Bayside in GBP; column "InvoiceAmountDue": 250.00, but 300.00 there: the rows of one invoice must repeat its totals, or stand together to be added up',
    ]);
    expect(table.size).toBe(3);
  });

  it('in a table of invoices (no line columns) rows with one number are merged only when they stand together, as before', () => {
    const rows: Cell[][] = [
      ['Customer', 'Invoice #', 'Due', 'Amount'],
      ['Acme', 'A-1', '2026-11-01', 100],
      ['Globex', 'G-1', '2026-11-01', 7],
      ['Acme', 'A-1', '2026-11-01', 100],
    ];
    expect(readInvoiceTable(rows, options).size).toBe(3);
  });
});

describe('QuickBooks and Xero headers in Russian', () => {
  it('recognises the columns of a QuickBooks report and a Xero export with their headers in Russian', () => {
    const quickBooks = readInvoiceTable(
      [
        ['Дата', 'Тип транзакции', 'Номер', 'Имя клиента', 'Срок оплаты', 'Сумма', 'Открытый остаток'],
        ['10.10.2026', 'Счет', '1030', 'Amy', '10.11.2026', '630,00', '130,00'],
        ['11.11.2026', 'Платеж', '', 'Amy', '11.11.2026', '30,00', '30,00'],
      ],
      { ...options, locale: 'ru_RU' },
    );
    expect(Array.from({ length: quickBooks.size }, (_, i) => invoiceAt(quickBooks, i)).map((invoice) => [invoice.customer, invoice.number, invoice.amountCents - invoice.paidCents])).toEqual([
      ['Amy', '1030', 13000],
      ['Amy', '', -3000],
    ]);
    const xero = readInvoiceTable(
      [
        ['*Имя контакта', 'Адрес эл. почты', '*Номер счета', '*Дата счета', '*Срок оплаты', 'Итого', 'Оплаченная сумма', 'Остаток к оплате', 'Описание', 'Валюта', 'Статус'],
        ['Bayside', 'ap@bayside.example', 'INV-1', '02.09.2026', '02.10.2026', '300,00', '100,00', '200,00', 'Pitch', 'GBP', 'Ожидает оплаты'],
        ['Bayside', 'ap@bayside.example', 'INV-1', '02.09.2026', '02.10.2026', '300,00', '100,00', '200,00', 'Lights', 'GBP', 'Ожидает оплаты'],
      ],
      { ...options, locale: 'ru_RU' },
    );
    expect(Object.fromEntries(Object.entries(xero.columns).map(([field, column]) => [field, column.header]))).toMatchObject({
      customer: '*Имя контакта',
      email: 'Адрес эл. почты',
      invoiceNumber: '*Номер счета',
      amount: 'Итого',
      paidAmount: 'Оплаченная сумма',
      balance: 'Остаток к оплате',
      currency: 'Валюта',
    });
    expect(xero.size).toBe(1);
    expect(invoiceAt(xero, 0).amountCents - invoiceAt(xero, 0).paidCents).toBe(20000);
  });
});

describe('Russian words in statuses, sections and totals', () => {
  it('reads every ending of Оплачено, Отменено, Спорный, and Russian sections and totals as such', () => {
    const rows: Cell[][] = [
      ['', 'Клиент', 'Срок оплаты', 'Сумма', 'Статус'],
      ['Текущие'],
      ['', 'Acme', '2026-11-01', 100, 'Оплачено'],
      ['', 'Acme', '2026-11-01', 200, 'Оплачена'],
      ['', 'Acme', '2026-11-01', 300, 'Отменено'],
      ['', 'Acme', '2026-11-01', 400, 'Спорный'],
      ['91 и более дней'],
      ['Более 90 дней'],
      ['Не просрочено'],
      ['', 'Globex', '2026-11-01', 50, ''],
      ['Итого для Acme', '', '', 1000, ''],
      ['Промежуточный итог', '', '', 1000, ''],
      ['', 'Globex промежуточный итог', '', 50, ''],
    ];
    const table = readInvoiceTable(rows, options);
    expect(table.unreadable).toEqual([]);
    expect(table.summaryRows).toBe(3);
    expect(Array.from({ length: table.size }, (_, i) => invoiceAt(table, i)).map((invoice) => [invoice.customer, invoice.amountCents - invoice.paidCents, invoice.disputed])).toEqual([
      ['Acme', 0, false],
      ['Acme', 0, false],
      ['Acme', 40000, true],
      ['Globex', 5000, false],
    ]);
    expect([1, 6, 7, 8].map((row) => table.rowKinds[row])).toEqual([ROW_HEADING, ROW_HEADING, ROW_HEADING, ROW_HEADING]);
    // Where customers are named on rows of their own, a Russian section heading never takes a customer's place.
    const grouped = readInvoiceTable(
      [
        ['', 'Дата', 'Тип транзакции', 'Номер', 'Срок оплаты', 'Сумма', 'Открытый остаток'],
        ['Cool Cars'],
        ['91 и более дней'],
        ['', '2026-05-15', 'Счет', '1001', '2026-06-14', 10, 10],
        ['Более 90 дней'],
        ['Текущие'],
        ['Не просрочено'],
        ['', '2026-11-15', 'Счет', '1002', '2026-12-14', 5, 5],
        ['Итого для Cool Cars', '', '', '', '', 15, 15],
      ],
      options,
    );
    expect(grouped.unreadable).toEqual([]);
    expect(grouped.customer.slice(0, grouped.size)).toEqual(['Cool Cars', 'Cool Cars']);
  });
});

describe('lines written for people (issue 23, item 1)', () => {
  const fixture = (name: string): Cell[][] =>
    Papa.parse<string[]>(readFileSync(join(__dirname, '../fixtures/exports', name), 'utf8'), { skipEmptyLines: false }).data;
  const notesOf = (report: ReturnType<typeof age>) => report.filter((row) => typeof row[0] === 'string' && row.slice(1).every((cell) => cell === '')).map((row) => row[0]);

  it('QuickBooks Desktop A/R Aging Detail: "Total Current", "Total 1 - 30" … "Total > 90" and TOTAL are totals, the sections headings, nothing unreadable', () => {
    const rows = fixture('quickbooks-desktop-ar-aging-detail.csv');
    const table = readInvoiceTable(rows, options);
    expect(table.unreadable).toEqual([]);
    expect(table.summaryRows).toBe(6);
    const report = age(rows);
    expect(notesOf(report)).toEqual(['Ignored 6 total rows (Total, Subtotal, Итого): not counted']);
    // The file's own TOTAL line.
    expect(report.at(-1)?.at(-1)).toBe(5305);
  });

  it('Xero Aged Receivables Detail: title, "As at" and basis lines above, "Total <contact>", Total and "Percentage of total" below, nothing unreadable', () => {
    const rows = fixture('xero-aged-receivables-detail.csv');
    const table = readInvoiceTable(rows, options);
    expect(table.unreadable).toEqual([]);
    expect(invoices(rows).map((invoice) => [invoice.customer, invoice.number])).toEqual([
      ['Bayside Club', 'INV-0012'],
      ['Bayside Club', 'INV-0007'],
      ['Fernwood Yoga LLC', 'INV-0004'],
    ]);
    const report = age(rows);
    expect(report.at(-1)?.at(-1)).toBe(2064);
    expect(notesOf(report)).toEqual(['Ignored 4 total rows (Total, Subtotal, Итого): not counted']);
  });

  it('a tracker kept by hand: the "Outstanding" line is a total and the note below a line of its own, while "Total Logistics Ltd" stays a customer', () => {
    const rows = fixture('tracker-outstanding.csv');
    const table = readInvoiceTable(rows, options);
    expect(table.unreadable).toEqual([]);
    expect(invoices(rows).map((invoice) => invoice.customer)).toEqual(['Acme Ltd', 'Globex', 'Bayside Club', 'Total Logistics Ltd']);
    expect(age(rows).at(-1)?.at(-1)).toBe(3749);
  });

  it('1C: "Итого" and "Итого по контрагенту" are totals; a footer with the date it was made a line of its own', () => {
    const rows: Cell[][] = [
      ['Контрагент', 'Документ', 'Срок оплаты', 'Долг'],
      ['ООО «Ромашка»', 'Реализация 00000123 от 02.09.2026', '02.10.2026', '1 200,00'],
      ['Итого по контрагенту ООО «Ромашка»', '', '', '1 200,00'],
      ['Итого', '', '', '1 200,00'],
      ['Дата формирования: 25.11.2026 10:15:00', '', '', ''],
    ];
    const table = readInvoiceTable(rows, { ...options, locale: 'ru_RU' });
    expect(table.unreadable).toEqual([]);
    expect(table.summaryRows).toBe(2);
  });

  it('calls a row unreadable only when it is an invoice with a cell that cannot be read, naming the row and what it holds', () => {
    const rows: Cell[][] = [
      ['Customer', 'Invoice #', 'Due', 'Amount', 'Notes'],
      ['Acme Ltd', 'A-1', '2026-11-01', 'lots', ''],
      ['', 'A-2', '2026-11-01', 40, ''],
      ['Percentage of total', '', '', '100%', ''],
      ['To do:', '', '', '', 'call Globex on Monday'],
    ];
    const table = readInvoiceTable(rows, options);
    expect(table.unreadable.map((entry) => entry.reason)).toEqual([
      'row 2, column "Amount": "lots" is not an amount',
      'row 3, column "Customer": is empty (the row holds "A-2", "2026-11-01", 40)',
    ]);
    expect(Array.from(table.rowKinds).slice(3)).toEqual([ROW_SUMMARY, ROW_HEADING]);
  });
});
