// AR_CUSTOMERS, the dashboard, AR_AGING and the day's reminders say the same
// open and overdue balance of every customer (issue 12, item 8): credit notes
// and overpayments netted the same way (oldest debt first) everywhere, and
// overdue never more than the customer owes. Over the sample workbook on
// several days, and over a table made of credit notes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { zonedInstant } from '../../runtime/index';
import type { StoredValue } from '../../runtime/values';
import { importCsv } from '../../runtime/workbook';
import { loadAddon, projectRoot, savePolicy } from '../support/addon';

const ZONE = 'Europe/London';
const sampleCsv = readFileSync(join(projectRoot, 'examples/invoices.csv'), 'utf8');

/** As of 2026-03-10: each customer's credit against a different shape of debt. */
const CREDIT_NOTES_CSV = `Customer,Email,Invoice No,Invoice Date,Due Date,Currency,Amount,Paid,Paid Date,Status
Jeff's Jalopies,ap@jeff.example.com,J-1,2026-01-02,2026-02-01,USD,1081.00,,,Open
Jeff's Jalopies,ap@jeff.example.com,JC-1,2026-02-20,2026-02-20,USD,-200.00,,,Credit note
Covered Overdue Ltd,ap@covered.example.com,C-1,2026-01-21,2026-02-20,USD,300.00,,,Open
Covered Overdue Ltd,ap@covered.example.com,C-2,2026-02-13,2026-03-15,USD,500.00,,,Open
Covered Overdue Ltd,ap@covered.example.com,CC-1,2026-03-01,2026-03-01,USD,-400.00,,,Credit note
Two Old Ones,ap@twoold.example.com,T-1,2025-11-01,2025-12-01,USD,250.00,,,Open
Two Old Ones,ap@twoold.example.com,T-2,2026-01-26,2026-02-25,USD,600.00,,,Open
Two Old Ones,ap@twoold.example.com,TC-1,2026-02-27,2026-02-27,USD,-300.00,,,Credit note
Credit Exceeds GmbH,ap@exceeds.example.com,E-1,2026-01-01,2026-01-31,EUR,100.00,,,Open
Credit Exceeds GmbH,ap@exceeds.example.com,EC-1,2026-02-05,2026-02-05,EUR,-250.00,,,Credit note
Overpaid Inc,ap@overpaid.example.com,O-1,2025-12-01,2025-12-31,USD,100.00,150.00,2026-01-05,Paid
Overpaid Inc,ap@overpaid.example.com,O-2,2026-01-15,2026-02-14,USD,400.00,,,Open
Globex Ltd,ap@globex.example.com,G-1,2026-01-05,2026-02-04,USD,400.00,,,Open
Globex Ltd,ap@globex.example.com,GC-1,2026-02-10,2026-02-10,USD,-100.00,,,Credit note
Globex Ltd,ap@globex.example.com,G-2,2025-12-01,2025-12-31,EUR,200.00,50.00,2026-01-20,Partly paid
Globex Ltd,ap@globex.example.com,GC-2,2026-03-05,2026-03-05,EUR,-60.00,,,Credit note
No Currency Co,ap@nocurrency.example.com,N-1,2026-01-10,2026-02-09,USD,500.00,,,Open
No Currency Co,ap@nocurrency.example.com,NC-1,2026-02-15,2026-02-15,,-120.00,,,Credit note
Disputing Co,ap@disputing.example.com,D-1,2026-01-01,2026-01-31,USD,700.00,,,Disputed
Disputing Co,ap@disputing.example.com,D-2,2026-01-20,2026-02-19,USD,300.00,,,Open
Disputing Co,ap@disputing.example.com,D-3,2026-02-10,2026-03-12,USD,900.00,,,Open
Disputing Co,ap@disputing.example.com,DC-1,2026-02-25,2026-02-25,USD,-100.00,,,Credit note
ООО «Рога и копыта»,buh@roga.example.com,R-1,2026-01-10,2026-02-09,RUB,"120 000,00 ₽",,,Open
ООО «Рога и копыта»,buh@roga.example.com,R-2,2026-01-30,2026-03-01,RUB,"80 000,00 ₽","30 000,00 ₽",2026-03-02,Partly paid
ООО «Рога и копыта»,buh@roga.example.com,RC-1,2026-02-12,2026-02-12,RUB,"-50 000,00 ₽",,,Credit note
ООО «Рога и копыта»,buh@roga.example.com,RC-2,2026-03-03,2026-03-03,RUB,"-15 000,50 ₽",,,Credit note
Paid Up plc,ap@paidup.example.com,P-1,2026-01-01,2026-01-31,USD,90.00,90.00,2026-02-01,Paid
`;

interface Balance {
  openCents: number;
  overdueCents: number;
}

const cents = (value: unknown) => Math.round((value as number) * 100);

