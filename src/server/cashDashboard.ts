import { sheetReference } from '../core/a1';
import type { DashboardCash } from './dashboardLayout';
import { readSettings } from './reminders/policyStore';

/** A range with its sheet, as the Cash section keeps it: Outflows!A1:F200, 'Cash out'!A:F. */
const RANGE_WITH_SHEET = /^('(?:[^']|'')+'|[^'!]+)!(\$?[A-Za-z]{1,3}\$?\d*(?::\$?[A-Za-z]{1,3}\$?\d*)?)$/;

/** The sheet and cells of the Cash section's outflows range; null when it is not one. */
export function outflowsRangeParts(a1: string): { sheet: string; cells: string } | null {
  const match = RANGE_WITH_SHEET.exec(a1.trim());
  if (!match) return null;
  const sheet = match[1].startsWith("'") ? match[1].slice(1, -1).replace(/''/g, "'") : match[1];
  return { sheet, cells: match[2].toUpperCase() };
}

/**
 * The dashboard's cash charts, when the Cash section is set up (a balance or
 * an outflows range): the range rebuilt as formula text from its sheet's
 * name and cells, so that whatever was typed into the setting cannot become
 * more of the formula than a reference; "" for none.
 */
export function dashboardCash(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): DashboardCash | undefined {
  const stored = readSettings(spreadsheet);
  if (!stored.ok) return undefined;
  const { cash } = stored.policy;
  if (!cash.outflowsRange && Object.keys(cash.openingBalances).length === 0) return undefined;
  const parts = outflowsRangeParts(cash.outflowsRange);
  return { outflows: parts ? `${sheetReference(parts.sheet)}!${parts.cells}` : '', horizonWeeks: cash.horizonWeeks };
}
