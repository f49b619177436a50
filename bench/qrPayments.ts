// The loop closed (issue 26, item 4): a month of invoices from real
// receivables history (../shared/data/ar-invoices-train.csv) paid through
// the add-on's own payment QR codes. Each customer pays, in one transfer,
// the invoices it settled that month, by scanning the code a reminder for
// them carries (roubles for half the customers, euros for the rest): the
// code is drawn as the add-on draws it, read back from the picture with
// jsQR, and the bank's payment (the code's Sum or amount, its Purpose or
// remittance text) is matched by AR_MATCH's matcher. Every one must match
// exactly the invoices the code named. Some customers hold a credit note
// the reminder nets (the code asks for less, and says so), and some are sent
// a demand letter with late fees (the code asks for more, and says so).
import { readFileSync, existsSync } from 'node:fs';
import Papa from 'papaparse';
import qrcode from 'qrcode-generator';
import { calendarDay, dayParts, type CalendarDay } from '../src/core/calendar';
import { readInvoiceTable, type InvoiceTable } from '../src/core/invoices';
import { matchPayments, type Confidence, type PaymentToMatch } from '../src/core/payments/matcher';
import { codeFor, letterAsk, reminderAsk } from '../src/core/paying/documentCodes';
import { drawQr } from '../src/server/paying/qrImage';
import { parseEpc, parseSt00012, readGifCode } from '../test/support/qrDecode';
import type { Payee } from '../src/core/paying/payee';

// Sberbank's published BIC and correspondent account, an account whose key holds against them; a valid German IBAN.
export const BENCH_PAYEES: Record<'RUB' | 'EUR', Payee> = {
  RUB: { name: 'ООО «Ромашка»', account: '40702810938000012345', iban: '', bank: 'ПАО Сбербанк', bic: '044525225', correspondentAccount: '30101810400000000225', inn: '7707083893', kpp: '773601001', note: '' },
  EUR: { name: 'Romashka GmbH', account: '', iban: 'DE89370400440532013000', bank: '', bic: 'COBADEFFXXX', correspondentAccount: '', inn: '', kpp: '', note: '' },
};

export interface QrMonth {
  month: string;
  payments: number;
  invoices: number;
  /** Payments whose code could not be made, with why. */
  refused: string[];
  /** Payments AR_MATCH took as exactly the invoices their code named. */
  exactRight: number;
  /** Of the payments, those whose code netted a credit note, and those of a demand letter with late fees. */
  withCredit: number;
  withFees: number;
  confidences: Map<Confidence, number>;
}

const dayOf = (mdy: string): CalendarDay => {
  const [m, d, y] = mdy.split('/').map(Number);
  return calendarDay(y, m, d);
};

/**
 * The month with the most settlements, its invoice table as it stood at the
 * month's start (each customer in roubles or euros), and one payment per
 * customer through the code for the invoices it settled that month.
 */
