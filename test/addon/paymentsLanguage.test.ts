// Issue 22, item 4: the Payments sheet's words (headers, how sure, Why,
// Applied) are in the spreadsheet's language, its amounts in the
// spreadsheet's number format; a sheet written in the other language still
// reads back; an en_US book's sheet is as it was.
import { describe, expect, it } from 'vitest';
import { zonedInstant } from '../../runtime/index';
import { PAYMENT_HEADERS } from '../../src/core/payments/paymentsSheet';
import { PAYMENT_HEADER_NAMES } from '../../src/core/payments/paymentWords';
import { loadAddon, storedRows, type Addon } from '../support/addon';
import { oneCStatement, windows1251 } from '../support/statements';

const ZONE = 'Europe/Moscow';
const HEADER = ['Customer', 'Invoice No', 'Invoice date', 'Due date', 'Currency', 'Amount', 'Paid', 'Paid date', 'Email'];
const ROWS = [
  ['ООО «Вектор»', '145', '2026-09-02', '2026-10-02', 'RUB', 12500, '', '', 'buh@vector.example.com'],
  ['ИП Смирнова А. П.', '150', '2026-09-05', '2026-10-05', 'RUB', 3000, '', '', 'smirnova@example.com'],
  ['ИП Смирнова А. П.', '', '2026-09-06', '2026-10-06', 'RUB', 400, '', '', 'smirnova@example.com'],
];
/** The sample 1C statement with a part payment of 1 234,56 for invoice 145 (12 500,00 open). */
const statement = () => windows1251(oneCStatement().replace('Сумма=1000.00', 'Сумма=1234.56'));

function workbook(locale: string): Addon {
  const addon = loadAddon({ timeZone: ZONE, locale });
  addon.runtime.setNow(zonedInstant(ZONE, 2026, 10, 12, 10));
  addon.spreadsheet.addSheet('Invoices', storedRows([HEADER, ...ROWS], ZONE));
  return addon;
}

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const importFile = (addon: Addon, bytes: Uint8Array) => addon.runtime.run('importBankStatement', ['kl_to_1c.txt', base64(bytes)]) as string;
const sheet = (addon: Addon) => addon.spreadsheet.sheet('Payments')!;
const column = (header: (typeof PAYMENT_HEADERS)[number]) => PAYMENT_HEADERS.indexOf(header);
const cell = (addon: Addon, row: number, header: (typeof PAYMENT_HEADERS)[number]) => sheet(addon).values[row - 1][column(header)];
const tick = (addon: Addon, row: number) => sheet(addon).write(row, column('Apply') + 1, true);
const format = (addon: Addon, row: number, header: (typeof PAYMENT_HEADERS)[number]) => sheet(addon).numberFormats.get(`${row},${column(header) + 1}`);
/** Grouping in the ru_RU number format: a (no-break) space, a decimal comma. */
const RU_AMOUNT = /\d[\s\u00a0\u202f]\d{3},\d{2}/;

