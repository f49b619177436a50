import { ageReceivables } from '../core/aging';
import { agingTable } from '../core/agingTable';
import type { OutputCell } from '../core/output';
import { bucketColumn, daysOverdueColumn, lateFeeColumn } from '../core/aligned';
import { parseBasis, parseBucketEdges } from '../core/buckets';
import type { Cell } from '../core/cells';
import type { ColumnOverrides } from '../core/columns';
import type { Policy } from '../core/reminders/policy';
import { rowSource, type InvoiceSource } from '../core/invoiceRows';
import { asOfArgument, reportingErrorsAs, singleCell, tableArgument, termsArgument } from './arguments';
import { readSettings } from './reminders/policyStore';
import { activeSpreadsheetSettings } from './spreadsheetSettings';

/**
 * Ages open invoices per customer into Not due, 1–30, 31–60, 61–90 and 90+ days past due, with a Total row.
 *
 * @param {A1:J500} invoices The invoice table, header row included (customer, dates, amount, paid …).
 * @param {"2026-03-31"} as_of Optional. The report date; today in the spreadsheet's time zone when blank.
 * @param {"30,60,90"} buckets Optional. Bucket edges in days, as text or a range of numbers.
 * @param {"due"} basis Optional. "due" counts days past the due date; "invoice" days since the invoice date.
 * @param {30} terms Optional. Days from invoice date to due date when the table has no due date column.
 * @return The aging table: one row per customer with an open balance, largest overdue first.
 * @customfunction
 */
export function AR_AGING(invoices: unknown, as_of?: unknown, buckets?: unknown, basis?: unknown, terms?: unknown): OutputCell[][] {
  return reportingErrorsAs('AR_AGING', () => {
    // A report per customer: no need to remember what each row was.
    const { source, asOfDay } = readArguments(invoices, as_of, terms, false);
    const report = ageReceivables(source, {
      asOfDay,
      edges: parseBucketEdges(buckets as Cell | Cell[][]),
      basis: parseBasis(singleCell(basis, 'basis')),
    });
    return agingTable(report);
  });
}

/**
 * Days past the due date of each open invoice, aligned with the table's rows (negative: not due yet).
 *
 * @param {A1:J500} invoices The invoice table, header row included.
 * @param {"2026-03-31"} as_of Optional. The date to count to; today in the spreadsheet's time zone when blank.
 * @param {30} terms Optional. Days from invoice date to due date when the table has no due date column.
 * @return One column: a header, then days overdue per row; blank for paid rows, the reason for unreadable ones.
 * @customfunction
 */
export function AR_DAYS_OVERDUE(invoices: unknown, as_of?: unknown, terms?: unknown): OutputCell[][] {
  return reportingErrorsAs('AR_DAYS_OVERDUE', () => {
    const { source, asOfDay } = readArguments(invoices, as_of, terms);
    return daysOverdueColumn(source, asOfDay);
  });
}

/**
 * The aging bucket (Not due, 1–30, 31–60, 61–90, 90+) of each open invoice, aligned with the table's rows.
 *
 * @param {A1:J500} invoices The invoice table, header row included.
 * @param {"2026-03-31"} as_of Optional. The date to age to; today in the spreadsheet's time zone when blank.
 * @param {"30,60,90"} buckets Optional. Bucket edges in days, as text or a range of numbers.
 * @param {30} terms Optional. Days from invoice date to due date when the table has no due date column.
 * @return One column: a header, then the bucket per row; blank for paid rows, the reason for unreadable ones.
 * @customfunction
 */
export function AR_BUCKET(invoices: unknown, as_of?: unknown, buckets?: unknown, terms?: unknown): OutputCell[][] {
  return reportingErrorsAs('AR_BUCKET', () => {
    const { source, asOfDay } = readArguments(invoices, as_of, terms);
    return bucketColumn(source, asOfDay, parseBucketEdges(buckets as Cell | Cell[][]));
  });
}

/**
 * The late fee each overdue invoice has run up under the credit policy (each overdue step's fixed fee, plus interest at the yearly rate per day), aligned with the table's rows. Nothing is charged: it is for the bookkeeper and the reminders.
 *
 * @param {A1:J500} invoices The invoice table, header row included.
 * @param {"2026-03-31"} as_of Optional. The date to count to; today in the spreadsheet's time zone when blank.
 * @return One column: a header, then the late fee per open invoice; blank for paid rows, the reason for unreadable ones.
 * @customfunction
 */
export function AR_LATE_FEE(invoices: unknown, as_of?: unknown): OutputCell[][] {
  return reportingErrorsAs('AR_LATE_FEE', () => {
    const settings = readSettings(SpreadsheetApp.getActiveSpreadsheet());
    if (!settings.ok) throw new Error(settings.reason);
    const { source, asOfDay } = readArguments(invoices, as_of, settings.policy.termsDays, true, tableOptionsOf(settings.policy));
    return lateFeeColumn(source, asOfDay, settings.policy);
  });
}

export function readArguments(invoices: unknown, asOf: unknown, terms: unknown, alignRows = true, stored?: StoredTableOptions): { source: InvoiceSource; asOfDay: number } {
  const rows = tableArgument(invoices);
  const settings = activeSpreadsheetSettings();
  const asOfDay = asOfArgument(asOf, settings);
  return { source: rowSource(rows, { ...settings, termsDays: termsArgument(terms), ...(stored ?? storedTableOptions()), alignRows }), asOfDay };
}

/** What the sidebar stored that changes how a table reads: the corrected columns, and the spreadsheet's currency for amounts that name none. */
export interface StoredTableOptions {
  columns: ColumnOverrides;
  currency?: string;
}

export function tableOptionsOf(policy: Pick<Policy, 'columns' | 'currency'>): StoredTableOptions {
  // "" is the locale's currency: the table reader's own default.
  return { columns: policy.columns, ...(policy.currency ? { currency: policy.currency } : {}) };
}

/** The stored table options (read-only, as custom functions may); none when nothing readable is stored. */
export function storedTableOptions(): StoredTableOptions {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  if (!spreadsheet) return { columns: {} };
  const settings = readSettings(spreadsheet);
  return settings.ok ? tableOptionsOf(settings.policy) : { columns: {} };
}

/** The columns the user corrected in the sidebar, if any (read-only, as custom functions may). */
export function columnCorrections(): ColumnOverrides {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  if (!spreadsheet) return {};
  const settings = readSettings(spreadsheet);
  return settings.ok ? settings.policy.columns : {};
}
