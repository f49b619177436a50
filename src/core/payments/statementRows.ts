import { amountInCents, CellError, dayOfCell, describeCell, isBlank, type Cell, type DateReading } from '../cells';
import { normalizeHeader } from '../columns';
import { MAX_STATEMENT_AMOUNT, taxIdDigits, type StatementPayment } from './statement';

export type StatementColumn = 'date' | 'amount' | 'credit' | 'debit' | 'direction' | 'currency' | 'payer' | 'taxId' | 'account' | 'purpose' | 'id';

/** Header spellings of bank CSV exports, normalised as invoice headers are. */
const HEADERS: Record<StatementColumn, readonly string[]> = {
  date: ['date', 'bookingdate', 'transactiondate', 'valuedate', 'postingdate', 'posted', 'дата', 'датаоперации', 'датапроводки', 'датаплатежа', 'датапоступления'],
  amount: ['amount', 'transactionamount', 'sum', 'value', 'сумма', 'суммаоперации', 'суммаплатежа'],
  credit: ['credit', 'creditamount', 'paidin', 'moneyin', 'deposit', 'deposits', 'in', 'incoming', 'приход', 'поступление', 'кредит', 'зачислено', 'суммапоступления', 'поступило'],
  debit: ['debit', 'debitamount', 'paidout', 'moneyout', 'withdrawal', 'withdrawals', 'out', 'outgoing', 'расход', 'списание', 'дебет', 'списано', 'суммасписания'],
  direction: ['creditdebit', 'debitcredit', 'dc', 'cd', 'crdr', 'drcr', 'direction', 'type', 'transactiontype', 'cdtdbtind', 'типоперации', 'направление'],
  currency: ['currency', 'ccy', 'curr', 'валюта'],
  payer: ['payer', 'payername', 'counterparty', 'counterpartyname', 'name', 'payee', 'orderingparty', 'remitter', 'sender', 'from', 'плательщик', 'контрагент', 'наименованиеплательщика', 'отправитель'],
  taxId: ['inn', 'payerinn', 'taxid', 'payertaxid', 'vat', 'vatnumber', 'инн', 'иннплательщика', 'иннконтрагента', 'иннотправителя'],
  account: ['account', 'payeraccount', 'counterpartyaccount', 'iban', 'counterpartyiban', 'accountnumber', 'счетплательщика', 'счетконтрагента', 'счетотправителя', 'счет'],
  purpose: ['purpose', 'reference', 'description', 'transactiondescription', 'transactiondetails', 'details', 'memo', 'narrative', 'remittanceinformation', 'paymentdetails', 'назначениеплатежа', 'назначение', 'комментарий', 'описание', 'основание'],
  id: ['id', 'paymentid', 'transactionid', 'fitid', 'bankreference', 'transactionreference', 'номердокумента', 'номерплатежа', 'номер', 'документ'],
};
const COLUMNS = Object.keys(HEADERS) as StatementColumn[];

/** The columns of a header row; a date and an amount (signed, or credit) make it a statement's header. */
export function detectStatementColumns(header: readonly unknown[]): StatementColumns {
  const names = header.map((cell) => normalizeHeader(cell as string));
  const found: StatementColumns = {};
  const taken = new Set<number>();
  for (const column of COLUMNS) {
    for (const synonym of HEADERS[column]) {
      const index = names.findIndex((name, i) => name === synonym && !taken.has(i));
      if (index >= 0) {
        found[column] = index;
        taken.add(index);
        break;
      }
    }
  }
  return found;
}

const CREDIT_WORD = /^(c|cr|crdt|credit|in|incoming|приход|поступление|кредит|зачисление)$/i;
const DEBIT_WORD = /^(d|dr|dbit|debit|out|outgoing|расход|списание|дебет)$/i;

/** Where each column of a statement table is (0-based). */
export type StatementColumns = Partial<Record<StatementColumn, number>>;

/** A date and an amount (signed, or a credit column) make a statement's header. */
export function isStatementHeader(columns: StatementColumns): boolean {
  return columns.date !== undefined && (columns.amount !== undefined || columns.credit !== undefined);
}

/** One row of a statement table, read. */
export type StatementLine =
  | { kind: 'payment'; payment: Omit<StatementPayment, 'id'>; bankId: string; dateText: string }
  | { kind: 'outgoing' | 'blank' }
  | { kind: 'problem'; reason: string };

/** Reads rows of a statement table (CSV lines or sheet rows) by their columns. */
export class StatementRowReader {
  constructor(
    private readonly columns: StatementColumns,
    private readonly header: readonly Cell[],
    private readonly reading: DateReading,
  ) {}

  read(row: readonly Cell[], where: string): StatementLine {
    if (row.every((cell) => isBlank(cell))) return { kind: 'blank' };
    const columns = this.columns;
    const cell = (column: StatementColumn): Cell => (columns[column] === undefined ? '' : row[columns[column] as number] ?? '');
    const text = (column: StatementColumn) => String(cell(column) ?? '').trim();
    const conventions = this.reading.conventions;
    let column: StatementColumn = 'date';
    try {
      const day = dayOfCell(cell('date'), this.reading);
      if (day === null) throw new CellError('is empty');
      let cents: number;
      if (columns.credit !== undefined) {
        column = 'credit';
        const credit = amountInCents(cell('credit'), conventions) ?? 0;
        column = 'debit';
        const debit = amountInCents(cell('debit'), conventions) ?? 0;
        cents = credit !== 0 ? Math.abs(credit) : -Math.abs(debit);
      } else {
        column = 'amount';
        const amount = amountInCents(cell('amount'), conventions);
        if (amount === null) throw new CellError('is empty');
        const direction = text('direction');
        cents = CREDIT_WORD.test(direction) ? Math.abs(amount) : DEBIT_WORD.test(direction) ? -Math.abs(amount) : amount;
      }
      if (Math.abs(cents) > MAX_STATEMENT_AMOUNT * 100) throw new CellError(`is over ${MAX_STATEMENT_AMOUNT.toLocaleString('en-US')}, more than any payment this add-on reads`);
      if (cents <= 0) return { kind: 'outgoing' };
      return {
        kind: 'payment',
        bankId: text('id'),
        dateText: String(cell('date')),
        payment: {
          day,
          amountCents: cents,
          currency: text('currency').toUpperCase(),
          payer: text('payer'),
          payerTaxId: taxIdDigits(text('taxId')),
          payerAccount: text('account'),
          purpose: text('purpose'),
        },
      };
    } catch (error) {
      if (!(error instanceof CellError)) throw error;
      const at = columns[column];
      const value = at === undefined ? '' : row[at];
      const found = isBlank(value) ? error.message : error.message.startsWith('is ') ? `${describeCell(value)} ${error.message}` : error.message;
      return { kind: 'problem', reason: `${where}, column "${at === undefined ? column : String(this.header[at] ?? '')}": ${found}` };
    }
  }
}
