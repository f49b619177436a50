// Granular consent: the person grants only some of the manifest's scopes;
// the add-on says in a sentence what to allow instead of failing halfway.
import { describe, expect, it } from 'vitest';
import { zonedInstant } from '../../runtime/index';
import { SCOPES } from '../../runtime/scopes.mjs';
import { loadAddon, savePolicy, storedRows } from '../support/addon';

const ZONE = 'Europe/London';
const ALL = [SCOPES.spreadsheets, SCOPES.containerUi, SCOPES.sendMail, SCOPES.scriptApp, SCOPES.userEmail, SCOPES.driveFile];

function workbook() {
  const addon = loadAddon({ timeZone: ZONE });
  // The sender filled in: nothing is sent without one.
  savePolicy(addon);
  addon.runtime.setNow(zonedInstant(ZONE, 2026, 3, 10, 10));
  addon.spreadsheet.addSheet(
    'Invoices',
    storedRows(
      [
        ['Customer', 'Invoice No', 'Due date', 'Amount', 'Currency', 'Email'],
        ['Acme', 'A-1', '2026-03-03', 100, 'USD', 'ap@acme.example.com'],
      ],
      ZONE,
    ),
  );
  return addon;
}

describe('scopes', () => {
  it('are read from the built manifest, and a call outside them throws the platform error', () => {
    const addon = workbook();
    expect([...addon.runtime.grantedScopes()].sort()).toEqual([...ALL].sort());
    addon.runtime.grantScopes(ALL.filter((scope) => scope !== SCOPES.userEmail));
    // sidebarLoad needs only the spreadsheet and the UI; reading the email is what fails.
    expect(() => addon.runtime.scriptRun('sidebarRenderTemplate', ['overdue', 'en', { subject: 's', body: 'b' }])).toThrow(
      /To preview a template, allow Receivables to "See your primary Google Account email address" at https:\/\/\S+, then try again\./,
    );
  });

  it('the menu says what to allow, and sends nothing, when mail was not granted', () => {
    const addon = workbook();
    addon.runtime.grantScopes(ALL.filter((scope) => scope !== SCOPES.sendMail));
    addon.runtime.run('sendDueReminders');
    expect(addon.runtime.outbox.sent).toEqual([]);
    expect(addon.runtime.ui.alerts.map((alert) => alert.prompt)).toEqual([expect.stringMatching(/^To send reminders, allow Receivables to "Send email as you" at \S+, then try again\.$/)]);
    expect(addon.spreadsheet.sheet('Reminder log')).toBeUndefined();
  });

  it('without the UI scope, the sentence is the error Sheets shows', () => {
    const addon = workbook();
    addon.runtime.grantScopes([SCOPES.spreadsheets]);
    expect(() => addon.runtime.run('insertDashboard')).toThrow(/^To insert the dashboard, allow Receivables to "Display and run third-party web content/);
  });

  it('the sidebar loads with what is granted, and its schedule names what is missing', () => {
    const addon = workbook();
    addon.runtime.grantScopes([SCOPES.spreadsheets, SCOPES.containerUi]);
    const state = addon.runtime.scriptRun('sidebarLoad') as { schedule: { permission: string; quotaLeft: number } };
    expect(state.schedule.quotaLeft).toBe(-1);
    expect(state.schedule.permission).toMatch(/^To send reminders, allow Receivables to "Send email as you", "See your primary Google Account email address" and "Allow this application to run when you are not present" at /);
    const toggled = addon.runtime.scriptRun('sidebarSetSchedule', [true]) as { ok: boolean; message: string };
    expect(toggled.ok).toBe(false);
    expect(toggled.message).toMatch(/^To turn on daily reminders, allow Receivables to /);
    expect(addon.runtime.scriptApp.triggers).toEqual([]);
  });

  it('the scheduled run records what to allow where the sidebar shows it, and sends nothing', () => {
    const addon = workbook();
    addon.runtime.run('turnOnReminders');
    expect(addon.runtime.scriptApp.triggers).toHaveLength(1);
    addon.runtime.grantScopes(ALL.filter((scope) => scope !== SCOPES.sendMail));
    addon.runtime.fireTimeTriggers();
    expect(addon.runtime.outbox.sent).toEqual([]);
    const state = addon.runtime.scriptRun('sidebarLoad') as { schedule: { lastError: string } };
    expect(state.schedule.lastError).toMatch(/^To send the daily reminders, allow Receivables to "Send email as you"/);
    addon.runtime.grantScopes(ALL);
    addon.runtime.fireTimeTriggers();
    expect(addon.runtime.outbox.sent.map((mail) => mail.to)).toEqual(['ap@acme.example.com']);
  });
});
