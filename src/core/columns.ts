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
  | 'channel'
  | 'type'
  | 'document'
  | 'manager'
  | 'payLink';

/**
 * Header spellings per field, normalised (lower case, letters and digits
 * only, ё as е), best first. Matching is exact, so `PaperlessDate` is never
 * taken for a date of the invoice.
 */
const HEADER_SYNONYMS: Record<Field, readonly string[]> = {
  customer: ['customer', 'customername', 'contactname', 'customerid', 'client', 'clientname', 'клиент', 'контрагент', 'покупатель', 'заказчик', 'плательщик', 'контрагенты', 'наименованиеконтрагента', 'имяклиента', 'имяконтакта', 'наименованиеклиента', 'партнер', 'debtor', 'account', 'accountname', 'company', 'contact', 'name'],
  invoiceNumber: ['invoicenumber', 'invoiceno', 'invoicenum', 'invoiceid', 'invoice', 'invno', 'inv', 'num', 'номерсчета', 'счет', 'номерсчетафактуры', 'номердокумента', 'номер', 'documentnumber', 'number', 'no'],
  invoiceDate: ['invoicedate', 'dateofinvoice', 'issuedate', 'issued', 'датасчета', 'датавыставления', 'датадокумента', 'date', 'дата'],
  dueDate: ['duedate', 'paymentduedate', 'due', 'dueon', 'paymentdue', 'срокоплаты', 'оплатитьдо', 'датаоплатыпо', 'срок', 'крайнийсрок', 'датапогашения', 'датаплатежа', 'срокплатежа'],
  amount: ['amount', 'invoiceamount', 'total', 'invoicetotal', 'totalamount', 'originalamount', 'sum', 'сумма', 'суммасчета', 'суммадокумента', 'суммаксоплате', 'итого', 'всего', 'суммавсего'],
  paidAmount: ['paidamount', 'amountpaid', 'invoiceamountpaid', 'paid', 'payments', 'payment', 'оплачено', 'суммаоплаты', 'оплата', 'оплаченнаясумма', 'суммаоплаченная', 'оплаченосумма'],
  balance: ['balance', 'openbalance', 'invoiceamountdue', 'balancedue', 'outstanding', 'amountdue', 'openamount', 'open', 'остаток', 'долг', 'задолженность', 'суммадолга', 'коплате', 'остатокдолга', 'открытыйостаток', 'неоплаченныйостаток', 'остатоккоплате', 'неоплаченнаясумма', 'задолженностьвсего', 'долгвсего', 'долгклиента', 'сальдонаконецпериодадебет', 'конечноесальдодебет', 'closingbalancedebit'],
  paidDate: ['paiddate', 'datepaid', 'settleddate', 'settlementdate', 'paymentdate', 'paidon', 'fullypaidondate', 'датаоплаты', 'оплачен'],
  currency: ['currency', 'currencycode', 'curr', 'ccy', 'валюта', 'кодвалюты'],
  email: ['email', 'emailaddress', 'элпочта', 'mail', 'почта', 'электроннаяпочта', 'адресэлектроннойпочты', 'емейл', 'эмейл', 'адресэлпочты'],
  status: ['status', 'статус', 'состояние'],
  terms: ['terms', 'paymentterms', 'termsdays', 'netdays', 'условияоплаты', 'отсрочка', 'отсрочкадней', 'условия'],
  disputed: ['disputed', 'dispute', 'спорный', 'спор', 'оспорен'],
  channel: ['paperlessbill', 'billingchannel', 'channel', 'delivery', 'канал', 'доставка'],
  type: ['transactiontype', 'documenttype', 'transtype', 'type', 'виддокумента', 'типдокумента', 'видоперации', 'типтранзакции', 'типоперации'],
  document: ['документ', 'документрасчетов', 'документрасчетовсконтрагентом', 'документырасчетов', 'документырасчетовсконтрагентами', 'документрасчетовсконтрагентомдокументрасчетов', 'документпродажи', 'документреализации', 'объектрасчетов', 'document'],
  // Who collects from the customer (issue 27). A bare "Owner" is left out: in a customer list it is as often the customer's own owner.
  manager: ['manager', 'accountmanager', 'collector', 'ответственный', 'менеджер', 'ответственныйменеджер', 'accountowner', 'customerowner', 'salesrep', 'salesperson', 'rep', 'assignedto', 'responsible', 'ответственноелицо', 'куратор'],
  // An online payment page per invoice (a Stripe or bank invoice link); never a bare 'link' or 'url', which may be anything.
  payLink: ['paylink', 'paymentlink', 'paynowlink', 'paynow', 'payonline', 'paymenturl', 'invoicelink', 'stripelink', 'ссылканаоплату', 'ссылкадляоплаты', 'оплатаонлайн', 'оплатитьонлайн'],
};

