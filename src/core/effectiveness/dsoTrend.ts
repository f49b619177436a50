import { openCentsAt } from '../balances';
import { calendarDay, dayParts, type CalendarDay } from '../calendar';
import type { InvoiceTable } from '../invoices';
import { centsToAmount, dayCell, type OutputCell } from '../output';

/** One month's figures in one currency. */
export interface MonthFigures {
  /** The month's first day. */
  month: CalendarDay;
  currency: string;
  /** Open at the month's end (or at as_of, for the month it falls in), credit notes netted. */
  openCents: number;
  /** Of that, past its due date. */
  overdueCents: number;
  /** Invoiced in the month (credit notes taken off), up to its end. */
  invoicedCents: number;
  /** Days in the month up to its end. */
  days: number;
  /** openCents ÷ invoicedCents × days; NaN when nothing was invoiced. */
  dso: number;
  /** overdueCents ÷ openCents; NaN when nothing is open. */
  overdueShare: number;
}

/**
 * DSO and the overdue share month by month, the `months` months ending with
 * the one `asOfDay` falls in (that one counted up to as_of), per currency.
 * The standard (not count-back) DSO of each month on its own:
 *
 *   DSO           = open at the month's end ÷ invoiced during the month × days in the month
 *   overdue share = open and past due at the month's end ÷ open at the month's end
 *
 * A payment counts on its paid date, so a past month reads as it stood then.
 * Null when no invoice has a date.
 */
export function dsoTrend(table: InvoiceTable, asOfDay: CalendarDay, months: number): MonthFigures[] | null {
  // A table with no invoice dates at all (a QuickBooks open-invoices report) has no invoicing to divide by: said in the table, not an error on a dashboard.
  if (table.size > 0 && table.invoiceDay.slice(0, table.size).every(Number.isNaN)) return null;
  const { year, month } = dayParts(asOfDay);
  const spans: Array<{ first: CalendarDay; end: CalendarDay }> = [];
  for (let k = months - 1; k >= 0; k--) {
    const index = year * 12 + (month - 1) - k;
    const first = calendarDay(Math.floor(index / 12), (index % 12) + 1, 1);
    const next = calendarDay(Math.floor((index + 1) / 12), ((index + 1) % 12) + 1, 1);
    spans.push({ first, end: Math.min(next - 1, asOfDay) });
  }
  const currencies = [...new Set(table.currency.slice(0, table.size))].sort();
  const lines: MonthFigures[] = [];
  for (const currency of currencies) {
    for (const { first, end } of spans) {
      let open = 0;
      let overdue = 0;
      let invoiced = 0;
      for (let i = 0; i < table.size; i++) {
        if (table.currency[i] !== currency) continue;
        if (Number.isNaN(table.invoiceDay[i])) throw new Error(`row ${table.row[i]} has no invoice date, which DSO needs`);
        const cents = openCentsAt(table, i, end) ?? 0;
        open += cents;
        if (cents > 0 && table.dueDay[i] < end) overdue += cents;
        if (table.invoiceDay[i] >= first && table.invoiceDay[i] <= end) invoiced += table.amountCents[i];
      }
      const days = end - first + 1;
      lines.push({ month: first, currency, openCents: open, overdueCents: overdue, invoicedCents: invoiced, days, dso: invoiced > 0 ? (open / invoiced) * days : Number.NaN, overdueShare: open > 0 ? overdue / open : Number.NaN });
    }
  }
  return lines;
}

export const NO_INVOICE_DATES = 'DSO needs the invoices\' dates: the table has no invoice date column';

/** The table AR_DSO_TREND returns: a Currency column only when there are several. */
export function dsoTrendTable(lines: readonly MonthFigures[] | null): OutputCell[][] {
  if (lines === null) return [['Month', 'Open at month end', 'Overdue', 'Overdue share', 'Invoiced', 'DSO'], [NO_INVOICE_DATES, '', '', '', '', '']];
  const several = new Set(lines.map((line) => line.currency)).size > 1;
  const orBlank = (value: number, scale: number): OutputCell => (Number.isNaN(value) ? '' : Math.round(value * scale) / scale);
  return [
    ['Month', ...(several ? ['Currency'] : []), 'Open at month end', 'Overdue', 'Overdue share', 'Invoiced', 'DSO'],
    ...lines.map((line) => [dayCell(line.month), ...(several ? [line.currency] : []), centsToAmount(line.openCents), centsToAmount(line.overdueCents), orBlank(line.overdueShare, 1000), centsToAmount(line.invoicedCents), orBlank(line.dso, 10)]),
  ];
}
