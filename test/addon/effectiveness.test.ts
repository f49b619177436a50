import { describe, expect, it } from 'vitest';
import { zonedInstant } from '../../runtime/index';
import { loadAddon, savePolicy, storedRows, type Addon } from '../support/addon';

const INVOICES = [
  ['Customer', 'Invoice No', 'Invoice date', 'Due date', 'Amount', 'Paid', 'Paid date', 'Currency'],
  ['Acme', 'A-1', '2025-12-10', '2026-01-10', 1000, 1000, '2026-01-20', 'USD'],
  ['Acme', 'A-2', '2025-12-10', '2026-01-10', 1000, '', '', 'USD'],
  ['Cyan', 'C-1', '2025-12-10', '2026-01-10', 1500, 1500, '2026-02-05', 'USD'],
];
const LOG_HEADER = ['Time', 'Customer', 'Address', 'Invoices', 'Step', 'Status', 'Error', 'Run', 'Keys'];

/** A log row as the run writes it, sent on that day at 9:00 in the spreadsheet's zone. */
function logRow(addon: Addon, iso: string, customer: string, keys: Array<[string, number]>, status = 'sent'): unknown[] {
  const [y, m, d] = iso.split('-').map(Number);
  return [addon.runtime.date(zonedInstant(addon.spreadsheet.options.timeZone, y, m, d, 9)), customer, 'ap@example.com', keys.map(([key]) => key.split(' · ')[1]).join(', '), 'Overdue reminder (7 days after the due date)', status, '', 'run-1/0', JSON.stringify(keys)];
}

describe('AR_EFFECTIVENESS on the built add-on', () => {
  it('reads the log passed to it: sent rows only, beside the comparable invoice not reminded', () => {
    const addon = loadAddon({ timeZone: 'America/New_York' });
    const log = [LOG_HEADER, logRow(addon, '2026-01-17', 'Acme', [['Acme · A-1', 7], ['Acme · A-2', 7]]), logRow(addon, '2026-01-17', 'Cyan', [['Cyan · C-1', 7]], 'error')];
    const result = addon.call('AR_EFFECTIVENESS', addon.table(INVOICES), addon.date('2026-03-31'), log, '') as unknown[][];
    expect(result[0].slice(0, 3)).toEqual(['Step', 'Channel', 'Sent']);
    // A-1 paid 3 days after, A-2 never: half within 7; C-1 (its email failed) is the comparable one, paid 19 days after its +7 day.
    expect(result[1]).toEqual(['7 days after the due date', 'Email', 2, 0.5, 0.5, 3, 1, 0, 0, 19]);
    // The Collections sheet was not passed and there is none: said, not silent.
    expect(String(result.at(-1)![0])).toContain('Read from the Collections sheet');
  });

  it('counts the Collections sheet\'s calls as their own channel, and refuses a log that is not one', () => {
    const addon = loadAddon({ timeZone: 'UTC' });
    const tasks = [
      ['Date', 'Customer', 'Step', 'Keys', 'Task id'],
      ['2026-01-24', 'Acme', 'Call (+14 days)', JSON.stringify([['Acme · A-2', 14]]), 'T20260124-abc123-AAAAAAAAAAAAAAAAAAAAAA'],
      // Typed by hand, with no task id: not counted.
      ['2026-01-24', 'Cyan', 'Call (+14 days)', JSON.stringify([['Cyan · C-1', 14]]), ''],
    ];
    const result = addon.call('AR_EFFECTIVENESS', addon.table(INVOICES), addon.date('2026-03-31'), [LOG_HEADER], addon.table(tasks)) as unknown[][];
    expect(result.map((row) => row.slice(0, 3))).toEqual([['Step', 'Channel', 'Sent'], ['14 days after the due date', 'Call', 1]]);
    expect(() => addon.call('AR_EFFECTIVENESS', addon.table(INVOICES), '', addon.table(INVOICES))).toThrow(/AR_EFFECTIVENESS: log must be the Reminder log, header row included/);
  });
});

describe('AR_DSO_TREND on the built add-on', () => {
  it('gives a row a month, the months as dates', () => {
    const addon = loadAddon({ timeZone: 'UTC' });
    const result = addon.call('AR_DSO_TREND', addon.table(INVOICES), 3, addon.date('2026-02-28')) as unknown[][];
    expect(result[0]).toEqual(['Month', 'Open at month end', 'Overdue', 'Overdue share', 'Invoiced', 'DSO']);
    expect(result.slice(1).map((row) => (row[0] as Date).toISOString().slice(0, 10))).toEqual(['2025-12-01', '2026-01-01', '2026-02-01']);
    // December: 3,500 invoiced, all open, none due: DSO 31 days.
    expect(result[1].slice(1)).toEqual([3500, 0, 0, 3500, 31]);
    expect(() => addon.call('AR_DSO_TREND', addon.table(INVOICES), 0)).toThrow('AR_DSO_TREND: months must be a whole number from 1 to 120; found 0');
  });
});

