import { describe, expect, it } from 'vitest';
import { calendarDay, isoDate, ZoneCalendar } from '../../src/core/calendar';
import type { Cell } from '../../src/core/cells';
import { readInvoiceTable } from '../../src/core/invoices';
import { localeConventions } from '../../src/core/locale';
import { planApply } from '../../src/core/payments/apply';
import { statementCharset } from '../../src/core/payments/charset';
import { matchPayments, type PaymentToMatch } from '../../src/core/payments/matcher';
import { CustomerNames, nameKey } from '../../src/core/payments/names';
import { PAYMENT_HEADERS, readPaymentRows } from '../../src/core/payments/paymentsSheet';
import { parseStatement } from '../../src/core/payments/parseStatement';
import { namedNumbers } from '../../src/core/payments/references';
import { StatementError } from '../../src/core/payments/statement';
import { camtStatement, ofxStatement, oneCStatement, windows1251 } from '../support/statements';

const reading = (locale = 'en_US') => ({ calendar: new ZoneCalendar('Europe/London'), conventions: localeConventions(locale) });
const day = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return calendarDay(y, m, d);
};

export const INVOICES: Cell[][] = [
  ['Customer', 'Invoice No', 'Invoice Date', 'Due Date', 'Currency', 'Amount', 'Paid', 'Paid Date'],
  ['ООО «Вектор»', '145', '2026-09-02', '2026-10-02', 'RUB', 1000, 0, ''],
  ['ООО «Вектор»', '146', '2026-09-05', '2026-10-05', 'RUB', 2000, 0, ''],
  ['ИП Смирнова А. П.', '150', '2026-09-05', '2026-10-05', 'RUB', 3000, 0, ''],
  ['Acme Corporation', 'INV-2026-0412', '2026-09-01', '2026-10-01', 'USD', 500, 0, ''],
  ['Acme Corporation', 'INV-2026-0413', '2026-09-02', '2026-10-02', 'USD', 700, 0, ''],
  ['Initech LLC', 'INV-2026-1071', '2026-09-03', '2026-10-03', 'USD', 300, 0, ''],
  ['Initech LLC', 'INV-2026-1072', '2026-09-04', '2026-10-04', 'USD', 200, 0, ''],
  ['Initech LLC', 'INV-2026-1073', '2026-09-05', '2026-10-05', 'USD', 400, 100, '2026-10-01'],
];
const table = () => readInvoiceTable(INVOICES, { timeZone: 'Europe/London', locale: 'en_US' });
const AS_OF = day('2026-10-10');

const payment = (amount: number, payer: string, purpose: string, currency = 'USD', payerTaxId = ''): PaymentToMatch => ({ day: AS_OF, amountCents: Math.round(amount * 100), currency, payer, payerTaxId, purpose });

