// Crafted and damaged bank files (issue 21, items 6 and 9): read in time
// linear in their size, every unreadable part named with its line, nothing
// thrown raw, the bounds README names kept.
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { calendarDay, ZoneCalendar } from '../../src/core/calendar';
import { readInvoiceTable } from '../../src/core/invoices';
import { localeConventions } from '../../src/core/locale';
import { statementCharset } from '../../src/core/payments/charset';
import { matchPayments, type PaymentToMatch } from '../../src/core/payments/matcher';
import { parseStatement } from '../../src/core/payments/parseStatement';
import { MAX_INVOICE_NUMBERS, namedNumbers } from '../../src/core/payments/references';
import { MAX_PURPOSE_CHARACTERS, StatementError, type ParsedStatement } from '../../src/core/payments/statement';
import { camtStatement, dos866, ofxStatement, oneCStatement, windows1251 } from '../support/statements';

const reading = { calendar: new ZoneCalendar('Europe/London'), conventions: localeConventions('en_US') };

/**
 * Runs `work` and stops it when it runs away: a quadratic reading of a
 * megabyte takes many minutes, a linear one milliseconds. The limit only
 * stops a runaway (so that a regression fails instead of hanging CI); it is
 * hundreds of times what the linear reading needs, and nothing is timed.
 */
function stoppedIfRunaway<T>(work: () => T): T {
  return vm.runInNewContext('work()', { work }, { timeout: 20_000 }) as T;
}

const MEGABYTE = 1024 * 1024;
const outcome = (text: string): ParsedStatement | string => {
  try {
    return parseStatement(text, reading);
  } catch (error) {
    if (error instanceof StatementError) return `StatementError: ${error.message}`;
    return `raw ${String(error)}`;
  }
};

describe('a bank file is read in time linear in its size', () => {
  it('a camt.053 statement followed by a megabyte of unclosed "<!--" is refused at the line of the first one', () => {
    const text = camtStatement() + '<!--'.repeat(MEGABYTE / 4);
    const lines = camtStatement().split('\n').length;
    expect(stoppedIfRunaway(() => outcome(text))).toBe(`StatementError: not readable XML: line ${lines}: a comment that never ends`);
  });

  it('a megabyte of unclosed "<STMTTRN>" in OFX 1, and of "<!--" in OFX 2, leave the statement read and name the line', () => {
    const sgml = stoppedIfRunaway(() => outcome(ofxStatement() + '<STMTTRN>'.repeat(MEGABYTE / 9))) as ParsedStatement;
    expect(sgml.payments).toHaveLength(1);
    expect(sgml.problems).toEqual([`transaction 3 at line ${ofxStatement().split('\n').length}: <STMTTRN> is never closed; it and what follows are left out`]);
    const xml = stoppedIfRunaway(() => outcome(ofxStatement().replace(/^[\s\S]*?<OFX>/, '<?xml version="1.0" encoding="UTF-8"?><?OFX OFXHEADER="200" VERSION="220"?>\n<OFX>') + '<!--'.repeat(MEGABYTE / 4))) as ParsedStatement;
    expect(xml.payments.map((payment) => payment.amountCents)).toEqual([70000]);
  });

  it('a camt.053 statement of 5,000 entries is read whole, each entry named by its line', () => {
    const entry = (n: number) => `<Ntry><NtryRef>R${n}</NtryRef><Amt Ccy="USD">${n}.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts><BookgDt><Dt>2026-10-0${1 + (n % 9)}</Dt></BookgDt></Ntry>\n`;
    const entries = Array.from({ length: 5000 }, (_, i) => entry(i + 1)).join('').replace('<Amt Ccy="USD">77.00', '<Amt Ccy="USD">seventy');
    const text = `<?xml version="1.0"?>\n<Document><BkToCstmrStmt><Stmt><Acct><Ccy>USD</Ccy></Acct>\n${entries}</Stmt></BkToCstmrStmt></Document>`;
    const statement = stoppedIfRunaway(() => outcome(text)) as ParsedStatement;
    expect(statement.payments).toHaveLength(4999);
    expect(statement.problems).toEqual(['entry 77 at line 79 (R77): "seventy" is not an amount']);
  });
});

