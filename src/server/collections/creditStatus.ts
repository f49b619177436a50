import { accountsOf } from '../../core/collections/account';
import { CREDIT_STATUS_HEADERS, creditStatuses, holdReasonText, limitsInInvoiceRows, type CreditStatus } from '../../core/collections/credit';
import { applyOutcomes } from '../../core/collections/sheet';
import type { CalendarDay } from '../../core/calendar';
import { isBlank, type Cell } from '../../core/cells';
import { readInvoiceTable } from '../../core/invoices';
import { localeConventions } from '../../core/locale';
import { centsToAmount, type OutputCell } from '../../core/output';
import { customerKey, emptySettings, readCustomerSettings, type CustomerSettings } from '../../core/reminders/customerSettings';
import type { Policy } from '../../core/reminders/policy';
import { asOfArgument, reportingErrorsAs, tableArgument } from '../arguments';
import { findInvoiceSheet } from '../invoiceSheet';
import { readSettings } from '../reminders/policyStore';
import { CUSTOMERS_SHEET_NAME } from '../../core/reminders/customerSettings';
import { settingsOf, activeSpreadsheetSettings, type SpreadsheetSettings } from '../spreadsheetSettings';
import type { CollectionsView } from '../../shared/contract';
import { readCollectionsSheet } from './sheet';
import { parseTaskId } from '../../core/collections/marks';
import { markedEntries, taskSecret } from './marks';
import { managersInInvoiceRows } from '../../core/team/managers';

/** Statuses from an invoice table's rows and the customers' settings (limits, promises, legal). */
function statusesOf(rows: Cell[][], settings: Map<string, CustomerSettings>, policy: Policy, sheet: SpreadsheetSettings, today: CalendarDay): CreditStatus[] {
  const table = readInvoiceTable(rows, { ...sheet, termsDays: policy.termsDays, columns: policy.columns, ...(policy.currency ? { currency: policy.currency } : {}) });
  for (const [key, cents] of limitsInInvoiceRows(rows, localeConventions(sheet.locale))) {
    const setting = settings.get(key) ?? emptySettings(key);
    if (setting.creditLimitCents === null) settings.set(key, { ...setting, creditLimitCents: cents });
  }
  const accounts = accountsOf(table, today, policy, (customer) => settings.get(customerKey(customer))?.ownSteps ?? policy.steps);
  return creditStatuses(accounts.values(), settings, policy, today);
}

/**
 * Each customer's credit: what they owe against their limit, and whether the policy puts them on hold (over the limit, overdue too long, a broken promise to pay).
 *
 * @param {A1:J500} invoices The invoice table, header row included (a Credit limit column there counts too).
 * @param {Customers!A1:L} limits A table with Customer and Credit limit columns (the Customers sheet); a Promise to pay by and a Legal column count too. Blank: the invoice table's own Credit limit column.
 * @param {"2026-03-31"} as_of Optional. The date to judge on; today in the spreadsheet's time zone when blank.
 * @return Customer, Currency, Limit, Used, Available, Over limit, Hold and Hold reason; those on hold first.
 * @customfunction
 */
export function AR_CREDIT_STATUS(invoices: unknown, limits?: unknown, as_of?: unknown): OutputCell[][] {
  return reportingErrorsAs('AR_CREDIT_STATUS', () => {
    const rows = tableArgument(invoices);
    const sheet = activeSpreadsheetSettings();
    const today = asOfArgument(as_of, sheet);
    const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
    const result = readSettings(spreadsheet);
    if (!result.ok) throw new Error(result.reason);
    const limitRows = Array.isArray(limits) ? (limits as Cell[][]).filter((row) => row.some((cell) => !isBlank(cell))) : [];
    const { settings, problems } = readCustomerSettings(limitRows, sheet);
    if (problems.length) throw new Error(problems[0].replace(/^Customers sheet, /, 'limits, '));
    // Promises typed in the Collections sheet count as they do for the run and the sidebar; a promise breaks with the date, when Sheets recomputes anyway.
    // A custom function may not read user properties, where the mark's secret is: it counts the rows that carry a mark
    // at all. Display only; what the run sends, stops or creates follows the rows whose mark checks.
    const promised = applyOutcomes(settings, readCollectionsSheet(spreadsheet, sheet).entries.filter((entry) => parseTaskId(entry.taskId) !== null));
    const statuses = statusesOf(rows, promised, result.policy, sheet, today);
    const amount = (cents: number | null) => (cents === null ? '' : centsToAmount(cents));
    return [
      [...CREDIT_STATUS_HEADERS],
      ...statuses.map((status) => [status.customer, status.currency, amount(status.limitCents), amount(status.usedCents), amount(status.availableCents), amount(status.overLimitCents), status.reasons.length ? 'Yes' : '', status.reasons.map((reason) => holdReasonText(reason, result.policy.collections.holdOverdueDays)).join('; ')]),
    ];
  });
}

/** For the sidebar: who is on hold and whose contact a call found wrong, from the sheets as the run reads them. */
export function collectionsStatus(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, policy: Policy, today: CalendarDay, skip: readonly string[]): CollectionsView {
  const sheet = settingsOf(spreadsheet);
  const found = findInvoiceSheet(spreadsheet, skip, policy.columns);
  const customers = spreadsheet.getSheetByName(CUSTOMERS_SHEET_NAME);
  const { settings } = readCustomerSettings((customers ? customers.getDataRange().getValues() : []) as Cell[][], sheet);
  const marked = markedEntries(readCollectionsSheet(spreadsheet, sheet).entries, spreadsheet.getId(), taskSecret(false));
  const merged = applyOutcomes(settings, marked.genuine);
  const statuses = found ? statusesOf(found.rows as Cell[][], merged, policy, sheet, today) : [];
  return {
    onHold: statuses.filter((status) => status.reasons.length).map((status) => ({ customer: status.customer, currency: status.currency, reasons: status.reasons })),
    overdueDays: policy.collections.holdOverdueDays,
    wrongContact: [...merged.values()].filter((setting) => setting.wrongContact).map((setting) => setting.customer),
    handTyped: marked.handTyped.map((entry) => entry.row),
    tableManagers: found ? Object.fromEntries(managersInInvoiceRows(found.rows as Cell[][], policy.columns)) : {},
  };
}