describe('bank statement formats', () => {
  it('reads the 1C client-bank exchange file: incoming documents only, payer name without the ИНН, stable identities', () => {
    const statement = parseStatement(oneCStatement(), reading());
    expect(statement.format).toBe('1C');
    expect(statement.outgoing).toBe(1);
    expect(statement.payments.map((p) => [isoDate(p.day), p.amountCents, p.payer, p.payerTaxId, p.currency])).toEqual([
      ['2026-10-06', 100000, 'ООО "ВЕКТОР"', '7701234567', 'RUB'],
      ['2026-10-08', 200000, 'ИП Смирнова Анна Петровна', '500100732259', 'RUB'],
    ]);
    expect(statement.payments[0].purpose).toBe('Оплата по счету № 145 от 02.09.2026, НДС не облагается');
    const again = parseStatement(oneCStatement(), reading());
    expect(again.payments.map((p) => p.id)).toEqual(statement.payments.map((p) => p.id));
    expect(new Set(statement.payments.map((p) => p.id)).size).toBe(2);
  });

  it('reads a 1C file in the encoding its Кодировка line declares, checked against the bytes, and both decode to the same payments', () => {
    const cp1251 = windows1251(oneCStatement());
    const undeclared = oneCStatement().replace('Кодировка=Windows\r\n', '');
    expect(statementCharset(cp1251)).toEqual({ charset: 'windows-1251' });
    // Without a Кодировка line the bytes decide.
    expect(statementCharset(new TextEncoder().encode(undeclared))).toEqual({ charset: 'UTF-8' });
    // Apps Script hands bytes over signed.
    expect(statementCharset(Array.from(cp1251, (b) => (b > 127 ? b - 256 : b)))).toEqual({ charset: 'windows-1251' });
    const decoded = new TextDecoder('windows-1251').decode(cp1251);
    expect(parseStatement(decoded, reading()).payments).toEqual(parseStatement(oneCStatement(), reading()).payments);
    // UTF-8 bytes under "Кодировка=Windows" do not fit what the file declares.
    expect(statementCharset(new TextEncoder().encode(oneCStatement()))).toEqual({ refused: expect.stringMatching(/line 3 says Кодировка=Windows \(Windows-1251\), but the file is written in UTF-8/) });
  });

  it('reads camt.053: credits only, one payment per transaction of a batch, entities decoded', () => {
    const statement = parseStatement(camtStatement(), reading());
    expect(statement.format).toBe('camt.053');
    expect(statement.outgoing).toBe(1);
    expect(statement.payments.map((p) => [isoDate(p.day), p.amountCents, p.currency, p.payer, p.purpose])).toEqual([
      ['2026-10-05', 50000, 'USD', 'ACME CORP.', 'INV-0412 thank you & regards'],
      ['2026-10-07', 30000, 'USD', 'Initech', 'Inv 1071'],
      ['2026-10-07', 20000, 'USD', 'Initech', 'second invoice'],
    ]);
    expect(statement.payments[0].payerAccount).toBe('DE89370400440532013000');
    expect(new Set(statement.payments.map((p) => p.id)).size).toBe(3);
  });

  it('reads OFX 1 with unclosed tags: deposits only, the bank id (FITID) as identity', () => {
    const statement = parseStatement(ofxStatement(), reading());
    expect(statement.format).toBe('OFX');
    expect(statement.outgoing).toBe(1);
    expect(statement.payments).toHaveLength(1);
    expect(statement.payments[0]).toMatchObject({ amountCents: 70000, currency: 'USD', payer: 'Acme Ltd', purpose: 'payment INV-2026-0413' });
    expect(statement.payments[0].id).toContain('2026100501');
    expect(isoDate(statement.payments[0].day)).toBe('2026-10-05');
  });

  it('reads CSV with a signed amount (semicolons, decimal comma) and with debit and credit columns', () => {
    const signed = 'Дата;Сумма;Плательщик;ИНН;Назначение платежа\n05.10.2026;1 000,00;ООО "Вектор";7701234567;"Оплата по счету № 145; без НДС"\n06.10.2026;-250,00;Аренда;;Оплата аренды\n';
    const first = parseStatement(signed, reading('ru_RU'));
    expect(first.format).toBe('CSV');
    expect(first.outgoing).toBe(1);
    expect(first.payments.map((p) => [isoDate(p.day), p.amountCents, p.payer, p.payerTaxId, p.purpose])).toEqual([['2026-10-05', 100000, 'ООО "Вектор"', '7701234567', 'Оплата по счету № 145; без НДС']]);

    const split = 'Booking date,Description,Debit,Credit,Currency,Counterparty\n2026-10-05,Inv 1071,,300.00,USD,Initech\n2026-10-06,Fees,12.00,,USD,Bank\n2026-13-07,broken,,5.00,USD,X\n';
    const second = parseStatement(split, reading());
    expect(second.payments.map((p) => [p.amountCents, p.payer, p.purpose, p.currency])).toEqual([[30000, 'Initech', 'Inv 1071', 'USD']]);
    expect(second.outgoing).toBe(1);
    expect(second.problems).toEqual(['line 4, column "Booking date": "2026-13-07" is not a date']);
  });

  it('says what a file is not', () => {
    expect(() => parseStatement('hello,world\n1,2\n', reading())).toThrow(StatementError);
    expect(() => parseStatement('<?xml version="1.0"?><Document><BkToCstmrNtfctn/></Document>', reading())).toThrow(/not a camt.053/);
  });
});

describe('invoice numbers in a purpose', () => {
  it('finds them as people write them, and not dates, amounts or percentages', () => {
    const digits = (purpose: string) => namedNumbers(purpose).map((n) => n.digits);
    expect(digits('счет № 145 от 02.09.2026')).toEqual(['145']);
    expect(digits('оплата по сч. 145')).toEqual(['145']);
    expect(digits('INV-0412')).toEqual(['412']);
    expect(digits('Inv 1071')).toEqual(['1071']);
    expect(digits('по счетам 145, 146 и 147')).toEqual(['145', '146', '147']);
    expect(digits('Оплата 1500.00 руб., в т.ч. НДС 20% от 02.09.2026')).toEqual([]);
  });
});

