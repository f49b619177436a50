// What the sandbox keeps of the sidebar's edits between runs of `npm start`:
// the credit policy and templates (as stored in the hidden settings sheet)
// and the Customers sheet's rows, in a small JSON file beside the workbook.
// They are put back through the add-on's own sidebar functions, so the
// settings and the Customers sheet are written as the sidebar writes them.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { AppsScriptRuntime, zonedInstant } from '../runtime/index';
import type { CustomerRow, SidebarState } from '../src/shared/contract';

/** Rows of the hidden settings sheet kept, by their name in column A. */
const KEYS = ['policy', 'templates'] as const;

export interface SavedSidebarState {
  version: 2;
  settings: Partial<Record<(typeof KEYS)[number], string>>;
  customers: CustomerRow[];
}

/** The state file of a workbook: `invoices.csv` → `invoices.csv.sandbox.json`, beside it. */
export const stateFileOf = (workbook: string) => `${workbook}.sandbox.json`;

export function snapshot(runtime: AppsScriptRuntime): SavedSidebarState {
  const rows = runtime.activeSpreadsheet?.sheet('Receivables settings')?.values ?? [];
  const settings: SavedSidebarState['settings'] = {};
  for (const key of KEYS) {
    const row = rows.find((cells) => cells[0] === key);
    if (row) settings[key] = row.slice(1).map(String).join('');
  }
  const { customers } = runtime.run('sidebarLoad') as SidebarState;
  return { version: 2, settings, customers };
}

/** Writes the state when it differs from what the file holds; true when it wrote. */
export function saveState(runtime: AppsScriptRuntime, file: string): boolean {
  const json = `${JSON.stringify(snapshot(runtime), null, 2)}\n`;
  if (existsSync(file) && readFileSync(file, 'utf8') === json) return false;
  writeFileSync(file, json);
  return true;
}

/** Puts saved edits back into a fresh workbook, before the day's run; says what it restored, or null when there is no file. */
export function restoreState(runtime: AppsScriptRuntime, file: string): string | null {
  if (!existsSync(file)) return null;
  const saved = JSON.parse(readFileSync(file, 'utf8')) as SavedSidebarState;
  if (saved.version !== 2) throw new Error(`${file} was written by another version of the sandbox: remove it, or run with --fresh`);
  // Through the sidebar's saves, which check them as they would check an edit.
  const refused = (what: string) => new Error(`${file}: the saved ${what} are not valid any more: remove it, or run with --fresh`);
  if (saved.settings.templates !== undefined && !(runtime.run('sidebarSaveTemplates', [JSON.parse(saved.settings.templates)]) as { ok: boolean }).ok) throw refused('templates');
  if (saved.settings.policy !== undefined && !(runtime.run('sidebarSavePolicy', [JSON.parse(saved.settings.policy)]) as { ok: boolean }).ok) throw refused('policy settings');
  let customers = 0;
  for (const row of saved.customers) if ((runtime.run('sidebarSaveCustomer', [row]) as { ok: boolean }).ok) customers++;
  return `the policy, the templates and ${customers} customer rows`;
}

export function removeState(file: string): boolean {
  if (!existsSync(file)) return false;
  rmSync(file);
  return true;
}

/**
 * The first day after `today` (within a month) with reminders due, at nine
 * in the spreadsheet's zone: the sandbox has just sent today's, so the
 * sidebar's Preview, live template preview and test send show that day's.
 */
export function nextDayWithReminders(runtime: AppsScriptRuntime, timeZone: string, today: string): string | null {
  const [year, month, day] = today.split('-').map(Number);
  for (let ahead = 1; ahead <= 31; ahead++) {
    const date = new Date(Date.UTC(year, month - 1, day + ahead));
    runtime.setNow(zonedInstant(timeZone, date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), 9));
    const preview = runtime.run('sidebarPreview') as { stopped: string; reminders: unknown[] };
    if (!preview.stopped && preview.reminders.length > 0) return date.toISOString().slice(0, 10);
  }
  runtime.setNow(zonedInstant(timeZone, year, month, day, 9));
  return null;
}
