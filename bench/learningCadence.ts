// The cadence that learns against the fixed one (issue 27, item 5): a simulated year of customers, each
// with a paying habit, reminded by the daily run's own draftReminders under each cadence in two worlds
// that share every random draw. Deterministic (seeded): the same figures on every run.
//
// The customers (60): a third pay early (3 to 8 days before the due date, never late), a third around
// the due date (0 to 5 days late), a third habitually late (10 to 30 days); each invoice ±3 days around
// the habit. An invoice a month each, 30 days' terms, six months of paid history before the year.
// A reminder (any step) on day d is answered, with the customer's probability (0.2 to 0.5, drawn once),
// by payment on day d + 2, when that is sooner than they would have paid anyway; otherwise it changes
// nothing. The draw for an invoice's first, second … reminder is the same in both worlds (common random
// numbers), so the two differ by their cadence, not by luck.
//
// Reported for the invoices due in the year: mean days paid late (0 for one paid on time or early),
// reminders sent per customer, and the share paid by the due date. The learning cadence must send no more
// reminders and be paid no later on average: else this exits non-zero.
import { calendarDay, isoDate, type CalendarDay } from '../src/core/calendar';
import type { Cell } from '../src/core/cells';
import { readInvoiceTable, type InvoiceTable } from '../src/core/invoices';
import { draftReminders, type ReminderDraft } from '../src/core/reminders/cadence';
import { customerKey } from '../src/core/reminders/customerSettings';
import { defaultPolicy, type Policy } from '../src/core/reminders/policy';

// BENCH_SEED=n tries another seed; 27 is the one reported.
const SEED = Number(process.env.BENCH_SEED ?? 27);
const CUSTOMERS = 60;
const RESPONSE_DAYS = 2;
const YEAR_START = calendarDay(2025, 1, 1);
const YEAR_END = calendarDay(2025, 12, 31);

/** mulberry32: a small seeded generator. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The same uniform draw for an invoice's nth reminder, whichever world asks. */
function draw(invoice: number, nth: number): number {
  return generator(SEED * 1_000_003 + invoice * 7919 + nth)();
}

interface Book {
  table: InvoiceTable;
  /** When each invoice would be paid with no reminder at all. */
  natural: Float64Array;
  /** Each customer's chance of answering a reminder, by customerId. */
  respond: Float64Array;
}

function makeBook(): Book {
  const random = generator(SEED);
  const rows: Cell[][] = [['Customer', 'Invoice No', 'Invoice date', 'Due date', 'Amount', 'Currency', 'Email']];
  const habits: Array<{ late: number; early: boolean }> = [];
  for (let c = 0; c < CUSTOMERS; c++) {
    const kind = c % 3;
    const late = kind === 0 ? -3 - random() * 5 : kind === 1 ? random() * 5 : 10 + random() * 20;
    habits.push({ late, early: kind === 0 });
    for (let m = -6; m < 12; m++) {
      const invoiceDay = calendarDay(2025 + Math.floor((m + 12) / 12) - 1, ((m + 12) % 12) + 1, 1 + (c % 28));
      rows.push([`Customer ${c + 1}`, `C${c + 1}-${m + 7}`, isoDate(invoiceDay), isoDate(invoiceDay + 30), 100 + Math.round(random() * 4900), 'USD', `ap${c + 1}@example.com`]);
    }
  }
  const table = readInvoiceTable(rows, { timeZone: 'UTC', locale: 'en_US' });
  const natural = new Float64Array(table.size);
  for (let i = 0; i < table.size; i++) {
    const habit = habits[table.customerId[i]];
    const day = Math.round(table.dueDay[i] + habit.late + (random() * 6 - 3));
    // An early payer is never late.
    natural[i] = habit.early ? Math.min(day, table.dueDay[i] - 1) : day;
  }
  const respond = Float64Array.from(habits, () => 0.2 + random() * 0.3);
  return { table, natural, respond };
}

interface Outcome {
  daysLate: number;
  remindersPerCustomer: number;
  paidByDue: number;
}

/** One world: the daily run under `policy`, payments as the customers' habits and answers make them. */
function simulate(book: Book, policy: Policy): Outcome {
  // Each world its own paid dates: known in advance as the day each invoice will be paid, which the table reads as unpaid until then.
  const table: InvoiceTable = { ...book.table, paidDay: Float64Array.from(book.natural), paidCents: Float64Array.from(book.table.amountCents) };
  const latest = new Map<string, number>();
  const last = new Map<string, CalendarDay>();
  const history = new Map<string, Array<{ day: CalendarDay; marks: ReminderDraft['marks'] }>>();
  let reminders = 0;
  const asked: number[] = [];
  for (let today = YEAR_START; today <= YEAR_END + 120; today++) {
    const drafts = draftReminders(table, policy, today, (key) => latest.get(key), new Map(), (customer) => last.get(customer), (customer) => history.get(customer) ?? []);
    for (const draft of drafts) {
      if (today <= YEAR_END) reminders++;
      for (const mark of draft.marks) latest.set(mark.key, Math.max(latest.get(mark.key) ?? -Infinity, mark.offsetDays));
      const key = customerKey(draft.customer);
      last.set(key, today);
      history.set(key, [...(history.get(key) ?? []), { day: today, marks: draft.marks }]);
      // The customer may answer: every invoice the reminder asked for, paid in two days if that is sooner.
      for (const i of new Set([...draft.lines, ...draft.overdue].map((line) => line.invoice))) {
        if (i < 0 || table.paidDay[i] <= today) continue;
        // The invoice's first, second … reminder is answered or not alike in both worlds, whichever day it comes.
        const nth = (asked[i] = (asked[i] ?? 0) + 1);
        if (table.paidDay[i] > today + RESPONSE_DAYS && draw(i, nth) < book.respond[table.customerId[i]]) table.paidDay[i] = today + RESPONSE_DAYS;
      }
    }
  }
  let late = 0;
  let onTime = 0;
  let count = 0;
  for (let i = 0; i < table.size; i++) {
    if (table.dueDay[i] < YEAR_START || table.dueDay[i] > YEAR_END) continue;
    count++;
    late += Math.max(0, table.paidDay[i] - table.dueDay[i]);
    if (table.paidDay[i] <= table.dueDay[i]) onTime++;
  }
  return { daysLate: late / count, remindersPerCustomer: reminders / CUSTOMERS, paidByDue: onTime / count };
}

/** Prints both cadences' figures; false when the learning one sends more or gets paid later. */
export function benchLearningCadence(): boolean {
  const book = makeBook();
  const fixed: Policy = { ...defaultPolicy(), skipWeekends: true };
  const learning: Policy = { ...fixed, learning: { enabled: true, maxShiftDays: 7 } };
  const started = Date.now();
  const results = { fixed: simulate(book, fixed), learning: simulate(book, learning) };
  console.log(`\nLearning cadence: ${CUSTOMERS} customers, a year of invoices (seed ${SEED}, ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  console.log('  cadence    days paid late  reminders/customer  paid by due date');
  for (const [name, result] of Object.entries(results)) {
    console.log(`  ${name.padEnd(9)}  ${result.daysLate.toFixed(3).padStart(14)}  ${result.remindersPerCustomer.toFixed(2).padStart(18)}  ${(result.paidByDue * 100).toFixed(1).padStart(15)}%`);
  }
  const ok = results.learning.remindersPerCustomer <= results.fixed.remindersPerCustomer && results.learning.daysLate <= results.fixed.daysLate;
  console.log(ok ? '  the learning cadence sends no more reminders and gets paid no later' : '  FAILED: the learning cadence sends more reminders or gets paid later');
  return ok;
}
