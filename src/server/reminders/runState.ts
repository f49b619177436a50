import type { Checkpoint } from '../../core/reminders/log';
import { readSettingsCell, writeSettingsCell } from './policyStore';

/**
 * A run's passing state in script properties, which a trigger and a menu run
 * both reach (a time-driven trigger has no document lock and no document
 * properties): the lease that lets one run at a time send, and the checkpoint
 * of the run in progress; both are removed when the run ends.
 */
const LEASE_MS = 6 * 60 * 1000 + 30 * 1000;

const key = (kind: string, spreadsheetId: string) => `receivables.${kind}.${spreadsheetId}`;

/**
 * Takes the spreadsheet's lease for a run, under the script lock held only
 * for the check; false when another run holds an unexpired lease.
 */
export function takeLease(spreadsheetId: string, run: string, now: number): boolean {
  const lock = LockService.getScriptLock();
  if (!lock.tryLock(10_000)) return false;
  try {
    const properties = PropertiesService.getScriptProperties();
    const held = parse<{ run: string; until: number }>(properties.getProperty(key('lease', spreadsheetId)));
    if (held && held.until > now && held.run !== run) return false;
    properties.setProperty(key('lease', spreadsheetId), JSON.stringify({ run, until: now + LEASE_MS }));
    return true;
  } finally {
    lock.releaseLock();
  }
}

export function releaseLease(spreadsheetId: string, run: string): void {
  const properties = PropertiesService.getScriptProperties();
  const held = parse<{ run: string }>(properties.getProperty(key('lease', spreadsheetId)));
  if (held?.run === run) properties.deleteProperty(key('lease', spreadsheetId));
}

export function readCheckpoint(spreadsheetId: string): Checkpoint | null {
  return parse<Checkpoint>(PropertiesService.getScriptProperties().getProperty(key('checkpoint', spreadsheetId)));
}

export function writeCheckpoint(spreadsheetId: string, checkpoint: Checkpoint): void {
  PropertiesService.getScriptProperties().setProperty(key('checkpoint', spreadsheetId), JSON.stringify(checkpoint));
}

export function clearCheckpoint(spreadsheetId: string): void {
  PropertiesService.getScriptProperties().deleteProperty(key('checkpoint', spreadsheetId));
}

/** What the last run did, for the sidebar and the schedule. */
export interface LastRun {
  /** ISO date (spreadsheet zone) of the day it ran for; "" when it has not finished that day. */
  day: string;
  at: number;
  sent: number;
  deferred: number;
  errors: number;
  unconfirmed: number;
  error: string;
}

// The last run and the schedule's owner live with the spreadsheet (its hidden
// settings sheet), not in script properties, which all users of the add-on
// share within 500 KB.
export function readLastRun(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): LastRun | null {
  return parse<LastRun>(readSettingsCell(spreadsheet, 4));
}

export function writeLastRun(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, lastRun: LastRun): void {
  writeSettingsCell(spreadsheet, 4, JSON.stringify(lastRun));
}

/** Who runs the spreadsheet's daily reminders: one person, so nothing goes out twice from two accounts. */
export function readScheduleOwner(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): string | null {
  return readSettingsCell(spreadsheet, 3) || null;
}

export function writeScheduleOwner(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, owner: string | null): void {
  writeSettingsCell(spreadsheet, 3, owner ?? '');
}

function parse<T>(json: string | null): T | null {
  if (!json) return null;
  try {
    return JSON.parse(json) as T;
  } catch {
    return null;
  }
}
