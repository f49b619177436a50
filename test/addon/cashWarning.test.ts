// The daily run tells the schedule's owner of a cash gap (issue 25, item 4):
// once when it appears, again only when it comes earlier or closes, with the
// period, the shortfall and what to collect first; to the owner alone.
import { describe, expect, it } from 'vitest';
import { zonedInstant } from '../../runtime/index';
import type { StoredValue } from '../../runtime/values';
import { loadAddon, savePolicy, storedRows, type Addon } from '../support/addon';

const ZONE = 'Europe/London';
const OWNER = 'owner@example.com';
const HEADER = ['Customer', 'Invoice No', 'Invoice date', 'Due date', 'Amount', 'Paid date', 'Currency', 'Email'];

/** Acme pays on its due dates (ten paid invoices); its open one, 2,000 due 20 April, is what could close a gap. */
function invoices(): unknown[][] {
  const rows: unknown[][] = [HEADER];
  for (let m = 1; m <= 10; m++) {
    const month = String(m).padStart(2, '0');
    rows.push(['Acme', `A-${m}`, `2025-${month}-01`, `2025-${month}-20`, 100, `2025-${month}-20`, 'USD', 'ap@acme.example.com']);
  }
  rows.push(['Acme', 'A-11', '2026-03-20', '2026-04-20', 2000, '', 'USD', 'ap@acme.example.com']);
  return rows;
}

function at(addon: Addon, date: string, hour: number): void {
  const [y, m, d] = date.split('-').map(Number);
  addon.runtime.setNow(zonedInstant(ZONE, y, m, d, hour));
}

/** A day's hourly ticks around the send hour (9:00). */
function runDay(addon: Addon, date: string): void {
  for (const hour of [8, 9, 10, 11]) {
    at(addon, date, hour);
    addon.runtime.fireTimeTriggers();
  }
}

function setOutflows(addon: Addon, rows: unknown[][]): void {
  const sheet = addon.spreadsheet.sheet('Outflows')!;
  sheet.values.length = 0;
  storedRows([['Date', 'Amount', 'Payee'], ...rows], ZONE).forEach((row, r) => row.forEach((value, c) => sheet.write(r + 1, c + 1, value as StoredValue)));
}

function book(locale = 'en_US'): Addon {
  const addon = loadAddon({ timeZone: ZONE, locale });
  at(addon, '2026-04-06', 8);
  addon.spreadsheet.addSheet('Invoices', storedRows(invoices(), ZONE));
  addon.spreadsheet.addSheet('Outflows', [], { rows: 50, columns: 6 });
  // Cash at hand 1,000; the rent of 2,500 on 14 April takes the balance below 0 in the week of 13 April.
  setOutflows(addon, [['2026-04-14', 2500, 'Landlord']]);
  savePolicy(addon, { cash: { floor: 0, horizonWeeks: 8, openingBalances: { USD: 1000 }, outflowsRange: 'Outflows!A1:C50' } });
  addon.runtime.run('turnOnReminders');
  return addon;
}

const cashMails = (addon: Addon) => addon.runtime.outbox.sent.filter((mail) => /cash gap|кассовый разрыв/i.test(mail.subject));

