// The examples/ files, one per source (QuickBooks Online, Xero, 1C, a sheet
// kept by hand), imported as Sheets imports them and read by AR_AGING in
// the built add-on: the open balance per customer and in total must be what
// each file itself states. The expected figures are read from the files with
// a plain CSV/XLSX reader here, never from the add-on's own reading.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import readXlsxFile from 'read-excel-file/node';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../runtime/workbook';
import { zonedInstant } from '../../runtime/index';
import { loadAddon, projectRoot, savePolicy, storedRows } from '../support/addon';
import { firstInvoiceSheet } from '../../sandbox/workbookFile';
import writeExcelFile from 'write-excel-file/node';

const example = (name: string) => (name.startsWith('/') ? name : join(projectRoot, 'examples', name));

/** "$1,212.50", "-250.00", "1 234 567,89" (no-break spaces), "(100.00)" as cents. */
function cents(text: unknown, decimalComma = false): number {
  if (typeof text === 'number') return Math.round(text * 100);
  let body = String(text).replace(/[\s\u00a0$£₽]/g, '');
  const negative = /^\(.*\)$/.test(body) || body.startsWith('-');
  body = body.replace(/[()-]/g, '');
  body = decimalComma ? body.replace(/\./g, '').replace(',', '.') : body.replace(/,/g, '');
  const value = Math.round(Number(body) * 100);
  if (!Number.isFinite(value)) throw new Error(`not an amount: ${String(text)}`);
  return negative ? -value : value;
}

function csvRows(name: string): string[][] {
  return Papa.parse<string[]>(readFileSync(example(name), 'utf8'), { skipEmptyLines: true }).data;
}

/** The add-on's AR_AGING over the whole imported sheet (title lines and all), as a customer → total map in cents, and its notes. */
async function agingOf(name: string, locale: string, asOf: string) {
  const addon = loadAddon({ locale, timeZone: 'Europe/London' });
  // As `npm start` opens a file: from an .xlsx, the first worksheet with an invoice table.
  await importFile(addon.spreadsheet, example(name), 'Invoices', firstInvoiceSheet);
  const [y, m, d] = asOf.split('-');
  const report = addon.spreadsheet.addSheet('Report');
  report.face().getRange('A1').setFormula(`=AR_AGING('Invoices'!A1:AA, DATE(${y},${+m},${+d}))`);
  const [result] = addon.runtime.recalculate(addon.spreadsheet);
  expect(result.error).toBeNull();
  const rows = report.values.filter((row) => row[0] !== '' && row[0] !== undefined);
  const header = rows[0] as string[];
  // "Total (USD)": the header names the currency when the table has one.
  const totalAt = header.findIndex((name) => /^Total( \([A-Z]{3}\))?$/.test(name));
  const byCustomer = new Map<string, number>();
  const notes: string[] = [];
  for (const row of rows.slice(1)) {
    if (typeof row[totalAt] === 'number') byCustomer.set(String(row[0]), Math.round((row[totalAt] as number) * 100));
    else notes.push(String(row[0]));
  }
  return { byCustomer, notes, total: byCustomer.get('Total') };
}

/** Customer → cents, without the Total line. */
function customersOf(map: Map<string, number>): Record<string, number> {
  return Object.fromEntries([...map].filter(([customer]) => customer !== 'Total'));
}

function sumBy(entries: Array<[string, number]>): Record<string, number> {
  const sums: Record<string, number> = {};
  for (const [key, value] of entries) sums[key] = (sums[key] ?? 0) + value;
  return Object.fromEntries(Object.entries(sums).filter(([, value]) => value !== 0));
}