describe('the dashboard', () => {
  it('shows what works and the DSO trend, following the Reminder log it is passed', () => {
    const addon = loadAddon({ timeZone: 'UTC' });
    addon.runtime.setNow(zonedInstant('UTC', 2026, 3, 31, 10));
    addon.spreadsheet.addSheet('Invoices', storedRows(INVOICES, 'UTC'));
    addon.spreadsheet.addSheet('Reminder log', [LOG_HEADER as unknown as string[]]);
    savePolicy(addon);
    addon.runtime.run('insertDashboard');
    const sheet = addon.spreadsheet.sheet('Receivables dashboard')!;
    const formulas = [...sheet.formulas.values()];
    expect(formulas.find((text) => text.includes('AR_EFFECTIVENESS'))).toMatch(/^=AR_EFFECTIVENESS\('Invoices'!A1:\w+, TODAY\(\), 'Reminder log'!A1:Z, "", /);
    expect(formulas.find((text) => text.includes('AR_DSO_TREND'))).toMatch(/^=AR_DSO_TREND\('Invoices'!A1:\w+, 12, TODAY\(\), /);
    const results = addon.runtime.recalculate(addon.spreadsheet);
    expect(results.map((result) => result.error)).toEqual(results.map(() => null));
    expect(sheet.values.flat()).toContain('Median days to pay');
    expect(sheet.values.flat()).toContain('Overdue share');
    expect(sheet.values.flat()).not.toContain('7 days after the due date');
    // A reminder logged: the formula's argument changed, and the block shows it.
    const log = addon.spreadsheet.sheet('Reminder log')!;
    log.face().appendRow(logRow(addon, '2026-01-17', 'Acme', [['Acme · A-1', 7]]));
    addon.runtime.recalculate(addon.spreadsheet);
    expect(sheet.values.flat()).toContain('7 days after the due date');
  });
});

describe('the learning cadence in the preview and the run (issue 27, item 4)', () => {
  /** Six paid invoices each: Late Ltd 12 days late, Early plc 5 days early; one open each, due 10 March 2026. */
  function learningBook(learning: Record<string, unknown>, customers: unknown[][] = []) {
    const addon = loadAddon({ timeZone: 'UTC' });
    const rows: unknown[][] = [['Customer', 'Invoice No', 'Invoice date', 'Due date', 'Amount', 'Paid', 'Paid date', 'Email']];
    for (const [customer, late] of [['Late Ltd', 12], ['Early plc', -5]] as const) {
      for (let m = 4; m <= 9; m++) {
        const due = new Date(Date.UTC(2025, m - 1, 15));
        const iso = (offset: number) => new Date(due.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
        rows.push([customer, `${customer[0]}-${m}`, iso(-30), iso(0), 100, 100, iso(late), `ap@${customer[0].toLowerCase()}.example.com`]);
      }
      rows.push([customer, `${customer[0]}-open`, '2026-02-08', '2026-03-10', 500, '', '', `ap@${customer[0].toLowerCase()}.example.com`]);
    }
    addon.spreadsheet.addSheet('Invoices', storedRows(rows, 'UTC'));
    if (customers.length) addon.spreadsheet.addSheet('Customers', customers as never);
    savePolicy(addon, { skipWeekends: false, learning });
    return addon;
  }
  const preview = (addon: Addon) => addon.runtime.scriptRun('sidebarPreview') as { reminders: Array<{ customer: string; learned?: { kind: string } }>; learned: Array<{ customer: string; reason: Record<string, unknown> }> };

  it('says for each customer why their cadence moved, reminded today or not', () => {
    const addon = learningBook({ enabled: true, maxShiftDays: 7 });
    addon.runtime.setNow(zonedInstant('UTC', 2026, 3, 3, 10));
    const early = preview(addon);
    // A week before the due date: the late payer gets the friendly note; the early payer none, and the preview says why.
    expect(early.reminders.map((reminder) => reminder.customer)).toEqual(['Late Ltd']);
    expect(early.learned).toEqual([
      { customer: 'Early plc', reason: { kind: 'early', earlyDays: expect.any(Number) } },
      { customer: 'Late Ltd', reason: { kind: 'late', lateDays: expect.any(Number), shiftDays: 4, offsetDays: 3 } },
    ]);
    expect(early.reminders[0].learned).toMatchObject({ kind: 'late' });
  });

  it('sends the first overdue reminder 3 days after the due date, not 7, and only once', () => {
    const addon = learningBook({ enabled: true, maxShiftDays: 7 });
    const counts: number[] = [];
    for (const day of [10, 12, 13, 14, 15, 16]) {
      addon.runtime.setNow(zonedInstant('UTC', 2026, 3, day, 10));
      addon.runtime.run('sendDueReminders');
      counts.push(addon.runtime.outbox.sent.filter((mail) => mail.to === 'ap@l.example.com').length);
    }
    // The due-date note on the 10th, the overdue reminder on the 13th (the fixed cadence's would wait for the 17th), nothing twice.
    expect(counts).toEqual([1, 1, 2, 2, 2, 2]);
    expect(addon.runtime.outbox.sent.filter((mail) => mail.to === 'ap@e.example.com')).toHaveLength(1);
  });

  it("changes nothing while the policy's learning is off, nor for a customer whose Learn cadence cell says no", () => {
    expect(preview(learningBook({ enabled: false })).learned).toEqual([]);
    const addon = learningBook({ enabled: true }, [['Customer', 'Learn cadence'], ['Late Ltd', 'no']]);
    addon.runtime.setNow(zonedInstant('UTC', 2026, 3, 3, 10));
    expect(preview(addon).learned.map((entry) => entry.customer)).toEqual(['Early plc']);
  });
});
