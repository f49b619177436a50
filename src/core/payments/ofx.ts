import { calendarDay, type CalendarDay } from '../calendar';
import { LineCounter } from './xml';
import { boundedPurpose, IdentityMaker, statementAmount, StatementError, type ParsedStatement } from './statement';

/**
 * OFX bank statements, version 1 (SGML, where closing tags of values may be
 * left out) and version 2 (XML): each `STMTTRN` with a positive `TRNAMT` is
 * money in. `FITID` is the bank's id of the transaction; the payer is `NAME`
 *, the purpose `MEMO`. The currency is the statement's
 * `CURDEF` unless a transaction says otherwise.
 */
export function parseOfx(text: string): ParsedStatement {
  if (!/<OFX>/i.test(text)) throw new StatementError('not an OFX file: no <OFX> element');
  const statement: ParsedStatement = { format: 'OFX', payments: [], outgoing: 0, problems: [] };
  const identities = new IdentityMaker('ofx');
  const defaultCurrency = valueOf(text, 'CURDEF');
  const account = valueOf(text, 'ACCTID');
  const lines = new LineCounter(text);
  let number = 0;
  for (const { block, start, closed } of transactionBlocks(text)) {
    number++;
    if (!closed) {
      statement.problems.push(`transaction ${number} at line ${lines.lineAt(start)}: <STMTTRN> is never closed; it and what follows are left out`);
      break;
    }
    const get = (tag: string) => valueOf(block, tag);
    const where = `transaction ${number} at line ${lines.lineAt(start)}${get('FITID') ? ` (FITID ${get('FITID')})` : ''}`;
    const read = statementAmount(get('TRNAMT'));
    if (!('cents' in read)) {
      statement.problems.push(`${where}: TRNAMT ${read.problem}`);
      continue;
    }
    const cents = read.cents;
    if (cents <= 0) {
      statement.outgoing++;
      continue;
    }
    const day = ofxDay(get('DTPOSTED')) ?? ofxDay(get('DTUSER'));
    if (day === null) {
      statement.problems.push(`${where}: DTPOSTED "${get('DTPOSTED')}" is not a date`);
      continue;
    }
    const payer = get('NAME');
    const purpose = [get('MEMO'), get('CHECKNUM') ? `check ${get('CHECKNUM')}` : ''].filter(Boolean).join(' ');
    statement.payments.push({
      id: identities.make(get('FITID') ? `${account}:${get('FITID')}` : '', [day, cents, payer, purpose]),
      day,
      amountCents: cents,
      currency: (valueOf(block, 'CURSYM') || valueOf(block, 'CURRENCY') || defaultCurrency).toUpperCase(),
      payer,
      payerTaxId: '',
      payerAccount: valueOf(block, 'ACCTID'),
      purpose: boundedPurpose(purpose, where, statement.problems),
    });
  }
  if (number === 0 && !/<BANKTRANLIST>/i.test(text)) throw new StatementError('not an OFX bank statement: no BANKTRANLIST');
  return statement;
}

/**
 * The text of each STMTTRN element, in one pass over the tags that open and
 * close one: a search for the closing tag starts where the last one ended,
 * so a file of unclosed <STMTTRN> takes time linear in its size.
 */
function* transactionBlocks(text: string): Generator<{ block: string; start: number; closed: boolean }> {
  const tags = /<(\/?)STMTTRN>/gi;
  let open = -1;
  for (let match = tags.exec(text); match; match = tags.exec(text)) {
    if (!match[1]) {
      // An opening tag inside an open transaction: the earlier one was never closed.
      if (open >= 0) return yield { block: '', start: open, closed: false };
      open = tags.lastIndex;
    } else if (open >= 0) {
      yield { block: text.slice(open, match.index), start: open, closed: true };
      open = -1;
    }
  }
  if (open >= 0) yield { block: '', start: open, closed: false };
}

/** A value element's text, in SGML (`<TAG>value` up to the next tag) or XML (`<TAG>value</TAG>`). */
function valueOf(block: string, tag: string): string {
  const match = new RegExp(`<${tag}>([^<\\r\\n]*)`, 'i').exec(block);
  return match ? decode(match[1].trim()) : '';
}

function decode(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

/** "20260902", "20260902120000.000[-5:EST]": the date as written. */
function ofxDay(text: string): CalendarDay | null {
  const match = /^(\d{4})(\d{2})(\d{2})/.exec(text);
  if (!match) return null;
  const day = calendarDay(Number(match[1]), Number(match[2]), Number(match[3]));
  return Number.isNaN(day) ? null : day;
}
