import { centsToAmount, dayCell, type OutputCell } from '../output';
import { ROW_HEADER, ROW_UNREADABLE } from '../invoiceRows';
import type { InvoiceTable } from '../invoices';
import type { CollectionForecast } from './collections';
import { describeTrend, type CustomerStanding } from './customers';
import type { CollectionFigures } from './figures';
import { paymentDays, type PaymentModel } from './paymentModel';
import { openCentsAt } from '../balances';
import type { CalendarDay } from '../calendar';

/** The expected payment date of each open invoice, aligned with the table's rows. */
export function expectedDateColumn(table: InvoiceTable, model: PaymentModel): OutputCell[][] {
  const reasons = new Map(table.unreadable.map((entry) => [entry.row, entry.reason]));
  const byRow = new Map<number, number>();
  for (let i = 0; i < table.size; i++) {
    const open = openCentsAt(table, i, model.asOfDay);
    if (open !== null && open > 0) byRow.set(table.row[i], paymentDays(model, table, i));
  }
  return Array.from(table.rowKinds, (kind, index): OutputCell[] => {
    if (kind === ROW_HEADER) return ['Expected payment'];
    if (kind === ROW_UNREADABLE) return [reasons.get(index + 1) ?? ''];
    const day = byRow.get(index + 1);
    return [day === undefined ? '' : dayCell(day)];
  });
}

/** Expected collections per period, a Later row per currency last. */
export function forecastTable(forecasts: CollectionForecast[], starts: readonly CalendarDay[]): OutputCell[][] {
  const multiCurrency = forecasts.length > 1;
  const withCurrency = (cells: OutputCell[], currency: string) => (multiCurrency ? [cells[0], currency, ...cells.slice(1)] : cells);
  const rows: OutputCell[][] = [withCurrency(['Period start', 'Expected', 'Low', 'High'], 'Currency')];
  for (const forecast of forecasts) {
    forecast.expectedCents.forEach((cents, k) =>
      rows.push(withCurrency([dayCell(starts[k]), centsToAmount(cents), centsToAmount(forecast.lowCents[k]), centsToAmount(forecast.highCents[k])], forecast.currency)),
    );
  }
  for (const forecast of forecasts) rows.push(withCurrency(['Later', centsToAmount(forecast.laterCents), '', ''], forecast.currency));
  return rows;
}

/** One row per customer (and currency), the riskiest first. */
export function customersTable(standings: CustomerStanding[]): OutputCell[][] {
  const multiCurrency = new Set(standings.map((line) => line.currency)).size > 1;
  const header: OutputCell[] = ['Customer'];
  if (multiCurrency) header.push('Currency');
  header.push('Open balance', 'Overdue', 'Oldest overdue (days)', 'Paid invoices', 'Avg days late', 'Paid late', 'Trend', 'Next payment expected', 'Risk');
  const orBlank = (value: number, scale: number) => (Number.isNaN(value) ? '' : Math.round(value * scale) / scale);
  return [
    header,
    ...standings.map((line) => {
      const row: OutputCell[] = [line.customer];
      if (multiCurrency) row.push(line.currency);
      row.push(
        centsToAmount(line.openCents),
        centsToAmount(line.overdueCents),
        line.oldestOverdueDays,
        line.paidCount,
        orBlank(line.averageDaysLate, 10),
        orBlank(line.sharePaidLate, 1000),
        describeTrend(line.trendDays),
        Number.isNaN(line.nextPaymentDay) ? '' : dayCell(line.nextPaymentDay),
        line.grade,
      );
      return row;
    }),
  ];
}

/** One figure: a number for a one-currency table, else a row per currency. */
export function figureTable(figures: CollectionFigures[], pick: (figures: CollectionFigures) => number, name: string, undefinedReason: string): OutputCell | OutputCell[][] {
  const value = (figure: CollectionFigures): OutputCell => {
    const number = pick(figure);
    return Number.isNaN(number) ? undefinedReason : Number(number.toFixed(2));
  };
  if (figures.length === 0) return '';
  if (figures.length === 1) return value(figures[0]);
  return [['Currency', name], ...figures.map((figure) => [figure.currency, value(figure)])];
}