describe('the cash gap warning', () => {
  it('tells the owner once when a gap appears, with the period, the shortfall and what to collect first', () => {
    const addon = book();
    runDay(addon, '2026-04-06');
    const [mail, ...more] = cashMails(addon);
    expect(more).toEqual([]);
    expect(mail.to).toBe(OWNER);
    expect(mail.subject).toBe('Receivables: cash gap USD 2026-04-13');
    expect(mail.body).toContain('Period: April 13, 2026 – April 19, 2026');
    // Balance low in that week: 1,000 − 2,500, with next to nothing expected in by then.
    expect(mail.body).toMatch(/Shortfall \(.*\): \$1,5\d\d\.\d\d/);
    expect(mail.body).toMatch(/- Acme A-11: \$2,000\.00, due April 20, 2026, expected April 20, 2026/);
    expect(mail.body).toMatch(/Still missing if all of these came in: \$0\.00/);
    // The same gap the next days: nothing more.
    runDay(addon, '2026-04-07');
    runDay(addon, '2026-04-08');
    expect(cashMails(addon)).toHaveLength(1);
  });

  it('tells again only when the gap comes earlier, not when it moves later, and when it closes', () => {
    const addon = book();
    runDay(addon, '2026-04-06');
    // A tax payment of 3,000 on 10 April brings the gap into this week.
    setOutflows(addon, [['2026-04-10', 3000, 'Tax office'], ['2026-04-14', 2500, 'Landlord']]);
    runDay(addon, '2026-04-07');
    expect(cashMails(addon).map((mail) => mail.subject)).toEqual(['Receivables: cash gap USD 2026-04-13', 'Receivables: cash gap USD 2026-04-06']);
    expect(cashMails(addon)[1].body).toContain('comes earlier (it was expected in the week of April 13, 2026)');
    // The tax moved out again: the gap is back in the week of 13 April, later than the one warned of: no mail.
    setOutflows(addon, [['2026-04-14', 2500, 'Landlord']]);
    runDay(addon, '2026-04-08');
    expect(cashMails(addon)).toHaveLength(2);
    // The rent paid from elsewhere: the gap closes, and the owner hears it.
    setOutflows(addon, []);
    runDay(addon, '2026-04-09');
    expect(cashMails(addon)).toHaveLength(3);
    expect(cashMails(addon)[2].subject).toBe('Receivables: cash gap USD closed');
    expect(cashMails(addon)[2].body).toContain('expected in the week of April 6, 2026 has closed');
    runDay(addon, '2026-04-10');
    expect(cashMails(addon)).toHaveLength(3);
  });

  it('goes to the owner alone, never to a customer, and keeps what it told in the owner\'s properties, not in a cell', () => {
    const addon = book();
    runDay(addon, '2026-04-06');
    const customers = new Set(['ap@acme.example.com']);
    for (const mail of cashMails(addon)) {
      expect([mail.to, mail.cc, mail.bcc].filter(Boolean)).toEqual([OWNER]);
    }
    // What customers receive never mentions the cash position.
    for (const mail of addon.runtime.outbox.sent.filter((sent) => customers.has(sent.to))) expect(`${mail.subject}\n${mail.body}`).not.toMatch(/cash|Landlord|shortfall/i);
    const stored = [...(addon.runtime.userProperties.get(OWNER)?.entries ?? [])].filter(([key]) => key.startsWith('receivables.cashWarning.'));
    expect(stored.map(([, value]) => JSON.parse(value))).toEqual([{ USD: { start: '2026-04-13', shortfallCents: expect.any(Number) } }]);
    for (const sheet of addon.spreadsheet.sheets) for (const row of sheet.values) expect(row.join('|')).not.toMatch(/cashWarning|shortfall/);
  });

  it('writes to a Russian book in Russian', () => {
    const addon = book('ru_RU');
    runDay(addon, '2026-04-06');
    const [mail] = cashMails(addon);
    expect(mail.to).toBe(OWNER);
    expect(mail.subject).toBe('Дебиторка: кассовый разрыв USD 2026-04-13');
    expect(mail.body).toContain('Ожидается кассовый разрыв в USD');
    expect(mail.body).toContain('Что взыскать в первую очередь');
  });

  it('sends nothing while the Cash section is not filled in', () => {
    const addon = loadAddon({ timeZone: ZONE });
    at(addon, '2026-04-06', 8);
    addon.spreadsheet.addSheet('Invoices', storedRows(invoices(), ZONE));
    savePolicy(addon);
    addon.runtime.run('turnOnReminders');
    runDay(addon, '2026-04-06');
    expect(cashMails(addon)).toEqual([]);
  });
});
