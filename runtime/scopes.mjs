// Which OAuth scope each Apps Script member needs, shared by the in-memory
// runtime (which refuses a call outside the granted scopes) and build.mjs
// (which fails when dist/Code.js calls a member the manifest has no scope for).
// Plain JavaScript so that build.mjs can import it; types in scopes.d.mts.

const AUTH = 'https://www.googleapis.com/auth/';
export const SCOPES = Object.freeze({
  spreadsheets: `${AUTH}spreadsheets`,
  spreadsheetsCurrentOnly: `${AUTH}spreadsheets.currentonly`,
  containerUi: `${AUTH}script.container.ui`,
  sendMail: `${AUTH}script.send_mail`,
  scriptApp: `${AUTH}script.scriptapp`,
  userEmail: `${AUTH}userinfo.email`,
  gmail: 'https://mail.google.com/',
  driveFile: `${AUTH}drive.file`,
  drive: `${AUTH}drive`,
});

const SHEETS = [SCOPES.spreadsheetsCurrentOnly, SCOPES.spreadsheets];

/**
 * Rules in order, the first match wins: `Service.member`, or `Service.*` for
 * every member. `anyOf`: one of these scopes is enough. A member with no rule
 * needs no authorization (PropertiesService, LockService, CacheService,
 * Utilities, HtmlService.createHtmlOutput…, Logger, ScriptApp.getAuthorizationInfo).
 */
export const MEMBER_SCOPES = Object.freeze([
  // Class Session reference, getActiveUser() / getEffectiveUser() "Authorization": userinfo.email.
  { member: 'Session.getActiveUser', anyOf: [SCOPES.userEmail] },
  { member: 'Session.getEffectiveUser', anyOf: [SCOPES.userEmail] },
  // Class MailApp reference, sendEmail and getRemainingDailyQuota "Authorization": script.send_mail.
  { member: 'MailApp.*', anyOf: [SCOPES.sendMail] },
  // Class GmailApp reference: every method needs https://mail.google.com/.
  { member: 'GmailApp.*', anyOf: [SCOPES.gmail] },
  // Class ScriptApp reference, newTrigger / getProjectTriggers / getUserTriggers / deleteTrigger "Authorization": script.scriptapp.
  { member: 'ScriptApp.newTrigger', anyOf: [SCOPES.scriptApp] },
  { member: 'ScriptApp.getProjectTriggers', anyOf: [SCOPES.scriptApp] },
  { member: 'ScriptApp.getUserTriggers', anyOf: [SCOPES.scriptApp] },
  { member: 'ScriptApp.deleteTrigger', anyOf: [SCOPES.scriptApp] },
  // Class SpreadsheetApp reference, openById / openByUrl / create "Authorization": spreadsheets only (not currentonly).
  { member: 'SpreadsheetApp.openById', anyOf: [SCOPES.spreadsheets] },
  { member: 'SpreadsheetApp.openByUrl', anyOf: [SCOPES.spreadsheets] },
  { member: 'SpreadsheetApp.create', anyOf: [SCOPES.spreadsheets] },
  // Class SpreadsheetApp reference, getUi(): the docs list no scope; the editor's scope detection asks script.container.ui for it (stricter reading).
  { member: 'SpreadsheetApp.getUi', anyOf: [SCOPES.containerUi] },
  // Class SpreadsheetApp reference, getActiveSpreadsheet / getActive / flush "Authorization": spreadsheets.currentonly or spreadsheets.
  { member: 'SpreadsheetApp.*', anyOf: SHEETS },
  // Classes Spreadsheet, Sheet, Range, EmbeddedChart…: the same two scopes on every method.
  { member: 'Spreadsheet.*', anyOf: SHEETS },
  { member: 'Sheet.*', anyOf: SHEETS },
  { member: 'Range.*', anyOf: SHEETS },
  { member: 'TextFinder.*', anyOf: SHEETS },
  { member: 'EmbeddedChartBuilder.*', anyOf: SHEETS },
  { member: 'EmbeddedChart.*', anyOf: SHEETS },
  { member: 'DataValidationBuilder.*', anyOf: SHEETS },
  { member: 'DataValidation.*', anyOf: SHEETS },
  // Drive API v3 files.create "Authorization scopes": drive.file is enough (the file is the app's own); the advanced Drive service calls it.
  // The wider drive scope would also do, but an add-on asks for the narrowest: only drive.file is accepted here (stricter reading).
  { member: 'Drive.Files.create', anyOf: [SCOPES.driveFile] },
  // Drive API v3 files.list "Authorization scopes": drive.file among them (it lists only the app's own files).
  { member: 'Drive.Files.list', anyOf: [SCOPES.driveFile] },
  // Class DriveApp reference, createFile(blob) "Authorization": drive only (which is why the add-on does not use DriveApp).
  { member: 'DriveApp.*', anyOf: [SCOPES.drive] },
  // Class Ui / Menu reference "Authorization": script.container.ui.
  { member: 'Ui.*', anyOf: [SCOPES.containerUi] },
  { member: 'Menu.*', anyOf: [SCOPES.containerUi] },
]);

/** The rule for `Service.member`, or null when it needs no scope. */
export function scopeRule(service, member) {
  const exact = `${service}.${member}`;
  const any = `${service}.*`;
  return MEMBER_SCOPES.find((rule) => rule.member === exact || rule.member === any) ?? null;
}

/** Services a script reaches by their global name (the others only through them). */
const GLOBAL_SERVICES = ['Session', 'MailApp', 'GmailApp', 'ScriptApp', 'SpreadsheetApp', 'DriveApp', 'Drive.Files'];

/**
 * Members of global services that a script's text calls, each with the
 * scopes that would allow it: what build.mjs checks against the manifest,
 * and what the runtime grants a script loaded without one ("Authorization
 * scopes": without oauthScopes, Apps Script detects the scopes from the code).
 */
export function scopesUsedBy(code) {
  const found = new Map();
  const pattern = new RegExp(`\\b(${GLOBAL_SERVICES.map((name) => name.replace('.', '\\.')).join('|')})\\.([A-Za-z_$][\\w$]*)\\s*\\(`, 'g');
  for (const match of code.matchAll(pattern)) {
    const rule = scopeRule(match[1], match[2]);
    if (rule) found.set(`${match[1]}.${match[2]}`, rule.anyOf);
  }
  // Objects reached through SpreadsheetApp need the spreadsheet scopes, which SpreadsheetApp's rule already asks.
  return found;
}
