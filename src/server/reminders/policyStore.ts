import { MAX_STORED_BYTES, readStoredPolicy, storePolicy, utf8Length, type Policy, type PolicyProblem, type PolicyResult } from '../../core/reminders/policy';
import type { TemplateOverrides } from '../../core/reminders/messages';

const POLICY_KEY = 'receivables.policy';
const TEMPLATES_KEY = 'receivables.templates';
/**
 * A hidden sheet that mirrors the policy: a time-driven trigger has no
 * document context, so no document properties, but it can open the
 * spreadsheet by its ID and read this sheet.
 */
export const SETTINGS_SHEET_NAME = 'Receivables settings';

/** Document properties when this spreadsheet is the active one; null in a trigger. */
function documentProperties(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): GoogleAppsScript.Properties.Properties | null {
  const active = SpreadsheetApp.getActiveSpreadsheet();
  if (!active || active.getId() !== spreadsheet.getId()) return null;
  return PropertiesService.getDocumentProperties();
}

/** The spreadsheet's policy and templates: from document properties, else from the hidden mirror. */
export function readPolicy(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): { result: PolicyResult; templates: TemplateOverrides } {
  const properties = documentProperties(spreadsheet);
  let policyJson: string | null;
  let templatesJson: string | null;
  if (properties) {
    policyJson = properties.getProperty(POLICY_KEY);
    templatesJson = properties.getProperty(TEMPLATES_KEY);
  } else {
    const mirror = spreadsheet.getSheetByName(SETTINGS_SHEET_NAME);
    const cells = mirror ? mirror.getRange(1, 1, 2, 1).getValues() : [[''], ['']];
    policyJson = String(cells[0][0] || '') || null;
    templatesJson = String(cells[1][0] || '') || null;
  }
  let templates: TemplateOverrides = {};
  try {
    templates = templatesJson ? (JSON.parse(templatesJson) as TemplateOverrides) : {};
  } catch {
    templates = {};
  }
  return { result: readStoredPolicy(policyJson), templates };
}

/**
 * Why the templates cannot be stored, naming the longest one, or null: they
 * share one document property, which holds 9 KB (key included), and
 * templates that each pass validation can together exceed it.
 */
export function templatesProblem(templates: TemplateOverrides): PolicyProblem | null {
  const bytes = utf8Length(TEMPLATES_KEY + JSON.stringify(templates));
  if (bytes <= MAX_STORED_BYTES) return null;
  let longest = { field: 'templates', bytes: 0 };
  for (const [kind, byLanguage] of Object.entries(templates)) {
    for (const [language, template] of Object.entries(byLanguage ?? {})) {
      const size = utf8Length(template?.body ?? '');
      if (size > longest.bytes) longest = { field: `${kind}.${language}.body`, bytes: size };
    }
  }
  return {
    field: longest.field,
    message: `the templates together take ${bytes} bytes, and Google's document settings hold at most ${MAX_STORED_BYTES} (9 KB): shorten this one, the longest, or another by ${bytes - MAX_STORED_BYTES} bytes (a Cyrillic letter takes 2); nothing was saved`,
  };
}

/** Why the policy and templates cannot be stored, or null; checked before anything is written. */
export function storageProblem(policy: Policy, templates?: TemplateOverrides): PolicyProblem | null {
  try {
    storePolicy(policy, POLICY_KEY);
  } catch (error) {
    return { field: 'policy', message: `${error instanceof Error ? error.message : String(error)}; nothing was saved` };
  }
  return templates ? templatesProblem(templates) : null;
}

/**
 * Saves the policy in document properties and in the hidden mirror the
 * daily run reads. Both sizes are checked before anything is written, and
 * the properties are written in one call: never half saved.
 */
export function savePolicy(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, policy: Policy, templates?: TemplateOverrides): void {
  const problem = storageProblem(policy, templates);
  if (problem) throw new Error(`${problem.field}: ${problem.message}`);
  const json = storePolicy(policy, POLICY_KEY);
  const properties = documentProperties(spreadsheet);
  const templatesJson = JSON.stringify(templates ?? readPolicy(spreadsheet).templates);
  properties?.setProperties(templates ? { [POLICY_KEY]: json, [TEMPLATES_KEY]: templatesJson } : { [POLICY_KEY]: json });
  const mirror = spreadsheet.getSheetByName(SETTINGS_SHEET_NAME) ?? createMirror(spreadsheet);
  mirror.getRange(1, 1, 2, 1).setValues([[json], [templatesJson]]);
}

/** Brings the hidden mirror up to date with document properties (when turning the schedule on). */
export function mirrorPolicy(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): void {
  const { result, templates } = readPolicy(spreadsheet);
  if (result.ok) savePolicy(spreadsheet, result.policy, templates);
}

function createMirror(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): GoogleAppsScript.Spreadsheet.Sheet {
  const sheet = spreadsheet.insertSheet(SETTINGS_SHEET_NAME);
  sheet.hideSheet();
  return sheet;
}

/** Rows of the hidden sheet: 1 policy, 2 templates, 3 schedule owner, 4 last run, 5 the schedule's record (turned on, last heard). */
export type SettingsRow = 3 | 4 | 5;

/** A cell of the hidden sheet, which every context reaches: a menu, the sidebar, a trigger. */
export function readSettingsCell(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, row: SettingsRow): string {
  const sheet = spreadsheet.getSheetByName(SETTINGS_SHEET_NAME);
  return sheet ? String(sheet.getRange(row, 1).getValue() ?? '') : '';
}

export function writeSettingsCell(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, row: SettingsRow, value: string): void {
  const sheet = spreadsheet.getSheetByName(SETTINGS_SHEET_NAME) ?? createMirror(spreadsheet);
  sheet.getRange(row, 1).setValue(value);
}
