// Issue 21, items 1 and 9: the Reminder log decides what is still due and
// whether a customer heard from us today. Another editor deleting, changing
// or typing "sent" rows there, with no add-on call, makes the owner's
// account send nothing: the run is held, the owner told once by email and in
// the sidebar, until the owner accepts the log as it is. Sorting the log,
// inserting a column and a crash mid-run never hold it.
import { describe, expect, it } from 'vitest';
import { zonedInstant } from '../../runtime/index';
import { loadAddon, savePolicy, storedRows, type Addon } from '../support/addon';

const ZONE = 'Europe/London';
const OWNER = 'owner@example.com';
const LOG = 'Reminder log';
const HEADER = ['Customer', 'Invoice No', 'Invoice date', 'Due date', 'Amount', 'Currency', 'Email'];
// Both overdue on 10 March (Acme 38 days, Globex 29): each gets its step that day, then nothing new for days.
const ROWS = [
  ['Acme', 'A-1', '2026-01-01', '2026-01-31', 100, 'USD', 'ap@acme.example.com'],
  ['Globex', 'G-1', '2026-01-10', '2026-02-09', 2000, 'USD', 'ap@globex.example.com'],
];
const HELD = /^Daily reminders are held: the Reminder log was changed by hand/;

function at(addon: Addon, day: number, hour = 10): void {
  addon.runtime.setNow(zonedInstant(ZONE, 2026, 3, day, hour));
}

/** The owner's spreadsheet, daily reminders on from 9 March; the 10th's run has sent Acme's and Globex's steps. */
function sentOnThe10th(): Addon {
  const addon = loadAddon({ timeZone: ZONE });
  at(addon, 9, 8);
  addon.spreadsheet.addSheet('Invoices', storedRows([HEADER, ...ROWS], ZONE));
  savePolicy(addon, { minimumGapDays: 1 });
  addon.runtime.run('turnOnReminders');
  at(addon, 10);
  addon.runtime.fireTimeTriggers();
  expect(customerMail(addon).map((mail) => mail.to)).toHaveLength(2);
  return addon;
}

const customerMail = (addon: Addon) => addon.runtime.outbox.sent.filter((mail) => mail.to !== OWNER);
const ownerMail = (addon: Addon) => addon.runtime.outbox.sent.filter((mail) => mail.to === OWNER);
const status = (addon: Addon) => addon.runtime.run('getReminderStatus', [], { user: OWNER }) as { held: string; lastError: string };
const log = (addon: Addon) => addon.spreadsheet.sheet(LOG)!;
/** The data row (1-based sheet row) of a customer's sent reminder, the log's columns by header. */
function sentRowOf(addon: Addon, customer: string): number {
  const values = log(addon).values;
  const [c, s] = [values[0].indexOf('Customer'), values[0].indexOf('Status')];
  const index = values.findIndex((row) => row[c] === customer && row[s] === 'sent');
  expect(index).toBeGreaterThan(0);
  return index + 1;
}
const column = (addon: Addon, name: string) => log(addon).values[0].indexOf(name) + 1;

/** The next day's run by the trigger: held, nothing to customers, the owner emailed once and shown why. */
function expectHeld(addon: Addon, what: RegExp): void {
  const before = customerMail(addon).length;
  at(addon, 11);
  addon.runtime.fireTimeTriggers();
  at(addon, 11, 14);
  addon.runtime.fireTimeTriggers();
  expect(customerMail(addon)).toHaveLength(before);
  expect(status(addon).held).toMatch(HELD);
  expect(status(addon).held).toMatch(what);
  expect(ownerMail(addon).map((mail) => mail.subject)).toEqual(['Receivables: daily reminders held for "Receivables"']);
  expect(ownerMail(addon)[0].body).toMatch(HELD);
  // The owner's menu run in the owner's name is held too.
  addon.runtime.run('sendDueReminders');
  expect(addon.runtime.ui.alerts.at(-1)!.prompt).toMatch(/^Nothing sent: Daily reminders are held: the Reminder log was changed by hand/);
  expect(customerMail(addon)).toHaveLength(before);
}

function accept(addon: Addon, user = OWNER): string {
  addon.runtime.ui.answers.push('YES');
  addon.runtime.run('acceptReminderLog', [], { user });
  return addon.runtime.ui.alerts.at(-1)!.prompt;
}

