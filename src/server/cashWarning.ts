import { cashflow, type CashInputs } from '../core/cash/cashflow';
import { collectFirst } from '../core/cash/collectFirst';
import { readOutflows, type OutflowTable } from '../core/cash/outflows';
import { cashNews, parseWarningState, warningMessage } from '../core/cash/warning';
import type { Cell } from '../core/cells';
import { fitPaymentModel } from '../core/forecast/paymentModel';
import { periodStarts } from '../core/forecast/periods';
import { readInvoiceTable } from '../core/invoices';
import { localeLanguage } from '../core/locale';
import { CUSTOMERS_SHEET_NAME } from '../core/reminders/customerSettings';
import { LOG_SHEET_NAME } from '../core/reminders/log';
import type { Policy } from '../core/reminders/policy';
import { COLLECTIONS_SHEET_NAME } from '../core/collections/sheet';
import { findInvoiceSheet } from './invoiceSheet';
import { outflowsRangeParts } from './cashDashboard';
import { missingScopes, SCOPE } from './permissions';
import { SETTINGS_SHEET_NAME } from './reminders/policyStore';
import { todayIn } from './reminders/run';
import { settingsOf } from './spreadsheetSettings';

/** The gap last warned of, per currency: the owner's user properties, by spreadsheet ID (see runState.ts: a cell anyone can type into must not decide what the owner is sent); cleared with the run state when the schedule is turned off. */
const stateKey = (spreadsheetId: string) => `receivables.cashWarning.${spreadsheetId}`;

/** What the warning step did, for the run's record and the tests. */
export type CashWarningOutcome = 'not set up' | 'no news' | 'sent' | 'no mail' | 'failed';

/**
 * The daily run's look at the cash position (issue 25, item 4): over the
 * Cash section's horizon in weeks, from today, with its opening balances,
 * floor and outflows range (`policy`: the settings the run was approved on). Emails the schedule's owner, and only them
 * (`owner` comes from their own record, never from a cell), when a gap
 * first appears, moves earlier, or closes; nothing otherwise. A position
 * that cannot be read is logged for the owner's executions, not mailed every
 * day.
 */
export function warnOwnerOfCashGap(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, owner: string, policy: Policy): CashWarningOutcome {
  try {
    const { cash } = policy;
    if (!cash.outflowsRange && Object.keys(cash.openingBalances).length === 0) return 'not set up';
    const inputs = cashInputsOf(spreadsheet, policy);
    if (!inputs) return 'not set up';
    const results = cashflow(inputs);
    const properties = PropertiesService.getUserProperties();
    const key = stateKey(spreadsheet.getId());
    const { news, next } = cashNews(parseWarningState(properties.getProperty(key)), results, collectFirst(inputs, results));
    if (news.length === 0) return 'no news';
    if (missingScopes([SCOPE.sendMail]).length || MailApp.getRemainingDailyQuota() < 1) return 'no mail';
    const { locale } = settingsOf(spreadsheet);
    const message = warningMessage(news, localeLanguage(locale), locale);
    MailApp.sendEmail({ to: owner, subject: message.subject, body: message.body });
    // Kept once sent: a failure before this line tells the owner again tomorrow, never loses the news.
    if (Object.keys(next).length) properties.setProperty(key, JSON.stringify(next));
    else properties.deleteProperty(key);
    return 'sent';
  } catch (error) {
    console.error(`Receivables: the cash position could not be worked out: ${error instanceof Error ? error.message : String(error)}`);
    return 'failed';
  }
}


function cashInputsOf(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, policy: Policy): CashInputs | null {
  const settings = settingsOf(spreadsheet);
  const { cash } = policy;
  const outflowsSheet = outflowsRangeParts(cash.outflowsRange)?.sheet ?? '';
  const found = findInvoiceSheet(spreadsheet, [LOG_SHEET_NAME, CUSTOMERS_SHEET_NAME, SETTINGS_SHEET_NAME, COLLECTIONS_SHEET_NAME, ...(outflowsSheet ? [outflowsSheet] : [])], policy.columns);
  if (!found) return null;
  const options = { ...settings, termsDays: policy.termsDays, columns: policy.columns, firstRow: found.headerRow, ...(policy.currency ? { currency: policy.currency } : {}) };
  const table = readInvoiceTable(found.rows as Cell[][], options);
  const outflows: OutflowTable = cash.outflowsRange
    ? readOutflows(spreadsheet.getRange(cash.outflowsRange).getValues() as Cell[][], { ...settings, currency: table.mainCurrency || policy.currency })
    : { outflows: [], unreadable: [], summaryRows: 0, balanceConflicts: { count: 0, first: '' }, kind: 'schedule', mainCurrency: table.mainCurrency };
  const today = todayIn(settings.timeZone);
  return {
    table,
    model: fitPaymentModel(table, today),
    outflows,
    openingCents: new Map(Object.entries(cash.openingBalances).map(([code, amount]) => [code, Math.round(amount * 100)])),
    starts: periodStarts(today, 'week', cash.horizonWeeks),
    floorCents: Math.round(cash.floor * 100),
  };
}
