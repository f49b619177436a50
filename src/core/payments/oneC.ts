import { calendarDay, type CalendarDay } from '../calendar';
import { boundedPurpose, IdentityMaker, statementAmount, StatementError, taxIdDigits, type ParsedStatement } from './statement';

/**
 * The 1C client-bank exchange file (`1CClientBankExchange`, format 1.02/1.03):
 * `Key=Value` lines; the statement's own accounts as `РасчСчет=` in the
 * header or in `СекцияРасчСчет`; each payment a `СекцияДокумент=…` block
 * ending with `КонецДокумента`. A document is incoming when its
 * ПолучательСчет is one of the statement's accounts (or, without those,
 * when it has a ДатаПоступило and no ДатаСписано).
 */
export function parseOneC(text: string): ParsedStatement {
  const lines = text.split(/\r\n|\r|\n/);
  if (!/^\s*1CClientBankExchange\s*$/.test(lines[0].replace(/^\uFEFF/, ''))) throw new StatementError('not a 1C client-bank exchange file: the first line is not 1CClientBankExchange');
  const ownAccounts = new Set<string>();
  const documents: Array<{ line: number; fields: Map<string, string> }> = [];
  let current: { line: number; fields: Map<string, string> } | null = null;
  for (let index = 1; index < lines.length; index++) {
    const line = lines[index].trim();
    if (line === '') continue;
    const eq = line.indexOf('=');
    const key = eq < 0 ? line : line.slice(0, eq).trim();
    const value = eq < 0 ? '' : line.slice(eq + 1).trim();
    if (key === 'СекцияДокумент') {
      current = { line: index + 1, fields: new Map([['Вид', value]]) };
    } else if (key === 'КонецДокумента') {
      if (current) documents.push(current);
      current = null;
    } else if (current) {
      current.fields.set(key, value);
    } else if (key === 'РасчСчет' && value) {
      ownAccounts.add(value);
    }
  }
  const statement: ParsedStatement = { format: '1C', payments: [], outgoing: 0, problems: [] };
  const identities = new IdentityMaker('1c');
  for (const { line, fields } of documents) {
    const get = (key: string) => fields.get(key) ?? '';
    const where = `document at line ${line} (№ ${get('Номер') || '?'})`;
    const incoming = ownAccounts.size > 0 ? ownAccounts.has(get('ПолучательСчет')) : get('ДатаПоступило') !== '' && get('ДатаСписано') === '';
    const outgoing = ownAccounts.size > 0 ? ownAccounts.has(get('ПлательщикСчет')) : get('ДатаСписано') !== '';
    if (!incoming) {
      if (outgoing) statement.outgoing++;
      else statement.problems.push(`${where}: neither ПолучательСчет nor ДатаПоступило says it is incoming; left out`);
      continue;
    }
    const read = statementAmount(get('Сумма'));
    if (!('cents' in read) || read.cents <= 0) {
      statement.problems.push(`${where}: Сумма ${'problem' in read ? read.problem : `"${get('Сумма')}" is not an amount`}`);
      continue;
    }
    const cents = read.cents;
    const day = dottedDay(get('ДатаПоступило')) ?? dottedDay(get('Дата'));
    if (day === null) {
      statement.problems.push(`${where}: Дата "${get('Дата')}" is not a date`);
      continue;
    }
    const taxId = taxIdDigits(get('ПлательщикИНН'));
    const payer = get('Плательщик1') || get('Плательщик').replace(/^ИНН\s*\d+\s*/i, '');
    statement.payments.push({
      id: identities.make('', [get('Номер'), get('Дата'), taxId, get('ПлательщикСчет'), get('Сумма')]),
      day,
      amountCents: cents,
      currency: 'RUB',
      payer: payer.trim(),
      payerTaxId: taxId,
      payerAccount: get('ПлательщикСчет'),
      purpose: boundedPurpose(get('НазначениеПлатежа'), where, statement.problems),
    });
  }
  return statement;
}

/** "02.09.2026" as a calendar day; null when blank or not a date. */
function dottedDay(text: string): CalendarDay | null {
  const match = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text.trim());
  if (!match) return null;
  const day = calendarDay(Number(match[3]), Number(match[2]), Number(match[1]));
  return Number.isNaN(day) ? null : day;
}
