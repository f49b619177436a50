// Two runs at once, in every order Apps Script can produce them (issue 11,
// item 8), and spreadsheets that never wait on each other (issue 10, item 9).
// The second execution starts right after each service call of the first in
// turn; a run that outlives its lease is overtaken. Each test fails when the
// lease or the document lock is taken away.
import { describe, expect, it } from 'vitest';
import { zonedInstant } from '../../runtime/index';
import { loadAddon, savePolicy, storedRows, type Addon, SENDER } from '../support/addon';
import { FIVE, INVOICE_HEADER as HEADER } from '../support/fiveCustomers';
import { POLICY_VERSION } from '../../src/core/reminders/policy';

const ZONE = 'Europe/London';
const ALL = FIVE.map((row) => String(row[8]));
const OTHER_EDITOR = 'colleague@example.com';

function at(addon: Addon, hour: number, minute = 0): void {
  addon.runtime.setNow(zonedInstant(ZONE, 2026, 3, 10, hour, minute));
}

/** FIVE overdue on 2026-03-10, daily reminders on (so the spreadsheet has its trigger), 10:00. */
function scheduled(): Addon {
  const addon = loadAddon({ timeZone: ZONE });
  at(addon, 8);
  addon.spreadsheet.addSheet('Invoices', storedRows([HEADER, ...FIVE], ZONE));
  savePolicy(addon);
  addon.runtime.run('turnOnReminders');
  at(addon, 10);
  return addon;
}

const sentTo = (addon: Addon) => addon.runtime.outbox.sent.map((mail) => mail.to);
const trigger = (addon: Addon) => addon.runtime.fireTimeTriggers();
const menu = (addon: Addon, user?: string) => addon.runtime.run('sendDueReminders', [], { spreadsheetId: addon.spreadsheet.getId(), ...(user ? { user } : {}) });

type Run = (addon: Addon) => unknown;

/** How many service calls the first run makes on its own. */
function callsOf(first: Run): number {
  const probe = scheduled();
  probe.runtime.state.log.reset();
  first(probe);
  return probe.runtime.state.log.total;
}

/**
 * For every service call of the first run, a fresh workbook where the second
 * run starts right after that call; then, later, one more run sends whatever
 * the two left. Every reminder goes out exactly once.
 */
function everyInterleaving(first: Run, second: Run): void {
  const calls = callsOf(first);
  expect(calls).toBeGreaterThan(20);
  for (let position = 1; position <= calls; position++) {
    const addon = scheduled();
    addon.runtime.state.log.afterCall(position, () => second(addon));
    first(addon);
    at(addon, 11);
    menu(addon);
    const sent = sentTo(addon);
    expect([...sent].sort(), `second run started after call ${position} of the first`).toEqual([...ALL].sort());
  }
}

describe('two runs at once', () => {
  it('the trigger, then the menu at any point of its run: every reminder once', () => {
    everyInterleaving(trigger, (addon) => menu(addon));
  });

  it('the menu, then the trigger at any point of its run: every reminder once', () => {
    everyInterleaving((addon) => menu(addon), trigger);
  });

  it("the menu, then another editor's menu or sidebar at any point of its run: every reminder once", () => {
    everyInterleaving((addon) => menu(addon), (addon) => menu(addon, OTHER_EDITOR));
  });

  it('tells the person who started the second run that another one is in progress', () => {
    const addon = scheduled();
    let second = '';
    addon.runtime.state.log.afterNext('MailApp.sendEmail', () => {
      menu(addon);
      second = addon.runtime.ui.alerts.at(-1)!.prompt;
    });
    trigger(addon);
    expect(second).toBe('Nothing sent: another reminder run for this spreadsheet is in progress; try again in a few minutes');
    expect(sentTo(addon)).toEqual(ALL);
  });

  it('a run that outlives its lease stops, and the run that took over sends the rest: nothing twice, nothing lost', () => {
    const addon = scheduled();
    let report = '';
    addon.runtime.state.log.afterNext('MailApp.sendEmail', () => {
      // The first email takes five minutes (within the six an execution has, past the lease):
      // meanwhile a person sends from the menu.
      addon.runtime.setNow(addon.runtime.state.now + 5 * 60 * 1000);
      menu(addon);
      report = addon.runtime.ui.alerts.at(-1)!.prompt;
    });
    trigger(addon);
    expect(report).toMatch(/^Reminders for 2026-03-10: 4 sent, 1 from an interrupted run unconfirmed: check Sent mail\./);
    expect(sentTo(addon)).toEqual(ALL);
    const log = addon.spreadsheet.sheet('Reminder log')!.values.slice(1);
    expect(log.map((row) => [row[2], row[5]])).toEqual([
      ['ap@acme.example.com', 'unconfirmed'],
      ['ap@globex.example.com', 'deferred'],
      ['ap@initech.example.com', 'deferred'],
      ['ap@hooli.example.com', 'deferred'],
      ['ap@umbrella.example.com', 'deferred'],
      ['ap@globex.example.com', 'sent'],
      ['ap@initech.example.com', 'sent'],
      ['ap@hooli.example.com', 'sent'],
      ['ap@umbrella.example.com', 'sent'],
    ]);
    // The overtaken run wrote nothing after it lost the lease: the day's run is the menu's.
    expect(addon.runtime.run('getReminderStatus')).toMatchObject({ sentLastRun: 4, lastError: '' });
    at(addon, 12);
    trigger(addon);
    menu(addon);
    expect(sentTo(addon)).toEqual(ALL);
  });
});

