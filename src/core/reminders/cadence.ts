import { openCentsAt, settleOldestFirst } from '../balances';
import { dayParts, isoDate, type CalendarDay } from '../calendar';
import type { InvoiceTable } from '../invoices';
import { fullCustomerName } from '../customerJobs';
import { customerKey, type CustomerSettings } from './customerSettings';
import { TEMPLATE_KINDS, type Channel, type MessageKind, type TemplateKind } from './kinds';
import type { Policy, Step } from './policy';
import { customerHabits, learnCadence, learningDays, type Habit, type LearnedReason } from '../learning/learning';
import type { Language } from './templates';

/** What a reminder is: one of the cadence's templates, or the note after a broken promise. */
export type { MessageKind } from './kinds';

/** An invoice (or an instalment of a payment plan) as a reminder shows it. */
export interface ShownLine {
  /** Index in the table; -1 for an instalment. */
  invoice: number;
  /** What identifies the item across runs, in the log. */
  key: string;
  /** For the bookkeeper (the log, the preview): the invoice number, else its row; "Instalment" for a plan. */
  label: string;
  /** The invoice number as the customer knows it; "" when the table has none (the email then names the invoice by date and amount). */
  number: string;
  /** The QuickBooks job the invoice is for ("2nd story addition"), named beside it; absent for none. */
  job?: string;
  /** The invoice's date, NaN when unknown or for an instalment. */
  invoiceDay: CalendarDay;
  dueDay: CalendarDay;
  /** Days past the due date (negative: due in that many days). */
  daysOverdue: number;
  openCents: number;
  lateFeeCents: number;
}

/** An item due for a reminder today, at the step it has reached. */
export interface ReminderLine extends ShownLine {
  step: Step;
}

/** Credit notes of the customer, netted oldest debt first as AR_AGING nets them. */
export interface CreditApplied {
  /** The credit notes' numbers (or "" for one without); payments not yet applied are not among them. */
  numbers: string[];
  /** How many of the credits are payments received and not yet applied (absent for none): the email names them so, not "credit note". */
  payments?: number;
  /** Credit set against the overdue invoices, in cents (positive). */
  overdueCents: number;
  /** What is left, set against the invoices due soon that the email lists. */
  dueSoonCents: number;
}

/** One email: a customer in one currency, with every item due for a reminder today. */
export interface ReminderDraft {
  customer: string;
  currency: string;
  email: string;
  language: Language;
  kind: MessageKind;
  /** The items whose step came today: what this reminder is sent for, and what the log marks. */
  lines: ReminderLine[];
  /** Every overdue item of the customer in this currency (disputed ones left out), oldest first: what the email asks to be paid. */
  overdue: ShownLine[];
  /** Items not yet due (or due today) that reached a step today, under their own heading. */
  dueSoon: ShownLine[];
  credit: CreditApplied;
  /** The customer's whole open balance in this currency. */
  balanceCents: number;
  /** Extra people to copy, from the amount rules. */
  cc: string[];
  /** What the log records once this is sent: each key with the step offset it reached. */
  marks: Array<{ key: string; offsetDays: number }>;
  /** For a broken promise: the day payment was promised by. */
  promiseDay?: CalendarDay;
  /** Email goes out as mail; call, letter and legal become tasks in the Collections sheet. */
  channel: Channel;
  /** Where the customer stands on the cadence's overdue steps in this currency, and why: for the preview. */
  stage: Stage;
  /** How the cadence learned from the customer's paying moved it (issue 27, item 4): for the preview. */
  learned?: LearnedReason;
}

/**
 * A customer's place on the overdue steps of their cadence (the ladder), in
 * one currency: earned one step per reminder actually sent, never by the
 * debt's age alone.
 */
export interface Stage {
  /** Steps reached after this reminder: 0 for one about invoices not yet overdue. */
  rung: number;
  /** The overdue steps the customer's cadence has. */
  of: number;
  /** The step's template and channel at this rung ('' at rung 0). */
  template: TemplateKind | '';
  /** The next step up, if any: its template, channel, and the first day it may come. */
  next: { template: TemplateKind; channel: Channel; day: CalendarDay } | null;
  /** The debt's age alone would have reached a later step: this one was capped (earned, not skipped to). */
  capped: boolean;
  /** The tone was kept at the customer's stage although today's items reached only an earlier step. */
  held: boolean;
}

