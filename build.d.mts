export interface EntryPoint {
  name: string;
  params: string[];
  jsdoc: string;
}
export function entryPoints(entryFile?: string): EntryPoint[];
export function build(options?: { quiet?: boolean }): Promise<{ code: string; points: EntryPoint[] }>;
export function checkScopes(code: string, oauthScopes: readonly string[]): void;
