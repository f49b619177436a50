import { describe, expect, it } from 'vitest';
import { zonedInstant } from '../../runtime/index';
import { PAYMENT_HEADERS } from '../../src/core/payments/paymentsSheet';
import { PAYMENT_HEADER_NAMES } from '../../src/core/payments/paymentWords';
import { loadAddon, storedRows, type Addon } from '../support/addon';
import { camtStatement, ofxStatement, oneCStatement, windows1251 } from '../support/statements';

const ZONE = 'Europe/Moscow';
const HEADER = ['Customer', 'Invoice No', 'Invoice date', 'Due date', 'Currency', 'Amount', 'Paid', 'Paid date', 'Email'];
const ROWS = [
  ['ООО «Вектор»', '145', '2026-09-02', '2026-10-02', 'RUB', 1000, '', '', 'buh@vector.example.com'],
  ['ООО «Вектор»', '146', '2026-09-05', '2026-10-05', 'RUB', 2000, '', '', 'buh@vector.example.com'],
  ['ИП Смирнова А. П.', '150', '2026-09-05', '2026-10-05', 'RUB', 3000, '', '', 'smirnova@example.com'],
  ['Acme Corporation', 'INV-2026-0412', '2026-09-01', '2026-10-01', 'USD', 500, '', '', 'ap@acme.example.com'],
  ['Acme Corporation', 'INV-2026-0413', '2026-09-02', '2026-10-02', 'USD', 700, '', '', 'ap@acme.example.com'],
  ['Initech LLC', 'INV-2026-1071', '2026-09-03', '2026-10-03', 'USD', 300, '', '', 'ap@initech.example.com'],
  ['Initech LLC', 'INV-2026-1072', '2026-09-04', '2026-10-04', 'USD', 200, '', '', 'ap@initech.example.com'],
];

// A ru_RU book: the Payments sheet's words are Russian (issue 22, item 4); an en_US book's are in paymentsLanguage.test.ts.
function workbook(rows: unknown[][] = ROWS, header: unknown[] = HEADER, locale = 'ru_RU'): Addon {
  const addon = loadAddon({ timeZone: ZONE, locale });
  // Monday: reminders skip weekends.
  addon.runtime.setNow(zonedInstant(ZONE, 2026, 10, 12, 10));
  addon.spreadsheet.addSheet('Invoices', storedRows([header, ...rows], ZONE));
  return addon;
}

const base64 = (bytes: Uint8Array | string) => Buffer.from(typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes).toString('base64');
const importFile = (addon: Addon, name: string, bytes: Uint8Array | string) => addon.runtime.run('importBankStatement', [name, base64(bytes)]) as string;
const payments = (addon: Addon) => addon.spreadsheet.sheet('Payments')!.values;
const column = (header: (typeof PAYMENT_HEADERS)[number]) => PAYMENT_HEADERS.indexOf(header);
const snapshot = (addon: Addon, name: string) => JSON.stringify(addon.spreadsheet.sheet(name)!.values);
const tick = (addon: Addon, row: number) => addon.spreadsheet.sheet('Payments')!.write(row, column('Apply') + 1, true);
const lastAlert = (addon: Addon) => addon.runtime.ui.alerts[addon.runtime.ui.alerts.length - 1]?.prompt ?? '';

