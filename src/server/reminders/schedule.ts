import { approve, approvedFingerprint, forgetApproval, heldReason, holdRun } from './approval';
import { readSettings, saveSettings, writeSettingsValue } from './policyStore';
import { senderProblems } from '../../core/reminders/policy';
import { missedScheduleNotice, readLastRun, readScheduleOwner, readScheduleRecord, writeLastRun, writeScheduleOwner, writeScheduleRecord, type LastRun } from './runState';
import { LEASE_LOST, runReminders, todayIn } from './run';
import { isoDate } from '../../core/calendar';
import type { ScheduleView } from '../../shared/contract';
import { settingsOf } from '../spreadsheetSettings';
import { missingScopes, NEEDS, permissionNotice, SCOPE } from '../permissions';

export const SCHEDULE_HANDLER = 'runScheduledReminders';
/** The whole scheduled run stops sending well before Apps Script's 6 minutes. */
const SCHEDULED_BUDGET_MS = 4.5 * 60 * 1000;
/** How often a firing trigger notes in its spreadsheet that it is alive: a few writes a day, not one an hour. */
const HEARD_EVERY_MS = 6 * 60 * 60 * 1000;

/**
 * Which spreadsheet each of this user's triggers serves, in the user's own
 * properties: a time-driven trigger has no active spreadsheet, only its
 * triggerUid. One entry per spreadsheet the user runs reminders for.
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

/** This user's schedule trigger in this spreadsheet, if any: add-on triggers belong to the document they were created in. */
export function scheduleTrigger(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): GoogleAppsScript.Script.Trigger | null {
  return ScriptApp.getUserTriggers(spreadsheet).find((trigger) => trigger.getHandlerFunction() === SCHEDULE_HANDLER) ?? null;
}

