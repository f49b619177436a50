// Ninety days of daily runs over the sample workbook, payments arriving as
// they did: every reminder the cadence calls for is sent exactly once, on its
// day, and none after payment; every figure of every email is what the
// invoice rows say on the day it is sent, worked out here from the CSV alone.
// Then the same with call, letter and legal steps, and a person typing
// outcomes in the Collections sheet.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { zonedInstant } from '../../runtime/index';
import type { SentMail } from '../../runtime/index';
import { importCsv } from '../../runtime/workbook';
import { parseStepName } from '../../src/core/reminders/log';
import { loadAddon, projectRoot, savePolicy, type Addon } from '../support/addon';

const ZONE = 'Europe/London';
const STEPS = [-7, -1, 0, 7, 14, 30].map((offsetDays) => ({ offsetDays, channel: 'email' }));
const FIRST = dayNumber('2026-05-20');
const LAST = FIRST + 89;

function dayNumber(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`) / 864e5;
}
const isoOf = (day: number) => new Date(day * 864e5).toISOString().slice(0, 10);
const csv = readFileSync(join(projectRoot, 'examples/invoices.csv'), 'utf8');
const records = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data;

/** Runs the add-on every day of the 90, entering each payment on the day it arrived. */
function simulate(policy: Record<string, unknown>): { addon: Addon; sentOn: Map<SentMail, number> } {
  const addon = loadAddon({ timeZone: ZONE });
  const enterPaymentsUpTo = addSampleInvoicesPaymentsHidden(addon, csv);
  // Every day counts here; weekend catch-up has its own tests.
  savePolicy(addon, { skipWeekends: false, ...policy });
  const sentOn = new Map<SentMail, number>();
  for (let day = FIRST; day <= LAST; day++) {
    const before = addon.runtime.outbox.sent.length;
    runDay(addon, day, enterPaymentsUpTo);
    for (const mail of addon.runtime.outbox.sent.slice(before)) sentOn.set(mail, day);
  }
  return { addon, sentOn };
}

interface Step {
  offsetDays: number;
  channel: string;
}

/**
 * What a cadence calls for over the 90 days, worked out from the CSV alone,
 * day by day as a bookkeeper would apply the rules: each open invoice's
 * latest step reached, but a customer climbs the overdue steps one at a
 * time, the next only once the cadence's days between the two steps have
 * passed since the day they reached the last one;
 * the first reminder is at most the first overdue step, however old the
 * debt; nothing after the day of a legal hand-over. Each entry is
 * "Customer · number offset day" with the customer, the day and the channel.
 */
function earnedCadence(steps: readonly Step[]): Array<{ customer: string; text: string; day: number; channel: string }> {
  const ladder = steps.filter((step) => step.offsetDays > 0).sort((a, b) => a.offsetDays - b.offsetDays);
  const rungOf = (offset: number) => ladder.filter((step) => step.offsetDays <= offset).length;
  const invoices = records
    .filter((record) => record.Status !== 'Void' && record.Status !== 'Disputed' && /^\d{4}-\d\d-\d\d$/.test(record['Due Date']) && Number(record.Amount) > 0)
    .map((record) => ({
      customer: record.Customer,
      key: `${record.Customer} · ${record['Invoice No']}`,
      issued: dayNumber(record['Invoice Date']),
      due: dayNumber(record['Due Date']),
      paidOn: record['Paid Date'] && Number(record.Paid || 0) >= Number(record.Amount) ? dayNumber(record['Paid Date']) : Infinity,
    }));
  const expected: Array<{ customer: string; text: string; day: number; channel: string }> = [];
  const logged = new Map<string, number>();
  const warned = new Map<string, number>();
  const contacts = new Map<string, Array<Map<string, number> & { day: number }>>();
  const handedOver = new Set<string>();
  for (let day = FIRST; day <= LAST; day++) {
    for (const customer of [...new Set(invoices.map((invoice) => invoice.customer))]) {
      if (handedOver.has(customer)) continue;
      const open = invoices.filter((invoice) => invoice.customer === customer && invoice.issued <= day && invoice.paidOn > day);
      const overdue = open.filter((invoice) => invoice.due < day);
      const rung = rungOf(Math.max(0, ...overdue.map((invoice) => Math.max(warned.get(invoice.key) ?? 0, logged.get(invoice.key) ?? 0))));
      // The next step counts from the first day the customer was shown a still-overdue invoice at this stage.
      const last = Math.min(...(contacts.get(customer) ?? []).filter((contact) => rung > 0 && overdue.some((invoice) => rungOf(contact.get(invoice.key) ?? 0) >= rung)).map((contact) => contact.day));
      const allowed = rung === 0 || !Number.isFinite(last) || !ladder[rung] || day - last >= ladder[rung].offsetDays - ladder[rung - 1].offsetDays ? Math.min(rung + 1, ladder.length) : rung;
      const lines: Array<{ key: string; step: Step }> = [];
      for (const invoice of open) {
        let step = steps.filter((candidate) => invoice.due + candidate.offsetDays <= day).pop();
        if (!step) continue;
        if (step.offsetDays > 0 && rungOf(step.offsetDays) > allowed) step = ladder[allowed - 1];
        if ((logged.get(invoice.key) ?? -Infinity) >= step.offsetDays) continue;
        lines.push({ key: invoice.key, step });
      }
      if (lines.length === 0) continue;
      const contact = Object.assign(new Map<string, number>(), { day });
      for (const { key, step } of lines) {
        logged.set(key, step.offsetDays);
        contact.set(key, step.offsetDays);
        expected.push({ customer, text: `${key} ${step.offsetDays} ${isoOf(day)}`, day, channel: step.channel });
        if (step.channel === 'legal') handedOver.add(customer);
      }
      const climbed = Math.max(rung, ...lines.filter((line) => line.step.offsetDays > 0).map((line) => rungOf(line.step.offsetDays)));
      if (climbed > 0) {
        for (const invoice of overdue) {
          warned.set(invoice.key, Math.max(warned.get(invoice.key) ?? 0, ladder[climbed - 1].offsetDays));
          contact.set(invoice.key, Math.max(contact.get(invoice.key) ?? 0, ladder[climbed - 1].offsetDays));
        }
      }
      contacts.set(customer, [...(contacts.get(customer) ?? []), contact]);
    }
  }
  return expected;
}

/** The marks of a log row or a task that name an invoice's step (not the stage left on it). */
const invoiceMarks = (cell: unknown) => (JSON.parse(String(cell)) as Array<[string, number]>).filter(([key]) => !key.endsWith(' · warned'));

const cents = (amount: string) => Math.round(Number(amount || 0) * 100);
const russian = (customer: string) => /[А-Яа-яЁё]/.test(customer);
/** Amounts and dates as Intl writes them for the customer's language in an en_US spreadsheet, independently of the add-on. */
function money(value: number, currency: string, ru: boolean): string {
  return new Intl.NumberFormat(ru ? 'ru-RU' : 'en-US', { style: 'currency', currency }).format(value / 100);
}
function dateText(day: number, ru: boolean): string {
  return new Intl.DateTimeFormat(ru ? 'ru-RU' : 'en-US', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }).format(day * 864e5);
}
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

/** What the rows say of a customer's invoices on a day: open amount of each, as the bookkeeper's table has it then. */
function openInvoices(customer: string, day: number) {
  return records
    .filter((record) => record.Customer === customer && record.Status !== 'Void' && record.Status !== 'Disputed' && /^\d{4}-\d\d-\d\d$/.test(record['Due Date']))
    .filter((record) => dayNumber(record['Invoice Date']) <= day)
    .map((record) => {
      const paidKnown = record['Paid Date'] && dayNumber(record['Paid Date']) <= day;
      return { number: record['Invoice No'], due: dayNumber(record['Due Date']), currency: record.Currency, open: cents(record.Amount) - (paidKnown ? cents(record.Paid) : 0) };
    })
    .filter((invoice) => invoice.open !== 0);
}

/** The tables of a plain-text body: heading, rows of cells split on runs of spaces, and the summary lines. */
function sections(body: string): Array<{ heading: string; rows: string[][]; summary: string[][] }> {
  const blocks = plain(body).split('\n\n');
  return blocks
    .map((block) => block.split('\n'))
    .filter((lines) => lines.length >= 3 && /^(Invoice|Счёт)\s{2,}/.test(lines[1]))
    .map(([heading, , ...rest]) => {
      const cells = rest.map((line) => line.split(/\s{3,}/));
      const isSummary = (line: string[]) => /^(Total|Итого|Credit|Кредит|Late fee|Пени)/.test(line[0]);
      return { heading, rows: cells.filter((line) => !isSummary(line)), summary: cells.filter(isSummary) };
    });
}

describe('90 days of daily reminders over the sample workbook', () => {
  it('sends every expected reminder exactly once, on its day, and none after payment', () => {
    // A gap of one day: the cadence's own days, one reminder a customer a day at most.
    const { addon } = simulate({ minimumGapDays: 1 });

    // What the cadence calls for, worked out from the CSV alone.
    const expected = earnedCadence(STEPS).map((entry) => entry.text);

    const logRows = addon.spreadsheet.sheet('Reminder log')!.values.slice(1);
    expect(logRows.filter((row) => row[5] !== 'sent').map((row) => [row[0], row[1], row[5], row[6]])).toEqual([]);
    // The stage each email left on the overdue invoices it showed ("· warned") is checked by the figures test; here, each invoice's steps.
    const sent = logRows.flatMap((row) => invoiceMarks(row[8]).map(([key, offset]) => `${key} ${offset} ${isoOf(Math.floor((row[0] as Date).getTime() / 864e5))}`));
    expect(expected.length).toBeGreaterThan(100);
    expect([...sent].sort()).toEqual([...expected].sort());
    expect(addon.runtime.outbox.sent).toHaveLength(logRows.length);
  });

  it('with channels: every call task once on its day, outcomes typed one day change the days after, nothing after a legal hand-over, letters produced once', () => {
    const first = FIRST;
    const last = LAST;
    const steps = [
      { offsetDays: -7, template: 'upcoming', channel: 'email' },
      { offsetDays: 0, template: 'due-today', channel: 'email' },
      { offsetDays: 7, template: 'overdue', channel: 'email' },
      { offsetDays: 14, template: 'firm', channel: 'call' },
      // Steps a week apart: escalation is earned one step at a time, so a legal hand-over comes within the 90 days.
      { offsetDays: 21, template: 'final', channel: 'letter' },
      { offsetDays: 28, template: 'final', channel: 'email' },
      { offsetDays: 35, template: 'final', channel: 'legal' },
    ];

    const addon = loadAddon({ timeZone: ZONE });
    const enterPaymentsUpTo = addSampleInvoicesPaymentsHidden(addon, csv);
    savePolicy(addon, { skipWeekends: false, minimumGapDays: 1, steps });

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
      ...logRows.map((row) => ({ customer: String(row[1]), day: dayOf(row[0]), marks: invoiceMarks(row[8]), channel: 'email' })),
      ...tasks.map((task) => ({ customer: String(task.Customer), day: dayOf(task.Date), marks: invoiceMarks(task.Keys), channel: String(task.Step).split(' ')[0].toLowerCase() })),
    ];

    // What the cadence calls for, from the CSV alone: as in the email-only run, and nothing for a customer after the day of their legal step.
    const expected = earnedCadence(steps);
    const legalDay = new Map<string, number>();
    for (const entry of expected) if (entry.channel === 'legal') legalDay.set(entry.customer, Math.min(legalDay.get(entry.customer) ?? Infinity, entry.day));
    const expectedText = expected.filter((entry) => !watched.includes(entry.customer)).map((entry) => entry.text);
    const doneText = done.filter((entry) => !watched.includes(entry.customer)).flatMap((entry) => entry.marks.map(([key, offset]) => `${key} ${offset} ${isoOf(entry.day)}`));
    expect(expectedText.filter((text) => / 14 \d{4}/.test(text)).length).toBeGreaterThan(10); // call tasks
    expect([...doneText].sort()).toEqual([...expectedText].sort());
    expect(legalDay.size).toBeGreaterThan(0);

    // Nothing for a customer after the day of their legal hand-over.
    const handOvers = tasks.filter((task) => String(task.Step).startsWith('Hand to a lawyer'));
    expect(handOvers.length).toBeGreaterThan(0);
    for (const legal of handOvers) {
      const after = done.filter((entry) => entry.customer === legal.Customer && entry.day > dayOf(legal.Date));
      expect(after, `after ${String(legal.Customer)}'s hand-over`).toEqual([]);
    }

    // The promise: nothing to that customer until the promised day, then the "promise broken" email at most once.
    const { customer, on, by } = promised!;
    expect(done.filter((entry) => entry.customer === customer && entry.day > on && entry.day <= by)).toEqual([]);
    const broken = logRows.filter((row) => row[1] === customer && parseStepName(String(row[4]))?.kind === 'promise-broken');
    expect(broken.length).toBeLessThanOrEqual(1);
    const stillOwed = records.some((record) => record.Customer === customer && record.Status !== 'Void' && Number(record.Amount) > 0 && dayNumber(record['Due Date']) <= by && !(record['Paid Date'] && dayNumber(record['Paid Date']) <= by + 1 && Number(record.Paid || 0) >= Number(record.Amount)));
    if (stillOwed) expect(broken.map((row) => dayOf(row[0]))).toEqual([by + 1]);

    // The dispute: its invoices are in nothing after the day it was typed.
    const laterMarks = done.filter((entry) => entry.customer === disputed!.customer && entry.day > disputed!.on).flatMap((entry) => entry.marks.map(([key]) => key));
    for (const invoice of disputed!.invoices) expect(laterMarks).not.toContain(`${disputed!.customer} · ${invoice}`);

    // Letters and summaries: one PDF each, linked from its row; the same day run again adds nothing.
    const documents = tasks.filter((task) => /^(Letter|Hand to a lawyer)/.test(String(task.Step)));
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

  it('says in every email exactly what the rows say that day, and never writes to a customer twice within the gap', () => {
    const { addon, sentOn } = simulate({});
    const mails = addon.runtime.outbox.sent;
    const logRows = addon.spreadsheet.sheet('Reminder log')!.values.slice(1);
    expect(mails.length).toBeGreaterThan(100);
    expect(logRows.map((row) => [row[1], row[5]])).toEqual(mails.map((mail) => [records.find((record) => record.Email === mail.to)!.Customer, 'sent']));
    let overdueRows = 0;
    const last = new Map<string, number>();
    // Every claim besides the figures: whom the greeting names (the Customers sheet's Contact, else the customer), the first email, the order of stages.
    const people = addon.spreadsheet.sheet('Customers')!.values;
    const contactOf = (customer: string) => String(people.find((row) => row[0] === customer)?.[(people[0] as string[]).indexOf('Contact')] ?? '').trim() || customer;
    const kindsOf = new Map<string, string[]>();
    const ladder = ['overdue', 'firm', 'final'];
    for (const [k, mail] of mails.entries()) {
      const customer = records.find((record) => record.Email === mail.to)!.Customer;
      const where = `${customer} on ${isoOf(sentOn.get(mail)!)}`;
      expect(mail.body.split('\n')[0], where).toBe(russian(customer) ? `Здравствуйте, ${contactOf(customer)}!` : `Dear ${contactOf(customer)},`);
      const kind = parseStepName(String(logRows[k][4]))!.kind;
      const before = kindsOf.get(customer) ?? [];
      // A second reminder only after an overdue one, a final notice only after a second reminder: never a step skipped.
      if (ladder.indexOf(kind) > 0) expect(before, `${where}: ${kind}`).toContain(ladder[ladder.indexOf(kind) - 1]);
      kindsOf.set(customer, [...before, kind]);
      for (const claim of [/wrote to you/, /уже писали/, /\bagain\b/i, /снова/]) if (!before.some((earlier) => ladder.includes(earlier))) expect(mail.body, where).not.toMatch(claim);
    }
    // The first email of each customer is never a second reminder or a final notice.
    for (const [customer, kinds] of kindsOf) expect(['firm', 'final'], customer).not.toContain(kinds[0]);
    expect([...kindsOf.values()].some((kinds) => kinds.includes('final'))).toBe(true);
    for (const mail of mails) {
      const day = sentOn.get(mail)!;
      const customer = records.find((record) => record.Email === mail.to)!.Customer;
      const ru = russian(customer);
      const open = openInvoices(customer, day);
      const currency = open[0].currency;
      const where = `${customer} on ${isoOf(day)}`;

      const overdue = open.filter((invoice) => invoice.open > 0 && invoice.due < day).sort((a, b) => a.due - b.due || a.number.localeCompare(b.number));
      const credit = -open.filter((invoice) => invoice.open < 0).reduce((sum, invoice) => sum + invoice.open, 0);
      const overdueTotal = overdue.reduce((sum, invoice) => sum + invoice.open, 0) - Math.min(credit, overdue.reduce((sum, invoice) => sum + invoice.open, 0));
      const tables = sections(mail.body);
      const overdueTable = overdue.length ? tables[0] : undefined;
      const rest = overdue.length ? tables.slice(1) : tables;

      // Every overdue invoice, each with its own days overdue and amount, and their total.
      if (overdue.length) {
        expect(overdueTable!.heading, where).toBe(ru ? 'Просрочено' : 'Overdue');
        expect(overdueTable!.rows, where).toEqual(overdue.map((invoice) => [invoice.number, dateText(invoice.due, ru), String(day - invoice.due), plain(money(invoice.open, currency, ru))]));
        expect(overdueTable!.summary, where).toEqual([[ru ? 'Итого просрочено' : 'Total overdue', plain(money(overdueTotal, currency, ru))]]);
        overdueRows += overdue.length;
      } else {
        expect(tables.every((table) => !/^(Overdue|Просрочено)$/.test(table.heading)), where).toBe(true);
      }
      // Anything not yet due only under its own heading, with its true amount and its own total.
      expect(rest.length, where).toBeLessThanOrEqual(1);
      let dueSoonTotal = 0;
      for (const table of rest) {
        expect(table.heading, where).toMatch(ru ? /^(Скоро срок оплаты|Срок оплаты — сегодня)$/ : /^(Due soon|Due today)$/);
        for (const [number, due, amount] of table.rows) {
          const invoice = open.find((candidate) => candidate.number === number)!;
          expect(invoice.due, where).toBeGreaterThanOrEqual(day);
          expect([due, amount], where).toEqual([dateText(invoice.due, ru), plain(money(invoice.open, currency, ru))]);
          dueSoonTotal += invoice.open;
        }
        expect(table.summary, where).toEqual([[ru ? 'Итого к оплате' : 'Total due', plain(money(dueSoonTotal, currency, ru))]]);
      }
      expect(overdue.length + rest.length, where).toBeGreaterThan(0);
      // The subject's figure is the body's: the overdue total, or with nothing overdue the total due.
      const figure = plain(money(overdue.length ? overdueTotal : dueSoonTotal, currency, ru));
      expect(plain(mail.subject), where).toContain(figure);
      expect(plain(mail.subject).replace(figure, ''), where).not.toMatch(/\d/);
      // No late fee under a policy without one; no internal word.
      expect(mail.body, where).not.toMatch(/Late fee|Пени|row \d|строка|\+\d+ days|due-today|promise-broken/);
      expect(mail.body.trimEnd().endsWith('IBAN GB00 TEST 0000 0000 00'), where).toBe(true);

      // At most one a day; the policy's three days between two unless a due-date step (then never the same day).
      const previous = last.get(customer);
      if (previous !== undefined) {
        expect(day, where).toBeGreaterThan(previous);
        const offsets = (JSON.parse(String(logRows[mails.indexOf(mail)][8])) as Array<[string, number]>).map(([, offset]) => offset);
        if (day - previous < 3) expect(offsets, where).toContain(0);
      }
      last.set(customer, day);
    }
    expect(overdueRows).toBeGreaterThan(100);
  });
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
