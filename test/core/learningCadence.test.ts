import { describe, expect, it } from 'vitest';
import { calendarDay, isoDate, type CalendarDay } from '../../src/core/calendar';
import type { Cell } from '../../src/core/cells';
import { readInvoiceTable, type InvoiceTable } from '../../src/core/invoices';
import { customerHabits, learnCadence, learnedText, learningDays } from '../../src/core/learning/learning';
import { draftReminders, type ReminderDraft } from '../../src/core/reminders/cadence';
import { customerKey, readCustomerSettings, type CustomerSettings } from '../../src/core/reminders/customerSettings';
import { DEFAULT_STEPS, defaultPolicy, validatePolicy, type Policy } from '../../src/core/reminders/policy';

const day = (iso: string) => calendarDay(...(iso.split('-').map(Number) as [number, number, number]));
const options = { timeZone: 'UTC', locale: 'en_US' };

/** Six paid invoices each for a customer 12 days late, one 5 days early, one on time; then one open invoice each. */
function book(openDue = '2026-03-10'): InvoiceTable {
  const rows: Cell[][] = [['Customer', 'Invoice No', 'Invoice date', 'Due date', 'Amount', 'Paid', 'Paid date', 'Currency', 'Email']];
  const habits: Array<[string, number]> = [['Late Ltd', 12], ['Early plc', -5], ['Plain Co', 0]];
  for (const [customer, late] of habits) {
    for (let m = 1; m <= 6; m++) {
      const due = calendarDay(2025, m + 3, 15);
      rows.push([customer, `${customer[0]}-${m}`, isoDate(due - 30), isoDate(due), 100, 100, isoDate(due + late), 'USD', `ap@${customer[0].toLowerCase()}.example.com`]);
    }
    rows.push([customer, `${customer[0]}-open`, '2026-02-08', openDue, 500, '', '', 'USD', `ap@${customer[0].toLowerCase()}.example.com`]);
  }
  return readInvoiceTable(rows, options);
}

/** Runs the cadence day by day as the daily run would, logging what it sends: each customer's reminder days and steps. */
function simulate(table: InvoiceTable, policy: Policy, settings: Map<string, CustomerSettings> = new Map(), from = '2026-03-01', to = '2026-04-15') {
  const latest = new Map<string, number>();
  const last = new Map<string, CalendarDay>();
  const history = new Map<string, Array<{ day: CalendarDay; marks: ReminderDraft['marks'] }>>();
  const sent = new Map<string, Array<{ day: string; kind: string; offsets: number[]; learned?: string }>>();
  for (let today = day(from); today <= day(to); today++) {
    const drafts = draftReminders(table, policy, today, (key) => latest.get(key), settings, (customer) => last.get(customer), (customer) => history.get(customer) ?? []);
    for (const draft of drafts) {
      for (const mark of draft.marks) latest.set(mark.key, Math.max(latest.get(mark.key) ?? -Infinity, mark.offsetDays));
      const key = customerKey(draft.customer);
      last.set(key, today);
      history.set(key, [...(history.get(key) ?? []), { day: today, marks: draft.marks }]);
      sent.set(draft.customer, [...(sent.get(draft.customer) ?? []), { day: isoDate(today), kind: draft.kind, offsets: draft.lines.map((line) => line.step.offsetDays), ...(draft.learned ? { learned: learnedText(draft.learned) } : {}) }]);
    }
  }
  return sent;
}

const fixed: Policy = { ...defaultPolicy(), skipWeekends: false };
const learning: Policy = { ...fixed, learning: { enabled: true, maxShiftDays: 7 } };

describe('learnCadence (pure)', () => {
  const habit = (expectedLateDays: number, paidCount = 6, alwaysEarly = false) => ({ expectedLateDays, paidCount, alwaysEarly });

  it('moves the first overdue step of a habitual late payer earlier, by their lateness within the bound, never within the minimum gap of the due-date note', () => {
    const late = learnCadence(DEFAULT_STEPS, habit(12), 7, 3);
    expect(late.reach.map((step) => step.offsetDays)).toEqual([-7, -1, 0, 3, 14, 30]);
    // The moved step is the +7 step still: what the log marks.
    expect(late.reach[3].original.offsetDays).toBe(7);
    expect(late.reason).toEqual({ kind: 'late', lateDays: 12, shiftDays: 4, offsetDays: 3 });
    expect(learnCadence(DEFAULT_STEPS, habit(12), 2, 3).reach.map((step) => step.offsetDays)).toEqual([-7, -1, 0, 5, 14, 30]);
    // With a one-day gap, the day after the due date at the earliest: never before it.
    expect(learnCadence(DEFAULT_STEPS, habit(12), 7, 1).reach[3].offsetDays).toBe(1);
    const overdueOnly = learnCadence([{ offsetDays: 10, template: 'overdue', lateFee: 0, channel: 'email' }], habit(30), 30, 3);
    expect(overdueOnly.reach[0].offsetDays).toBe(1);
  });

  it('leaves alone one who pays before the first overdue step, one with too few paid invoices, and a bound of 0', () => {
    expect(learnCadence(DEFAULT_STEPS, habit(5), 7, 3).reason).toBeNull();
    expect(learnCadence(DEFAULT_STEPS, habit(20, 2), 7, 3).reason).toBeNull();
    expect(learnCadence(DEFAULT_STEPS, habit(20), 0, 3).reason).toBeNull();
    expect(learnCadence(DEFAULT_STEPS, undefined, 7, 3).reach.map((step) => step.offsetDays)).toEqual([-7, -1, 0, 7, 14, 30]);
  });

  it('leaves out the notes before the due date for one who always pays early, and only for them', () => {
    const early = learnCadence(DEFAULT_STEPS, habit(-4.6, 6, true), 7, 3);
    expect(early.reach.map((step) => step.offsetDays)).toEqual([0, 7, 14, 30]);
    expect(early.reason).toEqual({ kind: 'early', earlyDays: 5 });
    expect(learnCadence(DEFAULT_STEPS, habit(-4.6, 6, false), 7, 3).reason).toBeNull();
  });

  it('takes the bound from the policy, lowered or turned off per customer', () => {
    expect(learningDays({ enabled: false, maxShiftDays: 7 }, 5)).toBe(0);
    expect(learningDays({ enabled: true, maxShiftDays: 7 }, null)).toBe(7);
    expect(learningDays({ enabled: true, maxShiftDays: 7 }, 3)).toBe(3);
    expect(learningDays({ enabled: true, maxShiftDays: 7 }, 30)).toBe(7);
    expect(learningDays({ enabled: true, maxShiftDays: 7 }, 0)).toBe(0);
  });

  it('is off in a policy saved before it (no version bump) and checks its bound', () => {
    expect(defaultPolicy().learning).toEqual({ enabled: false, maxShiftDays: 7 });
    const refused = validatePolicy({ ...defaultPolicy(), learning: { enabled: true, maxShiftDays: 45 } });
    expect(refused.ok ? [] : refused.problems).toEqual([{ field: 'learning.maxShiftDays', message: 'must be at most 30' }]);
  });
});

