import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCsv } from '../../runtime/workbook';
import { loadAddon, projectRoot, storedRows } from '../support/addon';

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
          { caption: 'Adopt rows typed in Collections', functionName: 'adoptCollectionsRows' },
          'separator',
          { caption: 'Import bank statement', functionName: 'showImportStatement' },
          { caption: 'Apply matches', functionName: 'applyPaymentMatches' },
          { caption: 'Undo last apply', functionName: 'undoLastPaymentApply' },
          'separator',
          { caption: 'Settings', functionName: 'openSettings' },
          { caption: 'Check setup', functionName: 'checkSetup' },
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
  it('inserts a sheet with the aging, forecast and customer tables over the detected table, and two charts over their own data blocks', () => {
    const addon = workbook();
    addon.runtime.run('insertDashboard');
    const sheet = addon.spreadsheet.sheet('Receivables dashboard')!;
    expect([...sheet.formulas.values()]).toEqual([
      // Each passes the settings' revision cell last, so that a save in the sidebar recomputes it.
      "=AR_AGING('Bob''s invoices'!A1:D, TODAY(), , , , 'Receivables settings'!$B$1)",
      "=AR_FORECAST('Bob''s invoices'!A1:D, TODAY(), , , 'Receivables settings'!$B$1)",
      "=AR_CUSTOMERS('Bob''s invoices'!A1:D, TODAY(), 'Receivables settings'!$B$1)",
      "=AR_CHART_DATA('Bob''s invoices'!A1:D, TODAY(), \"aging\", \"EUR\", , , 'Receivables settings'!$B$1)",
      "=AR_CHART_DATA('Bob''s invoices'!A1:D, TODAY(), \"forecast\", \"EUR\", , , 'Receivables settings'!$B$1)",
      // Who is on credit hold: no Customers sheet yet, so the invoice table's own limits.
      "=AR_CREDIT_STATUS('Bob''s invoices'!A1:D, \"\", TODAY(), 'Receivables settings'!$B$1)",
      // What works and the DSO trend (issue 27, item 3): no Reminder log or Collections sheet yet.
      "=AR_EFFECTIVENESS('Bob''s invoices'!A1:D, TODAY(), \"\", \"\", 'Receivables settings'!$B$1)",
      "=AR_DSO_TREND('Bob''s invoices'!A1:D, 12, TODAY(), 'Receivables settings'!$B$1)",
    ]);
    expect(sheet.numberFormats.get('2,2')).toBe('[$€]#,##0.00;-[$€]#,##0.00');
    expect(addon.spreadsheet.activeSheet).toBe(sheet);
    expect(sheet.charts.map((chart) => [chart.type, chart.options.title, chart.ranges])).toEqual([
      ['COLUMN', 'Aging by bucket', ['Receivables dashboard!Y1:Z6']],
      ['COLUMN', 'Expected collections per week', ['Receivables dashboard!AB1:AC9']],
    ]);

    const results = addon.runtime.recalculate();
    expect(results.map((result) => result.error)).toEqual([null, null, null, null, null, null, null, null]);
    expect(sheet.values.slice(0, 4).map((row) => row.slice(0, 7))).toEqual([
      ['Customer', 'Not due (EUR)', '1–30 (EUR)', '31–60 (EUR)', '61–90 (EUR)', '90+ (EUR)', 'Total (EUR)'],
      ['Acme', 0, 0, 100, 0, 0, 100],
      ['Globex', 0, 50.5, 0, 0, 0, 50.5],
      ['Total', 0, 50.5, 100, 0, 0, 150.5],
    ]);
    expect(sheet.values[0].slice(8, 12)).toEqual(['Period start', 'Expected', 'Low', 'High']);
    expect(sheet.values[0][13]).toBe('Customer');
    // The aging chart's block: buckets and the EUR amounts, the same as the Total row above.
    expect(sheet.values.slice(0, 6).map((row) => row.slice(24, 26))).toEqual([['Bucket', 'EUR'], ['Not due', 0], ['1–30', 50.5], ['31–60', 100], ['61–90', 0], ['90+', 0]]);
    // Who is on credit hold, beside them.
    expect(sheet.values[0].slice(30, 38)).toEqual(['Customer', 'Currency', 'Limit', 'Used', 'Available', 'Over limit', 'Hold', 'Hold reason']);
  });

  it('charts each currency on its own, from data rows only: no Total, Skipped or Later row in any range', () => {
    const addon = loadAddon({ timeZone: 'Europe/London', now: '2026-11-25T09:00:00Z' });
    // The sample: dollars and roubles, and one unreadable row (so AR_AGING has a "Skipped" line).
    addon.spreadsheet.addSheet('Invoices', importCsv(readFileSync(join(projectRoot, 'examples/invoices.csv'), 'utf8'), 'Europe/London', 'en_US'));
    addon.runtime.run('insertDashboard');
    const sheet = addon.spreadsheet.sheet('Receivables dashboard')!;
    expect(addon.runtime.recalculate().map((result) => result.error)).toEqual(sheet.formulas.size ? [...sheet.formulas.values()].map(() => null) : []);
    const firstColumn = sheet.values.map((row) => String(row[0]));
    expect(firstColumn.some((cell) => cell.startsWith('Skipped 1 unreadable row'))).toBe(true);
    expect(firstColumn.filter((cell) => cell === 'Total')).toHaveLength(2);

    expect(sheet.charts.map((chart) => chart.options.title)).toEqual(['Aging by bucket, RUB', 'Expected collections per week, RUB', 'Aging by bucket, USD', 'Expected collections per week, USD']);
    const columnNumber = (letters: string) => [...letters].reduce((n, letter) => n * 26 + letter.charCodeAt(0) - 64, 0);
    for (const chart of sheet.charts) {
      expect(chart.ranges).toHaveLength(1);
      const [, from, fromRow, to, toRow] = /^Receivables dashboard!([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(chart.ranges[0])!;
      const cells = sheet.values.slice(+fromRow - 1, +toRow).map((row) => row.slice(columnNumber(from) - 1, columnNumber(to)));
      const currency = String(chart.options.title).slice(-3);
      // Two columns: the categories, and one series, named by its currency.
      expect(cells[0]).toEqual([String(chart.options.title).startsWith('Aging') ? 'Bucket' : 'Week', currency]);
      const categories = cells.slice(1).map((row) => row[0]);
      expect(categories.every((cell) => cell !== '' && !/^(Total|Later|Skipped)/.test(String(cell)))).toBe(true);
      expect(cells.slice(1).every((row) => typeof row[1] === 'number')).toBe(true);
      // Exactly the data: the row after the range is empty.
      expect(sheet.values[+toRow]?.[columnNumber(from) - 1] ?? '').toBe('');
    }
    // The aging chart's amounts are that currency's Total row of AR_AGING, bucket by bucket.
    const usdTotal = sheet.values.find((row) => row[0] === 'Total' && row[1] === 'USD')!;
    const usdAging = sheet.values.slice(1, 6).map((row) => row[columnNumber('AH')]);
    expect(usdAging).toEqual(usdTotal.slice(2, 7));
  });

  it('does not overwrite an earlier dashboard', () => {
    const addon = workbook();
    addon.runtime.run('insertDashboard');
    addon.runtime.run('insertDashboard');
    // The hidden settings sheet too: it holds the revision cell the dashboards' formulas pass.
    expect(addon.spreadsheet.sheets.map((sheet) => sheet.name)).toEqual(['Notes', "Bob's invoices", 'Receivables settings', 'Receivables dashboard', 'Receivables dashboard 2']);
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
