import { localeLanguage } from '../../core/locale';
import { dayText } from '../../core/calendar';
import { dayOfIso } from '../../core/reminders/statusWords';
import { escapeHtml } from '../../core/reminders/templates';
import { menuMayRun, NEEDS } from '../permissions';
import { approvalOfSender } from './approval';
import { previewToday, runReminders, sendTestToMe, type RunReport } from './run';
import { learnedText } from '../../core/learning/learning';
import { runScheduled, scheduleStatus, turnOff, turnOn, type ScheduleStatus } from './schedule';

const TITLE = 'Receivables';
/** A run from the menu stops sending with time to spare within Apps Script's 6 minutes. */
const MENU_BUDGET_MS = 4.5 * 60 * 1000;

function active(): GoogleAppsScript.Spreadsheet.Spreadsheet {
  return SpreadsheetApp.getActiveSpreadsheet();
}

/** The run's counts in the spreadsheet's language (ru_RU: Russian); the reasons and notes it quotes are as the run wrote them. */
const SUMMARY = {
  en: {
    nothing: 'Nothing sent',
    sent: (n: number) => `${n} sent`,
    deferred: (n: number) => `${n} deferred to the next run`,
    errors: (n: number) => `${n} not sent (see the Reminder log)`,
    unconfirmed: (n: number) => `${n} from an interrupted run unconfirmed: check Sent mail`,
    skipped: (n: number) => `${n} rows skipped`,
    title: (day: string) => `Reminders for ${day}`,
  },
  ru: {
    nothing: 'Ничего не отправлено',
    sent: (n: number) => `отправлено: ${n}`,
    deferred: (n: number) => `отложено до следующего запуска: ${n}`,
    errors: (n: number) => `не отправлено: ${n} (см. Reminder log)`,
    unconfirmed: (n: number) => `не подтверждено после прерванного запуска: ${n}, проверьте «Отправленные»`,
    skipped: (n: number) => `пропущено строк: ${n}`,
    title: (day: string) => `Напоминания за ${day}`,
  },
} as const;

function summary(report: RunReport, locale: string): string {
  const language = localeLanguage(locale);
  const say = SUMMARY[language];
  if (report.stopped) return `${say.nothing}: ${report.stopped}`;
  const notice = report.notice ? ` ${report.notice}` : '';
  const parts: string[] = [say.sent(report.sent)];
  if (report.deferred) parts.push(say.deferred(report.deferred));
  if (report.errors) parts.push(say.errors(report.errors));
  if (report.unconfirmed) parts.push(say.unconfirmed(report.unconfirmed));
  if (report.problems.length) parts.push(`${say.skipped(report.problems.length)}: ${report.problems.slice(0, 3).join('; ')}`);
  // What reading the table settled (total lines left out, a balance column used), once each.
  const notes = report.notes.map((note) => ` ${note}.`).join('');
  const day = dayOfIso(report.day);
  return `${say.title(day === null ? report.day : dayText(day, language))}: ${parts.join(', ')}.${notes}${notice}`;
}

/**
 * Menu: sends today's due reminders for this spreadsheet now, as the daily schedule would.
 */
export function sendDueReminders(): void {
  if (!menuMayRun('send reminders', NEEDS.send)) return;
  const spreadsheet = active();
  const report = runReminders(spreadsheet, { dryRun: false, deadline: Date.now() + MENU_BUDGET_MS, approval: approvalOfSender(spreadsheet) });
  SpreadsheetApp.getUi().alert(TITLE, summary(report, spreadsheet.getSpreadsheetLocale()), SpreadsheetApp.getUi().ButtonSet.OK);
}

/**
 * Menu: shows what today's run would send, to whom, changing nothing.
 */
export function previewReminders(): void {
  if (!menuMayRun("preview today's reminders", NEEDS.preview)) return;
  const preview = previewToday(active());
  const rows = preview.reminders
    .map(
      (reminder) =>
        `<tr><td>${escapeHtml(reminder.customer)}</td><td>${escapeHtml(reminder.to)}</td><td>${escapeHtml(reminder.subject)}</td><td>${escapeHtml(reminder.invoices)}</td><td>${escapeHtml(reminder.status === 'ready' ? 'will be sent' : reminder.status)}</td></tr>`,
    )
    .join('');
  // Rows that could not be read, and what reading the table settled, below the list.
  const learned = (preview.learned ?? []).map(({ customer, reason }) => `${customer}: ${learnedText(reason)}`);
  const below = [...(preview.problems.length ? [`${preview.problems.length} rows skipped: ${preview.problems.join('; ')}`] : []), ...preview.notes, ...learned]
    .map((line) => `<p>${escapeHtml(line)}</p>`)
    .join('');
  const html = preview.stopped
    ? `<p>${escapeHtml(preview.stopped)}</p>`
    : `<p>${preview.reminders.length} reminders for ${escapeHtml(preview.day)}.</p><table cellpadding="4"><tr><th>Customer</th><th>To</th><th>Subject</th><th>Invoices</th><th></th></tr>${rows}</table>${below}`;
  SpreadsheetApp.getUi().showModalDialog(HtmlService.createHtmlOutput(`<div style="font:13px Arial">${html}</div>`).setWidth(720).setHeight(480), "Today's reminders");
}

/**
 * Menu: sends the first of today's reminders (or says there is none) to you alone, marked as a test.
 */
export function sendTestReminder(): void {
  if (!menuMayRun('send a test reminder', NEEDS.send)) return;
  const ui = SpreadsheetApp.getUi();
  ui.alert(TITLE, sendTestToMe(active()), ui.ButtonSet.OK);
}

/**
 * Menu: turns on the daily reminders for this spreadsheet, sent from your account.
 */
export function turnOnReminders(): void {
  if (!menuMayRun('turn on daily reminders', NEEDS.schedule)) return;
  const ui = SpreadsheetApp.getUi();
  ui.alert(TITLE, turnOn(active()).message, ui.ButtonSet.OK);
}

/**
 * Menu: turns off the daily reminders for this spreadsheet.
 */
export function turnOffReminders(): void {
  if (!menuMayRun('turn off daily reminders', NEEDS.schedule)) return;
  const ui = SpreadsheetApp.getUi();
  ui.alert(TITLE, turnOff(active()).message, ui.ButtonSet.OK);
}

/**
 * The hourly trigger's handler: runs the daily reminders of the spreadsheet whose trigger fired.
 *
 * @param {Object} event The time-driven event (its triggerUid names the trigger).
 */
export function runScheduledReminders(event?: { triggerUid?: string }): void {
  runScheduled(event);
}

/**
 * For the sidebar: whether daily reminders are on, whose they are, the last run and the mail quota left.
 */
export function getReminderStatus(): ScheduleStatus {
  return scheduleStatus(active());
}
