import { describe, expect, it } from 'vitest';
import { calendarDay } from '../../src/core/calendar';
import type { Cell } from '../../src/core/cells';
import { readInvoiceTable } from '../../src/core/invoices';
import { draftReminders, dueSoonTotalCents, isWeekend, lateFeeCents, overdueTotalCents, reachedStep } from '../../src/core/reminders/cadence';
import { CUSTOMER_SHEET_HEADERS, readCustomerSettings } from '../../src/core/reminders/customerSettings';
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

  it('writes one email a customer with every invoice due for a reminder; a second currency waits for another day', () => {
    const invoices = table([
      ['Acme', 'A-1', '2026-03-03', 100, '', '', 'USD', 'ap@acme.example.com'],
      ['Acme', 'A-2', '2026-03-17', 50, '', '', 'USD', 'ap@acme.example.com'],
      ['Acme', 'A-3', '2026-03-20', 70, '', '', 'USD', 'ap@acme.example.com'],
      ['Acme', 'A-4', '2026-03-03', 90, '', '', 'EUR', 'ap@acme.example.com'],
      ['Globex', 'G-1', '2026-03-03', 100, 100, '2026-03-05', 'USD', 'ap@globex.example.com'],
    ]);
    const drafts = draftReminders(invoices, policy, day('2026-03-10'), nothingSent);
    expect(drafts.map((draft) => [draft.customer, draft.currency, draft.kind, draft.lines.map((line) => [line.key, line.step.offsetDays])])).toEqual([
      ['Acme', 'USD', 'overdue', [['Acme · A-1', 7], ['Acme · A-2', -7]]],
    ]);
    expect(draftReminders(invoices, policy, day('2026-03-10'), nothingSent, new Map(), (customer) => (customer === 'acme' ? day('2026-03-10') : undefined))).toEqual([]);
    expect(drafts[0].balanceCents).toBe(22000);
    expect(drafts[0].email).toBe('ap@acme.example.com');
  });

  it('splits the lines of a customer by channel: emails go out, calls, letters and legal become their own drafts', () => {
    const steps: Policy['steps'] = [
      { offsetDays: 7, template: 'overdue', lateFee: 0, channel: 'email' },
      { offsetDays: 21, template: 'firm', lateFee: 0, channel: 'call' },
      { offsetDays: 45, template: 'final', lateFee: 0, channel: 'letter' },
    ];
    const invoices = table([
      ['Acme', 'A-1', '2026-03-03', 100, '', '', 'USD', 'a@example.com'],
      ['Acme', 'A-2', '2026-02-17', 50, '', '', 'USD', 'a@example.com'],
      ['Acme', 'A-3', '2026-01-24', 70, '', '', 'USD', 'a@example.com'],
    ]);
    // Escalation is earned: however old the debts, the first reminder is the first overdue step, for all three.
    const log = new Map<string, number>();
    let lastDay: number | undefined;
    const on = (iso: string) => {
      const drafts = draftReminders(invoices, { ...policy, steps }, day(iso), (key) => log.get(key), new Map(), () => lastDay);
      for (const draft of drafts) for (const mark of draft.marks) log.set(mark.key, Math.max(log.get(mark.key) ?? -Infinity, mark.offsetDays));
      if (drafts.length) lastDay = day(iso);
      return drafts.map((draft) => [draft.channel, draft.kind, draft.lines.map((line) => `${line.label} ${line.step.offsetDays}`).sort()]);
    };
    expect(on('2026-03-10')).toEqual([['email', 'overdue', ['A-1 7', 'A-2 7', 'A-3 7']]]);
    // The call comes the cadence's 14 days (7 → 21) after that email, not before; the letter 24 days after the call.
    expect(on('2026-03-23')).toEqual([]);
    expect(on('2026-03-24')).toEqual([['call', 'firm', ['A-1 21', 'A-2 21', 'A-3 21']]]);
    expect(on('2026-04-16')).toEqual([]);
    expect(on('2026-04-17')).toEqual([['letter', 'final', ['A-1 45', 'A-2 45', 'A-3 45']]]);
    // Each keeps the customer's whole balance, for the task's open amount.
    const drafts = draftReminders(invoices, { ...policy, steps }, day('2026-03-10'), nothingSent);
    expect(drafts.map((draft) => draft.balanceCents)).toEqual([22000]);
  });

  it('sends nothing to a customer handed over to a lawyer, nor about an invoice disputed on a call', () => {
    const invoices = table([
      ['Acme', 'A-1', '2026-03-03', 100, '', '', 'USD', 'a@example.com'],
      ['Acme', 'A-2', '2026-03-03', 50, '', '', 'USD', 'a@example.com'],
      ['Globex', 'G-1', '2026-03-03', 100, '', '', 'USD', 'g@example.com'],
    ]);
    const { settings } = readCustomerSettings([['Customer', 'Legal'], ['Globex', 'yes'], ['Acme', '']], options);
    settings.get('acme')!.disputedInvoices = ['A-2'];
    const drafts = draftReminders(invoices, policy, day('2026-03-10'), nothingSent, settings);
    expect(drafts.map((draft) => [draft.customer, draft.lines.map((line) => line.label)])).toEqual([['Acme', ['A-1']]]);
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
    const rules: Policy = { ...policy, amountRules: [{ minimumBalance: 10000, extraSteps: [{ offsetDays: -14, template: 'upcoming', lateFee: 0, channel: 'email' }], cc: 'manager@example.com' }] };
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

describe('per-customer settings', () => {
  const policy: Policy = { ...defaultPolicy(), skipWeekends: false };
  const settingsOf = (rows: Cell[][]) => readCustomerSettings([[...CUSTOMER_SHEET_HEADERS], ...rows], options);
  const invoices = table([
    ['Acme', 'A-1', '2026-03-03', 100, '', '', 'USD', 'ap@acme.example.com'],
    ['Acme', 'A-2', '2026-03-20', 100, '', '', 'USD', 'ap@acme.example.com'],
  ]);
  const customers = (drafts: ReturnType<typeof draftReminders>) => drafts.map((draft) => draft.customer);

  it('holds reminders for do-not-remind, paused, disputed customers and open promises', () => {
    const today = day('2026-03-10');
    expect(customers(draftReminders(invoices, policy, today, nothingSent, settingsOf([['ACME ', '', '', 'yes']]).settings))).toEqual([]);
    expect(customers(draftReminders(invoices, policy, today, nothingSent, settingsOf([['Acme', '', '', '', '2026-03-10']]).settings))).toEqual([]);
    expect(customers(draftReminders(invoices, policy, day('2026-03-11'), nothingSent, settingsOf([['Acme', '', '', '', '2026-03-10']]).settings))).toEqual(['Acme']);
    expect(customers(draftReminders(invoices, policy, today, nothingSent, settingsOf([['Acme', '', '', '', '', '', 'yes']]).settings))).toEqual([]);
    expect(customers(draftReminders(invoices, policy, today, nothingSent, settingsOf([['Acme', '', '', '', '', '2026-03-12']]).settings))).toEqual([]);
  });

  it('sends one "promise broken" note the day after a promise, about what was due by then', () => {
    const { settings } = settingsOf([['Acme', 'boss@acme.example.com', 'ru', '', '', '2026-03-12']]);
    const [draft] = draftReminders(invoices, policy, day('2026-03-13'), nothingSent, settings);
    expect(draft.kind).toBe('promise-broken');
    expect(draft.email).toBe('boss@acme.example.com');
    expect(draft.language).toBe('ru');
    expect(draft.lines.map((entry) => entry.key)).toEqual(['Acme · A-1']);
    expect(draft.marks.map((mark) => mark.key)).toEqual(['Acme · A-1', 'Acme · promise 2026-03-12']);
    const sent = new Map(draft.marks.map((mark) => [mark.key, mark.offsetDays]));
    // The next day: no second note; the cadence goes on for what was not yet due.
    const next = draftReminders(invoices, policy, day('2026-03-14'), (key) => sent.get(key), settings);
    // A-1 is still overdue, so the email about A-2 lists it too, and is an overdue reminder.
    expect(next.map((draft) => [draft.kind, draft.lines.map((entry) => entry.key), draft.overdue.map((entry) => entry.key), draft.dueSoon.map((entry) => entry.key)])).toEqual([
      ['overdue', ['Acme · A-2'], ['Acme · A-1'], ['Acme · A-2']],
    ]);
  });

  it('skips a disputed invoice, from the status column', () => {
    const disputed = readInvoiceTable(
      [
        ['Customer', 'Invoice No', 'Due date', 'Amount', 'Status', 'Email'],
        ['Acme', 'A-1', '2026-03-03', 100, 'Disputed', 'a@example.com'],
        ['Acme', 'A-2', '2026-03-03', 100, '', 'a@example.com'],
      ],
      options,
    );
    expect(draftReminders(disputed, policy, day('2026-03-10'), nothingSent)[0].lines.map((entry) => entry.key)).toEqual(['Acme · A-2']);
  });

  it("reminds a payment plan's instalments instead of the invoices' due dates", () => {
    const { settings, problems } = settingsOf([['Acme', '', '', '', '', '', '', '', '2026-03-15 50; 2026-04-15 150']]);
    expect(problems).toEqual([]);
    const [draft] = draftReminders(invoices, policy, day('2026-03-22'), nothingSent, settings);
    expect(draft.lines.map((entry) => [entry.key, entry.openCents, entry.step.offsetDays])).toEqual([['Acme · instalment 2026-03-15', 5000, 7]]);
    // Once 50 is paid, the first instalment is done.
    const paidOne = table([
      ['Acme', 'A-1', '2026-03-03', 100, 50, '2026-03-16', 'USD', 'ap@acme.example.com'],
      ['Acme', 'A-2', '2026-03-20', 100, '', '', 'USD', 'ap@acme.example.com'],
    ]);
    expect(draftReminders(paidOne, policy, day('2026-03-22'), nothingSent, settings)).toEqual([]);
  });

  it("uses a customer's own steps, and reports cells it cannot read", () => {
    const { settings, problems } = settingsOf([
      ['Acme', '', '', '', '', '', '', '-2, 3'],
      ['Globex', '', 'fr', '', 'soon', '', '', 'x', '2026-04-01'],
    ]);
    expect(draftReminders(invoices, policy, day('2026-03-06'), nothingSent, settings)[0].lines.map((entry) => entry.step.offsetDays)).toEqual([3]);
    expect(problems).toEqual([
      'Customers sheet, row 3, column "Language": "fr" is not a language: use en or ru',
      'Customers sheet, row 3, column "Paused until": "soon" is not a date',
      'Customers sheet, row 3, column "Own steps": "x" is not a number of days from the due date (like -7, 0, 14)',
      'Customers sheet, row 3, column "Payment plan": "2026-04-01" is not an instalment: write a date and an amount, like 2026-04-01 500',
    ]);
  });
});

describe('lateFeeCents', () => {
  it('adds each overdue step’s fixed fee and daily interest at the yearly rate', () => {
    const policy: Policy = { ...defaultPolicy(), yearlyInterestPercent: 36.5, steps: [{ offsetDays: 7, template: 'overdue', lateFee: 10, channel: 'email' }, { offsetDays: 30, template: 'final', lateFee: 25, channel: 'email' }] };
    const due = day('2026-03-01');
    expect(lateFeeCents(100000, due, day('2026-03-01'), policy.steps, policy)).toBe(0);
    expect(lateFeeCents(100000, due, day('2026-03-11'), policy.steps, policy)).toBe(1000 + 1000);
    expect(lateFeeCents(100000, due, day('2026-03-31'), policy.steps, policy)).toBe(3500 + 3000);
  });
});

describe('what a reminder shows', () => {
  const policy: Policy = { ...defaultPolicy(), skipWeekends: false };
  const sum = (lines: Array<{ openCents: number }>) => lines.reduce((total, line) => total + line.openCents, 0);

  it('lists every overdue invoice whatever step triggers it, each with its own days overdue; what is not yet due apart', () => {
    const invoices = table([
      ['Wonka', 'W-1', '2026-01-10', 700, '', '', 'USD', 'w@example.com'],
      ['Wonka', 'W-2', '2026-03-06', 500, 100, '2026-03-07', 'USD', 'w@example.com'],
      ['Wonka', 'W-3', '2026-03-20', 40, '', '', 'USD', 'w@example.com'],
      ['Wonka', 'W-4', '2026-04-30', 10, '', '', 'USD', 'w@example.com'],
    ]);
    // Only W-3's friendly note is due on 13 March: W-1's final notice and W-2's overdue reminder went before.
    const sent = new Map([['Wonka · W-1', 30], ['Wonka · W-2', 7]]);
    const [draft] = draftReminders(invoices, policy, day('2026-03-13'), (key) => sent.get(key));
    expect(draft.lines.map((line) => line.key)).toEqual(['Wonka · W-3']);
    expect(draft.overdue.map((line) => [line.key, line.daysOverdue, line.openCents])).toEqual([
      ['Wonka · W-1', 62, 70000],
      ['Wonka · W-2', 7, 40000],
    ]);
    expect(draft.dueSoon.map((line) => [line.key, line.daysOverdue])).toEqual([['Wonka · W-3', -7]]);
    expect(overdueTotalCents(draft)).toBe(110000);
    // W-1 had its final notice and is still overdue: the email about W-3 is no softer.
    expect(draft.kind).toBe('final');
    expect(draft.stage).toMatchObject({ rung: 3, template: 'final', held: true });
  });

  it('nets a credit note against the oldest overdue invoices, as AR_AGING does, and never asks for more than is owed', () => {
    const invoices = table([
      ["Jeff's Jalopies", 'J-1', '2026-02-01', 1081, '', '', 'USD', 'j@example.com'],
      ["Jeff's Jalopies", 'CN-1', '2026-02-15', -200, '', '', 'USD', 'j@example.com'],
      ["Jeff's Jalopies", 'J-2', '2026-03-17', 50, '', '', 'USD', 'j@example.com'],
    ]);
    const [draft] = draftReminders(invoices, policy, day('2026-03-10'), nothingSent);
    expect(draft.credit).toEqual({ numbers: ['CN-1'], overdueCents: 20000, dueSoonCents: 0 });
    expect(overdueTotalCents(draft)).toBe(88100);
    expect(overdueTotalCents(draft) + dueSoonTotalCents(draft)).toBe(draft.balanceCents);
    // A credit larger than what is overdue leaves nothing overdue: only what falls due is reminded, net of the rest.
    const covered = table([
      ['Acme', 'A-1', '2026-03-03', 100, '', '', 'USD', 'a@example.com'],
      ['Acme', 'CN-2', '2026-03-01', -120, '', '', 'USD', 'a@example.com'],
      ['Acme', 'A-2', '2026-03-17', 50, '', '', 'USD', 'a@example.com'],
    ]);
    const [only] = draftReminders(covered, policy, day('2026-03-10'), nothingSent);
    expect([only.kind, only.overdue.length, only.lines.map((line) => line.key), dueSoonTotalCents(only)]).toEqual(['upcoming', 0, ['Acme · A-2'], 3000]);
    expect(sum(only.dueSoon) - only.credit.dueSoonCents).toBe(only.balanceCents);
  });

  it('sends at most one reminder a customer a day, and keeps the minimum gap unless a due-date step comes', () => {
    const invoices = table([
      ['Acme', 'A-1', '2026-03-03', 100, '', '', 'USD', 'a@example.com'],
      ['Acme', 'A-2', '2026-03-12', 50, '', '', 'USD', 'a@example.com'],
    ]);
    const sent = new Map([['Acme · A-1', 7], ['Acme · A-2', -7]]);
    const lastOn = (iso: string) => (customer: string) => (customer === 'acme' ? day(iso) : undefined);
    const draft = (today: string, last: string, gap = 3) => draftReminders(invoices, { ...policy, minimumGapDays: gap }, day(today), (key) => sent.get(key), new Map(), lastOn(last));
    // A-2's -1 step on 11 March is within the gap of the reminder of 10 March.
    expect(draft('2026-03-11', '2026-03-10')).toEqual([]);
    // Its due-date step on 12 March may come sooner than the gap...
    expect(draft('2026-03-12', '2026-03-10').map((entry) => entry.lines.map((line) => line.step.offsetDays))).toEqual([[0]]);
    // ...but never on a day a reminder already went.
    expect(draft('2026-03-12', '2026-03-12')).toEqual([]);
    expect(draft('2026-03-11', '2026-03-10', 1).map((entry) => entry.lines.map((line) => line.step.offsetDays))).toEqual([[-1]]);
  });
});

describe('escalation is earned, per customer and currency (issue 22, item 1)', () => {
  const policy: Policy = { ...defaultPolicy(), skipWeekends: false };
  /** Runs the cadence day by day as the daily run would, keeping what was sent: each day's kinds. */
  function walk(invoices: ReturnType<typeof table>, from: string, days: number, p: Policy = policy) {
    const log = new Map<string, number>();
    const last = new Map<string, number>();
    const sent: Array<{ day: number; customer: string; currency: string; kind: string; rung: number }> = [];
    for (let today = day(from); today < day(from) + days; today++) {
      const drafts = draftReminders(invoices, p, today, (key) => log.get(key), new Map(), (customer) => last.get(customer));
      for (const draft of drafts) {
        for (const mark of draft.marks) log.set(mark.key, Math.max(log.get(mark.key) ?? -Infinity, mark.offsetDays));
        last.set(draft.customer.toLowerCase(), today);
        sent.push({ day: today, customer: draft.customer, currency: draft.currency, kind: draft.kind, rung: draft.stage.rung });
      }
    }
    return sent;
  }
  const order = ['upcoming', 'due-today', 'overdue', 'firm', 'final'];

  it('starts a book installed with 45- and 60-day-old debts at the first overdue step, and climbs one step per email at the cadence\'s pace', () => {
    const invoices = table([
      ['Initech', 'I-1', '2026-01-24', 900, '', '', 'USD', 'i@example.com'],
      ['Umbrella', 'U-1', '2026-02-08', 400, '', '', 'USD', 'u@example.com'],
    ]);
    const sent = walk(invoices, '2026-03-25', 60);
    for (const customer of ['Initech', 'Umbrella']) {
      const theirs = sent.filter((entry) => entry.customer === customer);
      // Day one: an overdue reminder, never a final notice, however old the debt.
      expect(theirs[0]).toMatchObject({ day: day('2026-03-25'), kind: 'overdue', rung: 1 });
      // Then the second reminder 7 days later (14 − 7), the final notice 16 days after that (30 − 14).
      expect(theirs.map((entry) => [entry.day - day('2026-03-25'), entry.kind])).toEqual([
        [0, 'overdue'],
        [7, 'firm'],
        [23, 'final'],
      ]);
    }
  });

  it('never softens while money the customer was warned about is still overdue, and starts again once it is paid', () => {
    const invoices = table([
      ['Smirnova', 'S-1', '2026-02-01', 300, '', '', 'RUB', 's@example.com'],
      ['Smirnova', 'S-2', '2026-03-20', 100, '', '', 'RUB', 's@example.com'],
    ]);
    const sent = walk(invoices, '2026-02-08', 60);
    const kinds = sent.map((entry) => entry.kind);
    // Each email is at least as firm as the one before while S-1 stays unpaid, S-2's earlier steps included.
    for (let k = 1; k < kinds.length; k++) expect(order.indexOf(kinds[k])).toBeGreaterThanOrEqual(order.indexOf(kinds[k - 1]));
    expect(kinds).toContain('final');
    const afterFinal = sent.slice(kinds.indexOf('final'));
    expect(afterFinal.length).toBeGreaterThan(1);
    expect(new Set(afterFinal.map((entry) => entry.kind))).toEqual(new Set(['final']));

    // Once S-1 is paid, S-2 alone starts from the first overdue step.
    const paid = table([
      ['Smirnova', 'S-1', '2026-02-01', 300, 300, '2026-04-05', 'RUB', 's@example.com'],
      ['Smirnova', 'S-2', '2026-04-10', 100, '', '', 'RUB', 's@example.com'],
    ]);
    const log = new Map<string, number>([['Smirnova · S-1', 30], ['Smirnova · S-1 · warned', 30]]);
    const [next] = draftReminders(paid, policy, day('2026-04-17'), (key) => log.get(key), new Map(), () => day('2026-04-01'));
    expect([next.kind, next.stage.rung]).toEqual(['overdue', 1]);
  });

  it('keeps each currency of a customer on its own stage', () => {
    const invoices = table([
      ['Acme', 'A-1', '2026-01-10', 100, '', '', 'USD', 'a@example.com'],
      ['Acme', 'E-1', '2026-03-03', 90, '', '', 'EUR', 'a@example.com'],
    ]);
    const log = new Map<string, number>([['Acme · A-1', 30], ['Acme · A-1 · warned', 30]]);
    const drafts = draftReminders(invoices, policy, day('2026-03-10'), (key) => log.get(key), new Map(), () => day('2026-02-20'));
    expect(drafts.map((draft) => [draft.currency, draft.kind])).toEqual([['EUR', 'overdue']]);
  });

  it('claims no earlier contact in a first email, whatever template the first overdue step names', () => {
    const invoices = table([['Hooli', 'H-1', '2026-01-10', 100, '', '', 'USD', 'h@example.com']]);
    const steps: Policy['steps'] = [
      { offsetDays: 14, template: 'firm', lateFee: 0, channel: 'email' },
      { offsetDays: 30, template: 'final', lateFee: 0, channel: 'email' },
    ];
    const [first] = draftReminders(invoices, { ...policy, steps }, day('2026-03-10'), nothingSent);
    expect(first.kind).toBe('overdue');
    expect(first.lines[0].step.offsetDays).toBe(14);
    expect(first.stage).toMatchObject({ rung: 1, of: 2, capped: true, next: { template: 'final', day: day('2026-03-26') } });
  });
});
