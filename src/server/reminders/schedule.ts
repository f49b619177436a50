import { readPolicy, mirrorPolicy } from './policyStore';
import { readLastRun, readScheduleOwner, writeLastRun, writeScheduleOwner, type LastRun } from './runState';
import { runReminders, todayIn } from './run';
import { isoDate } from '../../core/calendar';
import type { ScheduleView } from '../../sidebar/contract';
import { settingsOf } from '../spreadsheetSettings';
import { missingScopes, NEEDS, permissionNotice, SCOPE } from '../permissions';

export const SCHEDULE_HANDLER = 'runScheduledReminders';
const USER_SPREADSHEETS_KEY = 'receivables.spreadsheets';
/** The whole scheduled run stops sending well before Apps Script's 6 minutes. */
const SCHEDULED_BUDGET_MS = 4.5 * 60 * 1000;

/** The spreadsheets whose daily reminders this user runs, by ID. */
function userSpreadsheets(): string[] {
  try {
    return JSON.parse(PropertiesService.getUserProperties().getProperty(USER_SPREADSHEETS_KEY) ?? '[]') as string[];
  } catch {
    return [];
  }
}

function setUserSpreadsheets(ids: string[]): void {
  PropertiesService.getUserProperties().setProperty(USER_SPREADSHEETS_KEY, JSON.stringify(ids));
}

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

/**
 * Turns on daily reminders for a spreadsheet, run from this user's account.
 * One person per spreadsheet: another editor's schedule would send every
 * reminder twice, from two accounts. One hourly trigger per user serves all
 * that user's spreadsheets; created under the user lock, never twice.
 */
export function turnOn(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): ScheduleChange {
  const user = Session.getEffectiveUser().getEmail();
  const id = spreadsheet.getId();
  return withUserLock(() => {
    const owner = readScheduleOwner(spreadsheet);
    if (owner && owner !== user) return { ok: false, message: `Daily reminders for this spreadsheet are already on, sent from ${owner}. Only one person's schedule can run, or every reminder would go out twice.` };
    mirrorPolicy(spreadsheet);
    writeScheduleOwner(spreadsheet, user);
    const ids = userSpreadsheets();
    if (!ids.includes(id)) setUserSpreadsheets([...ids, id]);
    if (!ScriptApp.getProjectTriggers().some((trigger) => trigger.getHandlerFunction() === SCHEDULE_HANDLER)) {
      ScriptApp.newTrigger(SCHEDULE_HANDLER).timeBased().everyHours(1).create();
    }
    const { result } = readPolicy(spreadsheet);
    const hour = result.ok ? result.policy.sendHour : 9;
    return { ok: true, message: `Daily reminders are on: every day after ${hour}:00 (${spreadsheet.getSpreadsheetTimeZone()}), sent from ${user}.` };
  });
}

/** Turns them off; the trigger goes once none of the user's spreadsheets needs it. */
export function turnOff(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): ScheduleChange {
  const user = Session.getEffectiveUser().getEmail();
  const id = spreadsheet.getId();
  return withUserLock(() => {
    const owner = readScheduleOwner(spreadsheet);
    if (owner && owner !== user) return { ok: false, message: `Daily reminders for this spreadsheet are sent from ${owner}; only they can turn them off.` };
    writeScheduleOwner(spreadsheet, null);
    const ids = userSpreadsheets().filter((other) => other !== id);
    setUserSpreadsheets(ids);
    if (ids.length === 0) {
      for (const trigger of ScriptApp.getProjectTriggers()) if (trigger.getHandlerFunction() === SCHEDULE_HANDLER) ScriptApp.deleteTrigger(trigger);
    }
    return { ok: true, message: 'Daily reminders are off.' };
  });
}

/**
 * The hourly trigger: each of the user's spreadsheets, opened by ID (a
 * time-driven trigger has no active spreadsheet), runs once a day after its
 * send hour in its own zone. One spreadsheet's failure is recorded and the
 * others still run; they share the time budget.
 */
export function runScheduled(): void {
  const started = Date.now();
  // The person may have granted only some scopes: say so where they will see it, and send nothing.
  const notice = permissionNotice('send the daily reminders', NEEDS.scheduledRun);
  if (notice) {
    recordMissingPermission(notice);
    return;
  }
  const user = Session.getEffectiveUser().getEmail();
  for (const id of userSpreadsheets()) {
    if (Date.now() - started > SCHEDULED_BUDGET_MS) break;
    try {
      const spreadsheet = SpreadsheetApp.openById(id);
      if (readScheduleOwner(spreadsheet) !== user) continue;
      const { timeZone } = settingsOf(spreadsheet);
      const { result } = readPolicy(spreadsheet);
      const sendHour = result.ok ? result.policy.sendHour : 9;
      const hour = Number(Utilities.formatDate(new Date(), timeZone, 'H'));
      const today = isoDate(todayIn(timeZone));
      if (hour < sendHour || readLastRun(spreadsheet)?.day === today) continue;
      try {
        const report = runReminders(spreadsheet, { dryRun: false, deadline: started + SCHEDULED_BUDGET_MS });
        if (report.stopped) writeLastRun(spreadsheet, failedRun(report.stopped));
      } catch (error) {
        writeLastRun(spreadsheet, failedRun(error instanceof Error ? error.message : String(error)));
      }
    } catch (error) {
      // The spreadsheet cannot be opened (deleted, or no longer shared): the others go on.
      console.error(`Receivables: spreadsheet ${id} skipped: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

/** Records in each of the user's spreadsheets (shown by the sidebar) why the schedule could not run. */
function recordMissingPermission(notice: string): void {
  if (missingScopes([SCOPE.spreadsheets]).length) {
    console.error(`Receivables: ${notice}`);
    return;
  }
  for (const id of userSpreadsheets()) {
    try {
      writeLastRun(SpreadsheetApp.openById(id), failedRun(notice));
    } catch (error) {
      console.error(`Receivables: spreadsheet ${id} skipped: ${error instanceof Error ? error.message : String(error)}`);
    }
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
    quotaLeft: missing.has(SCOPE.sendMail) ? -1 : MailApp.getRemainingDailyQuota(),
    permission: permissionNotice('send reminders', [...NEEDS.scheduledRun, SCOPE.triggers]),
  };
}