describe('exports read to the cent', () => {
  it('QuickBooks Online A/R Aging Detail: Open Balance, not Amount; sections, totals and the footer left out', async () => {
    const rows = csvRows('quickbooks-ar-aging-detail.csv');
    const header = rows.find((row) => row.includes('Open Balance'))!;
    const [customerAt, openAt] = [header.indexOf('Customer'), header.indexOf('Open Balance')];
    const stated = cents(rows.find((row) => row[0] === 'TOTAL')![openAt]);
    const perCustomer = sumBy(rows.filter((row) => /^\d/.test(row[1] ?? '')).map((row) => [row[customerAt], cents(row[openAt])]));
    expect(Object.values(perCustomer).reduce((a, b) => a + b)).toBe(stated);

    const aging = await agingOf('quickbooks-ar-aging-detail.csv', 'en_US', '2026-11-25');
    expect(aging.total).toBe(stated);
    expect(customersOf(aging.byCustomer)).toEqual(perCustomer);
    expect(aging.notes.some((note) => note.startsWith('Skipped'))).toBe(false);
    expect(aging.notes).toContain(`Ignored ${rows.filter((row) => /^total\b/i.test(row[0])).length} total rows (Total, Subtotal, Итого): not counted`);
  });

  it('QuickBooks Online Open Invoices: each customer named on a row of its own, payments and credit memos as credits', async () => {
    const rows = csvRows('quickbooks-open-invoices.csv');
    const openAt = rows.find((row) => row.includes('Open Balance'))!.indexOf('Open Balance');
    const stated = Object.fromEntries(
      rows.filter((row) => row[0].startsWith('Total for ')).map((row) => [row[0].slice('Total for '.length), cents(row[openAt])]),
    );
    const aging = await agingOf('quickbooks-open-invoices.csv', 'en_US', '2026-11-25');
    expect(customersOf(aging.byCustomer)).toEqual(stated);
    expect(aging.total).toBe(cents(rows.find((row) => row[0] === 'TOTAL')![openAt]));
    expect(aging.notes.some((note) => note.startsWith('Skipped'))).toBe(false);
  });

  it('QuickBooks Online Invoice List: Name as the customer, paid invoices at zero', async () => {
    const rows = csvRows('quickbooks-invoice-list.csv');
    const header = rows.find((row) => row.includes('Open Balance'))!;
    const [nameAt, openAt] = [header.indexOf('Name'), header.indexOf('Open Balance')];
    const perCustomer = sumBy(rows.filter((row) => /^\d/.test(row[0])).map((row) => [row[nameAt], cents(row[openAt])]));
    const aging = await agingOf('quickbooks-invoice-list.csv', 'en_US', '2026-11-25');
    expect(customersOf(aging.byCustomer)).toEqual(perCustomer);
    expect(aging.total).toBe(cents(rows.find((row) => row[0] === 'TOTAL')![openAt]));
  });

  it("Xero's sales-invoice export: one row per line item, each invoice's amount due counted once; drafts, voided and deleted left out", async () => {
    const rows = csvRows('xero-sales-invoices.csv');
    const header = rows[0];
    const at = (name: string) => header.indexOf(name);
    const counted = new Set<string>();
    const due: Array<[string, number]> = [];
    for (const row of rows.slice(1)) {
      if (/^(draft|voided|deleted)$/i.test(row[at('Status')]) || counted.has(row[at('*InvoiceNumber')])) continue;
      counted.add(row[at('*InvoiceNumber')]);
      due.push([row[at('*ContactName')], cents(row[at('InvoiceAmountDue')])]);
    }
    const perCustomer = sumBy(due);
    const aging = await agingOf('xero-sales-invoices.csv', 'en_GB', '2026-11-25');
    expect(customersOf(aging.byCustomer)).toEqual(perCustomer);
    expect(aging.total).toBe(due.reduce((sum, [, value]) => sum + value, 0));
    // Counting each line as an invoice would give far more than is due.
    const everyLine = rows.slice(1).filter((row) => !/^(draft|voided|deleted)$/i.test(row[at('Status')])).reduce((sum, row) => sum + cents(row[at('InvoiceAmountDue')]), 0);
    expect(aging.total).toBeLessThan(everyLine);
  });

  it("Xero's export sorted by line (Description): each invoice's lines apart from one another still count once", async () => {
    const rows = csvRows('xero-sales-invoices.csv');
    const at = rows[0].indexOf('*Description');
    const sorted = [rows[0], ...rows.slice(1).sort((a, b) => a[at].localeCompare(b[at]))];
    const numberAt = rows[0].indexOf('*InvoiceNumber');
    // Sorted so, some invoice's lines no longer stand together.
    expect(sorted.slice(1).some((row, i, all) => i > 1 && row[numberAt] === all[i - 2][numberAt] && all[i - 1][numberAt] !== row[numberAt])).toBe(true);
    const file = join(mkdtempSync(join(tmpdir(), 'xero-')), 'xero-sorted.csv');
    writeFileSync(file, Papa.unparse(sorted));
    const original = await agingOf('xero-sales-invoices.csv', 'en_GB', '2026-11-25');
    const shuffled = await agingOf(file, 'en_GB', '2026-11-25');
    expect(shuffled.byCustomer).toEqual(original.byCustomer);
    expect(shuffled.notes.some((note) => note.startsWith('Skipped'))).toBe(false);
  });

  it('1C "Задолженность покупателей" saved as .xlsx: documents under their customer, amounts as text, Итого left out', async () => {
    const [{ data }] = await readXlsxFile(example('1c-zadolzhennost-pokupatelej.xlsx'));
    const header = data.find((row) => row.includes('Долг'))!;
    const [customerAt, debtAt] = [header.indexOf('Контрагент'), header.indexOf('Долг')];
    const body = data.slice(data.indexOf(header) + 1);
    const stated = Object.fromEntries(
      body.filter((row) => row[customerAt] && row[customerAt] !== 'Итого').map((row) => [String(row[customerAt]), cents(row[debtAt], true)]),
    );
    const aging = await agingOf('1c-zadolzhennost-pokupatelej.xlsx', 'ru_RU', '2026-11-25');
    expect(customersOf(aging.byCustomer)).toEqual(stated);
    expect(aging.total).toBe(cents(body.find((row) => row[customerAt] === 'Итого')![debtAt], true));
    expect(aging.notes.some((note) => note.startsWith('Skipped'))).toBe(false);
  });

  it('1C "Оборотно-сальдовая ведомость по счету 62" saved as .xlsx: the closing debit less credit of each document, counterparties and accounts as headings', async () => {
    const [{ data }] = await readXlsxFile(example('1c-osv-62.xlsx'));
    const header = data.find((row) => row.includes('Сальдо на конец периода'))!;
    const [debitAt, creditAt] = [header.indexOf('Сальдо на конец периода'), header.indexOf('Сальдо на конец периода') + 1];
    const body = data.slice(data.indexOf(header) + 3);
    const closing = (row: unknown[]) => (row[debitAt] === null ? 0 : cents(row[debitAt])) - (row[creditAt] === null ? 0 : cents(row[creditAt]));
    // Counterparties' lines (neither an account, a document nor Итого) state each one's balance, under each account they appear in.
    const isCounterparty = (row: unknown[]) => !/^(\d{2}(\.\d{2})?|Итого|Реализация .*|Поступление .*)$/.test(String(row[0]));
    const stated = sumBy(body.filter(isCounterparty).map((row) => [String(row[0]), closing(row)]));
    expect(Object.keys(stated)).toHaveLength(3);
    const aging = await agingOf('1c-osv-62.xlsx', 'ru_RU', '2026-11-25');
    expect(customersOf(aging.byCustomer)).toEqual(stated);
    expect(aging.total).toBe(closing(body.find((row) => row[0] === 'Итого')!));
    expect(aging.notes.some((note) => note.startsWith('Skipped'))).toBe(false);
  });

  it('1C "Анализ дебиторской задолженности" saved as .xlsx: Задолженность Всего per document, with due dates; counterparties with their email as headings', async () => {
    const [{ data }] = await readXlsxFile(example('1c-analiz-debitorskoj-zadolzhennosti.xlsx'));
    const header = data.find((row) => row.includes('Задолженность'))!;
    const [debtAt, emailAt] = [header.indexOf('Задолженность'), header.indexOf('Эл. почта')];
    const body = data.slice(data.indexOf(header) + 2);
    const counterparties = body.filter((row) => row[emailAt] !== null);
    const stated = Object.fromEntries(counterparties.map((row) => [String(row[0]), cents(row[debtAt], true)]));
    const aging = await agingOf('1c-analiz-debitorskoj-zadolzhennosti.xlsx', 'ru_RU', '2026-11-25');
    expect(customersOf(aging.byCustomer)).toEqual(stated);
    expect(aging.total).toBe(cents(body.find((row) => row[0] === 'Итого')![debtAt], true));
    expect(aging.notes.some((note) => note.startsWith('Skipped'))).toBe(false);
  });

  it('a sheet kept by hand: a heading above the header, spacer columns, subtotals, notes, "paid" in the paid-date column', async () => {
    const rows = csvRows('hand-kept.csv');
    const owedAt = rows.find((row) => row.includes('Owed'))!.indexOf('Owed');
    const stated = Object.fromEntries(
      rows.filter((row) => / subtotal$/.test(row[0])).map((row) => [row[0].replace(/ subtotal$/, ''), cents(row[owedAt])]),
    );
    const aging = await agingOf('hand-kept.csv', 'en_US', '2026-11-25');
    expect(customersOf(aging.byCustomer)).toEqual(stated);
    expect(aging.total).toBe(cents(rows.find((row) => row[0] === 'Total')![owedAt]));
    expect(aging.notes.some((note) => note.startsWith('Skipped'))).toBe(false);
  });
});

