import { UTCDate } from '@date-fns/utc';
import { addMonths, addYears } from 'date-fns';
import { ZoneCalendar, type CalendarDay } from '../calendar';
import { amountInCents, CellError, currencyOfText, dayOfCell, describeCell, isBlank, unreadableCell, type Cell, type DateReading } from '../cells';
import { HEADER_SEARCH_ROWS, listHeaders, locateHeader, normalizeHeader, type ColumnOverrides } from '../columns';
import { periodIndex } from '../forecast/periods';
import { scanInvoiceRows, TableError, type BalanceConflicts, type ReadOptions, type UnreadableRow } from '../invoiceRows';
import { localeConventions, localeCurrency } from '../locale';
import { isReportHeadingText, isReportSummaryText, isSummaryText } from '../reportLines';

/** How an outflow recurs; "none" for once. */
export type Repeat = 'none' | 'weekly' | 'monthly' | 'quarterly' | 'yearly';

/** One outflow as a row gives it: once, or recurring from its date until its end date. */
export interface Outflow {
  /** 1-based row within the range (the sheet's row when the range starts in row 1). */
  row: number;
  /** When it falls due (the first time, for a repeat). */
  day: CalendarDay;
  /** What is paid each time, in cents; negative for money coming back (a refund) in a schedule. */
  cents: number;
  payee: string;
  /** Upper-case code; rows naming none carry the table's main currency. */
  currency: string;
  repeat: Repeat;
  /** The last day a repeat may fall on; NaN for no end. */
  endDay: CalendarDay;
  /**
   * Owed already (a payables export's open bill): due on or before as_of, it
   * is paid in the first period, since it is still unpaid. A planned
   * outflow (the schedule's own rows) dated on or before as_of is taken as
   * already paid: the opening balance, as of as_of, holds it.
   */
  owed: boolean;
}

/** What the outflows range held, with what could not be read. */
export interface OutflowTable {
  outflows: Outflow[];
  /** Rows that could not be read, named as AR_AGING names them. */
  unreadable: UnreadableRow[];
  /** Total and subtotal lines left out. */
  summaryRows: number;
  /** A payables export's rows whose balance disagrees with amount − paid (the balance is used). */
  balanceConflicts: BalanceConflicts;
  /** "schedule" for a list of planned payments; "payables" for an A/P export (1C ОСВ 60, QuickBooks A/P Aging Detail, Xero Aged Payables Detail). */
  kind: 'schedule' | 'payables';
  /** The most common currency, which rows naming none are in. */
  mainCurrency: string;
}

type ScheduleField = 'date' | 'amount' | 'payee' | 'currency' | 'repeat' | 'endDate' | 'status';

/** Header spellings of a schedule's columns, normalised as `normalizeHeader` does, best first. */
const SCHEDULE_HEADERS: Record<ScheduleField, readonly string[]> = {
  // When the money goes out comes first: a bill list's "Due date" wins over its "Date" (the bill's).
  date: ['duedate', 'paymentdate', 'paydate', 'payon', 'dueon', 'датаплатежа', 'срокоплаты', 'датаоплаты', 'оплатитьдо', 'date', 'дата', 'startdate', 'firstdate', 'from', 'срок', 'датаначала', 'начало', 'с'],
  amount: ['amount', 'sum', 'payment', 'total', 'amountdue', 'outflow', 'сумма', 'суммаплатежа', 'платеж', 'коплате', 'расход', 'суммарасхода'],
  payee: ['payee', 'vendor', 'supplier', 'paidto', 'recipient', 'to', 'description', 'item', 'name', 'what', 'получатель', 'поставщик', 'контрагент', 'кому', 'назначение', 'статья', 'описание', 'наименование'],
  currency: ['currency', 'currencycode', 'curr', 'ccy', 'валюта', 'кодвалюты'],
  repeat: ['repeat', 'repeats', 'recurrence', 'recurring', 'frequency', 'every', 'повтор', 'повторять', 'периодичность', 'регулярность', 'частота'],
  endDate: ['enddate', 'until', 'ends', 'endson', 'repeatuntil', 'lastdate', 'end', 'датаокончания', 'окончание', 'повторятьдо', 'до', 'по', 'конец'],
  status: ['status', 'paid', 'done', 'статус', 'оплачено', 'оплачен', 'состояние'],
};

