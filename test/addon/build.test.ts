import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { transformSync } from 'esbuild';
import { APPS_SCRIPT_TARGET, checkLanguageLevel, checkScopes, entryPoints } from '../../build.mjs';
import { distDir, projectRoot } from '../support/addon';

const code = readFileSync(join(distDir, 'Code.js'), 'utf8');
const manifest = JSON.parse(readFileSync(join(distDir, 'appsscript.json'), 'utf8'));

describe('dist/Code.js', () => {
  it('compiles as a plain script, without module syntax', () => {
    expect(() => new vm.Script(code)).not.toThrow();
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
  });

  it('defines every entry point as a top-level function declaration', () => {
    for (const name of ['AR_AGING', 'AR_DAYS_OVERDUE', 'AR_BUCKET', 'AR_LATE_FEE', 'sendDueReminders', 'runScheduledReminders', 'turnOnReminders', 'turnOffReminders', 'previewReminders', 'sendTestReminder', 'AR_EXPECTED_DATE', 'AR_FORECAST', 'AR_CUSTOMERS', 'AR_DSO', 'AR_BEST_DSO', 'AR_ADD', 'AR_CEI', 'AR_CASHFLOW', 'AR_COLLECT_FIRST', 'AR_EFFECTIVENESS', 'AR_DSO_TREND', 'onOpen', 'onInstall', 'insertDashboard', 'showHelp']) {
      expect(code).toMatch(new RegExp(`^function ${name}\\(`, 'm'));
    }
  });

  it('keeps a JSDoc block with @customfunction, a description and @param lines above each custom function', () => {
    for (const [name, params] of [
      ['AR_AGING', ['invoices', 'as_of', 'buckets', 'basis', 'terms']],
      ['AR_DAYS_OVERDUE', ['invoices', 'as_of', 'terms']],
      ['AR_BUCKET', ['invoices', 'as_of', 'buckets', 'terms']],
      ['AR_EXPECTED_DATE', ['invoices', 'as_of']],
      ['AR_FORECAST', ['invoices', 'as_of', 'period', 'horizon']],
      ['AR_CUSTOMERS', ['invoices', 'as_of']],
      ['AR_DSO', ['invoices', 'as_of', 'days']],
      ['AR_BEST_DSO', ['invoices', 'as_of', 'days']],
      ['AR_ADD', ['invoices', 'as_of', 'days']],
      ['AR_CEI', ['invoices', 'as_of', 'days']],
      ['AR_CASHFLOW', ['invoices', 'outflows', 'opening_balance', 'as_of', 'period', 'horizon']],
      ['AR_COLLECT_FIRST', ['invoices', 'outflows', 'opening_balance', 'as_of']],
    ] as const) {
      const block = new RegExp(`/\\*\\*((?:(?!\\*/)[\\s\\S])*)\\*/\\s*function ${name}\\(`).exec(code);
      expect(block, name).not.toBeNull();
      const jsdoc = block![1];
      expect(jsdoc).toContain('@customfunction');
      expect(jsdoc.split('\n').find((line) => /\*\s+\w/.test(line) && !line.includes('@'))).toBeTruthy();
      for (const param of params) expect(jsdoc).toMatch(new RegExp(`@param \\{[^}]+\\} ${param} `));
    }
  });

  it('loads in a bare V8 context with no Apps Script services, defining functions only', () => {
    const context = vm.createContext({});
    expect(() => vm.runInContext(code, context)).not.toThrow();
    expect(typeof context.AR_AGING).toBe('function');
  });

  it('throws a named error when a custom function is called with no services at all', () => {
    const context = vm.createContext({});
    vm.runInContext(code, context);
    expect(() => context.AR_AGING([['Customer', 'Due date', 'Amount']])).toThrow(/^AR_AGING: /);
  });
});

describe("language features Apps Script's V8 may lack (issue 24, item 5)", () => {
  // As esbuild gives the bundle to the check: syntax lowered to the target, built-ins left as written.
  const bundled = (source: string) => transformSync(source, { loader: 'ts', target: APPS_SCRIPT_TARGET }).code;

  it('refuses built-ins newer than ES2020 that the bundler cannot lower, naming each with its line', () => {
    for (const [source, named] of [
      ['export const last = (xs: number[]) => xs.at(-1);', 'Array/String.prototype.at (ES2022)'],
      ['export const own = (o: object) => Object.hasOwn(o, "k");', 'Object.hasOwn (ES2022)'],
      ['export const copy = <T>(o: T): T => structuredClone(o);', 'structuredClone'],
      ['export const found = (xs: number[]) => xs.findLast((x) => x > 1);', 'Array.prototype.findLast (ES2023)'],
      ['export const dashes = (s: string) => s.replaceAll("-", "");', 'String.prototype.replaceAll (ES2021)'],
      ['export const first = (ps: Promise<number>[]) => Promise.any(ps);', 'Promise.any (ES2021)'],
      ['export const sorted = (xs: number[]) => xs.toSorted();', 'Array.prototype.toSorted (ES2023)'],
      ['export const ref = (o: object) => new WeakRef(o);', 'WeakRef (ES2021)'],
    ]) {
      expect(() => checkLanguageLevel(bundled(source)), source).toThrow(named);
    }
    expect(() => checkLanguageLevel('const a = 1;\nconst b = [a].at(0);')).toThrow(/^build: Code\.js uses language features beyond es2020:\n- Code\.js:2: Array\/String\.prototype\.at \(ES2022\)/);
  });

  it('refuses newer syntax in what it is given, which the bundler lowers before the check', () => {
    for (const [source, named] of [
      ['let a = 0; a ||= 1;', 'logical assignment (ES2021)'],
      ['class A { #secret = 1; }', 'a private class member (ES2022)'],
      ['class A { static { } }', 'a class static block (ES2022)'],
      ['class A { count = 1; }', 'a class field (ES2022)'],
      ['const big = 1_000;', 'a numeric separator (ES2021)'],
      ['const indices = /a/d;', 'a RegExp d or v flag'],
    ]) {
      expect(() => checkLanguageLevel(source), source).toThrow(named);
      if (!source.includes('/d')) expect(() => checkLanguageLevel(bundled(source)), source).not.toThrow();
    }
  });

  it('leaves words in strings and comments alone, and passes the built Code.js', () => {
    expect(() => checkLanguageLevel('const text = "xs.at(-1) and structuredClone"; // Object.hasOwn(o)')).not.toThrow();
    expect(() => checkLanguageLevel(code)).not.toThrow();
  });
});

