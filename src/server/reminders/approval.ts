import { localeLanguage } from '../../core/locale';
import { LOG_HEADERS, LOG_SHEET_NAME, sheetText } from '../../core/reminders/log';
import { logStatusCell } from '../../core/reminders/statusWords';
import type { Language } from '../../core/reminders/templates';
import { fingerprintOf, lastGoodCopy, settingsFromTexts, type Settings, type SettingsRead, type StoredTexts } from './policyStore';
import { readHeld, readScheduleOwner, writeHeld } from './runState';

/**
 * What each person approved. Whoever sends from their account (the schedule's
 * owner by trigger or menu, anyone from the menu while the schedule is off)
 * sends only settings whose fingerprint (SHA-256 of the stored text) they
 * approved: a save of theirs over settings they had approved, or a click on
 * Approve after seeing what changed. The fingerprint and a copy of what was
 * approved live in the person's own user properties, which no one else can
 * write; the settings sheet, which any editor can type into, is only compared
 * with them.
 */
const approvedKey = (spreadsheetId: string) => `receivables.approved.${spreadsheetId}`;
const alertedKey = (spreadsheetId: string) => `receivables.alerted.${spreadsheetId}`;
const copyKey = (spreadsheetId: string) => `receivables.approvedCopy.${spreadsheetId}`;
/**
 * Characters of the approved copy per property value: a value (with its key)
 * holds 9 KB, and a character takes at most 3 bytes in UTF-8 (a pair of
 * surrogates, two characters, takes 4).
 */
const COPY_PIECE = 2800;

/** Records, in the current user's own properties, that they approved these settings, with a copy of their text. */
export function approve(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, fingerprint: string, texts?: StoredTexts): void {
  const id = spreadsheet.getId();
  const properties = PropertiesService.getUserProperties();
  properties.setProperty(approvedKey(id), fingerprint);
  properties.deleteProperty(alertedKey(id));
  if (texts && fingerprintOf(texts.policyText, texts.templatesText) === fingerprint) keepCopy(id, texts);
  if (readHeld(spreadsheet)) writeHeld(spreadsheet, '');
}

/** The copy of what was approved, in pieces; when the user's store is full, none (the last good copy may still match). */
function keepCopy(id: string, texts: StoredTexts): void {
  const properties = PropertiesService.getUserProperties();
  const text = JSON.stringify(texts);
  const pieces: Record<string, string> = {};
  for (let at = 0, n = 0; at < text.length; at += COPY_PIECE, n++) pieces[`${copyKey(id)}.${n}`] = text.slice(at, at + COPY_PIECE);
  forgetCopy(id);
  try {
    properties.setProperties({ ...pieces, [copyKey(id)]: String(Object.keys(pieces).length) });
  } catch (error) {
    console.error(`Receivables: no copy of the approved settings kept (${error instanceof Error ? error.message : String(error)}); the last good copy serves while it matches.`);
  }
}

function forgetCopy(id: string): void {
  const properties = PropertiesService.getUserProperties();
  const count = Number(properties.getProperty(copyKey(id)) ?? 0);
  for (let n = 0; n < count; n++) properties.deleteProperty(`${copyKey(id)}.${n}`);
  properties.deleteProperty(copyKey(id));
}

/** What the current user approved for this spreadsheet; null when nothing. */
export function approvedFingerprint(spreadsheetId: string): string | null {
  return PropertiesService.getUserProperties().getProperty(approvedKey(spreadsheetId));
}

/**
 * The settings the current user approved, when a copy is still kept whose
 * SHA-256 is their approved fingerprint: theirs in their properties, else the
 * settings sheet's last good copy if it happens to match. Null otherwise.
 */
export function approvedCopy(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): { settings: Settings; fingerprint: string; texts: StoredTexts } | null {
  const id = spreadsheet.getId();
  const approved = approvedFingerprint(id);
  if (!approved) return null;
  const properties = PropertiesService.getUserProperties();
  const count = Number(properties.getProperty(copyKey(id)) ?? 0);
  if (count > 0) {
    let text = '';
    for (let n = 0; n < count; n++) text += properties.getProperty(`${copyKey(id)}.${n}`) ?? '';
    try {
      const texts = JSON.parse(text) as StoredTexts;
      const copy = typeof texts?.policyText === 'string' && typeof texts.templatesText === 'string' ? settingsFromTexts(texts) : null;
      if (copy && copy.fingerprint === approved) return copy;
    } catch {
      // A broken copy is no copy: fall through to the sheet's.
    }
  }
  const good = lastGoodCopy(spreadsheet);
  return good && good.fingerprint === approved ? good : null;
}

/** Forgets the approval (the schedule was turned off). */
export function forgetApproval(spreadsheetId: string): void {
  const properties = PropertiesService.getUserProperties();
  properties.deleteProperty(alertedKey(spreadsheetId));
}

