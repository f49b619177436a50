import { openCentsAt, settleOldestFirst } from '../balances';
import { dayParts, isoDate, type CalendarDay } from '../calendar';
import type { InvoiceTable } from '../invoices';
import { customerKey, type CustomerSettings } from './customerSettings';
import { TEMPLATE_KINDS, type Channel, type MessageKind, type TemplateKind } from './kinds';
import type { Policy, Step } from './policy';
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
  /** The credit notes' numbers (or "" for one without). */
  numbers: string[];
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

/** What has been sent before: the latest step offset each key has had, if any. */
export type SentSteps = (key: string) => number | undefined;

/** The key an invoice is known by in the log. */
export function invoiceKey(table: InvoiceTable, index: number): string {
  const number = table.number[index];
  return number ? `${table.customer[index]} · ${number}` : `${table.customer[index]} · row ${table.row[index]}`;
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
 */
export function draftReminders(
  table: InvoiceTable,
  policy: Policy,
  today: CalendarDay,
  sent: SentSteps,
  settings: ReadonlyMap<string, CustomerSettings> = new Map(),
  lastReminderDay: LastReminderDay = () => undefined,
): ReminderDraft[] {
  if (policy.skipWeekends && isWeekend(today)) return [];
  const accounts = new Map<string, { customer: string; currency: string; email: string; balance: number; invoices: number[]; credits: number[] }>();
  for (let i = 0; i < table.size; i++) {
    const open = openCentsAt(table, i, today);
    if (!open) continue;
    const key = `${table.currency[i]}\u0000${table.customer[i]}`;
    let account = accounts.get(key);
    if (!account) accounts.set(key, (account = { customer: table.customer[i], currency: table.currency[i], email: '', balance: 0, invoices: [], credits: [] }));
    account.balance += open;
    if (!account.email && table.email[i]) account.email = table.email[i];
    (open > 0 ? account.invoices : account.credits).push(i);
  }

  const drafts: ReminderDraft[] = [];
  for (const account of accounts.values()) {
    const setting = settings.get(customerKey(account.customer));
    if (account.balance <= 0 || account.balance < Math.round(policy.minimumBalance * 100)) continue;
    if (setting?.doNotRemind || setting?.disputed || setting?.legal) continue;
    if (setting?.pausedUntil != null && today <= setting.pausedUntil) continue;
    if (setting?.promiseBy != null && today <= setting.promiseBy) continue;

    const rules = policy.amountRules.filter((rule) => account.balance >= Math.round(rule.minimumBalance * 100));
    const steps = [...(setting?.ownSteps ?? policy.steps), ...rules.flatMap((rule) => rule.extraSteps)];
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
    };

    // The day after a broken promise: one note about everything overdue, once.
    const brokenPromise = setting?.promiseBy != null && sent(promiseKey(account.customer, setting.promiseBy)) === undefined;
    const items = (setting?.plan ? planItems(setting.plan, account.customer, account.balance) : invoiceItems(table, account.invoices, today)).filter(
      (item) => !item.disputed && !setting?.disputedInvoices.includes(item.label),
    );
    for (const item of items) {
      if (brokenPromise) {
        if (item.dueDay <= (setting!.promiseBy as number)) draft.lines.push(line(item, { offsetDays: today - item.dueDay, template: 'final', lateFee: 0, channel: 'email' }, steps, today, policy));
        continue;
      }
      const step = reachedStep(steps, item.dueDay, today, policy.graceDays);
      if (!step) continue;
      const before = sent(item.key);
      if (before !== undefined && before >= step.offsetDays) continue;
      draft.lines.push(line(item, step, steps, today, policy));
    }
    if (draft.lines.length === 0) continue;
    // What the email shows: every overdue item (whichever step sent it), and the items due soon that reached a step today.
    const overdue = items.filter((item) => item.dueDay < today).sort((a, b) => a.dueDay - b.dueDay).map((item) => shownLine(item, steps, today, policy));
    const last = lastReminderDay(customerKey(account.customer));
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
      if (brokenPromise) {
        marks.push({ key: promiseKey(account.customer, setting!.promiseBy as number), offsetDays: 0 });
        drafts.push({ ...draft, channel, lines, overdue: shownOverdue, dueSoon, credit, marks, kind: 'promise-broken', promiseDay: setting!.promiseBy as number });
        continue;
      }
      const firmest = lines.reduce<TemplateKind>((kind, { step }) => (TEMPLATE_KINDS.indexOf(step.template) > TEMPLATE_KINDS.indexOf(kind) ? step.template : kind), 'upcoming');
      // A reminder that asks for overdue money is at least an overdue one, whichever step sent it.
      const kind = shownOverdue.length && TEMPLATE_KINDS.indexOf(firmest) < TEMPLATE_KINDS.indexOf('overdue') ? 'overdue' : firmest;
      drafts.push({ ...draft, channel, lines, overdue: shownOverdue, dueSoon, credit, marks, kind });
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
  return { numbers: credits.map((i) => table.number[i] ?? ''), overdueCents, dueSoonCents };
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
