import { describe, expect, it } from 'vitest';
import { calendarDay } from '../../src/core/calendar';
import type { Cell } from '../../src/core/cells';
import { readInvoiceTable } from '../../src/core/invoices';
import { draftReminders, isWeekend, reachedStep } from '../../src/core/reminders/cadence';
import { DEFAULT_STEPS, defaultPolicy, type Policy } from '../../src/core/reminders/policy';

const day = (iso: string) => calendarDay(...(iso.split('-').map(Number) as [number, number, number]));
const options = { timeZone: 'UTC', locale: 'en_US' };
const table = (rows: Cell[][]) => readInvoiceTable([['Customer', 'Invoice No', 'Due date', 'Amount', 'Paid', 'Paid date', 'Currency', 'Email'], ...rows], options);
const nothingSent = () => undefined;

describe('reachedStep', () => {
  it('is the latest step whose day has come, overdue steps after the grace days', () => {
    const due = day('2026-03-10');
    expect(reachedStep(DEFAULT_STEPS, due, day('2026-03-02'), 0)).toBeNull();
    expect(reachedStep(DEFAULT_STEPS, due, day('2026-03-03'), 0)?.offsetDays).toBe(-7);
    expect(reachedStep(DEFAULT_STEPS, due, day('2026-03-10'), 0)?.offsetDays).toBe(0);
    // Missed days: only the latest step reached counts.
    expect(reachedStep(DEFAULT_STEPS, due, day('2026-04-20'), 0)?.offsetDays).toBe(30);
    expect(reachedStep(DEFAULT_STEPS, due, day('2026-03-18'), 2)?.offsetDays).toBe(0);
    expect(reachedStep(DEFAULT_STEPS, due, day('2026-03-19'), 2)?.offsetDays).toBe(7);
  });
});

describe('draftReminders', () => {
  const policy: Policy = { ...defaultPolicy(), skipWeekends: false };

  it('writes one email per customer and currency with every invoice due for a reminder', () => {
    const invoices = table([
      ['Acme', 'A-1', '2026-03-03', 100, '', '', 'USD', 'ap@acme.example.com'],
      ['Acme', 'A-2', '2026-03-17', 50, '', '', 'USD', 'ap@acme.example.com'],
      ['Acme', 'A-3', '2026-03-20', 70, '', '', 'USD', 'ap@acme.example.com'],
      ['Acme', 'A-4', '2026-03-03', 90, '', '', 'EUR', 'ap@acme.example.com'],
      ['Globex', 'G-1', '2026-03-03', 100, 100, '2026-03-05', 'USD', 'ap@globex.example.com'],
    ]);
    const drafts = draftReminders(invoices, policy, day('2026-03-10'), nothingSent);
    expect(drafts.map((draft) => [draft.customer, draft.currency, draft.template, draft.lines.map((line) => [line.key, line.step.offsetDays])])).toEqual([
      ['Acme', 'USD', 'overdue', [['Acme · A-1', 7], ['Acme · A-2', -7]]],
      ['Acme', 'EUR', 'overdue', [['Acme · A-4', 7]]],
    ]);
    expect(drafts[0].balanceCents).toBe(22000);
    expect(drafts[0].email).toBe('ap@acme.example.com');
  });

  it('never sends a step twice, nor an earlier step after a later one', () => {
    const invoices = table([['Acme', 'A-1', '2026-03-03', 100, '', '', 'USD', 'a@example.com']]);
    const sent = new Map([['Acme · A-1', 7]]);
    expect(draftReminders(invoices, policy, day('2026-03-10'), (key) => sent.get(key))).toEqual([]);
    expect(draftReminders(invoices, policy, day('2026-03-17'), (key) => sent.get(key))[0].lines[0].step.offsetDays).toBe(14);
  });

  it('sends nothing to a customer whose balance is settled or under the minimum, nor on a weekend', () => {
    const invoices = table([
      ['Acme', 'A-1', '2026-03-03', 100, '', '', 'USD', 'a@example.com'],
      ['Acme', 'CN-1', '2026-03-01', -100, '', '', 'USD', 'a@example.com'],
      ['Globex', 'G-1', '2026-03-03', 20, '', '', 'USD', 'g@example.com'],
    ]);
    expect(draftReminders(invoices, { ...policy, minimumBalance: 25 }, day('2026-03-10'), nothingSent)).toEqual([]);
    expect(isWeekend(day('2026-03-14'))).toBe(true);
    expect(draftReminders(invoices, { ...policy, skipWeekends: true }, day('2026-03-14'), nothingSent)).toEqual([]);
    expect(draftReminders(invoices, { ...policy, skipWeekends: true }, day('2026-03-16'), nothingSent).map((draft) => draft.customer)).toEqual(['Globex']);
  });

  it('adds steps and copies for large balances, per the amount rules', () => {
    const invoices = table([
      ['Acme', 'A-1', '2026-03-24', 20000, '', '', 'USD', 'a@example.com'],
      ['Globex', 'G-1', '2026-03-24', 200, '', '', 'USD', 'g@example.com'],
    ]);
    const rules: Policy = { ...policy, amountRules: [{ minimumBalance: 10000, extraSteps: [{ offsetDays: -14, template: 'upcoming', lateFee: 0 }], cc: 'manager@example.com' }] };
    const drafts = draftReminders(invoices, rules, day('2026-03-10'), nothingSent);
    expect(drafts.map((draft) => [draft.customer, draft.cc])).toEqual([['Acme', ['manager@example.com']]]);
  });

  it('puts the most overdue first, for when the mail quota runs out', () => {
    const invoices = table([
      ['Newer', 'N-1', '2026-03-09', 100, '', '', 'USD', 'n@example.com'],
      ['Older', 'O-1', '2026-02-01', 100, '', '', 'USD', 'o@example.com'],
    ]);
    expect(draftReminders(invoices, policy, day('2026-03-10'), nothingSent).map((draft) => draft.customer)).toEqual(['Older', 'Newer']);
  });
});
