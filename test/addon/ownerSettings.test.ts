// Issue 11: only the schedule's owner decides what the owner's account sends;
// one store of settings; damaged settings never become the defaults; every
// sidebar call refuses wrong types.
import { describe, expect, it } from 'vitest';
import { zonedInstant } from '../../runtime/index';
import { POLICY_VERSION } from '../../src/core/reminders/policy';
import { loadAddon, savePolicy, SENDER, storedRows, storedSettings, type Addon } from '../support/addon';

const ZONE = 'Europe/London';
const OWNER = 'owner@example.com';
const COLLEAGUE = 'colleague@example.com';
const HEADER = ['Customer', 'Invoice No', 'Invoice date', 'Due date', 'Amount', 'Currency', 'Email'];
const ROWS = [
  ['Acme', 'A-1', '2026-01-01', '2026-01-31', 100, 'USD', 'ap@acme.example.com'],
  ['Globex', 'G-1', '2026-01-10', '2026-02-09', 2000, 'USD', 'ap@globex.example.com'],
];

function workbook(): Addon {
  const addon = loadAddon({ timeZone: ZONE });
  at(addon, 8);
  addon.spreadsheet.addSheet('Invoices', storedRows([HEADER, ...ROWS], ZONE));
  // A day's gap: these tests follow the cadence day by day.
  savePolicy(addon, { minimumGapDays: 1 });
  return addon;
}

function at(addon: Addon, hour: number, day = 10): void {
  addon.runtime.setNow(zonedInstant(ZONE, 2026, 3, day, hour));
}

const trigger = (addon: Addon) => addon.runtime.fireTimeTriggers();
const customerMail = (addon: Addon) => addon.runtime.outbox.sent.filter((mail) => mail.to !== OWNER);

/** A person editing the hidden settings sheet by hand, as any editor can. */
function editStoredCell(addon: Addon, key: string, text: string): void {
  const sheet = addon.spreadsheet.sheet('Receivables settings')!;
  const row = sheet.values.findIndex((cells) => cells[0] === key);
  expect(row, `no "${key}" row`).toBeGreaterThanOrEqual(0);
  sheet.values[row] = [key, text];
}

function storedPolicy(addon: Addon): Record<string, unknown> {
  return JSON.parse(storedSettings(addon.spreadsheet).policy);
}

