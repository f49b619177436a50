// Ninety days of daily runs over the sample workbook, payments arriving as
// they did: every reminder the cadence calls for is sent exactly once, on its
// day, and none after payment. Then the same with call, letter and legal
// steps, and a person typing outcomes in the Collections sheet.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { zonedInstant } from '../../runtime/index';
import { importCsv } from '../../runtime/workbook';
import { POLICY_VERSION } from '../../src/core/reminders/policy';
import { loadAddon, projectRoot, savePolicy } from '../support/addon';

const ZONE = 'Europe/London';
const STEPS = [-7, -1, 0, 7, 14, 30];
const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 864e5;
const isoOf = (day: number) => new Date(day * 864e5).toISOString().slice(0, 10);

describe('90 days of daily reminders over the sample workbook', () => {
  it('sends every expected reminder exactly once, on its day, and none after payment', () => {
    const csv = readFileSync(join(projectRoot, 'examples/invoices.csv'), 'utf8');
    const records = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data;
    const first = dayNumber('2026-05-20');
    const last = first + 89;

    const addon = loadAddon({ timeZone: ZONE });
    const enterPaymentsUpTo = addSampleInvoicesPaymentsHidden(addon, csv);
    // Every day counts here; weekend catch-up has its own tests.
    savePolicy(addon, { version: POLICY_VERSION, skipWeekends: false });

    for (let day = first; day <= last; day++) {
      runDay(addon, day, enterPaymentsUpTo);
    }

    // What the cadence calls for, worked out from the CSV alone.
    const expected: string[] = [];
    for (const record of records) {
      if (record.Status === 'Void' || record.Status === 'Disputed' || !/^\d{4}-\d\d-\d\d$/.test(record['Due Date']) || Number(record.Amount) <= 0) continue;
      const due = dayNumber(record['Due Date']);
      const paidOn = record['Paid Date'] ? dayNumber(record['Paid Date']) : Infinity;
      const fullyPaid = Number(record.Paid || 0) >= Number(record.Amount);
      const openOn = (day: number) => !(paidOn <= day && fullyPaid) && dayNumber(record['Invoice Date']) <= day;
      for (const offset of STEPS) {
        const stepDay = due + offset;
        if (stepDay < first || stepDay > last || !openOn(stepDay)) continue;
        expected.push(`${record.Customer} · ${record['Invoice No']} ${offset} ${isoOf(stepDay)}`);
      }
      // The first run catches up: a step reached before it, with none on its day, goes out then (only the latest).
      const missed = STEPS.filter((offset) => due + offset < first).pop();
      if (missed !== undefined && !STEPS.includes(first - due) && openOn(first)) expected.push(`${record.Customer} · ${record['Invoice No']} ${missed} ${isoOf(first)}`);
    }

    const logRows = addon.spreadsheet.sheet('Reminder log')!.values.slice(1);
    expect(logRows.filter((row) => row[5] !== 'sent').map((row) => [row[0], row[1], row[5], row[6]])).toEqual([]);
    const sent = logRows.flatMap((row) => (JSON.parse(String(row[8])) as Array<[string, number]>).map(([key, offset]) => `${key} ${offset} ${isoOf(Math.floor((row[0] as Date).getTime() / 864e5))}`));
    expect(expected.length).toBeGreaterThan(100);
    expect([...sent].sort()).toEqual([...expected].sort());
    expect(addon.runtime.outbox.sent).toHaveLength(logRows.length);
  });

  it('with channels: every call task once on its day, outcomes typed one day change the days after, nothing after a legal hand-over, letters produced once', () => {
    const csv = readFileSync(join(projectRoot, 'examples/invoices.csv'), 'utf8');
    const records = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data;
    const first = dayNumber('2026-05-20');
    const last = first + 89;
    const steps = [
      { offsetDays: -7, template: 'upcoming', channel: 'email' },
      { offsetDays: 0, template: 'due-today', channel: 'email' },
      { offsetDays: 7, template: 'overdue', channel: 'email' },
      { offsetDays: 14, template: 'firm', channel: 'call' },
      { offsetDays: 30, template: 'final', channel: 'letter' },
      { offsetDays: 45, template: 'final', channel: 'email' },
      { offsetDays: 60, template: 'final', channel: 'legal' },
    ];
    const offsets = steps.map((step) => step.offsetDays);

    const addon = loadAddon({ timeZone: ZONE });
    const enterPaymentsUpTo = addSampleInvoicesPaymentsHidden(addon, csv);
    savePolicy(addon, { version: 2, skipWeekends: false, steps });

    const collectionsRows = () => {
      const tasks = addon.spreadsheet.sheet('Collections');
      if (!tasks) return [];
      const names = tasks.values[0] as string[];
      return tasks.values.slice(1).map((row, k) => ({ row: k + 2, ...Object.fromEntries(names.map((name, c) => [name, row[c] ?? ''])) }) as Record<string, unknown> & { row: number });
    };
    const type = (row: number, name: string, value: unknown) => {
      const tasks = addon.spreadsheet.sheet('Collections')!;
      tasks.write(row, (tasks.values[0] as string[]).indexOf(name) + 1, value as never);
    };
    // What a person does: on the first call task from day 20 on, one customer promises to pay in a week, another disputes.
    let promised: { customer: string; on: number; by: number } | null = null;
    let disputed: { customer: string; on: number; invoices: string[] } | null = null;

    for (let day = first; day <= last; day++) {
      runDay(addon, day, enterPaymentsUpTo);
      if (day < first + 20) continue;
      const calls = collectionsRows().filter((task) => String(task.Step).startsWith('Call') && Math.floor((task.Date as Date).getTime() / 864e5) === day);
      if (!promised && calls[0]) {
        promised = { customer: String(calls[0].Customer), on: day, by: day + 7 };
        type(calls[0].row, 'Outcome', 'promised');
        type(calls[0].row, 'Promise date', new Date(zonedInstant(ZONE, ...(isoOf(day + 7).split('-').map(Number) as [number, number, number]))));
        calls.shift();
      }
      const other = calls.find((task) => task.Customer !== promised?.customer);
      if (!disputed && other) {
        disputed = { customer: String(other.Customer), on: day, invoices: String(other.Invoices).split(', ') };
        type(other.row, 'Outcome', 'disputed');
      }
    }
    expect(promised).not.toBeNull();
    expect(disputed).not.toBeNull();
    const watched = [promised!.customer, disputed!.customer];

    // Everything done, by key, step and day: the log's emails and the Collections sheet's tasks.
    const dayOf = (time: unknown) => Math.floor((time as Date).getTime() / 864e5);
    const logRows = addon.spreadsheet.sheet('Reminder log')!.values.slice(1);
    expect(logRows.filter((row) => row[5] !== 'sent').map((row) => [row[0], row[1], row[5], row[6]])).toEqual([]);
    const tasks = collectionsRows();
    const done = [
      ...logRows.map((row) => ({ customer: String(row[1]), day: dayOf(row[0]), marks: JSON.parse(String(row[8])) as Array<[string, number]>, channel: 'email' })),
      ...tasks.map((task) => ({ customer: String(task.Customer), day: dayOf(task.Date), marks: JSON.parse(String(task.Keys)) as Array<[string, number]>, channel: String(task.Step).split(' ')[0].toLowerCase() })),
    ];

    // What the cadence calls for, from the CSV alone: as in the email-only run, and nothing for a customer after the day of their legal step.
    const expected: Array<{ customer: string; text: string; day: number }> = [];
    for (const record of records) {
      if (record.Status === 'Void' || record.Status === 'Disputed' || !/^\d{4}-\d\d-\d\d$/.test(record['Due Date']) || Number(record.Amount) <= 0) continue;
      const due = dayNumber(record['Due Date']);
      const paidOn = record['Paid Date'] ? dayNumber(record['Paid Date']) : Infinity;
      const fullyPaid = Number(record.Paid || 0) >= Number(record.Amount);
      const openOn = (day: number) => !(paidOn <= day && fullyPaid) && dayNumber(record['Invoice Date']) <= day;
      const key = `${record.Customer} · ${record['Invoice No']}`;
      for (const offset of offsets) {
        const stepDay = due + offset;
        if (stepDay < first || stepDay > last || !openOn(stepDay)) continue;
        expected.push({ customer: record.Customer, text: `${key} ${offset} ${isoOf(stepDay)}`, day: stepDay });
      }
      const missed = offsets.filter((offset) => due + offset < first).pop();
      if (missed !== undefined && !offsets.includes(first - due) && openOn(first)) expected.push({ customer: record.Customer, text: `${key} ${missed} ${isoOf(first)}`, day: first });
    }
    const legalDay = new Map<string, number>();
    for (const entry of expected) if (/ 60 \d{4}/.test(entry.text)) legalDay.set(entry.customer, Math.min(legalDay.get(entry.customer) ?? Infinity, entry.day));
    const expectedText = expected.filter((entry) => !watched.includes(entry.customer) && entry.day <= (legalDay.get(entry.customer) ?? Infinity)).map((entry) => entry.text);
    const doneText = done.filter((entry) => !watched.includes(entry.customer)).flatMap((entry) => entry.marks.map(([key, offset]) => `${key} ${offset} ${isoOf(entry.day)}`));
    expect(expectedText.filter((text) => / 14 \d{4}/.test(text)).length).toBeGreaterThan(10); // call tasks
    expect([...doneText].sort()).toEqual([...expectedText].sort());
    expect(legalDay.size).toBeGreaterThan(0);

    // Nothing for a customer after the day of their legal hand-over.
    for (const legal of tasks.filter((task) => String(task.Step).startsWith('Legal'))) {
      const after = done.filter((entry) => entry.customer === legal.Customer && entry.day > dayOf(legal.Date));
      expect(after, `after ${String(legal.Customer)}'s hand-over`).toEqual([]);
    }

    // The promise: nothing to that customer until the promised day, then the "promise broken" email at most once.
    const { customer, on, by } = promised!;
    expect(done.filter((entry) => entry.customer === customer && entry.day > on && entry.day <= by)).toEqual([]);
    const broken = logRows.filter((row) => row[1] === customer && row[4] === 'promise broken');
    expect(broken.length).toBeLessThanOrEqual(1);
    const stillOwed = records.some((record) => record.Customer === customer && record.Status !== 'Void' && Number(record.Amount) > 0 && dayNumber(record['Due Date']) <= by && !(record['Paid Date'] && dayNumber(record['Paid Date']) <= by + 1 && Number(record.Paid || 0) >= Number(record.Amount)));
    if (stillOwed) expect(broken.map((row) => dayOf(row[0]))).toEqual([by + 1]);

    // The dispute: its invoices are in nothing after the day it was typed.
    const laterMarks = done.filter((entry) => entry.customer === disputed!.customer && entry.day > disputed!.on).flatMap((entry) => entry.marks.map(([key]) => key));
    for (const invoice of disputed!.invoices) expect(laterMarks).not.toContain(`${disputed!.customer} · ${invoice}`);

    // Letters and summaries: one PDF each, linked from its row; the same day run again adds nothing.
    const documents = tasks.filter((task) => /^(Letter|Legal)/.test(String(task.Step)));
    expect(documents.length).toBeGreaterThan(0);
    const files = addon.runtime.drive.files;
    expect(files).toHaveLength(documents.length);
    expect(documents.map((task) => task.Document).sort()).toEqual(files.map((file) => `https://drive.google.com/file/d/${file.id}/view`).sort());
    const mails = addon.runtime.outbox.sent.length;
    addon.runtime.run('sendDueReminders');
    expect(addon.runtime.drive.files).toHaveLength(files.length);
    expect(collectionsRows()).toHaveLength(tasks.length);
    expect(addon.runtime.outbox.sent).toHaveLength(mails);
  }, 300_000);
});

