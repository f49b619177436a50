// Crafted and damaged bank files through Extensions › Receivables › Import
// bank statement and AR_MATCH, on the built add-on (issue 21, items 6 and 9).
import { describe, expect, it } from 'vitest';
import { zonedInstant } from '../../runtime/index';
import { PAYMENT_HEADERS } from '../../src/core/payments/paymentsSheet';
import { loadAddon, storedRows, type Addon } from '../support/addon';
import { camtStatement, dos866, oneCStatement, windows1251 } from '../support/statements';

const ZONE = 'Europe/Moscow';
const HEADER = ['Customer', 'Invoice No', 'Invoice date', 'Due date', 'Currency', 'Amount', 'Paid', 'Paid date', 'Email'];
const ROWS = [
  ['ООО «Вектор»', '12', '2026-09-01', '2026-10-01', 'RUB', 700, '', '', 'buh@vector.example.com'],
  ['ООО «Вектор»', '145', '2026-09-02', '2026-10-02', 'RUB', 1000, '', '', 'buh@vector.example.com'],
  ['ИП Смирнова А. П.', '150', '2026-09-05', '2026-10-05', 'RUB', 3000, '', '', 'smirnova@example.com'],
  ...Array.from({ length: 400 }, (_, i) => ['ООО «Вектор»', String(2000 + i), '2026-09-03', '2026-10-03', 'RUB', 100 + i, '', '', 'buh@vector.example.com']),
];

function workbook(): Addon {
  const addon = loadAddon({ timeZone: ZONE, locale: 'ru_RU' });
  addon.runtime.setNow(zonedInstant(ZONE, 2026, 10, 12, 10));
  addon.spreadsheet.addSheet('Invoices', storedRows([HEADER, ...ROWS], ZONE));
  return addon;
}

const base64 = (bytes: Uint8Array | string) => Buffer.from(typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes).toString('base64');
const importFile = (addon: Addon, name: string, bytes: Uint8Array | string) => addon.runtime.run('importBankStatement', [name, base64(bytes)]) as string;
const column = (header: (typeof PAYMENT_HEADERS)[number]) => PAYMENT_HEADERS.indexOf(header);
const paymentRows = (addon: Addon) => addon.spreadsheet.sheet('Payments')?.values.slice(1) ?? [];
const manyInvoices = `Оплата по счетам ${Array.from({ length: 2400 }, (_, i) => 2000 + (i % 400)).join(', ')}`;

