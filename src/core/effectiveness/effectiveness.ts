import { openCentsAt } from '../balances';
import type { CalendarDay } from '../calendar';
import type { InvoiceTable } from '../invoices';
import { invoiceKey } from '../reminders/cadence';
import { CHANNEL_NAMES, type Channel } from '../reminders/kinds';
import type { OutputCell } from '../output';

/** One reminder or task that went to a customer: the Reminder log's sent rows and the Collections sheet's task rows. */
export interface Contact {
  day: CalendarDay;
  channel: Channel;
  /** The items it was about, each with the step offset it reached (the log's and the task's Keys). */
  marks: ReadonlyArray<{ key: string; offsetDays: number }>;
}

/** The figures of one group of invoices at one step. */
export interface Outcome {
  /** How many reminders (for the comparable group: how many comparable invoices). */
  count: number;
  /** Share paid in full within 7 days after, of those whose 7 days have passed by as_of; NaN with none. */
  paidWithin7: number;
  /** The same within 14 days. */
  paidWithin14: number;
  /** Median days from the reminder (or the step's day) to payment in full; NaN when fewer than half are paid by as_of, or none. */
  medianDaysToPay: number;
}

/** What one step of one channel brought in, beside comparable invoices not reminded at that stage. */
export interface StepEffect {
  offsetDays: number;
  channel: Channel;
  reminded: Outcome;
  notReminded: Outcome;
}

/** Days after which a payment counts as answering the reminder, and the window a comparable invoice must have gone without one. */
const WINDOWS = [7, 14] as const;
const QUIET_DAYS = 14;

/**
 * What each step of the cadence, per channel, got paid, from the reminders
 * that went out (the Reminder log's sent rows, the Collections sheet's tasks)
 * and the invoice rows' paid dates and amounts.
 *
 * Reminded: each invoice a reminder at that step and channel was about,
 * counted once (its first such reminder), measured from the reminder's day.
 * A payment is the invoice's paid date once it is paid in full.
 *
 * Comparable invoices not reminded at that stage: for a step of offset s,
 * every invoice (not a credit note) still open on its step day (due date + s,
 * so exactly as many days overdue as a reminded one was), which got no
 * reminder at that step in any channel and no reminder of any step from that
 * day through the next 14 days, and whose amount is in the same band (the
 * currency and the power of ten of the amount: 100–999, 1,000–9,999 …) as
 * some reminded invoice of the step. Its days are counted from its step day.
 * Its shares are weighted to the reminded invoices' mix of bands (each band
 * counts as often as it was reminded), so a step that mostly reminded small
 * invoices is compared with small invoices. Nothing here proves cause: a
 * customer left unreminded may be one who was paused or promised.
 *
 * A share counts only reminders (and step days) at least 7 (14) days before
 * as_of; the median counts an invoice unpaid by as_of as not paid yet, and is
 * blank while fewer than half are paid.
 */
export function stepEffects(table: InvoiceTable, contacts: readonly Contact[], asOfDay: CalendarDay): StepEffect[] {
  const byKey = new Map<string, number>();
  for (let i = 0; i < table.size; i++) if (!byKey.has(invoiceKey(table, i))) byKey.set(invoiceKey(table, i), i);
  const paidDay = (i: number) => (table.paidCents[i] >= table.amountCents[i] && table.paidDay[i] <= asOfDay ? table.paidDay[i] : Infinity);
  const band = (i: number) => `${table.currency[i]}\u0000${Math.floor(Math.log10(Math.max(1, table.amountCents[i] / 100)))}`;

  // Each invoice's reminders: the first per step and channel, and every day it was reminded on.
  const events = new Map<string, { offsetDays: number; channel: Channel; first: Map<number, CalendarDay> }>();
  const remindedDays = new Map<number, CalendarDay[]>();
  const remindedAtStep = new Set<string>();
  for (const contact of contacts) {
    if (!(contact.day <= asOfDay)) continue;
    for (const mark of contact.marks) {
      const i = byKey.get(mark.key);
      if (i === undefined || !Number.isFinite(mark.offsetDays)) continue;
      const group = `${mark.offsetDays}\u0000${contact.channel}`;
      let event = events.get(group);
      if (!event) events.set(group, (event = { offsetDays: mark.offsetDays, channel: contact.channel, first: new Map() }));
      if (!(event.first.get(i)! <= contact.day)) event.first.set(i, contact.day);
      remindedDays.set(i, [...(remindedDays.get(i) ?? []), contact.day]);
      remindedAtStep.add(`${i}\u0000${mark.offsetDays}`);
    }
  }

  const effects: StepEffect[] = [];
  for (const event of events.values()) {
    const reminded = [...event.first].map(([i, day]) => ({ i, day, weight: 1 }));
    const bandCounts = new Map<string, number>();
    for (const { i } of reminded) bandCounts.set(band(i), (bandCounts.get(band(i)) ?? 0) + 1);
    const candidates: Array<{ i: number; day: CalendarDay; band: string }> = [];
    for (let j = 0; j < table.size; j++) {
      const stepDay = table.dueDay[j] + event.offsetDays;
      if (!(stepDay <= asOfDay) || !bandCounts.has(band(j)) || remindedAtStep.has(`${j}\u0000${event.offsetDays}`)) continue;
      if (!((openCentsAt(table, j, stepDay) ?? 0) > 0) || table.amountCents[j] <= 0) continue;
      if ((remindedDays.get(j) ?? []).some((day) => day >= stepDay && day <= stepDay + QUIET_DAYS)) continue;
      candidates.push({ i: j, day: stepDay, band: band(j) });
    }
    const perBand = new Map<string, number>();
    for (const candidate of candidates) perBand.set(candidate.band, (perBand.get(candidate.band) ?? 0) + 1);
    const comparable = candidates.map((candidate) => ({ ...candidate, weight: (bandCounts.get(candidate.band) as number) / (perBand.get(candidate.band) as number) }));
    effects.push({ offsetDays: event.offsetDays, channel: event.channel, reminded: outcome(reminded, paidDay, asOfDay), notReminded: { ...outcome(comparable, paidDay, asOfDay), count: comparable.length } });
  }
  const channelOrder = ['email', 'call', 'letter', 'legal'];
  return effects.sort((a, b) => a.offsetDays - b.offsetDays || channelOrder.indexOf(a.channel) - channelOrder.indexOf(b.channel));
}

