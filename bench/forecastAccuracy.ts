// Forecast accuracy on real history (../shared/data/ar-invoices-train.csv):
// at each of the last four month-ends of the file, payments after that day are
// hidden, the open invoices' payment dates predicted, and compared with the
// real ones, beside two baselines computed in the same run.
import { existsSync, readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { calendarDay, type CalendarDay } from '../src/core/calendar';
import { fitPaymentModel, isHistory, paymentDays } from '../src/core/forecast/paymentModel';
import { readInvoiceTable, type InvoiceTable } from '../src/core/invoices';

export interface Row {
  [column: string]: string;
}

export const dayOf = (mdy: string): CalendarDay => {
  const [m, d, y] = mdy.split('/').map(Number);
  return calendarDay(y, m, d);
};

/** The table as it stood at `asOfDay`: later invoices absent, later payments blank. */
export function tableAsOf(rows: Row[], asOfDay: CalendarDay): { table: InvoiceTable; actual: Map<number, CalendarDay> } {
  const header = Object.keys(rows[0]);
  const visible = rows.filter((row) => dayOf(row.InvoiceDate) <= asOfDay);
  const cells = visible.map((row) => header.map((column) => (column === 'SettledDate' && dayOf(row.SettledDate) > asOfDay ? '' : row[column])));
  const table = readInvoiceTable([header, ...cells], { timeZone: 'UTC', locale: 'en_US' });
  const actual = new Map<number, CalendarDay>();
  visible.forEach((row, k) => actual.set(k + 2, dayOf(row.SettledDate)));
  return { table, actual };
}

/** Days to pay (paid − invoiced) each customer took, median, from the invoices paid by `asOfDay`. */
function medianDaysToPay(table: InvoiceTable, asOfDay: CalendarDay): { byCustomer: Map<string, number>; book: number } {
  const days = new Map<string, number[]>();
  const all: number[] = [];
  for (let i = 0; i < table.size; i++) {
    if (!isHistory(table, i, asOfDay)) continue;
    const taken = table.paidDay[i] - table.invoiceDay[i];
    all.push(taken);
    days.set(table.customer[i], [...(days.get(table.customer[i]) ?? []), taken]);
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
  return { byCustomer: new Map([...days].map(([customer, values]) => [customer, median(values)])), book: all.length ? median(all) : 30 };
}

/** The month-ends the benchmarks look from: everything paid after each is hidden from the model. */
export const HELD_OUT_MONTH_ENDS = [calendarDay(2013, 3, 31), calendarDay(2013, 4, 30), calendarDay(2013, 5, 31), calendarDay(2013, 6, 30)];

interface Score {
  absoluteErrors: number[];
  weeklyDifference: number;
  weeklyActual: number;
}

const newScore = (): Score => ({ absoluteErrors: [], weeklyDifference: 0, weeklyActual: 0 });

export function benchForecastAccuracy(csvPath: string): void {
  if (!existsSync(csvPath)) {
    console.log(`forecast accuracy: skipped, ${csvPath} is not there`);
    return;
  }
  const rows = Papa.parse<Row>(readFileSync(csvPath, 'utf8'), { header: true, skipEmptyLines: true }).data;
  const scores = { model: newScore(), dueDate: newScore(), customerMedian: newScore() };
  let openCount = 0;

  for (const asOfDay of HELD_OUT_MONTH_ENDS) {
    const { table, actual } = tableAsOf(rows, asOfDay);
    const model = fitPaymentModel(table, asOfDay);
    const medians = medianDaysToPay(table, asOfDay);
    const weeks = [0, 1, 2, 3];
    const weekOf = (day: CalendarDay) => Math.floor((day - asOfDay - 1) / 7);
    const actualWeekly = [0, 0, 0, 0];
    const predicted = { model: [0, 0, 0, 0], dueDate: [0, 0, 0, 0], customerMedian: [0, 0, 0, 0] };

    for (let i = 0; i < table.size; i++) {
      const paidDay = actual.get(table.row[i]) as CalendarDay;
      if (paidDay <= asOfDay) continue;
      openCount++;
      const amount = table.amountCents[i];
      const week = weekOf(paidDay);
      if (week < 4) actualWeekly[week] += amount;

      const modelDay = paymentDays(model, table, i, (day, probability) => {
        const w = weekOf(day);
        if (w < 4) predicted.model[w] += amount * probability;
      });
      const dueDay = Math.max(asOfDay + 1, table.dueDay[i]);
      const medianDay = Math.max(asOfDay + 1, table.invoiceDay[i] + (medians.byCustomer.get(table.customer[i]) ?? medians.book));
      for (const [name, day] of [['dueDate', dueDay], ['customerMedian', medianDay]] as const) {
        const w = weekOf(day);
        if (w < 4) predicted[name][w] += amount;
      }
      scores.model.absoluteErrors.push(Math.abs(modelDay - paidDay));
      scores.dueDate.absoluteErrors.push(Math.abs(dueDay - paidDay));
      scores.customerMedian.absoluteErrors.push(Math.abs(medianDay - paidDay));
    }
    for (const name of ['model', 'dueDate', 'customerMedian'] as const) {
      for (const w of weeks) scores[name].weeklyDifference += Math.abs(predicted[name][w] - actualWeekly[w]);
      scores[name].weeklyActual += actualWeekly.reduce((a, b) => a + b, 0);
    }
  }

  const summary = (score: Score) => ({
    mae: score.absoluteErrors.reduce((a, b) => a + b, 0) / score.absoluteErrors.length,
    within3: score.absoluteErrors.filter((error) => error <= 3).length / score.absoluteErrors.length,
    weekly: score.weeklyDifference / score.weeklyActual,
  });
  const model = summary(scores.model);
  const baselines = { 'paid on the due date': summary(scores.dueDate), "paid after the customer's median days to pay": summary(scores.customerMedian) };
  console.log(`Forecast accuracy, ${openCount} open invoices at the month-ends of Mar–Jun 2013 (later payments hidden):`);
  const line = (name: string, s: ReturnType<typeof summary>) =>
    console.log(`  ${name.padEnd(46)} MAE ${s.mae.toFixed(2)} days, within ±3 days ${(s.within3 * 100).toFixed(1)}%, weekly collection error ${(s.weekly * 100).toFixed(1)}%`);
  line('model', model);
  for (const [name, s] of Object.entries(baselines)) line(`baseline: ${name}`, s);
  const bestMae = Math.min(...Object.values(baselines).map((s) => s.mae));
  const bestWeekly = Math.min(...Object.values(baselines).map((s) => s.weekly));
  const maeGain = 1 - model.mae / bestMae;
  const weeklyGain = 1 - model.weekly / bestWeekly;
  const verdict = maeGain >= 0.15 && weeklyGain >= 0.15 ? 'meets' : 'MISSES';
  console.log(`  better than the better baseline by ${(maeGain * 100).toFixed(1)}% (MAE) and ${(weeklyGain * 100).toFixed(1)}% (weekly error): ${verdict} the 15% target`);
  if (verdict !== 'meets') process.exitCode = 1;
}