describe('every unreadable character is named with its line, never thrown raw', () => {
  it('"&#x110000;", a lone "&" and an unknown entity in camt.053', () => {
    const withText = (text: string) => outcome(camtStatement().replace('thank you &amp; regards', text));
    const line = camtStatement().split('\n').findIndex((l) => l.includes('thank you')) + 1;
    expect(withText('&#x110000;')).toBe(`StatementError: not readable XML: line ${line}: &#x110000; is not a character`);
    expect(withText('&#xD800;')).toBe(`StatementError: not readable XML: line ${line}: &#xD800; is not a character`);
    expect(withText('&#0;')).toBe(`StatementError: not readable XML: line ${line}: &#0; is not a character`);
    expect(withText('A & B')).toMatch(new RegExp(`^StatementError: not readable XML: line ${line}: "&" is not a character reference`));
    expect(withText('&nbsp;')).toBe(`StatementError: not readable XML: line ${line}: &nbsp; is not an entity XML knows`);
    expect((withText('caf&#xE9; &#233;') as ParsedStatement).payments[0].purpose).toBe('INV-0412 café é');
  });

  it('an amount over 1,000,000,000,000 is refused, not rounded into the sheet', () => {
    const oneC = parseStatement(oneCStatement().replace('Сумма=1000.00', 'Сумма=99999999999999999999.99'), reading);
    expect(oneC.payments.map((payment) => payment.amountCents)).toEqual([200000]);
    expect(oneC.problems).toEqual(['document at line 11 (№ 512): Сумма "99999999999999999999.99" is over 1,000,000,000,000, more than any payment this add-on reads']);
    expect(parseStatement(oneCStatement().replace('Сумма=1000.00', 'Сумма=1000000000000.00'), reading).payments[0].amountCents).toBe(100000000000000);
    const camt = parseStatement(camtStatement().replace('<Amt Ccy="USD">500.00</Amt>', '<Amt Ccy="USD">1000000000000.01</Amt>'), reading);
    expect(camt.problems).toEqual([expect.stringMatching(/^entry 1 at line 8 \(E1\): "1000000000000.01" is over 1,000,000,000,000/)]);
    const ofx = parseStatement(ofxStatement().replace('<TRNAMT>700.00', '<TRNAMT>5e20'), reading);
    expect(ofx.payments).toEqual([]);
    expect(ofx.problems).toEqual([expect.stringMatching(/^transaction 1 at line \d+ \(FITID 2026100501\): TRNAMT "5e20" is not an amount$/)]);
    const csv = parseStatement('Date,Amount,Payer,Purpose\n2026-10-05,20000000000000,X,Inv 1\n2026-10-05,12.00,Y,Inv 2\n', reading);
    expect(csv.payments.map((payment) => payment.payer)).toEqual(['Y']);
    expect(csv.problems).toEqual(['line 2, column "Amount": "20000000000000" is over 1,000,000,000,000, more than any payment this add-on reads']);
  });

  it('a purpose over the bound is cut, the cut named, and the payment kept', () => {
    const long = `Invoice 145 ${'x'.repeat(5000)}`;
    const statement = parseStatement(oneCStatement().replace('НазначениеПлатежа=оплата по сч. 150', `НазначениеПлатежа=${long}`), reading);
    expect(statement.payments.map((payment) => payment.purpose.length)).toEqual([expect.any(Number), MAX_PURPOSE_CHARACTERS + 1]);
    expect(statement.problems).toEqual([`document at line 36 (№ 9): the purpose is 5,012 characters; only the first 2,000 are kept`]);
  });
});

describe('damaged files', () => {
  it('2,000 files damaged at random places (tags, entities, keys, amounts) are read or refused by name, never thrown raw', () => {
    const pieces = ['<', '>', '&', ';', '#', '"', "'", '\n', '\r', '=', '/', '<!--', ']]>', '<![CDATA[', '&#x', '&#', '&#x110000;', '1e400', '-', '.', ',', '\u0000', '\uD800', 'СекцияДокумент', 'КонецДокумента', '<STMTTRN>', '</STMTTRN>', '<Ntry>', '</Ntry>', 'Сумма=', '99999999999999999999', 'NaN', 'договор № 12'];
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const raw: string[] = [];
    for (const base of [camtStatement(), ofxStatement(), oneCStatement(), 'Date,Amount,Payer,Purpose\n2026-10-05,12.00,X,Inv 145\n']) {
      for (let k = 0; k < 500; k++) {
        let text = base;
        for (let m = 0; m < 1 + random(4); m++) {
          const at = random(text.length);
          text = text.slice(0, at) + pieces[random(pieces.length)] + text.slice(at + random(3));
        }
        const read = outcome(text);
        if (typeof read === 'string' && read.startsWith('raw')) raw.push(read);
      }
    }
    expect(raw).toEqual([]);
  });
});

