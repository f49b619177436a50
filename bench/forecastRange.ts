// Is AR_FORECAST's range honest? At each held-out month-end of the accuracy
// bench, the weekly collections of the invoices then open are forecast over
// AR_FORECAST's default 8 weeks and compared with what really came in:
// the share of weeks inside Low–High (the range claims 90%), and the weekly
// error of the expected amounts spread over each invoice's payment days
// (what AR_FORECAST and AR_CASHFLOW's Receipts give) beside that of each
// invoice's whole amount on its one expected date (AR_EXPECTED_DATE).
import { existsSync, readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { openCentsAt } from '../src/core/balances';
import { forecastCollections } from '../src/core/forecast/collections';
import { fitPaymentModel, paymentDays } from '../src/core/forecast/paymentModel';
import { periodIndex, periodStarts } from '../src/core/forecast/periods';
import { HELD_OUT_MONTH_ENDS, tableAsOf, type Row } from './forecastAccuracy';

const WEEKS = 8;
/** The range claims 90%: fewer than 80% of weeks inside is too narrow a range, more than 97% one too wide to plan with. */
const COVERAGE_TARGET = { low: 0.8, high: 0.97 };

export function benchForecastRange(csvPath: string): void {
  if (!existsSync(csvPath)) {
    console.log(`forecast range: skipped, ${csvPath} is not there`);
    return;
  }
  const rows = Papa.parse<Row>(readFileSync(csvPath, 'utf8'), { header: true, skipEmptyLines: true }).data;
  let weeks = 0;
  let inside = 0;
  let spreadError = 0;
  let pointError = 0;
  let collected = 0;

  for (const asOfDay of HELD_OUT_MONTH_ENDS) {
    const { table, actual } = tableAsOf(rows, asOfDay);
    const model = fitPaymentModel(table, asOfDay);
    const starts = periodStarts(asOfDay, 'week', WEEKS);
    const forecasts = forecastCollections(table, model, starts);
    // Per currency and week: what came in, and the point-date forecast. The last slot is "later".
    const actualCents = new Map(forecasts.map((forecast) => [forecast.currency, new Float64Array(WEEKS + 1)]));
    const pointCents = new Map(forecasts.map((forecast) => [forecast.currency, new Float64Array(WEEKS + 1)]));
    for (let i = 0; i < table.size; i++) {
      const open = openCentsAt(table, i, asOfDay);
      if (open === null || open <= 0) continue;
      actualCents.get(table.currency[i])![periodIndex(starts, actual.get(table.row[i])!)] += open;
      pointCents.get(table.currency[i])![periodIndex(starts, paymentDays(model, table, i))] += open;
    }
    for (const forecast of forecasts) {
      const came = actualCents.get(forecast.currency)!;
      const point = pointCents.get(forecast.currency)!;
      for (let w = 0; w < WEEKS; w++) {
        weeks++;
        if (forecast.lowCents[w] <= came[w] && came[w] <= forecast.highCents[w]) inside++;
        spreadError += Math.abs(forecast.expectedCents[w] - came[w]);
        pointError += Math.abs(point[w] - came[w]);
        collected += came[w];
      }
    }
  }

  const coverage = inside / weeks;
  const money = (cents: number) => (cents / 100).toFixed(2);
  const verdict = coverage >= COVERAGE_TARGET.low && coverage <= COVERAGE_TARGET.high ? 'within' : 'OUTSIDE';
  console.log(`Forecast range, ${weeks} weeks (${WEEKS} after each of ${HELD_OUT_MONTH_ENDS.length} month-ends of Mar–Jun 2013, later payments hidden):`);
  console.log(`  weeks whose collections fall within AR_FORECAST's Low–High (claimed 90%): ${inside} of ${weeks}, ${(coverage * 100).toFixed(1)}%: ${verdict} the 80–97% target`);
  console.log(`  weekly MAE, expected amounts over each invoice's spread of payment days: ${money(spreadError / weeks)} (${((spreadError / collected) * 100).toFixed(1)}% of collections)`);
  console.log(`  weekly MAE, each invoice's whole amount on its expected date:          ${money(pointError / weeks)} (${((pointError / collected) * 100).toFixed(1)}% of collections)`);
  if (verdict !== 'within') process.exitCode = 1;
}