/** What the overdue section of a draft adds up to, after credit: the figure the customer is asked to pay. */
export function overdueTotalCents(draft: Pick<ReminderDraft, 'overdue' | 'credit'>): number {
  return draft.overdue.reduce((sum, line) => sum + line.openCents, 0) - draft.credit.overdueCents;
}

/** What the due-soon section adds up to, after credit. */
export function dueSoonTotalCents(draft: Pick<ReminderDraft, 'dueSoon' | 'credit'>): number {
  return draft.dueSoon.reduce((sum, line) => sum + line.openCents, 0) - draft.credit.dueSoonCents;
}

/** The day of the latest reminder sent to a customer (by customerKey), if any. */
export type LastReminderDay = (customerKeyOfName: string) => CalendarDay | undefined;

/** What went to a customer (by customerKey) before, dated: each email and task with the marks it left. */
export type ContactHistory = (customerKeyOfName: string) => ReadonlyArray<{ day: CalendarDay; marks: ReadonlyArray<{ key: string; offsetDays: number }> }>;

/** What has been sent before: the latest step offset each key has had, if any. */
export type SentSteps = (key: string) => number | undefined;

/**
 * The mark a reminder leaves on each overdue item it showed the customer,
 * with the offset of the stage it was sent at: while any of them is still
 * overdue, the customer's stage stands (the next email is never softer).
 */
export const warnedKey = (key: string) => `${key} · warned`;

/** The overdue steps of a cadence, by day: the ladder a customer climbs one reminder at a time. */
export function ladderOf(steps: readonly Step[]): Step[] {
  const byOffset = new Map<number, Step>();
  for (const step of steps) if (step.offsetDays > 0 && !byOffset.has(step.offsetDays)) byOffset.set(step.offsetDays, step);
  return [...byOffset.values()].sort((a, b) => a.offsetDays - b.offsetDays);
}

/** The rung a step's offset stands for on a ladder: how many of its steps come on or before it. */
export const rungOf = (ladder: readonly Step[], offsetDays: number) => ladder.filter((step) => step.offsetDays <= offsetDays).length;

/** The key an invoice is known by in the log. */
export function invoiceKey(table: InvoiceTable, index: number): string {
  const number = table.number[index];
  // The name as the book wrote it ("Cook, Brian:2nd story addition"): the keys logged before jobs were split still match.
  const customer = fullCustomerName(table.customer[index], table.job[index] ?? '');
  return number ? `${customer} · ${number}` : `${customer} · row ${table.row[index]}`;
}

