import type { Checkpoint } from '../../core/reminders/log';
import { readSettingsValue, writeSettingsValue } from './policyStore';

/**
 * Where the schedule's state lives, out of reach of anyone typing into cells:
 *
 * - Who owns the schedule: document properties, which only the add-on's own
 *   checked calls write, and every editor reads with the spreadsheet open.
 * - What the trigger decides on (its trigger, when it last ran, why it is
 *   held or cannot run): the owner's user properties, keyed by spreadsheet
 *   ID. A time-driven trigger has no document, so no document properties
 *   (PropertiesService.getDocumentProperties returns null there); user
 *   properties are the owner's own, in a trigger and in the menu alike.
 * - A run's passing state (the lease that lets one run at a time send and
 *   the checkpoint of the run in progress): the running user's properties.
 *   While the schedule is on, only its owner's account sends (the trigger,
 *   or the owner's menu), so both reach the same store; other people's runs
 *   with the spreadsheet open are kept apart by the document lock. Nothing of
 *   one spreadsheet goes to script properties, which every user shares.
 *
 * The settings sheet keeps a copy of the last run, the schedule record and
 * the hold for other editors to see, and nothing more: it is never read for
 * a decision.
 */
const LEASE_MS = 4 * 60 * 1000;
/** A run stops acting this long before its lease ends: a call started in time must not land after another run took over. */
const LEASE_MARGIN_MS = 30 * 1000;