describe('payer names', () => {
  it('ignore legal forms, quotes, case and spacing', () => {
    expect(nameKey('ООО «Вектор»')).toBe(nameKey('ооо "ВЕКТОР"'));
    expect(nameKey('Acme Corporation')).toBe(nameKey('ACME  corp.'));
    expect(nameKey('Initech LLC')).toBe(nameKey('Initech'));
    expect(nameKey('Общество с ограниченной ответственностью "Вектор"')).toBe('вектор');
    const names = new CustomerNames(['Acme Corporation', 'Initech LLC', 'ИП Смирнова А. П.']);
    expect(names.find('ACME Ltd')?.customer).toBe('Acme Corporation');
    expect(names.find('Initeh LLC')?.customer).toBe('Initech LLC');
    expect(names.find('Globex')).toBeNull();
    expect(names.find('Индивидуальный предприниматель Смирнова Анна Петровна')?.customer).toBe('ИП Смирнова А. П.');
    expect(names.find('ИП Смирнов Андрей Павлович')).toBeNull();
  });
});

describe('matching payments to open invoices', () => {
  const matchOne = (p: PaymentToMatch, taxIds?: Map<string, string>) => {
    const t = table();
    const [match] = matchPayments([p], t, { asOfDay: AS_OF, taxIds });
    return { ...match, invoices: match.allocations.map((a) => t.number[a.invoice]), cents: match.allocations.map((a) => a.cents) };
  };

  it('exact: the invoice number is in the purpose and the amount fits', () => {
    expect(matchOne(payment(1000, 'ООО "ВЕКТОР"', 'Оплата по счету № 145 от 02.09.2026', 'RUB'))).toMatchObject({ confidence: 'exact', invoices: ['145'], customer: 'ООО «Вектор»' });
    expect(matchOne(payment(500, 'Someone else', 'INV-0412')).confidence).toBe('exact');
    expect(matchOne(payment(500, 'Someone else', 'INV-0412')).reason).toContain('Acme Corporation');
  });

  it('strong: the amount equals one open invoice of the payer', () => {
    const match = matchOne(payment(700, 'ACME Ltd', 'thanks'));
    expect(match).toMatchObject({ confidence: 'strong', invoices: ['INV-2026-0413'] });
    expect(match.reason).toContain("Acme Corporation's INV-2026-0413");
    expect(matchOne(payment(700, 'Acme Trading', 'thanks')).reason).toContain('payer "Acme Trading" taken for Acme Corporation');
  });

  it('knows the payer by ИНН when the Customers sheet gives one', () => {
    const match = matchOne(payment(3000, 'Смирнова Анна Петровна', 'оплата', 'RUB', '500100732259'), new Map([['500100732259', 'ИП Смирнова А. П.']]));
    expect(match).toMatchObject({ confidence: 'strong', invoices: ['150'], customer: 'ИП Смирнова А. П.' });
    expect(match.reason).toContain('ИНН 500100732259');
  });

  it('several: the amount equals a run of the payer\'s oldest open invoices', () => {
    expect(matchOne(payment(500, 'Initech', 'september'))).toMatchObject({ confidence: 'several', invoices: ['INV-2026-1071', 'INV-2026-1072'], cents: [30000, 20000] });
    expect(matchOne(payment(800, 'Initech', 'september'))).toMatchObject({ confidence: 'several', invoices: ['INV-2026-1071', 'INV-2026-1072', 'INV-2026-1073'], cents: [30000, 20000, 30000] });
  });

  it('partial: a part payment goes oldest first; an over-payment takes only what is open', () => {
    const part = matchOne(payment(250, 'Initech', 'on account'));
    expect(part).toMatchObject({ confidence: 'partial', invoices: ['INV-2026-1071'], cents: [25000] });
    const over = matchOne(payment(600, 'Acme', 'INV-2026-0412'));
    expect(over).toMatchObject({ confidence: 'partial', invoices: ['INV-2026-0412'], cents: [50000] });
    expect(over.reason).toContain('over-payment: 100.00 USD more');
  });

  it('a typo in the number: the amount settles it, never as exact', () => {
    const match = matchOne(payment(500, 'Acme', 'INV-2026-0421'));
    expect(match).toMatchObject({ confidence: 'strong', invoices: ['INV-2026-0412'] });
  });

  it('none: an unknown payer naming no invoice; a payment in another currency is not applied by amount', () => {
    expect(matchOne(payment(500, 'Globex', 'hello'))).toMatchObject({ confidence: 'none', invoices: [] });
    const euro = matchOne(payment(500, 'Acme', 'INV-0412', 'EUR'));
    expect(euro).toMatchObject({ confidence: 'partial', invoices: ['INV-2026-0412'], cents: [0] });
    expect(euro.reason).toContain('in USD, not EUR');
  });

  it('uses a payment once and no invoice beyond its open balance', () => {
    const t = table();
    const payments = [payment(500, 'Acme', 'INV-0412'), payment(500, 'Acme', 'INV-0412 again'), payment(300, 'Initech', ''), payment(100, 'Initech', 'Inv 1071')];
    const matches = matchPayments(payments, t, { asOfDay: AS_OF });
    const taken = new Map<number, number>();
    matches.forEach((match, i) => {
      expect(match.allocations.reduce((sum, a) => sum + a.cents, 0)).toBeLessThanOrEqual(payments[i].amountCents);
      for (const a of match.allocations) taken.set(a.invoice, (taken.get(a.invoice) ?? 0) + a.cents);
    });
    for (const [invoice, cents] of taken) expect(cents).toBeLessThanOrEqual(t.amountCents[invoice] - t.paidCents[invoice]);
    expect(matches[0].confidence).toBe('exact');
    expect(matches[1].allocations.map((a) => t.number[a.invoice])).not.toContain('INV-2026-0412');
    // The payment naming 1071 keeps it; the one by amount does not take it from under it.
    expect(matches[3].allocations.map((a) => t.number[a.invoice])).toEqual(['INV-2026-1071']);
    expect(matches[2].allocations.map((a) => t.number[a.invoice])).not.toContain('INV-2026-1071');
  });
});

