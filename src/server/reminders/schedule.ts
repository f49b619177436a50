import { approve, approvedFingerprint, forgetApproval, heldReason, holdRun } from './approval';
import { readSettings } from './policyStore';
import { senderProblems } from '../../core/reminders/policy';
import { clearRunState, missedScheduleNotice, myRecord, readCannotRun, readLastRun, readScheduleOwner, readScheduleRecord, updateMyRecord, writeHeld, writeLastRun, writeMyRecord, writeScheduleOwner, writeScheduleRecord, type LastRun, type OwnerRecord } from './runState';
import { LEASE_LOST, runReminders, todayIn } from './run';
import { isoDate } from '../../core/calendar';
import type { ScheduleView } from '../../shared/contract';
import { settingsOf } from '../spreadsheetSettings';
import { warnOwnerOfCashGap } from '../cashWarning';
import { missingScopes, NEEDS, permissionNotice, SCOPE } from '../permissions';

export const SCHEDULE_HANDLER = 'runScheduledReminders';
/** The whole scheduled run stops sending well before Apps Script's 6 minutes. */
const SCHEDULED_BUDGET_MS = 4.5 * 60 * 1000;
/** How often a firing trigger notes in its spreadsheet that it is alive: a few writes a day, not one an hour. */
const HEARD_EVERY_MS = 6 * 60 * 60 * 1000;

/**
 * Which spreadsheet each of this user's triggers serves, in the user's own
 * properties: a time-driven trigger has no active spreadsheet and no source
 * document (Class Trigger, getTriggerSourceId: "for clock events returns
 * null"), only its triggerUid. One entry per spreadsheet the user runs
 * reminders for; the spreadsheet's record (runState.ts) names the trigger back.
 */
const triggerKey = (uid: string) => `receivables.trigger.${uid}`;

export type ScheduleChange = { ok: true; message: string } | { ok: false; message: string };

/** Changes to a user's schedule, one at a time: two clicks must not make two triggers. */
function withUserLock(change: () => ScheduleChange): ScheduleChange {
  const lock = LockService.getUserLock();
  if (!lock.tryLock(10_000)) return { ok: false, message: 'Another change to your reminders is in progress; try again.' };
  try {
    return change();
  } finally {
    lock.releaseLock();
  }
}

/** This user's trigger by its unique ID, among the project's triggers of this user; null when it is gone. */
function triggerById(uid: string): GoogleAppsScript.Script.Trigger | null {
  if (!uid) return null;
  return ScriptApp.getProjectTriggers().find((trigger) => trigger.getUniqueId() === uid) ?? null;
}

/**
 * This user's schedule trigger for this spreadsheet, if any: found by the ID
 * their record keeps, not by listing the document's triggers (a clock
 * trigger has no source document, so ScriptApp.getUserTriggers(spreadsheet)
 * does not list it).
 */
export function scheduleTrigger(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): GoogleAppsScript.Script.Trigger | null {
  return triggerById(myRecord(spreadsheet.getId())?.trigger ?? '');
}

/**
 * This user's schedule triggers that serve no spreadsheet (their record was
 * lost, or a turn-off stopped halfway): they would only fire to do nothing,
 * and one of them may be this document's, which the platform allows once per
 * user per document. Removed before a new one is made.
 */
function removeOrphans(): void {
  const properties = PropertiesService.getUserProperties();
  for (const trigger of ScriptApp.getProjectTriggers()) {
    if (trigger.getHandlerFunction() !== SCHEDULE_HANDLER) continue;
    const id = properties.getProperty(triggerKey(trigger.getUniqueId()));
    if (!id || myRecord(id)?.trigger !== trigger.getUniqueId()) removeTrigger(trigger);
  }
}

/**
 * Turns on daily reminders for the open spreadsheet, run from this user's
 * account. One person per spreadsheet: another editor's schedule would send
 * every reminder twice, from two accounts. Each spreadsheet has its own
 * hourly trigger, created in it (an editor add-on may have one trigger of
 * each type per user per document, and a trigger stops where the add-on is
 * disabled): no spreadsheet depends on another one's trigger.
 *
 * Turning on approves nothing: the settings must be the ones this person
 * approved (their own save, or Approve after seeing what changed).
 */
