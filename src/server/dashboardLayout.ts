import { formulaText } from '../core/a1';
/** Where each live table of the dashboard goes: side by side from row 1, so that growing tables never spill into each other. */
export interface DashboardBlock {
  formula: 'AR_AGING' | 'AR_FORECAST' | 'AR_CUSTOMERS' | 'AR_CHART_DATA' | 'AR_CREDIT_STATUS' | 'AR_EFFECTIVENESS' | 'AR_DSO_TREND';
  /** Arguments after the invoices and as_of, as formula text (`"aging", "USD"`). */
  extraArguments: string;
  /** The one currency the block's amounts are in, when it has one. */
  currency?: string;
  column: number;
  width: number;
  /** Offsets (from `column`) of columns holding amounts and dates. */
  amountColumns: number[];
  dateColumns: number[];
  percentColumns: number[];
}

export interface DashboardChart {
  title: string;
  /** The block of AR_CHART_DATA the chart reads: its first column, width and rows (header included), all data, no totals. */
  range: { column: number; width: number; rows: number };
  row: number;
  column: number;
  /** A line chart (the cash position's Balance, Balance low and the gap's point); columns otherwise. */
  line?: boolean;
}

/** The dashboard's cash charts, when the Cash section is set up: the outflows range as formula text ("" for none), and the weeks ahead. */
export interface DashboardCash {
  outflows: string;
  horizonWeeks: number;
}

const GAP = 1;
/** Rows of AR_CHART_DATA, header included: Not due and four buckets; eight weeks. */
const AGING_CHART_ROWS = 6;
const FORECAST_CHART_ROWS = 9;
/** Rows a chart takes on the sheet, so that the next currency's charts sit below. */
const CHART_HEIGHT = 20;

/**
 * The dashboard's layout for a table in these currencies (a Currency column
 * appears in each table when there are several). Each chart reads its own
 * small block, one currency's amounts only: a chart never mixes currencies
 * on one axis, and never takes in the tables' Total, "Skipped" or "Later" rows.
 */
export function dashboardLayout(currencies: readonly string[], cash?: DashboardCash): { blocks: DashboardBlock[]; charts: DashboardChart[] } {
  const currency = currencies.length > 1 ? 1 : 0;
  const range = (from: number, count: number) => Array.from({ length: count }, (_, k) => from + k);
  const plain = { extraArguments: '', percentColumns: [] };
  const aging: DashboardBlock = { ...plain, formula: 'AR_AGING', column: 1, width: 7 + currency, amountColumns: range(1 + currency, 6), dateColumns: [] };
  const forecast: DashboardBlock = { ...plain, formula: 'AR_FORECAST', column: aging.column + aging.width + GAP, width: 4 + currency, amountColumns: range(1 + currency, 3), dateColumns: [0] };
  const customers: DashboardBlock = {
    formula: 'AR_CUSTOMERS',
    extraArguments: '',
    column: forecast.column + forecast.width + GAP,
    width: 10 + currency,
    amountColumns: [1 + currency, 2 + currency],
    dateColumns: [8 + currency],
    percentColumns: [6 + currency],
  };
  const blocks = [aging, forecast, customers];
  const charts: DashboardChart[] = [];
  let next = customers.column + customers.width + GAP;
  (currencies.length ? currencies : ['']).forEach((code, k) => {
    // The currency is data (a person typed it): a string literal it cannot leave.
    const named = code ? `, ${formulaText(code)}` : '';
    const suffix = code && currencies.length > 1 ? `, ${code}` : '';
    const agingData: DashboardBlock = { ...plain, formula: 'AR_CHART_DATA', extraArguments: `, "aging"${named}`, currency: code, column: next, width: 2, amountColumns: [1], dateColumns: [] };
    const forecastData: DashboardBlock = { ...plain, formula: 'AR_CHART_DATA', extraArguments: `, "forecast"${named}`, currency: code, column: next + 2 + GAP, width: 2, amountColumns: [1], dateColumns: [0] };
    next = forecastData.column + forecastData.width + GAP;
    blocks.push(agingData, forecastData);
    const row = 22 + k * CHART_HEIGHT;
    charts.push(
      { title: `Aging by bucket${suffix}`, range: { column: agingData.column, width: 2, rows: AGING_CHART_ROWS }, row, column: aging.column },
      { title: `Expected collections per week${suffix}`, range: { column: forecastData.column, width: 2, rows: FORECAST_CHART_ROWS }, row, column: forecast.column },
    );
  });
  // The cash position's blocks after every currency's aging and forecast blocks, which keep their places (issue 25).
  if (cash) {
    (currencies.length ? currencies : ['']).forEach((code, k) => {
      const suffix = code && currencies.length > 1 ? `, ${code}` : '';
      // Week, Balance, Balance low, Gap: the cash position of this currency alone.
      const cashData: DashboardBlock = { ...plain, formula: 'AR_CHART_DATA', extraArguments: `, "cash", ${code ? formulaText(code) : '""'}, ${cash.outflows || '""'}`, currency: code, column: next, width: 4, amountColumns: [1, 2, 3], dateColumns: [0] };
      next = cashData.column + cashData.width + GAP;
      blocks.push(cashData);
      charts.push({ title: `Cash: Balance and Balance low, gap marked${suffix}`, range: { column: cashData.column, width: 4, rows: cash.horizonWeeks + 1 }, row: 22 + k * CHART_HEIGHT, column: customers.column, line: true });
    });
  }
  // Who is on credit hold, and why: the limits come after the invoices (AR_CREDIT_STATUS(invoices, limits, as_of)), so the menu writes its arguments.
  blocks.push({ ...plain, formula: 'AR_CREDIT_STATUS', column: next, width: 8, amountColumns: [2, 3, 4, 5], dateColumns: [] });
  // What works (issue 27): each step's payments beside comparable invoices not reminded, then DSO and the overdue share month by month.
  // The menu passes the Reminder log and Collections sheets (AR_EFFECTIVENESS) and 12 months (AR_DSO_TREND) as their arguments.
  const effectiveness: DashboardBlock = { formula: 'AR_EFFECTIVENESS', extraArguments: '', column: next + 8 + GAP, width: 10, amountColumns: [], dateColumns: [], percentColumns: [3, 4, 7, 8] };
  const trend: DashboardBlock = { formula: 'AR_DSO_TREND', extraArguments: '', column: effectiveness.column + effectiveness.width + GAP, width: 6 + currency, amountColumns: [1 + currency, 2 + currency, 4 + currency], dateColumns: [0], percentColumns: [3 + currency] };
  blocks.push(effectiveness, trend);
  return { blocks, charts };
}
