// Time as Apps Script counts it: every call takes a while, and an execution
// is ended at 6 minutes. A long run stops sending before its deadline; the
// next runs send the rest: nothing lost, nothing twice.
import { describe, expect, it } from 'vitest';
import { zonedInstant } from '../../runtime/index';
import { loadAddon, savePolicy, storedRows } from '../support/addon';

const ZONE = 'Europe/London';
const HEADER = ['Customer', 'Invoice No', 'Due date', 'Amount', 'Currency', 'Email'];
const CUSTOMERS = 2_000;

describe('a reminder run over 2,000 due customers at 20 ms a spreadsheet call and 300 ms an email', () => {
  it('stops before the 6-minute limit each time, and the next runs send the rest: 0 lost, 0 twice', () => {
    const addon = loadAddon({ timeZone: ZONE });
    const { runtime } = addon;
    // The sender filled in: nothing is sent without one.
    savePolicy(addon);
    runtime.setNow(zonedInstant(ZONE, 2026, 3, 10, 10));
    const rows = Array.from({ length: CUSTOMERS }, (_, i) => [`Customer ${i + 1}`, `N-${i + 1}`, '2026-03-03', 100 + i, 'USD', `ap${i + 1}@example.com`]);
    addon.spreadsheet.addSheet('Invoices', storedRows([HEADER, ...rows], ZONE));
    // A Workspace account's daily recipients.
    runtime.outbox.dailyQuota = 1_500;
    runtime.run('turnOnReminders');
    for (const service of ['SpreadsheetApp', 'Spreadsheet', 'Sheet', 'Range']) runtime.state.latency.set(service, 20);
    runtime.state.latency.set('MailApp.sendEmail', 300);

    const runs: Array<{ sent: number; seconds: number }> = [];
    // Triggers' total runtime is 90 minutes a day for a consumer account ("Quotas for Google Services"): the runtime refuses a run past it.
    let firstDaySeconds = 0;
    // The hourly trigger, over two days.
    for (let hour = 0; hour < 48 && runtime.outbox.sent.length < CUSTOMERS; hour++) {
      runtime.setNow(zonedInstant(ZONE, 2026, 3, 10, 10) + hour * 3_600_000);
      const before = runtime.outbox.sent.length;
      const started = runtime.state.now;
      expect(runtime.fireTimeTriggers().map((firing) => firing.error)).toEqual(['']);
      const seconds = (runtime.state.now - started) / 1000;
      if (hour < 24) firstDaySeconds += seconds;
      if (runtime.outbox.sent.length > before) runs.push({ sent: runtime.outbox.sent.length - before, seconds });
      expect(seconds, `run at hour ${hour}`).toBeLessThan(360);
    }
    expect(firstDaySeconds).toBeLessThan(90 * 60);
    const sent = runtime.outbox.sent.map((mail) => mail.to);
    expect(new Set(sent).size).toBe(sent.length);
    expect(sent).toHaveLength(CUSTOMERS);
    // The first run was cut short by time, not by the quota; the next one went on the same day.
    expect(runs.length).toBeGreaterThanOrEqual(3);
    expect(runs[0].sent).toBeLessThan(1_000);
    expect(runs[0].seconds).toBeGreaterThan(240);
    const log = addon.spreadsheet.sheet('Reminder log')!.values.slice(1);
    expect(log.filter((row) => row[5] === 'sent')).toHaveLength(CUSTOMERS);
    expect(log.filter((row) => row[5] === 'sending' || row[5] === 'unconfirmed')).toEqual([]);
  });
});
