import type { SidebarApi } from '../shared/contract';

/** google.script.run as the sidebar page sees it (Apps Script injects it; the sandbox bridges it). */
interface ScriptRun {
  withSuccessHandler(handler: (value: unknown) => void): ScriptRun;
  withFailureHandler(handler: (error: Error) => void): ScriptRun;
  [functionName: string]: unknown;
}

declare const google: { script: { run: ScriptRun } };

/**
 * Calls a server function of the sidebar's contract and returns a promise:
 * one call, one request, typed by `SidebarApi` (a misspelt name or a wrong
 * argument does not compile).
 */
export function call<Name extends keyof SidebarApi>(name: Name, ...args: Parameters<SidebarApi[Name]>): Promise<ReturnType<SidebarApi[Name]>> {
  return new Promise((resolve, reject) => {
    const runner = google.script.run
      .withSuccessHandler((value) => resolve(value as ReturnType<SidebarApi[Name]>))
      // The sentence alone, whether the platform leads it with "Error: " or "Exception: ", so the page can put it in the person's language.
      .withFailureHandler((error) => reject(new Error(String(error?.message ?? error).replace(/^(?:Error|Exception): /, ''))));
    (runner[name] as (...values: unknown[]) => void)(...args);
  });
}
