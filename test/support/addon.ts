// Loads the built add-on (dist/Code.js) into the in-memory Apps Script.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppsScriptRuntime, zonedInstant, type RuntimeOptions } from '../../runtime/index';
import type { Spreadsheet } from '../../runtime/spreadsheet';
import type { StoredValue } from '../../runtime/values';
import { POLICY_VERSION } from '../../src/core/reminders/policy';

export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '../..');
export const distDir = join(projectRoot, 'dist');
export const sharedInvoicesCsv = join(projectRoot, '../shared/data/ar-invoices-train.csv');
export const hasSharedData = existsSync(sharedInvoicesCsv);

export interface Addon {
  runtime: AppsScriptRuntime;
  spreadsheet: Spreadsheet;
  /** A date cell as Sheets hands it over: midnight of that day in the spreadsheet's zone, made in the add-on's realm. */
  date(iso: string): Date;
  /** Rows for a custom function: ISO dates in cells like '2026-03-31' become date cells. */
  table(rows: unknown[][]): unknown[][];
  call(name: string, ...args: unknown[]): unknown;
}

export function loadAddon(options: RuntimeOptions & { timeZone?: string; locale?: string; now?: string } = {}): Addon {
  const runtime = AppsScriptRuntime.fromDist(distDir, options);
  const spreadsheet = runtime.createSpreadsheet({ timeZone: options.timeZone ?? 'Europe/London', locale: options.locale ?? 'en_US' });
  const date = (iso: string) => {
    const [y, m, d] = iso.split('-').map(Number);
    return runtime.date(zonedInstant(spreadsheet.options.timeZone, y, m, d));
  };
  return {
    runtime,
    spreadsheet,
    date,
    table: (rows) => rows.map((row) => row.map((cell) => (typeof cell === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(cell) ? date(cell) : cell))),
    call: (name, ...args) => runtime.customFunction(name, ...args),
  };
}

/** Stored (host-realm) values for a sheet, dates as midnight in the zone. */
export function storedRows(rows: unknown[][], timeZone: string): StoredValue[][] {
  return rows.map((row) =>
    row.map((cell) => {
      if (typeof cell === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(cell)) {
        const [y, m, d] = cell.split('-').map(Number);
        return new Date(zonedInstant(timeZone, y, m, d));
      }
      return cell as StoredValue;
    }),
  );
}

/** A sender as a bookkeeper fills it in (Settings › Reminders): nothing is sent without one. */
export const SENDER = {
  senderName: 'Ann Example',
  replyTo: 'ar@seller.example.com',
  signature: 'Ann Example\nAccounts receivable, Seller Ltd',
  paymentDetails: 'Bank transfer to Seller Ltd, IBAN GB00 TEST 0000 0000 00',
} as const;

/**
 * Saves a policy as the sidebar does (checked, stored in the one settings
 * store), with the sender filled in unless `policy` says otherwise; throws
 * with the problems when it is refused.
 */
export function savePolicy(addon: Addon, policy: Record<string, unknown> = {}, user?: string): void {
  const result = addon.runtime.scriptRun('sidebarSavePolicy', [{ version: POLICY_VERSION, ...SENDER, ...policy }], user ? { user } : {}) as { ok: boolean; problems?: unknown };
  if (!result.ok) throw new Error(`policy refused: ${JSON.stringify(result.problems)}`);
}

/** The settings store as the add-on wrote it: named rows of the hidden sheet, values joined. */
export function storedSettings(spreadsheet: Spreadsheet): Record<string, string> {
  const rows = spreadsheet.sheet('Receivables settings')?.values ?? [];
  return Object.fromEntries(rows.filter((row) => row[0]).map((row) => [String(row[0]), row.slice(1).map(String).join('')]));
}
