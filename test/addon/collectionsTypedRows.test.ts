// Issue 21, items 3 and 9: the Collections sheet as another editor of a
// shared spreadsheet types into it, with no add-on call. Only rows the
// add-on wrote (their Task id checks against a secret in the signing
// owner's user properties) lead to a document, a legal hand-over or a
// promise pause; rows typed by hand are shown to the owner, who may adopt
// them; promise dates are bounded; documents are capped per run and per day.
import { describe, expect, it } from 'vitest';
import { zonedInstant } from '../../runtime/index';
import { loadAddon, savePolicy, storedRows, type Addon } from '../support/addon';
import { COLLECTION_STEPS, HEADER, isoPlus, setDay, ZONE } from '../support/collectionsBook';

const STEPS = COLLECTION_STEPS;
/** The Collections sheet's columns as the add-on lays them out, which anyone can copy. */
const COLUMNS = ['Date', 'Customer', 'Currency', 'Contact', 'Phone', 'Email', 'Open', 'Overdue', 'Oldest days overdue', 'Invoices', 'Step', 'Last contact', 'Last outcome', 'Document', 'Outcome', 'Promise date', 'Note', 'Keys', 'Task id'];

function workbook(policy: Record<string, unknown> = {}): Addon {
  const addon = loadAddon({ timeZone: ZONE });
  addon.spreadsheet.addSheet(
    'Invoices',
    storedRows(
      [
        HEADER,
        ['Acme', 'A-1', '2026-02-01', '2026-03-02', 1000, '', '', 'USD', 'ap@acme.example.com'],
        ['Globex', 'G-1', '2026-02-01', '2026-03-02', 500, '', '', 'USD', 'ap@globex.example.com'],
        ['Initech', 'I-1', '2026-02-01', '2026-03-02', 300, '', '', 'USD', 'ap@initech.example.com'],
      ],
      ZONE,
    ),
  );
  savePolicy(addon, { skipWeekends: false, minimumGapDays: 3, steps: STEPS, ...policy });
  return addon;
}

const dateCell = (iso: string) => storedRows([[iso]], ZONE)[0][0];

function runOn(addon: Addon, iso: string, user?: string): string {
  setDay(addon, iso);
  const alerts = addon.runtime.ui.alerts.length;
  addon.runtime.run('sendDueReminders', [], user ? { user } : {});
  return addon.runtime.ui.alerts.slice(alerts).map((alert) => alert.prompt).join('\n');
}

/** The Collections sheet, made by the editor as the add-on lays it out when the add-on has not made it yet. */
function collections(addon: Addon) {
  return addon.spreadsheet.sheet('Collections') ?? addon.spreadsheet.addSheet('Collections', [COLUMNS], { rows: 1000, columns: 26 });
}

/** Another editor types a row at the end, by header, as people do (the Task id copied from a real row's shape). */
function typeRow(addon: Addon, values: Record<string, unknown>): number {
  const sheet = collections(addon);
  const header = sheet.values[0] as string[];
  const row = sheet.values.length + 1;
  for (const [name, value] of Object.entries(values)) sheet.write(row, header.indexOf(name) + 1, value as never);
  return row;
}

function typeInRow(addon: Addon, row: number, values: Record<string, unknown>): void {
  const sheet = collections(addon);
  const header = sheet.values[0] as string[];
  for (const [name, value] of Object.entries(values)) sheet.write(row, header.indexOf(name) + 1, value as never);
}

const rowsOf = (addon: Addon) => {
  const sheet = addon.spreadsheet.sheet('Collections');
  if (!sheet) return [];
  const header = sheet.values[0] as string[];
  return sheet.values.slice(1).map((row, k) => ({ row: k + 2, ...Object.fromEntries(header.map((name, c) => [name, row[c] ?? ''])) }) as Record<string, unknown> & { row: number });
};
const mailTo = (addon: Addon, address: string) => addon.runtime.outbox.sent.filter((mail) => mail.to === address);
const FORGED_ID = 'T20260308-1a2b3c4d5e6f-AAAAAAAAAAAAAAAAAAAAAA';