describe('the Reminder log changed by hand holds the owner’s reminders', () => {
  it('a deleted sent row: nothing is sent again, the owner is told; once the owner accepts, the step the log no longer shows goes out once', () => {
    const addon = sentOnThe10th();
    log(addon).face().deleteRow(sentRowOf(addon, 'Acme'));
    expectHeld(addon, /1 row of sent reminders is missing/);
    // The menu offers the owner the way out.
    addon.runtime.run('onOpen', [{ authMode: 'FULL' }]);
    expect(JSON.stringify(addon.runtime.ui.menus ?? addon.runtime.ui)).toContain('Accept the Reminder log');

    // Another editor cannot accept it in the owner's name.
    expect(accept(addon, 'colleague@example.com')).toMatch(/^Only owner@example\.com, whose account sends the daily reminders, may accept/);
    expect(status(addon).held).toMatch(HELD);

    expect(accept(addon)).toMatch(/^The Reminder log is accepted as it is now \(1 row of sent reminders\)/);
    expect(status(addon).held).toBe('');
    // By the log as accepted, Acme's step was never sent, and it is still due (Acme is still 39 days overdue,
    // the last reminder it shows is none): the next run sends it, once. Globex's, which the log shows, is not sent again.
    at(addon, 11, 15);
    addon.runtime.fireTimeTriggers();
    const to = (address: string) => customerMail(addon).filter((mail) => mail.to === address);
    expect(to('ap@acme.example.com')).toHaveLength(2);
    expect(to('ap@acme.example.com')[1].subject).toBe(to('ap@acme.example.com')[0].subject);
    expect(to('ap@globex.example.com').filter((mail) => mail.subject === to('ap@globex.example.com')[0].subject)).toHaveLength(1);
    at(addon, 12);
    addon.runtime.fireTimeTriggers();
    expect(customerMail(addon).filter((mail) => mail.to === 'ap@acme.example.com')).toHaveLength(2);
    expect(status(addon).held).toBe('');
  });

  it("a sent row's customer changed: held", () => {
    const addon = sentOnThe10th();
    log(addon).face().getRange(sentRowOf(addon, 'Acme'), column(addon, 'Customer')).setValue('Initech');
    expectHeld(addon, /rows of sent reminders were changed/);
  });

  it("a sent row's step (its Keys) changed to an earlier one: held", () => {
    const addon = sentOnThe10th();
    const cell = log(addon).face().getRange(sentRowOf(addon, 'Globex'), column(addon, 'Keys'));
    cell.setValue(String(cell.getValue()).replace(/,(-?\d+)\]/g, ',-7]'));
    expectHeld(addon, /rows of sent reminders were changed/);
  });

  it('a sent row typed in (a later step marked as sent, which would skip it): held; once accepted, the log as accepted is what counts', () => {
    const addon = sentOnThe10th();
    const values = log(addon).values;
    const forged = [...values[sentRowOf(addon, 'Globex') - 1]];
    const keys = values[0].indexOf('Keys');
    forged[keys] = String(forged[keys]).replace(/,(-?\d+)\]/g, ',60]');
    forged[values[0].indexOf('Run')] = 'typed';
    const row = values.length + 1;
    log(addon).face().getRange(row, 1, 1, forged.length).setValues([forged]);
    expectHeld(addon, /1 row of sent reminders was added that the add-on did not write/);
    expect(accept(addon)).toMatch(/^The Reminder log is accepted as it is now \(3 rows of sent reminders\)/);
    at(addon, 11, 15);
    addon.runtime.fireTimeTriggers();
    expect(status(addon).held).toBe('');
    expect(status(addon).lastError).toBe('');
  });
});

describe('what people do with the log as a sheet never holds the reminders', () => {
  it('sorting the log and inserting columns: no hold, and nothing sent twice', () => {
    const addon = sentOnThe10th();
    const sheet = log(addon);
    // Sorted Z→A by customer (a sort moves whole rows), then a column inserted first and one before Status.
    const [header, ...data] = sheet.values.map((row) => [...row]);
    const c = header.indexOf('Customer');
    data.sort((a, b) => String(b[c]).localeCompare(String(a[c])));
    sheet.face().getRange(2, 1, data.length, header.length).setValues(data);
    sheet.face().insertColumnBefore(1);
    sheet.face().getRange(1, 1).setValue('Notes');
    sheet.face().insertColumnBefore(sheet.values[0].indexOf('Status') + 1);
    at(addon, 11);
    addon.runtime.fireTimeTriggers();
    at(addon, 12);
    addon.runtime.fireTimeTriggers();
    expect(status(addon)).toMatchObject({ held: '', lastError: '' });
    expect(ownerMail(addon)).toEqual([]);
    const sent = customerMail(addon).map((mail) => `${mail.to} ${mail.subject}`);
    expect(new Set(sent).size).toBe(sent.length);
  });

  it('a run that fails at any service call is never taken for a changed log', () => {
    const probe = sentOnThe10th();
    // A second day with reminders to send: the 14th (Acme's and Globex's next steps are due by then).
    at(probe, 20);
    probe.runtime.state.log.reset();
    probe.runtime.run('sendDueReminders');
    // A failure between two writes leaves what a failure at the second leaves: failing at each call that
    // writes (a property, a cell, a mail) reaches every state a crash can leave, at a fraction of the runs.
    const writes = probe.runtime.state.log.calls.flatMap((name, i) => (/\.(set|delete|insert|append)|sendEmail|flush/.test(name) ? [i + 1] : []));
    expect(customerMail(probe).length).toBeGreaterThan(2);
    expect(writes.length).toBeGreaterThan(10);

    for (const position of writes) {
      const addon = sentOnThe10th();
      at(addon, 20);
      addon.runtime.state.log.failAt(position);
      try {
        addon.runtime.run('sendDueReminders');
      } catch {
        // The failure stops the run, as an exception stops an Apps Script execution.
      }
      addon.runtime.state.log.clearFailures();
      // The next runs: the owner's click an hour later, then the trigger the next day.
      at(addon, 20, 11);
      addon.runtime.run('sendDueReminders');
      expect(addon.runtime.ui.alerts.at(-1)!.prompt, `after a failure at call ${position}`).not.toMatch(/held/);
      at(addon, 21);
      addon.runtime.fireTimeTriggers();
      expect(status(addon).held, `after a failure at call ${position}`).toBe('');
      expect(ownerMail(addon), `after a failure at call ${position}`).toEqual([]);
    }
  });
});
