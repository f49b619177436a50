import type { Checkpoint } from '../../core/reminders/log';
import { readSettingsValue, writeSettingsValue } from './policyStore';

/**
 * A run's passing state in script properties, which a trigger and a menu run
 * both reach (a time-driven trigger has no document lock and no document
 * properties): the lease that lets one run at a time send, and the checkpoint
 * of the run in progress. Both are removed when the run ends, so script
 * properties hold only runs in progress, never a record per spreadsheet.
 */
const LEASE_MS = 4 * 60 * 1000;
/** A run stops acting this long before its lease ends: a call started in time must not land after another run took over. */
const LEASE_MARGIN_MS = 30 * 1000;

const key = (kind: string, spreadsheetId: string) => `receivables.${kind}.${spreadsheetId}`;

/**
 * Who asks for the lease: runs with the spreadsheet open (menu, sidebar),
 * kept one at a time by the document lock, or the spreadsheet's trigger (one
 * per spreadsheet: one schedule owner, one trigger per user per document,
 * hourly, each run under 6 minutes, so never two at once).
 */
export type LeaseHolder = 'document' | 'trigger';

interface Lease {
  run: string;
  until: number;
}

/**
 * Takes the spreadsheet's lease for a run without any lock shared with other
 * spreadsheets (the script lock is one for every user of the add-on
 * everywhere): each side raises its own flag and then looks at the other's,
 * so of two runs doing this at once at least one sees the other and backs
 * off; neither waits. False when another run holds an unexpired lease.
 */
export function takeLease(spreadsheetId: string, holder: LeaseHolder, run: string, now: number): boolean {
  const properties = PropertiesService.getScriptProperties();
  const mine = key(`lease.${holder}`, spreadsheetId);
  const theirs = key(`lease.${holder === 'document' ? 'trigger' : 'document'}`, spreadsheetId);
  // Runs with the document open are kept apart by the document lock, which is
  // atomic; a trigger, which has none, also looks for its own kind (a former
  // owner's trigger firing as the new owner's does) before raising its flag.
  if (holder === 'trigger') {
    const held = parse<Lease>(properties.getProperty(mine));
    if (held && held.until > now && held.run !== run) return false;
  }
  properties.setProperty(mine, JSON.stringify({ run, until: now + LEASE_MS }));
  const other = parse<Lease>(properties.getProperty(theirs));
  if (other && other.until > now) {
    properties.deleteProperty(mine);
    return false;
  }
  return true;
}

/**
 * Before each step that acts (a send, the final writes): true and the lease
 * renewed while this run still holds it with time to spare; false once it
 * has outlived it, when another run may have taken over and this one must
 * stop without writing anything more.
 */
export function keepLease(spreadsheetId: string, holder: LeaseHolder, run: string, now: number): boolean {
  const properties = PropertiesService.getScriptProperties();
  const held = parse<Lease>(properties.getProperty(key(`lease.${holder}`, spreadsheetId)));
  if (!held || held.run !== run || held.until - LEASE_MARGIN_MS <= now) return false;
  // Renewed once half of it is gone: one write every two minutes, not one per send.
  if (held.until - now < LEASE_MS / 2) properties.setProperty(key(`lease.${holder}`, spreadsheetId), JSON.stringify({ run, until: now + LEASE_MS }));
  return true;
}

export function releaseLease(spreadsheetId: string, holder: LeaseHolder, run: string): void {
  const properties = PropertiesService.getScriptProperties();
  const held = parse<Lease>(properties.getProperty(key(`lease.${holder}`, spreadsheetId)));
  if (held?.run === run) properties.deleteProperty(key(`lease.${holder}`, spreadsheetId));
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
  /** What this run found wrong with the schedule itself (it had not run for more than a day); "" when nothing. */
  notice?: string;
}

// The last run and the schedule's owner live with the spreadsheet (its hidden
// settings sheet), not in script properties, which all users of the add-on
// share within 500 KB.
export function readLastRun(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): LastRun | null {
  return parse<LastRun>(readSettingsValue(spreadsheet, 'last run'));
}

export function writeLastRun(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, lastRun: LastRun): void {
  writeSettingsValue(spreadsheet, 'last run', JSON.stringify(lastRun));
}

/** Who runs the spreadsheet's daily reminders: one person, so nothing goes out twice from two accounts. */
export function readScheduleOwner(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): string | null {
  return readSettingsValue(spreadsheet, 'schedule owner') || null;
}

export function writeScheduleOwner(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, owner: string | null): void {
  writeSettingsValue(spreadsheet, 'schedule owner', owner ?? '');
}

function parse<T>(json: string | null): T | null {
  if (!json) return null;
  try {
    return JSON.parse(json) as T;
  } catch {
    return null;
  }
}

/** The schedule as its spreadsheet records it: when it was turned on, and when its trigger last fired for it. */
export interface ScheduleRecord {
  since: number;
  heard: number;
  /** A gap the trigger found when it fired again, kept until a run reports it. */
  missed?: string;
}

export function readScheduleRecord(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): ScheduleRecord | null {
  return parse<ScheduleRecord>(readSettingsValue(spreadsheet, 'schedule record'));
}

export function writeScheduleRecord(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, record: ScheduleRecord | null): void {
  writeSettingsValue(spreadsheet, 'schedule record', record ? JSON.stringify(record) : '');
}

/** Hourly triggers drift within their hour, so a day's silence is judged with an hour to spare. */
const SILENT_MS = 25 * 60 * 60 * 1000;

/**
 * When the schedule is on but its trigger has not fired for this spreadsheet
 * for more than a day (the add-on disabled here, the trigger removed, the
 * owner's authorization revoked): a sentence saying so and what to do; else "".
 */
export function missedScheduleNotice(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, now: number): string {
  const owner = readScheduleOwner(spreadsheet);
  const record = owner ? readScheduleRecord(spreadsheet) : null;
  if (!owner || !record) return '';
  const last = Math.max(record.since, record.heard);
  if (now - last <= SILENT_MS) return '';
  const when = Utilities.formatDate(new Date(last), spreadsheet.getSpreadsheetTimeZone(), 'yyyy-MM-dd HH:mm');
  const days = Math.floor((now - last) / (24 * 60 * 60 * 1000));
  return `Daily reminders have not run since ${when} (${days} day${days === 1 ? '' : 's'}): the add-on may be disabled in this spreadsheet or its trigger removed. ${owner} should choose Extensions › Receivables › Turn on daily reminders again, then Check setup.`;
}
