// The sheets survive what people do to them while a run goes on (issue 11,
// item 5): rows and columns inserted and deleted in the invoice sheet, the
// log and the Customers sheet right after each service call of a run.
// Nothing is lost, overwritten or sent twice; every row written back is
// found again by what it is, never by where it was when the run began.
import { describe, expect, it } from 'vitest';
import { zonedInstant } from '../../runtime/index';
import { loadAddon, savePolicy, storedRows, type Addon } from '../support/addon';

const ZONE = 'Europe/London';
const HEADER = ['Customer', 'Invoice No', 'Invoice date', 'Due date', 'Amount', 'Paid', 'Paid date', 'Currency', 'Email', 'Notes'];
const FIVE = [
  ['Acme', 'A-1', '2026-01-01', '2026-01-31', 100, '', '', 'USD', 'ap@acme.example.com', 'call first'],
  ['Globex', 'G-1', '2026-01-10', '2026-02-09', 200, '', '', 'USD', 'ap@globex.example.com', ''],
  ['Initech', 'I-1', '2026-01-20', '2026-02-19', 300, '', '', 'USD', 'ap@initech.example.com', 'net 45 agreed'],
  ['Hooli', 'H-1', '2026-01-25', '2026-02-24', 400, '', '', 'USD', 'ap@hooli.example.com', ''],
  ['Umbrella', 'U-1', '2026-01-31', '2026-03-03', 500, '', '', 'USD', 'ap@umbrella.example.com', 'disputed once'],
];
const CUSTOMERS = [
  ['Phone', 'Customer', 'Email', 'Notes'],
  ['555-0100', 'Acme', 'ap@acme.example.com', 'prefers mail'],
  ['555-0101', 'Globex', 'ap@globex.example.com', ''],
  ['555-0102', 'Initech', 'ap@initech.example.com', '=IMPORTXML("http://x.example","//a")'],
  ['555-0103', 'Hooli', 'ap@hooli.example.com', ''],
  ['555-0104', 'Umbrella', 'ap@umbrella.example.com', 'big account'],
];
/** A row of an earlier day the log already holds. */
const EARLIER = ['Old Co', 'old@example.com', 'O-1', 'Overdue reminder (7 days after the due date)', 'sent', '', 'old-run', '[["Old Co · O-1",7]]'];

function at(addon: Addon, day: number, hour: number): void {
  addon.runtime.setNow(zonedInstant(ZONE, 2026, 3, day, hour));
}

function workbook(): Addon {
  const addon = loadAddon({ timeZone: ZONE });
  savePolicy(addon);
  at(addon, 10, 10);
  addon.spreadsheet.addSheet('Invoices', storedRows([HEADER, ...FIVE], ZONE));
  addon.spreadsheet.addSheet('Customers', storedRows(CUSTOMERS, ZONE));
  addon.spreadsheet.addSheet('Reminder log', storedRows([['Time', 'Customer', 'Address', 'Invoices', 'Step', 'Status', 'Error', 'Run', 'Keys'], [new Date(Date.UTC(2026, 2, 1, 9)), ...EARLIER]], ZONE));
  return addon;
}

const run = (addon: Addon) => addon.runtime.run('sendDueReminders');
const sentTo = (addon: Addon) => addon.runtime.outbox.sent.map((mail) => mail.to);

/** A sheet's rows as objects by header (the header found by its first cell). */
function byHeader(addon: Addon, name: string, first: string): Array<Record<string, unknown>> {
  const values = addon.spreadsheet.sheet(name)!.values;
  const headerIndex = values.findIndex((row) => row.some((cell) => cell === first));
  const header = values[headerIndex].map(String);
  return values
    .slice(headerIndex + 1)
    .filter((row) => row.some((cell) => cell !== '' && cell !== undefined && cell !== null))
    .map((row) => Object.fromEntries(header.map((title, c) => [title, row[c] ?? ''])));
}