export function turnOn(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): ScheduleChange {
  const user = Session.getEffectiveUser().getEmail();
  return withUserLock(() => {
    const owner = readScheduleOwner(spreadsheet);
    if (owner && owner !== user) return { ok: false, message: `Daily reminders for this spreadsheet are already on, sent from ${owner}. Only one person's schedule can run, or every reminder would go out twice.` };
    const settings = readSettings(spreadsheet);
    if (!settings.ok) return { ok: false, message: `Daily reminders stay off: ${settings.reason}. Restore the last good copy or the defaults in Extensions › Receivables › Settings first.` };
    // Nothing goes out under a sender the customers cannot recognise or reply to.
    const unsigned = senderProblems(settings.policy);
    if (unsigned.length) return { ok: false, message: `Daily reminders are not on: ${unsigned.map((problem) => problem.message).join('; ')}.` };
    const approved = approvedFingerprint(spreadsheet.getId());
    if (approved !== settings.fingerprint) {
      return {
        ok: false,
        message:
          approved === null
            ? 'Daily reminders stay off: you have not approved the current settings. Open Extensions › Receivables › Settings, review them and approve them, then turn the reminders on.'
            : 'Daily reminders stay off: the policy or the templates changed since you approved them. Open Extensions › Receivables › Settings to see what changed and approve it, then turn the reminders on.',
      };
    }
    // A run in progress with the spreadsheet open is someone's: the schedule starts once it is done.
    const documentLock = LockService.getDocumentLock();
    if (documentLock && !documentLock.tryLock(5_000)) return { ok: false, message: 'A reminder run for this spreadsheet is in progress; turn daily reminders on again in a few minutes.' };
    try {
      const id = spreadsheet.getId();
      let trigger = scheduleTrigger(spreadsheet);
      if (!trigger) {
        // The trigger the record named is gone (deleted by hand, or by Google): its link goes with it.
        const gone = myRecord(id)?.trigger;
        if (gone) PropertiesService.getUserProperties().deleteProperty(triggerKey(gone));
        removeOrphans();
        try {
          trigger = ScriptApp.newTrigger(SCHEDULE_HANDLER).timeBased().everyHours(1).create();
        } catch (error) {
          const reason = error instanceof Error ? error.message.replace(/^Exception: /, '') : String(error);
          return { ok: false, message: `Daily reminders could not be turned on: Google refused a new trigger (${reason}). Turn them off in a spreadsheet that no longer needs them, then try again.` };
        }
      }
      const uid = trigger.getUniqueId();
      PropertiesService.getUserProperties().setProperty(triggerKey(uid), id);
      const previous = myRecord(id);
      // Turning on again (to bring back a trigger) starts the count of a silent schedule afresh; the last run is kept.
      writeMyRecord(id, { owner: user, trigger: uid, since: Date.now(), heard: 0, ...(previous?.lastRun ? { lastRun: previous.lastRun } : {}) });
      writeScheduleOwner(user);
      writeScheduleRecord(spreadsheet, { since: Date.now(), heard: 0 });
      approve(spreadsheet, settings.fingerprint, settings.texts);
      const hour = settings.policy.sendHour;
      return { ok: true, message: `Daily reminders are on: every day after ${hour}:00 (${spreadsheet.getSpreadsheetTimeZone()}), sent from ${user}.` };
    } finally {
      documentLock?.releaseLock();
    }
  });
}

/** Turns them off for this spreadsheet: its record, what a stopped run left, and this user's trigger for it go; other spreadsheets are untouched. */
export function turnOff(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): ScheduleChange {
  const user = Session.getEffectiveUser().getEmail();
  return withUserLock(() => {
    const owner = readScheduleOwner(spreadsheet);
    if (owner && owner !== user) return { ok: false, message: `Daily reminders for this spreadsheet are sent from ${owner}; only they can turn them off.` };
    const id = spreadsheet.getId();
    const trigger = scheduleTrigger(spreadsheet);
    if (heldReason(spreadsheet)) writeHeld(spreadsheet, '');
    // The trigger and its link first: a turn-off stopped halfway leaves a record without a trigger, never a trigger that runs.
    if (trigger) removeTrigger(trigger);
    const link = myRecord(id)?.trigger;
    if (link) PropertiesService.getUserProperties().deleteProperty(triggerKey(link));
    writeMyRecord(id, null);
    writeScheduleOwner(null);
    forgetApproval(id);
    clearRunState(id);
    // A trigger left from a turn-off that stopped halfway serves nothing now.
    removeOrphans();
    return { ok: true, message: 'Daily reminders are off.' };
  });
}