/** The block of a sheet whose header row starts with `Customer` at a column and holds `marker`: its header and data rows (blank rows end it). */
function block(values: StoredValue[][], marker: string): { header: string[]; rows: StoredValue[][] } {
  const column = values[0].findIndex((cell, c) => cell === 'Customer' && values[0].slice(c, c + 14).includes(marker));
  expect(column, `a block with "${marker}"`).toBeGreaterThanOrEqual(0);
  let width = values[0].slice(column).findIndex((cell) => cell === '' || cell === undefined);
  if (width < 0) width = values[0].length - column;
  const rows: StoredValue[][] = [];
  for (const row of values.slice(1)) {
    if (row[column] === '' || row[column] === undefined) break;
    rows.push(row.slice(column, column + width));
  }
  return { header: values[0].slice(column, column + width).map(String), rows };
}

const key = (customer: string, currency: string) => `${customer} · ${currency}`;

/** AR_AGING as shown: customer (and currency) → its Total and the sum of its overdue buckets; notes and Total rows left out. */
function agingBalances(values: StoredValue[][]): Map<string, Balance> {
  const { header, rows } = block(values, 'Total');
  const currencyAt = header.indexOf('Currency');
  const notDueAt = header.indexOf('Not due');
  const totalAt = header.indexOf('Total');
  expect(notDueAt).toBeGreaterThan(0);
  const balances = new Map<string, Balance>();
  for (const row of rows) {
    if (row[0] === 'Total' || typeof row[totalAt] !== 'number') continue;
    const overdueCents = row.slice(notDueAt + 1, totalAt).reduce<number>((sum, cell) => sum + cents(cell), 0);
    balances.set(key(String(row[0]), currencyAt < 0 ? '' : String(row[currencyAt])), { openCents: cents(row[totalAt]), overdueCents });
  }
  return balances;
}

/** AR_CUSTOMERS as shown: customer (and currency) → Open balance and Overdue. */
function customerBalances(values: StoredValue[][]): Map<string, Balance & { oldestDays: number }> {
  const { header, rows } = block(values, 'Open balance');
  const currencyAt = header.indexOf('Currency');
  const at = (name: string) => header.indexOf(name);
  return new Map(
    rows.map((row) => [
      key(String(row[0]), currencyAt < 0 ? '' : String(row[currencyAt])),
      { openCents: cents(row[at('Open balance')]), overdueCents: cents(row[at('Overdue')]), oldestDays: row[at('Oldest overdue (days)')] as number },
    ]),
  );
}

/** "Total overdue   $881.00" (or Итого просрочено) of a plain-text reminder, or null when it asks for nothing overdue. */
function emailOverdueTotal(body: string): string | null {
  const line = body.split('\n').find((text) => /^(Total overdue|Итого просрочено)\s{2,}/.test(text));
  return line ? line.split(/\s{2,}/)[1].trim() : null;
}

function currencyOfEmail(subject: string): string {
  if (/₽|RUB/.test(subject)) return 'RUB';
  if (/€|EUR/.test(subject)) return 'EUR';
  if (/\$|USD/.test(subject)) return 'USD';
  throw new Error(`no currency in "${subject}"`);
}

/** An amount as the reminder writes it in an en_US spreadsheet, worked out here with Intl alone. */
function money(amountCents: number, currency: string, russian: boolean): string {
  return new Intl.NumberFormat(russian ? 'ru-RU' : 'en-US', { style: 'currency', currency }).format(amountCents / 100);
}

/**
 * The workbook on `iso` at 10:00: its dashboard recalculated, the same
 * balances of the undisputed rows alone (what a reminder may ask for), and
 * the day's reminders sent from a fresh log (every customer whose step has come).
 */
function dayOf(csv: string, iso: string) {
  const addon = loadAddon({ timeZone: ZONE, locale: 'en_US' });
  const [y, m, d] = iso.split('-').map(Number);
  addon.runtime.setNow(zonedInstant(ZONE, y, m, d, 10));
  const values = importCsv(csv, ZONE, 'en_US');
  addon.spreadsheet.addSheet('Invoices', values);
  const status = (values[0] as string[]).indexOf('Status');
  addon.spreadsheet.addSheet('Undisputed', values.filter((row) => row[status] !== 'Disputed'));
  savePolicy(addon, { skipWeekends: false });
  addon.runtime.run('insertDashboard');
  const check = addon.spreadsheet.addSheet('Check');
  check.face().getRange('A1').setFormula(`=AR_AGING('Undisputed'!A1:J, DATE(${y},${m},${d}))`);
  const asOfCustomers = addon.spreadsheet.addSheet('Check customers');
  asOfCustomers.face().getRange('A1').setFormula(`=AR_CUSTOMERS('Invoices'!A1:J, DATE(${y},${m},${d}))`);
  const results = addon.runtime.recalculate(addon.spreadsheet);
  expect(results.map((result) => result.error)).toEqual(results.map(() => null));
  const dashboard = addon.spreadsheet.sheet('Receivables dashboard')!.values;
  addon.runtime.run('sendDueReminders');
  const disputed = new Set(values.filter((row) => row[status] === 'Disputed').map((row) => String(row[0])));
  const emails = new Map(values.slice(1).map((row) => [String(row[1]), String(row[0])]));
  return { aging: agingBalances(dashboard), customers: customerBalances(dashboard), asOfFormula: customerBalances(asOfCustomers.values), undisputed: agingBalances(check.values), mails: addon.runtime.outbox.sent, disputed, emails };
}

