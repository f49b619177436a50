/** The spreadsheet's own time zone and locale: they, not the script's, decide what a date means. */
export interface SpreadsheetSettings {
  timeZone: string;
  locale: string;
}

/**
 * Reads the active spreadsheet's zone and locale. With no active
 * spreadsheet (a time-driven trigger), falls back to the script's zone.
 */
export function activeSpreadsheetSettings(): SpreadsheetSettings {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  if (!spreadsheet) return { timeZone: Session.getScriptTimeZone(), locale: 'en_US' };
  return settingsOf(spreadsheet);
}

export function settingsOf(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): SpreadsheetSettings {
  return { timeZone: spreadsheet.getSpreadsheetTimeZone(), locale: spreadsheet.getSpreadsheetLocale() };
}