describe('rows typed by hand in the Collections sheet', () => {
  it('a typed "Legal hand-over" row stops no mail and puts no summary in the owner\'s Drive; the run says it was not acted on', () => {
    const addon = workbook();
    typeRow(addon, { Date: dateCell('2026-03-08'), Customer: 'Acme', Currency: 'USD', Step: 'Legal hand-over (+60 days)', Keys: '[]', 'Task id': FORGED_ID });
    const alert = runOn(addon, '2026-03-09'); // +7: the email step
    expect(mailTo(addon, 'ap@acme.example.com')).toHaveLength(1);
    expect(addon.runtime.drive.files).toEqual([]);
    expect(alert).toContain('1 row of the Collections sheet typed by hand, not acted on (row 2)');
    expect(alert).toContain('Adopt rows typed in Collections');
    // The sidebar's Customers section shows them too.
    const load = addon.runtime.run('sidebarLoad') as { collections: { handTyped: number[] } };
    expect(load.collections.handTyped).toEqual([2]);
    // Nor later: the legal step of the policy has not come, so Acme keeps getting what the cadence says.
    for (let day = 1; day <= 10; day++) runOn(addon, isoPlus('2026-03-09', day));
    expect(addon.runtime.drive.files).toEqual([]);
    expect(rowsOf(addon).filter((task) => task.Customer === 'Acme' && String(task.Step).startsWith('Call'))).toHaveLength(1);
  });

  it('150 typed letter rows make no PDF and no mail to the owner', () => {
    const addon = workbook({ collections: { sendLettersToOwner: true } });
    collections(addon);
    for (let k = 0; k < 150; k++) typeRow(addon, { Date: dateCell('2026-03-08'), Customer: k % 2 ? 'Acme' : 'Globex', Currency: 'USD', Step: 'Letter (+30 days)', Keys: '[]' });
    const alert = runOn(addon, '2026-03-09');
    expect(addon.runtime.drive.files).toEqual([]);
    expect(mailTo(addon, 'owner@example.com')).toEqual([]);
    expect(alert).toContain('150 rows of the Collections sheet typed by hand, not acted on (rows 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 and 140 more)');
    expect(rowsOf(addon).every((task) => task.Document === '')).toBe(true);
  });

  it('a "promised" row typed again each day makes no "Promised payment not received" email', () => {
    const addon = workbook();
    for (let day = 0; day < 21; day++) {
      const today = isoPlus('2026-03-09', day);
      // Each morning the editor types a promise that broke yesterday.
      typeRow(addon, { Date: dateCell(today), Customer: 'Acme', Currency: 'USD', Step: 'Call', Outcome: 'promised', 'Promise date': dateCell(isoPlus(today, -1)), Keys: '[]' });
      runOn(addon, today);
    }
    const acme = mailTo(addon, 'ap@acme.example.com');
    expect(acme.filter((mail) => mail.subject.startsWith('Promised payment not received'))).toEqual([]);
    // What the cadence calls for still goes out: the +7 email.
    expect(acme).toHaveLength(1);
  });

  it('a promise date of 2099 on the add-on\'s own call task is refused, naming the row, column and value, and the cadence goes on', () => {
    const addon = workbook();
    runOn(addon, '2026-03-09'); // +7: the email first: each step is earned after the one before
    runOn(addon, '2026-03-16'); // +14: the call tasks
    const acmeCall = rowsOf(addon).find((task) => task.Customer === 'Acme')!;
    typeInRow(addon, acmeCall.row, { Outcome: 'promised', 'Promise date': dateCell('2099-12-31') });
    let alert = '';
    for (let day = 17; day <= 31; day++) alert = runOn(addon, `2026-03-${day}`);
    expect(alert).toContain(`Collections sheet, row ${acmeCall.row}, column "Promise date": 2099-12-31 is more than 60 days after the task's day (2026-03-16)`);
    runOn(addon, '2026-04-01'); // +30: the letter step comes as for everyone
    expect(rowsOf(addon).filter((task) => String(task.Step).startsWith('Letter')).map((task) => task.Customer).sort()).toEqual(['Acme', 'Globex', 'Initech']);
    expect(addon.runtime.drive.files.filter((file) => file.name.includes('Acme'))).toHaveLength(1);
  });

  it('a promise within the policy\'s bound, typed on the add-on\'s row, pauses as before; the bound is a policy field', () => {
    const addon = workbook({ collections: { maxPromiseDays: 10 } });
    runOn(addon, '2026-03-09'); // +7: the email first: each step is earned after the one before
    runOn(addon, '2026-03-16');
    const rows = rowsOf(addon);
    const acme = rows.find((task) => task.Customer === 'Acme')!;
    const globex = rows.find((task) => task.Customer === 'Globex')!;
    typeInRow(addon, acme.row, { Outcome: 'promised', 'Promise date': dateCell('2026-03-26') }); // 10 days: within
    typeInRow(addon, globex.row, { Outcome: 'promised', 'Promise date': dateCell('2026-03-27') }); // 11 days: refused
    const alert = runOn(addon, '2026-03-17');
    expect(alert).toContain(`row ${globex.row}, column "Promise date": 2026-03-27 is more than 10 days after the task's day (2026-03-16)`);
    expect(alert).not.toContain(`row ${acme.row}, column "Promise date"`);
    for (let day = 18; day <= 27; day++) runOn(addon, `2026-03-${day}`);
    // Nothing to Acme until the promised day has passed, then the one note; Globex's refused promise pauses nothing.
    expect(mailTo(addon, 'ap@acme.example.com').filter((mail) => mail.sentAt.toISOString().slice(0, 10) > '2026-03-16').map((mail) => [mail.sentAt.toISOString().slice(0, 10), mail.subject.startsWith('Promised payment not received')])).toEqual([['2026-03-27', true]]);
    expect(mailTo(addon, 'ap@globex.example.com').some((mail) => mail.subject.startsWith('Promised payment not received'))).toBe(false);
  });

  it("a copy of the add-on's own letter row, or its Document cell emptied by hand, makes no second letter; a row whose Customer was changed is not the add-on's any more", () => {
    const addon = workbook();
    runOn(addon, '2026-03-09'); // +7: the email first: each step is earned after the one before
    runOn(addon, '2026-03-16'); // +14: the call tasks
    runOn(addon, '2026-04-01'); // +30: letters for the three
    expect(addon.runtime.drive.files).toHaveLength(3);
    const sheet = collections(addon);
    const letters = rowsOf(addon).filter((task) => String(task.Step).startsWith('Letter'));
    // The editor copies Acme's letter row below, empties its Document, and turns Globex's into Initech's.
    const copy = sheet.values.length + 1;
    (sheet.values[letters[0].row - 1] as unknown[]).forEach((value, c) => sheet.write(copy, c + 1, value as never));
    typeInRow(addon, copy, { Document: '' });
    typeInRow(addon, letters[1].row, { Document: '' });
    typeInRow(addon, letters[2].row, { Customer: letters[2].Customer === 'Acme' ? 'Globex' : 'Acme', Document: '' });
    const alert = runOn(addon, '2026-04-02');
    expect(alert).toContain(`2 rows of the Collections sheet typed by hand, not acted on (rows ${letters[2].row}, ${copy})`);
    // The copy and the emptied cell make nothing; the changed row no longer records its step, so the cadence writes that
    // customer's letter task again, once, as the add-on's own row.
    const again = rowsOf(addon).filter((task) => String(task.Step).startsWith('Letter') && task.row > copy);
    expect(again.map((task) => task.Customer)).toEqual([letters[2].Customer]);
    expect(addon.runtime.drive.files).toHaveLength(4);
    runOn(addon, '2026-04-03');
    expect(addon.runtime.drive.files).toHaveLength(4);
  });
});