/** Header beginnings taken for a date or an amount when no header is exactly one: "Amount (USD)", "Сумма, руб.", "Дата платежа по договору". */
const HEADER_PREFIXES: Partial<Record<ScheduleField, readonly string[]>> = {
  date: ['duedate', 'paymentdate', 'датаплатежа', 'датаоплаты', 'срокоплаты'],
  amount: ['amount', 'сумма'],
};

/** A status or a paid mark saying the outflow is paid already: its row is no outflow to come. */
const PAID = /^(?:paid|paid in full|done|settled|yes|y|true|x|✓|✔|оплачен[оа]?|погашен[оа]?|да|исполнен[оа]?)$/i;

const LABELS: Record<ScheduleField, string> = { date: 'date', amount: 'amount', payee: 'payee', currency: 'currency', repeat: 'repeat', endDate: 'end date', status: 'status' };

/** Words of a repeat, English and Russian: "monthly", "Ежемесячно", "every month", "каждый месяц". */
const REPEATS: ReadonlyArray<[RegExp, Repeat]> = [
  [/^(?:none|once|one-?off|no|never|-|—|разово|разовый|однократно|один раз|нет)$/, 'none'],
  [/^(?:weekly|every week|week|еженедельно|каждую неделю|раз в неделю|неделя)$/, 'weekly'],
  [/^(?:monthly|every month|month|ежемесячно|каждый месяц|раз в месяц|месяц)$/, 'monthly'],
  [/^(?:quarterly|every quarter|quarter|ежеквартально|каждый квартал|раз в квартал|квартал)$/, 'quarterly'],
  [/^(?:yearly|annually|annual|every year|year|ежегодно|каждый год|раз в год|год)$/, 'yearly'],
];

/** A vendor's column in an A/P export, under a name the invoice table would not take for a customer. */
const VENDOR_HEADERS = new Set(['vendor', 'vendorname', 'supplier', 'suppliername', 'payee', 'payeename', 'поставщик', 'поставщики', 'получатель', 'наименованиепоставщика']);

/**
 * Reads an outflows range by its header, in English and Russian: a date
 * (Date, Due date, Дата, Срок оплаты), an amount (Amount, Сумма), and
 * optionally a payee, a currency, a repeat (weekly, monthly, quarterly,
 * yearly; еженедельно, ежемесячно, ежеквартально, ежегодно) and an end
 * date; a row whose Status or Paid column says paid ("Paid", "Оплачено",
 * a ticked box) is left out, already paid. An A/P export (it has a bill number, a transaction type, an open
 * balance or 1C's levels, as its receivable twin does) is read by the
 * invoice table's reader, each open bill an outflow on its due date (see
 * `readPayables`). Title lines, totals ("Total", "Итого") and headings are
 * left out and counted; rows that cannot be read are reported with their
 * row, column and value, never dropped silently.
 */
export function readOutflows(rows: readonly (readonly Cell[])[], options: ReadOptions): OutflowTable {
  if (rows.length === 0) throw new TableError('the outflows range is empty: select it with its header row');
  const schedule = findScheduleHeader(rows);
  if (schedule && (schedule.columns.repeat !== undefined || !looksLikeExport(rows))) return readSchedule(rows, schedule, options);
  try {
    return readPayables(rows, options);
  } catch (error) {
    if (error instanceof TableError && !schedule) {
      throw new TableError(`no header row with a date and an amount column (such as "Date", "Amount", "Payee", "Repeat", "Until" or "Дата", "Сумма", "Получатель", "Повтор", "До") in the first ${Math.min(rows.length, HEADER_SEARCH_ROWS)} rows (first row: ${listHeaders(rows[0])}), nor a payables export`);
    }
    throw error;
  }
}