/**
 * Why this account must not send with these settings; '' when it may. The
 * owner's schedule and menu say it in the owner's name; a person sending
 * from the menu while no schedule is on is told in the second person.
 */
export function approvalProblem(owner: string, approved: string | null, settings: SettingsRead, scheduled = true, language: Language = 'en'): string {
  if (!scheduled) {
    if (!settings.ok) return '';
    if (approved === null) return `Nothing is sent from your account with settings you have not approved: open Extensions › Receivables › Settings, review them and approve them (or save them), then send again.`;
    if (approved !== settings.fingerprint) return `the policy or the templates changed since you approved them, so nothing is sent from your account until you review the change and approve it in Extensions › Receivables › Settings.`;
    return '';
  }
  // The scheduled run's reason, also written into the Reminder log in the spreadsheet's language (holdRun).
  const ru = language === 'ru';
  if (!settings.ok) {
    return ru
      ? `Ежедневные напоминания приостановлены: ${settings.reason}. Владелец расписания (${owner}) может восстановить последнюю исправную копию или настройки по умолчанию в меню Расширения › Receivables › Settings.`
      : `Daily reminders are held: ${settings.reason}. ${owner} can restore the last good copy or the defaults in Extensions › Receivables › Settings.`;
  }
  if (approved !== null && !settings.stored) {
    return ru
      ? `Ежедневные напоминания приостановлены: сохранённые настройки пропали (лист настроек удалён или очищен), поэтому с аккаунта ${owner} ничего не отправляется, пока владелец расписания не восстановит одобренные им настройки в меню Расширения › Receivables › Settings.`
      : `Daily reminders are held: the stored settings are gone (the settings sheet was deleted or cleared), so nothing is sent from ${owner}'s account until ${owner} restores what they approved in Extensions › Receivables › Settings.`;
  }
  if (approved === null) {
    return ru
      ? `Ежедневные напоминания приостановлены: владелец расписания (${owner}) не одобрил текущие настройки. Их можно проверить и одобрить в меню Расширения › Receivables › Settings.`
      : `Daily reminders are held: ${owner} has not approved the current settings. ${owner} can review and approve them in Extensions › Receivables › Settings.`;
  }
  if (approved !== settings.fingerprint) {
    return ru
      ? `Ежедневные напоминания приостановлены: политика или шаблоны изменились после того, как их одобрил владелец расписания (${owner}), поэтому с аккаунта ${owner} ничего не отправляется, пока он не проверит изменения и не одобрит их в меню Расширения › Receivables › Settings.`
      : `Daily reminders are held: the policy or the templates changed since ${owner} approved them, so nothing is sent from ${owner}'s account until ${owner} reviews the change and approves it in Extensions › Receivables › Settings.`;
  }
  return '';
}

/**
 * A scheduled run that found settings its owner did not approve: nothing is
 * sent; the reason goes where the menu and the sidebar show it, and once per
 * changed fingerprint into the Reminder log and an email to the owner alone.
 */
export function holdRun(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, owner: string, reason: string, fingerprint: string, logReason: string = reason): void {
  if (readHeld(spreadsheet) !== reason) writeHeld(spreadsheet, reason);
  const properties = PropertiesService.getUserProperties();
  if (properties.getProperty(alertedKey(spreadsheet.getId())) === fingerprint) return;
  properties.setProperty(alertedKey(spreadsheet.getId()), fingerprint);
  const log = spreadsheet.getSheetByName(LOG_SHEET_NAME);
  // The log speaks the spreadsheet's language ("приостановлено" and the reason in Russian in a ru_RU book); the status reads back in either (logStatusOf).
  const language = localeLanguage(spreadsheet.getSpreadsheetLocale());
  if (log) log.appendRow([new Date(), '', '', '', '', logStatusCell('held', language), sheetText(logReason), '', '[]'].slice(0, LOG_HEADERS.length));
  MailApp.sendEmail({
    to: owner,
    subject: `Receivables: daily reminders held for "${spreadsheet.getName().replace(/[\r\n]+/g, ' ')}"`,
    body: `${reason}\n\nNothing was sent to your customers.\n\n${spreadsheet.getUrl()}`,
  });
}

/** The reason the daily reminders are held, for the menu and the sidebar; '' when they are not. */
export function heldReason(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): string {
  return readHeld(spreadsheet);
}

/**
 * For a run from the menu: this account sends only what this person
 * approved, whether or not the schedule is on (the schedule's owner in the
 * owner's name, as the scheduled run does).
 */
export function approvalOfSender(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): { owner: string; fingerprint: string | null; scheduled: boolean; othersSchedule: string } {
  const me = Session.getEffectiveUser().getEmail();
  const owner = readScheduleOwner(spreadsheet);
  const othersSchedule = owner && owner !== me ? `daily reminders for this spreadsheet are sent from ${owner}'s account, so only ${owner} can send them now (or turn them off first)` : '';
  return { owner: me, fingerprint: approvedFingerprint(spreadsheet.getId()), scheduled: owner === me, othersSchedule };
}
