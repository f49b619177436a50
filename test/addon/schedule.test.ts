// The daily schedule within the add-on trigger rules (issue 10, item 8): one
// trigger per spreadsheet, created in it; a spreadsheet where the add-on is
// disabled stops alone; a schedule gone silent for more than a day is said
// so by the menu, the sidebar and the next run.
import { describe, expect, it } from 'vitest';
import { zonedInstant } from '../../runtime/index';
import { loadAddon, savePolicy, storedRows, type Addon, SENDER } from '../support/addon';
import { POLICY_VERSION } from '../../src/core/reminders/policy';

const ZONE = 'Europe/London';
const HEADER = ['Customer', 'Invoice No', 'Invoice date', 'Due date', 'Amount', 'Paid', 'Paid date', 'Currency', 'Email'];
const ROWS = [
  ['Acme', 'A-1', '2026-01-01', '2026-03-10', 100, '', '', 'USD', 'ap@acme.example.com'],
  ['Globex', 'G-1', '2026-01-10', '2026-03-11', 200, '', '', 'USD', 'ap@globex.example.com'],
  ['Initech', 'I-1', '2026-01-20', '2026-03-12', 300, '', '', 'USD', 'ap@initech.example.com'],
];

function day(addon: Addon, date: number, hour: number): void {
  addon.runtime.setNow(zonedInstant(ZONE, 2026, 3, date, hour));
}

/** Two spreadsheets of the same person: FIRST (where they turned reminders on first) and SECOND. */
function twoSpreadsheets(): Addon {
  const addon = loadAddon({ timeZone: ZONE });
  day(addon, 9, 12);
  addon.spreadsheet.addSheet('Invoices', storedRows([HEADER, ...ROWS], ZONE));
  savePolicy(addon);
  const second = addon.runtime.createSpreadsheet({ id: 'second', timeZone: ZONE });
  second.addSheet('Invoices', storedRows([HEADER, ...ROWS.map((row) => [...row.slice(0, 8), String(row[8]).replace('@', '+2@')])], ZONE));
  addon.runtime.run('turnOnReminders');
  addon.runtime.run('sidebarSavePolicy', [{ version: POLICY_VERSION, ...SENDER }], { spreadsheetId: 'second' });
  addon.runtime.run('turnOnReminders', [], { spreadsheetId: 'second' });
  return addon;
}

/** The hourly ticks from `from` to `to` o'clock of a day. */
function hours(addon: Addon, date: number, from: number, to: number): void {
  for (let hour = from; hour <= to; hour++) {
    day(addon, date, hour);
    addon.runtime.fireTimeTriggers();
  }
}

const sentFrom = (addon: Addon, book: 'first' | 'second') => addon.runtime.outbox.sent.filter((mail) => mail.to.includes('+2@') === (book === 'second')).length;