export const FIELDS = Object.keys(HEADER_SYNONYMS) as Field[];

/** Headers of a Manager column, normalised: the same words in the invoice table and the Customers sheet. */
export const MANAGER_HEADERS: readonly string[] = HEADER_SYNONYMS.manager;

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
  type: 'transaction type',
  document: 'document',
  manager: 'manager',
  payLink: 'pay link',
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

/** How many top rows of a range or a sheet are searched for the header row. */
export const HEADER_SEARCH_ROWS = 10;

/**
 * Whether a header row has what an invoice table needs: an amount or
 * balance, a date, and a customer column or something else that marks
 * invoice rows (a number, a transaction type, a 1C document), since some
 * reports put each customer's name on a row of its own above its invoices.
 */
export function isInvoiceHeader(columns: ColumnMap): boolean {
  const identified = columns.customer || columns.invoiceNumber || columns.type || columns.document;
  return Boolean(identified && (columns.amount || columns.balance) && (columns.dueDate || columns.invoiceDate || columns.document));
}

/** What a header row lacks to make an invoice table, e.g. `["no customer column"]`; a customer may come from headings instead. */
export function missingColumns(columns: ColumnMap, customerHeadings: boolean): string[] {
  const missing: string[] = [];
  if (!columns.customer && !customerHeadings) missing.push('no customer column');
  if (!columns.amount && !columns.balance) missing.push('no amount or balance column');
  if (!columns.dueDate && !columns.invoiceDate && !columns.document) missing.push('no due date or invoice date column');
  return missing;
}

/** The column of a row's only non-blank cell when that cell is text, else -1: a heading such as a customer's name. */
export function loneTextColumn(row: readonly Cell[]): number {
  let found = -1;
  for (let i = 0; i < row.length; i++) {
    const cell = row[i];
    if (cell === '' || cell === null || cell === undefined || cell === false) continue;
    if (typeof cell !== 'string' || found >= 0) return -1;
    if (cell.trim() === '') continue;
    found = i;
  }
  return found;
}

/** Whether the first row with anything in it below `headerIndex` is a heading (a customer's name on its own), left of the data. */
export function headingFollows(rows: readonly (readonly Cell[])[], headerIndex: number, columns: ColumnMap): boolean {
  const leftmost = Math.min(...Object.values(columns).map((column) => column.index));
  for (let index = headerIndex + 1; index < rows.length; index++) {
    const row = rows[index];
    if (row.every((cell) => cell === '' || cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === ''))) continue;
    const column = loneTextColumn(row);
    return column >= 0 && column <= leftmost;
  }
  return false;
}

/** Words under a header split in two, such as 1C's "Сальдо на конец периода" over "Дебет | Кредит". */
const SUB_HEADER = /^(?:дебет|кредит|debit|credit|дт|кт|всего|в\s*т\.?\s*ч\.?.*|в том числе.*|(?:не\s*)?просрочен\S*)$/i;
/** Contracts, a level 1C may stack between counterparties and documents ("Договоры"). */
const CONTRACT_LEVEL = /^договор/;
/** How many rows below a header may continue it. */
const SUB_HEADER_ROWS = 3;

/**
 * A header and how it is laid out: one row, or (as 1C writes its reports) a
 * row of names with rows below that split them ("Сальдо на конец периода"
 * over "Дебет" and "Кредит") and that stack the levels of a first column
 * holding accounts, counterparties and their documents in turn.
 */
export interface HeaderLayout {
  /** Rows the header takes, 1 or more. */
  depth: number;
  columns: ColumnMap;
  /** The credit half of a balance split in two (1C's closing "Кредит"), taken from the debit; -1 when none. */
  creditAt: number;
  /** That column's header as shown, for messages. */
  creditHeader: string;
  /** Whether the table lists line items (it has a Description, Quantity or LineAmount column): rows of one invoice may be anywhere. */
  lineItems: boolean;
}

/** Columns only a table of line items has (Xero's *Description, *Quantity, *UnitAmount, LineAmount; Номенклатура, Количество, Цена). */
const LINE_COLUMNS = new Set([
  'description', 'quantity', 'qty', 'unitamount', 'unitprice', 'price', 'rate', 'lineamount', 'linetotal', 'lineitem', 'itemcode', 'inventoryitemcode', 'item', 'product', 'productservice', 'sku',
  'описание', 'количество', 'колво', 'цена', 'номенклатура', 'товар', 'услуга', 'товарыуслуги', 'наименованиетовара', 'суммастроки',
]);