export function payMonthThroughCodes(csvText: string): QrMonth {
  const rows = Papa.parse<Record<string, string>>(csvText, { header: true, skipEmptyLines: true }).data;
  const settled = rows.map((row) => dayOf(row.SettledDate));
  const monthOf = (day: CalendarDay) => {
    const { year, month } = dayParts(day);
    return year * 12 + month - 1;
  };
  const counts = new Map<number, number>();
  for (const day of settled) counts.set(monthOf(day), (counts.get(monthOf(day)) ?? 0) + 1);
  const month = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0][0];
  const start = calendarDay(Math.floor(month / 12), (month % 12) + 1, 1);
  const customers = [...new Set(rows.map((row) => row.customerID))].sort();
  const currencyOf = (customer: string) => (customers.indexOf(customer) % 2 === 0 ? 'RUB' : 'EUR');
  // Invoices issued before the month's start and not yet settled then: what the reminders of the month ask for.
  const kept = rows.map((row, k) => ({ row, k })).filter(({ row, k }) => dayOf(row.InvoiceDate) < start && settled[k] >= start);
  const header = ['Customer', 'Invoice No', 'Invoice Date', 'Due Date', 'Amount', 'Currency'];
  const payers = [...new Set(kept.filter(({ k }) => monthOf(settled[k]) === month).map(({ row }) => row.customerID))];
  // Every fourth paying customer holds a credit note of a tenth of its smallest invoice of the month (dated before it), which its reminder nets.
  const creditOf = new Map<string, number>();
  payers.forEach((customer, n) => {
    if (n % 4 !== 1) return;
    const amounts = kept.filter(({ row, k }) => row.customerID === customer && monthOf(settled[k]) === month).map(({ row }) => Math.round(Number(row.InvoiceAmount) * 100));
    creditOf.set(customer, Math.max(1, Math.floor(Math.min(...amounts) / 10)));
  });
  const credits = [...creditOf].map(([customer, cents]) => [customer, `CN-${customer}`, '1/1/2000', '1/1/2000', String(-cents / 100), currencyOf(customer)]);
  const table: InvoiceTable = readInvoiceTable([header, ...kept.map(({ row }) => [row.customerID, row.invoiceNumber, row.InvoiceDate, row.DueDate, row.InvoiceAmount, currencyOf(row.customerID)]), ...credits], { timeZone: 'UTC', locale: 'en_US' });
  if (table.size !== kept.length + credits.length) throw new Error(`bench: the month's table read ${table.size} rows of ${kept.length + credits.length}`);
  const inMonth = kept.map(({ k }, i) => ({ k, i })).filter(({ k }) => monthOf(settled[k]) === month);
  const byCustomer = new Map<string, number[]>();
  for (const { i } of inMonth) byCustomer.set(table.customer[i], [...(byCustomer.get(table.customer[i]) ?? []), i]);

  const result: QrMonth = { month: `${Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`, payments: 0, invoices: 0, refused: [], exactRight: 0, withCredit: 0, withFees: 0, confidences: new Map() };
  const payments: PaymentToMatch[] = [];
  const truths: number[][] = [];
  /** What of each payment is the invoices' (the cash less any fees): exactly what the match must allocate. */
  const toInvoices: number[] = [];
  for (const [customer, invoices] of byCustomer) {
    const currency = currencyOf(customer);
    const language = currency === 'RUB' ? 'ru' : 'en';
    const lines = invoices.map((i) => ({ invoice: i, number: table.number[i], invoiceDay: table.invoiceDay[i], openCents: table.amountCents[i] }));
    const creditCents = creditOf.get(customer) ?? 0;
    const total = lines.reduce((sum, line) => sum + line.openCents, 0);
    const feeCents = !creditCents && payers.indexOf(customer) % 4 === 3 ? Math.max(1, Math.round(total / 50)) : 0;
    // As a reminder asks: these invoices overdue, less the customer's credit note if it has one; or as a demand letter
    // asks, with late fees of 2%; in the customer's language (English for the euro ones).
    const ask = feeCents
      ? letterAsk({ currency, open: lines.map((line) => ({ label: line.number, invoiceDay: line.invoiceDay, daysOverdue: 30 })), overdueCreditCents: 0 } as never, { claimedCents: total + feeCents, feeCents } as never, language)
      : reminderAsk({ overdue: lines as never, dueSoon: [], credit: { numbers: creditCents ? [`CN-${customer}`] : [], overdueCents: creditCents, dueSoonCents: 0 }, currency, language });
    if (creditCents) result.withCredit++;
    if (feeCents) result.withFees++;
    const code = codeFor({ payees: BENCH_PAYEES }, ask);
    if (!code.ok) {
      result.refused.push(`${customer}: ${code.reason}`);
      continue;
    }
    const read = readGifCode(Buffer.from(drawQr(qrcode, code.payload).gifBase64, 'base64'));
    if (!read) {
      result.refused.push(`${customer}: the code could not be read back`);
      continue;
    }
    // What the customer's bank app fills in from the code, and the bank sends back on the statement.
    let amountCents: number;
    let purpose: string;
    if (currency === 'RUB') {
      const { fields } = parseSt00012(read.text);
      amountCents = Number(fields.Sum);
      purpose = fields.Purpose;
    } else {
      const epc = parseEpc(read.text);
      amountCents = Math.round(Number(epc.amount.replace(/^EUR/, '')) * 100);
      purpose = epc.remittance;
    }
    payments.push({ day: Math.max(...invoices.map((i) => settled[kept[i].k])), amountCents, currency, payer: customer, payerTaxId: '', purpose });
    truths.push(invoices);
    toInvoices.push(total - creditCents);
    result.invoices += invoices.length;
  }
  const matches = matchPayments(payments, table, { asOfDay: start + 40 });
  result.payments = payments.length + result.refused.length;
  matches.forEach((match, k) => {
    result.confidences.set(match.confidence, (result.confidences.get(match.confidence) ?? 0) + 1);
    const found = match.allocations.map((allocation) => allocation.invoice).sort((a, b) => a - b);
    const truth = [...truths[k]].sort((a, b) => a - b);
    if (match.confidence === 'exact' && found.length === truth.length && found.every((i, n) => i === truth[n]) && match.allocations.reduce((sum, allocation) => sum + allocation.cents, 0) === toInvoices[k]) result.exactRight++;
  });
  return result;
}

export function benchQrPayments(csvPath: string): void {
  if (!existsSync(csvPath)) {
    console.log(`payments through our QR codes: ${csvPath} not found, skipped`);
    return;
  }
  const month = payMonthThroughCodes(readFileSync(csvPath, 'utf8'));
  const confidences = [...month.confidences].map(([confidence, count]) => `${confidence} ${count}`).join(', ');
  console.log(`\nPayments through our own QR codes (issue 26): ${month.month}, ${month.payments} payments for ${month.invoices} invoices, read back from the pictures (${month.withCredit} less a credit note, ${month.withFees} of a demand letter with late fees)`);
  console.log(`  matched exactly to the invoices their code named: ${month.exactRight} of ${month.payments} (${((100 * month.exactRight) / Math.max(1, month.payments)).toFixed(1)}%); goal 100%`);
  console.log(`  confidences: ${confidences}`);
  for (const refused of month.refused) console.log(`  no code: ${refused}`);
  if (month.exactRight !== month.payments || month.payments === 0) {
    console.log('  FAILED the goal above');
    process.exitCode = 1;
  }
}