describe('AR_MATCH', () => {
  it('gives one row per payment: the invoices, the customer, how sure and why (en_US)', () => {
    const addon = workbook(ROWS, HEADER, 'en_US');
    const invoices = addon.table([HEADER, ...ROWS]);
    const statement = addon.table([
      ['Date', 'Amount', 'Payer', 'Purpose'],
      ['2026-10-05', 1000, 'ООО "ВЕКТОР"', 'Оплата по счету № 145 от 02.09.2026'],
      ['2026-10-06', 500, 'Initech', 'september'],
      ['', '', '', ''],
      ['2026-10-07', 99, 'Globex', 'hello'],
    ]);
    expect(addon.call('AR_MATCH', statement, invoices, addon.date('2026-10-10'))).toEqual([
      ['Invoices', 'Matched customer', 'Confidence', 'Why'],
      ['145', 'ООО «Вектор»', 'exact', 'invoice 145 named in the purpose; the amount equals its open balance'],
      ['INV-2026-1071, INV-2026-1072', 'Initech LLC', 'several', "the amount equals Initech LLC's 2 oldest open invoices together"],
      ['', '', '', ''],
      ['', '', 'none', 'no customer matches payer "Globex" and the purpose names no open invoice'],
    ]);
  });

  it('says it in Russian in a ru_RU book', () => {
    const addon = workbook();
    const statement = addon.table([
      ['Дата', 'Сумма', 'Плательщик', 'Назначение платежа'],
      ['2026-10-05', 1000, 'ООО "ВЕКТОР"', 'Оплата по счету № 145 от 02.09.2026'],
      ['2026-10-06', 500, 'Initech', 'september'],
      ['2026-10-07', 99, 'Globex', 'hello'],
    ]);
    expect(addon.call('AR_MATCH', statement, addon.table([HEADER, ...ROWS]), addon.date('2026-10-10'))).toEqual([
      ['Счета', 'Найденный клиент', 'Уверенность', 'Почему'],
      ['145', 'ООО «Вектор»', 'точно', 'счёт 145 в назначении; сумма равна его открытому остатку'],
      ['INV-2026-1071, INV-2026-1072', 'Initech LLC', 'несколько счетов', 'сумма равна 2 самым старым открытым счетам клиента Initech LLC вместе'],
      ['', '', 'нет', 'ни один клиент не подходит к плательщику «Globex», и в назначении нет открытого счёта'],
    ]);
  });

  it('reads a range without a header as date, amount, payer, purpose, and names a row it cannot read', () => {
    const addon = workbook();
    const result = addon.call('AR_MATCH', addon.table([['2026-10-05', 700, 'Acme', 'thanks'], ['someday', 5, 'X', '']]), addon.table([HEADER, ...ROWS])) as string[][];
    expect(result[0].slice(0, 3)).toEqual(['INV-2026-0413', 'Acme Corporation', 'вероятно']);
    expect(result[1]).toEqual(['', '', '', 'row 2, column "date": "someday" is not a date']);
  });
});