function outcome(group: ReadonlyArray<{ i: number; day: CalendarDay; weight: number }>, paidDay: (i: number) => number, asOfDay: CalendarDay): Outcome {
  const share = (days: number) => {
    let seen = 0;
    let paid = 0;
    for (const { i, day, weight } of group) {
      if (day + days > asOfDay) continue;
      seen += weight;
      if (paidDay(i) <= day + days) paid += weight;
    }
    return seen > 0 ? paid / seen : Number.NaN;
  };
  const waits = group.map(({ i, day, weight }) => ({ days: Math.max(0, paidDay(i) - day), weight }));
  const [paidWithin7, paidWithin14] = WINDOWS.map(share);
  return { count: group.length, paidWithin7, paidWithin14, medianDaysToPay: weightedMedian(waits) };
}

/** The weighted median; NaN when it falls on an unpaid (infinite) wait, or there is nothing. */
export function weightedMedian(values: ReadonlyArray<{ days: number; weight: number }>): number {
  const sorted = [...values].sort((a, b) => a.days - b.days);
  const total = sorted.reduce((sum, value) => sum + value.weight, 0);
  let running = 0;
  for (const value of sorted) {
    running += value.weight;
    if (running >= total / 2 - 1e-9) return Number.isFinite(value.days) ? value.days : Number.NaN;
  }
  return Number.NaN;
}

export const EFFECTIVENESS_HEADERS = [
  'Step',
  'Channel',
  'Sent',
  'Paid within 7 days',
  'Paid within 14 days',
  'Median days to pay',
  'Not reminded (comparable)',
  'Paid within 7 days, not reminded',
  'Paid within 14 days, not reminded',
  'Median days to pay, not reminded',
] as const;

/** "7 days after the due date", as the Reminder log words a step. */
export function stepWhen(offsetDays: number): string {
  const days = (n: number) => `${n} day${n === 1 ? '' : 's'}`;
  return offsetDays === 0 ? 'On the due date' : offsetDays < 0 ? `${days(-offsetDays)} before the due date` : `${days(offsetDays)} after the due date`;
}

/** The table AR_EFFECTIVENESS returns: shares as fractions (formatted 0%), blank where there is nothing to divide by. */
export function effectivenessTable(effects: readonly StepEffect[]): OutputCell[][] {
  const orBlank = (value: number, scale: number): OutputCell => (Number.isNaN(value) ? '' : Math.round(value * scale) / scale);
  const figures = (result: Outcome): OutputCell[] => [result.count, orBlank(result.paidWithin7, 1000), orBlank(result.paidWithin14, 1000), orBlank(result.medianDaysToPay, 1)];
  return [
    [...EFFECTIVENESS_HEADERS],
    ...effects.map((effect) => [stepWhen(effect.offsetDays), effect.channel === 'email' ? 'Email' : CHANNEL_NAMES.en[effect.channel], ...figures(effect.reminded), ...figures(effect.notReminded)]),
  ];
}
