// Extensions › Receivables › Check setup (issue 10, item 10): each line OK or what to do.
import { describe, expect, it } from 'vitest';
import { zonedInstant } from '../../runtime/index';
import { SCOPES } from '../../runtime/scopes.mjs';
import { loadAddon, savePolicy, storedRows, type Addon } from '../support/addon';

const ZONE = 'Pacific/Auckland';
const HEADER = ['Customer', 'Invoice No', 'Invoice date', 'Due date', 'Amount', 'Currency', 'Email'];
const ROWS = [
  ['Acme', 'A-1', '2026-01-01', '2026-03-10', 100, 'USD', 'ap@acme.example.com'],
  ['Globex', 'G-1', '2026-01-10', '2026-03-11', 200, 'USD', 'ap@globex.example.com'],
];

function workbook(): Addon {
  // The script's zone (New York) is a day behind the spreadsheet's at this hour: dates must follow the spreadsheet's.
  const addon = loadAddon({ timeZone: ZONE, scriptTimeZone: 'America/New_York' });
  addon.runtime.setNow(zonedInstant(ZONE, 2026, 3, 10, 8));
  addon.spreadsheet.addSheet('Invoices', storedRows([HEADER, ...ROWS], ZONE));
  savePolicy(addon);
  return addon;
}

type Line = [status: string, check: string, text: string];

function checkSetup(addon: Addon): Line[] {
  addon.runtime.run('checkSetup');
  const dialog = addon.runtime.ui.dialogs.at(-1)!;
  expect(dialog.title).toBe('Receivables: Check setup');
  const decode = (html: string) => html.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  return [...dialog.html.matchAll(/<tr><td[^>]*>(OK|To do)<\/td><td[^>]*>(.*?)<\/td><td>(.*?)<\/td><\/tr>/g)].map((match) => [match[1], decode(match[2]), decode(match[3])]);
}

const line = (lines: Line[], check: string) => lines.find((entry) => entry[1] === check);

