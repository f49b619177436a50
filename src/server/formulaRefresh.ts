// Sheets recomputes a custom function only when an argument's value changes
// (developers.google.com/apps-script/guides/sheets/functions). The AR_
// functions also follow the stored settings (column corrections, terms, the
// late-fee policy, credit holds), which are no argument of theirs: so every
// AR_ formula passes the settings store's revision cell after its own
// arguments. Each save writes a new revision, and Sheets recomputes exactly
// the formulas that pass it. The functions ignore the extra argument.
import { AR_AGING, AR_BUCKET, AR_DAYS_OVERDUE, AR_LATE_FEE } from './customFunctions';
import { AR_ADD, AR_BEST_DSO, AR_CEI, AR_CUSTOMERS, AR_DSO, AR_EXPECTED_DATE, AR_FORECAST } from './forecastFunctions';
import { AR_CHART_DATA } from './chartFunctions';
import { AR_CASHFLOW, AR_COLLECT_FIRST } from './cashFunctions';
import { AR_MATCH } from './payments/matchFunction';
import { AR_CREDIT_STATUS } from './collections/creditStatus';
import { AR_DSO_TREND, AR_EFFECTIVENESS } from './effectivenessFunctions';
import { revisionReference } from './reminders/policyStore';
import { CUSTOMERS_SHEET_NAME } from '../core/reminders/customerSettings';
import { sheetReference } from '../core/a1';

/** The sheets the menu inserts: their formulas are the add-on's own. */
export const DASHBOARD_SHEET_NAME = 'Receivables dashboard';

/** The Customers sheet's table as AR_CREDIT_STATUS reads limits, promises and holds from it. */
export function customersLimitsRange(): string {
  return `${sheetReference(CUSTOMERS_SHEET_NAME)}!A1:Z`;
}

/**
 * Each function that reads the store, by its own parameters: the revision
 * goes after them, where the function never reads it. A new parameter must
 * therefore be added only with care: formulas passing the revision in its
 * place would hand it to the function.
 */
function ownArguments(name: string): number | undefined {
  // Built when asked, not at load: every custom function call loads the whole script.
  const functions: Record<string, (...args: never[]) => unknown> = { AR_AGING, AR_BUCKET, AR_DAYS_OVERDUE, AR_LATE_FEE, AR_ADD, AR_BEST_DSO, AR_CEI, AR_CUSTOMERS, AR_DSO, AR_EXPECTED_DATE, AR_FORECAST, AR_CHART_DATA, AR_MATCH, AR_CREDIT_STATUS, AR_CASHFLOW, AR_COLLECT_FIRST, AR_EFFECTIVENESS, AR_DSO_TREND };
  return Object.prototype.hasOwnProperty.call(functions, name) ? functions[name].length : undefined;
}

/** Where a call's arguments are: the index of its "(" and ")", and the top-level separators between. */
interface CallSpan {
  open: number;
  close: number;
  separators: number[];
}

/** The call whose "(" is at `open`, skipping text in quotes and nested calls or arrays; null when it never closes. */
function spanAt(formula: string, open: number): CallSpan | null {
  const separators: number[] = [];
  let depth = 0;
  for (let at = open + 1; at < formula.length; at++) {
    const char = formula[at];
    if (char === '"' || char === "'") {
      const end = formula.indexOf(char, at + 1);
      if (end < 0) return null;
      at = end; // a doubled quote inside is two quoted pieces side by side: the same skip
    } else if (char === '(' || char === '{') depth++;
    else if (char === ')' || char === '}') {
      if (depth === 0) return char === ')' ? { open, close: at, separators } : null;
      depth--;
    } else if (depth === 0 && (char === ',' || char === ';')) separators.push(at);
  }
  return null;
}