function removeTrigger(trigger: GoogleAppsScript.Script.Trigger): void {
  PropertiesService.getUserProperties().deleteProperty(triggerKey(trigger.getUniqueId()));
  ScriptApp.deleteTrigger(trigger);
}

/**
 * The hourly trigger of one spreadsheet, found by the event's triggerUid (a
 * time-driven trigger has no active spreadsheet) and opened by ID: runs its
 * reminders once a day after the send hour in its own zone. Everything it
 * decides on is in its owner's user properties: nothing typed into a cell
 * makes it stop, remove itself or skip a day. A trigger its owner's record no
 * longer names (the schedule was turned off) removes itself.
 */
export function runScheduled(event?: { triggerUid?: string }): void {
  const started = Date.now();
  const uid = event && typeof event.triggerUid === 'string' ? event.triggerUid : '';
  const id = uid ? PropertiesService.getUserProperties().getProperty(triggerKey(uid)) : null;
  if (!id) {
    console.error(`Receivables: trigger ${uid || '(no triggerUid)'} serves no spreadsheet of yours; turn daily reminders on again where you want them.`);
    return;
  }
  const record = myRecord(id) ?? adoptedRecord(id, uid);
  if (!record || record.trigger !== uid) {
    const trigger = triggerById(uid);
    if (trigger) removeTrigger(trigger);
    else PropertiesService.getUserProperties().deleteProperty(triggerKey(uid));
    return;
  }
  // The person may have granted only some scopes: say so where they will see it, and send nothing.
  const notice = permissionNotice('send the daily reminders', NEEDS.scheduledRun);
  if (notice) return cannotRun(id, record.owner, notice);
  let spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet;
  try {
    spreadsheet = SpreadsheetApp.openById(id);
  } catch (error) {
    // Deleted, or no longer shared with this user: nothing to run; the trigger stays until turned off, and the owner is told once.
    const reason = `Daily reminders cannot run: the spreadsheet (ID ${id}) cannot be opened from ${record.owner}'s account (${error instanceof Error ? error.message.replace(/^Exception: /, '') : String(error)}). If it was deleted or is no longer shared with you, turn daily reminders off there, or ask for access again.`;
    return cannotRun(id, record.owner, reason);
  }
  if (record.cannotRun) updateMyRecord(id, (own) => ({ ...own, cannotRun: undefined, told: undefined }));
  hearTrigger(spreadsheet, started);
  const { timeZone } = settingsOf(spreadsheet);
  const settings = readSettings(spreadsheet);
  // Damaged settings: the run goes ahead at once, to hold and say why.
  const sendHour = settings.ok ? settings.policy.sendHour : 0;
  const hour = Number(Utilities.formatDate(new Date(), timeZone, 'H'));
  const today = isoDate(todayIn(timeZone));
  if (hour < sendHour || myRecord(id)?.lastRun?.day === today) return;
  try {
    // The owner's account sends only the settings the owner approved.
    const report = runReminders(spreadsheet, { dryRun: false, deadline: started + SCHEDULED_BUDGET_MS, approval: { owner: record.owner, fingerprint: approvedFingerprint(id), scheduled: true } });
    if (report.held) holdRun(spreadsheet, record.owner, report.stopped, report.fingerprint, report.heldLog);
    else if (heldReason(spreadsheet)) writeHeld(spreadsheet, '');
    // The cash position, to the owner alone, under the settings the owner approved.
    // (The settings read before the run: a book without a Cash section costs no second read.)
    if (!report.held && report.stopped !== LEASE_LOST && settings.ok) warnOwnerOfCashGap(spreadsheet, record.owner, settings.policy);
    // A run overtaken by another writes nothing more: the run that took over records the day.
    if (report.stopped && report.stopped !== LEASE_LOST) writeLastRun(spreadsheet, failedRun(report.stopped));
  } catch (error) {
    writeLastRun(spreadsheet, failedRun(error instanceof Error ? error.message : String(error)));
  }
}

/**
 * A schedule turned on before its record lived in the owner's properties
 * (the version that kept it in the settings sheet): the trigger's own link,
 * in the owner's properties, is the proof it is theirs; its record is made
 * from it, instead of the trigger removing itself in silence. The document's
 * owner is written the next time the owner opens the spreadsheet.
 */
