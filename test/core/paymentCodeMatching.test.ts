// The loop closed (issue 26, item 4): what a payment QR code carries is
// what AR_MATCH matches exactly. Each code is drawn as the add-on draws it
// and read back from the picture (jsQR), the bank's payment made of its
// Sum or amount and its Purpose or remittance, and matched: invoice numbers
// of many shapes, one invoice or twenty, roubles and euros, English and
// Russian; and the bench's month of real invoices paid so (shared data).
import { readFileSync } from 'node:fs';
import qrcode from 'qrcode-generator';
import { describe, expect, it } from 'vitest';
import { payMonthThroughCodes, BENCH_PAYEES } from '../../bench/qrPayments';
import { readInvoiceTable } from '../../src/core/invoices';
import { codeFor, reminderAsk } from '../../src/core/paying/documentCodes';
import { matchPayments, type PaymentToMatch } from '../../src/core/payments/matcher';
import { drawQr } from '../../src/server/paying/qrImage';
import { hasSharedData, sharedInvoicesCsv } from '../support/addon';
import { parseEpc, parseSt00012, readGifCode } from '../support/qrDecode';

const HEADER = ['Customer', 'Invoice No', 'Invoice Date', 'Due Date', 'Amount', 'Currency'];
/** Numbers as books write them, several customers sharing digits: each customer's invoices in one currency. */
const BOOK: Array<[string, string[], 'RUB' | 'EUR', 'en' | 'ru']> = [
  ['ООО «Василёк»', ['145', '160'], 'RUB', 'ru'],
  ['ООО «Ландыш»', ['СЧ-145/2026', 'СЧ-146/2026', 'СЧ-7/2026'], 'RUB', 'en'],
  ['ИП Петров', ['0000611365'], 'RUB', 'ru'],
  ['Kornblume AG', ['INV-0412', 'INV-0419'], 'EUR', 'en'],
  ['Tulpe GmbH', ['2026-017', 'A-12', '88'], 'EUR', 'ru'],
  ['Many Invoices SA', Array.from({ length: 14 }, (_, k) => `MI-${1000 + k}`), 'EUR', 'en'],
  ['Много счетов', Array.from({ length: 20 }, (_, k) => `${5000 + k}`), 'RUB', 'ru'],
];

describe('what a payment code carries, paid and matched', () => {
  it('is matched exactly to the invoices the code names, read back from its picture', () => {
    const rows = BOOK.flatMap(([customer, numbers, currency], c) => numbers.map((number, k) => [customer, number, '2026-01-10', '2026-02-09', 1000 + 137.45 * (c + 1) + 11 * k, currency]));
    const table = readInvoiceTable([HEADER, ...rows], { timeZone: 'UTC', locale: 'en_US' });
    expect(table.size).toBe(rows.length);
    const payments: PaymentToMatch[] = [];
    const truths: number[][] = [];
    for (const [customer, numbers, currency, language] of BOOK) {
      const invoices = numbers.map((number) => table.number.findIndex((found, i) => found === number && table.customer[i] === customer));
      const lines = invoices.map((i) => ({ invoice: i, number: table.number[i], invoiceDay: table.invoiceDay[i], openCents: table.amountCents[i] }));
      const code = codeFor({ payees: BENCH_PAYEES }, reminderAsk({ overdue: lines as never, dueSoon: [], credit: { numbers: [], overdueCents: 0, dueSoonCents: 0 }, currency, language }));
      if (!code.ok) throw new Error(`${customer}: ${code.reason}`);
      const read = readGifCode(Buffer.from(drawQr(qrcode, code.payload).gifBase64, 'base64'));
      expect(read, customer).not.toBeNull();
      const paid = currency === 'RUB' ? parseSt00012(read!.text).fields : null;
      const epc = currency === 'EUR' ? parseEpc(read!.text) : null;
      const amountCents = paid ? Number(paid.Sum) : Math.round(Number(epc!.amount.replace(/^EUR/, '')) * 100);
      expect(amountCents, customer).toBe(invoices.reduce((sum, i) => sum + table.amountCents[i], 0));
      payments.push({ day: table.dueDay[0] + 20, amountCents, currency, payer: customer, payerTaxId: '', purpose: paid ? paid.Purpose : epc!.remittance });
      truths.push(invoices);
    }
    const matches = matchPayments(payments, table, { asOfDay: table.dueDay[0] + 20 });
    matches.forEach((match, k) => {
      expect({ customer: BOOK[k][0], confidence: match.confidence, invoices: match.allocations.map((allocation) => allocation.invoice).sort((a, b) => a - b) }).toEqual({ customer: BOOK[k][0], confidence: 'exact', invoices: [...truths[k]].sort((a, b) => a - b) });
    });
  });

  it('is no code, and says why, when the invoices do not fit the purpose a payment carries', () => {
    const lines = Array.from({ length: 21 }, (_, k) => ({ invoice: k, number: String(100 + k), invoiceDay: 0, openCents: 100, daysOverdue: 1 }));
    const ask = (count: number, currency: 'RUB' | 'EUR', number = (k: number) => String(100 + k)) =>
      codeFor({ payees: BENCH_PAYEES }, reminderAsk({ overdue: lines.slice(0, count).map((line, k) => ({ ...line, number: number(k) })) as never, dueSoon: [], credit: { numbers: [], overdueCents: 0, dueSoonCents: 0 }, currency, language: 'en' }));
    expect(ask(20, 'RUB').ok).toBe(true);
    expect(ask(21, 'RUB')).toEqual({ ok: false, reason: expect.stringMatching(/21 invoices, more than the 20/) });
    expect(ask(20, 'EUR', (k) => `INVOICE-2026-${k}`)).toEqual({ ok: false, reason: expect.stringMatching(/longer than the 140 characters/) });
  });

  it.skipIf(!hasSharedData)('pays a month of real invoices through the codes, every payment matched exactly (the bench)', () => {
    const month = payMonthThroughCodes(readFileSync(sharedInvoicesCsv, 'utf8'));
    expect(month.refused).toEqual([]);
    expect(month.payments).toBeGreaterThan(30);
    expect(month.exactRight).toBe(month.payments);
  }, 60_000);
});