/** Saturday or Sunday. */
export function isWeekend(day: CalendarDay): boolean {
  const { year, month, day: date } = dayParts(day);
  const weekday = new Date(Date.UTC(year, month - 1, date)).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/**
 * The step an item has reached on `today`: the latest whose day has come
 * (overdue steps after the grace days). After missed days only this latest
 * one counts, never the ones skipped on the way.
 */
export function reachedStep(steps: readonly Step[], dueDay: CalendarDay, today: CalendarDay, graceDays: number): Step | null {
  let reached: Step | null = null;
  for (const step of steps) {
    const stepDay = dueDay + step.offsetDays + (step.offsetDays > 0 ? graceDays : 0);
    if (stepDay <= today && (reached === null || step.offsetDays > reached.offsetDays)) reached = step;
  }
  return reached;
}

/**
 * The late fee, in cents, an overdue item has run up by `today`: the fixed
 * fee of each overdue step it has reached, plus interest at the policy's
 * yearly rate on its open balance for each day overdue. The add-on charges
 * nothing: this is shown in reminders and in AR_LATE_FEE.
 */
export function lateFeeCents(openCents: number, dueDay: CalendarDay, today: CalendarDay, steps: readonly Step[], policy: Policy): number {
  const daysOverdue = today - dueDay;
  if (daysOverdue <= 0 || openCents <= 0) return 0;
  let fixed = 0;
  for (const step of steps) if (step.offsetDays > 0 && dueDay + step.offsetDays + policy.graceDays <= today) fixed += Math.round(step.lateFee * 100);
  return fixed + Math.round((openCents * (policy.yearlyInterestPercent / 100) * daysOverdue) / 365);
}

/** The key of the note sent when a promise to pay by `day` is broken. */
export function promiseKey(customer: string, day: CalendarDay): string {
  return `${customer} · promise ${isoDate(day)}`;
}

/**
 * Decides today's reminders: for each open invoice (or plan instalment) the
 * step it has reached, unless that step (or a later one) was sent before;
 * grouped into one email per customer and currency, the most overdue first.
 * Whatever step triggers it, the email lists every overdue invoice of that
 * customer in that currency, credit notes netted oldest debt first (as
 * AR_AGING does); items not yet due only under their own heading.
 * Nothing goes to a customer whose balance in that currency is zero,
 * negative or under the policy's minimum; who is not to be reminded, paused,
 * disputed, or within a promise to pay; nor about a disputed invoice; nor on
 * a weekend when the policy skips weekends (Monday catches up). A customer
 * gets at most one reminder a day, and none within the policy's minimum gap
 * of the last one, unless an invoice reaches its due-date step today.
 *
 * Escalation is earned, per customer and currency: the overdue steps form a
 * ladder climbed at most one rung per reminder sent, each at least as long
 * after the previous one as the cadence puts between the two steps (from
 * the day `history` shows the customer reached their stage). However old the debt,
 * the first reminder is at most the first overdue step; a final notice, a
 * letter or a hand-over only once the steps before them were sent. While an
 * item shown at a stage is still overdue, the customer stays at it: no later
 * email is softer. An email claims no earlier contact (the firm and final
 * templates do) before the customer was sent an overdue reminder.
 */
export function draftReminders(
  table: InvoiceTable,
  policy: Policy,
  today: CalendarDay,
  sent: SentSteps,
  settings: ReadonlyMap<string, CustomerSettings> = new Map(),
  lastReminderDay: LastReminderDay = () => undefined,
  history?: ContactHistory,
): ReminderDraft[] {
  if (policy.skipWeekends && isWeekend(today)) return [];
  // `written`: the names as the book wrote them ("Cook, Brian:Kitchen"), under which the log may know a QuickBooks customer from before jobs were split.
  const accounts = new Map<string, { customer: string; currency: string; email: string; balance: number; invoices: number[]; credits: number[]; written: Set<string> }>();
  for (let i = 0; i < table.size; i++) {
    const open = openCentsAt(table, i, today);
    if (!open) continue;
    const key = `${table.currency[i]}\u0000${table.customer[i]}`;
    let account = accounts.get(key);
    if (!account) accounts.set(key, (account = { customer: table.customer[i], currency: table.currency[i], email: '', balance: 0, invoices: [], credits: [], written: new Set([table.customer[i]]) }));
    if (table.job[i]) account.written.add(fullCustomerName(table.customer[i], table.job[i]));
    account.balance += open;
    if (!account.email && table.email[i]) account.email = table.email[i];
    (open > 0 ? account.invoices : account.credits).push(i);
  }

  const lastDayOf = (names: ReadonlySet<string>) => {
    const days = [...names].map((name) => lastReminderDay(customerKey(name))).filter((day): day is CalendarDay => day !== undefined);
    return days.length ? Math.max(...days) : undefined;
  };
  const drafts: ReminderDraft[] = [];
  // Fitted once, and only when the owner turned learning on.
  let habits: Map<string, Habit> | undefined;
  for (const account of accounts.values()) {
    const setting = settings.get(customerKey(account.customer));
    if (account.balance <= 0 || account.balance < Math.round(policy.minimumBalance * 100)) continue;
    if (setting?.doNotRemind || setting?.disputed || setting?.legal) continue;
    if (setting?.pausedUntil != null && today <= setting.pausedUntil) continue;
    if (setting?.promiseBy != null && today <= setting.promiseBy) continue;

    const rules = policy.amountRules.filter((rule) => account.balance >= Math.round(rule.minimumBalance * 100));
    const steps = [...(setting?.ownSteps ?? policy.steps), ...rules.flatMap((rule) => rule.extraSteps)];
    // The cadence learned from the customer's paying moves a step's day (or leaves notes out), never what the step is:
    // not over steps typed for the customer (Own steps) nor a payment plan's instalments.
    const maxDays = setting?.ownSteps || setting?.plan ? 0 : learningDays(policy.learning, setting?.learningDays);
    if (maxDays > 0 && !habits) habits = customerHabits(table, today);
    const learned = maxDays > 0 && habits ? learnCadence(steps, habits.get(customerKey(account.customer)), maxDays, policy.minimumGapDays) : null;
    const reached = (dueDay: CalendarDay): Step | null =>
      learned?.reason ? (reachedStep(learned.reach, dueDay, today, policy.graceDays) as (Step & { original: Step }) | null)?.original ?? null : reachedStep(steps, dueDay, today, policy.graceDays);
    const draft: ReminderDraft = {
      customer: account.customer,
      currency: account.currency,
      email: setting?.email || account.email,
      language: setting?.language || policy.language,
      kind: 'upcoming',
      lines: [],
      overdue: [],
      dueSoon: [],
      credit: { numbers: [], overdueCents: 0, dueSoonCents: 0 },
      balanceCents: account.balance,
      cc: [...new Set(rules.flatMap((rule) => rule.cc.split(',').map((address) => address.trim()).filter(Boolean)))],
      marks: [],
      channel: 'email',
      stage: { rung: 0, of: 0, template: '', next: null, capped: false, held: false },
      ...(learned?.reason ? { learned: learned.reason } : {}),
    };

    // The day after a broken promise: one note about everything overdue, once.
    const brokenPromise = setting?.promiseBy != null && sent(promiseKey(account.customer, setting.promiseBy)) === undefined;
    const items = (setting?.plan ? planItems(setting.plan, account.customer, account.balance) : invoiceItems(table, account.invoices, today)).filter(
      (item) => !item.disputed && !setting?.disputedInvoices.includes(item.label),
    );
    // The customer's stage: the highest rung any item still overdue was shown at (or reached, in a log from before stages were marked).
    const ladder = ladderOf(steps);
    const stillOverdue = items.filter((item) => item.dueDay < today);
    const stood = Math.max(0, ...stillOverdue.map((item) => Math.max(sent(warnedKey(item.key)) ?? 0, sent(item.key) ?? 0)));
    const rung = rungOf(ladder, stood);
    // The day the customer reached their stage: the next step counts its days from it (without a dated history, from the last reminder).
    const keys = new Set(stillOverdue.map((item) => item.key));
    const stageOf = (marks: ReadonlyArray<{ key: string; offsetDays: number }>) =>
      rungOf(ladder, Math.max(0, ...marks.filter((mark) => keys.has(mark.key) || keys.has(mark.key.replace(/ · warned$/, ''))).map((mark) => mark.offsetDays)));
    const lastStep = history
      ? Math.min(...[...account.written].flatMap((name) => history(customerKey(name))).filter((entry) => rung > 0 && stageOf(entry.marks) >= rung).map((entry) => entry.day))
      : lastDayOf(account.written);
    // The next rung comes once the cadence's days between it and this one have passed since the last reminder.
    const nextDay = rung === 0 || lastStep === undefined || !Number.isFinite(lastStep) ? today : lastStep + (ladder[rung] ? ladder[rung].offsetDays - ladder[rung - 1].offsetDays : 0);
    const allowed = Math.min(ladder.length, nextDay <= today ? rung + 1 : rung);
    let capped = false;
    for (const item of items) {
      if (brokenPromise) {
        if (item.dueDay <= (setting!.promiseBy as number)) draft.lines.push(line(item, { offsetDays: today - item.dueDay, template: 'final', lateFee: 0, channel: 'email' }, steps, today, policy));
        continue;
      }
      let step = reached(item.dueDay);
      if (!step) continue;
      // However old the debt, no step beyond the one the customer has earned.
      if (step.offsetDays > 0 && rungOf(ladder, step.offsetDays) > allowed) {
        step = ladder[Math.max(allowed, 1) - 1];
        capped = true;
      }
      const before = sent(item.key);
      if (before !== undefined && before >= step.offsetDays) continue;
      draft.lines.push(line(item, step, steps, today, policy));
    }
    if (draft.lines.length === 0) continue;
    // What the email shows: every overdue item (whichever step sent it), and the items due soon that reached a step today.
    const overdue = items.filter((item) => item.dueDay < today).sort((a, b) => a.dueDay - b.dueDay).map((item) => shownLine(item, steps, today, policy));
    const last = lastDayOf(account.written);
    // One draft per channel: the emails go out, the rest become tasks for people. A broken promise is one email.
    const channels = brokenPromise ? ['email' as Channel] : [...new Set(draft.lines.map((entry) => entry.step.channel))];
    for (const channel of channels) {
      let lines = brokenPromise ? draft.lines : draft.lines.filter((entry) => entry.step.channel === channel);
      let shownOverdue = overdue;
      const dueSoon: ShownLine[] = lines.filter((entry) => entry.dueDay >= today).map(({ step: _step, ...entry }) => entry);
      let credit = setting?.plan ? draft.credit : applyCredit(table, account.credits, today, overdue, dueSoon);
      // Credit that settles everything this reminder would ask for leaves nothing to remind of.
      if (overdueTotalCents({ overdue, credit }) <= 0) {
        if (dueSoonTotalCents({ dueSoon, credit }) <= 0) continue;
        // Credit covers all that is overdue: the reminder is about what falls due, and only that is marked.
        shownOverdue = [];
        credit = { ...credit, overdueCents: 0 };
        lines = lines.filter((entry) => entry.dueDay >= today);
      }
      // At most one email a day, and the policy's gap between two, which only a due-date step may shorten.
      if (channel === 'email' && last !== undefined && (last >= today || (today - last < policy.minimumGapDays && !lines.some((entry) => entry.step.offsetDays === 0)))) continue;
      const marks = lines.map((entry) => ({ key: entry.key, offsetDays: entry.step.offsetDays }));
      // The stage after this reminder: the rung its lines climb to, never below where the customer stood.
      const climbed = Math.max(rung, ...lines.filter((entry) => entry.step.offsetDays > 0).map((entry) => rungOf(ladder, entry.step.offsetDays)));
      const stageRung = shownOverdue.length ? climbed : 0;
      if (stageRung > 0 && !brokenPromise) for (const item of shownOverdue) marks.push({ key: warnedKey(item.key), offsetDays: ladder[stageRung - 1].offsetDays });
      const following = ladder[stageRung];
      const stage: Stage = {
        rung: stageRung,
        of: ladder.length,
        template: stageRung > 0 ? ladder[stageRung - 1].template : '',
        next: following && stageRung > 0 ? { template: following.template, channel: following.channel, day: today + following.offsetDays - ladder[stageRung - 1].offsetDays } : null,
        capped,
        held: false,
      };
      if (brokenPromise) {
        marks.push({ key: promiseKey(account.customer, setting!.promiseBy as number), offsetDays: 0 });
        drafts.push({ ...draft, channel, lines, overdue: shownOverdue, dueSoon, credit, marks, kind: 'promise-broken', promiseDay: setting!.promiseBy as number, stage });
        continue;
      }
      const firmer = (a: TemplateKind, b: TemplateKind) => (TEMPLATE_KINDS.indexOf(b) > TEMPLATE_KINDS.indexOf(a) ? b : a);
      const firmest = lines.reduce<TemplateKind>((kind, { step }) => firmer(kind, step.template), 'upcoming');
      // Never softer than the stage the customer stands at: the email templates of the rungs already climbed.
      const standing = shownOverdue.length ? ladder.slice(0, stageRung).filter((step) => step.channel === 'email').reduce<TemplateKind>((kind, step) => firmer(kind, step.template), 'upcoming') : 'upcoming';
      stage.held = TEMPLATE_KINDS.indexOf(standing) > TEMPLATE_KINDS.indexOf(firmest);
      // A reminder that asks for overdue money is at least an overdue one, whichever step sent it.
      let kind = firmer(firmer(firmest, standing), shownOverdue.length ? 'overdue' : 'upcoming');
      // Before any overdue reminder went out, none says it is not the first ("we wrote to you", "final").
      if (rung === 0 && TEMPLATE_KINDS.indexOf(kind) > TEMPLATE_KINDS.indexOf('overdue')) kind = 'overdue';
      drafts.push({ ...draft, channel, lines, overdue: shownOverdue, dueSoon, credit, marks, kind, stage });
    }
  }
  // The most overdue first: when the mail quota runs out, they are the ones sent.
  const sorted = drafts.sort((a, b) => maxOverdue(b) - maxOverdue(a) || b.balanceCents - a.balanceCents || (a.customer < b.customer ? -1 : a.customer > b.customer ? 1 : 0));
  // One email a customer a day, even with balances in two currencies: the most overdue goes today.
  const seen = new Set<string>();
  return sorted.filter((draft) => {
    if (draft.channel !== 'email') return true;
    const key = customerKey(draft.customer);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

interface Item {
  invoice: number;
  key: string;
  label: string;
  number: string;
  job?: string;
  invoiceDay: CalendarDay;
  dueDay: CalendarDay;
  openCents: number;
  disputed: boolean;
}

function invoiceItems(table: InvoiceTable, invoices: number[], today: CalendarDay): Item[] {
  return invoices.map((i) => ({
    invoice: i,
    key: invoiceKey(table, i),
    label: table.number[i] || `row ${table.row[i]}`,
    number: table.number[i] ?? '',
    ...(table.job[i] ? { job: table.job[i] } : {}),
    invoiceDay: table.invoiceDay[i],
    dueDay: table.dueDay[i],
    openCents: openCentsAt(table, i, today) as number,
    disputed: table.disputed[i] === 1,
  }));
}

/**
 * Sets the customer's credit notes against the debts oldest first, as
 * AR_AGING does: first the overdue items, then (what is left) the items
 * due soon that the email lists.
 */
function applyCredit(table: InvoiceTable, credits: number[], today: CalendarDay, overdue: ShownLine[], dueSoon: ShownLine[]): CreditApplied {
  const total = -credits.reduce((sum, i) => sum + (openCentsAt(table, i, today) as number), 0);
  const sumOf = (lines: ShownLine[]) => lines.reduce((sum, entry) => sum + entry.openCents, 0);
  const [overdueCents, dueSoonCents] = settleOldestFirst([sumOf(overdue), sumOf(dueSoon)], total).settledCents;
  const payments = credits.filter((i) => table.payment[i] === 1).length;
  return { numbers: credits.filter((i) => table.payment[i] !== 1).map((i) => table.number[i] ?? ''), overdueCents, dueSoonCents, ...(payments ? { payments } : {}) };
}

/**
 * A plan's instalments still unpaid: instalment k is paid once the balance
 * is down to what the later instalments add up to.
 */
function planItems(plan: CustomerSettings['plan'] & object, customer: string, balance: number): Item[] {
  const items: Item[] = [];
  let later = plan.reduce((sum, instalment) => sum + instalment.cents, 0);
  for (const instalment of plan) {
    later -= instalment.cents;
    const unpaid = Math.min(instalment.cents, balance - later);
    if (unpaid > 0) items.push({ invoice: -1, key: `${customer} · instalment ${isoDate(instalment.day)}`, label: 'Instalment', number: '', invoiceDay: Number.NaN, dueDay: instalment.day, openCents: unpaid, disputed: false });
  }
  return items;
}

function shownLine(item: Item, steps: readonly Step[], today: CalendarDay, policy: Policy): ShownLine {
  return {
    invoice: item.invoice,
    key: item.key,
    label: item.label,
    number: item.number,
    ...(item.job ? { job: item.job } : {}),
    invoiceDay: item.invoiceDay,
    dueDay: item.dueDay,
    daysOverdue: today - item.dueDay,
    openCents: item.openCents,
    lateFeeCents: lateFeeCents(item.openCents, item.dueDay, today, steps, policy),
  };
}

function line(item: Item, step: Step, steps: readonly Step[], today: CalendarDay, policy: Policy): ReminderLine {
  return { ...shownLine(item, steps, today, policy), step };
}

function maxOverdue(draft: ReminderDraft): number {
  return Math.max(...draft.lines.map((line) => line.daysOverdue));
}
