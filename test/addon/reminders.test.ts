import { describe, expect, it } from 'vitest';
import { zonedInstant } from '../../runtime/index';
import { POLICY_VERSION } from '../../src/core/reminders/policy';
import { loadAddon, storedRows, savePolicy, type Addon, SENDER } from '../support/addon';
import { FIVE, INVOICE_HEADER as HEADER } from '../support/fiveCustomers';

const ZONE = 'Europe/London';

/** A workbook whose clock reads 10:00 on `today` in the spreadsheet's zone. */
function workbook(rows: unknown[][], today: string): Addon {
  const addon = loadAddon({ timeZone: ZONE });
  savePolicy(addon);
  setDay(addon, today);
  addon.spreadsheet.addSheet('Invoices', storedRows([HEADER, ...rows], ZONE));
  return addon;
}

function setDay(addon: Addon, iso: string, hour = 10): void {
  const [y, m, d] = iso.split('-').map(Number);
  addon.runtime.setNow(zonedInstant(ZONE, y, m, d, hour));
}

const log = (addon: Addon) => addon.spreadsheet.sheet('Reminder log')?.values ?? [];
const statuses = (addon: Addon) => log(addon).slice(1).map((row) => [row[1], row[5]]);
const sentTo = (addon: Addon) => addon.runtime.outbox.sent.map((mail) => mail.to);