describe('Import bank statement', () => {
  it('reads a Windows-1251 1C file into the Payments sheet with suggestions, incoming only, each payment once', () => {
    const addon = workbook();
    const bytes = windows1251(oneCStatement());
    const first = importFile(addon, 'kl_to_1c.txt', bytes);
    expect(first).toContain('Imported 2 new payments from kl_to_1c.txt (1C); 1 outgoing left out.');
    const rows = payments(addon);
    expect(rows[0]).toEqual([...PAYMENT_HEADER_NAMES.ru]);
    expect(rows.slice(1).map((row) => [row[column('Amount')], row[column('Payer')], row[column('Payer tax id')], row[column('Invoices')], row[column('Confidence')], row[column('Apply')]])).toEqual([
      [1000, 'ООО "ВЕКТОР"', '7701234567', '145', 'точно', false],
      [2000, 'ИП Смирнова Анна Петровна', '500100732259', '150', 'частично', false],
    ]);
    const again = importFile(addon, 'kl_to_1c.txt', bytes);
    expect(again).toContain('Imported 0 new payments from kl_to_1c.txt (1C); 2 already imported; 1 outgoing left out.');
    expect(payments(addon)).toHaveLength(3);
    // The same statement in UTF-8, declaring no encoding, is the same payments.
    expect(importFile(addon, 'utf8.txt', oneCStatement().replace('Кодировка=Windows\r\n', ''))).toContain('0 new payments');
  });

  it('knows a payer by the ИНН in the Customers sheet', () => {
    const addon = workbook();
    addon.spreadsheet.addSheet('Customers', [['Customer', 'Email', 'ИНН'], ['ИП Смирнова А. П.', '', 500100732259]]);
    importFile(addon, 'kl_to_1c.txt', windows1251(oneCStatement()));
    const smirnova = payments(addon)[2];
    expect([smirnova[column('Matched customer')], smirnova[column('Invoices')], smirnova[column('Confidence')]]).toEqual(['ИП Смирнова А. П.', '150', 'частично']);
    expect(smirnova[column('Why')]).toContain('ИНН 500100732259');
  });

  it('reads camt.053 and OFX too, and says why a file is not a statement', () => {
    const addon = workbook();
    expect(importFile(addon, 'camt.xml', camtStatement())).toContain('Imported 3 new payments from camt.xml (camt.053); 1 outgoing left out.');
    expect(importFile(addon, 'bank.ofx', ofxStatement())).toContain('Imported 1 new payment from bank.ofx (OFX); 1 outgoing left out.');
    expect(payments(addon).slice(1).map((row) => [row[column('Invoices')], row[column('Confidence')]])).toEqual([
      ['INV-2026-0412', 'точно'],
      ['INV-2026-1071', 'точно'],
      ['INV-2026-1072', 'вероятно'],
      ['INV-2026-0413', 'точно'],
    ]);
    expect(importFile(addon, 'notes.txt', 'just some text')).toMatch(/^notes.txt cannot be read: not a bank statement CSV/);
  });

  it('opens a dialog with a file input that sends the file to importBankStatement', () => {
    const addon = workbook();
    addon.runtime.run('showImportStatement');
    const dialog = addon.runtime.ui.dialogs[0];
    expect(dialog.title).toBe('Import bank statement');
    expect(dialog.html).toContain('<input type="file"');
    expect(dialog.html).toContain('.importBankStatement(file.name, base64)');
    expect(addon.runtime.ui.menus[0] ?? null).toBeNull();
    addon.runtime.run('onOpen');
    const captions = addon.runtime.ui.menus[0].items.map((item) => (item === 'separator' ? '-' : item.functionName));
    expect(captions).toEqual(expect.arrayContaining(['showImportStatement', 'applyPaymentMatches', 'undoLastPaymentApply']));
  });
});

