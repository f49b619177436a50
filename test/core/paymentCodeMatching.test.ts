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
import { planApply } from '../../src/core/payments/apply';
import { localeConventions } from '../../src/core/locale';
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

  describe('what the code nets or adds is stated in its purpose, and matched exact (credit, fees)', () => {
    // Василёк and Kornblume hold a credit note each; Ландыш holds none (another customer's credit is never theirs).
    const rows = [
      ['ООО «Василёк»', '145', '2026-01-10', '2026-02-09', 1200, 'RUB'],
      ['ООО «Василёк»', '160', '2026-01-12', '2026-02-11', 800.5, 'RUB'],
      ['ООО «Василёк»', 'КН-5', '2026-01-20', '2026-01-20', -300, 'RUB'],
      ['ООО «Ландыш»', '777', '2026-01-10', '2026-02-09', 1000, 'RUB'],
      ['Kornblume AG', 'INV-0412', '2026-01-10', '2026-02-09', 900, 'EUR'],
      ['Kornblume AG', 'INV-0419', '2026-01-15', '2026-02-14', 450, 'EUR'],
      ['Kornblume AG', 'CN-7', '2026-01-20', '2026-01-20', -500, 'EUR'],
    ];
    const table = readInvoiceTable([HEADER, ...rows], { timeZone: 'UTC', locale: 'en_US' });
    const at = (number: string) => table.number.indexOf(number);
    const asOfDay = table.dueDay[at('INV-0419')] + 10;
    /** The code for these invoices, less credit or plus fees, drawn and read back: the payment a bank makes of it. */
    const paidThroughCode = (customer: string, numbers: string[], currency: 'RUB' | 'EUR', language: 'en' | 'ru', creditCents: number, feeCents: number): PaymentToMatch => {
      const invoices = numbers.map(at);
      const total = invoices.reduce((sum, i) => sum + table.amountCents[i], 0);
      const code = codeFor({ payees: BENCH_PAYEES }, { currency, cents: total - creditCents + feeCents, invoices: invoices.map((i) => ({ number: table.number[i], invoiceDay: table.invoiceDay[i] })), creditCents, feeCents, language });
      if (!code.ok) throw new Error(code.reason);
      const read = readGifCode(Buffer.from(drawQr(qrcode, code.payload).gifBase64, 'base64'))!;
      const fields = currency === 'RUB' ? parseSt00012(read.text).fields : null;
      const epc = currency === 'EUR' ? parseEpc(read.text) : null;
      const amountCents = fields ? Number(fields.Sum) : Math.round(Number(epc!.amount.replace(/^EUR/, '')) * 100);
      return { day: asOfDay, amountCents, currency, payer: customer, payerTaxId: '', purpose: fields ? fields.Purpose : epc!.remittance };
    };

    it('a reminder lessened by the customer credit: the purpose says so, and the cash goes to the oldest invoices, the credit covering the rest', () => {
      const draft = { overdue: ['145', '160'].map((number) => ({ invoice: at(number), number, invoiceDay: table.invoiceDay[at(number)], openCents: table.amountCents[at(number)] })) as never, dueSoon: [], credit: { numbers: ['КН-5'], overdueCents: 30000, dueSoonCents: 0 }, currency: 'RUB', language: 'en' as const };
      const code = codeFor({ payees: BENCH_PAYEES }, reminderAsk(draft));
      expect(code.ok && code.purpose).toBe('Оплата по счетам № 145, 160 за вычетом кредита 300,00');
      const ru = paidThroughCode('ООО «Василёк»', ['145', '160'], 'RUB', 'ru', 30000, 0);
      expect(ru.amountCents).toBe(170050);
      const en = paidThroughCode('Kornblume AG', ['INV-0412', 'INV-0419'], 'EUR', 'en', 50000, 0);
      expect(en.purpose).toBe('Invoices INV-0412, INV-0419 less credit 500.00');
      const [rub, eur] = matchPayments([ru, en], table, { asOfDay });
      expect(rub.confidence).toBe('exact');
      expect(rub.allocations).toEqual([{ invoice: at('145'), cents: 120000 }, { invoice: at('160'), cents: 50050 }]);
      expect(rub.reason).toMatch(/less the customer's credit of 300\.00 RUB/);
      expect(eur.confidence).toBe('exact');
      expect(eur.allocations).toEqual([{ invoice: at('INV-0412'), cents: 85000 }, { invoice: at('INV-0419'), cents: 0 }]);
      // Russian words in a ru_RU book.
      expect(matchPayments([ru], table, { asOfDay, locale: 'ru_RU' })[0].reason).toMatch(/за вычетом кредита клиента 300,00/);
    });

    it('a letter with fees: paid in full, the fees left over and named, never allocated', () => {
      const ru = paidThroughCode('ООО «Ландыш»', ['777'], 'RUB', 'ru', 0, 5000);
      expect(ru.purpose).toBe('Оплата по счёту № 777 и неустойка 50,00');
      const en = paidThroughCode('Kornblume AG', ['INV-0412', 'INV-0419'], 'EUR', 'en', 50000, 2345);
      expect(en.purpose).toBe('Invoices INV-0412, INV-0419 less credit 500.00 plus late fees 23.45');
      const [rub, eur] = matchPayments([ru, en], table, { asOfDay });
      expect(rub).toMatchObject({ confidence: 'exact', allocations: [{ invoice: at('777'), cents: 100000 }] });
      expect(rub.reason).toMatch(/plus late fees of 50\.00 RUB, left over/);
      expect(eur.confidence).toBe('exact');
      expect(eur.allocations.reduce((sum, allocation) => sum + allocation.cents, 0)).toBe(135000 - 50000);
    });

    it('is not exact when the credit stated is not the payer own: another customer credit, or more than it holds, or used twice', () => {
      // Ландыш types the words of Василёк's credit: Ландыш has none.
      const typed = { day: asOfDay, amountCents: 70000, currency: 'RUB', payer: 'ООО «Ландыш»', payerTaxId: '', purpose: 'Оплата по счёту № 777 за вычетом кредита 300,00' };
      expect(matchPayments([typed], table, { asOfDay })[0].confidence).toBe('partial');
      const english = { ...typed, purpose: 'Invoice 777 less credit 300.00' };
      expect(matchPayments([english], table, { asOfDay })[0].confidence).toBe('partial');
      const more = paidThroughCode('ООО «Василёк»', ['145'], 'RUB', 'ru', 30001, 0);
      expect(matchPayments([more], table, { asOfDay })[0].confidence).toBe('partial');
      // Two payments netting the same credit note: only the first is exact.
      const once = paidThroughCode('ООО «Василёк»', ['145'], 'RUB', 'ru', 30000, 0);
      const twice = paidThroughCode('ООО «Василёк»', ['160'], 'RUB', 'ru', 30000, 0);
      expect(matchPayments([once, twice], table, { asOfDay }).map((match) => match.confidence)).toEqual(['exact', 'partial']);
    });

    it('applied as matched, writes only the cash: no invoice reads paid that the cash does not cover, and the fees are left over', () => {
      const payments = [paidThroughCode('ООО «Василёк»', ['145', '160'], 'RUB', 'ru', 30000, 0), paidThroughCode('Kornblume AG', ['INV-0412', 'INV-0419'], 'EUR', 'en', 50000, 0), paidThroughCode('ООО «Ландыш»', ['777'], 'RUB', 'ru', 0, 5000)];
      const matches = matchPayments(payments, table, { asOfDay });
      expect(matches.map((match) => match.confidence)).toEqual(['exact', 'exact', 'exact']);
      const sheetRows = [HEADER, ...rows];
      const plan = planApply({
        payments: payments.map((payment, k) => ({ ...payment, row: k + 2, id: String(k), invoices: matches[k].allocations.map((allocation) => table.number[allocation.invoice]).join(', '), apply: true, applied: '' })),
        table,
        rows: sheetRows,
        formulas: sheetRows.map((row) => row.map(() => '')),
        conventions: localeConventions('en_US'),
        today: asOfDay,
      });
      expect(plan.problems).toEqual([]);
      const paidColumn = plan.newColumns.find((column) => column.header === 'Paid amount')!.column;
      const paid = Object.fromEntries(plan.invoiceCells.filter((cell) => cell.column === paidColumn).map((cell) => [String(sheetRows[cell.row - 1][1]), cell.after]));
      // 145 paid in full, 160 in part (the credit note КН-5 covers the rest, by hand); INV-0419 is left to CN-7; 777 in full.
      expect(paid).toEqual({ '145': 1200, '160': 500.5, 'INV-0412': 850, '777': 1000 });
      expect(plan.applied[2].text).toMatch(/; 50\.00 RUB left over$/);
    });

    it('makes no code when the stated terms would not fit it, rather than one AR_MATCH would take for a part payment', () => {
      const invoices = Array.from({ length: 8 }, (_, k) => ({ number: `INVOICE-${1000 + k}`, invoiceDay: 0 }));
      const code = codeFor({ payees: BENCH_PAYEES }, { currency: 'EUR', cents: 1000, invoices, creditCents: 100, feeCents: 200, language: 'en' });
      expect(code.ok).toBe(false);
      expect(!code.ok && code.reason).toMatch(/longer than the 140 characters/);
      // Without the terms the same invoices fit.
      expect(codeFor({ payees: BENCH_PAYEES }, { currency: 'EUR', cents: 1000, invoices, language: 'en' }).ok).toBe(true);
    });

    it('makes no code for an invoice without a number, which a payment could not name for AR_MATCH', () => {
      const invoices = [{ number: '145', invoiceDay: 0 }, { number: ' ', invoiceDay: 0 }];
      const code = codeFor({ payees: BENCH_PAYEES }, { currency: 'RUB', cents: 1000, invoices, language: 'ru' });
      expect(!code.ok && code.reason).toMatch(/has no number/);
    });
  });
});