describe('sendDueReminders', () => {
  it('sends one email per customer a day, logs it, marks the invoices and never sends it again', () => {
    const addon = workbook(
      [
        ['Acme', 'A-1', '2026-02-01', '2026-03-03', 100, '', '', 'USD', 'ap@acme.example.com'],
        ['Acme', 'A-2', '2026-02-10', '2026-03-17', 50.5, '', '', 'USD', 'ap@acme.example.com'],
        ['Acme', 'A-3', '2026-02-10', '2026-03-03', 70, '', '', 'EUR', 'ap@acme.example.com'],
        ['Globex', 'G-1', '2026-02-01', '2026-03-03', 100, 100, '2026-03-05', 'USD', 'ap@globex.example.com'],
      ],
      '2026-03-10',
    );
    addon.runtime.run('sendDueReminders');
    const mails = addon.runtime.outbox.sent;
    // The overdue invoice is what the email asks for; the one due next week has its own heading and total.
    expect(mails.map((mail) => [mail.to, mail.subject])).toEqual([['ap@acme.example.com', 'Overdue reminder: $100.00']]);
    expect(mails[0].body).toMatch(/Overdue\nInvoice +Due date +Days overdue +Amount\nA-1 +March 3, 2026 +7 +\$100\.00\nTotal overdue +\$100\.00\n\nDue soon\nInvoice +Due date +Amount\nA-2 +March 17, 2026 +\$50\.50\nTotal due +\$50\.50/);
    expect(mails[0].htmlBody).toContain('>A-2</td>');
    expect(mails[0].from).toBe('owner@example.com');
    expect([mails[0].name, mails[0].replyTo]).toEqual(['Ann Example', 'ar@seller.example.com']);
    expect(statuses(addon)).toEqual([['Acme', 'sent']]);
    const invoices = addon.spreadsheet.sheet('Invoices')!;
    expect(invoices.values[0][9]).toBe('Last reminder');
    expect(invoices.values.slice(1).map((row) => row[9] ?? '')).toEqual(['2026-03-10 Overdue reminder (7 days after the due date)', '2026-03-10 Overdue reminder (7 days before the due date)', '', '']);
    expect(addon.spreadsheet.sheet('Customers')!.values.map((row) => row.slice(0, 2))).toEqual([
      ['Customer', 'Email'],
      ['Acme', 'ap@acme.example.com'],
      ['Globex', 'ap@globex.example.com'],
    ]);

    addon.runtime.run('sendDueReminders');
    expect(addon.runtime.outbox.sent).toHaveLength(1);
    expect(addon.runtime.ui.alerts.at(-1)!.prompt).toBe('Reminders for 2026-03-10: 0 sent.');
    // The euro balance waits for the policy's gap (3 days): one reminder a customer a day, never two.
    setDay(addon, '2026-03-12');
    addon.runtime.run('sendDueReminders');
    expect(addon.runtime.outbox.sent).toHaveLength(1);
    setDay(addon, '2026-03-13');
    addon.runtime.run('sendDueReminders');
    expect(addon.runtime.outbox.sent.map((mail) => mail.subject)).toEqual(['Overdue reminder: $100.00', 'Overdue reminder: €70.00']);
  });

  it('sends the most overdue first within the mail quota, and defers the rest to the next run', () => {
    const addon = workbook(FIVE, '2026-03-10');
    addon.runtime.outbox.remainingQuota = 2;
    addon.runtime.run('sendDueReminders');
    expect(sentTo(addon)).toEqual(['ap@acme.example.com', 'ap@globex.example.com']);
    expect(statuses(addon).map((row) => row[1])).toEqual(['sent', 'sent', 'deferred', 'deferred', 'deferred']);
    addon.runtime.outbox.remainingQuota = 100;
    addon.runtime.run('sendDueReminders');
    expect(sentTo(addon)).toEqual(['ap@acme.example.com', 'ap@globex.example.com', 'ap@initech.example.com', 'ap@hooli.example.com', 'ap@umbrella.example.com']);
  });

  it('logs a missing or invalid address as an error on its row and sends nothing to it', () => {
    const addon = workbook(
      [
        ['Acme', 'A-1', '2026-02-01', '2026-03-03', 100, '', '', 'USD', ''],
        ['Globex', 'G-1', '2026-02-01', '2026-03-03', 100, '', '', 'USD', 'not-an-address'],
      ],
      '2026-03-10',
    );
    addon.runtime.run('sendDueReminders');
    expect(addon.runtime.outbox.sent).toEqual([]);
    expect(log(addon).slice(1).map((row) => [row[1], row[5], row[6]])).toEqual([
      ['Acme', 'error', 'no email address for this customer'],
      ['Globex', 'error', '"not-an-address" is not a valid email address'],
    ]);
    expect(addon.spreadsheet.sheet('Invoices')!.values[1][9]).toBe('2026-03-10 not sent: no email address for this customer');
  });

  it('writes what a person typed as text, never as a formula', () => {
    const addon = workbook([['=HYPERLINK("http://x.example","pay")', 'A-1', '2026-02-01', '2026-03-03', 100, '', '', 'USD', 'a@example.com']], '2026-03-10');
    addon.runtime.run('sendDueReminders');
    // Stored as text (Sheets drops the guarding apostrophe from view), not as a formula.
    expect(log(addon)[1][1]).toBe('=HYPERLINK("http://x.example","pay")');
    expect([...addon.spreadsheet.sheet('Reminder log')!.formulas.keys()]).toEqual([]);
    expect(addon.runtime.outbox.sent[0].htmlBody).toContain('Dear =HYPERLINK(&quot;http://x.example&quot;,&quot;pay&quot;)');
  });

  it('makes as many spreadsheet calls for 10,000 invoices as for 10', () => {
    const callsFor = (count: number) => {
      // A hundred customers (the day's mail quota), each with at most the hundred invoices an email lists in full.
      const rows = Array.from({ length: count }, (_, i) => [`Customer ${i % 100}`, `N-${i}`, '2026-01-01', '2026-02-01', 10, '', '', 'USD', `c${i % 100}@example.com`]);
      const addon = workbook(rows, '2026-03-10');
      addon.runtime.state.log.reset();
      addon.runtime.run('sendDueReminders');
      const spreadsheetCalls = ['SpreadsheetApp', 'Spreadsheet', 'Sheet', 'Range'].reduce((sum, service) => sum + addon.runtime.state.log.count(service), 0);
      return { spreadsheetCalls, mails: addon.runtime.outbox.sent.length };
    };
    const small = callsFor(10);
    const large = callsFor(10_000);
    expect(small.mails).toBe(10);
    expect(large.mails).toBe(100);
    expect(large.spreadsheetCalls).toBe(small.spreadsheetCalls);
  });
});

