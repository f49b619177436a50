// A Drive API left disabled in a standard Cloud project (issue 24, item 6):
// "Publish an editor add-on" needs a standard Cloud project, and there
// ("Advanced Google services", step 2) the advanced service's API is enabled
// by hand. Until it is, letters fail to save: the run says what to do, the
// letter's row waits, and the next run after enabling saves it.
import { describe, expect, it } from 'vitest';
import { zonedInstant } from '../../runtime/index';
import { loadAddon, savePolicy, storedRows, type Addon } from '../support/addon';

const ZONE = 'Europe/London';
const STEPS = [
  { offsetDays: 7, template: 'overdue', channel: 'email' },
  { offsetDays: 30, template: 'final', channel: 'letter' },
];

function workbook(): Addon {
  // Published: a standard Cloud project, where only the Marketplace SDK has been enabled so far.
  const addon = loadAddon({ timeZone: ZONE, standardCloudProject: { number: '861234567890', enabledApis: ['appsmarket-component.googleapis.com'] } });
  addon.spreadsheet.addSheet(
    'Invoices',
    storedRows(
      [
        ['Customer', 'Invoice No', 'Invoice date', 'Due date', 'Amount', 'Currency', 'Email'],
        ['Acme', 'A-1', '2026-02-01', '2026-03-02', 1000, 'USD', 'ap@acme.example.com'],
      ],
      ZONE,
    ),
  );
  savePolicy(addon, { skipWeekends: false, steps: STEPS });
  return addon;
}

function runOn(addon: Addon, day: number): void {
  addon.runtime.setNow(zonedInstant(ZONE, 2026, 4, day, 10));
  addon.runtime.run('sendDueReminders');
}

const documentCell = (addon: Addon) => {
  const sheet = addon.spreadsheet.sheet('Collections')!;
  const header = sheet.values[0] as string[];
  const row = sheet.values.find((cells) => String(cells[header.indexOf('Step')]).startsWith('Letter'))!;
  return row[header.indexOf('Document')];
};

describe('a Drive API not enabled in the Cloud project', () => {
  it('leaves the letter waiting with a sentence saying what to do, and saves it on the first run after the API is enabled', () => {
    const addon = workbook();
    // The email at +7 comes first: the letter is earned 23 days after it.
    addon.runtime.setNow(zonedInstant(ZONE, 2026, 3, 9, 10));
    addon.runtime.run('sendDueReminders');
    runOn(addon, 1); // 30 days overdue: the letter step
    expect(addon.runtime.drive.files).toEqual([]);
    expect(documentCell(addon)).toBe('');
    const said = addon.runtime.ui.alerts.map((alert) => alert.prompt).join('\n');
    expect(said).toContain("the Google Drive API is not enabled in the add-on's Google Cloud project (number 861234567890)");
    expect(said).toContain('Google Cloud console › APIs & Services › Library › Google Drive API › Enable');
    // Google's own wording and the console URL are not what the bookkeeper reads.
    expect(said).not.toContain('has not been used in project');

    // Enabled in the Cloud console (APIs & Services › Library › Google Drive API).
    addon.runtime.drive.apiEnabled = true;
    runOn(addon, 2);
    expect(addon.runtime.drive.files).toHaveLength(1);
    expect(documentCell(addon)).toBe(`https://drive.google.com/file/d/${addon.runtime.drive.files[0].id}/view`);
  });
});
