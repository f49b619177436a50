import { describe, expect, it } from 'vitest';
import { POLICY_VERSION } from '../../src/core/reminders/policy';
import { loadAddon, savePolicy } from '../support/addon';

const header = ['Customer', 'Invoice date', 'Due date', 'Amount', 'Paid', 'Currency'];

describe('AR_AGING through the built bundle', () => {
  it('ages a table of date cells as of a date cell', () => {
    const addon = loadAddon();
    const invoices = addon.table([
      header,
      ['Acme', '2026-01-01', '2026-01-31', 1000, 250, 'USD'],
      ['Globex', '2026-03-01', '2026-03-31', 500, '', 'USD'],
    ]);
    expect(addon.call('AR_AGING', invoices, addon.date('2026-03-31'))).toEqual([
      ['Customer', 'Not due (USD)', '1–30 (USD)', '31–60 (USD)', '61–90 (USD)', '90+ (USD)', 'Total (USD)'],
      ['Acme', 0, 0, 750, 0, 0, 750],
      ['Globex', 500, 0, 0, 0, 0, 500],
      ['Total', 500, 0, 750, 0, 0, 1250],
    ]);
  });

  it('follows the columns the user corrected', () => {
    const addon = loadAddon();
    savePolicy(addon, { version: POLICY_VERSION, columns: { dueDate: 'Deadline' } });
    const invoices = addon.table([['Customer', 'Deadline', 'Amount'], ['Acme', '2026-03-01', 10]]);
    expect((addon.call('AR_AGING', invoices, '2026-03-31') as unknown[][])[1]).toEqual(['Acme', 0, 10, 0, 0, 0, 10]);
  });

  it('takes as_of as text and buckets and basis as arguments', () => {
    const addon = loadAddon();
    const invoices = addon.table([header, ['Acme', '2026-03-01', '2026-03-31', 10, '', 'USD']]);
    expect(addon.call('AR_AGING', invoices, '2026-03-31', '10,20', 'invoice')).toEqual([
      ['Customer', '0–10 (USD)', '11–20 (USD)', '20+ (USD)', 'Total (USD)'],
      ['Acme', 0, 0, 10, 10],
      ['Total', 0, 0, 10, 10],
    ]);
    expect(addon.call('AR_AGING', invoices, '2026-03-31', [[5], [50]])).toEqual([
      ['Customer', 'Not due (USD)', '1–5 (USD)', '6–50 (USD)', '50+ (USD)', 'Total (USD)'],
      ['Acme', 10, 0, 0, 0, 10],
      ['Total', 10, 0, 0, 0, 10],
    ]);
  });

  it('defaults as_of to today in the spreadsheet zone', () => {
    // 23:30 on 30 March in New York is already 31 March in London.
    const addon = loadAddon({ timeZone: 'Europe/London', now: '2026-03-31T03:30:00Z' });
    const invoices = addon.table([header, ['Acme', '2026-03-01', '2026-03-30', 10, '', 'USD']]);
    expect((addon.call('AR_AGING', invoices) as unknown[][])[1]).toEqual(['Acme', 0, 10, 0, 0, 0, 10]);
    expect((addon.call('AR_AGING', invoices, '') as unknown[][])[1]).toEqual(['Acme', 0, 10, 0, 0, 0, 10]);
  });

  it('reads text amounts, partial payments and a credit note', () => {
    const addon = loadAddon({ locale: 'ru_RU', timeZone: 'Europe/Moscow' });
    const invoices = addon.table([
      ['Контрагент', 'Дата счета', 'Срок оплаты', 'Сумма', 'Оплачено'],
      ['ООО «Ромашка»', '2026-01-10', '2026-02-09', '1 234,56 ₽', '234,56'],
      ['ООО «Ромашка»', '2026-03-01', '2026-03-01', '-200,00 ₽', ''],
    ]);
    expect(addon.call('AR_AGING', invoices, '31.03.2026')).toEqual([
      ['Customer', 'Not due (RUB)', '1–30 (RUB)', '31–60 (RUB)', '61–90 (RUB)', '90+ (RUB)', 'Total (RUB)'],
      ['ООО «Ромашка»', 0, 0, 800, 0, 0, 800],
      ['Total', 0, 0, 800, 0, 0, 800],
    ]);
  });

  it('makes no call that a custom function may not make', () => {
    const addon = loadAddon();
    addon.runtime.state.log.reset();
    addon.call('AR_AGING', addon.table([header, ['Acme', '2026-01-01', '2026-01-31', 1, '', '']]), '2026-03-31');
    // Reads only: the zone, the locale, and the column corrections stored with the policy.
    expect(addon.runtime.state.log.calls).toEqual([
      'SpreadsheetApp.getActiveSpreadsheet',
      'Spreadsheet.getSpreadsheetTimeZone',
      'Spreadsheet.getSpreadsheetLocale',
      'SpreadsheetApp.getActiveSpreadsheet',
      'Spreadsheet.getSheetByName',
      'PropertiesService.getDocumentProperties',
      'Properties.getProperty',
    ]);
  });
});

describe('errors in the cell', () => {
  const addon = loadAddon();
  const invoices = addon.table([header, ['Acme', '2026-01-01', '2026-01-31', 1, '', '']]);

  it('names the function, what is wrong and what was found', () => {
    expect(() => addon.call('AR_AGING', addon.table([['Client', 'Amount', 'Notes'], ['Acme', 1, '']]))).toThrow(
      'AR_AGING: no due date or invoice date column (headers: Client, Amount, Notes)',
    );
    expect(() => addon.call('AR_AGING', 'A1:C3')).toThrow('AR_AGING: invoices must be a range with a header row, like A1:H500; found a single value "A1:C3"');
    expect(() => addon.call('AR_AGING', invoices, 'yesterday')).toThrow('AR_AGING: as_of must be a date; found "yesterday"');
    expect(() => addon.call('AR_AGING', invoices, '', '30,20')).toThrow('AR_AGING: buckets must rise');
    expect(() => addon.call('AR_AGING', invoices, '', '', 'paid')).toThrow('AR_AGING: basis must be "due" or "invoice"; found "paid"');
    expect(() => addon.call('AR_DAYS_OVERDUE', invoices, [[1, 2]])).toThrow('AR_DAYS_OVERDUE: as_of must be a single value; found a range of 2 cells');
    expect(() => addon.call('AR_BUCKET', invoices, '', '', 'soon')).toThrow('AR_BUCKET: terms must be a whole number of days; found "soon"');
  });
});

describe('AR_DAYS_OVERDUE and AR_BUCKET', () => {
  it('return one column aligned with the input rows', () => {
    const addon = loadAddon();
    const invoices = addon.table([
      header,
      ['Acme', '2026-01-01', '2026-01-31', 100, '', ''],
      ['Acme', '2026-01-01', '2026-01-31', 100, 100, ''],
      ['', '', '', '', '', ''],
      ['Acme', '2026-01-01', 'tomorrow', 100, '', ''],
      ['Acme', '2026-03-20', '2026-04-19', 100, '', ''],
    ]);
    expect(addon.call('AR_DAYS_OVERDUE', invoices, '2026-03-31')).toEqual([
      ['Days overdue'],
      [59],
      [''],
      [''],
      ['row 5, column "Due date": "tomorrow" is not a date'],
      [-19],
    ]);
    expect(addon.call('AR_BUCKET', invoices, '2026-03-31')).toEqual([
      ['Aging bucket'],
      ['31–60'],
      [''],
      [''],
      ['row 5, column "Due date": "tomorrow" is not a date'],
      ['Not due'],
    ]);
  });
});