/** Where each AR_ function's "(" is, outside quoted text and sheet names: name first. */
function callsIn(formula: string): Array<{ name: string; open: number }> {
  const calls: Array<{ name: string; open: number }> = [];
  for (let at = 1; at < formula.length; at++) {
    const char = formula[at];
    if (char === '"' || char === "'") {
      const end = formula.indexOf(char, at + 1);
      if (end < 0) break;
      at = end;
      continue;
    }
    const match = /^AR_[A-Z0-9_]+\s*\(/i.exec(formula.slice(at));
    if (match && !/[A-Za-z0-9_.!]/.test(formula[at - 1])) calls.push({ name: match[0].replace(/[\s(]/g, '').toUpperCase(), open: at + match[0].length - 1 });
  }
  return calls;
}

/**
 * The formula with the revision cell appended to each call of an AR_
 * function that reads the store and does not pass it yet (blank arguments
 * first where the person left some out, which the functions read as left
 * out); null when nothing changes. Nothing else of the text changes.
 */
export function withRevision(formula: string, reference: string): string | null {
  if (!formula.startsWith('=')) return null;
  let text = formula;
  // Last call first: appending to it moves nothing before it.
  for (const call of callsIn(formula).reverse()) {
    const own = ownArguments(call.name);
    const span = own === undefined ? null : spanAt(text, call.open);
    if (own === undefined || !span) continue;
    const inner = text.slice(span.open + 1, span.close);
    const count = inner.trim() === '' ? 0 : span.separators.length + 1;
    // More than its own: the revision is there already (or the person passes something we leave alone).
    if (count > own) continue;
    const separator = span.separators.some((at) => text[at] === ';') ? ';' : ',';
    const blanks = `${separator} `.repeat(Math.max(0, own - Math.max(count, 1)));
    const appended = count === 0 ? `${separator} `.repeat(own) + reference : `${separator} ${blanks}${reference}`;
    text = `${text.slice(0, span.close)}${appended}${text.slice(span.close)}`;
  }
  return text === formula ? null : text;
}

/**
 * After a save of the settings: every AR_ formula in the spreadsheet that
 * does not pass the revision cell yet gets it (found with one search of the
 * formulas' text; a write only where a formula changes), so that this save
 * and each later one recompute it. A cell that refuses the write (a
 * protected range) does not stop the others: a toast names each one, since
 * the save itself is done. Returns how many formulas changed.
 */
export function refreshFormulas(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): number {
  const found = spreadsheet.createTextFinder('AR_').matchFormulaText(true).findAll();
  if (!found.length) return 0;
  const reference = revisionReference(spreadsheet);
  let changed = 0;
  const refused: string[] = [];
  for (const cell of found) {
    // Only a formula: a text that mentions AR_ stays text.
    const formula = cell.getFormula();
    const updated = formula ? withRevision(formula, reference) : null;
    if (!updated) continue;
    try {
      cell.setFormula(updated);
      changed++;
    } catch (error) {
      refused.push(`${cell.getSheet().getName()}!${cell.getA1Notation()} (${String((error as { message?: unknown }).message ?? error)})`);
    }
  }
  changed += pointDashboardsAtCustomers(spreadsheet);
  if (refused.length) {
    spreadsheet.toast(`Saved. These formulas could not be given the settings cell, so they show what they showed until their own arguments change: ${refused.join('; ')}. Add ${reference} as their last argument by hand.`, 'Receivables', 30);
  }
  return changed;
}

/**
 * A dashboard inserted before there was a Customers sheet passes "" as
 * AR_CREDIT_STATUS's limits (the invoice table's own column): once the
 * sheet exists (made by the first run or a customer saved in the sidebar),
 * the dashboard's formula passes its range instead, so the limits, promises
 * and holds typed there reach the function as an argument. Only the add-on's
 * own dashboards: a "" a person typed is their choice.
 */
export function pointDashboardsAtCustomers(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): number {
  if (!spreadsheet.getSheetByName(CUSTOMERS_SHEET_NAME)) return 0;
  let changed = 0;
  for (const cell of spreadsheet.createTextFinder('AR_CREDIT_STATUS').matchFormulaText(true).findAll()) {
    if (!cell.getSheet().getName().startsWith(DASHBOARD_SHEET_NAME)) continue;
    const formula = cell.getFormula();
    const call = callsIn(formula).find((found) => found.name === 'AR_CREDIT_STATUS');
    const span = call ? spanAt(formula, call.open) : null;
    if (!span || span.separators.length < 1) continue;
    const end = span.separators[1] ?? span.close;
    if (formula.slice(span.separators[0] + 1, end).trim() !== '""') continue;
    cell.setFormula(`${formula.slice(0, span.separators[0] + 1)} ${customersLimitsRange()}${formula.slice(end)}`);
    changed++;
  }
  return changed;
}
