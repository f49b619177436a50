// What the sandbox keeps of the sidebar's edits between runs of `npm start`:
// the credit policy and templates (as stored in document properties) and the
// Customers sheet's rows, in a small JSON file beside the workbook. They are
// put back through the add-on's own sidebar functions, so the hidden mirror
// and the Customers sheet are written as the sidebar writes them.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { AppsScriptRuntime, zonedInstant } from '../runtime/index';
import type { CustomerRow, SidebarState } from '../src/sidebar/contract';

const KEYS = ['receivables.policy', 'receivables.templates'] as const;

export interface SavedSidebarState {
  version: 1;
  properties: Partial<Record<(typeof KEYS)[number], string>>;
  customers: CustomerRow[];
}

/** The state file of a workbook: `invoices.csv` → `invoices.csv.sandbox.json`, beside it. */
export const stateFileOf = (workbook: string) => `${workbook}.sandbox.json`;

export function snapshot(runtime: AppsScriptRuntime): SavedSidebarState {
  const store = runtime.documentStore(runtime.activeSpreadsheetId as string);
  const properties: SavedSidebarState['properties'] = {};
  for (const key of KEYS) {
    const value = store.getProperty(key);
    if (value !== null) properties[key] = value;
  }
  const { customers } = runtime.run('sidebarLoad') as SidebarState;
  return { version: 1, properties, customers };
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
  if (saved.version !== 1) throw new Error(`${file} was written by another version of the sandbox: remove it, or run with --fresh`);
  const store = runtime.documentStore(runtime.activeSpreadsheetId as string);
  for (const key of KEYS) if (saved.properties[key] !== undefined) store.setProperty(key, saved.properties[key] as string);
  // Through the sidebar's save, which also writes the hidden mirror the daily run reads.
  const { policy } = runtime.run('sidebarLoad') as SidebarState;
  const policySaved = runtime.run('sidebarSavePolicy', [policy]) as { ok: boolean };
  if (!policySaved.ok) throw new Error(`${file}: the saved policy is not valid any more: remove it, or run with --fresh`);
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
