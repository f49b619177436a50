// Deferred reminders update their log row (issue 11, item 9): the log grows
// with what was sent, not with how often a run tried.
import { describe, expect, it } from 'vitest';
import { zonedInstant } from '../../runtime/index';
import { loadAddon, savePolicy, storedRows } from '../support/addon';
import { FIVE, INVOICE_HEADER as HEADER } from '../support/fiveCustomers';

const ZONE = 'Europe/London';

describe('deferred reminders in the log', () => {
  it('a reminder the quota defers run after run keeps one row, updated, until it is sent', () => {
    const addon = loadAddon({ timeZone: ZONE });
    savePolicy(addon);
    addon.runtime.setNow(zonedInstant(ZONE, 2026, 3, 10, 9));
    addon.spreadsheet.addSheet('Invoices', storedRows([HEADER, ...FIVE], ZONE));
    addon.runtime.outbox.dailyQuota = 2;
    const log = () => addon.spreadsheet.sheet('Reminder log')!.values.slice(1).map((row) => [row[1], row[5]]);
    for (let hour = 9; hour <= 16; hour++) {
      addon.runtime.setNow(zonedInstant(ZONE, 2026, 3, 10, hour));
      addon.runtime.run('sendDueReminders');
    }
    // Eight runs: two sent, three deferred, five rows.
    expect(addon.runtime.outbox.sent).toHaveLength(2);
    expect(log()).toHaveLength(5);
    expect(log().filter(([, status]) => status === 'deferred')).toHaveLength(3);
    // The deferred rows say when the run last tried.
    const last = addon.spreadsheet.sheet('Reminder log')!.values.slice(1).filter((row) => row[5] === 'deferred').map((row) => (row[0] as Date).getTime());
    expect(new Set(last)).toEqual(new Set([zonedInstant(ZONE, 2026, 3, 10, 16)]));
    // A larger quota: the deferred ones go out, on the rows they had.
    addon.runtime.outbox.dailyQuota = 100;
    addon.runtime.setNow(zonedInstant(ZONE, 2026, 3, 10, 17));
    addon.runtime.run('sendDueReminders');
    expect(addon.runtime.outbox.sent).toHaveLength(5);
    expect(new Set(addon.runtime.outbox.sent.map((mail) => mail.to)).size).toBe(5);
    expect(log()).toHaveLength(5);
    expect(log().every(([, status]) => status === 'sent')).toBe(true);
  });
});