describe('the encoding a file declares must fit its bytes', () => {
  const withoutDeclaration = oneCStatement().replace('Кодировка=Windows\r\n', '');

  it('Кодировка=DOS is read as code page 866', () => {
    const bytes = dos866(oneCStatement().replace('Кодировка=Windows', 'Кодировка=DOS'));
    expect(statementCharset(bytes)).toEqual({ charset: 'IBM866' });
    expect(parseStatement(new TextDecoder('IBM866').decode(bytes), reading).payments).toHaveLength(2);
  });

  it('a file in Windows-1251 that says DOS, and one in 866 that says Windows, are refused with that reason', () => {
    expect(statementCharset(windows1251(oneCStatement().replace('Кодировка=Windows', 'Кодировка=DOS')))).toEqual({
      refused: 'line 3 says Кодировка=DOS (DOS (866)), but the file is written in Windows-1251: export it again from the bank, or correct that line',
    });
    expect(statementCharset(dos866(oneCStatement()))).toEqual({ refused: expect.stringContaining('line 3 says Кодировка=Windows (Windows-1251), but the file is written in DOS (866)') });
    expect(statementCharset(windows1251(oneCStatement().replace('Кодировка=Windows', 'Кодировка=KOI8')))).toEqual({ refused: 'line 3 says Кодировка=KOI8: a 1C file is in Windows (1251) or DOS (866)' });
  });

  it('one stray byte of another encoding is refused, naming its line', () => {
    const utf8 = new TextEncoder().encode(withoutDeclaration.replace('№ 145', 'X 145'));
    const stray = Uint8Array.from(utf8);
    stray[utf8.indexOf(0x58)] = 0xb9; // "№" in Windows-1251, in a UTF-8 file
    const line = withoutDeclaration.split('\r\n').findIndex((l) => l.includes('№ 145')) + 1;
    expect(statementCharset(stray)).toEqual({ refused: `line 2 is written in UTF-8, but line ${line} has a byte (0xB9) of another encoding: the file mixes two encodings` });
    // A UTF-8 word in a Windows-1251 file.
    const withUtf8 = Uint8Array.from([...windows1251(oneCStatement()), ...new TextEncoder().encode('оплата\r\n')]);
    expect(statementCharset(withUtf8)).toEqual({ refused: expect.stringMatching(/^line 3 says Кодировка=Windows \(Windows-1251\), but line \d+ is written in UTF-8: the file mixes two encodings$/) });
    // 0x98 is no character of Windows-1251.
    const hole = Uint8Array.from([...windows1251(oneCStatement()), 0x98]);
    expect(statementCharset(hole)).toEqual({ refused: expect.stringMatching(/has a byte \(0x98\) that Windows-1251, the encoding line 3 declares, has no character for$/) });
  });

  it('camt.053 declaring UTF-8 with a byte that is not UTF-8 is refused, naming the line', () => {
    const bytes = Uint8Array.from([...new TextEncoder().encode(camtStatement().replace('ACME CORP.', 'ACME CORP?'))]);
    bytes[bytes.indexOf(0x3f, 60)] = 0xe9; // "é" in Latin-1
    const line = camtStatement().split('\n').findIndex((l) => l.includes('ACME CORP.')) + 1;
    expect(statementCharset(bytes)).toEqual({ refused: `the XML declaration says encoding="UTF-8", but line ${line} has a byte (0xE9) that is not UTF-8: the file is in another encoding, or damaged` });
    expect(statementCharset(new TextEncoder().encode(camtStatement()))).toEqual({ charset: 'UTF-8' });
  });

  it('a single-byte encoding declared over UTF-8 text is refused: OFX CHARSET:1252, XML encoding="windows-1251"', () => {
    const ofx = ofxStatement().replace('Acme Ltd', 'Société Générale');
    const line = ofx.split('\n').findIndex((l) => l.includes('Société')) + 1;
    expect(statementCharset(new TextEncoder().encode(ofx))).toEqual({ refused: `the OFX header says CHARSET:1252, but line ${line} is written in UTF-8` });
    expect(statementCharset(Uint8Array.from(ofx, (char) => char.charCodeAt(0)))).toEqual({ charset: 'windows-1252' });
    const camt = camtStatement().replace('encoding="UTF-8"', 'encoding="windows-1251"').replace('ACME CORP.', 'ООО Вектор');
    expect(statementCharset(new TextEncoder().encode(camt))).toEqual({ refused: expect.stringMatching(/^the XML declaration says encoding="windows-1251", but line \d+ is written in UTF-8$/) });
    expect(statementCharset(windows1251(camt))).toEqual({ charset: 'windows-1251' });
  });
});