describe('every function finds the header below title lines', () => {
  const titled = [
    ['Receivables', '', '', '', ''],
    ['As of November 25, 2026', '', '', '', ''],
    ['', '', '', '', ''],
    ['Customer', 'Invoice date', 'Due date', 'Amount', 'Paid date'],
    ['Acme', '2026-09-01', '2026-10-01', 100, '2026-10-05'],
    ['Acme', '2026-10-01', '2026-10-31', 250, ''],
    ['Globex', '2026-11-01', 'someday', 80, ''],
  ];

  it('reads the same invoices with the title lines as without, and row numbers are the range\'s rows', () => {
    const addon = loadAddon();
    const withTitles = addon.table(titled);
    const bare = addon.table(titled.slice(3));
    for (const name of ['AR_AGING', 'AR_FORECAST', 'AR_CUSTOMERS', 'AR_DSO', 'AR_BEST_DSO', 'AR_ADD', 'AR_CEI']) {
      const shifted = JSON.stringify(addon.call(name, bare, addon.date('2026-11-25'))).replaceAll('row 4,', 'row 7,');
      expect(JSON.stringify(addon.call(name, withTitles, addon.date('2026-11-25'))), name).toBe(shifted);
    }
    for (const name of ['AR_DAYS_OVERDUE', 'AR_BUCKET', 'AR_EXPECTED_DATE', 'AR_LATE_FEE']) {
      const column = addon.call(name, withTitles, addon.date('2026-11-25')) as unknown[][];
      expect(column.length, name).toBe(titled.length);
      expect(column.slice(0, 3).flat(), name).toEqual(['', '', '']);
      expect(typeof column[3][0], name).toBe('string');
      expect(column[4][0], name).toBe('');
      expect(column[5][0], name).not.toBe('');
      expect(column[6][0], name).toBe('row 7, column "Due date": "someday" is not a date');
    }
  });

  it('says, when there is no header, what the first rows hold and what is missing', () => {
    const addon = loadAddon();
    expect(() => addon.call('AR_AGING', addon.table([['Open Invoices'], ['As of November 25, 2026'], ['Customer', 'Num', 'Open Balance'], ['Acme', '7', 10]]))).toThrow(
      'AR_AGING: no due date or invoice date column (headers: Customer, Num, Open Balance, in row 3); rows above it: row 1: "Open Invoices"; row 2: "As of November 25, 2026"',
    );
  });
});

