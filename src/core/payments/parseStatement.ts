import type { DateReading } from '../cells';
import { parseCamt053 } from './camt';
import { parseCsvStatement } from './csv';
import { parseOneC } from './oneC';
import { parseOfx } from './ofx';
import { StatementError, type ParsedStatement } from './statement';

/**
 * A bank statement's text (already decoded: see `statementCharset`), in
 * whichever format it is: 1C client-bank exchange, OFX, camt.053 XML, or CSV.
 * Dates in a CSV are read with the spreadsheet's locale.
 */
export function parseStatement(text: string, reading: DateReading): ParsedStatement {
  const head = text.replace(/^\uFEFF/, '').trimStart().slice(0, 2000);
  if (head.startsWith('1CClientBankExchange')) return parseOneC(text.replace(/^\uFEFF/, ''));
  if (/^OFXHEADER|<OFX>/i.test(head) || /<OFX>/i.test(text.slice(0, 5000))) return parseOfx(text);
  if (head.startsWith('<')) {
    if (/BkToCstmrStmt/.test(text)) return parseCamt053(text);
    throw new StatementError('an XML file that is not a camt.053 statement (BkToCstmrStmt); camt.052 and camt.054 are not read');
  }
  if (head === '') throw new StatementError('the file is empty');
  return parseCsvStatement(text, reading);
}
