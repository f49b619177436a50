// Granular consent: a person may grant the add-on only some of the scopes
// in appsscript.json. Each entry point checks what it needs before it
// starts, and says in a sentence what to allow, instead of failing halfway
// with the platform's permission error.

const AUTH = 'https://www.googleapis.com/auth/';
export const SCOPE = {
  spreadsheets: `${AUTH}spreadsheets`,
  ui: `${AUTH}script.container.ui`,
  sendMail: `${AUTH}script.send_mail`,
  triggers: `${AUTH}script.scriptapp`,
  email: `${AUTH}userinfo.email`,
  driveFile: `${AUTH}drive.file`,
} as const;
export type Scope = (typeof SCOPE)[keyof typeof SCOPE];

/** Each scope as Google's consent screen words it, so the person recognises the box to tick. */
const CONSENT_WORDING: Record<Scope, string> = {
  [SCOPE.spreadsheets]: '"See, edit, create and delete all your Google Sheets spreadsheets"',
  [SCOPE.ui]: '"Display and run third-party web content in prompts and sidebars inside Google applications"',
  [SCOPE.sendMail]: '"Send email as you"',
  [SCOPE.triggers]: '"Allow this application to run when you are not present"',
  [SCOPE.email]: '"See your primary Google Account email address"',
  [SCOPE.driveFile]: '"See, edit, create and delete only the specific Google Drive files you use with this app"',
};

/** What each task needs. */
export const NEEDS = {
  dashboard: [SCOPE.spreadsheets, SCOPE.ui],
  preview: [SCOPE.spreadsheets, SCOPE.ui, SCOPE.email],
  send: [SCOPE.spreadsheets, SCOPE.ui, SCOPE.sendMail, SCOPE.email],
  schedule: [SCOPE.spreadsheets, SCOPE.ui, SCOPE.triggers, SCOPE.email],
  sidebar: [SCOPE.spreadsheets, SCOPE.ui],
  scheduledRun: [SCOPE.spreadsheets, SCOPE.sendMail, SCOPE.email],
  /** Letters and lawyer's summaries are saved in Drive; without it the tasks are still added and the documents wait. */
  documents: [SCOPE.driveFile],
} as const satisfies Record<string, readonly Scope[]>;

/** The scopes among `needed` the person has not granted. */
export function missingScopes(needed: readonly Scope[]): Scope[] {
  return authorization(needed).missing;
}

/** ScriptApp.getAuthorizationInfo(authMode, oAuthScopes), newer than the published types. */
interface ScopedAuthorization {
  getAuthorizationInfo(authMode: GoogleAppsScript.Script.AuthMode, oAuthScopes: string[]): GoogleAppsScript.Script.AuthorizationInfo & { getAuthorizedScopes(): string[] | null };
}

function authorization(needed: readonly Scope[]): { missing: Scope[]; url: string } {
  const info = (ScriptApp as unknown as ScopedAuthorization).getAuthorizationInfo(ScriptApp.AuthMode.FULL, [...needed]);
  if (info.getAuthorizationStatus() !== ScriptApp.AuthorizationStatus.REQUIRED) return { missing: [], url: '' };
  const granted = new Set(info.getAuthorizedScopes() ?? []);
  return { missing: needed.filter((scope) => !granted.has(scope)), url: info.getAuthorizationUrl() ?? '' };
}

/** One sentence saying what to allow for a task, or "" when everything it needs is granted. */
export function permissionNotice(task: string, needed: readonly Scope[]): string {
  const { missing, url } = authorization(needed);
  if (missing.length === 0) return '';
  const wording = missing.map((scope) => CONSENT_WORDING[scope]);
  const list = wording.length === 1 ? wording[0] : `${wording.slice(0, -1).join(', ')} and ${wording[wording.length - 1]}`;
  return `To ${task}, allow Receivables to ${list}${url ? ` at ${url}` : ' when Google asks'}, then try again.`;
}

/**
 * For a menu item: true when everything is granted; otherwise tells the
 * person what to allow (an alert when the add-on may show one; else the
 * sentence is the error Sheets shows) and returns false.
 */
export function menuMayRun(task: string, needed: readonly Scope[]): boolean {
  const notice = permissionNotice(task, needed);
  if (!notice) return true;
  if (missingScopes([SCOPE.ui]).length) throw new Error(notice);
  const ui = SpreadsheetApp.getUi();
  ui.alert('Receivables', notice, ui.ButtonSet.OK);
  return false;
}