describe('the schedule per spreadsheet', () => {
  it('gives each spreadsheet its own trigger, created in it, and the runtime refuses a second one there', () => {
    const addon = twoSpreadsheets();
    const first = addon.spreadsheet.getId();
    expect(addon.runtime.scriptApp.triggers.map((trigger) => [trigger.owner, trigger.document])).toEqual([
      ['owner@example.com', first],
      ['owner@example.com', 'second'],
    ]);
    addon.runtime.run('turnOnReminders');
    expect(addon.runtime.scriptApp.triggers).toHaveLength(2);
    // 2026-03-10: Acme due today, Globex tomorrow, Initech in two days (a week's notice reached on the 5th).
    hours(addon, 10, 0, 23);
    expect([sentFrom(addon, 'first'), sentFrom(addon, 'second')]).toEqual([3, 3]);
  });

  it('keeps sending from the other spreadsheets where the add-on is disabled in the first one', () => {
    const addon = twoSpreadsheets();
    addon.runtime.disableAddon(addon.spreadsheet.getId());
    hours(addon, 10, 0, 23);
    hours(addon, 11, 0, 23);
    // On the 11th only Globex's due-date reminder goes out: Initech's day-before note waits for the 3-day gap.
    expect([sentFrom(addon, 'first'), sentFrom(addon, 'second')]).toEqual([0, 3 + 1]);
    // Enabled again, its trigger fires again and the day's reminders go out: each invoice's latest step.
    addon.runtime.disableAddon(addon.spreadsheet.getId(), false);
    hours(addon, 12, 0, 12);
    expect([sentFrom(addon, 'first'), sentFrom(addon, 'second')]).toEqual([3, 3 + 1 + 1]);
  });

  it('keeps sending from the other spreadsheets when reminders are turned off in the first one', () => {
    const addon = twoSpreadsheets();
    addon.runtime.run('turnOffReminders');
    expect(addon.runtime.scriptApp.triggers.map((trigger) => trigger.document)).toEqual(['second']);
    hours(addon, 10, 0, 23);
    expect([sentFrom(addon, 'first'), sentFrom(addon, 'second')]).toEqual([0, 3]);
  });

  it('passes a spreadsheet to a colleague once its owner turns it off there; each trigger serves its own spreadsheet', () => {
    const addon = twoSpreadsheets();
    addon.runtime.run('turnOnReminders', [], { user: 'colleague@example.com' });
    expect(addon.runtime.ui.alerts.at(-1)!.prompt).toMatch(/^Daily reminders for this spreadsheet are already on, sent from owner@example\.com\./);
    addon.runtime.run('turnOffReminders');
    // The colleague cannot turn on settings they never approved; they review them, approve them, and turn the schedule on.
    addon.runtime.run('turnOnReminders', [], { user: 'colleague@example.com' });
    expect(addon.runtime.ui.alerts.at(-1)!.prompt).toMatch(/^Daily reminders stay off: you have not approved the current settings\./);
    const seen = addon.runtime.scriptRun('sidebarLoad', [], { user: 'colleague@example.com' }) as { settings: { unapproved: boolean; fingerprint: string } };
    expect(seen.settings.unapproved).toBe(true);
    expect(addon.runtime.scriptRun('sidebarApproveSettings', [seen.settings.fingerprint], { user: 'colleague@example.com' })).toEqual({ ok: true });
    addon.runtime.run('turnOnReminders', [], { user: 'colleague@example.com' });
    hours(addon, 10, 9, 9);
    expect(addon.runtime.scriptApp.triggers.map((trigger) => [trigger.owner, trigger.document])).toEqual([
      ['owner@example.com', 'second'],
      ['colleague@example.com', addon.spreadsheet.getId()],
    ]);
    expect(addon.runtime.outbox.sent.map((mail) => [mail.from, mail.to.includes('+2@') ? 'second' : 'first'])).toEqual([
      ...Array(3).fill(['owner@example.com', 'second']),
      ...Array(3).fill(['colleague@example.com', 'first']),
    ]);
  });
});

describe('a schedule that has gone silent', () => {
  const SILENT = /^Daily reminders have not run since 2026-03-10 12:00 \(2 days\): the add-on may be disabled in this spreadsheet or its trigger removed\. owner@example\.com should choose Extensions › Receivables › Turn on daily reminders again, then Check setup\.$/;

  function silent(): Addon {
    const addon = twoSpreadsheets();
    hours(addon, 10, 0, 12);
    addon.runtime.disableAddon(addon.spreadsheet.getId());
    hours(addon, 10, 13, 23);
    hours(addon, 11, 0, 23);
    hours(addon, 12, 0, 14);
    return addon;
  }

  it('is said by the sidebar and, where the add-on runs, by the menu; the other spreadsheet is fine', () => {
    const addon = silent();
    day(addon, 11, 12);
    expect(addon.runtime.run('getReminderStatus')).toMatchObject({ warning: '' });
    day(addon, 12, 14);
    expect((addon.runtime.run('getReminderStatus') as { warning: string }).warning).toMatch(SILENT);
    expect(addon.runtime.run('getReminderStatus', [], { spreadsheetId: 'second' })).toMatchObject({ warning: '' });

    addon.runtime.run('onOpen', [{ authMode: 'LIMITED' }], { mode: 'LIMITED' });
    expect(addon.runtime.ui.menus.at(-1)!.items[0]).toEqual({ caption: '⚠ Daily reminders have stopped: Check setup', functionName: 'checkSetup' });
    addon.runtime.run('onOpen', [{ authMode: 'LIMITED' }], { mode: 'LIMITED', spreadsheetId: 'second' });
    expect(addon.runtime.ui.menus.at(-1)!.items[0]).toEqual({ caption: 'Insert receivables dashboard', functionName: 'insertDashboard' });
  });

  it('is said by a run from the menu', () => {
    const addon = silent();
    addon.runtime.run('sendDueReminders');
    expect(addon.runtime.ui.alerts.at(-1)!.prompt).toMatch(/^Reminders for 2026-03-12: 2 sent\. Daily reminders have not run since 2026-03-10 12:00 \(2 days\)/);
  });

  it('is said by the next scheduled run once the trigger fires again, until the run after it', () => {
    const addon = silent();
    addon.runtime.disableAddon(addon.spreadsheet.getId(), false);
    // 15:00, past the send hour: the trigger notes the gap and runs the day's reminders.
    hours(addon, 12, 15, 15);
    const status = addon.runtime.run('getReminderStatus') as { warning: string; sentLastRun: number };
    expect(status.sentLastRun).toBe(2);
    expect(status.warning).toMatch(SILENT);
    hours(addon, 13, 0, 12);
    expect(addon.runtime.run('getReminderStatus')).toMatchObject({ warning: '', sentLastRun: 0, lastError: '' });
  });

  it('found by a trigger that comes back before the send hour, is still said by that day’s run', () => {
    const addon = silent();
    addon.runtime.disableAddon(addon.spreadsheet.getId(), false);
    hours(addon, 13, 3, 4);
    expect((addon.runtime.run('getReminderStatus') as { warning: string }).warning).toMatch(/^Daily reminders have not run since 2026-03-10 12:00 \(2 days\)/);
    hours(addon, 13, 5, 9);
    const status = addon.runtime.run('getReminderStatus') as { warning: string; sentLastRun: number };
    expect(status.sentLastRun).toBe(2);
    expect(status.warning).toMatch(/^Daily reminders have not run since 2026-03-10 12:00 \(2 days\)/);
  });
});

