/** Where each live table of the dashboard goes: side by side from row 1, so that growing tables never spill into each other. */
export interface DashboardBlock {
  formula: 'AR_AGING' | 'AR_FORECAST' | 'AR_CUSTOMERS';
  column: number;
  width: number;
  /** Offsets (from `column`) of columns holding amounts and dates. */
  amountColumns: number[];
  dateColumns: number[];
  percentColumns: number[];
}

export interface DashboardChart {
  title: string;
  /** [first column, width] of each range the chart reads, from row 1. */
  ranges: Array<[number, number]>;
  stacked: boolean;
  row: number;
  column: number;
}

const GAP = 1;

/**
 * The dashboard's layout for a table with `currencyCount` currencies (a
 * Currency column appears in each table when there are several).
 */
export function dashboardLayout(currencyCount: number): { blocks: DashboardBlock[]; charts: DashboardChart[] } {
  const currency = currencyCount > 1 ? 1 : 0;
  const range = (from: number, count: number) => Array.from({ length: count }, (_, k) => from + k);
  const aging: DashboardBlock = { formula: 'AR_AGING', column: 1, width: 7 + currency, amountColumns: range(1 + currency, 6), dateColumns: [], percentColumns: [] };
  const forecast: DashboardBlock = { formula: 'AR_FORECAST', column: aging.column + aging.width + GAP, width: 4 + currency, amountColumns: range(1 + currency, 3), dateColumns: [0], percentColumns: [] };
  const customers: DashboardBlock = {
    formula: 'AR_CUSTOMERS',
    column: forecast.column + forecast.width + GAP,
    width: 10 + currency,
    amountColumns: [1 + currency, 2 + currency],
    dateColumns: [8 + currency],
    percentColumns: [6 + currency],
  };
  const charts: DashboardChart[] = [
    // Customers along the axis, a stacked bar of each one's balance by age.
    { title: 'Aging by bucket', ranges: [[aging.column, 1], [aging.column + 1 + currency, 5]], stacked: true, row: 22, column: aging.column },
    { title: 'Expected collections per week', ranges: [[forecast.column, 1], [forecast.column + 1 + currency, 1]], stacked: false, row: 22, column: forecast.column },
  ];
  return { blocks: [aging, forecast, customers], charts };
}