function hasLineColumns(names: readonly Cell[]): boolean {
  return names.some((name) => LINE_COLUMNS.has(normalizeHeader(name)));
}

function isTextCell(cell: Cell): cell is string {
  return typeof cell === 'string' && cell.trim() !== '';
}

function textOf(cell: Cell): string {
  return typeof cell === 'string' ? cell.trim() : '';
}

/**
 * Whether a row below a header continues it: text only, and either a split
 * (two words or more such as "Дебет", "Кредит") or levels of a stacked column.
 */
function continuesHeader(row: readonly Cell[] | undefined, stacked: (column: number) => boolean): boolean {
  if (!row) return false;
  let words = 0;
  for (let i = 0; i < row.length; i++) {
    const cell = row[i];
    if (cell === '' || cell === null || cell === undefined) continue;
    if (!isTextCell(cell)) return false;
    const text = cell.trim();
    if (SUB_HEADER.test(text)) words++;
    else if (!stacked(i)) return false;
  }
  return words >= 2 || (words === 0 && row.some((cell, i) => isTextCell(cell) && stacked(i)));
}

/**
 * The header starting at row `index`, with the rows below that continue it.
 * A stacked first column whose levels name a customer and a document (1C's
 * "Счет / Контрагенты / Документы расчетов с контрагентами") is taken for
 * both: each of its lines is a counterparty or one of its documents.
 */
export function headerLayout(rows: readonly (readonly Cell[])[], index: number, overrides: ColumnOverrides = {}): HeaderLayout {
  const top = rows[index] ?? [];
  const levelName = (text: string) => {
    const name = normalizeHeader(text);
    return HEADER_SYNONYMS.customer.includes(name) || HEADER_SYNONYMS.document.includes(name) || CONTRACT_LEVEL.test(name);
  };
  // A stacked column has its name on top and a level's name on each row below.
  const stacked = (column: number) => {
    if (!isTextCell(top[column])) return false;
    for (let below = 1; below <= SUB_HEADER_ROWS; below++) if (levelName(textOf(rows[index + below]?.[column]))) return true;
    return false;
  };
  let depth = 1;
  while (depth <= SUB_HEADER_ROWS && continuesHeader(rows[index + depth], (column) => stacked(column) && levelName(textOf(rows[index + depth][column])))) depth++;
  if (depth === 1) {
    const columns = detectColumns(top, overrides);
    return { depth, columns, ...creditBeside(top, columns), lineItems: hasLineColumns(top) };
  }

  const width = Math.max(...rows.slice(index, index + depth).map((row) => row.length));
  const names: string[] = [];
  const levels: string[][] = [];
  let carried = '';
  for (let column = 0; column < width; column++) {
    const upper = textOf(top[column]);
    const below = rows.slice(index + 1, index + depth).map((row) => textOf(row[column])).filter(Boolean);
    // A name over several columns is written once, in the first of them (merged cells).
    if (upper) carried = upper;
    else if (below.length === 0) carried = '';
    const isStack = upper !== '' && below.length > 0 && below.every(levelName);
    levels.push(isStack ? [upper, ...below] : []);
    names.push(isStack ? '' : [upper || carried, ...below].filter(Boolean).join(' '));
  }
  const columns = detectColumns(names, overrides);
  const stack = levels.findIndex((lines) => lines.length > 0);
  if (stack >= 0) {
    const level = (field: Field) => levels[stack].find((line) => HEADER_SYNONYMS[field].includes(normalizeHeader(line)));
    const customer = level('customer');
    const document = level('document');
    if (customer && !columns.customer && overrides.customer === undefined) columns.customer = { index: stack, header: customer };
    if (document && !columns.document && overrides.document === undefined) columns.document = { index: stack, header: document };
  }
  return { depth, columns, ...creditBeside(names, columns), lineItems: hasLineColumns(names) };
}

/** A balance split into debit and credit ("Сальдо на конец периода Дебет"): the credit column named alike, if there is one. */
function creditBeside(names: readonly Cell[], columns: ColumnMap): { creditAt: number; creditHeader: string } {
  const balance = columns.balance;
  if (!balance) return { creditAt: -1, creditHeader: '' };
  const name = normalizeHeader(names[balance.index]);
  const credit = name.replace(/дебет$/, 'кредит').replace(/debit$/, 'credit');
  const creditAt = credit === name ? -1 : names.findIndex((other) => normalizeHeader(other) === credit);
  return { creditAt, creditHeader: creditAt >= 0 ? textOf(names[creditAt]) : '' };
}

