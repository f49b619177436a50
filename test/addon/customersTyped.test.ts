// Issue 21 (items 3, 7 and 9), the Customers sheet as another editor of a
// shared spreadsheet types into it, with no add-on call: a "Paused until" or
// "Promise to pay by" reaches no further than the policy's bound
// (collections.maxPromiseDays) from the day the add-on first saw it, and
// retyping it does not move that day; a customer marked Legal by hand gets
// no more reminders but no document is made in the owner's Drive; every
// customer the sheet's cells keep from reminders is named to the owner
// (menu alert, preview, the scheduled run's execution log), never to customers.
import { describe, expect, it } from 'vitest';
import { loadAddon, savePolicy, storedRows, type Addon } from '../support/addon';
import { HEADER, isoPlus, setDay, ZONE } from '../support/collectionsBook';

const OWNER = 'owner@example.com';
const STEPS = [
  { offsetDays: 7, template: 'overdue', channel: 'email' },
  { offsetDays: 14, template: 'firm', channel: 'email' },
  { offsetDays: 30, template: 'final', channel: 'letter' },
  { offsetDays: 60, template: 'final', channel: 'legal' },
];
const CUSTOMER_COLUMNS = ['Customer', 'Email', 'Language', 'Do not remind', 'Paused until', 'Promise to pay by', 'Disputed', 'Own steps', 'Payment plan', 'Notes', 'Legal'];

function workbook(steps: readonly object[] = STEPS): Addon {
  const addon = loadAddon({ timeZone: ZONE });
  addon.spreadsheet.addSheet(
    'Invoices',
    storedRows(
      [
        HEADER,
        ['Acme', 'A-1', '2026-02-01', '2026-03-02', 1000, '', '', 'USD', 'ap@acme.example.com'],
        ['Globex', 'G-1', '2026-02-01', '2026-03-02', 500, '', '', 'USD', 'ap@globex.example.com'],
        ['Initech', 'I-1', '2026-02-01', '2026-03-02', 300, '', '', 'USD', 'ap@initech.example.com'],
        ['Umbrella', 'U-1', '2026-02-01', '2026-03-02', 700, '', '', 'USD', 'ap@umbrella.example.com'],
      ],
      ZONE,
    ),
  );
  // The Customers sheet as a person lays it out, with the Legal column they added.
  addon.spreadsheet.addSheet('Customers', [CUSTOMER_COLUMNS, ['Acme'], ['Globex'], ['Initech'], ['Umbrella']], { rows: 1000, columns: 26 });
  savePolicy(addon, { skipWeekends: false, minimumGapDays: 1, steps });
  return addon;
}

const dateCell = (iso: string) => storedRows([[iso]], ZONE)[0][0];

function at(addon: Addon, iso: string): void {
  setDay(addon, iso);
}

/** The owner's "Send due reminders now" on that day; the alert it shows. */
function runOn(addon: Addon, iso: string): string {
  at(addon, iso);
  const alerts = addon.runtime.ui.alerts.length;
  addon.runtime.run('sendDueReminders');
  return addon.runtime.ui.alerts.slice(alerts).map((alert) => alert.prompt).join('\n');
}

/** Another editor types into a customer's cell, by header, as the grid does. */
function typeCustomer(addon: Addon, customer: string, values: Record<string, unknown>): number {
  const sheet = addon.spreadsheet.sheet('Customers')!;
  const row = sheet.values.findIndex((cells) => cells[0] === customer) + 1;
  for (const [name, value] of Object.entries(values)) sheet.face().getRange(row, CUSTOMER_COLUMNS.indexOf(name) + 1).setValue(value);
  return row;
}

const mailTo = (addon: Addon, customer: string) => addon.runtime.outbox.sent.filter((mail) => mail.to === `ap@${customer.toLowerCase()}.example.com`);

describe('dates typed in the Customers sheet', () => {
  it('a promise of 2099 stops nothing: the customer is still reminded, and the owner is told the sheet, row, column and value', () => {
    const addon = workbook();
    const row = typeCustomer(addon, 'Globex', { 'Promise to pay by': dateCell('2099-01-01') });
    const alert = runOn(addon, '2026-03-09');
    expect(mailTo(addon, 'Globex')).toHaveLength(1);
    expect(alert).toContain(`Customers sheet, row ${row}, column "Promise to pay by": 2099-01-01 is more than 60 days after 2026-03-09`);
    expect(alert).toContain('collections.maxPromiseDays');
    // A promise within the bound still works as before: no reminder until the day after it.
    typeCustomer(addon, 'Acme', { 'Promise to pay by': dateCell('2026-04-20') });
    runOn(addon, '2026-03-16');
    expect(mailTo(addon, 'Acme')).toHaveLength(1);
    expect(mailTo(addon, 'Globex')).toHaveLength(2);
  });

  it('retyping a pause does not restart its count: the bound runs from the day the add-on first saw that date', () => {
    const addon = workbook();
    // 9 March + 60 days is 8 May: a pause to 12 May is refused.
    const row = typeCustomer(addon, 'Initech', { 'Paused until': dateCell('2026-05-12') });
    expect(runOn(addon, '2026-03-09')).toContain(`Customers sheet, row ${row}, column "Paused until": 2026-05-12 is more than 60 days after 2026-03-09`);
    expect(mailTo(addon, 'Initech')).toHaveLength(1);
    // Typed again, the same date, a week later: 60 days from 16 March would cover it, but the count began on 9 March.
    typeCustomer(addon, 'Initech', { 'Paused until': dateCell('2026-05-12') });
    const later = runOn(addon, '2026-03-16');
    expect(later).toContain('2026-05-12 is more than 60 days after 2026-03-09');
    expect(mailTo(addon, 'Initech')).toHaveLength(2);
    // The record lives in the running person's user properties, under 9 KB, and forgets what the sheet no longer holds.
    const key = `receivables.customerDates.${addon.spreadsheet.getId()}`;
    expect(addon.runtime.userStore(OWNER).getProperty(key)!.length).toBeLessThan(9 * 1024);
    typeCustomer(addon, 'Initech', { 'Paused until': '' });
    runOn(addon, '2026-03-17');
    expect(addon.runtime.userStore(OWNER).getProperty(key)).toBeNull();
  });

  it('a pause within the bound holds, and is counted from when it was first seen', () => {
    const addon = workbook();
    typeCustomer(addon, 'Umbrella', { 'Paused until': dateCell('2026-04-30') });
    runOn(addon, '2026-03-02'); // first seen: 2 March, 59 days before the pause ends
    for (let day = 3; day <= 31; day++) runOn(addon, `2026-03-${String(day).padStart(2, '0')}`);
    expect(mailTo(addon, 'Umbrella')).toEqual([]);
    expect(mailTo(addon, 'Acme').length).toBeGreaterThan(0);
  });
});

