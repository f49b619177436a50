import { defaultPolicy, readStoredPolicy, storePolicy, type Policy, type PolicyProblem } from '../../core/reminders/policy';
import type { TemplateOverrides } from '../../core/reminders/messages';
import { readStoredTemplates } from '../../core/reminders/templates';
import { sheetReference } from '../../core/a1';

/**
 * The one store of the spreadsheet's settings: a hidden sheet, which every
 * context reaches the same way (the sidebar, the preview, the menu, a custom
 * function and a time-driven trigger, which has no document properties).
 * Column A names each row, so rows are found by name, not position; the
 * value follows in columns B… in pieces under the 50,000 characters a cell
 * holds, each written as text.
 *
 * Any editor can reach a hidden sheet: what the daily run sends is guarded by
 * the fingerprint the schedule's owner approved (see approval.ts), not by
 * hiding. A damaged value is refused, never replaced by the defaults; a copy
 * of the last settings that could be read is kept for the owner to restore.
 */
export const SETTINGS_SHEET_NAME = 'Receivables settings';

/**
 * The rows of the settings sheet. 'last run', 'schedule record' and 'held'
 * are copies for other editors to see; what decides lives in properties
 * (runState.ts, approval.ts).
 */
export type SettingsKey = 'policy' | 'templates' | 'last good policy' | 'last good templates' | 'last run' | 'schedule record' | 'held' | 'revision' | 'setup date probe';

/** Room under Sheets' 50,000 characters a cell. */
const PIECE = 45_000;
/** Document property set on the first save: an empty store after it is damage, not a new spreadsheet. */
const SAVED_MARK = 'receivables.settingsSaved';

export interface Settings {
  policy: Policy;
  templates: TemplateOverrides;
}

/** The stored text of the settings, exactly as read: what a fingerprint is computed from. */
export interface StoredTexts {
  policyText: string;
  templatesText: string;
}

export type SettingsRead =
  | ({ ok: true; fingerprint: string; stored: boolean; texts: StoredTexts } & Settings)
  | { ok: false; reason: string; fingerprint: string; lastGood: Settings | null };

/** The sheet's rows by name; null when there is no settings sheet. One getValues. */
function readRows(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): Map<string, string> | null {
  const sheet = spreadsheet.getSheetByName(SETTINGS_SHEET_NAME);
  if (!sheet) return null;
  const rows = new Map<string, string>();
  if (sheet.getLastRow() === 0) return rows;
  for (const row of sheet.getDataRange().getValues()) {
    const key = String(row[0] ?? '').trim();
    if (key && !rows.has(key)) rows.set(key, row.slice(1).map((cell) => String(cell ?? '')).join(''));
  }
  return rows;
}

/** Writes named rows, each found again by its name just before writing (or added), clearing pieces left from a longer value. */
function writeRows(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, entries: Partial<Record<SettingsKey, string>>): void {
  const sheet = spreadsheet.getSheetByName(SETTINGS_SHEET_NAME) ?? createSettingsSheet(spreadsheet);
  const values = sheet.getLastRow() > 0 ? sheet.getDataRange().getValues() : [];
  const keys = values.map((row) => String(row[0] ?? '').trim());
  let next = values.length + 1;
  for (const [key, value] of Object.entries(entries) as Array<[SettingsKey, string]>) {
    const pieces: string[] = [];
    for (let at = 0; at < value.length; at += PIECE) pieces.push(value.slice(at, at + PIECE));
    const index = keys.indexOf(key);
    const width = Math.max(pieces.length, index >= 0 ? values[index].length - 1 : 0, 1);
    // A leading apostrophe keeps each piece text: a piece may start with = or look like a number or a date.
    const cells = [key, ...Array.from({ length: width }, (_, i) => (pieces[i] === undefined ? '' : `'${pieces[i]}`))];
    const row = index >= 0 ? index + 1 : next++;
    sheet.getRange(row, 1, 1, cells.length).setValues([cells]);
  }
}

function createSettingsSheet(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): GoogleAppsScript.Spreadsheet.Sheet {
  const sheet = spreadsheet.insertSheet(SETTINGS_SHEET_NAME);
  sheet.hideSheet();
  return sheet;
}

/**
 * The row named `key`, added (with `initial` as its value) when there is
 * none: for cells something else points at, such as a formula. Rows never
 * move once written, so the position stays good.
 */
export function settingsRow(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, key: SettingsKey, initial: string): number {
  const find = () => {
    const sheet = spreadsheet.getSheetByName(SETTINGS_SHEET_NAME);
    if (!sheet || sheet.getLastRow() === 0) return 0;
    return sheet.getRange(1, 1, sheet.getLastRow(), 1).getValues().findIndex((row) => String(row[0] ?? '').trim() === key) + 1;
  };
  const found = find();
  if (found) return found;
  writeRows(spreadsheet, { [key]: initial });
  return find();
}

/**
 * The cell every AR_ formula passes as its last argument. Sheets recomputes
 * a custom function only when an argument changes, and the functions read
 * the stored policy by themselves: each save writes a new value here, so the
 * formulas that pass it are computed again.
 */
export function revisionReference(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): string {
  return `${sheetReference(SETTINGS_SHEET_NAME)}!$B$${settingsRow(spreadsheet, 'revision', Utilities.getUuid())}`;
}

/** One named value of the settings sheet ("" when absent). */
export function readSettingsValue(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, key: SettingsKey): string {
  return readRows(spreadsheet)?.get(key) ?? '';
}