/**
 * Turns on daily reminders for the open spreadsheet, run from this user's
 * account. One person per spreadsheet: another editor's schedule would send
 * every reminder twice, from two accounts. Each spreadsheet has its own
 * hourly trigger, created in it (an editor add-on may have one trigger of
 * each type per user per document, and a trigger stops where the add-on is
 * disabled): no spreadsheet depends on another one's trigger.
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
    let trigger = scheduleTrigger(spreadsheet);
    if (!trigger) {
      try {
        trigger = ScriptApp.newTrigger(SCHEDULE_HANDLER).timeBased().everyHours(1).create();
      } catch (error) {
        const reason = error instanceof Error ? error.message.replace(/^Exception: /, '') : String(error);
        return { ok: false, message: `Daily reminders could not be turned on: Google refused a new trigger (${reason}). Turn them off in a spreadsheet that no longer needs them, then try again.` };
      }
    }
    PropertiesService.getUserProperties().setProperty(triggerKey(trigger.getUniqueId()), spreadsheet.getId());
    // Turning the schedule on approves the settings as they are now: the owner's account sends these and no others.
    approve(spreadsheet, settings.stored ? settings.fingerprint : saveSettings(spreadsheet, settings));
    writeScheduleOwner(spreadsheet, user);
    // Turning on again (to bring back a trigger) starts the count of a silent schedule afresh.
    writeScheduleRecord(spreadsheet, { since: Date.now(), heard: 0 });
    const hour = settings.policy.sendHour;
    return { ok: true, message: `Daily reminders are on: every day after ${hour}:00 (${spreadsheet.getSpreadsheetTimeZone()}), sent from ${user}.` };
  });
}

/** Turns them off for this spreadsheet: its record and this user's trigger in it go; other spreadsheets are untouched. */
export function turnOff(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): ScheduleChange {
  const user = Session.getEffectiveUser().getEmail();
  return withUserLock(() => {
    const owner = readScheduleOwner(spreadsheet);
    if (owner && owner !== user) return { ok: false, message: `Daily reminders for this spreadsheet are sent from ${owner}; only they can turn them off.` };
    writeScheduleOwner(spreadsheet, null);
    writeScheduleRecord(spreadsheet, null);
    forgetApproval(spreadsheet.getId());
    if (heldReason(spreadsheet)) writeSettingsValue(spreadsheet, 'held', '');
    const trigger = scheduleTrigger(spreadsheet);
    if (trigger) removeTrigger(trigger);
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
 * reminders once a day after the send hour in its own zone. A trigger whose
 * spreadsheet is no longer this user's schedule removes itself.
 */
export function runScheduled(event?: { triggerUid?: string }): void {
  const started = Date.now();
  const uid = event && typeof event.triggerUid === 'string' ? event.triggerUid : '';
  const id = uid ? PropertiesService.getUserProperties().getProperty(triggerKey(uid)) : null;
  if (!id) {
    console.error(`Receivables: trigger ${uid || '(no triggerUid)'} serves no spreadsheet of yours; turn daily reminders on again where you want them.`);
    return;
  }
  // The person may have granted only some scopes: say so where they will see it, and send nothing.
  const notice = permissionNotice('send the daily reminders', NEEDS.scheduledRun);
  if (notice) {
    recordMissingPermission(id, notice);
    return;
  }
  const user = Session.getEffectiveUser().getEmail();
  let spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet;
  try {
    spreadsheet = SpreadsheetApp.openById(id);
  } catch (error) {
    // Deleted, or no longer shared with this user: nothing to run; the trigger stays until turned off.
    console.error(`Receivables: spreadsheet ${id} cannot be opened: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  if (readScheduleOwner(spreadsheet) !== user) {
    for (const trigger of ScriptApp.getProjectTriggers()) if (trigger.getUniqueId() === uid) removeTrigger(trigger);
    return;
  }
  hearTrigger(spreadsheet, started);
  const { timeZone } = settingsOf(spreadsheet);
  const settings = readSettings(spreadsheet);
  // Damaged settings: the run goes ahead at once, to hold and say why.
  const sendHour = settings.ok ? settings.policy.sendHour : 0;
  const hour = Number(Utilities.formatDate(new Date(), timeZone, 'H'));
  const today = isoDate(todayIn(timeZone));
  if (hour < sendHour || readLastRun(spreadsheet)?.day === today) return;
  try {
    // The owner's account sends only the settings the owner approved.
    const report = runReminders(spreadsheet, { dryRun: false, deadline: started + SCHEDULED_BUDGET_MS, approval: { owner: user, fingerprint: approvedFingerprint(id) } });
    if (report.held) holdRun(spreadsheet, user, report.stopped, report.fingerprint);
    else if (heldReason(spreadsheet)) writeSettingsValue(spreadsheet, 'held', '');
    // A run overtaken by another writes nothing more: the run that took over records the day.
    if (report.stopped && report.stopped !== LEASE_LOST) writeLastRun(spreadsheet, failedRun(report.stopped));
  } catch (error) {
    writeLastRun(spreadsheet, failedRun(error instanceof Error ? error.message : String(error)));
  }
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

/** Records in the trigger's spreadsheet (shown by the sidebar) why the schedule could not run. */
function recordMissingPermission(id: string, notice: string): void {
  if (missingScopes([SCOPE.spreadsheets]).length) {
    console.error(`Receivables: ${notice}`);
    return;
  }
  try {
    writeLastRun(SpreadsheetApp.openById(id), failedRun(notice));
  } catch (error) {
    console.error(`Receivables: spreadsheet ${id} skipped: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function failedRun(error: string): LastRun {
  return { day: '', at: Date.now(), sent: 0, deferred: 0, errors: 0, unconfirmed: 0, error };
}

/** What the sidebar shows of the schedule. */
export type ScheduleStatus = ScheduleView;

export function scheduleStatus(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): ScheduleStatus {
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

/**
 * For the menu and the sidebar: the schedule is on but has not run for more
 * than a day, or the last run found that it had not; else "".
 */
export function scheduleWarning(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, last = readLastRun(spreadsheet)): string {
  return missedScheduleNotice(spreadsheet, Date.now()) || readScheduleRecord(spreadsheet)?.missed || last?.notice || '';
}
