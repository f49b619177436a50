// Issue 24, item 4: the whole scheduled run fits in Apps Script's 6 minutes.
// One deadline covers sending, the documents (PDF conversion and Drive save)
// and the writes after them; what does not fit waits for the next hourly
// run; the Last reminder column and the last-run record are always written.
// Platform latencies come from the runtime's latency map, on its virtual
// clock: nothing sleeps.
import { describe, expect, it } from 'vitest';
import { zonedInstant } from '../../runtime/index';
import { loadAddon, savePolicy, storedRows } from '../support/addon';

const ZONE = 'Europe/London';
const HEADER = ['Customer', 'Invoice No', 'Invoice date', 'Due date', 'Amount', 'Paid', 'Currency', 'Email'];
const SIX_MINUTES = 6 * 60_000;

describe('a scheduled run with platform latencies', () => {
  it('sends 700 emails and makes the 60 letters over the hourly runs, every run within 6 minutes, each letter once, the Last reminder column and the last run written', () => {
    const addon = loadAddon({ timeZone: ZONE });
    const pad = (n: number) => String(n).padStart(3, '0');
    const rows = [
      HEADER,
      // Due a week before 2026-03-10: the email step.
      ...Array.from({ length: 700 }, (_, k) => [`Customer ${pad(k)}`, `E-${pad(k)}`, '2026-02-01', '2026-03-03', 100 + k, '', 'USD', `c${pad(k)}@example.com`]),
      // Due 30 days before: the letter step.
      ...Array.from({ length: 60 }, (_, k) => [`Debtor ${pad(k)}`, `L-${pad(k)}`, '2026-01-01', '2026-02-08', 500 + k, '', 'USD', `d${pad(k)}@example.com`]),
    ];
    addon.spreadsheet.addSheet('Invoices', storedRows(rows, ZONE));
    addon.runtime.setNow(zonedInstant(ZONE, 2026, 2, 15, 12));
    savePolicy(addon, { skipWeekends: false, steps: [{ offsetDays: 7, template: 'overdue', channel: 'email' }, { offsetDays: 30, template: 'final', channel: 'letter' }] });
    // The letter is earned: the debtors had their email at +7, on 15 February (the letter may come 23 days later).
    addon.runtime.run('sendDueReminders');
    expect(addon.runtime.outbox.sent).toHaveLength(60);
    addon.runtime.outbox.sent.length = 0;
    addon.runtime.setNow(zonedInstant(ZONE, 2026, 3, 9, 12));
    addon.runtime.run('turnOnReminders');
    // A Workspace account's 1,500 recipients a day; the platform's times for a send, a PDF conversion and a Drive save.
    addon.runtime.outbox.dailyQuota = 1500;
    addon.runtime.state.latency.set('MailApp.sendEmail', 300);
    addon.runtime.state.latency.set('Blob.getAs', 3000);
    addon.runtime.state.latency.set('Drive.Files.create', 1500);
    // This test is about time: a one-line PDF stands for Chromium's print (the letters' pages are tested in collections.test.ts).
    addon.runtime.state.printPdf = () => Buffer.from('%PDF-1.4\n%%EOF\n');

    const runs: Array<{ ms: number; error: string; sent: number; letters: number }> = [];
    for (let hour = 9; hour <= 14; hour++) {
      addon.runtime.setNow(zonedInstant(ZONE, 2026, 3, 10, hour));
      const started = addon.runtime.state.now;
      const sentBefore = addon.runtime.outbox.sent.length;
      const lettersBefore = addon.runtime.drive.files.length;
      const fired = addon.runtime.fireTimeTriggers();
      expect(fired).toHaveLength(1);
      runs.push({ ms: addon.runtime.state.now - started, error: fired[0].error, sent: addon.runtime.outbox.sent.length - sentBefore, letters: addon.runtime.drive.files.length - lettersBefore });
      if (hour === 9) {
        // The first run, cut short by the deadline in the middle of the letters, still wrote its record.
        const first = addon.runtime.run('getReminderStatus') as { lastRunAt: string; sentLastRun: number; lastError: string };
        expect(first).toMatchObject({ sentLastRun: 700, lastError: '' });
      }
    }
    // Every run ended by itself, well within the limit; the first sent everything and began on the letters, the later ones made the rest.
    expect(runs.every((run) => run.error === '' && run.ms < SIX_MINUTES)).toBe(true);
    expect(runs[0].sent).toBe(700);
    expect(runs[0].letters).toBeGreaterThan(0);
    expect(runs[0].letters).toBeLessThan(60);
    expect(runs[0].ms).toBeGreaterThan(210_000);
    expect(runs.slice(1).reduce((sum, run) => sum + run.sent, 0)).toBe(0);
    const files = addon.runtime.drive.files;
    expect(files).toHaveLength(60);
    expect(new Set(files.map((file) => file.name)).size).toBe(60);
    // Once all were made, the day's run is done: the later hours do nothing.
    expect(runs.at(-1)).toMatchObject({ sent: 0, letters: 0 });

    // The Last reminder column of every emailed invoice, written by the first run.
    const invoices = addon.spreadsheet.sheet('Invoices')!;
    const header = invoices.values[0] as string[];
    const last = header.indexOf('Last reminder');
    expect(last).toBeGreaterThan(0);
    expect(invoices.values.slice(1, 701).every((row) => String(row[last]).startsWith('2026-03-10 Overdue reminder ('))).toBe(true);
    // The last run's record, as the sidebar shows it.
    const status = addon.runtime.run('getReminderStatus') as { lastRunAt: string; sentLastRun: number; lastError: string };
    expect(status.lastError).toBe('');
    expect(Date.parse(status.lastRunAt)).toBeGreaterThanOrEqual(zonedInstant(ZONE, 2026, 3, 10, 9));
    // No lease or checkpoint left behind.
    expect(Object.keys(addon.runtime.scriptProperties.getProperties()).filter((key) => /lease|checkpoint/.test(key))).toEqual([]);
  });
});
