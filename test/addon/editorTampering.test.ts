// Issue 21, items 1, 2 and 9; issue 24, item 3: another editor of a shared
// spreadsheet, typing into cells as people do (the hidden settings sheet
// included: any editor can unhide it), with no add-on call, cannot stop,
// silence or take over the owner's daily reminders, and cannot make the
// owner's account send settings the owner did not approve.
import { describe, expect, it } from 'vitest';
import { zonedInstant } from '../../runtime/index';
import { loadAddon, savePolicy, SENDER, storedRows, storedSettings, type Addon } from '../support/addon';

const ZONE = 'Europe/London';
const OWNER = 'owner@example.com';
const COLLEAGUE = 'colleague@example.com';
const SETTINGS = 'Receivables settings';
const HEADER = ['Customer', 'Invoice No', 'Invoice date', 'Due date', 'Amount', 'Currency', 'Email'];
// Both overdue on 10 March; with a one-day gap, a reminder is due every day there is a step.
const ROWS = [
  ['Acme', 'A-1', '2026-01-01', '2026-01-31', 100, 'USD', 'ap@acme.example.com'],
  ['Globex', 'G-1', '2026-01-10', '2026-02-09', 2000, 'USD', 'ap@globex.example.com'],
];
const PLANTED = { cc: 'fraud@example.net', paymentDetails: 'IBAN XX00 FRAUD 0000' };

function at(addon: Addon, day: number, hour = 10): void {
  addon.runtime.setNow(zonedInstant(ZONE, 2026, 3, day, hour));
}

/** The owner's spreadsheet with the settings saved by the owner and daily reminders on, 9 March. */
function scheduled(): Addon {
  const addon = loadAddon({ timeZone: ZONE });
  at(addon, 9, 8);
  addon.spreadsheet.addSheet('Invoices', storedRows([HEADER, ...ROWS], ZONE));
  savePolicy(addon, { minimumGapDays: 1 });
  addon.runtime.run('turnOnReminders');
  expect(addon.runtime.ui.alerts.at(-1)!.prompt).toMatch(/^Daily reminders are on/);
  return addon;
}

const trigger = (addon: Addon) => addon.runtime.fireTimeTriggers();
const customerMail = (addon: Addon) => addon.runtime.outbox.sent.filter((mail) => mail.to !== OWNER);
const ownerMail = (addon: Addon) => addon.runtime.outbox.sent.filter((mail) => mail.to === OWNER);
const status = (addon: Addon, user = OWNER) => addon.runtime.run('getReminderStatus', [], { user }) as { on: boolean; owner: string; youOwnIt: boolean; held: string; warning: string; sentLastRun: number; lastError: string };

/**
 * Another editor typing into the hidden settings sheet: finds the row by the
 * name in column A and types into column B with setValue (as the grid does),
 * or types the name into a new row when there is none.
 */
function typeIntoSettings(addon: Addon, name: string, value: string): void {
  const sheet = addon.spreadsheet.sheet(SETTINGS)!;
  const found = sheet.values.findIndex((row) => row[0] === name);
  const row = found >= 0 ? found + 1 : sheet.face().getLastRow() + 1;
  if (found < 0) sheet.face().getRange(row, 1).setValue(name);
  sheet.face().getRange(row, 2).setValue(value);
}

function storedPolicy(addon: Addon): Record<string, unknown> {
  return JSON.parse(storedSettings(addon.spreadsheet).policy);
}