interface ScheduleHeader {
  index: number;
  columns: Partial<Record<ScheduleField, number>>;
  headers: string[];
}

/** The first of the top rows that heads a date and an amount column, with the columns it names. */
function findScheduleHeader(rows: readonly (readonly Cell[])[]): ScheduleHeader | null {
  const limit = Math.min(rows.length, HEADER_SEARCH_ROWS);
  for (let index = 0; index < limit; index++) {
    const names = rows[index].map(normalizeHeader);
    const columns: Partial<Record<ScheduleField, number>> = {};
    const taken = new Set<number>();
    for (const field of Object.keys(SCHEDULE_HEADERS) as ScheduleField[]) {
      for (const synonym of SCHEDULE_HEADERS[field]) {
        const at = names.findIndex((name, i) => name === synonym && !taken.has(i));
        if (at >= 0) {
          columns[field] = at;
          taken.add(at);
          break;
        }
      }
    }
    for (const field of ['date', 'amount'] as const) {
      if (columns[field] !== undefined) continue;
      const at = names.findIndex((name, i) => !taken.has(i) && HEADER_PREFIXES[field]!.some((prefix) => name.startsWith(prefix)));
      if (at >= 0) {
        columns[field] = at;
        taken.add(at);
      }
    }
    if (columns.date !== undefined && columns.amount !== undefined) return { index, columns, headers: rows[index].map((cell) => String(cell ?? '').trim()) };
  }
  return null;
}

/**
 * Whether the invoice reader sees an export in the range: a bill number, a
 * transaction type, a balance or 1C's documents, with a due date (or 1C's
 * document dates). A list with a number but only one "Date" is a schedule:
 * that date is when the money goes, not a bill's date 30 days before it.
 */
function looksLikeExport(rows: readonly (readonly Cell[])[]): boolean {
  const located = locateHeader(rows, vendorOverrides(rows));
  if (!located) return false;
  const { columns } = located.layout;
  return Boolean((columns.invoiceNumber || columns.type || columns.document || columns.balance) && (columns.dueDate || columns.document));
}

/** The column a payables export names its vendor in, taken for the invoice reader's customer. */
function vendorOverrides(rows: readonly (readonly Cell[])[]): ColumnOverrides {
  const limit = Math.min(rows.length, HEADER_SEARCH_ROWS);
  for (let index = 0; index < limit; index++) {
    for (const cell of rows[index]) {
      if (typeof cell === 'string' && VENDOR_HEADERS.has(normalizeHeader(cell))) return { customer: cell.trim() };
    }
  }
  return {};
}

