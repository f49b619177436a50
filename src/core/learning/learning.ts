import { openCentsAt } from '../balances';
import type { CalendarDay } from '../calendar';
import type { InvoiceTable } from '../invoices';
import { fitPaymentModel, isHistory } from '../forecast/paymentModel';
import { customerKey } from '../reminders/customerSettings';
import type { Learning } from './schema';
export type { Learning } from './schema';
import type { Step } from '../reminders/policy';


/** What the payment history says of one customer's paying. */
export interface Habit {
  /** The lateness AR_EXPECTED_DATE expects of an undisputed invoice of theirs, in days (negative: early). */
  expectedLateDays: number;
  /** Invoices of theirs paid in full by today: what the habit rests on. */
  paidCount: number;
  /** Every one of those paid before its due date. */
  alwaysEarly: boolean;
}

/** Paid invoices a habit must rest on before the cadence acts on it. */
export const MIN_PAID = 3;

/**
 * Each customer's habit (by customerKey) from the invoices paid by `today`:
 * the payment model AR_EXPECTED_DATE fits (the book's recency-weighted
 * lateness plus the customer's own, shrunk while they have few paid invoices).
 */
export function customerHabits(table: InvoiceTable, today: CalendarDay): Map<string, Habit> {
  const model = fitPaymentModel(table, today);
  const habits = new Map<string, Habit>();
  const early = new Map<number, boolean>();
  for (let i = 0; i < table.size; i++) {
    if (!isHistory(table, i, today)) continue;
    const id = table.customerId[i];
    early.set(id, (early.get(id) ?? true) && table.paidDay[i] < table.dueDay[i]);
  }
  table.customers.forEach((customer, id) => {
    const key = customerKey(customer);
    if (habits.has(key)) return;
    const paidCount = model.customerPaidCounts[id];
    // An undisputed invoice with no billing channel: the customer's own habit on the book's.
    const expectedLateDays = model.bookLateness + model.disputeEffects.undisputed + model.customerEffects[id];
    habits.set(key, { expectedLateDays, paidCount, alwaysEarly: paidCount > 0 && early.get(id) === true });
  });
  return habits;
}

/** Why a customer's cadence differs from the policy's, for the preview. */
export type LearnedReason =
  | { kind: 'late'; lateDays: number; shiftDays: number; offsetDays: number }
  | { kind: 'early'; earlyDays: number };

/** A customer's cadence after learning: the steps with the day each comes on, and why. */
export interface LearnedCadence {
  /** The steps as the cadence reaches them: a moved step keeps its identity (`original`), only its day moves. */
  reach: Array<Step & { original: Step }>;
  reason: LearnedReason | null;
}

/**
 * A customer's cadence, learned within the owner's bounds (pure):
 * - a habitual late payer, whose expected lateness reaches at least the
 *   first overdue step (they get that reminder anyway), gets it earlier: by
 *   their lateness in days, at most `maxDays`, never before the day after
 *   the due date (an overdue reminder is never sent about a debt not yet due)
 *   and never closer than the minimum gap to the step before it (so a run
 *   catching up after a weekend never reaches both at once, merging them);
 * - one who always pays early (every paid invoice before its due date, their
 *   expected lateness negative) gets no note before the due date.
 * Both need MIN_PAID paid invoices. Only the day of one step moves, or steps
 * are left out: a moved step is logged as the step it is (its own offset), so
 * the ladder, the stage, the minimum gap and one a day stand as they are, and
 * no step is added. `maxDays` 0 (or no habit) leaves the cadence as it is.
 */
export function learnCadence(steps: readonly Step[], habit: Habit | undefined, maxDays: number, minimumGapDays: number): LearnedCadence {
  const unchanged: LearnedCadence = { reach: steps.map((step) => ({ ...step, original: step })), reason: null };
  if (!habit || maxDays <= 0 || habit.paidCount < MIN_PAID || !Number.isFinite(habit.expectedLateDays)) return unchanged;
  const late = Math.round(habit.expectedLateDays);
  const overdue = steps.filter((step) => step.offsetDays > 0);
  const first = overdue.length ? overdue.reduce((a, b) => (b.offsetDays < a.offsetDays ? b : a)) : null;
  if (first && late >= first.offsetDays) {
    // Never as close to the step before it (the due-date note) as the minimum gap: else a run catching up after a weekend would reach both at once, and the note would be lost in it.
    const before = Math.max(-Infinity, ...steps.filter((step) => step.offsetDays < first.offsetDays).map((step) => step.offsetDays));
    const offsetDays = Math.max(1, before + minimumGapDays, first.offsetDays - Math.min(maxDays, late));
    if (offsetDays === first.offsetDays) return unchanged;
    return {
      reach: steps.map((step) => ({ ...step, offsetDays: step === first ? offsetDays : step.offsetDays, original: step })),
      reason: { kind: 'late', lateDays: late, shiftDays: first.offsetDays - offsetDays, offsetDays },
    };
  }
  if (habit.alwaysEarly && habit.expectedLateDays < 0 && steps.some((step) => step.offsetDays < 0)) {
    return { reach: unchanged.reach.filter((step) => step.offsetDays >= 0), reason: { kind: 'early', earlyDays: Math.max(1, -late) } };
  }
  return unchanged;
}

/** The most days a customer's cadence may move: the policy's bound, lowered (or 0: off) by the Customers sheet's Learn cadence cell. */
export function learningDays(learning: Learning | undefined, override: number | null | undefined): number {
  if (!learning?.enabled) return 0;
  return override == null ? learning.maxShiftDays : Math.min(learning.maxShiftDays, Math.max(0, override));
}

/** The preview's sentence, in English (the sidebar words it in its own language from the reason). */
export function learnedText(reason: LearnedReason): string {
  const days = (n: number) => `${n} day${n === 1 ? '' : 's'}`;
  return reason.kind === 'late'
    ? `usually pays ${days(reason.lateDays)} late: first overdue reminder ${days(reason.shiftDays)} sooner, ${days(reason.offsetDays)} after the due date`
    : `always pays early (about ${days(reason.earlyDays)} before the due date): no note before the due date`;
}

/**
 * Every customer with something open whose cadence learning changes, and
 * why, by name: for the preview, which shows it whether or not they get a
 * reminder today (the early payer whose note is left out gets none).
 */
export function learnedCustomers(
  table: InvoiceTable,
  policy: { steps: readonly Step[]; learning?: Learning; minimumGapDays: number },
  settings: ReadonlyMap<string, { ownSteps: Step[] | null; plan: unknown; learningDays: number | null }>,
  today: CalendarDay,
): Array<{ customer: string; reason: LearnedReason }> {
  if (!policy.learning?.enabled) return [];
  const habits = customerHabits(table, today);
  const seen = new Set<string>();
  const learned: Array<{ customer: string; reason: LearnedReason }> = [];
  for (let i = 0; i < table.size; i++) {
    const key = customerKey(table.customer[i]);
    if (seen.has(key) || !(table.amountCents[i] > 0) || !((openCentsAt(table, i, today) ?? 0) > 0)) continue;
    seen.add(key);
    const setting = settings.get(key);
    const maxDays = setting?.ownSteps || setting?.plan ? 0 : learningDays(policy.learning, setting?.learningDays);
    const { reason } = learnCadence(policy.steps, habits.get(key), maxDays, policy.minimumGapDays);
    if (reason) learned.push({ customer: table.customer[i], reason });
  }
  return learned.sort((a, b) => (a.customer < b.customer ? -1 : a.customer > b.customer ? 1 : 0));
}
