// AR_AGING through the built bundle against a bare single pass that sums the
// same balances into the same buckets, on the same rows, in the same run.

import { AppsScriptRuntime } from '../runtime/index';
import { generateLedger } from './ledger';
import { timeAgainstBaseline, verdict } from './timing';

const TIME_ZONE = 'Europe/London';
const AS_OF = '2026-06-30';

/** The least work that yields the report: known columns, no checks, one pass. */
function barePass(rows: unknown[][], asOfMs: number): Map<string, number[]> {
  const sums = new Map<string, number[]>();
  for (let i = 1; i < rows.length; i++) {
    const row = rows[i];
    if (row[6] !== '' && (row[6] as Date).getTime() <= asOfMs) continue;
    const open = Math.round((row[4] as number) * 100) - (row[5] === '' ? 0 : Math.round((row[5] as number) * 100));
    if (open === 0) continue;
    const key = `${row[7]}\u0000${row[0]}`;
    let buckets = sums.get(key);
    if (!buckets) sums.set(key, (buckets = [0, 0, 0, 0, 0]));
    const late = Math.round((asOfMs - (row[3] as Date).getTime()) / 864e5);
    buckets[late <= 0 ? 0 : late <= 30 ? 1 : late <= 60 ? 2 : late <= 90 ? 3 : 4] += open;
  }
  return sums;
}

export function benchAging(distDir: string): { ratio: number } {
  const runtime = AppsScriptRuntime.fromDist(distDir);
  runtime.createSpreadsheet({ timeZone: TIME_ZONE });
  const rows = generateLedger(100_000, 5_000, TIME_ZONE, (ms) => runtime.date(ms), AS_OF);
  const asOf = runtime.date(Date.parse(`${AS_OF}T00:00:00+01:00`));

  // The two must agree before their speed means anything.
  const report = runtime.customFunction('AR_AGING', rows, asOf) as unknown[][];
  const bare = barePass(rows, asOf.getTime());
  const bareTotal = [...bare.values()].reduce((sum, buckets) => sum + buckets.reduce((a, b) => a + b, 0), 0);
  const reportTotal = report.filter((row) => row[0] === 'Total').reduce((sum, row) => sum + Math.round((row.at(-1) as number) * 100), 0);
  if (bareTotal !== reportTotal) throw new Error(`bench: AR_AGING total ${reportTotal} differs from the bare pass ${bareTotal}`);

  const { measuredMs: agingMs, baselineMs: bareMs, ratio } = timeAgainstBaseline(
    () => runtime.customFunction('AR_AGING', rows, asOf),
    () => barePass(rows, asOf.getTime()),
  );
  printAgainstTarget(`AR_AGING, 100,000 invoices, 5,000 customers: ${agingMs.toFixed(1)} ms; bare single pass ${bareMs.toFixed(1)} ms`, ratio, AGAINST_BARE);

  // The row-aligned columns read the same rows and write one cell per row: against the same bare pass.
  for (const name of ['AR_DAYS_OVERDUE', 'AR_BUCKET']) {
    const column = runtime.customFunction(name, rows, asOf) as unknown[][];
    if (column.length !== rows.length) throw new Error(`bench: ${name} gave ${column.length} rows for ${rows.length}`);
    const timing = timeAgainstBaseline(
      () => runtime.customFunction(name, rows, asOf),
      () => barePass(rows, asOf.getTime()),
    );
    printAgainstTarget(`${name}, same invoices: ${timing.measuredMs.toFixed(1)} ms; bare single pass ${timing.baselineMs.toFixed(1)} ms`, timing.ratio, AGAINST_BARE);
  }

  // The forecasting functions read the same table and do more with it: against the same bare pass, so
  // that AR_AGING getting faster does not count against them (the bar used to be 3× AR_AGING at 2.4×: 7.2×).
  for (const name of ['AR_FORECAST', 'AR_CUSTOMERS']) {
    const timing = timeAgainstBaseline(
      () => runtime.customFunction(name, rows, asOf),
      () => barePass(rows, asOf.getTime()),
      9,
      2,
    );
    printAgainstTarget(`${name}, same invoices: ${timing.measuredMs.toFixed(1)} ms; bare single pass ${timing.baselineMs.toFixed(1)} ms`, timing.ratio, FORECAST_AGAINST_BARE);
  }
  return { ratio };
}

/** AR_AGING, AR_DAYS_OVERDUE and AR_BUCKET against the bare pass (issue 23, item 6). */
const AGAINST_BARE = 2;
/** AR_FORECAST and AR_CUSTOMERS against the bare pass: they model each customer's paying, not just sum. */
const FORECAST_AGAINST_BARE = 6;

/** Prints a figure against its target; one that misses it makes `npm run bench` exit non-zero. */
function printAgainstTarget(text: string, ratio: number, target: number): void {
  console.log(`${text}; ratio ${ratio.toFixed(2)}× (${verdict(ratio, target)})`);
  if (ratio > target) process.exitCode = 1;
}