describe('a clock trigger has no source document (issue 24, item 2)', () => {
  const ids = (addon: Addon) => addon.runtime.scriptApp.triggers.map((trigger) => trigger.id);
  const setupLine = (addon: Addon) => {
    addon.runtime.run('checkSetup');
    return /Daily reminders<\/td><td>([^<]*)</.exec(addon.runtime.ui.dialogs.at(-1)!.html)?.[1] ?? '';
  };

  it('finds its trigger by the ID it keeps: Turn off, Turn on again, Check setup, a second spreadsheet and a deleted trigger all behave', () => {
    const addon = twoSpreadsheets();
    const [first, second] = ids(addon);
    expect(setupLine(addon)).toMatch(/^on, sent from you; the hourly trigger exists in this spreadsheet/);
    // Turn off removes this spreadsheet's trigger only; Turn on again makes one, and only one.
    addon.runtime.run('turnOffReminders');
    expect(ids(addon)).toEqual([second]);
    addon.runtime.run('turnOnReminders');
    addon.runtime.run('turnOnReminders');
    expect(addon.runtime.scriptApp.triggers.map((trigger) => trigger.document)).toEqual(['second', addon.spreadsheet.getId()]);
    expect(ids(addon)).not.toContain(first);

    // The trigger deleted by hand (the Apps Script dashboard): the sidebar and Check setup say so, and Turn on again brings it back.
    const deleted = ids(addon)[1];
    addon.runtime.scriptApp.triggers.splice(1, 1);
    expect(status(addon).warning).toMatch(/^Daily reminders cannot run: the hourly trigger of this spreadsheet was removed/);
    expect(setupLine(addon)).toMatch(/^on, sent from you, but this spreadsheet has no trigger/);
    addon.runtime.run('turnOnReminders');
    expect(addon.runtime.ui.alerts.at(-1)!.prompt).toMatch(/^Daily reminders are on/);
    expect(ids(addon)).toHaveLength(2);
    expect(setupLine(addon)).toMatch(/^on, sent from you; the hourly trigger exists/);
    expect(addon.runtime.userStore('owner@example.com').getKeys()).not.toContain(`receivables.trigger.${deleted}`);
    expect(status(addon).warning).toBe('');
    // Both spreadsheets still send, each from its own trigger.
    hours(addon, 10, 0, 23);
    expect([sentFrom(addon, 'first'), sentFrom(addon, 'second')]).toEqual([3, 3]);
  });
});

function status(addon: Addon, spreadsheetId?: string): { warning: string } {
  return addon.runtime.run('getReminderStatus', [], spreadsheetId ? { spreadsheetId } : {}) as { warning: string };
}

describe('a schedule turned on by the version that kept its owner in a cell', () => {
  it('keeps running after the upgrade: its trigger adopts it from the link in the owner’s properties, and the owner’s next visit names them in the document', () => {
    const addon = twoSpreadsheets();
    const id = addon.spreadsheet.getId();
    // As the earlier version left it: the trigger and its link in the owner's properties, no record, no owner in the document.
    addon.runtime.userStore('owner@example.com').deleteProperty(`receivables.schedule.${id}`);
    addon.runtime.documentStore(id).deleteProperty('receivables.scheduleOwner');
    hours(addon, 10, 9, 9);
    expect(addon.runtime.scriptApp.triggers).toHaveLength(2);
    expect([sentFrom(addon, 'first'), sentFrom(addon, 'second')]).toEqual([3, 3]);
    expect(addon.runtime.run('getReminderStatus')).toMatchObject({ on: true, owner: 'owner@example.com', youOwnIt: true, sentLastRun: 3 });
    addon.runtime.run('turnOnReminders', [], { user: 'colleague@example.com' });
    expect(addon.runtime.ui.alerts.at(-1)!.prompt).toMatch(/^Daily reminders for this spreadsheet are already on, sent from owner@example\.com\./);
  });
});