describe('spreadsheets never wait on each other', () => {
  /** A second spreadsheet of another user, with its own schedule. */
  function second(addon: Addon): string {
    const other = addon.runtime.createSpreadsheet({ id: 'other', timeZone: ZONE, owner: OTHER_EDITOR });
    other.addSheet('Invoices', storedRows([HEADER, ...FIVE.map((row) => [...row.slice(0, 8), String(row[8]).replace('@', '+other@')])], ZONE));
    addon.runtime.run('sidebarSavePolicy', [{ version: POLICY_VERSION, ...SENDER }], { spreadsheetId: 'other', user: OTHER_EDITOR });
    addon.runtime.run('turnOnReminders', [], { spreadsheetId: 'other', user: OTHER_EDITOR });
    return 'other';
  }

  it('runs while the script lock, which every user of the add-on everywhere shares, is held by someone else', () => {
    const addon = scheduled();
    const other = second(addon);
    // Any execution of the add-on, anywhere, holding the script lock.
    const release = addon.runtime.locks.holdFor('script');
    addon.runtime.run('sendDueReminders', [], { spreadsheetId: other, user: OTHER_EDITOR });
    expect(addon.runtime.ui.alerts.at(-1)!.prompt).toMatch(/^Reminders for 2026-03-10: 5 sent\./);
    trigger(addon);
    expect(sentTo(addon)).toHaveLength(10);
    release();
  });

  it("runs by its trigger while another spreadsheet's run is in progress and holds its document lock", () => {
    const addon = scheduled();
    second(addon);
    let during: string[] = [];
    addon.runtime.state.log.afterNext('MailApp.sendEmail', () => {
      // Both triggers fire at the same time; this one finds the first spreadsheet's run sending.
      const before = sentTo(addon).length;
      addon.runtime.fireTimeTriggers();
      during = sentTo(addon).slice(before);
    });
    menu(addon);
    expect(during.filter((to) => to.includes('+other@'))).toHaveLength(5);
    expect(sentTo(addon).filter((to) => !to.includes('+other@'))).toEqual(ALL);
  });

  it('keeps nothing of a spreadsheet in script properties, which every user shares; each person keeps only their own', () => {
    const addon = loadAddon({ timeZone: ZONE });
    at(addon, 8);
    const users = ['a@example.com', 'b@example.com', 'c@example.com'];
    const ids: string[] = [];
    let most = 0;
    addon.runtime.state.log.afterNext('MailApp.sendEmail', function watch() {
      most = Math.max(most, addon.runtime.scriptProperties.getKeys().length);
      // The run in progress keeps its lease and checkpoint in its owner's properties.
      expect(Object.keys(addon.runtime.userStore(addon.runtime.state.activeUser).getProperties()).filter((key) => /lease|checkpoint/.test(key))).toHaveLength(2);
      addon.runtime.state.log.afterNext('MailApp.sendEmail', watch);
    });
    for (let n = 0; n < 18; n++) {
      const user = users[n % users.length];
      const sheet = addon.runtime.createSpreadsheet({ id: `book-${n}`, timeZone: ZONE, owner: user });
      sheet.addSheet('Invoices', storedRows([HEADER, ...FIVE], ZONE));
      addon.runtime.run('sidebarSavePolicy', [{ version: POLICY_VERSION, ...SENDER }], { spreadsheetId: sheet.getId(), user });
      addon.runtime.run('turnOnReminders', [], { spreadsheetId: sheet.getId(), user });
      ids.push(sheet.getId());
    }
    at(addon, 10);
    const fired = addon.runtime.fireTimeTriggers();
    expect(fired.map((firing) => [firing.document, firing.error])).toEqual(ids.map((id) => [id, '']));
    expect(sentTo(addon)).toHaveLength(18 * 5);
    // Script properties: nothing, during the runs and after them (issue 24, item 3).
    expect(most).toBe(0);
    expect(addon.runtime.scriptProperties.getKeys()).toEqual([]);
    // Each user's own properties hold only their own spreadsheets' schedules, triggers and approvals; no lease or checkpoint is left after the runs.
    for (const user of users) {
      const own = ids.filter((_, n) => users[n % users.length] === user);
      const keys = addon.runtime.userStore(user).getKeys();
      expect(keys.filter((key) => /lease|checkpoint/.test(key))).toEqual([]);
      // The one signing secret each person keeps (the Collections marks and the Reminder log's seal) names no spreadsheet.
      const named = new Set(keys.filter((key) => key !== 'receivables.taskSecret').map((key) => (key.startsWith('receivables.trigger.') ? addon.runtime.userStore(user).getProperty(key) : /book-\d+/.exec(key)?.[0])));
      expect([...named].sort()).toEqual([...own].sort());
    }
    expect(addon.runtime.run('getReminderStatus', [], { spreadsheetId: 'book-5', user: 'c@example.com' })).toMatchObject({ on: true, sentLastRun: 5 });
  });
});
