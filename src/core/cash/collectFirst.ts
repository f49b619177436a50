import { openCentsAt } from '../balances';
import type { CalendarDay } from '../calendar';
import { forecastModel, RANGE_Z } from '../forecast/collections';
import { isHistory, paymentDays } from '../forecast/paymentModel';
import { centsToAmount, dayCell, type OutputCell } from '../output';
import { cashflow, findGap, type CashflowResult, type CashGap, type CashInputs } from './cashflow';

/** One open invoice worth chasing before the gap. */
export interface CollectCandidate {
  row: number;
  customer: string;
  number: string;
  currency: string;
  openCents: number;
  dueDay: CalendarDay;
  /** The model's median payment day. */
  expectedDay: CalendarDay;
  /** The model's chance that it is paid by the end of the gap's period, 0 to 1. */
  chanceByGap: number;
  /** How often this customer, once late, paid within REMINDER_WINDOW_DAYS of the due date (smoothed), 0 to 1. */
  paysAfterReminders: number;
  /** How much the gap period's Balance low rises if this invoice alone is paid by then, in cents. */
  gainCents: number;
  /** gainCents × paysAfterReminders: what an effort is worth; the ranking's key. */
  scoreCents: number;
}

/** What to collect first in one currency that has a gap. */
export interface CollectFirstResult {
  currency: string;
  gap: CashGap;
  /** Best first; the shortest head of the ranking that closes the gap, or every candidate (up to MAX_CANDIDATES) when none does. */
  candidates: CollectCandidate[];
  /** What Balance low still lacks of the floor in the gap's period if every listed invoice came in by its end; 0 when they close it. */
  missingCents: number;
}

/** Days after the due date that the default reminder cadence spans (its last step, the final notice, is at +30). */
export const REMINDER_WINDOW_DAYS = 30;
/** At most this many invoices are listed per currency. */
export const MAX_CANDIDATES = 100;

/**
 * The open invoices whose collection by the end of the gap's period would
 * close the gap, per currency with a gap (by code), ranked by what an
 * effort changes:
 *
 *   chance  p  = the model's probability that the invoice is paid by the end
 *                of the gap's period (the forecast's own spread of days);
 *   gain    g  = Balance low at the gap if this invoice came in by then,
 *                less Balance low as forecast: its whole amount is then
 *                cash for certain, and the other receipts keep the low end
 *                of their own range (their expected sum less open × p, their
 *                variance less open² × p × (1 − p)); so a large invoice the
 *                model expects late gains most, one it already counts on
 *                gains little;
 *   reminders r = (late invoices of the customer paid within 30 days of the
 *                due date + 1) ÷ (late invoices paid + 2): whether the
 *                customer has paid after the reminders' cadence, ½ for a
 *                customer never late;
 *   score      = g × r; ties go to the larger open amount, then the upper row.
 *
 * Invoices are taken in that order until, with all taken ones in, Balance
 * low at the gap reaches the floor; `missingCents` says what is still
 * lacking when even all candidates would not close it. Credit notes and
 * invoices the model counts on fully (g = 0) are never listed.
 */