describe('applying ticked payments', () => {
  const sheet = (rows: Cell[][]) => [[...PAYMENT_HEADERS] as Cell[], ...rows];
  const row = (amount: number, invoices: string, apply: boolean, applied = '') => {
    const values: Record<string, Cell> = { Date: '2026-10-06', Amount: amount, Currency: 'USD', Payer: 'Acme', Purpose: '', 'Payment id': 'x', Invoices: invoices, Apply: apply, Applied: applied };
    return PAYMENT_HEADERS.map((header) => values[header] ?? '');
  };
  const plan = (paymentRows: Cell[][], formulas: string[][] = []) => {
    const t = table();
    return planApply({ payments: readPaymentRows(sheet(paymentRows), reading()).rows, table: t, rows: INVOICES, formulas, conventions: localeConventions('en_US'), today: AS_OF });
  };

  it('adds to the paid amount and sets the paid date of the invoices a ticked row names, oldest first', () => {
    const result = plan([row(600, 'INV-2026-1072, INV-2026-1071', true), row(700, 'INV-2026-0413', false)]);
    expect(result.problems).toEqual([]);
    expect(result.newColumns).toEqual([]);
    expect(result.invoiceCells).toEqual([
      { row: 7, column: 7, before: 0, after: 300 },
      { row: 7, column: 8, before: '', after: { day: day('2026-10-06') } },
      { row: 8, column: 7, before: 0, after: 200 },
      { row: 8, column: 8, before: '', after: { day: day('2026-10-06') } },
    ]);
    expect(result.applied).toEqual([{ row: 2, text: '2026-10-10: INV-2026-1071 300.00 USD; INV-2026-1072 200.00 USD; 100.00 USD left over' }]);
  });

  it('skips rows already applied, and reports a formula cell, an unknown invoice or another currency instead of writing', () => {
    expect(plan([row(500, 'INV-2026-0412', true, '2026-10-09: INV-2026-0412 500.00 USD')]).applied).toEqual([]);
    const formulas = INVOICES.map(() => ['', '', '', '', '', '', '', '']);
    formulas[4][6] = '=F5';
    const blocked = plan([row(500, 'INV-2026-0412', true)], formulas);
    expect(blocked.invoiceCells).toEqual([]);
    expect(blocked.problems[0]).toContain('has a formula');
    expect(plan([row(5, 'INV-9', true)]).problems).toEqual(['Payments row 2: invoice "INV-9" is not in the invoice table']);
  });
});
