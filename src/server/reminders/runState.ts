import type { Checkpoint } from '../../core/reminders/log';

/**
 * Per-spreadsheet run state in script properties, which a trigger and a
 * menu run both reach (a time-driven trigger has no document lock and no
 * document properties): the lease that lets one run at a time send, the
 * checkpoint of the run in progress, and what the last run did.
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
  /** ISO date (spreadsheet zone) of the day it ran for. */
  day: string;
  at: number;
  sent: number;
  deferred: number;
  errors: number;
  unconfirmed: number;
  error: string;
}

export function readLastRun(spreadsheetId: string): LastRun | null {
  return parse<LastRun>(PropertiesService.getScriptProperties().getProperty(key('lastRun', spreadsheetId)));
}

export function writeLastRun(spreadsheetId: string, lastRun: LastRun): void {
  PropertiesService.getScriptProperties().setProperty(key('lastRun', spreadsheetId), JSON.stringify(lastRun));
}

/** Who runs the spreadsheet's daily reminders: one person, so nothing goes out twice from two accounts. */
export function readScheduleOwner(spreadsheetId: string): string | null {
  return PropertiesService.getScriptProperties().getProperty(key('owner', spreadsheetId));
}

export function writeScheduleOwner(spreadsheetId: string, owner: string | null): void {
  const properties = PropertiesService.getScriptProperties();
  if (owner) properties.setProperty(key('owner', spreadsheetId), owner);
  else properties.deleteProperty(key('owner', spreadsheetId));
}

function parse<T>(json: string | null): T | null {
  if (!json) return null;
  try {
    return JSON.parse(json) as T;
  } catch {
    return null;
  }
}
