import type { DateReading } from '../cells';
import { boundedPurpose, IdentityMaker, StatementError, type ParsedStatement } from './statement';
import { detectStatementColumns, isStatementHeader, StatementRowReader, type StatementColumns } from './statementRows';

/** Splits CSV text into rows of cells (RFC 4180 quoting), with the delimiter the header line uses most: `;`, `,`, tab or `|`. */
export function splitCsv(text: string): string[][] {
  const body = text.replace(/^\uFEFF/, '');
  const firstLine = body.slice(0, body.search(/\r|\n|$/));
  const delimiter = [';', ',', '\t', '|'].reduce((best, candidate) => (firstLine.split(candidate).length > firstLine.split(best).length ? candidate : best));
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const char = body[i];
    if (quoted) {
      if (char === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (char === delimiter) {
      row.push(cell);
      cell = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && body[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += char;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/**
 * A bank's CSV export: a header row within the first 20 lines naming a date
 * and either one signed amount column (money in is positive, unless a
 * Credit/Debit column says) or separate credit and debit columns.
 */
export function parseCsvStatement(text: string, reading: DateReading): ParsedStatement {
  const rows = splitCsv(text);
  let headerIndex = -1;
  let columns: StatementColumns = {};
  for (let i = 0; i < Math.min(rows.length, 20) && headerIndex < 0; i++) {
    const found = detectStatementColumns(rows[i]);
    if (isStatementHeader(found)) {
      headerIndex = i;
      columns = found;
    }
  }
  if (headerIndex < 0) throw new StatementError('not a bank statement CSV: no header row with a date and an amount (or credit) column within the first 20 lines');
  const statement: ParsedStatement = { format: 'CSV', payments: [], outgoing: 0, problems: [] };
  const identities = new IdentityMaker('csv');
  const reader = new StatementRowReader(columns, rows[headerIndex], reading);
  for (let r = headerIndex + 1; r < rows.length; r++) {
    const line = reader.read(rows[r], `line ${r + 1}`);
    if (line.kind === 'problem') statement.problems.push(line.reason);
    else if (line.kind === 'outgoing') statement.outgoing++;
    else if (line.kind === 'payment') {
      const id = identities.make(line.bankId, [line.dateText, line.payment.amountCents, line.payment.currency, line.payment.payer, line.payment.payerAccount, line.payment.purpose]);
      statement.payments.push({ ...line.payment, id, purpose: boundedPurpose(line.payment.purpose, `line ${r + 1}`, statement.problems) });
    }
  }
  return statement;
}