describe('never twice, never lost', () => {
  function expected(): string[] {
    const addon = workbook(FIVE, '2026-03-10');
    addon.runtime.run('sendDueReminders');
    return sentTo(addon);
  }

  it('survives a failure at every service call of a run: the next run sends the rest, nothing twice, the unknown one reported', () => {
    const all = expected();
    const probe = workbook(FIVE, '2026-03-10');
    probe.runtime.state.log.reset();
    probe.runtime.run('sendDueReminders');
    const callsInRun = probe.runtime.state.log.total;
    expect(callsInRun).toBeGreaterThan(20);

    let reported = 0;
    for (let position = 1; position <= callsInRun; position++) {
      const addon = workbook(FIVE, '2026-03-10');
      addon.runtime.state.log.failAt(position);
      try {
        addon.runtime.run('sendDueReminders');
      } catch {
        // The failure stops the run, as an exception stops an Apps Script execution.
      }
      addon.runtime.state.log.clearFailures();
      // The next run: the next hourly trigger, or a later click; a run that died holding
      // the lease keeps others off for at most its 6 minutes.
      setDay(addon, '2026-03-10', 11);
      addon.runtime.run('sendDueReminders');

      const sent = sentTo(addon);
      const unconfirmed = log(addon).slice(1).filter((row) => row[5] === 'unconfirmed').map((row) => String(row[2]));
      expect(new Set(sent).size, `duplicate after a failure at call ${position}`).toBe(sent.length);
      for (const address of all) {
        expect(sent.includes(address) || unconfirmed.includes(address), `${address} lost after a failure at call ${position}`).toBe(true);
      }
      // Unconfirmed means it may have gone out: never both resent and reported.
      for (const address of unconfirmed) expect(sent.filter((to) => to === address).length).toBeLessThanOrEqual(1);
      reported += unconfirmed.length;
    }
    // Some failures fell between a send and its confirmation: those were reported, not resent.
    expect(reported).toBeGreaterThan(0);
  });

  it('lets only one of two runs at once send: the trigger and the menu', () => {
    const addon = workbook(FIVE, '2026-03-10');
    const id = addon.spreadsheet.getId();
    let second = '';
    addon.runtime.state.log.afterNext('MailApp.sendEmail', () => {
      // The daily trigger fires while the menu run is sending.
      addon.runtime.run('sendDueReminders', [], { spreadsheetId: id });
      second = addon.runtime.ui.alerts.at(-1)!.prompt;
    });
    addon.runtime.run('sendDueReminders');
    expect(second).toBe('Nothing sent: another reminder run for this spreadsheet is in progress; try again in a few minutes');
    expect(sentTo(addon)).toEqual(expected());
    addon.runtime.run('sendDueReminders');
    expect(sentTo(addon)).toHaveLength(5);
  });
});

describe('preview and test', () => {
  it("previews today's reminders with no side effects at all", () => {
    const addon = workbook(FIVE, '2026-03-10');
    const sheetsBefore = addon.spreadsheet.sheets.map((sheet) => sheet.name);
    addon.runtime.run('previewReminders');
    expect(addon.spreadsheet.sheets.map((sheet) => sheet.name)).toEqual(sheetsBefore);
    expect(addon.runtime.outbox.sent).toEqual([]);
    expect(addon.runtime.scriptProperties.getKeys()).toEqual([]);
    expect(addon.spreadsheet.sheet('Invoices')!.values[0]).toHaveLength(HEADER.length);
    const [dialog] = addon.runtime.ui.dialogs;
    expect(dialog.title).toBe("Today's reminders");
    expect(dialog.html).toContain('5 reminders for 2026-03-10');
    expect(dialog.html).toContain('ap@umbrella.example.com');
  });

  it('sends a test reminder to me only', () => {
    const addon = workbook(FIVE, '2026-03-10');
    addon.runtime.run('sendTestReminder', [], { user: 'bookkeeper@example.com' });
    expect(addon.runtime.outbox.sent.map((mail) => [mail.to, mail.subject])).toEqual([['bookkeeper@example.com', '[Test] Overdue reminder: $100.00']]);
    expect(addon.spreadsheet.sheet('Reminder log')).toBeUndefined();
  });
});