describe('reminders from exports', () => {
  it("lists a Xero invoice once in its customer's email, however many line items it has", async () => {
    const addon = loadAddon({ locale: 'en_GB', timeZone: 'Europe/London' });
    addon.runtime.setNow(zonedInstant('Europe/London', 2026, 11, 25, 10));
    await importFile(addon.spreadsheet, example('xero-sales-invoices.csv'));
    savePolicy(addon);
    const lines = csvRows('xero-sales-invoices.csv').filter((row) => row[6] === 'INV-0101');
    expect(lines.length).toBeGreaterThan(1);
    addon.runtime.run('sendDueReminders');
    const mail = addon.runtime.outbox.sent.find((sent) => sent.to === lines[0][1]);
    expect(mail).toBeDefined();
    expect(mail!.body.split('INV-0101').length - 1).toBe(1);
    expect(mail!.body).toContain('£2,892.00');
  });
});

describe('1C reports through the menu and the daily run', () => {
  /** The .xlsx imported below a sheet of its own, as a bookkeeper pastes it, in a ru_RU spreadsheet. */
  async function imported(name: string) {
    const addon = loadAddon({ locale: 'ru_RU', timeZone: 'Europe/Moscow' });
    addon.runtime.setNow(zonedInstant('Europe/Moscow', 2026, 11, 25, 10));
    // As `npm start` opens a file: from an .xlsx, the first worksheet with an invoice table.
  await importFile(addon.spreadsheet, example(name), 'Invoices', firstInvoiceSheet);
    savePolicy(addon);
    return addon;
  }

  it('the dashboard over the trial balance for account 62 ages what each document owes', async () => {
    const addon = await imported('1c-osv-62.xlsx');
    addon.runtime.run('insertDashboard');
    const sheet = addon.spreadsheet.sheet('Receivables dashboard')!;
    expect(addon.runtime.recalculate().every((result) => result.error === null)).toBe(true);
    const aging = sheet.values.filter((row) => row[0] !== '' && row[0] !== undefined).map((row) => [row[0], row[6]]);
    expect(aging).toContainEqual(['АО «Вектор»', 990_000]);
    expect(aging).toContainEqual(['ООО «Ромашка»', 160_000]);
    expect(aging).toContainEqual(['Total', 1_195_600.5]);
  });

  it('the menu finds a header of several rows that starts in the last of the rows it searches', () => {
    const addon = loadAddon({ locale: 'ru_RU', timeZone: 'Europe/Moscow' });
    addon.spreadsheet.addSheet('ОСВ', [
      ...Array.from({ length: 9 }, (_, i) => [`Строка заголовка ${i + 1}`, '', '', '']),
      ['Счет', 'Сальдо на конец периода', '', ''],
      ['Контрагенты', 'Дебет', 'Кредит', ''],
      ['Документы расчетов с контрагентами', '', '', ''],
      ['62.01', 300, '', ''],
      ['ООО «Ромашка»', 300, '', ''],
      ['Реализация (акт, накладная) 00000123 от 02.09.2026', 300, '', ''],
      ['Итого', 300, '', ''],
    ]);
    addon.runtime.run('insertDashboard');
    const sheet = addon.spreadsheet.sheet('Receivables dashboard');
    expect(sheet).toBeDefined();
    expect(addon.runtime.recalculate().every((result) => result.error === null)).toBe(true);
    expect(sheet!.values.slice(0, 4).map((row) => [row[0], row[6]])).toEqual([
      ['Customer', 'Total (RUB)'],
      ['ООО «Ромашка»', 300],
      ['Ignored 3 total rows (Total, Subtotal, Итого): not counted', ''],
      ['Total', 300],
    ]);
  });

  it("the sidebar's column check shows the trial balance's fields as the reader takes them, and its first documents", async () => {
    const addon = await imported('1c-osv-62.xlsx');
    const { columns } = addon.runtime.scriptRun('sidebarLoad') as { columns: { fields: Array<{ field: string; header: string }>; sample: string[][]; problems: string[] } };
    const taken = Object.fromEntries(columns.fields.filter((field) => field.header).map((field) => [field.field, field.header]));
    expect(taken).toEqual({ customer: 'Контрагенты', document: 'Документы расчетов с контрагентами', balance: 'Сальдо на конец периода Дебет' });
    expect(columns.problems).toEqual([]);
  });

  it("the reminders from \"Анализ дебиторской задолженности\" go to each counterparty's email, naming each overdue document by its number once", async () => {
    const addon = await imported('1c-analiz-debitorskoj-zadolzhennosti.xlsx');
    addon.runtime.run('sendDueReminders');
    const sent = addon.runtime.outbox.sent;
    expect(sent.map((mail) => mail.to).sort()).toEqual(['buh@romashka.example.ru', 'info@berezka.example.ru']);
    const romashka = sent.find((mail) => mail.to === 'buh@romashka.example.ru')!;
    expect(romashka.body.split('00000123').length - 1).toBe(1);
    expect(sent.find((mail) => mail.to === 'info@berezka.example.ru')!.body).toContain('00000117');
    const alert = addon.runtime.ui.alerts.at(-1)!;
    // A ru_RU book: the run's summary counts in Russian (issue 22, item 4).
    expect(alert.prompt).toContain(': отправлено: 2');
    expect(alert.prompt).not.toContain('пропущено строк');
  });
});