function readSchedule(rows: readonly (readonly Cell[])[], header: ScheduleHeader, options: ReadOptions): OutflowTable {
  const conventions = localeConventions(options.locale);
  const reading: DateReading = { calendar: new ZoneCalendar(options.timeZone), conventions };
  const at = header.columns;
  const firstRow = options.firstRow ?? 1;
  const headerOf = (field: ScheduleField) => (at[field] === undefined ? LABELS[field] : header.headers[at[field]!] || LABELS[field]);
  const table: OutflowTable = { outflows: [], unreadable: [], summaryRows: 0, balanceConflicts: { count: 0, first: '' }, kind: 'schedule', mainCurrency: '' };
  const counts = new Map<string, number>();
  const cell = (row: readonly Cell[], field: ScheduleField): Cell => (at[field] === undefined ? '' : row[at[field]!]);

  for (let index = header.index + 1; index < rows.length; index++) {
    const row = rows[index];
    if (row.every((value) => isBlank(value) || value === false)) continue;
    const label = firstText(row);
    const dateCell = cell(row, 'date');
    // A label where no date is, or in the date's own column ("Итого", "Total"): a line for people.
    if (label !== '' && (isBlank(dateCell) || (typeof dateCell === 'string' && dateCell.trim() === label))) {
      if (isSummaryText(label) || isReportSummaryText(label)) {
        table.summaryRows++;
        continue;
      }
      if (isBlank(dateCell) && (isReportHeadingText(label) || isBlank(cell(row, 'amount')))) continue;
    }
    const status = cell(row, 'status');
    if (status === true || (typeof status === 'string' && PAID.test(status.trim()))) continue;
    let field: ScheduleField = 'date';
    try {
      const day = dayOfCell(dateCell, reading);
      if (day === null) throw new CellError('is empty');
      field = 'amount';
      const amountCell = cell(row, 'amount');
      const cents = amountInCents(amountCell, conventions);
      if (cents === null) throw new CellError('is empty');
      field = 'currency';
      const currencyText = String(cell(row, 'currency') ?? '').trim();
      if (currencyText !== '' && !/^[A-Za-z]{3}$/.test(currencyText)) throw new CellError(`${describeCell(currencyText)} is not a three-letter currency code such as USD or RUB`);
      const currency = (currencyText || (typeof amountCell === 'string' ? currencyOfText(amountCell) : '')).toUpperCase();
      field = 'repeat';
      const repeat = repeatOf(cell(row, 'repeat'));
      field = 'endDate';
      const endDay = dayOfCell(cell(row, 'endDate'), reading) ?? Number.NaN;
      if (endDay < day) throw new CellError(`${describeCell(cell(row, 'endDate'))} is before the first date`);
      if (currency) counts.set(currency, (counts.get(currency) ?? 0) + 1);
      table.outflows.push({ row: index + 1, day, cents, payee: String(cell(row, 'payee') ?? '').trim(), currency, repeat, endDay, owed: false });
    } catch (error) {
      if (!(error instanceof CellError)) throw error;
      const value = cell(row, field);
      const message = error.message;
      table.unreadable.push({ row: index + 1, reason: `row ${index + firstRow}, column "${headerOf(field)}": ${unreadableCell(value, message, row)}` });
    }
  }

  // A schedule whose amounts are all negative writes what goes out as negative, as a bank statement does.
  if (table.outflows.length > 0 && table.outflows.every((outflow) => outflow.cents <= 0)) for (const outflow of table.outflows) outflow.cents = -outflow.cents;
  table.mainCurrency = mostCommon(counts) || options.currency || localeCurrency(options.locale);
  for (const outflow of table.outflows) if (outflow.currency === '') outflow.currency = table.mainCurrency;
  return table;
}

function repeatOf(cell: Cell): Repeat {
  if (isBlank(cell)) return 'none';
  const text = String(cell).trim().toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ');
  for (const [pattern, repeat] of REPEATS) if (pattern.test(text)) return repeat;
  throw new CellError(`${describeCell(cell)} is not a repeat: weekly, monthly, quarterly, yearly (еженедельно, ежемесячно, ежеквартально, ежегодно) or blank for once`);
}

/**
 * An A/P export read as its receivable twin is read (headings, sections,
 * totals, 1C's levels): each bill's open amount is an outflow on its due
 * date (1C gives none: the document's date plus 30 days, or `termsDays`).
 * What is owed is the open balance as exported; in 1C's trial balance of
 * account 60 the supplier is owed the closing credit less the closing
 * debit, the opposite side of account 62. A vendor credit or an advance
 * paid (a negative open amount) is set against that vendor's bills in the
 * same currency, the earliest due first; what is left of it is no cash
 * coming in and is dropped.
 */
