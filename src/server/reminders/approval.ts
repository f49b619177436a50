import { LOG_HEADERS, LOG_SHEET_NAME, sheetText } from '../../core/reminders/log';
import { readSettingsValue, writeSettingsValue, type SettingsRead } from './policyStore';
import { readScheduleOwner } from './runState';

/**
 * What the schedule's owner approved. The daily run sends from the owner's
 * account, and any editor can reach the stored settings; so when the owner
 * saves (or turns the schedule on) the fingerprint of what they saw is kept
 * in their user properties, which no one else can write, and the run sends
 * only settings with that fingerprint.
 */
const approvedKey = (spreadsheetId: string) => `receivables.approved.${spreadsheetId}`;
const alertedKey = (spreadsheetId: string) => `receivables.alerted.${spreadsheetId}`;

/** Records, in the current user's own properties, that they approved these settings. */
export function approve(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, fingerprint: string): void {
  const properties = PropertiesService.getUserProperties();
  properties.setProperty(approvedKey(spreadsheet.getId()), fingerprint);
  properties.deleteProperty(alertedKey(spreadsheet.getId()));
  if (readSettingsValue(spreadsheet, 'held')) writeSettingsValue(spreadsheet, 'held', '');
}

/** What the current user approved for this spreadsheet; null when nothing. */
export function approvedFingerprint(spreadsheetId: string): string | null {
  return PropertiesService.getUserProperties().getProperty(approvedKey(spreadsheetId));
}

/** Forgets the approval (the schedule was turned off). */
export function forgetApproval(spreadsheetId: string): void {
  const properties = PropertiesService.getUserProperties();
  properties.deleteProperty(approvedKey(spreadsheetId));
  properties.deleteProperty(alertedKey(spreadsheetId));
}

/** Why the owner's account must not send with these settings; '' when it may. */
export function approvalProblem(owner: string, approved: string | null, settings: SettingsRead): string {
  if (!settings.ok) return `Daily reminders are held: ${settings.reason}. ${owner} can restore the last good copy or the defaults in Extensions › Receivables › Settings.`;
  if (approved === null) return `Daily reminders are held: ${owner} has not approved the current settings. ${owner} can review and approve them in Extensions › Receivables › Settings.`;
  if (approved !== settings.fingerprint) {
    return `Daily reminders are held: the policy or the templates changed since ${owner} approved them, so nothing is sent from ${owner}'s account until ${owner} reviews the change and approves it in Extensions › Receivables › Settings.`;
  }
  return '';
}

/**
 * A scheduled run that found settings its owner did not approve: nothing is
 * sent; the reason goes where the menu and the sidebar show it, and once per
 * changed fingerprint into the Reminder log and an email to the owner alone.
 */
export function holdRun(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, owner: string, reason: string, fingerprint: string): void {
  if (readSettingsValue(spreadsheet, 'held') !== reason) writeSettingsValue(spreadsheet, 'held', reason);
  const properties = PropertiesService.getUserProperties();
  if (properties.getProperty(alertedKey(spreadsheet.getId())) === fingerprint) return;
  properties.setProperty(alertedKey(spreadsheet.getId()), fingerprint);
  const log = spreadsheet.getSheetByName(LOG_SHEET_NAME);
  if (log) log.appendRow([new Date(), '', '', '', '', 'held', sheetText(reason), '', '[]'].slice(0, LOG_HEADERS.length));
  MailApp.sendEmail({
    to: owner,
    subject: `Receivables: daily reminders held for "${spreadsheet.getName().replace(/[\r\n]+/g, ' ')}"`,
    body: `${reason}\n\nNothing was sent to your customers.\n\n${spreadsheet.getUrl()}`,
  });
}

/** The reason the daily reminders are held, for the menu and the sidebar; '' when they are not. */
export function heldReason(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): string {
  return readSettingsValue(spreadsheet, 'held');
}

/** For a run from the menu: when you own the schedule, your account sends only what you approved, as the scheduled run does. */
export function approvalOfOwner(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): { owner: string; fingerprint: string | null } | undefined {
  const owner = readScheduleOwner(spreadsheet);
  if (!owner || owner !== Session.getEffectiveUser().getEmail()) return undefined;
  return { owner, fingerprint: approvedFingerprint(spreadsheet.getId()) };
}