/**
 * The sample invoices as an "Invoices" sheet with their payments hidden:
 * payments are entered on the day they arrive (amount, date and a Paid
 * status). Returns what enters those that have arrived by a day.
 */
function addSampleInvoicesPaymentsHidden(addon: ReturnType<typeof loadAddon>, csv: string): (day: number) => void {
  const values = importCsv(csv, ZONE, 'en_US');
  const header = values[0] as string[];
  const paidColumn = header.indexOf('Paid');
  const paidDateColumn = header.indexOf('Paid Date');
  const statusColumn = header.indexOf('Status');
  const payments = values.slice(1).map((row) => ({ paid: row[paidColumn], date: row[paidDateColumn], status: row[statusColumn] }));
  const paymentColumns = [paidColumn, paidDateColumn];
  const sheet = addon.spreadsheet.addSheet(
    'Invoices',
    values.map((row, r) => (r === 0 ? row : row.map((cell, c) => (paymentColumns.includes(c) || (c === statusColumn && payments[r - 1].date instanceof Date) ? '' : cell)))),
  );
  return (day) =>
    payments.forEach((payment, k) => {
      if (payment.date instanceof Date && Math.floor(payment.date.getTime() / 864e5 + 0.5) <= day) {
        sheet.write(k + 2, paidColumn + 1, payment.paid);
        sheet.write(k + 2, paidDateColumn + 1, payment.date);
        sheet.write(k + 2, statusColumn + 1, payment.status);
      }
    });
}

/** One simulated day: the payments that have arrived entered, then the run at ten in the morning. */
function runDay(addon: ReturnType<typeof loadAddon>, day: number, enterPaymentsUpTo: (day: number) => void): void {
  enterPaymentsUpTo(day);
  const [y, m, d] = isoOf(day).split('-').map(Number);
  addon.runtime.setNow(zonedInstant(ZONE, y, m, d, 10));
  addon.runtime.run('sendDueReminders');
}
