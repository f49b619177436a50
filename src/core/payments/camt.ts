import { calendarDay, type CalendarDay } from '../calendar';
import { boundedPurpose, IdentityMaker, statementAmount, StatementError, taxIdDigits, type ParsedStatement, type StatementPayment } from './statement';
import { child, childrenNamed, parseXml, textAt, XmlError, type XmlElement } from './xml';

/**
 * ISO 20022 camt.053 (BankToCustomerStatement, versions 001.02 to 001.13):
 * each `Stmt/Ntry` with `CdtDbtInd` CRDT is money in; booked entries only,
 * reversals left out. A batch entry with several `TxDtls` gives one payment
 * per transaction. The payer is `RltdPties/Dbtr` (`Dbtr/Pty` from version 8),
 * the purpose the unstructured remittance lines or the creditor reference.
 */
export function parseCamt053(text: string): ParsedStatement {
  let root: XmlElement;
  try {
    root = parseXml(text);
  } catch (error) {
    if (error instanceof XmlError) throw new StatementError(`not readable XML: ${error.message}`);
    throw error;
  }
  const report = child(root, 'BkToCstmrStmt');
  if (root.name !== 'Document' || !report) throw new StatementError('not a camt.053 statement: no Document/BkToCstmrStmt');
  const statement: ParsedStatement = { format: 'camt.053', payments: [], outgoing: 0, problems: [] };
  const identities = new IdentityMaker('camt');
  let entryNumber = 0;
  for (const stmt of childrenNamed(report, 'Stmt')) {
    const accountCurrency = textAt(stmt, 'Acct', 'Ccy');
    for (const entry of childrenNamed(stmt, 'Ntry')) {
      entryNumber++;
      const where = `entry ${entryNumber} at line ${entry.line}${textAt(entry, 'NtryRef') ? ` (${textAt(entry, 'NtryRef')})` : ''}`;
      const status = textAt(entry, 'Sts', 'Cd') || textAt(entry, 'Sts');
      if (textAt(entry, 'CdtDbtInd') !== 'CRDT' || textAt(entry, 'RvslInd') === 'true') {
        statement.outgoing++;
        continue;
      }
      if (status && status !== 'BOOK') {
        statement.problems.push(`${where}: status ${status}, not booked yet; left out`);
        continue;
      }
      const day = isoDay(textAt(entry, 'BookgDt', 'Dt') || textAt(entry, 'BookgDt', 'DtTm') || textAt(entry, 'ValDt', 'Dt') || textAt(entry, 'ValDt', 'DtTm'));
      if (day === null) {
        statement.problems.push(`${where}: no booking or value date`);
        continue;
      }
      const transactions = childrenNamed(child(entry, 'NtryDtls'), 'TxDtls');
      const entryAmount = child(entry, 'Amt');
      const parts = transactions.length > 1 ? transactions : [transactions[0]];
      parts.forEach((transaction, index) => {
        const amount = transactions.length > 1 ? (child(transaction, 'AmtDtls', 'TxAmt', 'Amt') ?? child(transaction, 'Amt')) : entryAmount;
        const read = statementAmount(amount?.text.trim() ?? '');
        const at = `${where}${transactions.length > 1 ? `, transaction ${index + 1}` : ''}`;
        if (!('cents' in read) || read.cents <= 0) {
          statement.problems.push(`${at}: ${'problem' in read ? read.problem : `"${amount?.text.trim() ?? ''}" is not an amount`}`);
          return;
        }
        const found = payment(entry, transaction, identities, day, read.cents, amount?.attributes.Ccy || accountCurrency, transactions.length > 1 ? index + 1 : 0);
        statement.payments.push({ ...found, purpose: boundedPurpose(found.purpose, at, statement.problems) });
      });
    }
  }
  return statement;
}

function payment(entry: XmlElement, transaction: XmlElement | undefined, identities: IdentityMaker, day: CalendarDay, cents: number, currency: string, part: number): StatementPayment {
  const parties = child(transaction, 'RltdPties');
  const debtor = child(parties, 'Dbtr', 'Pty') ?? child(parties, 'Dbtr');
  const debtorAccount = child(parties, 'DbtrAcct', 'Id');
  const remittance = child(transaction, 'RmtInf');
  const lines = childrenNamed(remittance, 'Ustrd').map((line) => line.text.trim());
  for (const structured of childrenNamed(remittance, 'Strd')) {
    const reference = textAt(structured, 'CdtrRefInf', 'Ref');
    if (reference) lines.push(reference);
    for (const document of childrenNamed(structured, 'RfrdDocInf')) if (textAt(document, 'Nb')) lines.push(textAt(document, 'Nb'));
  }
  if (lines.length === 0) lines.push(textAt(transaction, 'AddtlTxInf') || textAt(entry, 'AddtlNtryInf'));
  const refs = child(transaction, 'Refs');
  const endToEnd = textAt(refs, 'EndToEndId');
  const entryReference = textAt(entry, 'AcctSvcrRef') || textAt(entry, 'NtryRef');
  const bankReference =
    textAt(refs, 'AcctSvcrRef') || (entryReference && part ? `${entryReference}/${part}` : entryReference) || (endToEnd && endToEnd !== 'NOTPROVIDED' ? endToEnd : '');
  const payer = textAt(debtor, 'Nm');
  const taxId = taxIdDigits(textAt(debtor, 'Id', 'OrgId', 'Othr', 'Id'));
  const account = textAt(debtorAccount, 'IBAN') || textAt(debtorAccount, 'Othr', 'Id');
  const purpose = lines.filter(Boolean).join(' ');
  return {
    id: identities.make(bankReference, [day, cents, currency, payer, account, purpose]),
    day,
    amountCents: cents,
    currency: currency.toUpperCase(),
    payer,
    payerTaxId: taxId,
    payerAccount: account,
    purpose,
  };
}

/** "2026-09-02" or "2026-09-02T10:00:00+02:00": the date as written (the bank's own day). */
function isoDay(text: string): CalendarDay | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (!match) return null;
  const day = calendarDay(Number(match[1]), Number(match[2]), Number(match[3]));
  return Number.isNaN(day) ? null : day;
}