describe('adopting rows typed by hand', () => {
  it('only the schedule owner may adopt; adopted, a typed legal row stops the mail and gives the lawyer a summary', () => {
    const addon = workbook();
    addon.runtime.run('turnOnReminders');
    const row = typeRow(addon, { Date: dateCell('2026-03-08'), Customer: 'Globex', Currency: 'USD', Step: 'Legal hand-over', Note: 'agreed with the owner by phone', Keys: '[]' });
    runOn(addon, '2026-03-09');
    expect(mailTo(addon, 'ap@globex.example.com')).toHaveLength(1);

    // A colleague cannot adopt it.
    addon.runtime.run('adoptCollectionsRows', [], { user: 'colleague@example.com' });
    expect(addon.runtime.ui.alerts.at(-1)?.prompt).toContain('Only owner@example.com');
    expect(String(collections(addon).read(row, COLUMNS.indexOf('Task id') + 1))).toBe('');

    // The owner sees what adopting does, and says no: nothing changes.
    addon.runtime.ui.answers.push('NO');
    addon.runtime.run('adoptCollectionsRows');
    expect(addon.runtime.ui.alerts.at(-1)?.prompt).toContain(`row ${row}: Hand to a lawyer for Globex (no more reminders to Globex; a summary for the lawyer in your Drive)`);
    expect(String(collections(addon).read(row, COLUMNS.indexOf('Task id') + 1))).toBe('');

    addon.runtime.ui.answers.push('YES');
    addon.runtime.run('adoptCollectionsRows');
    expect(addon.runtime.ui.alerts.at(-1)?.prompt).toBe('1 row(s) adopted: the next run acts on them.');
    expect(String(collections(addon).read(row, COLUMNS.indexOf('Task id') + 1))).toMatch(/^T\d{8}-[0-9a-z]+-[\w-]{22}$/);

    const alert = runOn(addon, '2026-03-16'); // +14: the call step for the others
    expect(alert).not.toContain('typed by hand');
    const summary = addon.runtime.drive.files.filter((file) => file.name.startsWith('Legal summary Globex'));
    expect(summary).toHaveLength(1);
    for (let day = 17; day <= 31; day++) runOn(addon, `2026-03-${day}`);
    expect(mailTo(addon, 'ap@globex.example.com')).toHaveLength(1);
    expect(addon.runtime.drive.files.filter((file) => file.name.startsWith('Legal summary Globex'))).toHaveLength(1);
  });
});

