export interface EntryPoint {
  name: string;
  params: string[];
  jsdoc: string;
}
export function entryPoints(entryFile?: string): EntryPoint[];
export function build(options?: { quiet?: boolean }): Promise<{ code: string; points: EntryPoint[] }>;
export function checkScopes(code: string, oauthScopes: readonly string[]): void;
/** The ECMAScript edition Code.js may use (esbuild's target). */
export const APPS_SCRIPT_TARGET: string;
/** Throws, naming each with its line, when code uses syntax or built-ins newer than APPS_SCRIPT_TARGET. */
export function checkLanguageLevel(code: string, fileName?: string): void;