describe('while the schedule is on, only its owner changes what it sends', () => {
  it("refuses another editor's changes to the policy and the templates with a clear sentence, and shows them read-only with who owns the schedule", () => {
    const addon = workbook();
    addon.runtime.run('turnOnReminders');
    const before = storedSettings(addon.spreadsheet);
    const refused = addon.runtime.scriptRun('sidebarSavePolicy', [{ ...storedPolicy(addon), cc: 'fraud@example.net', paymentDetails: 'IBAN XX00 FRAUD' }], { user: COLLEAGUE });
    const sentence = `Daily reminders are sent from ${OWNER}'s account, so only ${OWNER} can change what they send. Ask ${OWNER} to make this change, or to turn the daily reminders off.`;
    expect(refused).toEqual({ ok: false, problems: [{ field: '', message: sentence }] });
    expect(addon.runtime.scriptRun('sidebarSaveTemplates', [{ overdue: { en: { subject: 'Pay now', body: 'Pay to IBAN XX00 FRAUD' } } }], { user: COLLEAGUE })).toEqual({ ok: false, problems: [{ field: '', message: sentence }] });
    expect(storedSettings(addon.spreadsheet)).toEqual(before);

    const seen = addon.runtime.scriptRun('sidebarLoad', [], { user: COLLEAGUE }) as { settings: { lockedBy: string }; schedule: { owner: string; youOwnIt: boolean } };
    expect(seen.settings.lockedBy).toBe(OWNER);
    expect(seen.schedule).toMatchObject({ owner: OWNER, youOwnIt: false });
    const mine = addon.runtime.scriptRun('sidebarLoad') as { settings: { lockedBy: string; unapproved: boolean } };
    expect(mine.settings).toMatchObject({ lockedBy: '', unapproved: false });

    // The owner's own change is saved, and is what the run sends.
    savePolicy(addon, { ...storedPolicy(addon), cc: 'manager@example.com' });
    at(addon, 10);
    trigger(addon);
    expect(customerMail(addon).map((mail) => mail.cc)).toEqual(['manager@example.com', 'manager@example.com']);
  });

  it('lets anyone change the settings while the schedule is off', () => {
    const addon = workbook();
    savePolicy(addon, { version: POLICY_VERSION, minimumBalance: 50 }, COLLEAGUE);
    expect(storedPolicy(addon).minimumBalance).toBe(50);
  });

  it('holds the scheduled run when the stored settings are not what the owner approved: nothing sent, the reason logged and shown, the owner alone emailed once', () => {
    const addon = workbook();
    addon.runtime.run('turnOnReminders');
    // While the schedule is on, only its owner's account sends: another editor's "Send now" is refused.
    addon.runtime.run('sendDueReminders', [], { user: COLLEAGUE });
    expect(addon.runtime.ui.alerts.at(-1)!.prompt).toBe(`Nothing sent: daily reminders for this spreadsheet are sent from ${OWNER}'s account, so only ${OWNER} can send them now (or turn them off first)`);
    expect(addon.runtime.outbox.sent).toEqual([]);
    addon.runtime.run('sendDueReminders');
    addon.runtime.outbox.sent.length = 0;
    at(addon, 10, 11);
    // An editor changes the payment details and adds a CC straight in the hidden sheet.
    editStoredCell(addon, 'policy', JSON.stringify({ ...storedPolicy(addon), cc: 'fraud@example.net', paymentDetails: 'IBAN XX00 FRAUD' }));
    trigger(addon);
    expect(customerMail(addon)).toEqual([]);
    const alerts = addon.runtime.outbox.sent;
    expect(alerts.map((mail) => [mail.to, mail.cc ?? '', mail.bcc ?? ''])).toEqual([[OWNER, '', '']]);
    expect(alerts[0].subject).toBe('Receivables: daily reminders held for "Receivables"');
    expect(alerts[0].body).toContain(`the policy or the templates changed since ${OWNER} approved them`);
    const logRows = addon.spreadsheet.sheet('Reminder log')!.values;
    expect(logRows.filter((row) => row[5] === 'held').map((row) => row[6])).toEqual([expect.stringContaining('Daily reminders are held')]);

    // The next hours: still held, still nothing sent, no second email.
    at(addon, 11, 11);
    trigger(addon);
    at(addon, 12, 11);
    trigger(addon);
    expect(addon.runtime.outbox.sent).toHaveLength(1);
    expect(addon.spreadsheet.sheet('Reminder log')!.values.filter((row) => row[5] === 'held')).toHaveLength(1);

    // The menu, the sidebar and the schedule status show it.
    expect((addon.runtime.run('getReminderStatus') as { held: string }).held).toMatch(/^Daily reminders are held: the policy or the templates changed/);
    addon.runtime.run('onOpen', [{ authMode: 'FULL' }]);
    expect(addon.runtime.ui.menus[0].items[0]).toEqual({ caption: '⚠ Daily reminders held: review the settings', functionName: 'openSettings' });
    addon.runtime.run('sendDueReminders');
    expect(addon.runtime.ui.alerts.at(-1)!.prompt).toMatch(/^Nothing sent: Daily reminders are held/);
    expect(customerMail(addon)).toEqual([]);
    const owner = addon.runtime.scriptRun('sidebarLoad') as { policy: { cc: string }; settings: { unapproved: boolean; fingerprint: string } };
    expect(owner.settings.unapproved).toBe(true);
    expect(owner.policy.cc).toBe('fraud@example.net');

    // Another editor cannot approve it for the owner.
    expect(addon.runtime.scriptRun('sidebarApproveSettings', [owner.settings.fingerprint], { user: COLLEAGUE })).toMatchObject({ ok: false });
    // The owner reverts the change with a save: approved, and the next run sends what the owner saved.
    savePolicy(addon, { ...owner.policy, cc: '', paymentDetails: SENDER.paymentDetails });
    // Both earned their next step (+14) seven days after the first reminder of the 10th: sent as the owner saved it, with no CC.
    at(addon, 11, 17);
    trigger(addon);
    expect(customerMail(addon).map((mail) => [mail.to, mail.cc])).toEqual([
      ['ap@acme.example.com', ''],
      ['ap@globex.example.com', ''],
    ]);
    expect((addon.runtime.run('getReminderStatus') as { held: string }).held).toBe('');
    addon.runtime.run('onOpen', [{ authMode: 'FULL' }]);
    expect(addon.runtime.ui.menus.at(-1)!.items).not.toContainEqual({ caption: '⚠ Daily reminders held: review the settings', functionName: 'openSettings' });
  });

  it('sends what the owner approves in the sidebar, and only the settings the page showed', () => {
    const addon = workbook();
    addon.runtime.run('turnOnReminders');
    editStoredCell(addon, 'policy', JSON.stringify({ ...storedPolicy(addon), senderName: 'Accounts team' }));
    const shown = addon.runtime.scriptRun('sidebarLoad') as { settings: { fingerprint: string } };
    // Changed again after the page loaded: approving the old fingerprint is refused.
    editStoredCell(addon, 'policy', JSON.stringify({ ...storedPolicy(addon), cc: 'fraud@example.net' }));
    expect(addon.runtime.scriptRun('sidebarApproveSettings', [shown.settings.fingerprint])).toMatchObject({ ok: false });
    at(addon, 10);
    trigger(addon);
    expect(customerMail(addon)).toEqual([]);

    const again = addon.runtime.scriptRun('sidebarLoad') as { settings: { fingerprint: string } };
    expect(addon.runtime.scriptRun('sidebarApproveSettings', [again.settings.fingerprint])).toEqual({ ok: true });
    at(addon, 11);
    trigger(addon);
    expect(customerMail(addon).map((mail) => [mail.to, mail.cc, mail.name])).toEqual([
      ['ap@acme.example.com', 'fraud@example.net', 'Accounts team'],
      ['ap@globex.example.com', 'fraud@example.net', 'Accounts team'],
    ]);
  });

  it('holds a schedule whose settings were never approved (turned on before approvals existed)', () => {
    const addon = workbook();
    addon.runtime.run('turnOnReminders');
    addon.runtime.userStore(OWNER).deleteProperty(`receivables.approved.${addon.spreadsheet.getId()}`);
    at(addon, 10);
    trigger(addon);
    expect(customerMail(addon)).toEqual([]);
    expect((addon.runtime.run('getReminderStatus') as { held: string }).held).toMatch(/has not approved the current settings/);
  });
});

