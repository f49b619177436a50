import { cashflow, cashflowTable, type CashInputs } from '../core/cash/cashflow';
import { collectFirst, collectFirstTable } from '../core/cash/collectFirst';
import { readOpeningBalances } from '../core/cash/opening';
import { readOutflows, type OutflowTable } from '../core/cash/outflows';
import type { CashPolicy } from '../core/cash/policy';
import { readingNotes } from '../core/agingTable';
import { CellError, type Cell } from '../core/cells';
import { fitPaymentModel } from '../core/forecast/paymentModel';
import { parseHorizon, parsePeriod, periodStarts } from '../core/forecast/periods';
import { readInvoiceTable, type InvoiceTable } from '../core/invoices';
import { localeConventions } from '../core/locale';
import { openCentsAt } from '../core/balances';
import { ArgumentError, asOfArgument, reportingErrorsAs, singleCell, tableArgument } from './arguments';
import { tableOptionsOf } from './customFunctions';
import { readSettings } from './reminders/policyStore';
import { toSheetValues } from './sheetValues';
import { activeSpreadsheetSettings, type SpreadsheetSettings } from './spreadsheetSettings';
import { defaultPolicy, type Policy } from '../core/reminders/policy';

/**
 * The cash position per week or month: receipts AR_FORECAST expects, outflows falling due, the balance and its low end, and the first gap below the floor.
 *
 * @param {A1:J500} invoices The invoice table, header row included, with paid invoices' paid dates.
 * @param {Outflows!A1:F100} outflows The outflows: a date, an amount and optionally a payee, a currency, a repeat and an end date; or a payables export; blank for none.
 * @param {12000} opening_balance Cash at hand at as_of: a number, or a range of currency and amount; blank for the balances set in the sidebar.
 * @param {"2026-03-31"} as_of Optional. The date to look from; today in the spreadsheet's time zone when blank.
 * @param {"week"} period Optional. "week" (Monday to Sunday, the default) or "month".
 * @param {8} horizon Optional. How many periods: 8 weeks or 6 months when blank.
 * @return A table: Period start, Currency (with more than one), Receipts, Receipts low, Receipts high, Outflows, Balance, Balance low, Gap.
 * @customfunction
 */
export function AR_CASHFLOW(invoices: unknown, outflows: unknown, opening_balance: unknown, as_of?: unknown, period?: unknown, horizon?: unknown): unknown {
  return reportingErrorsAs('AR_CASHFLOW', () => {
    const kind = parsePeriod(singleCell(period, 'period'));
    const count = parseHorizon(singleCell(horizon, 'horizon'), kind);
    const { inputs, notes, settings } = cashArguments(invoices, outflows, opening_balance, as_of, (asOfDay) => periodStarts(asOfDay, kind, count));
    return toSheetValues(cashflowTable(cashflow(inputs), notes), settings.timeZone);
  });
}

/**
 * The open invoices whose collection before the cash gap would close it, the ones an effort changes most first, and what would still be missing.
 *
 * @param {A1:J500} invoices The invoice table, header row included, with paid invoices' paid dates.
 * @param {Outflows!A1:F100} outflows The outflows: a date, an amount and optionally a payee, a currency, a repeat and an end date; or a payables export.
 * @param {12000} opening_balance Cash at hand at as_of: a number, or a range of currency and amount; blank for the balances set in the sidebar.
 * @param {"2026-03-31"} as_of Optional. The date to look from; today in the spreadsheet's time zone when blank.
 * @return A table of invoices, best first, and per currency the amount still missing if all of them came in; or a line saying there is no gap.
 * @customfunction
 */
export function AR_COLLECT_FIRST(invoices: unknown, outflows: unknown, opening_balance: unknown, as_of?: unknown): unknown {
  return reportingErrorsAs('AR_COLLECT_FIRST', () => {
    // Weeks over the sidebar's horizon: the same look ahead as the daily run's warning.
    const { inputs, settings } = cashArguments(invoices, outflows, opening_balance, as_of, (asOfDay, cash) => periodStarts(asOfDay, 'week', cash.horizonWeeks));
    const results = cashflow(inputs);
    return toSheetValues(collectFirstTable(collectFirst(inputs, results), results.length > 1, inputs.floorCents), settings.timeZone);
  });
}