const key = (kind: string, spreadsheetId: string) => `receivables.${kind}.${spreadsheetId}`;
const OWNER_PROPERTY = 'receivables.scheduleOwner';

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
 * Takes the spreadsheet's lease for a run, in the running user's own
 * properties, without any lock shared with other spreadsheets (the script
 * lock is one for every user of the add-on everywhere; the user lock one for
 * all of a person's spreadsheets): each side raises its own flag and then
 * looks at the other's, so of two runs doing this at once at least one sees
 * the other and backs off; neither waits. False when another run holds an
 * unexpired lease.
 */
export function takeLease(spreadsheetId: string, holder: LeaseHolder, run: string, now: number): boolean {
  const properties = PropertiesService.getUserProperties();
  const mine = key(`lease.${holder}`, spreadsheetId);
  const theirs = key(`lease.${holder === 'document' ? 'trigger' : 'document'}`, spreadsheetId);
  // Runs with the document open are kept apart by the document lock, which is
  // atomic; a trigger, which has none, also looks for its own kind before raising its flag.
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
  const properties = PropertiesService.getUserProperties();
  const held = parse<Lease>(properties.getProperty(key(`lease.${holder}`, spreadsheetId)));
  if (!held || held.run !== run || held.until - LEASE_MARGIN_MS <= now) return false;
  // Renewed once half of it is gone: one write every two minutes, not one per send.
  if (held.until - now < LEASE_MS / 2) properties.setProperty(key(`lease.${holder}`, spreadsheetId), JSON.stringify({ run, until: now + LEASE_MS }));
  return true;
}

export function releaseLease(spreadsheetId: string, holder: LeaseHolder, run: string): void {
  const properties = PropertiesService.getUserProperties();
  const held = parse<Lease>(properties.getProperty(key(`lease.${holder}`, spreadsheetId)));
  if (held?.run === run) properties.deleteProperty(key(`lease.${holder}`, spreadsheetId));
}

export function readCheckpoint(spreadsheetId: string): Checkpoint | null {
  return parse<Checkpoint>(PropertiesService.getUserProperties().getProperty(key('checkpoint', spreadsheetId)));
}

export function writeCheckpoint(spreadsheetId: string, checkpoint: Checkpoint): void {
  PropertiesService.getUserProperties().setProperty(key('checkpoint', spreadsheetId), JSON.stringify(checkpoint));
}

export function clearCheckpoint(spreadsheetId: string): void {
  PropertiesService.getUserProperties().deleteProperty(key('checkpoint', spreadsheetId));
}

/**
 * What a stopped run left in this user's properties for this spreadsheet
 * (its leases and its checkpoint), the Reminder log's seal (logSeal.ts) and
 * the cash gap last warned of (cashWarning.ts):
 * cleared when the schedule is turned off.
 * An expired lease blocks nothing, but is not kept for good either.
 */
export function clearRunState(spreadsheetId: string): void {
  const properties = PropertiesService.getUserProperties();
  for (const kind of ['lease.document', 'lease.trigger', 'checkpoint', 'logSeal', 'cashWarning']) properties.deleteProperty(key(kind, spreadsheetId));
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

/** The schedule as its spreadsheet records it: when it was turned on, and when its trigger last fired for it. */
export interface ScheduleRecord {
  since: number;
  heard: number;
  /** A gap the trigger found when it fired again, kept until a run reports it. */
  missed?: string;
}

/** The schedule's own record, in its owner's user properties, by spreadsheet ID. */
export interface OwnerRecord extends ScheduleRecord {
  /** The owner's address, for the sentences that name them. */
  owner: string;
  /** The unique ID of the owner's trigger that serves this spreadsheet: how the add-on finds it again. */
  trigger: string;
  lastRun?: LastRun;
  /** Why the run is held (settings not approved or damaged); absent when it is not. */
  held?: string;
  /** Why the schedule cannot run at all (a permission, the spreadsheet out of reach), told to the owner by email once. */
  cannotRun?: string;
  /** The last reason the owner was emailed about, so that each is said once. */
  told?: string;
}

/** Each text kept in a record is cut short: a property value holds 9 KB. */
const RECORD_TEXT = 1500;

const short = (text: string | undefined) => (text && text.length > RECORD_TEXT ? `${text.slice(0, RECORD_TEXT - 1)}…` : text);

/** This user's record of their schedule of this spreadsheet; null when they have none. */
export function myRecord(spreadsheetId: string): OwnerRecord | null {
  return parse<OwnerRecord>(PropertiesService.getUserProperties().getProperty(key('schedule', spreadsheetId)));
}

/** Writes this user's record (null removes it). */
export function writeMyRecord(spreadsheetId: string, record: OwnerRecord | null): void {
  const properties = PropertiesService.getUserProperties();
  if (!record) return void properties.deleteProperty(key('schedule', spreadsheetId));
  const kept: OwnerRecord = { ...record, missed: short(record.missed), held: short(record.held), cannotRun: short(record.cannotRun), told: short(record.told) };
  if (record.lastRun) kept.lastRun = { ...record.lastRun, error: short(record.lastRun.error) ?? '', notice: short(record.lastRun.notice) };
  for (const field of ['missed', 'held', 'cannotRun', 'told'] as const) if (!kept[field]) delete kept[field];
  properties.setProperty(key('schedule', spreadsheetId), JSON.stringify(kept));
}

/** Changes this user's record, when they have one. */
export function updateMyRecord(spreadsheetId: string, change: (record: OwnerRecord) => OwnerRecord): void {
  const record = myRecord(spreadsheetId);
  if (record) writeMyRecord(spreadsheetId, change(record));
}

/**
 * Who runs the spreadsheet's daily reminders, from document properties: one
 * person, so nothing goes out twice from two accounts. In a trigger there
 * are no document properties: the trigger's own record (its owner's user
 * properties) says whose schedule it is.
 */
export function readScheduleOwner(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): string | null {
  const documentProperties = PropertiesService.getDocumentProperties();
  if (documentProperties) return documentProperties.getProperty(OWNER_PROPERTY) || null;
  return myRecord(spreadsheet.getId())?.owner ?? null;
}

export function writeScheduleOwner(owner: string | null): void {
  const documentProperties = PropertiesService.getDocumentProperties();
  if (!documentProperties) throw new Error('The schedule can be turned on or off only with the spreadsheet open.');
  if (owner) documentProperties.setProperty(OWNER_PROPERTY, owner);
  else documentProperties.deleteProperty(OWNER_PROPERTY);
}

/** The current user's own record when they own this spreadsheet's schedule; null for everyone else. */
function ownRecord(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): OwnerRecord | null {
  const record = myRecord(spreadsheet.getId());
  if (!record) return null;
  const documentProperties = PropertiesService.getDocumentProperties();
  // With the spreadsheet open, the record counts only while the document says this user owns the schedule.
  return !documentProperties || documentProperties.getProperty(OWNER_PROPERTY) === record.owner ? record : null;
}

/**
 * The last run: the owner's record for the owner (and their trigger), the
 * copy in the settings sheet for other editors, who cannot read the owner's
 * properties (a copy anyone could retype: shown, never acted on).
 */
export function readLastRun(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): LastRun | null {
  const record = ownRecord(spreadsheet);
  if (record) return record.lastRun ?? null;
  return parse<LastRun>(readSettingsValue(spreadsheet, 'last run'));
}

export function writeLastRun(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, lastRun: LastRun): void {
  updateMyRecord(spreadsheet.getId(), (record) => ({ ...record, lastRun }));
  showToEditors(spreadsheet, 'last run', JSON.stringify(lastRun));
}

export function readScheduleRecord(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): ScheduleRecord | null {
  const record = ownRecord(spreadsheet);
  if (record) return record;
  // Another editor's view: shown only while the document names an owner.
  return readScheduleOwner(spreadsheet) ? parse<ScheduleRecord>(readSettingsValue(spreadsheet, 'schedule record')) : null;
}

export function writeScheduleRecord(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, record: ScheduleRecord): void {
  updateMyRecord(spreadsheet.getId(), (own) => {
    const next: OwnerRecord = { ...own, since: record.since, heard: record.heard, missed: record.missed };
    if (!record.missed) delete next.missed;
    return next;
  });
  showToEditors(spreadsheet, 'schedule record', JSON.stringify(record));
}

/** Why the schedule's run is held, as its owner sees it (and other editors from the copy); "" when it is not. */
export function readHeld(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): string {
  const record = ownRecord(spreadsheet);
  if (record) return record.held ?? '';
  return readScheduleOwner(spreadsheet) ? readSettingsValue(spreadsheet, 'held') : '';
}

export function writeHeld(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, reason: string): void {
  updateMyRecord(spreadsheet.getId(), (record) => {
    const next: OwnerRecord = { ...record, held: reason };
    if (!reason) delete next.held;
    return next;
  });
  if (readSettingsValue(spreadsheet, 'held') !== reason) showToEditors(spreadsheet, 'held', reason);
}

/** Why the schedule cannot run, for its owner; "" when nothing stops it. */
export function readCannotRun(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): string {
  return ownRecord(spreadsheet)?.cannotRun ?? '';
}

/** The copy other editors see: written as the owner's record changes, never read for a decision; a failure to write it stops nothing. */
function showToEditors(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, name: 'last run' | 'schedule record' | 'held', value: string): void {
  try {
    writeSettingsValue(spreadsheet, name, value);
  } catch (error) {
    console.error(`Receivables: the copy of "${name}" for other editors could not be written: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function parse<T>(json: string | null): T | null {
  if (!json) return null;
  try {
    const value = JSON.parse(json) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as T) : null;
  } catch {
    return null;
  }
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