describe("the menu and the daily run name the sheet's rows and say what reading the table settled", () => {
  // Title lines above the header (row 4): row 7 cannot be read, row 6 has a balance that disagrees with amount − paid, two total lines.
  function titledWorkbook() {
    const addon = loadAddon({ timeZone: 'Europe/London', locale: 'en_GB' });
    addon.runtime.setNow(zonedInstant('Europe/London', 2026, 11, 25, 10));
    addon.spreadsheet.addSheet(
      'Invoices',
      storedRows(
        [
          ['Open Invoices'],
          ['As of 25 November 2026'],
          [''],
          ['Customer', 'Email', 'Invoice', 'Due date', 'Amount', 'Paid', 'Open Balance'],
          ['Acme', 'ap@acme.example', 'A-1', '2026-10-01', 100, 0, 100],
          ['Acme', 'ap@acme.example', 'A-2', '2026-10-05', 200, 0, 150],
          ['Globex', 'ap@globex.example', 'G-1', 'someday', 80, 0, 80],
          ['Total for Acme', '', '', '', 300, 0, 250],
          ['TOTAL', '', '', '', 380, 0, 330],
        ],
        'Europe/London',
      ),
    );
    savePolicy(addon);
    return addon;
  }
  const skipped = 'row 7, column "Due date": "someday" is not a date';
  const balanceNote = 'Used the balance column where it disagrees with amount − paid (1 row; row 6: Open Balance 150.00, Amount 200.00 − Paid 0.00)';
  const totalsNote = 'Ignored 2 total rows (Total, Subtotal, Итого): not counted';

  it('Send due reminders now: the skipped row by its sheet row, each note once', () => {
    const addon = titledWorkbook();
    addon.runtime.run('sendDueReminders');
    const message = addon.runtime.ui.alerts.at(-1)!.prompt;
    expect(message).toContain(`1 rows skipped: ${skipped}`);
    expect(message.split(balanceNote).length - 1).toBe(1);
    expect(message.split(totalsNote).length - 1).toBe(1);
    expect(addon.runtime.outbox.sent.map((mail) => mail.to)).toEqual(['ap@acme.example']);
  });

  it("Preview today's reminders: the same, below the list", () => {
    const addon = titledWorkbook();
    addon.runtime.run('previewReminders');
    const html = addon.runtime.ui.dialogs.at(-1)!.html;
    expect(html).toContain(`1 rows skipped: ${skipped.replaceAll('"', '&quot;')}`);
    expect(html).toContain(balanceNote);
    expect(html).toContain(totalsNote);
  });

  it("the dashboard's aging report: its note names the sheet's row", () => {
    const addon = titledWorkbook();
    addon.runtime.run('insertDashboard');
    expect(addon.runtime.recalculate().every((result) => result.error === null)).toBe(true);
    const notes = addon.spreadsheet.sheet('Receivables dashboard')!.values.map((row) => String(row[0]));
    expect(notes).toContain(`Skipped 1 unreadable row: ${skipped}`);
    expect(notes).toContain(balanceNote);
    expect(notes).toContain(totalsNote);
  });
});

