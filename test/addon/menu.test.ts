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
        items: [
          { caption: 'Insert receivables dashboard', functionName: 'insertDashboard' },
          'separator',
          { caption: "Preview today's reminders", functionName: 'previewReminders' },
          { caption: 'Send due reminders now', functionName: 'sendDueReminders' },
          { caption: 'Send a test reminder to me', functionName: 'sendTestReminder' },
          { caption: 'Turn on daily reminders', functionName: 'turnOnReminders' },
          { caption: 'Turn off daily reminders', functionName: 'turnOffReminders' },
          'separator',
          { caption: 'Import bank statement', functionName: 'showImportStatement' },
          { caption: 'Apply matches', functionName: 'applyPaymentMatches' },
          { caption: 'Undo last apply', functionName: 'undoLastPaymentApply' },
          'separator',
          { caption: 'Settings', functionName: 'openSettings' },
          { caption: 'Help', functionName: 'showHelp' },
        ],
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

describe('insertDashboard', () => {
  it('inserts a sheet with the aging, forecast and customer tables over the detected table, and two charts', () => {
    const addon = workbook();
    addon.runtime.run('insertDashboard');
    const sheet = addon.spreadsheet.sheet('Receivables dashboard')!;
    expect([...sheet.formulas.values()]).toEqual([
      "=AR_AGING('Bob''s invoices'!A2:D, TODAY())",
      "=AR_FORECAST('Bob''s invoices'!A2:D, TODAY())",
      "=AR_CUSTOMERS('Bob''s invoices'!A2:D, TODAY())",
    ]);
    expect(sheet.numberFormats.get('2,2')).toBe('[$€]#,##0.00;-[$€]#,##0.00');
    expect(addon.spreadsheet.activeSheet).toBe(sheet);
    expect(sheet.charts.map((chart) => [chart.type, chart.options.title, chart.ranges])).toEqual([
      ['COLUMN', 'Aging by bucket', ['Receivables dashboard!A1:A500', 'Receivables dashboard!B1:F500']],
      ['COLUMN', 'Expected collections per week', ['Receivables dashboard!I1:I500', 'Receivables dashboard!J1:J500']],
    ]);

    const results = addon.runtime.recalculate();
    expect(results.map((result) => result.error)).toEqual([null, null, null]);
    expect(sheet.values.slice(0, 4).map((row) => row.slice(0, 7))).toEqual([
      ['Customer', 'Not due', '1–30', '31–60', '61–90', '90+', 'Total'],
      ['Acme', 0, 0, 100, 0, 0, 100],
      ['Globex', 0, 50.5, 0, 0, 0, 50.5],
      ['Total', 0, 50.5, 100, 0, 0, 150.5],
    ]);
    expect(sheet.values[0].slice(8, 12)).toEqual(['Period start', 'Expected', 'Low', 'High']);
    expect(sheet.values[0][13]).toBe('Customer');
  });

  it('does not overwrite an earlier dashboard', () => {
    const addon = workbook();
    addon.runtime.run('insertDashboard');
    addon.runtime.run('insertDashboard');
    expect(addon.spreadsheet.sheets.map((sheet) => sheet.name)).toEqual(['Notes', "Bob's invoices", 'Receivables dashboard', 'Receivables dashboard 2']);
  });

  it('explains what it looks for when there is no invoice table', () => {
    const addon = loadAddon();
    addon.spreadsheet.addSheet('Sheet1', [['Name', 'Phone'], ['Ann', '555']]);
    addon.runtime.run('insertDashboard');
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
    for (const name of ['AR_AGING', 'AR_DAYS_OVERDUE', 'AR_BUCKET', 'AR_LATE_FEE', 'AR_EXPECTED_DATE', 'AR_FORECAST', 'AR_CUSTOMERS', 'AR_DSO', 'AR_BEST_DSO', 'AR_ADD', 'AR_CEI']) {
      expect(dialog.html).toContain(name);
    }
  });
});
