// Payers named where banks write them (issue 23, item 4): a US or UK bank's
// CSV has no payer column, and the name stands in the description.
import { describe, expect, it } from 'vitest';
import { calendarDay, ZoneCalendar } from '../../src/core/calendar';
import type { Cell } from '../../src/core/cells';
import { readInvoiceTable } from '../../src/core/invoices';
import { localeConventions } from '../../src/core/locale';
import { matchPayments } from '../../src/core/payments/matcher';
import { payerInDescription } from '../../src/core/payments/names';
import { parseStatement } from '../../src/core/payments/parseStatement';

const INVOICES: Cell[][] = [
  ['Customer', 'Invoice No', 'Invoice Date', 'Due Date', 'Amount', 'Paid'],
  ['Fernwood Yoga', '1045', '2026-10-20', '2026-11-19', 680, 0],
  ['Fernwood Yoga', '1050', '2026-11-01', '2026-12-01', 240, 0],
  ['Bayside Club', '1046', '2026-10-24', '2026-11-23', 1150, 0],
  ['Dukes Basketball Camp', '1003', '2026-06-15', '2026-07-15', 975, 0],
  ['ООО «Ромашка»', '145', '2026-09-02', '2026-10-02', 12000, 0],
  ['Müller GmbH', 'RE-77', '2026-10-01', '2026-10-31', 310, 0],
];
const table = readInvoiceTable(INVOICES, { timeZone: 'America/New_York', locale: 'en_US' });
const reading = { calendar: new ZoneCalendar('America/New_York'), conventions: localeConventions('en_US') };
const match = (csv: string) => {
  const statement = parseStatement(csv, reading);
  return matchPayments(statement.payments, table, { asOfDay: calendarDay(2026, 11, 25) }).map((result) => ({
    confidence: result.confidence,
    customer: result.customer,
    invoices: result.allocations.map((allocation) => table.number[allocation.invoice]),
    reason: result.reason,
  }));
};

describe('payers named in the description', () => {
  it('reads the name out of the forms banks write', () => {
    expect(payerInDescription('Zelle payment from FERNWOOD YOGA LLC Conf# q7x2b9k3')).toBe('FERNWOOD YOGA LLC');
    expect(payerInDescription('ACH CREDIT 112233 ORIG CO NAME:BAYSIDE CLUB INC ORIG ID:1234567890 DESC DATE:261120 CO ENTRY DESCR:PAYMENTS SEC:CCD')).toBe('BAYSIDE CLUB INC');
    expect(payerInDescription('Оплата от ООО «Ромашка» по счету № 145 от 02.09.2026')).toBe('ООО «Ромашка»');
    expect(payerInDescription('SEPA CREDIT TRANSFER FROM Müller GmbH REMI RE-77')).toBe('Müller GmbH');
    expect(payerInDescription('Auftraggeber: Müller GmbH Verwendungszweck RE-77')).toBe('Müller GmbH');
    expect(payerInDescription('FASTER PAYMENT RECEIVED FROM DUKES BASKETBALL CAMP REF INV 1003')).toBe('DUKES BASKETBALL CAMP');
    // Nothing named, or one's own account.
    expect(payerInDescription('Invoice 1045, thank you')).toBe('');
    expect(payerInDescription('ONLINE TRANSFER FROM CHK ...1234 TRANSACTION#: 18273645')).toBe('');
  });

  it('a Chase CSV: "Zelle payment from FERNWOOD YOGA LLC" pays Fernwood\'s 680, and an ACH credit Bayside\'s 1,150, by name and amount', () => {
    const chase = [
      'Details,Posting Date,Description,Amount,Type,Balance,Check or Slip #',
      'CREDIT,11/24/2026,"Zelle payment from FERNWOOD YOGA LLC Conf# q7x2b9k3",680.00,QUICKPAY_CREDIT,5230.11,,',
      'CREDIT,11/23/2026,"ACH CREDIT ORIG CO NAME:BAYSIDE CLUB INC ORIG ID:1234567890 DESC DATE:261120 CO ENTRY DESCR:PAYMENTS SEC:CCD",1150.00,ACH_CREDIT,4550.11,,',
      'DEBIT,11/22/2026,"AMAZON MKTPL*ZX81",-42.10,DEBIT_CARD,3400.11,,',
    ].join('\n');
    const [fernwood, bayside] = match(chase);
    expect(fernwood).toMatchObject({ confidence: 'strong', customer: 'Fernwood Yoga', invoices: ['1045'] });
    expect(fernwood.reason).toContain('payer "FERNWOOD YOGA LLC" (named in the description) taken for Fernwood Yoga');
    expect(bayside).toMatchObject({ confidence: 'strong', customer: 'Bayside Club', invoices: ['1046'] });
  });

  it('a UK bank\'s CSV (Lloyds layout) and a Russian one: the name in the description, the number too where given', () => {
    const lloyds = [
      'Transaction Date,Transaction Type,Sort Code,Account Number,Transaction Description,Debit Amount,Credit Amount,Balance',
      '24/11/2026,FPI,\'30-99-50,12345678,FASTER PAYMENT RECEIVED FROM DUKES BASKETBALL CAMP REF INV 1003,,975.00,8123.40',
      '24/11/2026,BGC,\'30-99-50,12345678,SEPA CREDIT TRANSFER FROM Müller GmbH REMI RE-77,,310.00,8433.40',
    ].join('\n');
    const results = parseStatement(lloyds, { ...reading, conventions: localeConventions('en_GB') });
    const matched = matchPayments(results.payments, table, { asOfDay: calendarDay(2026, 11, 25) });
    expect(matched.map((result) => [result.confidence, result.customer])).toEqual([
      ['exact', 'Dukes Basketball Camp'],
      ['exact', 'Müller GmbH'],
    ]);
    const russian = ['Дата;Сумма;Назначение платежа', '24.11.2026;12 000,00;Оплата от ООО «Ромашка» за товар, НДС не облагается'].join('\n');
    const [romashka] = matchPayments(parseStatement(russian, { ...reading, conventions: localeConventions('ru_RU') }).payments, table, { asOfDay: calendarDay(2026, 11, 25) });
    expect(romashka).toMatchObject({ confidence: 'strong', customer: 'ООО «Ромашка»' });
  });
});