describe('files as people save them (issue 23, item 2)', () => {
  const fixture = (name: string) => join(projectRoot, 'test/fixtures/exports', name);

  /** Text as Windows-1251 bytes, as Russian Excel writes a CSV. */
  function windows1251(text: string): Buffer {
    const special: Record<string, number> = { Ё: 0xa8, ё: 0xb8, '№': 0xb9, '«': 0xab, '»': 0xbb, '\u00a0': 0xa0, '–': 0x96, '—': 0x97 };
    return Buffer.from(
      [...text].map((char) => {
        const code = char.codePointAt(0)!;
        if (code < 0x80) return code;
        if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
        if (char in special) return special[char];
        throw new Error(`no Windows-1251 byte for ${char}`);
      }),
    );
  }

  it('1C "Оборотно-сальдовая ведомость по счету 62" saved by Russian Excel as CSV (";", Windows-1251) reads as its .xlsx does', async () => {
    const [{ data }] = await readXlsxFile(example('1c-osv-62.xlsx'));
    // What Excel in ru_RU writes: ";" between cells, a decimal comma, dates as ДД.ММ.ГГГГ, CRLF.
    const cellText = (cell: unknown) => {
      if (cell === null || cell === undefined) return '';
      if (cell instanceof Date) return `${String(cell.getUTCDate()).padStart(2, '0')}.${String(cell.getUTCMonth() + 1).padStart(2, '0')}.${cell.getUTCFullYear()}`;
      if (typeof cell === 'number') return String(cell).replace('.', ',');
      const text = String(cell);
      return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
    };
    const bytes = windows1251(data.map((row) => row.map(cellText).join(';')).join('\r\n') + '\r\n');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const file = join(mkdtempSync(join(tmpdir(), 'osv62-')), 'ОСВ 62.csv');
    writeFileSync(file, bytes);

    const fromCsv = await agingOf(file, 'ru_RU', '2026-11-25');
    const fromXlsx = await agingOf('1c-osv-62.xlsx', 'ru_RU', '2026-11-25');
    expect(Object.keys(customersOf(fromCsv.byCustomer))).toHaveLength(3);
    expect(fromCsv.byCustomer).toEqual(fromXlsx.byCustomer);
    expect(fromCsv.notes.filter((note) => note.startsWith('Skipped'))).toEqual([]);
  });

  it('Xero Aged Receivables Detail in UTF-8 with a byte-order mark, tab-separated, reads as its CSV does', async () => {
    const rows = Papa.parse<string[]>(readFileSync(fixture('xero-aged-receivables-detail.csv'), 'utf8'), { skipEmptyLines: false }).data;
    const file = join(mkdtempSync(join(tmpdir(), 'xero-')), 'Aged Receivables Detail.tsv');
    writeFileSync(file, `\uFEFF${rows.map((row) => row.join('\t')).join('\n')}\n`);
    const fromTabs = await agingOf(file, 'en_GB', '2026-11-25');
    const fromCsv = await agingOf(fixture('xero-aged-receivables-detail.csv'), 'en_GB', '2026-11-25');
    expect(fromTabs.total).toBe(206400);
    expect(fromTabs.byCustomer).toEqual(fromCsv.byCustomer);
    expect(fromTabs.notes.filter((note) => note.startsWith('Skipped'))).toEqual([]);
  });

  it('QuickBooks Desktop A/R Aging Detail as the .xlsx it writes, "QuickBooks Export Tips" first: the report sheet is read, to its TOTAL', async () => {
    const rows = Papa.parse<string[]>(readFileSync(fixture('quickbooks-desktop-ar-aging-detail.csv'), 'utf8'), { skipEmptyLines: false }).data;
    // Excel's own cells: dates as dates, amounts as numbers, blanks empty.
    const cell = (text: string) => {
      const date = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text);
      if (date) return { value: new Date(Date.UTC(+date[3], +date[1] - 1, +date[2])), type: Date, format: 'mm/dd/yyyy' };
      if (/^-?[\d,]+\.\d\d$/.test(text)) return { value: Number(text.replace(/,/g, '')), type: Number, format: '#,##0.00' };
      return text === '' ? null : { value: text, type: String };
    };
    const tips = [
      ['QuickBooks Desktop Export Tips'],
      ['Some features are not compatible with Excel. Use the Advanced button when exporting to change options.'],
      ['This sheet is created by QuickBooks: the report is on the next sheet.'],
    ].map((row) => row.map((text) => ({ value: text, type: String })));
    const file = join(mkdtempSync(join(tmpdir(), 'qbd-')), 'AR Aging Detail.xlsx');
    await writeExcelFile([
      { data: tips, sheet: 'QuickBooks Export Tips' },
      { data: rows.map((row) => row.map(cell)), sheet: 'Sheet1' },
    ] as never).toFile(file);
    const fromXlsx = await agingOf(file, 'en_US', '2026-11-25');
    const fromCsv = await agingOf(fixture('quickbooks-desktop-ar-aging-detail.csv'), 'en_US', '2026-11-25');
    expect(fromXlsx.total).toBe(530500);
    expect(fromXlsx.byCustomer).toEqual(fromCsv.byCustomer);
    expect(fromXlsx.notes.filter((note) => note.startsWith('Skipped'))).toEqual([]);
  });
});
