import type { Cell } from './cells';

/** The fields an invoice table can hold. */
export type Field =
  | 'customer'
  | 'invoiceNumber'
  | 'invoiceDate'
  | 'dueDate'
  | 'amount'
  | 'paidAmount'
  | 'balance'
  | 'paidDate'
  | 'currency'
  | 'email'
  | 'status'
  | 'terms'
  | 'disputed'
  | 'channel';

/**
 * Header spellings per field, normalised (lower case, letters and digits
 * only, ё as е), best first. Matching is exact, so `PaperlessDate` is never
 * taken for a date of the invoice.
 */
const HEADER_SYNONYMS: Record<Field, readonly string[]> = {
  customer: ['customer', 'customername', 'customerid', 'client', 'clientname', 'клиент', 'контрагент', 'покупатель', 'заказчик', 'плательщик', 'debtor', 'account', 'accountname', 'company'],
  invoiceNumber: ['invoicenumber', 'invoiceno', 'invoicenum', 'invoiceid', 'invoice', 'invno', 'inv', 'номерсчета', 'счет', 'номерсчетафактуры', 'номер', 'documentnumber', 'number', 'no'],
  invoiceDate: ['invoicedate', 'dateofinvoice', 'issuedate', 'issued', 'датасчета', 'датавыставления', 'датадокумента', 'date', 'дата'],
  dueDate: ['duedate', 'paymentduedate', 'due', 'dueon', 'paymentdue', 'срокоплаты', 'оплатитьдо', 'датаоплатыпо', 'срок', 'крайнийсрок'],
  amount: ['amount', 'invoiceamount', 'total', 'invoicetotal', 'totalamount', 'sum', 'сумма', 'суммасчета', 'суммаксоплате', 'итого'],
  paidAmount: ['paidamount', 'amountpaid', 'paid', 'payments', 'payment', 'оплачено', 'суммаоплаты', 'оплата'],
  balance: ['balance', 'balancedue', 'outstanding', 'amountdue', 'openamount', 'open', 'остаток', 'долг', 'задолженность', 'коплате', 'остатокдолга'],
  paidDate: ['paiddate', 'datepaid', 'settleddate', 'settlementdate', 'paymentdate', 'paidon', 'датаоплаты', 'оплачен'],
  currency: ['currency', 'curr', 'ccy', 'валюта'],
  email: ['email', 'emailaddress', 'mail', 'почта', 'электроннаяпочта', 'емейл', 'эмейл'],
  status: ['status', 'статус', 'состояние'],
  terms: ['terms', 'paymentterms', 'termsdays', 'netdays', 'условияоплаты', 'отсрочка', 'отсрочкадней'],
  disputed: ['disputed', 'dispute', 'спорный', 'спор', 'оспорен'],
  channel: ['paperlessbill', 'billingchannel', 'channel', 'delivery', 'канал', 'доставка'],
};

export const FIELDS = Object.keys(HEADER_SYNONYMS) as Field[];

/** Human names for messages. */
export const FIELD_LABELS: Record<Field, string> = {
  customer: 'customer',
  invoiceNumber: 'invoice number',
  invoiceDate: 'invoice date',
  dueDate: 'due date',
  amount: 'amount',
  paidAmount: 'paid amount',
  balance: 'balance',
  paidDate: 'paid date',
  currency: 'currency',
  email: 'email',
  status: 'status',
  terms: 'terms',
  disputed: 'disputed',
  channel: 'billing channel',
};

/** Lower case, letters and digits only, ё as е: "E-mail" → "email", "Дата счёта" → "датасчета". */
export function normalizeHeader(header: Cell): string {
  return String(header ?? '')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/** Headers the user chose for fields, correcting the detection; "" for none. */
export type ColumnOverrides = Partial<Record<Field, string>>;

/** Where each recognised field sits: a 0-based column index, and the header as typed. */
export type ColumnMap = Partial<Record<Field, { index: number; header: string }>>;

/**
 * Recognises the columns of a header row by name.
 * @example detectColumns(['Client', 'Due date', 'Total']) //=> { customer: {index: 0, …}, dueDate: {index: 1, …}, amount: {index: 2, …} }
 */
export function detectColumns(headers: readonly Cell[], overrides: ColumnOverrides = {}): ColumnMap {
  const normalized = headers.map(normalizeHeader);
  const columns: ColumnMap = {};
  const taken = new Set<number>();
  // The user's corrections first: a field set to a header takes that column; set to "" it takes none.
  for (const field of Object.keys(overrides) as Field[]) {
    const header = overrides[field];
    if (header === undefined) continue;
    const index = header === '' ? -1 : normalized.indexOf(normalizeHeader(header));
    if (index >= 0 && !taken.has(index)) {
      columns[field] = { index, header: String(headers[index]).trim() };
      taken.add(index);
    }
  }
  const corrected = new Set(Object.keys(overrides));
  // Fields with the most specific spellings go first, so that a generic
  // "Date" is left for the invoice date only when nothing better claims it.
  for (const rank of [0, 1]) {
    for (const field of FIELDS) {
      if (columns[field] || corrected.has(field)) continue;
      const synonyms = HEADER_SYNONYMS[field];
      const candidates = rank === 0 ? synonyms.slice(0, 3) : synonyms;
      for (const synonym of candidates) {
        const index = normalized.findIndex((name, i) => name === synonym && !taken.has(i));
        if (index >= 0) {
          columns[field] = { index, header: String(headers[index]).trim() };
          taken.add(index);
          break;
        }
      }
    }
  }
  return columns;
}

/** The header row for an error message: `Client, Due, Total`. */
export function listHeaders(headers: readonly Cell[]): string {
  const names = headers.map((header) => String(header ?? '').trim()).filter((name) => name !== '');
  return names.length ? names.join(', ') : 'none';
}

/** Whether a header row has what an invoice table needs: a customer, an amount or balance, and a date. */
export function isInvoiceHeader(columns: ColumnMap): boolean {
  return Boolean(columns.customer && (columns.amount || columns.balance) && (columns.dueDate || columns.invoiceDate));
}

/**
 * Finds the header row among a sheet's first rows: the one that makes an
 * invoice table and recognises the most columns; -1 when none does.
 */
export function findHeaderRow(firstRows: readonly (readonly Cell[])[], overrides: ColumnOverrides = {}): number {
  let best = -1;
  let bestCount = 0;
  firstRows.forEach((row, index) => {
    const columns = detectColumns(row, overrides);
    const count = Object.keys(columns).length;
    if (isInvoiceHeader(columns) && count > bestCount) {
      best = index;
      bestCount = count;
    }
  });
  return best;
}
