// Ninety days of daily runs over the sample workbook, payments arriving as
// they did: every reminder the cadence calls for is sent exactly once, on its
// day, and none after payment.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { zonedInstant } from '../../runtime/index';
import { importCsv } from '../../runtime/workbook';
import { loadAddon, projectRoot } from '../support/addon';

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
    const values = importCsv(csv, ZONE, 'en_US');
    const header = values[0] as string[];
    const paidColumn = header.indexOf('Paid');
    const paidDateColumn = header.indexOf('Paid Date');
    const statusColumn = header.indexOf('Status');
    // Payments are entered on the day they arrive (amount, date and a Paid status): hide them until then.
    const payments = values.slice(1).map((row) => ({ paid: row[paidColumn], date: row[paidDateColumn], status: row[statusColumn] }));
    const paymentColumns = [paidColumn, paidDateColumn];
    const sheet = addon.spreadsheet.addSheet(
      'Invoices',
      values.map((row, r) => (r === 0 ? row : row.map((cell, c) => (paymentColumns.includes(c) || (c === statusColumn && payments[r - 1].date instanceof Date) ? '' : cell)))),
    );
    // Every day counts here; weekend catch-up has its own tests.
    addon.runtime.documentStore(addon.spreadsheet.getId()).setProperty('receivables.policy', JSON.stringify({ version: 1, skipWeekends: false }));

    for (let day = first; day <= last; day++) {
      payments.forEach((payment, k) => {
        if (payment.date instanceof Date && Math.floor(payment.date.getTime() / 864e5 + 0.5) <= day) {
          sheet.write(k + 2, paidColumn + 1, payment.paid);
          sheet.write(k + 2, paidDateColumn + 1, payment.date);
          sheet.write(k + 2, statusColumn + 1, payment.status);
        }
      });
      const [y, m, d] = isoOf(day).split('-').map(Number);
      addon.runtime.setNow(zonedInstant(ZONE, y, m, d, 10));
      addon.runtime.run('sendDueReminders');
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
});
