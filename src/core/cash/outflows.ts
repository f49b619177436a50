import type { CalendarDay } from '../calendar';
import type { Cell } from '../cells';
import type { BalanceConflicts, ReadOptions, UnreadableRow } from '../invoiceRows';

/** How an outflow recurs; "none" for once. */
export type Repeat = 'none' | 'weekly' | 'monthly' | 'quarterly' | 'yearly';

/** One outflow as a row gives it: once, or recurring from its date until its end date. */
export interface Outflow {
  /** 1-based row within the range (the sheet's row when the range starts in row 1). */
  row: number;
  /** When it falls due (the first time, for a repeat). */
  day: CalendarDay;
  /** What is paid each time, in cents; positive. */
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

/**
 * Reads an outflows range by its header, in English and Russian: a date
 * (Date, Due date, Дата, Срок оплаты), an amount (Amount, Сумма), and
 * optionally a payee, a currency, a repeat (weekly, monthly, quarterly,
 * yearly; еженедельно, ежемесячно, ежеквартально, ежегодно) and an end
 * date. A/P exports are read as their receivable twins are (see
 * readPayables). Unreadable rows are reported, never dropped silently.
 */
export function readOutflows(rows: readonly (readonly Cell[])[], options: ReadOptions): OutflowTable {
  void rows;
  void options;
  throw new Error('readOutflows: not written yet');
}

/**
 * Cents falling due per period and currency: index k is the period from
 * starts[k] up to starts[k + 1]; repeats are unrolled up to their end date
 * and the horizon's end. A planned outflow on or before as_of is left out;
 * an owed one (a payables export's) falls in the first period.
 */
export function outflowsByPeriod(table: OutflowTable, asOfDay: CalendarDay, starts: readonly CalendarDay[]): Map<string, number[]> {
  void table;
  void asOfDay;
  void starts;
  throw new Error('outflowsByPeriod: not written yet');
}