describe('the learning cadence in draftReminders', () => {
  it("learns each customer's habit as AR_EXPECTED_DATE does", () => {
    const habits = customerHabits(book(), day('2026-03-01'));
    expect(habits.get('late ltd')!.expectedLateDays).toBeGreaterThan(7);
    expect(habits.get('early plc')).toMatchObject({ alwaysEarly: true, paidCount: 6 });
    expect(habits.get('early plc')!.expectedLateDays).toBeLessThan(0);
    expect(habits.get('plain co')!.alwaysEarly).toBe(false);
  });

  it('reminds the late payer sooner, logged as the step it is, with no more reminders, one a day and the minimum gap kept', () => {
    const before = simulate(book(), fixed);
    const after = simulate(book(), learning);
    const days = (sent: ReturnType<typeof simulate>, customer: string) => sent.get(customer)!.map((entry) => `${entry.day} ${entry.offsets.join(',')}`);
    expect(days(before, 'Late Ltd')).toEqual(['2026-03-03 -7', '2026-03-09 -1', '2026-03-10 0', '2026-03-17 7', '2026-03-24 14', '2026-04-09 30']);
    // Due on 10 March: its +7 step comes as soon as the 3 days' gap after the due-date note allows; the later steps keep their days.
    expect(days(after, 'Late Ltd')).toEqual(['2026-03-03 -7', '2026-03-09 -1', '2026-03-10 0', '2026-03-13 7', '2026-03-24 14', '2026-04-09 30']);
    expect(after.get('Late Ltd')![3].learned).toMatch(/^usually pays \d+ days late: first overdue reminder 4 days sooner, 3 days after the due date$/);
    expect(after.get('Late Ltd')!.map((entry) => entry.kind)).toEqual(before.get('Late Ltd')!.map((entry) => entry.kind));
  });

  it('keeps the due-date note apart from the moved step when a run catches up after a weekend', () => {
    // Due on Saturday 14 March: the due-date note goes on Monday, the overdue reminder after the 3 days' gap, not merged into Monday's.
    const weekdays = { ...learning, skipWeekends: true };
    const sent = simulate(book('2026-03-14'), weekdays).get('Late Ltd')!;
    expect(sent.map((entry) => `${entry.day} ${entry.offsets.join(',')}`).slice(2, 4)).toEqual(['2026-03-16 0', '2026-03-19 7']);
  });

  it('sends the early payer no note before the due date, and changes nothing for one with no habit to act on', () => {
    const before = simulate(book(), fixed);
    const after = simulate(book(), learning);
    expect(before.get('Early plc')!.map((entry) => entry.day)).toEqual(['2026-03-03', '2026-03-09', '2026-03-10', '2026-03-17', '2026-03-24', '2026-04-09']);
    expect(after.get('Early plc')!.map((entry) => entry.day)).toEqual(['2026-03-10', '2026-03-17', '2026-03-24', '2026-04-09']);
    expect(after.get('Plain Co')).toEqual(before.get('Plain Co'));
  });

  it("follows the Customers sheet's Learn cadence cell: no, or fewer days", () => {
    const { settings, problems } = readCustomerSettings([['Customer', 'Learn cadence'], ['Late Ltd', 'no'], ['Early plc', 'yes'], ['Plain Co', 'maybe']], options);
    expect(problems).toEqual(['Customers sheet, row 4, column "Learn cadence": "maybe" is not a Learn cadence setting: write no, yes, or the most days (0 to 30) the cadence may move for this customer']);
    const after = simulate(book(), learning, settings);
    expect(after.get('Late Ltd')!.map((entry) => entry.day)).toContain('2026-03-17');
    expect(after.get('Early plc')![0].day).toBe('2026-03-10');
    const two = readCustomerSettings([['Customer', 'Учить график'], ['Late Ltd', 2]], options).settings;
    expect(simulate(book(), learning, two).get('Late Ltd')!.map((entry) => entry.day)).toContain('2026-03-15');
  });
});