describe('documents per run and per day', () => {
  it('makes at most the policy\'s documents per run and per day; the rest wait, each made once, in its own row', () => {
    const addon = workbook({ collections: { documentsPerRun: 1, documentsPerDay: 2, sendLettersToOwner: true } });
    runOn(addon, '2026-03-09'); // +7: the email first: each step is earned after the one before
    runOn(addon, '2026-03-16'); // +14: the call tasks
    let alert = runOn(addon, '2026-04-01'); // +30: three letters owed
    expect(addon.runtime.drive.files).toHaveLength(1);
    expect(alert).toContain('2 letter(s) or summaries for the lawyer not made yet: a run makes at most 1 (collections.documentsPerRun)');
    alert = runOn(addon, '2026-04-01');
    expect(addon.runtime.drive.files).toHaveLength(2);
    alert = runOn(addon, '2026-04-01');
    expect(addon.runtime.drive.files).toHaveLength(2);
    expect(alert).toContain("the day's 2 (collections.documentsPerDay) are made; they wait for tomorrow");
    runOn(addon, '2026-04-02');
    runOn(addon, '2026-04-03');
    const files = addon.runtime.drive.files;
    expect(files).toHaveLength(3);
    const letters = rowsOf(addon).filter((task) => String(task.Step).startsWith('Letter'));
    expect(letters.map((task) => task.Document).sort()).toEqual(files.map((file) => `https://drive.google.com/file/d/${file.id}/view`).sort());
    // Each went to the owner once.
    expect(mailTo(addon, 'owner@example.com')).toHaveLength(3);
  });

  it("mails a letter to the owner only while the day's mail quota has room: it counts with the reminders", () => {
    const addon = workbook({ collections: { sendLettersToOwner: true } });
    runOn(addon, '2026-03-09'); // +7: the email first: each step is earned after the one before
    runOn(addon, '2026-03-16'); // +14: the call tasks
    runOn(addon, '2026-03-31');
    addon.runtime.setNow(zonedInstant(ZONE, 2026, 4, 1, 9));
    addon.runtime.outbox.remainingQuota = 0;
    const alert = runOn(addon, '2026-04-01');
    expect(addon.runtime.drive.files).toHaveLength(3);
    expect(mailTo(addon, 'owner@example.com')).toEqual([]);
    expect(alert).toContain('is saved in your Drive but was not mailed to you: the daily mail quota is used up');
  });
});