export function collectFirst(inputs: CashInputs, results: readonly CashflowResult[] = cashflow(inputs)): CollectFirstResult[] {
  const { table, starts } = inputs;
  const model = forecastModel(inputs.model);
  const responsiveness = reminderResponsiveness(inputs);
  const answers: CollectFirstResult[] = [];
  for (const result of results) {
    const gap = findGap(result);
    if (!gap) continue;
    const end = starts[gap.index + 1];
    // What Balance low at the gap is made of: receipts expected by then and their variance.
    let expected = 0;
    for (let k = 0; k <= gap.index; k++) expected += result.periods[k].receiptsCents;
    const variance = result.cumulativeDeviationCents[gap.index] ** 2;
    const fixedCents = result.periods[gap.index].balanceCents - expected;
    // Balance low with some invoices in for certain: their full amounts, and the rest at the low end of its own range.
    const lowOf = (secured: number, sum: number, spread: number) =>
      fixedCents + secured + Math.min(sum, Math.max(0, Math.round(sum - RANGE_Z * Math.sqrt(Math.max(0, spread)))));
    const baseLow = lowOf(0, expected, variance);

    const candidates: CollectCandidate[] = [];
    for (let i = 0; i < table.size; i++) {
      if (table.currency[i] !== result.currency) continue;
      const open = openCentsAt(table, i, model.asOfDay);
      if (open === null || open <= 0) continue;
      let chance = 0;
      const expectedDay = paymentDays(model, table, i, (day, probability) => {
        if (day < end) chance += probability;
      });
      if (chance >= 1 - 1e-9) continue;
      const gainCents = lowOf(open, expected - open * chance, variance - open * open * chance * (1 - chance)) - baseLow;
      if (gainCents <= 0) continue;
      const paysAfterReminders = responsiveness[table.customerId[i]];
      candidates.push({
        row: table.row[i],
        customer: table.customer[i],
        number: table.number[i] ?? '',
        currency: result.currency,
        openCents: open,
        dueDay: table.dueDay[i],
        expectedDay,
        chanceByGap: chance,
        paysAfterReminders,
        gainCents,
        scoreCents: gainCents * paysAfterReminders,
      });
    }
    candidates.sort((a, b) => b.scoreCents - a.scoreCents || b.openCents - a.openCents || a.row - b.row);

    // The shortest head of the ranking that closes the gap.
    let secured = 0;
    let sum = expected;
    let spread = variance;
    let taken = 0;
    let low = baseLow;
    while (taken < candidates.length && taken < MAX_CANDIDATES && low < result.floorCents) {
      const candidate = candidates[taken++];
      secured += candidate.openCents;
      sum -= candidate.openCents * candidate.chanceByGap;
      spread -= candidate.openCents * candidate.openCents * candidate.chanceByGap * (1 - candidate.chanceByGap);
      low = lowOf(secured, sum, spread);
    }
    answers.push({ currency: result.currency, gap, candidates: candidates.slice(0, taken), missingCents: Math.max(0, result.floorCents - low) });
  }
  return answers;
}

/** Per customer (by customerId): (late paid within the window + 1) ÷ (late paid + 2). */
function reminderResponsiveness({ table, model }: CashInputs): Float64Array {
  const late = new Int32Array(table.customers.length);
  const soon = new Int32Array(table.customers.length);
  for (let i = 0; i < table.size; i++) {
    if (!isHistory(table, i, model.asOfDay) || !(table.paidDay[i] > table.dueDay[i])) continue;
    late[table.customerId[i]]++;
    if (table.paidDay[i] - table.dueDay[i] <= REMINDER_WINDOW_DAYS) soon[table.customerId[i]]++;
  }
  return Float64Array.from(late, (count, c) => (soon[c] + 1) / (count + 2));
}

/**
 * AR_COLLECT_FIRST's table: Customer, Invoice, Currency (only with more
 * than one currency in the books), Open, Due date, Expected payment,
 * Chance by gap, Pays after reminders, Balance low gain; per currency with
 * a gap, its invoices best first, then a line "Still missing if all of
 * these came in" with that amount under Open. With
 * no gap, one line saying so.
 */
export function collectFirstTable(answers: readonly CollectFirstResult[], multiCurrency: boolean, floorCents: number): OutputCell[][] {
  if (answers.length === 0) return [[`No gap within the horizon: Balance low stays at or above the floor (${centsToAmount(floorCents)})`]];
  const header: OutputCell[] = ['Customer', 'Invoice'];
  if (multiCurrency) header.push('Currency');
  header.push('Open', 'Due date', 'Expected payment', 'Chance by gap', 'Pays after reminders', 'Balance low gain');
  const rows: OutputCell[][] = [header];
  const at = multiCurrency ? 3 : 2;
  for (const answer of answers) {
    for (const candidate of answer.candidates) {
      const row: OutputCell[] = [candidate.customer, candidate.number];
      if (multiCurrency) row.push(candidate.currency);
      row.push(
        centsToAmount(candidate.openCents),
        dayCell(candidate.dueDay),
        dayCell(candidate.expectedDay),
        Math.round(candidate.chanceByGap * 1000) / 1000,
        Math.round(candidate.paysAfterReminders * 1000) / 1000,
        centsToAmount(Math.round(candidate.gainCents)),
      );
      rows.push(row);
    }
    const line = new Array<OutputCell>(header.length).fill('');
    line[0] = 'Still missing if all of these came in';
    if (multiCurrency) line[2] = answer.currency;
    line[at] = centsToAmount(Math.round(answer.missingCents));
    rows.push(line);
  }
  return rows;
}