export function writeSettingsValue(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, key: SettingsKey, value: string): void {
  writeRows(spreadsheet, { [key]: value });
}

/** A fingerprint of exactly what is stored: SHA-256 of the policy and the templates as text. */
export function fingerprintOf(policyText: string, templatesText: string): string {
  const digest = Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, `${policyText}\u0000${templatesText}`, Utilities.Charset.UTF_8);
  return digest.map((byte) => ((byte + 256) % 256).toString(16).padStart(2, '0')).join('');
}

function parse(policyText: string, templatesText: string): { ok: true; settings: Settings } | { ok: false; reason: string } {
  const policy = readStoredPolicy(policyText);
  const templates = readStoredTemplates(templatesText);
  const problems = [
    ...(policy.ok ? [] : policy.problems.map((problem) => `policy${problem.field ? ` ${problem.field}` : ''}: ${problem.message}`)),
    ...(templates.ok ? [] : templates.problems.map((problem) => `templates${problem.field ? ` ${problem.field}` : ''}: ${problem.message}`)),
  ];
  if (!policy.ok || !templates.ok) return { ok: false, reason: problems.join('; ') };
  return { ok: true, settings: { policy: policy.policy, templates: templates.templates } };
}

/** Whether settings were ever saved for this spreadsheet, as far as this context can tell. */
function everSaved(rows: Map<string, string> | null): boolean {
  if (rows?.has('policy') || rows?.has('templates')) return true;
  try {
    // Document properties exist only with the spreadsheet open (not in a trigger, where the approved fingerprint guards instead).
    return PropertiesService.getDocumentProperties()?.getProperty(SAVED_MARK) === '1';
  } catch {
    return false;
  }
}

/**
 * The spreadsheet's policy and templates, read the same way everywhere.
 * Nothing ever saved: the defaults. Saved but damaged, emptied or
 * unreadable: refused with the reason, and the last good copy if there is one.
 */
export function readSettings(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): SettingsRead {
  const rows = readRows(spreadsheet);
  const policyText = rows?.get('policy') ?? '';
  const templatesText = rows?.get('templates') ?? '';
  // Nothing ever saved: the defaults, with no fingerprint (turning the schedule on stores them first).
  if (policyText === '' && templatesText === '' && !everSaved(rows)) return { ok: true, fingerprint: '', stored: false, texts: { policyText, templatesText }, policy: defaultPolicy(), templates: {} };
  const fingerprint = fingerprintOf(policyText, templatesText);
  const read = parse(policyText, templatesText);
  if (read.ok) return { ok: true, fingerprint, stored: true, texts: { policyText, templatesText }, ...read.settings };
  const good = parse(rows?.get('last good policy') ?? '', rows?.get('last good templates') ?? '');
  return { ok: false, reason: `the stored settings cannot be used (${read.reason})`, fingerprint, lastGood: good.ok ? good.settings : null };
}

/**
 * The last good copy and the fingerprint of its stored text, whether or not
 * the current settings can be read: the owner compares it with what they
 * approved, to show what changed since and to restore it. Null when there is
 * none or it cannot be read.
 */
export function lastGoodCopy(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): { settings: Settings; fingerprint: string; texts: StoredTexts } | null {
  const rows = readRows(spreadsheet);
  const policyText = rows?.get('last good policy') ?? '';
  const templatesText = rows?.get('last good templates') ?? '';
  return settingsFromTexts({ policyText, templatesText });
}

/** Settings read from stored text, with their fingerprint; null when the text cannot be read. */
export function settingsFromTexts(texts: StoredTexts): { settings: Settings; fingerprint: string; texts: StoredTexts } | null {
  const read = parse(texts.policyText, texts.templatesText);
  return read.ok ? { settings: read.settings, fingerprint: fingerprintOf(texts.policyText, texts.templatesText), texts } : null;
}

/**
 * Why the policy cannot be stored, or null; checked before anything is
 * written. The policy keeps within one property value (9 KB), as it did when
 * it lived in document properties: a bound that keeps it readable at a glance.
 * The templates, up to 12 of 5,000 characters, live in pieces across cells.
 */
export function storageProblem(policy: Policy): PolicyProblem | null {
  try {
    storePolicy(policy, 'receivables.policy');
    return null;
  } catch (error) {
    return { field: 'policy', message: `${error instanceof Error ? error.message : String(error)}; nothing was saved` };
  }
}

/** The settings as stored text, and their fingerprint: what saving them writes. */
export function storedText(settings: Settings): { policyText: string; templatesText: string; fingerprint: string } {
  const policyText = storePolicy(settings.policy, 'receivables.policy');
  const templatesText = JSON.stringify(settings.templates);
  return { policyText, templatesText, fingerprint: fingerprintOf(policyText, templatesText) };
}

/** Saves the policy and templates (and a last good copy of them) in one place; returns the fingerprint of what was stored. */
export function saveSettings(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, settings: Settings): string {
  return saveTexts(spreadsheet, storedText(settings));
}

/** Saves settings as stored text, exactly (a restored copy keeps the fingerprint it was approved under). */
export function saveTexts(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, { policyText, templatesText }: StoredTexts): string {
  const fingerprint = fingerprintOf(policyText, templatesText);
  // A new revision on every save: the AR_ formulas that pass it are computed again with what was saved.
  writeRows(spreadsheet, { policy: policyText, templates: templatesText, 'last good policy': policyText, 'last good templates': templatesText, revision: Utilities.getUuid() });
  PropertiesService.getDocumentProperties()?.setProperty(SAVED_MARK, '1');
  return fingerprint;
}