/** The header row at `index` makes an invoice table: its columns suffice, with customers from headings where it has no customer column. */
function makesTable(rows: readonly (readonly Cell[])[], index: number, layout: HeaderLayout): boolean {
  return isInvoiceHeader(layout.columns) && Boolean(layout.columns.customer || headingFollows(rows, index + layout.depth - 1, layout.columns));
}

/** The header at row 0 when it makes an invoice table, else the one found below title lines; null when there is none. */
export function locateHeader(rows: readonly (readonly Cell[])[], overrides: ColumnOverrides = {}): { index: number; layout: HeaderLayout } | null {
  const first = headerLayout(rows, 0, overrides);
  if (makesTable(rows, 0, first)) return { index: 0, layout: first };
  const index = findHeaderRow(rows, overrides);
  return index < 0 ? null : { index, layout: headerLayout(rows, index, overrides) };
}

/**
 * Finds the header row among the first rows (HEADER_SEARCH_ROWS) of a range
 * or sheet: the one that makes an invoice table and recognises the most
 * columns; -1 when none does. Rows below are looked at only to see whether
 * customers' names head their invoices when there is no customer column.
 */
export function findHeaderRow(rows: readonly (readonly Cell[])[], overrides: ColumnOverrides = {}): number {
  let best = -1;
  let bestCount = 0;
  const limit = Math.min(rows.length, HEADER_SEARCH_ROWS);
  for (let index = 0; index < limit; index++) {
    const layout = headerLayout(rows, index, overrides);
    const count = Object.keys(layout.columns).length;
    if (count > bestCount && makesTable(rows, index, layout)) {
      best = index;
      bestCount = count;
    }
  }
  return best;
}

/**
 * Why no header row was found, for the error in the cell: the row that came
 * closest and what it lacks, and what the rows above it hold, e.g.
 * `no customer column (headers: Date, Num, Amount, in row 4); rows above: row 1: "A/R Aging Detail"; row 2: blank; …`.
 */
export function headerNotFound(rows: readonly (readonly Cell[])[], overrides: ColumnOverrides = {}): string {
  const limit = Math.min(rows.length, HEADER_SEARCH_ROWS);
  let best = -1;
  let bestCount = 0;
  for (let index = 0; index < limit; index++) {
    const count = Object.keys(headerLayout(rows, index, overrides).columns).length;
    if (count > bestCount) {
      best = index;
      bestCount = count;
    }
  }
  const held = (count: number) =>
    rows
      .slice(0, count)
      .map((row, index) => `row ${index + 1}: ${describeRow(row)}`)
      .join('; ');
  if (best < 0) {
    return `no header row in the first ${limit} rows: it needs a customer, an amount or balance, and a due date or invoice date column, headed as exports head them, such as ${LOOKED_FOR} (${held(limit)})`;
  }
  const layout = headerLayout(rows, best, overrides);
  const missing = missingColumns(layout.columns, headingFollows(rows, best + layout.depth - 1, layout.columns));
  if (missing.length === 0) missing.push('no customer, invoice number or transaction type column');
  const where = best > 0 ? `, in row ${best + 1}` : '';
  const above = best > 0 ? `; rows above it: ${held(best)}` : '';
  return `${missing.join(', ')} (headers: ${listHeaders(rows[best])}${where})${above}; columns are known by headers such as ${LOOKED_FOR}`;
}

/** Headers a table's columns are known by, for a message when none is found. */
const LOOKED_FOR = '"Customer", "Name" or "Контрагент"; "Amount", "Open Balance" or "Сумма"; "Due Date", "Invoice Date" or "Срок оплаты"';

/** A row for a message: its first few non-blank cells, or "blank". */
function describeRow(row: readonly Cell[]): string {
  const cells = row
    .filter((cell) => !(cell === '' || cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '')))
    .map((cell) => (cell instanceof Date || Object.prototype.toString.call(cell) === '[object Date]' ? (cell as Date).toISOString().slice(0, 10) : `"${String(cell).trim().slice(0, 40)}"`));
  if (cells.length === 0) return 'blank';
  return cells.length > 4 ? `${cells.slice(0, 4).join(', ')}, …` : cells.join(', ');
}