describe('the sender, and one reminder a day', () => {
  it('refuses to send or to turn the schedule on until the sender is known, naming the empty field', () => {
    const addon = workbook(FIVE, '2026-03-10');
    savePolicy(addon, { signature: '', paymentDetails: '' });
    addon.runtime.run('sendDueReminders');
    expect(addon.runtime.ui.alerts.at(-1)!.prompt).toBe(
      'Nothing sent: the sender is not set up: Signature is empty: fill it in (Settings › Reminders) before reminders can be sent; Payment details is empty: fill it in (Settings › Reminders) before reminders can be sent',
    );
    addon.runtime.run('turnOnReminders');
    expect(addon.runtime.ui.alerts.at(-1)!.prompt).toMatch(/^Daily reminders are not on: Signature is empty.*; Payment details is empty/);
    expect([addon.runtime.outbox.sent, addon.runtime.scriptApp.triggers]).toEqual([[], []]);
    savePolicy(addon);
    addon.runtime.run('sendDueReminders');
    expect(addon.runtime.outbox.sent).toHaveLength(5);
    expect(addon.runtime.outbox.sent[0].body.trimEnd()).toMatch(/Kind regards,\nAnn Example\nAccounts receivable, Seller Ltd\n\nHow to pay:\nBank transfer to Seller Ltd, IBAN GB00 TEST 0000 0000 00$/);
  });

  it('sends nothing more the same day: not after a step is added, nor from "Send now" after the trigger', () => {
    const addon = workbook(FIVE, '2026-03-10');
    addon.runtime.run('turnOnReminders');
    addon.runtime.fireTimeTriggers();
    expect(addon.runtime.outbox.sent).toHaveLength(5);
    addon.runtime.run('sendDueReminders');
    // A step the invoices have all passed (+1 for Umbrella, the rest +30), added after the day's run.
    savePolicy(addon, { steps: [{ offsetDays: 0, template: 'due-today' }, { offsetDays: 1, template: 'final' }, { offsetDays: 7, template: 'overdue' }, { offsetDays: 30, template: 'final' }, { offsetDays: 35, template: 'final' }] });
    addon.runtime.run('sendDueReminders');
    setDay(addon, '2026-03-10', 23);
    addon.runtime.run('sendDueReminders');
    expect(addon.runtime.outbox.sent).toHaveLength(5);
    // The new step waits for the gap: three days after the last reminder (Globex's +30 is due on 11 March, and waits too).
    for (const day of ['2026-03-11', '2026-03-12']) {
      setDay(addon, day);
      addon.runtime.run('sendDueReminders');
    }
    expect(addon.runtime.outbox.sent).toHaveLength(5);
    // Past the gap, the next step up still waits its cadence: +30 comes 23 days after the +7 each customer had on 10 March.
    setDay(addon, '2026-03-13');
    addon.runtime.run('sendDueReminders');
    expect(addon.runtime.outbox.sent).toHaveLength(5);
    setDay(addon, '2026-04-02');
    addon.runtime.run('sendDueReminders');
    expect(addon.runtime.outbox.sent.slice(5).map((mail) => [mail.to, mail.subject])).toEqual([
      ['ap@acme.example.com', 'Final notice: $100.00 overdue'],
      ['ap@globex.example.com', 'Final notice: $200.00 overdue'],
      ['ap@initech.example.com', 'Final notice: $300.00 overdue'],
      ['ap@hooli.example.com', 'Final notice: $400.00 overdue'],
      ['ap@umbrella.example.com', 'Final notice: $500.00 overdue'],
    ]);
  });
});