type Edit = (addon: Addon) => void;
const sheet = (addon: Addon, name: string) => addon.spreadsheet.sheet(name)!;
const EDITS: Record<string, Edit> = {
  'a row inserted above the invoices': (addon) => sheet(addon, 'Invoices').insertRowBefore(2),
  'a column inserted first in the invoice sheet': (addon) => sheet(addon, 'Invoices').insertColumnBefore(1),
  "the invoice sheet's Notes column deleted": (addon) => {
    const notes = sheet(addon, 'Invoices').values.find((row) => row.includes('Notes'))!.indexOf('Notes');
    sheet(addon, 'Invoices').deleteColumn(notes + 1);
  },
  "the log's earlier row deleted": (addon) => {
    const log = sheet(addon, 'Reminder log');
    const index = log.values.findIndex((row) => row[1] === 'Old Co');
    if (index > 0) log.deleteRow(index + 1);
  },
  "the log's first data row deleted": (addon) => {
    const log = sheet(addon, 'Reminder log');
    if (log.getLastRow() > 1) log.deleteRow(2);
  },
  // A row the run is still sending (a settled one a person deletes is theirs to delete).
  "the log's last row deleted while it is being sent": (addon) => {
    const log = sheet(addon, 'Reminder log');
    if (log.getLastRow() > 1 && log.values[log.getLastRow() - 1][5] === 'sending') log.deleteRow(log.getLastRow());
  },
  'a row inserted at the top of the log': (addon) => sheet(addon, 'Reminder log').insertRowBefore(2),
  'a column inserted first in the log': (addon) => sheet(addon, 'Reminder log').insertColumnBefore(1),
  "a column inserted left of the log's Status": (addon) => {
    const log = sheet(addon, 'Reminder log');
    log.insertColumnBefore(log.values[0].indexOf('Status') + 1);
    log.getRange(1, log.values[0].indexOf('Status')).setValue('Checked by');
  },
  'a column inserted first in the Customers sheet': (addon) => sheet(addon, 'Customers').insertColumnBefore(1),
  'a Customers row deleted and one inserted': (addon) => {
    sheet(addon, 'Customers').deleteRow(3);
    sheet(addon, 'Customers').insertRowBefore(2);
  },
};

/** Deleted by the edit itself: the earlier row may go, and the rows a person deleted by hand are theirs to delete. */
const personDeletesLogRows = (edit: string) => edit.startsWith("the log's") && edit.includes('deleted');

describe('edits made during a run', () => {
  const control = (() => {
    const addon = workbook();
    addon.runtime.state.log.reset();
    run(addon);
    const calls = addon.runtime.state.log.total;
    at(addon, 10, 11);
    run(addon);
    at(addon, 11, 10);
    run(addon);
    at(addon, 17, 10);
    run(addon);
    return { calls, sent: sentTo(addon) };
  })();

  for (const [name, edit] of Object.entries(EDITS)) {
    it(`${name}, after any service call: nothing lost, overwritten or sent twice`, () => {
      expect(control.calls).toBeGreaterThan(20);
      for (let position = 1; position <= control.calls; position++) {
        const addon = workbook();
        addon.runtime.state.log.afterCall(position, () => edit(addon));
        run(addon);
        const why = `${name} after call ${position}`;
        // A row the edit moved while the run read the sheet may wait for the next run, never longer.
        at(addon, 10, 11);
        run(addon);
        // Every reminder went out once; its rows say so, in the columns their headers name.
        expect([...sentTo(addon)].sort(), why).toEqual(FIVE.map((row) => row[8]).sort());
        const log = byHeader(addon, 'Reminder log', 'Status');
        const rowsOfToday = log.filter((row) => row.Customer !== 'Old Co' && row.Status !== '');
        if (!personDeletesLogRows(name)) {
          expect(rowsOfToday.map((row) => [row.Address, row.Status]).sort(), why).toEqual(FIVE.map((row) => [row[8], 'sent']).sort());
          expect(log.filter((row) => row.Customer === 'Old Co').map((row) => row.Status), why).toEqual(['sent']);
        }
        for (const row of rowsOfToday) expect(['sent'], why).toContain(row.Status);
        // The invoice sheet: each column still holds what its header says, the reminder noted by invoice.
        const invoices = byHeader(addon, 'Invoices', 'Invoice No');
        expect(invoices.map((row) => [row['Invoice No'], row.Email]), why).toEqual(FIVE.map((row) => [row[1], row[8]]));
        if (!name.includes('Notes column deleted')) expect(invoices.map((row) => row.Notes), why).toEqual(FIVE.map((row) => row[9]));
        for (const row of invoices) expect(row['Last reminder'], why).toMatch(/^2026-03-10 (Overdue reminder|Second reminder|Final notice) \(\d+ days? after the due date\)$/);
        // The Customers sheet is the person's: the run writes nothing there.
        const customers = byHeader(addon, 'Customers', 'Phone');
        for (const row of customers) expect(row.Phone, why).toMatch(/^555-/);
        expect(customers.find((row) => row.Customer === 'Initech')?.Notes ?? '=IMPORTXML("http://x.example","//a")', why).toBe('=IMPORTXML("http://x.example","//a")');
        expect([...sheet(addon, 'Customers').formulas.keys(), ...sheet(addon, 'Invoices').formulas.keys(), ...sheet(addon, 'Reminder log').formulas.keys()], why).toEqual([]);
        // Later runs send what a run without the edit sends: nothing again, nothing lost.
        at(addon, 11, 10);
        run(addon);
        at(addon, 17, 10);
        run(addon);
        expect(sentTo(addon), why).toEqual(control.sent);
      }
    });
  }
});