describe('the schedule cannot be stopped, taken over or silenced from a cell', () => {
  it('clearing the schedule-owner cell stops nothing: the trigger stays and sends the next day', () => {
    const addon = scheduled();
    typeIntoSettings(addon, 'schedule owner', '');
    at(addon, 10);
    trigger(addon);
    expect(addon.runtime.scriptApp.triggers.map((t) => t.owner)).toEqual([OWNER]);
    expect(customerMail(addon).map((mail) => mail.from)).toEqual([OWNER, OWNER]);
    expect(status(addon)).toMatchObject({ on: true, owner: OWNER, youOwnIt: true, sentLastRun: 2 });
  });

  it("writing one's own address as the owner gives that editor nothing: the owner keeps the schedule, the editor still cannot change what it sends", () => {
    const addon = scheduled();
    typeIntoSettings(addon, 'schedule owner', COLLEAGUE);
    expect(status(addon, COLLEAGUE)).toMatchObject({ on: true, owner: OWNER, youOwnIt: false });
    const refused = addon.runtime.scriptRun('sidebarSavePolicy', [{ ...storedPolicy(addon), ...PLANTED }], { user: COLLEAGUE }) as { ok: boolean };
    expect(refused.ok).toBe(false);
    addon.runtime.run('turnOffReminders', [], { user: COLLEAGUE });
    expect(addon.runtime.ui.alerts.at(-1)!.prompt).toBe(`Daily reminders for this spreadsheet are sent from ${OWNER}; only they can turn them off.`);
    addon.runtime.run('turnOnReminders', [], { user: COLLEAGUE });
    expect(addon.runtime.ui.alerts.at(-1)!.prompt).toMatch(/^Daily reminders for this spreadsheet are already on, sent from owner@example\.com\./);
    at(addon, 10);
    trigger(addon);
    expect(addon.runtime.scriptApp.triggers.map((t) => t.owner)).toEqual([OWNER]);
    expect(customerMail(addon).map((mail) => [mail.from, mail.cc ?? ''])).toEqual([
      [OWNER, ''],
      [OWNER, ''],
    ]);
  });

  it("keeping 'last run' at today (what a formula of TODAY() shows every day) skips no day", () => {
    const addon = scheduled();
    // The runtime's formula engine evaluates only the add-on's own formulas: the test types, each morning, what
    // ="{""day"":""" & TEXT(TODAY(),"yyyy-mm-dd") & """,""at"":0,""sent"":2,…}" would show that day.
    const keptAtToday = (day: number) => typeIntoSettings(addon, 'last run', JSON.stringify({ day: `2026-03-${String(day).padStart(2, '0')}`, at: 0, sent: 2, deferred: 0, errors: 0, unconfirmed: 0, error: '' }));
    // The 10th, and the 17th and 18th: each customer's next step is earned seven days after their first reminder.
    for (const day of [10, 17, 18]) {
      at(addon, day, 7);
      keptAtToday(day);
      at(addon, day, 10);
      trigger(addon);
    }
    // Reminders went out every day with a step due: Acme and Globex on the 10th, then their next steps.
    expect(customerMail(addon).length).toBeGreaterThanOrEqual(2);
    expect(new Set(customerMail(addon).map((mail) => mail.sentAt.toISOString().slice(0, 10))).size).toBeGreaterThan(1);
    // The owner sees the truth: the day's run and what it sent.
    expect(status(addon).lastError).toBe('');
  });

  it('deleting the settings sheet holds the schedule (nothing of the owner\'s goes out unapproved), keeps the trigger, tells the owner once by email and in the sidebar, and one click brings back what the owner approved', () => {
    const addon = scheduled();
    const approvedPolicy = storedPolicy(addon);
    addon.spreadsheet.face().deleteSheet(addon.spreadsheet.sheet(SETTINGS)!.face());
    at(addon, 10);
    trigger(addon);
    at(addon, 11);
    trigger(addon);
    expect(addon.runtime.scriptApp.triggers.map((t) => t.owner)).toEqual([OWNER]);
    expect(customerMail(addon)).toEqual([]);
    expect(ownerMail(addon).map((mail) => mail.subject)).toEqual(['Receivables: daily reminders held for "Receivables"']);
    expect(ownerMail(addon)[0].body).toMatch(/the settings sheet was deleted or cleared/);
    expect(status(addon).held).toMatch(/^Daily reminders are held/);
    // The owner's copy of what they approved is in their own properties: one click puts it back and the schedule goes on.
    const state = addon.runtime.scriptRun('sidebarLoad') as { settings: { approved: { policy: Record<string, unknown> } | null } };
    expect(state.settings.approved?.policy).toMatchObject({ paymentDetails: approvedPolicy.paymentDetails, minimumGapDays: 1 });
    expect(addon.runtime.scriptRun('sidebarRestoreApproved')).toEqual({ ok: true });
    expect(status(addon).held).toBe('');
    at(addon, 12);
    trigger(addon);
    expect(customerMail(addon).length).toBeGreaterThan(0);
    expect(customerMail(addon).every((mail) => mail.from === OWNER && (mail.cc ?? '') === '')).toBe(true);
  });
});