function adoptedRecord(id: string, uid: string): OwnerRecord | null {
  if (approvedFingerprint(id) === null) return null;
  const record: OwnerRecord = { owner: Session.getEffectiveUser().getEmail(), trigger: uid, since: Date.now(), heard: 0 };
  writeMyRecord(id, record);
  return record;
}

/**
 * A schedule that cannot run at all: the reason kept in the owner's record
 * (the sidebar shows it) and emailed to the owner once per reason.
 */
function cannotRun(id: string, owner: string, reason: string): void {
  console.error(`Receivables: ${reason}`);
  const record = myRecord(id);
  if (!record) return;
  writeMyRecord(id, { ...record, cannotRun: reason, lastRun: failedRun(reason) });
  if (record.told === reason || missingScopes([SCOPE.sendMail, SCOPE.email]).length) return;
  MailApp.sendEmail({ to: owner, subject: 'Receivables: daily reminders cannot run', body: `${reason}\n\nNothing was sent to your customers.` });
  updateMyRecord(id, (own) => ({ ...own, told: reason }));
}

/**
 * Notes in the spreadsheet that its trigger fired (every few hours), and keeps
 * any gap found since the last time for the next run to report.
 */
function hearTrigger(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, now: number): void {
  const record = readScheduleRecord(spreadsheet);
  if (!record) return;
  if (now - record.heard < HEARD_EVERY_MS) return;
  const missed = missedScheduleNotice(spreadsheet, now) || record.missed;
  writeScheduleRecord(spreadsheet, { since: record.since, heard: now, ...(missed ? { missed } : {}) });
}

function failedRun(error: string): LastRun {
  return { day: '', at: Date.now(), sent: 0, deferred: 0, errors: 0, unconfirmed: 0, error };
}

/** What the sidebar shows of the schedule. */
export type ScheduleStatus = ScheduleView;

export function scheduleStatus(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): ScheduleStatus {
  adoptOwnership(spreadsheet);
  const owner = readScheduleOwner(spreadsheet) ?? '';
  const last = readLastRun(spreadsheet);
  // Shown with what is granted; what is not is named in a sentence.
  const missing = new Set(missingScopes(NEEDS.scheduledRun));
  return {
    on: owner !== '',
    owner,
    youOwnIt: owner !== '' && !missing.has(SCOPE.email) && owner === Session.getEffectiveUser().getEmail(),
    lastRunAt: last ? new Date(last.at).toISOString() : '',
    sentLastRun: last?.sent ?? 0,
    lastError: last?.error ?? '',
    warning: scheduleWarning(spreadsheet, last),
    held: owner ? heldReason(spreadsheet) : '',
    quotaLeft: missing.has(SCOPE.sendMail) ? -1 : MailApp.getRemainingDailyQuota(),
    permission: permissionNotice('send reminders', [...NEEDS.scheduledRun, SCOPE.triggers]),
  };
}

/** The owner of an adopted schedule (see adoptedRecord) named in the document, when no one is yet. */
function adoptOwnership(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): void {
  try {
    const record = myRecord(spreadsheet.getId());
    if (!record || readScheduleOwner(spreadsheet) || record.owner !== Session.getEffectiveUser().getEmail()) return;
    writeScheduleOwner(record.owner);
  } catch (error) {
    console.error(`Receivables: the schedule's owner could not be recorded: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * For the menu and the sidebar: the schedule cannot run (its owner sees
 * why), its trigger is gone, or it is on but has not run for more than a
 * day (or the last run found that it had not); else "".
 */
export function scheduleWarning(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, last = readLastRun(spreadsheet)): string {
  return readCannotRun(spreadsheet) || missedScheduleNotice(spreadsheet, Date.now()) || readScheduleRecord(spreadsheet)?.missed || missingTrigger(spreadsheet) || last?.notice || '';
}

/** For the schedule's owner: their record names a trigger that no longer exists (deleted by hand, or by Google). */
function missingTrigger(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): string {
  try {
    const owner = readScheduleOwner(spreadsheet);
    const record = myRecord(spreadsheet.getId());
    if (!owner || !record || record.owner !== owner || missingScopes([SCOPE.triggers]).length) return '';
    if (triggerById(record.trigger)) return '';
    return `Daily reminders cannot run: the hourly trigger of this spreadsheet was removed, so nothing will be sent. ${owner} should choose Extensions › Receivables › Turn on daily reminders again.`;
  } catch {
    return '';
  }
}