/** Every figure of the day agrees; returns how many customers and emails were compared. */
function expectAgreement(csv: string, iso: string): { lines: number; emails: number } {
  const day = dayOf(csv, iso);
  // The dashboard's AR_CUSTOMERS (as of today) is the one given the day explicitly.
  expect(day.customers, iso).toEqual(day.asOfFormula);
  for (const [line, standing] of day.customers) {
    const aging = day.aging.get(line) ?? { openCents: 0, overdueCents: 0 };
    expect({ line, openCents: standing.openCents, overdueCents: standing.overdueCents }, iso).toEqual({ line, ...aging });
    // Overdue is never more than the customer owes, nor below nothing.
    expect(standing.overdueCents, `${line} on ${iso}`).toBeLessThanOrEqual(Math.max(0, standing.openCents));
    expect(standing.overdueCents, `${line} on ${iso}`).toBeGreaterThanOrEqual(0);
  }
  for (const line of day.aging.keys()) expect(day.customers.has(line), `${line} on ${iso} in AR_CUSTOMERS`).toBe(true);

  const multiCurrency = [...day.customers.keys()].some((line) => !line.endsWith(' · '));
  for (const mail of day.mails) {
    const customer = day.emails.get(mail.to)!;
    const currency = currencyOfEmail(mail.subject);
    const line = key(customer, multiCurrency ? currency : '');
    const russian = /Итого|Просрочено|Скоро/.test(mail.body);
    // What the email asks for overdue: AR_CUSTOMERS' figure, or with a disputed invoice (never asked for) AR_AGING's of the rows it may ask for.
    const expected = day.disputed.has(customer) ? (day.undisputed.get(line)?.overdueCents ?? 0) : day.customers.get(line)!.overdueCents;
    const shown = emailOverdueTotal(mail.body);
    expect({ line, shown }, iso).toEqual({ line, shown: expected > 0 ? money(expected, currency, russian) : null });
  }
  return { lines: day.customers.size, emails: day.mails.length };
}

describe('AR_CUSTOMERS, the dashboard and the reminders agree with AR_AGING', () => {
  it('on the sample workbook, on days across the year', () => {
    let emails = 0;
    for (const iso of ['2026-06-15', '2026-08-03', '2026-09-21', '2026-10-20', '2026-11-25']) {
      const compared = expectAgreement(sampleCsv, iso);
      expect(compared.lines, iso).toBeGreaterThanOrEqual(20);
      emails += compared.emails;
    }
    expect(emails).toBeGreaterThan(30);
  }, 120_000);

  it('on a table of credit notes, overpayments and a disputed invoice, before and after the credit notes', () => {
    for (const iso of ['2026-02-16', '2026-03-10']) {
      const compared = expectAgreement(CREDIT_NOTES_CSV, iso);
      expect(compared.lines, iso).toBe(11);
      expect(compared.emails, iso).toBeGreaterThanOrEqual(6);
    }
  });

  it("nets credit against the oldest debt first: Jeff's Jalopies owes 881.00, all of it overdue", () => {
    const day = dayOf(CREDIT_NOTES_CSV, '2026-03-10');
    const line = (customer: string, currency: string) => day.customers.get(key(customer, currency));
    expect(line("Jeff's Jalopies", 'USD')).toMatchObject({ openCents: 881_00, overdueCents: 881_00 });
    // Credit settles the overdue invoice; what is left sets against the one not yet due.
    expect(line('Covered Overdue Ltd', 'USD')).toMatchObject({ openCents: 400_00, overdueCents: 0, oldestDays: 0 });
    // The oldest invoice is settled first: the oldest left overdue is the younger one.
    expect(line('Two Old Ones', 'USD')).toMatchObject({ openCents: 550_00, overdueCents: 550_00, oldestDays: 13 });
    expect(line('Credit Exceeds GmbH', 'EUR')).toMatchObject({ openCents: -150_00, overdueCents: 0, oldestDays: 0 });
    expect(line('Overpaid Inc', 'USD')).toMatchObject({ openCents: 350_00, overdueCents: 350_00 });
    expect(line('No Currency Co', 'USD')).toMatchObject({ openCents: 380_00, overdueCents: 380_00 });
    expect(line('Globex Ltd', 'EUR')).toMatchObject({ openCents: 90_00, overdueCents: 90_00 });
    expect(line('ООО «Рога и копыта»', 'RUB')).toMatchObject({ openCents: 104_999_50, overdueCents: 104_999_50 });
    // Nothing for a customer whose credit exceeds the debt; Jeff's email asks for what AR_CUSTOMERS shows.
    expect(day.mails.map((mail) => mail.to)).not.toContain('ap@exceeds.example.com');
    expect(day.mails.find((mail) => mail.to === 'ap@jeff.example.com')!.subject).toContain('$881.00');
  });
});