describe('invoice numbers in a purpose', () => {
  const digits = (purpose: string) => namedNumbers(purpose).map((n) => n.digits);

  it('numbers of contracts and acts are not invoice numbers', () => {
    expect(digits('Оплата по договору № 12')).toEqual([]);
    expect(digits('договор № 12 от 01.02.2026')).toEqual([]);
    expect(digits('по дог. 12345')).toEqual([]);
    expect(digits('контракт 77, аванс')).toEqual([]);
    expect(digits('по контракту №77')).toEqual([]);
    expect(digits('акт № 5')).toEqual([]);
    expect(digits('по акту 31415')).toEqual([]);
    expect(digits('contract 12345')).toEqual([]);
    expect(digits('Contract No. 12')).toEqual([]);
    // The invoice named beside them still is.
    expect(digits('Оплата по счету № 145 по договору № 12')).toEqual(['145']);
    expect(digits('договор № 12, счет 145, 146')).toEqual(['145', '146']);
    expect(digits('invoice 145 under contract 12')).toEqual(['145']);
    // "акт" only as a word of its own.
    expect(digits('факт 12345')).toEqual(['12345']);
  });

  const book = () => {
    const rows: unknown[][] = [['Customer', 'Invoice No', 'Invoice Date', 'Due Date', 'Currency', 'Amount', 'Paid', 'Paid Date']];
    for (let i = 0; i < 3000; i++) rows.push([`Customer ${i % 50}`, String(1000 + i), '2026-09-01', '2026-10-01', 'USD', 100 + (i % 7), 0, '']);
    rows.push(['Vector', '12', '2026-09-01', '2026-10-01', 'USD', 700, 0, '']);
    return readInvoiceTable(rows as never, { timeZone: 'Europe/London', locale: 'en_US' });
  };
  const pay = (purpose: string, payer = 'Customer 3', amount = 555.55): PaymentToMatch => ({ day: calendarDay(2026, 10, 10), amountCents: Math.round(amount * 100), currency: 'USD', payer, payerTaxId: '', purpose });

  it('"договор № 12" is not matched as invoice 12', () => {
    const [match] = matchPayments([pay('Оплата по договору № 12', 'Someone else', 700)], book(), { asOfDay: calendarDay(2026, 10, 10) });
    expect(match.allocations).toEqual([]);
    expect(match.confidence).toBe('none');
  });

  it(`a purpose naming more than ${MAX_INVOICE_NUMBERS} numbers is left to the bookkeeper, and the other payments still match; 200 of them stay quick`, () => {
    const list = `Invoices ${Array.from({ length: 2400 }, (_, i) => 1000 + i).join(', ')}`;
    expect(namedNumbers(list)).toHaveLength(MAX_INVOICE_NUMBERS + 1);
    const payments = [...Array.from({ length: 200 }, () => pay(list)), pay('Invoice 1003', 'Customer 3', 103)];
    const matches = stoppedIfRunaway(() => matchPayments(payments, book(), { asOfDay: calendarDay(2026, 10, 10) }));
    expect(matches[0]).toEqual({ confidence: 'none', allocations: [], customer: '', reason: `the purpose names more than ${MAX_INVOICE_NUMBERS} numbers: match it by hand` });
    expect(matches[200].confidence).toBe('exact');
  });
});