export function readPayables(rows: readonly (readonly Cell[])[], options: ReadOptions): OutflowTable {
  const overrides = vendorOverrides(rows);
  const located = locateHeader(rows, overrides);
  // 1C's balance split into Дебет and Кредит: a payable is on the credit side.
  const sign = located && located.layout.creditAt >= 0 ? -1 : 1;
  const outflows: Outflow[] = [];
  const credits: Outflow[] = [];
  const summary = scanInvoiceRows(rows, { ...options, columns: overrides, alignRows: false }, (bill) => {
    const open = sign * (bill.amountCents - bill.paidCents);
    if (open === 0) return;
    const outflow: Outflow = { row: bill.row, day: bill.dueDay, cents: open, payee: bill.customer, currency: bill.currency, repeat: 'none', endDay: Number.NaN, owed: true };
    (open > 0 ? outflows : credits).push(outflow);
  });
  for (const outflow of [...outflows, ...credits]) if (outflow.currency === '') outflow.currency = summary.mainCurrency;
  outflows.sort((a, b) => a.day - b.day || a.row - b.row);
  for (const credit of credits) {
    let left = -credit.cents;
    for (const bill of outflows) {
      if (left === 0) break;
      if (bill.payee !== credit.payee || bill.currency !== credit.currency || bill.cents === 0) continue;
      const taken = Math.min(left, bill.cents);
      bill.cents -= taken;
      left -= taken;
    }
  }
  return {
    outflows: outflows.filter((outflow) => outflow.cents > 0).sort((a, b) => a.row - b.row),
    unreadable: summary.unreadable,
    summaryRows: summary.summaryRows,
    balanceConflicts: summary.balanceConflicts,
    kind: 'payables',
    mainCurrency: summary.mainCurrency,
  };
}

/**
 * Cents falling due per period and currency: index k is the period from
 * starts[k] up to starts[k + 1]; repeats are unrolled up to their end date
 * and the horizon's end (a monthly one on the 31st falls on a shorter
 * month's last day). A planned outflow on or before as_of is left out (the
 * opening balance holds it); an owed one (a payables export's open bill)
 * due by then falls in the first period.
 */
export function outflowsByPeriod(table: OutflowTable, asOfDay: CalendarDay, starts: readonly CalendarDay[]): Map<string, number[]> {
  const periods = starts.length - 1;
  const horizonEnd = starts[periods];
  const sums = new Map<string, number[]>();
  const add = (currency: string, day: CalendarDay, cents: number) => {
    let row = sums.get(currency);
    if (!row) sums.set(currency, (row = new Array<number>(periods).fill(0)));
    row[periodIndex(starts, day)] += cents;
  };
  for (const outflow of table.outflows) {
    if (outflow.owed) {
      const day = Math.max(outflow.day, asOfDay + 1);
      if (day < horizonEnd) add(outflow.currency, day, outflow.cents);
      else if (!sums.has(outflow.currency)) sums.set(outflow.currency, new Array<number>(periods).fill(0));
      continue;
    }
    const last = Number.isNaN(outflow.endDay) ? horizonEnd - 1 : Math.min(outflow.endDay, horizonEnd - 1);
    if (!sums.has(outflow.currency)) sums.set(outflow.currency, new Array<number>(periods).fill(0));
    for (let n = 0; ; n++) {
      const day = occurrence(outflow, n);
      if (day > last || (n > 0 && outflow.repeat === 'none')) break;
      if (day > asOfDay) add(outflow.currency, day, outflow.cents);
      if (outflow.repeat === 'none') break;
    }
  }
  return sums;
}

const MS_PER_DAY = 86_400_000;

/** The n-th time (0 the first) a repeat falls due, counted from its first date so that a 31st stays a 31st where the month has one. */
export function occurrence(outflow: Pick<Outflow, 'day' | 'repeat'>, n: number): CalendarDay {
  if (n === 0 || outflow.repeat === 'none') return outflow.day;
  if (outflow.repeat === 'weekly') return outflow.day + 7 * n;
  const first = new UTCDate(outflow.day * MS_PER_DAY);
  const date = outflow.repeat === 'yearly' ? addYears(first, n) : addMonths(first, outflow.repeat === 'quarterly' ? 3 * n : n);
  return Math.round(date.getTime() / MS_PER_DAY);
}

function firstText(row: readonly Cell[]): string {
  for (const value of row) {
    if (isBlank(value) || value === false) continue;
    return typeof value === 'string' ? value.trim() : '';
  }
  return '';
}

function mostCommon(counts: Map<string, number>): string {
  let best = '';
  let most = 0;
  for (const [code, count] of counts) if (count > most || (count === most && code < best)) [best, most] = [code, count];
  return best;
}
