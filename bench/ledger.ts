// A seeded, generated receivables ledger for benchmarks: the same rows every run.
import { zonedInstant } from '../runtime/index';

export const LEDGER_HEADER = ['Customer', 'Invoice No', 'Invoice Date', 'Due Date', 'Amount', 'Paid', 'Paid Date', 'Currency'];

function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Rows as Sheets hands them to a custom function: date cells as midnight in
 * the spreadsheet's zone, made by `makeDate` in the add-on's realm.
 */
export function generateLedger(invoiceCount: number, customerCount: number, timeZone: string, makeDate: (ms: number) => Date, asOf = '2026-06-30'): unknown[][] {
  const random = seeded(42);
  const [year, month, day] = asOf.split('-').map(Number);
  const asOfMs = Date.UTC(year, month - 1, day);
  const midnights = new Map<number, Date>();
  const dateOf = (dayOffset: number) => {
    let date = midnights.get(dayOffset);
    if (!date) {
      const utc = new Date(asOfMs + dayOffset * 864e5);
      date = makeDate(zonedInstant(timeZone, utc.getUTCFullYear(), utc.getUTCMonth() + 1, utc.getUTCDate()));
      midnights.set(dayOffset, date);
    }
    return date;
  };
  // Sheets hands a script flat strings, one per cell (they arrive
  // deserialised); template literals make rope strings, which V8 hashes and
  // compares far more slowly. A JSON round trip gives what Sheets gives.
  const customers = JSON.parse(JSON.stringify(Array.from({ length: customerCount }, (_, i) => `Customer ${i}`))) as string[];
  const rows: unknown[][] = [LEDGER_HEADER];
  for (let i = 0; i < invoiceCount; i++) {
    const customer = Math.floor(random() * customerCount);
    const issued = -Math.floor(random() * 365);
    const terms = [14, 30, 30, 45][Math.floor(random() * 4)];
    const amount = Math.round(100 + random() * 99_900) / 100;
    const paidOffset = issued + terms + Math.round((random() - 0.3) * 40);
    const paid = paidOffset <= 0 && random() < 0.85;
    const partial = !paid && random() < 0.1 ? Math.round(amount * 40) / 100 : 0;
    rows.push([
      customers[customer],
      `INV-${i + 1}`,
      dateOf(issued),
      dateOf(issued + terms),
      amount,
      paid ? amount : partial || '',
      paid ? dateOf(paidOffset) : '',
      customer % 7 === 0 ? 'EUR' : 'USD',
    ]);
  }
  return rows;
}