describe('Check setup', () => {
  it('says OK to each part of a working setup, once Sheets has computed the date probe', () => {
    const addon = workbook();
    addon.runtime.run('turnOnReminders');
    const first = checkSetup(addon);
    expect(line(first, 'Dates in custom functions')).toEqual(['To do', 'Dates in custom functions', 'a date cell (2026-03-10) was just given to a custom function; Sheets computes it in a moment: run Check setup again.']);

    addon.runtime.recalculate();
    const lines = checkSetup(addon);
    expect(lines).toEqual([
      ['OK', 'Permissions', 'everything the add-on asks for is allowed.'],
      ['OK', 'Daily reminders', 'on, sent from you; the hourly trigger exists in this spreadsheet; it has not run yet.'],
      ['OK', 'Time zones', "the spreadsheet's is Pacific/Auckland (today is 2026-03-10 there; change it in File › Settings if that is wrong); the script's is America/New_York, a different zone, which is fine: dates follow the spreadsheet's."],
      ['OK', 'Dates in custom functions', 'a date cell holding 2026-03-10 reads back through a custom function as 2026-03-10.'],
      ['OK', 'Mail quota', '100 recipients left today.'],
      ['OK', 'Drive for letters', 'the Drive API answers: letters and summaries for the lawyer are saved in your Drive (the add-on sees only the files it made).'],
      // A sheet loaded from a file is exactly its data's size: full, which the add-on copes with.
      ['OK', 'Sheet "Invoices"', '3 of 3 rows and 7 of 7 columns used. Nearly full: the add-on adds rows and columns where it writes; formulas of your own over fixed ranges (A1:J1000) may miss new rows, so end them open (A1:J).'],
      ['OK', 'Sheet "Receivables settings"', expect.stringMatching(/^\d+ of 1000 rows and 3 of 26 columns used\.$/)],
      ['OK', 'Spreadsheet size', '26,021 of 10,000,000 cells (0.3%).'],
    ]);
  });

  it('says what to do when the trigger is gone, the schedule silent, permissions partial, a sheet or the spreadsheet nearly full', () => {
    const addon = workbook();
    addon.runtime.run('turnOnReminders');
    addon.runtime.scriptApp.triggers.length = 0;
    addon.runtime.setNow(zonedInstant(ZONE, 2026, 3, 12, 10));
    const big = addon.spreadsheet.addSheet('Archive');
    big.maxRows = 400_000;
    big.maxColumns = 20;
    addon.runtime.grantScopes([...addon.runtime.manifestScopes!].filter((scope) => scope !== SCOPES.sendMail));
    const lines = checkSetup(addon);
    expect(line(lines, 'Permissions')![0]).toBe('To do');
    expect(line(lines, 'Permissions')![2]).toMatch(/^To use every part of Receivables, allow Receivables to "Send email as you" at /);
    expect(line(lines, 'Daily reminders')).toEqual(['To do', 'Daily reminders', 'on, sent from you, but this spreadsheet has no trigger, so nothing will be sent: choose Turn on daily reminders again. it has not run yet.']);
    expect(line(lines, 'Schedule running')![2]).toMatch(/^Daily reminders have not run since 2026-03-10 08:00 \(2 days\)/);
    expect(line(lines, 'Mail quota')![0]).toBe('To do');
    expect(line(lines, 'Sheet "Invoices"')![2]).toMatch(/^3 of 3 rows and 7 of 7 columns used\. Nearly full: the add-on adds rows and columns where it writes/);
    expect(line(lines, 'Spreadsheet size')).toEqual(['To do', 'Spreadsheet size', expect.stringMatching(/^8,0\d\d,\d{3} of 10,000,000 cells \(80%\): near Google's limit/)]);
  });

  it("names whose schedule it is for another editor, who cannot see that person's trigger", () => {
    const addon = workbook();
    addon.runtime.run('turnOnReminders');
    addon.runtime.run('checkSetup', [], { user: 'colleague@example.com' });
    const html = addon.runtime.ui.dialogs.at(-1)!.html;
    expect(html).toContain('on, sent from owner@example.com; it has not run yet. Only owner@example.com can see or change their trigger.');
  });

  // "Publish an editor add-on": a standard Cloud project; "Advanced Google services", step 2: there the Drive API is enabled by hand.
  it('names a Drive API that is not enabled in the Cloud project, with the project and where to enable it, from one cheap call', () => {
    const addon = workbook();
    addon.runtime.drive.apiEnabled = false;
    addon.runtime.drive.cloudProjectNumber = '861234567890';
    const before = addon.runtime.state.log.count('Drive.Files.list');
    const lines = checkSetup(addon);
    expect(addon.runtime.state.log.count('Drive.Files.list') - before).toBe(1);
    expect(addon.runtime.state.log.count('Drive.Files.create')).toBe(0);
    expect(line(lines, 'Drive for letters')).toEqual([
      'To do',
      'Drive for letters',
      "the Google Drive API is not enabled in the add-on's Google Cloud project (number 861234567890), so letters and summaries for the lawyer cannot be saved. " +
        'Whoever published the add-on enables it: Google Cloud console › APIs & Services › Library › Google Drive API › Enable, in project 861234567890; wait a few minutes, then run Check setup again.',
    ]);
    // Every other line still reports: one failing service does not hide the rest.
    expect(line(lines, 'Mail quota')![0]).toBe('OK');
    expect(line(lines, 'Spreadsheet size')![0]).toBe('OK');

    // Enabled, the same check says OK.
    addon.runtime.drive.apiEnabled = true;
    expect(line(checkSetup(addon), 'Drive for letters')![0]).toBe('OK');
  });

  it('asks for the Drive permission instead of probing Drive when drive.file was not granted', () => {
    const addon = workbook();
    addon.runtime.grantScopes([...addon.runtime.manifestScopes!].filter((scope) => scope !== SCOPES.driveFile));
    const lines = checkSetup(addon);
    expect(addon.runtime.state.log.count('Drive.Files.list')).toBe(0);
    expect(line(lines, 'Drive for letters')![0]).toBe('To do');
    expect(line(lines, 'Drive for letters')![2]).toMatch(/^To save letters and summaries for the lawyer, allow Receivables to "See, edit, create and delete only the specific Google Drive files you use with this app"/);
  });

  it('says what Drive answered when it fails for another reason', () => {
    const addon = workbook();
    addon.runtime.state.log.failOn('Drive.Files.list');
    expect(line(checkSetup(addon), 'Drive for letters')).toEqual(['To do', 'Drive for letters', expect.stringMatching(/^Drive did not answer \(Service error: injected failure of Drive\.Files\.list\): letters and summaries for the lawyer wait/)]);
  });
});
