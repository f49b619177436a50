import { describe, expect, it } from 'vitest';
import { loadAddon, storedRows } from '../support/addon';

function workbook() {
  const addon = loadAddon({ timeZone: 'Europe/London', now: '2026-03-31T09:00:00Z' });
  addon.spreadsheet.addSheet('Notes', [['Anything']]);
  addon.spreadsheet.addSheet(
    "Bob's invoices",
    storedRows(
      [
        ['Receivables register'],
        ['Customer', 'Due date', 'Amount', 'Currency'],
        ['Acme', '2026-01-31', 100, 'EUR'],
        ['Globex', '2026-03-30', 50.5, 'EUR'],
      ],
      'Europe/London',
    ),
  );
  return addon;
}

describe('onOpen', () => {
  it('adds the Receivables menu in AuthMode.NONE, touching nothing else', () => {
    const addon = workbook();
    addon.runtime.run('onOpen', [{ authMode: 'NONE' }], { mode: 'NONE' });
    expect(addon.runtime.ui.menus).toEqual([
      {
        title: 'Receivables',
        items: [{ caption: 'Insert aging report', functionName: 'insertAgingReport' }, 'separator', { caption: 'Help', functionName: 'showHelp' }],
      },
    ]);
    for (const item of addon.runtime.ui.menus[0].items) {
      if (item !== 'separator') expect(typeof addon.runtime.topLevel(item.functionName)).toBe('function');
    }
  });

  it('is what onInstall does too', () => {
    const addon = workbook();
    addon.runtime.run('onInstall', [{ authMode: 'FULL' }]);
    expect(addon.runtime.ui.menus[0].title).toBe('Receivables');
  });
});

describe('insertAgingReport', () => {
  it('inserts a sheet with =AR_AGING over the detected table, formatted as currency', () => {
    const addon = workbook();
    addon.runtime.run('insertAgingReport');
    const report = addon.spreadsheet.sheet('Aging report')!;
    expect(report.formulas.get('1,1')).toBe("=AR_AGING('Bob''s invoices'!A2:D)");
    expect(report.numberFormats.get('2,2')).toBe('[$€]#,##0.00;-[$€]#,##0.00');
    expect(addon.spreadsheet.activeSheet).toBe(report);

    const results = addon.runtime.recalculate();
    expect(results.map((result) => result.error)).toEqual([null]);
    expect(report.values).toEqual([
      ['Customer', 'Not due', '1–30', '31–60', '61–90', '90+', 'Total'],
      ['Acme', 0, 0, 100, 0, 0, 100],
      ['Globex', 0, 50.5, 0, 0, 0, 50.5],
      ['Total', 0, 50.5, 100, 0, 0, 150.5],
    ]);
  });

  it('does not overwrite an earlier report', () => {
    const addon = workbook();
    addon.runtime.run('insertAgingReport');
    addon.runtime.run('insertAgingReport');
    expect(addon.spreadsheet.sheets.map((sheet) => sheet.name)).toEqual(['Notes', "Bob's invoices", 'Aging report', 'Aging report 2']);
  });

  it('explains what it looks for when there is no invoice table', () => {
    const addon = loadAddon();
    addon.spreadsheet.addSheet('Sheet1', [['Name', 'Phone'], ['Ann', '555']]);
    addon.runtime.run('insertAgingReport');
    expect(addon.runtime.ui.alerts[0].prompt).toMatch(/^No invoice table found\. A sheet needs a header row with a customer, an amount/);
    expect(addon.spreadsheet.sheets).toHaveLength(1);
  });
});

describe('showHelp', () => {
  it('opens a dialog that lists every custom function', () => {
    const addon = workbook();
    addon.runtime.run('showHelp');
    const [dialog] = addon.runtime.ui.dialogs;
    expect(dialog.title).toBe('Receivables for Sheets');
    for (const name of ['AR_AGING', 'AR_DAYS_OVERDUE', 'AR_BUCKET']) expect(dialog.html).toContain(name);
  });
});