describe('Import bank statement: a crafted file', () => {
  it('one purpose listing 2,400 invoice numbers does not sink the file: every payment goes in, that one left to match by hand', () => {
    const addon = workbook();
    const file = oneCStatement().replace('НазначениеПлатежа=оплата по сч. 150', `НазначениеПлатежа=${manyInvoices}`);
    const summary = importFile(addon, 'kl_to_1c.txt', windows1251(file));
    expect(summary).toContain(`Imported 2 new payments from kl_to_1c.txt (1C); 1 outgoing left out. Not read: document at line 36 (№ 9): the purpose is ${manyInvoices.length.toLocaleString('en-US')} characters; only the first 2,000 are kept.`);
    const rows = paymentRows(addon);
    expect(rows.map((row) => [row[column('Amount')], row[column('Invoices')], row[column('Confidence')]])).toEqual([
      [1000, '145', 'точно'],
      [2000, '', 'нет'],
    ]);
    // A ru_RU book: the Payments sheet's words are Russian (issue 22, item 4).
    expect(rows[1][column('Why')]).toBe('в назначении больше 20 номеров: сопоставьте вручную');
  });

  it('an amount of 99999999999999999999.99 is refused with its line, not written as 1e20', () => {
    const addon = workbook();
    const summary = importFile(addon, 'kl_to_1c.txt', windows1251(oneCStatement().replace('Сумма=2000.00', 'Сумма=99999999999999999999.99')));
    expect(summary).toContain('Imported 1 new payment from kl_to_1c.txt (1C); 1 outgoing left out. Not read: document at line 36 (№ 9): Сумма "99999999999999999999.99" is over 1,000,000,000,000');
    expect(paymentRows(addon).map((row) => row[column('Amount')])).toEqual([1000]);
  });

  it('"договор № 12" in a purpose is not taken for invoice 12', () => {
    const addon = workbook();
    importFile(addon, 'kl_to_1c.txt', windows1251(oneCStatement().replace('Оплата по счету № 145 от 02.09.2026, НДС не облагается', 'Оплата по договору № 12, НДС не облагается')));
    const vector = paymentRows(addon)[0];
    // Found by its amount, as any payment naming no invoice is; 12 (700 RUB open) is not taken.
    expect([vector[column('Invoices')], vector[column('Confidence')]]).toEqual(['145', 'вероятно']);
    expect(vector[column('Why')]).toBe('сумма равна открытому остатку счёта 145 клиента ООО «Вектор»');
  });

  it('Кодировка=DOS is read as code page 866; a file whose bytes do not fit its Кодировка is refused with the reason', () => {
    const addon = workbook();
    expect(importFile(addon, 'dos.txt', dos866(oneCStatement().replace('Кодировка=Windows', 'Кодировка=DOS')))).toContain('Imported 2 new payments from dos.txt (1C)');
    expect(importFile(addon, 'wrong.txt', windows1251(oneCStatement().replace('Кодировка=Windows', 'Кодировка=DOS')))).toBe(
      'wrong.txt cannot be read: line 3 says Кодировка=DOS (DOS (866)), but the file is written in Windows-1251: export it again from the bank, or correct that line.',
    );
    expect(paymentRows(addon)).toHaveLength(2);
  });

  it('a UTF-8 file with one stray byte of another encoding is refused, naming the line, instead of "0 new payments"', () => {
    const addon = workbook();
    const utf8 = new TextEncoder().encode(oneCStatement().replace('Кодировка=Windows\r\n', ''));
    const stray = Uint8Array.from(utf8);
    stray[utf8.lastIndexOf(0x2e)] = 0xb9; // "оплата по сч. 150": its "." made "№" in Windows-1251
    const line = oneCStatement().replace('Кодировка=Windows\r\n', '').split('\r\n').indexOf('НазначениеПлатежа=оплата по сч. 150') + 1;
    expect(importFile(addon, 'stray.txt', stray)).toBe(`stray.txt cannot be read: line 2 is written in UTF-8, but line ${line} has a byte (0xB9) of another encoding: the file mixes two encodings.`);
    expect(addon.spreadsheet.sheet('Payments')).toBeFalsy();
  });

  it('"&#x110000;" in camt.053 is named with its line, not thrown as a RangeError', () => {
    const addon = workbook();
    expect(importFile(addon, 'camt.xml', camtStatement().replace('&amp;', '&#x110000;'))).toBe('camt.xml cannot be read: not readable XML: line 19: &#x110000; is not a character.');
  });
});

describe('AR_MATCH with crafted purposes', () => {
  it('200 purposes listing 2,400 invoice numbers each are each left to match by hand; a plain one beside them still matches', () => {
    const addon = workbook();
    const statement = addon.table([
      ['Date', 'Amount', 'Payer', 'Purpose'],
      ...Array.from({ length: 200 }, () => ['2026-10-05', 555, 'ООО "ВЕКТОР"', manyInvoices]),
      ['2026-10-06', 1000, 'ООО "ВЕКТОР"', 'Оплата по счету № 145'],
    ]);
    const result = addon.call('AR_MATCH', statement, addon.table([HEADER, ...ROWS]), addon.date('2026-10-10')) as string[][];
    expect(result).toHaveLength(202);
    expect(new Set(result.slice(1, 201).map((row) => row.join('|')))).toEqual(new Set(['||нет|в назначении больше 20 номеров: сопоставьте вручную']));
    expect(result[201].slice(0, 3)).toEqual(['145', 'ООО «Вектор»', 'точно']);
  });
});