describe('the daily schedule', () => {
  it('keeps one trigger per spreadsheet, one schedule per spreadsheet, and runs it by ID once a day after its hour', () => {
    const addon = workbook(FIVE, '2026-03-10');
    const runtime = addon.runtime;
    runtime.run('turnOnReminders');
    runtime.run('turnOnReminders');
    expect(runtime.scriptApp.triggers.map((trigger) => [trigger.owner, trigger.handler, trigger.schedule.everyHours, trigger.document])).toEqual([
      ['owner@example.com', 'runScheduledReminders', 1, addon.spreadsheet.getId()],
    ]);

    runtime.run('turnOnReminders', [], { user: 'colleague@example.com' });
    expect(runtime.ui.alerts.at(-1)!.prompt).toMatch(/^Daily reminders for this spreadsheet are already on, sent from owner@example.com\./);
    expect(runtime.scriptApp.triggers).toHaveLength(1);

    // 08:00: before the send hour (9): nothing. The trigger has no active spreadsheet.
    setDay(addon, '2026-03-10', 8);
    runtime.fireTimeTriggers();
    expect(runtime.outbox.sent).toEqual([]);
    setDay(addon, '2026-03-10', 9);
    runtime.fireTimeTriggers();
    expect(runtime.outbox.sent).toHaveLength(5);
    setDay(addon, '2026-03-10', 15);
    runtime.fireTimeTriggers();
    expect(runtime.outbox.sent).toHaveLength(5);
    expect(runtime.run('getReminderStatus')).toMatchObject({ on: true, owner: 'owner@example.com', youOwnIt: true, sentLastRun: 5, warning: '' });

    runtime.run('turnOffReminders');
    expect(runtime.scriptApp.triggers).toEqual([]);
    expect(runtime.run('getReminderStatus')).toMatchObject({ on: false });
  });

  it("goes on with the user's other spreadsheets when one fails", () => {
    const addon = workbook(FIVE, '2026-03-10');
    const other = addon.runtime.createSpreadsheet({ id: 'broken', timeZone: ZONE });
    other.addSheet('Invoices', storedRows([HEADER, ...FIVE], ZONE));
    addon.runtime.run('sidebarSavePolicy', [{ version: POLICY_VERSION, ...SENDER }], { spreadsheetId: 'broken' });
    addon.runtime.run('turnOnReminders', [], { spreadsheetId: 'broken' });
    addon.runtime.run('turnOnReminders');
    addon.runtime.spreadsheets.delete('broken');
    const fired = addon.runtime.fireTimeTriggers();
    expect(fired.map((firing) => firing.error)).toEqual(['', '']);
    // The five customers of the first, and one word to the owner that the other cannot run; once, not every hour.
    const toOwner = (mail: { to: string }) => mail.to === 'owner@example.com';
    expect(addon.runtime.outbox.sent.filter((mail) => !toOwner(mail))).toHaveLength(5);
    expect(addon.runtime.outbox.sent.filter(toOwner).map((mail) => [mail.subject, mail.body.split('\n')[0]])).toEqual([
      ['Receivables: daily reminders cannot run', expect.stringMatching(/^Daily reminders cannot run: the spreadsheet \(ID broken\) cannot be opened from owner@example\.com's account/)],
    ]);
    setDay(addon, '2026-03-10', 11);
    addon.runtime.fireTimeTriggers();
    expect(addon.runtime.outbox.sent.filter(toOwner)).toHaveLength(1);
  });
});

describe('AR_LATE_FEE', () => {
  it("shows each overdue invoice's late fee under the stored policy", () => {
    const addon = workbook(FIVE, '2026-03-10');
    const policy = { version: POLICY_VERSION, yearlyInterestPercent: 36.5, steps: [{ offsetDays: 7, template: 'overdue', lateFee: 5 }, { offsetDays: 30, template: 'final', lateFee: 20 }] };
    savePolicy(addon, policy);
    const invoices = addon.spreadsheet.sheet('Invoices')!.face().getDataRange().getValues();
    // Interest is open × 36.5% × days / 365 = open × days / 1000. Acme: 100.00, 38 days: 5 + 20 fixed + 3.80.
    // Globex 200, 29 days: 5 + 5.80. Initech 300, 19 days: 5 + 5.70. Hooli 400, 14 days: 5 + 5.60. Umbrella 500, 7 days: 5 + 3.50.
    expect(addon.call('AR_LATE_FEE', invoices, addon.date('2026-03-10'))).toEqual([['Late fee'], [28.8], [10.8], [10.7], [10.6], [8.5]]);
  });
});

describe('the time budget', () => {
  it('stops sending before the deadline and leaves the rest to the next run', () => {
    const addon = workbook(FIVE, '2026-03-10');
    // Each email takes 100 s: the third ends past the 4½-minute budget.
    const slowSend = () => {
      addon.runtime.setNow(addon.runtime.state.now + 100 * 1000);
      addon.runtime.state.log.afterNext('MailApp.sendEmail', slowSend);
    };
    addon.runtime.state.log.afterNext('MailApp.sendEmail', slowSend);
    addon.runtime.run('sendDueReminders');
    expect(sentTo(addon)).toEqual(['ap@acme.example.com', 'ap@globex.example.com', 'ap@initech.example.com']);
    expect(log(addon).slice(1).map((row) => row[5])).toEqual(['sent', 'sent', 'sent', 'deferred', 'deferred']);
    expect(log(addon)[4][6]).toBe('the run ran out of time; the next run sends it');
    addon.runtime.run('sendDueReminders');
    expect(sentTo(addon)).toHaveLength(5);
  });
});