describe('dist/Sidebar.html', () => {
  const page = readFileSync(join(distDir, 'Sidebar.html'), 'utf8');

  it('is one page under 80 KB with its own stylesheet inline, fetching nothing, so it looks the same offline and in Sheets', () => {
    expect(Buffer.byteLength(page)).toBeLessThan(80 * 1024);
    expect(page).toMatch(/<style>[\s\S]*button\.action[\s\S]*<\/style>/);
    expect(page).not.toMatch(/<link\b|\bsrc=["']?https?:|@import|url\(\s*["']?https?:/i);
  });
});

describe('appsscript.json', () => {
  it('runs on V8 with a time zone, Stackdriver logging and the narrowest scopes', () => {
    expect(manifest.runtimeVersion).toBe('V8');
    expect(manifest.timeZone).toBeTruthy();
    expect(manifest.exceptionLogging).toBe('STACKDRIVER');
    // spreadsheets (not .currentonly): the daily trigger opens each spreadsheet by its ID.
    expect(manifest.oauthScopes).toEqual([
      'https://www.googleapis.com/auth/spreadsheets',
      'https://www.googleapis.com/auth/script.container.ui',
      'https://www.googleapis.com/auth/script.send_mail',
      'https://www.googleapis.com/auth/script.scriptapp',
      'https://www.googleapis.com/auth/userinfo.email',
      'https://www.googleapis.com/auth/drive.file',
    ]);
    // Letters are saved with the advanced Drive service: drive.file (its own files), never the whole Drive, never Gmail.
    expect(manifest.oauthScopes.join(' ')).not.toMatch(/gmail|auth\/drive(\s|$|\.readonly)/);
    expect(manifest.dependencies.enabledAdvancedServices).toEqual([{ userSymbol: 'Drive', serviceId: 'drive', version: 'v3' }]);
  });
});

describe('the build', () => {
  const entry = (source: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'entry-'));
    writeFileSync(join(dir, 'main.ts'), source);
    return join(dir, 'main.ts');
  };

  it('fails when an export lacks its JSDoc', () => {
    expect(() => entryPoints(entry('export function AR_X(a: number) { return a; }\n'))).toThrow('AR_X has no JSDoc block');
  });

  it('fails when a custom function lacks @customfunction or a @param', () => {
    const source = '/**\n * Doubles.\n * @param {1} a A number.\n */\nexport function AR_X(a: number, b: number) { return a + b; }\n';
    expect(() => entryPoints(entry(source))).toThrow(/AR_X: a custom function's JSDoc needs @customfunction[\s\S]*AR_X: JSDoc lacks @param for b/);
  });

  it('fails when Code.js calls a member whose scope the manifest lacks, or the manifest asks for a scope nothing uses', () => {
    const scopes: string[] = manifest.oauthScopes;
    expect(() => checkScopes(code, scopes)).not.toThrow();
    const withoutEmail = scopes.filter((scope) => !scope.endsWith('userinfo.email'));
    expect(() => checkScopes(code, withoutEmail)).toThrow(/Code.js calls Session.getEffectiveUser, which needs https:\/\/www.googleapis.com\/auth\/userinfo.email/);
    expect(() => checkScopes(code, [...scopes, 'https://www.googleapis.com/auth/drive'])).toThrow('appsscript.json asks for https://www.googleapis.com/auth/drive, which nothing in Code.js needs');
    expect(() => checkScopes('function f() { GmailApp.sendEmail("a@b.c", "s", "b"); }', [])).toThrow('GmailApp.sendEmail, which needs https://mail.google.com/');
  });

  it('reads the real entry: every export has its parameters', () => {
    const points = entryPoints(join(projectRoot, 'src/server/main.ts'));
    expect(points.find((point) => point.name === 'AR_AGING')?.params).toEqual(['invoices', 'as_of', 'buckets', 'basis', 'terms']);
  });
});