describe('Apply matches and Undo last apply', () => {
  function imported(): Addon {
    const addon = workbook();
    importFile(addon, 'camt.xml', camtStatement());
    return addon;
  }

  it('writes the ticked payments into the invoice table in one batch; applying again changes nothing; undo restores exactly', () => {
    const addon = imported();
    const before = snapshot(addon, 'Invoices');
    const paymentsBefore = snapshot(addon, 'Payments');
    tick(addon, 2); // INV-0412, 500
    tick(addon, 3); // Inv 1071, 300
    const ticked = snapshot(addon, 'Payments');
    addon.runtime.state.log.reset();
    addon.runtime.run('applyPaymentMatches');
    expect(lastAlert(addon)).toContain('Applied 2 payments to 2 invoices in "Invoices".');
    const invoices = addon.spreadsheet.sheet('Invoices')!.values;
    expect(invoices[4].slice(5, 8).map((cell) => (cell instanceof Date ? cell.toISOString() : cell))).toEqual([500, 500, new Date(zonedInstant(ZONE, 2026, 10, 5)).toISOString()]);
    expect(invoices[6][6]).toBe(300);
    expect(invoices[5][6]).toBe('');
    expect(payments(addon)[1][column('Applied')]).toBe('12.10.2026: INV-2026-0412 — 500,00 USD');
    // One write per column touched (paid, paid date, applied) and one for the undo record (plus its new sheet's header), not one per row.
    expect(addon.runtime.state.log.count('Range.setValues')).toBe(5);
    expect(addon.runtime.state.log.count('Sheet.getSheetId')).toBeLessThanOrEqual(2);

    const applied = snapshot(addon, 'Invoices');
    addon.runtime.run('applyPaymentMatches');
    expect(lastAlert(addon)).toMatch(/^No ticked payment is waiting/);
    expect(snapshot(addon, 'Invoices')).toBe(applied);

    addon.runtime.run('undoLastPaymentApply');
    expect(lastAlert(addon)).toBe('Undone: 6 cells put back as they were before the apply.');
    expect(snapshot(addon, 'Invoices')).toBe(before);
    expect(snapshot(addon, 'Payments')).toBe(ticked);
    expect(paymentsBefore).not.toBe(ticked);
    addon.runtime.run('undoLastPaymentApply');
    expect(lastAlert(addon)).toBe('There is no apply to undo.');
  });

  it('the next reminder run sees the payments', () => {
    const addon = imported();
    const remindedBefore = () => {
      addon.runtime.outbox.sent.length = 0;
      return (addon.runtime.scriptRun('sidebarPreview') as { reminders: Array<{ customer: string; invoices: string }> }).reminders.filter((r) => r.customer === 'Acme Corporation').map((r) => r.invoices);
    };
    expect(remindedBefore().join(' ')).toContain('INV-2026-0412');
    tick(addon, 2);
    addon.runtime.run('applyPaymentMatches');
    expect(remindedBefore().join(' ')).not.toContain('INV-2026-0412');
  });

  it('undo changes nothing when a cell it wrote has been changed since, and names it', () => {
    const addon = imported();
    tick(addon, 2);
    addon.runtime.run('applyPaymentMatches');
    addon.spreadsheet.sheet('Invoices')!.write(5, 7, 450);
    const changed = snapshot(addon, 'Invoices');
    addon.runtime.run('undoLastPaymentApply');
    expect(lastAlert(addon)).toContain('Nothing undone: a cell has changed since the apply (Invoices!G5)');
    expect(snapshot(addon, 'Invoices')).toBe(changed);
  });

  it('a table with only a paid date gets a Paid amount column that keeps what was paid before', () => {
    const header = ['Customer', 'Invoice No', 'Due date', 'Currency', 'Amount', 'Paid date'];
    const rows = [
      ['Acme Corporation', 'INV-2026-0410', '2026-09-01', 'USD', 900, '2026-09-20'],
      ['Acme Corporation', 'INV-2026-0412', '2026-10-01', 'USD', 500, ''],
      ['Initech LLC', 'INV-2026-1071', '2026-10-03', 'USD', 300, ''],
    ];
    const addon = workbook(rows, header);
    const before = snapshot(addon, 'Invoices');
    const agingBefore = addon.call('AR_AGING', addon.table(addon.spreadsheet.sheet('Invoices')!.values), addon.date('2026-10-10'));
    importFile(addon, 'camt.xml', camtStatement());
    tick(addon, 3);
    addon.runtime.run('applyPaymentMatches');
    expect(lastAlert(addon)).toContain('Added the column "Оплачено".');
    const values = addon.spreadsheet.sheet('Invoices')!.values;
    expect(values[0][6]).toBe('Оплачено');
    expect(values.map((row) => row[6] ?? '')).toEqual(['Оплачено', 900, '', 300]);
    const agingAfter = addon.call('AR_AGING', addon.table(values), addon.date('2026-10-10')) as unknown[][];
    expect(JSON.stringify(agingAfter)).not.toBe(JSON.stringify(agingBefore));
    expect(agingAfter.find((row) => row[0] === 'Initech LLC')).toBeUndefined();
    addon.runtime.run('undoLastPaymentApply');
    expect(values.map((row) => row[6] ?? '')).toEqual(['', '', '', '']);
    expect(JSON.stringify(values.map((row) => row.slice(0, 6)))).toBe(JSON.stringify(JSON.parse(before)));
  });
});