describe("the sidebar's Customers editor", () => {
  it('refuses a pause or promise past the bound under its field, and saves one within it', () => {
    const addon = workbook();
    at(addon, '2026-03-09');
    const row = { customer: 'Globex', email: '', language: '', doNotRemind: false, pausedUntil: '', promiseBy: '2099-01-01', disputed: false, ownSteps: '', plan: '' };
    expect(addon.runtime.scriptRun('sidebarSaveCustomer', [row])).toEqual({ ok: false, problems: [{ field: 'promiseBy', message: '2099-01-01 is more than 60 days ahead (collections.maxPromiseDays in the policy): the run would not act on it; choose 2026-05-08 or earlier' }] });
    expect(addon.runtime.scriptRun('sidebarSaveCustomer', [{ ...row, promiseBy: '', pausedUntil: '2026-06-01' }])).toMatchObject({ ok: false, problems: [{ field: 'pausedUntil' }] });
    expect(addon.runtime.scriptRun('sidebarSaveCustomer', [{ ...row, promiseBy: '2026-05-08' }])).toEqual({ ok: true });
    runOn(addon, '2026-03-09');
    expect(mailTo(addon, 'Globex')).toEqual([]);
  });
});

describe('a customer marked Legal by hand in the Customers sheet', () => {
  it('gets no more reminders, but no document is made in the owner\'s Drive, and the owner sees who is held', () => {
    // The policy's own legal step 20 days after the due date; Initech and Umbrella out of the way (each summary is a PDF).
    const addon = workbook([STEPS[0], { offsetDays: 20, template: 'final', channel: 'legal' }]);
    typeCustomer(addon, 'Globex', { Legal: 'yes' });
    typeCustomer(addon, 'Initech', { 'Do not remind': 'yes' });
    typeCustomer(addon, 'Umbrella', { 'Do not remind': 'yes' });
    for (let day = 0; day <= 25; day++) runOn(addon, isoPlus('2026-03-02', day));
    expect(mailTo(addon, 'Globex')).toEqual([]);
    // Acme's own legal step makes its summary; nothing is made for Globex, whose Legal was only typed.
    const files = addon.runtime.drive.files.map((file) => file.name);
    expect(files.some((name) => name.startsWith('Legal summary Acme'))).toBe(true);
    expect(files.filter((name) => name.includes('Globex'))).toEqual([]);
    expect(addon.runtime.outbox.sent.filter((mail) => mail.to === OWNER && /Globex/.test(mail.subject))).toEqual([]);
    expect(runOn(addon, '2026-03-28')).toContain('not reminded because of what is typed in the Customers sheet: Globex (Legal); Initech (Do not remind); Umbrella (Do not remind)');
  });
});

describe('customers held by what is typed in the Customers sheet are named to the owner', () => {
  function held(): Addon {
    const addon = workbook();
    typeCustomer(addon, 'Acme', { 'Do not remind': 'yes' });
    typeCustomer(addon, 'Globex', { Legal: 'yes' });
    typeCustomer(addon, 'Initech', { 'Paused until': dateCell('2026-04-01') });
    typeCustomer(addon, 'Umbrella', { 'Promise to pay by': dateCell('2026-03-20') });
    return addon;
  }
  const NOTE = '4 customers not reminded because of what is typed in the Customers sheet: Acme (Do not remind); Globex (Legal); Initech (Paused until 2026-04-01); Umbrella (Promise to pay by 2026-03-20)';

  it('in the alert of "Send due reminders now" and in the preview', () => {
    const addon = held();
    at(addon, '2026-03-09');
    addon.runtime.run('previewReminders');
    expect(addon.runtime.ui.dialogs.at(-1)!.html).toContain(NOTE);
    expect(runOn(addon, '2026-03-09')).toContain(NOTE);
    expect(addon.runtime.outbox.sent).toEqual([]);
    // A promise past its day no longer holds: it leaves the list.
    expect(runOn(addon, '2026-03-21')).toContain('3 customers not reminded because of what is typed in the Customers sheet: Acme (Do not remind); Globex (Legal); Initech (Paused until 2026-04-01)');
    expect(mailTo(addon, 'Umbrella').length).toBe(1);
    expect(mailTo(addon, 'Umbrella')[0].body).not.toContain('Customers sheet');
  });

  it("in the scheduled run's execution log", () => {
    const addon = held();
    at(addon, '2026-03-08');
    addon.runtime.run('turnOnReminders');
    at(addon, '2026-03-09');
    const logged = addon.runtime.logs.length;
    addon.runtime.fireTimeTriggers();
    expect(addon.runtime.logs.slice(logged)).toContain(`Receivables: ${NOTE}`);
  });
});
