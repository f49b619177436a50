import { openCentsAt } from '../balances';
import { dayParts, type CalendarDay } from '../calendar';
import type { InvoiceTable } from '../invoices';
import type { Policy, Step, TemplateKind } from './policy';
import { TEMPLATE_KINDS } from './policy';

/** One invoice that a reminder is about, at the step it has reached. */
export interface ReminderLine {
  /** Index in the table. */
  invoice: number;
  /** What identifies the invoice across runs: its number, or its row when it has none. */
  key: string;
  step: Step;
  /** Days past the due date (negative: due in that many days). */
  daysOverdue: number;
  openCents: number;
}

/** One email: a customer in one currency, with every invoice due for a reminder today. */
export interface ReminderDraft {
  customer: string;
  currency: string;
  email: string;
  /** The firmest step among the lines: it picks the template. */
  template: TemplateKind;
  lines: ReminderLine[];
  /** The customer's whole open balance in this currency. */
  balanceCents: number;
  /** Extra people to copy, from the amount rules. */
  cc: string[];
}

/** What has been sent before: the latest step offset each invoice key has had, if any. */
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
 * The step an invoice has reached on `today`: the latest whose day has come
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
 * Decides today's reminders: for each open invoice the step it has reached,
 * unless that step (or a later one) was sent before; grouped into one email
 * per customer and currency. Nothing goes to a customer whose balance in
 * that currency is zero, negative, or under the policy's minimum, and nothing
 * on a weekend when the policy skips weekends (Monday catches up).
 */
export function draftReminders(table: InvoiceTable, policy: Policy, today: CalendarDay, sent: SentSteps): ReminderDraft[] {
  if (policy.skipWeekends && isWeekend(today)) return [];
  const balances = new Map<string, number>();
  const accountKey = (i: number) => `${table.currency[i]}\u0000${table.customer[i]}`;
  for (let i = 0; i < table.size; i++) {
    const open = openCentsAt(table, i, today);
    if (open) balances.set(accountKey(i), (balances.get(accountKey(i)) ?? 0) + open);
  }

  const drafts = new Map<string, ReminderDraft>();
  for (let i = 0; i < table.size; i++) {
    const open = openCentsAt(table, i, today);
    if (open === null || open <= 0) continue;
    const account = accountKey(i);
    const balance = balances.get(account) ?? 0;
    if (balance <= 0 || balance < Math.round(policy.minimumBalance * 100)) continue;
    const rules = policy.amountRules.filter((rule) => balance >= Math.round(rule.minimumBalance * 100));
    const steps = [...policy.steps, ...rules.flatMap((rule) => rule.extraSteps)];
    const step = reachedStep(steps, table.dueDay[i], today, policy.graceDays);
    if (!step) continue;
    const key = invoiceKey(table, i);
    const before = sent(key);
    if (before !== undefined && before >= step.offsetDays) continue;

    let draft = drafts.get(account);
    if (!draft) {
      draft = {
        customer: table.customer[i],
        currency: table.currency[i],
        email: table.email[i] ?? '',
        template: step.template,
        lines: [],
        balanceCents: balance,
        cc: [...new Set(rules.flatMap((rule) => rule.cc.split(',').map((address) => address.trim()).filter(Boolean)))],
      };
      drafts.set(account, draft);
    }
    if (!draft.email && table.email[i]) draft.email = table.email[i];
    if (TEMPLATE_KINDS.indexOf(step.template) > TEMPLATE_KINDS.indexOf(draft.template)) draft.template = step.template;
    draft.lines.push({ invoice: i, key, step, daysOverdue: today - table.dueDay[i], openCents: open });
  }
  // The most overdue first: when the mail quota runs out, they are the ones sent.
  return [...drafts.values()].sort(
    (a, b) => maxOverdue(b) - maxOverdue(a) || b.balanceCents - a.balanceCents || (a.customer < b.customer ? -1 : a.customer > b.customer ? 1 : 0),
  );
}

function maxOverdue(draft: ReminderDraft): number {
  return Math.max(...draft.lines.map((line) => line.daysOverdue));
}