/** The stored policy as custom functions may read it (read-only); the defaults when nothing readable is stored. */
function storedPolicy(): Policy {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  if (!spreadsheet) return defaultPolicy();
  const settings = readSettings(spreadsheet);
  return settings.ok ? settings.policy : defaultPolicy();
}

/**
 * Everything AR_CASHFLOW and AR_COLLECT_FIRST read: the books, the model
 * fitted as AR_FORECAST fits it, the outflows, the opening balances (the
 * argument, else the sidebar's), the floor from the sidebar; and the notes
 * on what the outflows' reading left out.
 */
export function cashArguments(
  invoices: unknown,
  outflows: unknown,
  openingBalance: unknown,
  asOf: unknown,
  startsOf: (asOfDay: number, cash: CashPolicy) => number[],
): { inputs: CashInputs; notes: string[]; settings: SpreadsheetSettings } {
  const settings = activeSpreadsheetSettings();
  const policy = storedPolicy();
  const options = { ...settings, ...tableOptionsOf(policy) };
  const asOfDay = asOfArgument(asOf, settings);
  const table = readInvoiceTable(tableArgument(invoices) as Cell[][], options);
  const outflowTable = outflowsArgument(outflows, { ...settings, currency: table.mainCurrency || options.currency });
  const openingCents = openingArgument(openingBalance, settings, policy.cash, currenciesOf(table, outflowTable, asOfDay));
  const inputs: CashInputs = {
    table,
    model: fitPaymentModel(table, asOfDay),
    outflows: outflowTable,
    openingCents,
    starts: startsOf(asOfDay, policy.cash),
    floorCents: Math.round(policy.cash.floor * 100),
  };
  // Nothing left out unsaid: the invoice table's unreadable rows and totals too, as AR_AGING ends with them.
  const notes = [...readingNotes(table).map((note) => `Invoices: ${note}`), ...readingNotes(outflowTable).map((note) => `Outflows: ${note}`)];
  return { inputs, notes, settings };
}

function outflowsArgument(outflows: unknown, options: { timeZone: string; locale: string; currency?: string }): OutflowTable {
  // Left out (=AR_CASHFLOW(A1:J, , 12000)): nothing to pay yet, the position is the receipts alone.
  if (outflows === undefined || outflows === null || outflows === '') {
    return { outflows: [], unreadable: [], summaryRows: 0, balanceConflicts: { count: 0, first: '' }, kind: 'schedule', mainCurrency: options.currency ?? '' };
  }
  if (!Array.isArray(outflows) || !Array.isArray(outflows[0])) throw new ArgumentError('outflows must be a range with a header row (a date and an amount), like Outflows!A1:F100');
  try {
    return readOutflows(outflows as Cell[][], options);
  } catch (error) {
    if (error instanceof Error) throw new ArgumentError(`outflows: ${error.message}`);
    throw error;
  }
}

function openingArgument(input: unknown, settings: SpreadsheetSettings, cash: CashPolicy, currencies: string[]): Map<string, number> {
  const cell = Array.isArray(input) && (input as unknown[][]).flat().length === 1 ? ((input as unknown[][])[0][0] as Cell) : (input as Cell | Cell[][]);
  if (!Array.isArray(cell) && (cell === '' || cell === null || cell === undefined)) {
    const stored = Object.entries(cash.openingBalances);
    if (stored.length === 0) throw new ArgumentError('opening_balance is empty and none is set in the sidebar (Settings › Cash): give the cash at hand as a number, or a range of currency and amount');
    return new Map(stored.map(([code, amount]) => [code, Math.round(amount * 100)]));
  }
  try {
    return readOpeningBalances(cell, localeConventions(settings.locale), currencies);
  } catch (error) {
    if (error instanceof CellError) throw new ArgumentError(error.message);
    throw error;
  }
}

/** The currencies of the open invoices and the outflows, the books' main one first. */
function currenciesOf(table: InvoiceTable, outflows: OutflowTable, asOfDay: number): string[] {
  const codes = new Set<string>();
  if (table.mainCurrency) codes.add(table.mainCurrency);
  for (let i = 0; i < table.size; i++) {
    const open = openCentsAt(table, i, asOfDay);
    if (open !== null && open !== 0) codes.add(table.currency[i]);
  }
  for (const outflow of outflows.outflows) codes.add(outflow.currency);
  return [...codes];
}