describe("the owner's account sends only what the owner approved", () => {
  /** The owner's spreadsheet with settings saved by the owner, schedule off. */
  function unscheduled(): Addon {
    const addon = loadAddon({ timeZone: ZONE });
    at(addon, 10, 8);
    addon.spreadsheet.addSheet('Invoices', storedRows([HEADER, ...ROWS], ZONE));
    savePolicy(addon, { minimumGapDays: 1 });
    return addon;
  }

  it("with the schedule off, another editor's CC and bank details are not sent by the owner's \"Send due reminders now\", and turning the schedule on does not approve them", () => {
    const addon = unscheduled();
    // Anyone may change the settings while the schedule is off; the colleague adds a CC and bank details.
    expect(addon.runtime.scriptRun('sidebarSavePolicy', [{ ...storedPolicy(addon), ...PLANTED }], { user: COLLEAGUE })).toEqual({ ok: true });
    at(addon, 10);
    addon.runtime.run('sendDueReminders');
    expect(addon.runtime.outbox.sent).toEqual([]);
    expect(addon.runtime.ui.alerts.at(-1)!.prompt).toMatch(/^Nothing sent: the policy or the templates changed since you approved them/);
    addon.runtime.run('turnOnReminders');
    expect(addon.runtime.ui.alerts.at(-1)!.prompt).toMatch(/^Daily reminders stay off: the policy or the templates changed since you approved them\./);
    expect(addon.runtime.scriptApp.triggers).toEqual([]);
    // The sidebar shows the owner what changed against the copy they approved.
    const state = addon.runtime.scriptRun('sidebarLoad') as { policy: Record<string, unknown>; settings: { unapproved: boolean; fingerprint: string; approved: { policy: Record<string, unknown> } | null } };
    expect(state.settings.unapproved).toBe(true);
    expect(state.settings.approved?.policy).toMatchObject({ cc: '', paymentDetails: SENDER.paymentDetails });
    expect(state.policy).toMatchObject(PLANTED);
    // Saving another section does not approve the colleague's change either.
    expect(addon.runtime.scriptRun('sidebarSaveTemplates', [{}])).toEqual({ ok: true });
    addon.runtime.run('sendDueReminders');
    expect(addon.runtime.outbox.sent).toEqual([]);
    // Only an explicit approval of what the page showed lets them go, from then on.
    const shown = addon.runtime.scriptRun('sidebarLoad') as { settings: { fingerprint: string } };
    expect(addon.runtime.scriptRun('sidebarApproveSettings', [shown.settings.fingerprint])).toEqual({ ok: true });
    addon.runtime.run('sendDueReminders');
    expect(customerMail(addon).map((mail) => mail.cc)).toEqual([PLANTED.cc, PLANTED.cc]);
  });

  it("settings typed into the 'policy' row are not sent by the owner's \"Send due reminders now\" while the schedule is on", () => {
    const addon = scheduled();
    typeIntoSettings(addon, 'policy', JSON.stringify({ ...storedPolicy(addon), ...PLANTED }));
    at(addon, 10);
    addon.runtime.run('sendDueReminders');
    expect(addon.runtime.outbox.sent).toEqual([]);
    expect(addon.runtime.ui.alerts.at(-1)!.prompt).toMatch(/^Nothing sent: Daily reminders are held: the policy or the templates changed since owner@example\.com approved them/);
  });
});