describe('one store of settings', () => {
  it('is read the same way by the sidebar, the preview, the menu and the trigger', () => {
    const addon = workbook();
    // Globex owes 2000, Acme 100: a minimum balance of 500 leaves Acme out everywhere.
    savePolicy(addon, { version: POLICY_VERSION, minimumBalance: 500 });
    expect((addon.runtime.scriptRun('sidebarLoad') as { policy: { minimumBalance: number } }).policy.minimumBalance).toBe(500);
    expect((addon.runtime.scriptRun('sidebarPreview') as { reminders: Array<{ customer: string }> }).reminders.map((reminder) => reminder.customer)).toEqual(['Globex']);
    addon.runtime.run('turnOnReminders');
    at(addon, 10);
    trigger(addon);
    expect(customerMail(addon).map((mail) => mail.to)).toEqual(['ap@globex.example.com']);
    // No second copy anywhere: document properties hold only the mark that settings were saved, and whose the schedule is.
    expect(addon.runtime.documentStore(addon.spreadsheet.getId()).getKeys().sort()).toEqual(['receivables.scheduleOwner', 'receivables.settingsSaved']);
  });

  it('keeps text that looks like a formula, a number or a date as text in the store', () => {
    const addon = workbook();
    savePolicy(addon, { version: POLICY_VERSION, paymentDetails: '=IMPORTXML("http://x.example","//a")', senderName: '2026-01-01' });
    expect(addon.spreadsheet.sheet('Receivables settings')!.formulas.size).toBe(0);
    const state = addon.runtime.scriptRun('sidebarLoad') as { policy: { paymentDetails: string; senderName: string } };
    expect(state.policy).toMatchObject({ paymentDetails: '=IMPORTXML("http://x.example","//a")', senderName: '2026-01-01' });
  });

  it('stores templates longer than a cell holds, and reads them back whole', () => {
    const addon = workbook();
    const body = `{{customer}}\n${'Я'.repeat(4900)}`;
    const templates = Object.fromEntries(['upcoming', 'due-today', 'overdue', 'firm', 'final', 'promise-broken'].map((kind) => [kind, { en: { subject: 'S', body }, ru: { subject: 'S', body } }]));
    expect(addon.runtime.scriptRun('sidebarSaveTemplates', [templates])).toEqual({ ok: true });
    for (const row of addon.spreadsheet.sheet('Receivables settings')!.values) for (const cell of row) expect(String(cell).length).toBeLessThanOrEqual(50_000);
    const state = addon.runtime.scriptRun('sidebarLoad') as { templates: Record<string, Record<string, { body: string }>> };
    expect(state.templates.final.ru.body).toBe(body);
  });
});