describe('the Payments sheet in a ru_RU book', () => {
  it('has Russian headers, confidences and reasons, amounts written as "1 234,56"', () => {
    const addon = workbook('ru_RU');
    importFile(addon, statement());
    expect(sheet(addon).values[0]).toEqual([...PAYMENT_HEADER_NAMES.ru]);
    expect([cell(addon, 2, 'Invoices'), cell(addon, 2, 'Confidence')]).toEqual(['145', 'частично']);
    const why = String(cell(addon, 2, 'Why'));
    expect(why).toMatch(/^145 в назначении; частичная оплата: 1\s234,56 (RUB )?из открытых 12\s500,00/);
    expect(cell(addon, 3, 'Confidence')).toBe('частично');
    expect(String(cell(addon, 3, 'Why'))).toMatch(/^плательщик «ИП Смирнова Анна Петровна» принят за клиента ИП Смирнова А\. П\./);
    // The amount is a number, formatted with a pattern Sheets renders in the locale; the date as the locale writes it.
    expect(cell(addon, 2, 'Amount')).toBe(1234.56);
    expect(format(addon, 2, 'Amount')).toBe('#,##0.00');
    expect(format(addon, 2, 'Date')).toBe('dd.mm.yyyy');
    for (const row of sheet(addon).values.slice(1)) expect(String(row[column('Why')])).not.toMatch(/\b(the|amount|invoice|named|payer|open)\b/);
  });

  it('writes "Applied" in Russian with the locale\'s numbers, and names an invoice without a number "строка N"', () => {
    const addon = workbook('ru_RU');
    importFile(addon, statement());
    tick(addon, 2);
    // Smirnova's 2 000,00 across 150 (3 000,00) and the unnumbered invoice on row 4 of the table, as a bookkeeper would type it.
    sheet(addon).write(3, column('Invoices') + 1, 'строка 4');
    tick(addon, 3);
    addon.runtime.run('applyPaymentMatches');
    expect(String(cell(addon, 2, 'Applied'))).toMatch(/^12\.10\.2026: 145 — 1\s234,56( RUB)?$/);
    expect(String(cell(addon, 3, 'Applied'))).toMatch(/^12\.10\.2026: строка 4 — 400,00( RUB)?; не распределено 1\s600,00( RUB)?$/);
    const invoices = addon.spreadsheet.sheet('Invoices')!.values;
    expect(invoices[1][6]).toBe(1234.56);
    expect(invoices[3][6]).toBe(400);
  });

  it('still reads a Payments sheet written in English before: nothing imported twice, ticked rows applied', () => {
    const addon = workbook('ru_RU');
    const english = workbook('en_US');
    importFile(english, statement());
    addon.spreadsheet.addSheet('Payments', sheet(english).values.map((row) => [...row]));
    expect(sheet(addon).values[0]).toEqual([...PAYMENT_HEADER_NAMES.en]);
    expect(importFile(addon, statement())).toContain('Imported 0 new payments');
    tick(addon, 2);
    addon.runtime.run('applyPaymentMatches');
    expect(String(cell(addon, 2, 'Applied'))).toMatch(/^12\.10\.2026: 145 — 1\s234,56/);
    expect(addon.spreadsheet.sheet('Invoices')!.values[1][6]).toBe(1234.56);
  });

  it('a Russian-headed sheet reads in an en_US book too', () => {
    const russian = workbook('ru_RU');
    importFile(russian, statement());
    const addon = workbook('en_US');
    addon.spreadsheet.addSheet('Payments', sheet(russian).values.map((row) => [...row]));
    expect(importFile(addon, statement())).toContain('Imported 0 new payments');
    tick(addon, 2);
    addon.runtime.run('applyPaymentMatches');
    expect(cell(addon, 2, 'Applied')).toMatch(/^2026-10-12: 145 1,234\.56/);
  });
});

describe('the Payments sheet in an en_US book', () => {
  it('is as it was: English words, "1,234.56", ISO dates', () => {
    const addon = workbook('en_US');
    importFile(addon, statement());
    expect(sheet(addon).values[0]).toEqual([...PAYMENT_HEADER_NAMES.en]);
    expect([cell(addon, 2, 'Invoices'), cell(addon, 2, 'Confidence')]).toEqual(['145', 'partial']);
    expect(String(cell(addon, 2, 'Why'))).toMatch(/^145 named in the purpose; part payment: 1,234\.56 (RUB )?of 12,500\.00 (RUB )?open$/);
    expect(format(addon, 2, 'Date')).toBe('yyyy-mm-dd');
    tick(addon, 2);
    addon.runtime.run('applyPaymentMatches');
    expect(cell(addon, 2, 'Applied')).toMatch(/^2026-10-12: 145 1,234\.56( RUB)?$/);
    expect(String(cell(addon, 2, 'Why'))).not.toMatch(RU_AMOUNT);
  });
});