describe('restoring is a decision the owner sees', () => {
  it("a planted 'last good policy' with the 'policy' row broken is restored only for review: shown field by field against what the owner approved, not approved, not sent", () => {
    const addon = scheduled();
    const approved = storedPolicy(addon);
    typeIntoSettings(addon, 'last good policy', JSON.stringify({ ...approved, ...PLANTED }));
    typeIntoSettings(addon, 'policy', '{broken');
    const damaged = addon.runtime.scriptRun('sidebarLoad') as { policy: Record<string, unknown>; settings: { damaged: string; hasLastGood: boolean; lastGoodApproved: boolean; approved: { policy: Record<string, unknown> } | null } };
    expect(damaged.settings.damaged).not.toBe('');
    expect(damaged.settings.hasLastGood).toBe(true);
    // The page has both sides to compare: the last good copy (shown) and the copy the owner approved.
    expect(damaged.settings.lastGoodApproved).toBe(false);
    expect(damaged.policy).toMatchObject(PLANTED);
    expect(damaged.settings.approved?.policy).toMatchObject({ cc: '', paymentDetails: approved.paymentDetails });

    expect(addon.runtime.scriptRun('sidebarRestoreSettings', ['last-good'])).toEqual({ ok: true });
    const restored = addon.runtime.scriptRun('sidebarLoad') as { settings: { unapproved: boolean } };
    expect(restored.settings.unapproved).toBe(true);
    at(addon, 10);
    trigger(addon);
    addon.runtime.run('sendDueReminders');
    expect(customerMail(addon)).toEqual([]);
    // What the owner approved comes back in one click, and is what goes out.
    expect(addon.runtime.scriptRun('sidebarRestoreApproved')).toEqual({ ok: true });
    addon.runtime.run('sendDueReminders');
    expect(customerMail(addon).map((mail) => [mail.from, mail.cc ?? ''])).toEqual([
      [OWNER, ''],
      [OWNER, ''],
    ]);
  });

  it('the last good copy that is exactly what the owner approved is restored and approved in one click', () => {
    const addon = scheduled();
    typeIntoSettings(addon, 'policy', '{broken');
    const damaged = addon.runtime.scriptRun('sidebarLoad') as { settings: { lastGoodApproved: boolean } };
    expect(damaged.settings.lastGoodApproved).toBe(true);
    expect(addon.runtime.scriptRun('sidebarRestoreSettings', ['last-good'])).toEqual({ ok: true });
    expect((addon.runtime.scriptRun('sidebarLoad') as { settings: { unapproved: boolean } }).settings.unapproved).toBe(false);
    at(addon, 10);
    trigger(addon);
    expect(customerMail(addon)).toHaveLength(2);
  });
});

describe('run state is the owner’s, not every user’s (issue 24, item 3)', () => {
  it('a run killed mid-send leaves its lease and checkpoint in the owner’s properties only, and Turn off clears them', () => {
    const addon = scheduled();
    addon.runtime.state.log.afterNext('MailApp.sendEmail', () => {
      // The execution passes its 6 minutes: Apps Script ends it there, cleanup and all.
      addon.runtime.setNow(addon.runtime.state.now + 7 * 60 * 1000);
    });
    at(addon, 10);
    const fired = trigger(addon);
    expect(fired[0].error).toMatch(/Exceeded maximum execution time/);
    expect(addon.runtime.scriptProperties.getKeys()).toEqual([]);
    const left = () => addon.runtime.userStore(OWNER).getKeys().filter((key) => /lease|checkpoint/.test(key));
    expect(left().length).toBeGreaterThan(0);
    expect(addon.runtime.userStore(COLLEAGUE).getKeys()).toEqual([]);
    addon.runtime.run('turnOffReminders');
    expect(left()).toEqual([]);
    expect(addon.runtime.scriptProperties.getKeys()).toEqual([]);
  });

  it('a checkpoint keeps no customer’s address where other users of the add-on could read it', () => {
    const addon = scheduled();
    addon.runtime.state.log.failOn('MailApp.sendEmail');
    at(addon, 10);
    let during: string[] = [];
    addon.runtime.state.log.afterNext('MailApp.sendEmail', () => {
      during = Object.values(addon.runtime.scriptProperties.getProperties());
    });
    trigger(addon);
    expect(during).toEqual([]);
  });
});