describe('damaged stored settings never become the defaults', () => {
  for (const [what, text] of [
    ['text', '"x"'],
    ['a number', '42'],
    ['a list', '[]'],
    ['null', 'null'],
    ['an emptied cell', ''],
    ['wrong types', JSON.stringify({ version: 1, minimumBalance: 'lots' })],
    ['an unknown version', JSON.stringify({ version: 7 })],
    ['a non-integer version', JSON.stringify({ version: 1.5 })],
    ['Infinity stored as null', JSON.stringify({ version: 1, minimumBalance: Infinity })],
  ] as const) {
    it(`stops the run on ${what}, says why, and lets the sidebar open with the last good copy or the defaults`, () => {
      const addon = workbook();
      savePolicy(addon, { version: POLICY_VERSION, minimumBalance: 500, amountRules: [] });
      savePolicy(addon, { version: POLICY_VERSION, minimumBalance: 1000 });
      editStoredCell(addon, 'policy', text);
      at(addon, 10);
      addon.runtime.run('sendDueReminders');
      expect(addon.runtime.outbox.sent).toEqual([]);
      expect(addon.runtime.ui.alerts.at(-1)!.prompt).toMatch(/^Nothing sent: the stored settings cannot be used \(policy/);
      expect(() => addon.runtime.run('previewReminders')).not.toThrow();
      expect(addon.runtime.ui.dialogs.at(-1)!.html).toContain('the stored settings cannot be used');

      const state = addon.runtime.scriptRun('sidebarLoad') as { policy: { minimumBalance: number }; settings: { damaged: string; hasLastGood: boolean } };
      expect(state.settings.damaged).toMatch(/^the stored settings cannot be used \(policy/);
      expect(state.settings.hasLastGood).toBe(true);
      expect(state.policy.minimumBalance).toBe(1000);
      // Saving over damage is not a quiet reset either: the owner chooses.
      expect(addon.runtime.scriptRun('sidebarRestoreSettings', ['last-good'])).toEqual({ ok: true });
      expect(storedPolicy(addon).minimumBalance).toBe(1000);
      addon.runtime.run('sendDueReminders');
      expect(addon.runtime.outbox.sent.map((mail) => mail.to)).toEqual(['ap@globex.example.com']);
    });
  }

  it('stops the scheduled run on damage, with the reason in the status the sidebar shows, and emails the owner once', () => {
    const addon = workbook();
    addon.runtime.run('turnOnReminders');
    editStoredCell(addon, 'templates', '[]');
    at(addon, 10);
    trigger(addon);
    at(addon, 11);
    trigger(addon);
    expect(customerMail(addon)).toEqual([]);
    expect(addon.runtime.outbox.sent.map((mail) => mail.to)).toEqual([OWNER]);
    const state = addon.runtime.scriptRun('sidebarLoad') as { schedule: { held: string; lastError: string }; settings: { damaged: string; hasLastGood: boolean } };
    expect(state.schedule.held).toMatch(/^Daily reminders are held: the stored settings cannot be used \(templates: the stored templates are not an object\)/);
    expect(state.schedule.lastError).toBe(state.schedule.held);
    expect(state.settings.damaged).toMatch(/templates: the stored templates are not an object/);
  });

  it('offers the defaults when there is no last good copy, and the choice is the owner’s', () => {
    const addon = workbook();
    savePolicy(addon, { version: POLICY_VERSION, minimumBalance: 1000 });
    editStoredCell(addon, 'policy', '42');
    editStoredCell(addon, 'last good policy', '');
    const state = addon.runtime.scriptRun('sidebarLoad') as { policy: { minimumBalance: number }; settings: { hasLastGood: boolean } };
    expect(state.settings.hasLastGood).toBe(false);
    expect(state.policy.minimumBalance).toBe(0);
    expect(addon.runtime.scriptRun('sidebarRestoreSettings', ['last-good'])).toMatchObject({ ok: false });
    expect(addon.runtime.scriptRun('sidebarRestoreSettings', ['defaults'])).toEqual({ ok: true });
    expect(storedPolicy(addon).minimumBalance).toBe(0);
  });

  it('treats a deleted settings sheet as damage once settings were saved', () => {
    const addon = workbook();
    savePolicy(addon, { version: POLICY_VERSION, minimumBalance: 1000 });
    addon.spreadsheet.sheets.splice(addon.spreadsheet.sheets.findIndex((sheet) => sheet.name === 'Receivables settings'), 1);
    at(addon, 10);
    addon.runtime.run('sendDueReminders');
    expect(addon.runtime.outbox.sent).toEqual([]);
    expect(addon.runtime.ui.alerts.at(-1)!.prompt).toMatch(/^Nothing sent: the stored settings cannot be used \(policy: the stored policy is empty/);
  });
});

describe('every call the page can make refuses wrong types', () => {
  it('never turns reminders on when asked with "false", null or a number', () => {
    const addon = workbook();
    for (const value of ['false', 'true', null, 0, 1, {}]) {
      const result = addon.runtime.scriptRun('sidebarSetSchedule', [value]) as { ok: boolean; message: string; schedule: { on: boolean } };
      expect(result.ok).toBe(false);
      expect(result.message).toMatch(/^Say true to turn the daily reminders on or false to turn them off \(received .+\); nothing changed\.$/);
      expect(result.schedule.on).toBe(false);
    }
    expect(addon.runtime.scriptApp.triggers).toEqual([]);
    addon.runtime.run('turnOnReminders');
    expect((addon.runtime.scriptRun('sidebarSetSchedule', ['false']) as { schedule: { on: boolean } }).schedule.on).toBe(true);
  });

  it('refuses null, numbers for text and text for flags with a clear message, and stores nothing', () => {
    const addon = workbook();
    const before = storedSettings(addon.spreadsheet);
    for (const value of [null, 42, 'policy', []]) {
      expect(addon.runtime.scriptRun('sidebarSavePolicy', [value])).toEqual({ ok: false, problems: [{ field: '', message: 'the policy to save must be an object of settings' }] });
      expect(addon.runtime.scriptRun('sidebarSaveTemplates', [value])).toEqual({ ok: false, problems: [{ field: '', message: 'the templates to save must be an object of kinds and languages' }] });
      expect(addon.runtime.scriptRun('sidebarSaveCustomer', [value])).toEqual({ ok: false, problems: [{ field: '', message: "a customer's settings must be an object" }] });
      expect(addon.runtime.scriptRun('sidebarApproveSettings', [value])).toMatchObject({ ok: false });
      expect(addon.runtime.scriptRun('sidebarRestoreSettings', [value])).toEqual({ ok: false, problems: [{ field: '', message: 'choose "last-good" (the last copy that could be read) or "defaults"' }] });
    }
    expect(addon.runtime.scriptRun('sidebarSavePolicy', [{ version: POLICY_VERSION, skipWeekends: 'false' }])).toMatchObject({ ok: false, problems: [{ field: 'skipWeekends' }] });
    expect(addon.runtime.scriptRun('sidebarSavePolicy', [{ version: POLICY_VERSION, minimumBalance: '500' }])).toMatchObject({ ok: false, problems: [{ field: 'minimumBalance', message: 'must be an amount' }] });
    const row = { customer: 'Acme', email: 'a@example.com', language: 'en', doNotRemind: 'false', pausedUntil: '', promiseBy: '', disputed: false, ownSteps: 7, plan: null };
    expect(addon.runtime.scriptRun('sidebarSaveCustomer', [row])).toEqual({
      ok: false,
      problems: [
        { field: 'ownSteps', message: 'must be text' },
        { field: 'plan', message: 'must be text' },
        { field: 'doNotRemind', message: 'must be true or false' },
      ],
    });
    expect(storedSettings(addon.spreadsheet)).toEqual(before);
    expect(addon.spreadsheet.sheet('Customers')).toBeUndefined();
  });

  it('refuses a template preview of an unknown kind, language or shape with a sentence', () => {
    const addon = workbook();
    const template = { subject: 'S', body: 'B' };
    expect(() => addon.runtime.scriptRun('sidebarRenderTemplate', ['angry', 'en', template])).toThrow('"angry" is not a kind of reminder: use one of');
    expect(() => addon.runtime.scriptRun('sidebarRenderTemplate', ['overdue', 'de', template])).toThrow('"de" is not a language of the reminders: use en or ru.');
    expect(() => addon.runtime.scriptRun('sidebarRenderTemplate', ['overdue', 'en', null])).toThrow('A template to preview needs a subject and a body, both text.');
    expect(() => addon.runtime.scriptRun('sidebarRenderTemplate', ['overdue', 'en', { subject: 1, body: 'B' }])).toThrow('A template to preview needs a subject and a body, both text.');
  });
});
