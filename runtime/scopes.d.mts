export declare const SCOPES: Readonly<{
  spreadsheets: string;
  spreadsheetsCurrentOnly: string;
  containerUi: string;
  sendMail: string;
  scriptApp: string;
  userEmail: string;
  gmail: string;
  driveFile: string;
  drive: string;
}>;
export interface ScopeRule {
  member: string;
  anyOf: readonly string[];
}
export declare const MEMBER_SCOPES: readonly ScopeRule[];
export declare function scopeRule(service: string, member: string): ScopeRule | null;
export declare function scopesUsedBy(code: string): Map<string, readonly string[]>;
