// An in-memory Apps Script: the services the add-on uses, backed by plain
// objects, loading dist/Code.js into a Node vm context the way Apps Script
// loads a project's files into one global scope. Tests and the local sandbox
// both run on it. Every service call is counted and can be made to fail;
// a member it does not implement throws with its name.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import type { Permission } from './calls';
import { ChartType } from './charts';
import { FormulaEngine, type FormulaResult } from './formulas';
import { HtmlService, Ui } from './html';
import { DriveFiles } from './drive';
import { Lock, LockTable } from './lock';
import { GmailApp, MailApp, Outbox } from './mail';
import { CacheStore, PropertyStore } from './properties';
import { ScriptApp } from './scriptApp';
import { DataValidationBuilder, Spreadsheet, type SpreadsheetOptions } from './spreadsheet';
import { RuntimeState, type ExecutionMode } from './state';
import { Utilities } from './utilities';
import { SCOPES, scopeRule, scopesUsedBy } from './scopes.mjs';
import { callableName, carried } from './scriptRun';

export { CallLog } from './calls';
export { Spreadsheet, Sheet, Range } from './spreadsheet';
export type { SentMail } from './mail';
export type { ExecutionMode } from './state';
export { formatDate, zonedInstant, zonedParts } from './utilities';

export interface RuntimeOptions {
  /** The script's own zone (appsscript.json), which the add-on must not use for dates. */
  scriptTimeZone?: string;
  activeUser?: string;
  /** Where HtmlService finds the .html files pushed beside Code.js. */
  filesDir?: string;
  /** The add-on menu's title under Extensions. */
  addonTitle?: string;
  now?: Date | string;
  /** Advanced services the manifest enables (dependencies.enabledAdvancedServices), by their symbol: only these exist as globals. */
  advancedServices?: readonly string[];
  /** The manifest's oauthScopes; fromDist reads them from appsscript.json. Without them, detected from the code. */
  oauthScopes?: readonly string[];
  /**
   * A standard Google Cloud project linked to the script, which publishing needs: its number and the
   * APIs enabled in it by hand (e.g. 'drive.googleapis.com'). Without it, the default project, where
   * Apps Script enables each advanced service's API itself ("Advanced Google services", step 2).
   */
  standardCloudProject?: { number: string; enabledApis: readonly string[] };
}

/**
 * The script compiled once and run in each new context: tests load the same Code.js thousands of
 * times, and a vm.Script is not bound to a context, so parsing it again each time is waste.
 */
let lastCompiled: { source: string; script: vm.Script } | null = null;
function compiled(source: string): vm.Script {
  if (lastCompiled?.source !== source) lastCompiled = { source, script: new vm.Script(source, { filename: 'Code.js' }) };
  return lastCompiled.script;
}

/**
 * Members that Apps Script refuses to custom functions ("Custom Functions in Google Sheets",
 * developers.google.com/apps-script/guides/sheets/functions, "Using Apps Script services"):
 * a service that needs the user's authorization cannot be used ("You do not have permission to
 * call X"), so every member whose scope is more than reading the spreadsheet is refused; the
 * Spreadsheet service is read only (get*, not set*) and cannot open other spreadsheets;
 * Properties: getUserProperties() would give the spreadsheet owner's, and editors cannot set
 * them: the runtime refuses user properties and every property write (the stricter reading).
 */
function refusedToCustomFunction(service: string, member: string): boolean {
  const rule = scopeRule(service, member);
  if (rule && !rule.anyOf.includes(SCOPES.spreadsheetsCurrentOnly)) return true;
  if (service === 'MailApp' || service === 'GmailApp' || service === 'Ui' || service === 'Menu' || service === 'Drive.Files' || service === 'DriveApp') return true;
  if (service === 'SpreadsheetApp') return ['openById', 'openByUrl', 'getUi', 'create'].includes(member);
  if (service === 'Spreadsheet' || service === 'Sheet' || service === 'Range') return /^(set|insert|delete|append|clear|activate|toast|autoResize)/.test(member);
  if (service === 'TextFinder') return /^replace/.test(member);
  if (service === 'ScriptApp') return ['newTrigger', 'deleteTrigger', 'getProjectTriggers', 'getUserTriggers'].includes(member);
  if (service === 'PropertiesService') return member === 'getUserProperties';
  if (service === 'Properties') return /^(set|delete)/.test(member);
  if (service === 'Session') return member === 'getEffectiveUser';
  return false;
}

/**
 * In AuthMode.NONE (onOpen before the add-on is used in the document) only the menu is allowed
 * ("Editor add-on authorization", developers.google.com/workspace/add-ons/concepts/editor-auth-lifecycle:
 * in AuthMode.NONE an add-on may only add its menu items; logging is allowed, since Logger needs no authorization).
 */
function allowedWithoutAuthorization(service: string, member: string): boolean {
  return (service === 'SpreadsheetApp' && member === 'getUi') || service === 'Menu' || (service === 'Ui' && /^create/.test(member)) || service === 'Logger';
}

/**
 * In AuthMode.LIMITED (onOpen or onEdit of an add-on enabled in the document, a simple trigger) only what
 * needs no authorization, the bound spreadsheet and its UI: Enum AuthMode, LIMITED ("a mode that allows access to
 * a limited subset of services", developers.google.com/apps-script/reference/script/auth-mode) and "Simple
 * triggers", Restrictions (developers.google.com/apps-script/guides/triggers#restrictions: "They cannot access
 * services that require authorization", e.g. they cannot send an email; "They can modify the file they are bound
 * to, but cannot access other files"). Whether the user's identity is known "may or may not" be: Session's
 * user calls are refused here (the stricter reading). Properties, Cache, Lock and Utilities need no authorization
 * (Enum AuthMode's own example reads document properties in LIMITED).
 */
function refusedInLimitedMode(service: string, member: string): string | null {
  const rule = scopeRule(service, member);
  if (!rule) return null;
  const boundFile = [SCOPES.spreadsheetsCurrentOnly, SCOPES.containerUi];
  const otherFiles = service === 'SpreadsheetApp' && ['openById', 'openByUrl', 'create'].includes(member);
  if (!otherFiles && rule.anyOf.some((scope) => boundFile.includes(scope) || scope === SCOPES.spreadsheets)) return null;
  return `Exception: You do not have permission to call ${service}.${member}. Required permissions: ${rule.anyOf.length === 1 ? rule.anyOf[0] : `(${rule.anyOf.join(' || ')})`}`;
}

export class AppsScriptRuntime {
  readonly state: RuntimeState;
  readonly spreadsheets = new Map<string, Spreadsheet>();
  /** The spreadsheet the user has open; null in a time-driven trigger. */
  activeSpreadsheetId: string | null = null;
  readonly outbox: Outbox;
  readonly ui: Ui;
  readonly scriptApp: ScriptApp;
  /** What the add-on saved to Drive (the advanced Drive service). */
  readonly drive: DriveFiles;
  private readonly advancedServices: Set<string>;
  readonly locks = new LockTable();
  readonly scriptProperties = new PropertyStore();
  readonly documentProperties = new Map<string, PropertyStore>();
  readonly userProperties = new Map<string, PropertyStore>();
  readonly caches = new Map<string, CacheStore>();
  /** Members refused in AuthMode.LIMITED, in order, whether or not the script caught the exception. */
  readonly limitedModeRefusals: string[] = [];
  /** What the add-on logged with console or Logger. */
  readonly logs: string[] = [];
  readonly scriptTimeZone: string;
  /** The scopes the manifest asks for: all a user can grant. */
  manifestScopes: Set<string> | null;
  /** What each user granted at the consent screen; the manifest's scopes until a test grants fewer. */
  private readonly granted = new Map<string, Set<string>>();
  /** Scopes that ScriptApp.requireScopes asked the user to grant, as the consent prompt would. */
  readonly authorizationPrompts: string[][] = [];
  private context: vm.Context | null = null;
  private readonly filesDir: string | null;
  private readonly engines = new Map<string, FormulaEngine>();
  private nextSpreadsheetId = 1;

  constructor(options: RuntimeOptions = {}) {
    const permission: Permission = (service, member) => {
      const mode = this.state.mode;
      // An execution past its limit is ended: no further service call gets through.
      if (this.state.outOfTime) return EXCEEDED;
      if (mode === 'CUSTOM_FUNCTION' && refusedToCustomFunction(service, member)) {
        return `Exception: You do not have permission to call ${service}.${member} from a custom function.`;
      }
      if (service === 'Properties' && this.dailyQuota(this.propertyCalls, this.state.activeUser).used++ >= this.propertiesQuota) {
        return 'Exception: Service invoked too many times for one day: properties.';
      }
      if (mode === 'NONE' && !allowedWithoutAuthorization(service, member)) {
        return `Exception: You do not have permission to call ${service}.${member} in AuthMode.NONE.`;
      }
      if (mode === 'LIMITED' && this.state.execution > 0) {
        const refused = refusedInLimitedMode(service, member);
        if (refused) {
          // Kept for tests: a refusal the script caught leaves no other trace.
          this.limitedModeRefusals.push(`${service}.${member}`);
          return refused;
        }
      }
      // "Authorization scopes" / "Granular OAuth consent": a member whose scope the user has not granted throws.
      // Only the script's own calls: a test reaching into a sheet between executions acts as the person.
      if ((mode === 'FULL' || mode === 'LIMITED') && this.state.execution > 0) {
        const rule = scopeRule(service, member);
        const granted = this.grantedScopes();
        if (rule && !rule.anyOf.some((scope) => granted.has(scope))) {
          const needed = rule.anyOf.length === 1 ? rule.anyOf[0] : `(${rule.anyOf.join(' || ')})`;
          return `Exception: You do not have permission to call ${service}.${member}. Required permissions: ${needed}`;
        }
      }
      return null;
    };
    this.state = new RuntimeState(permission);
    if (options.activeUser) this.state.activeUser = options.activeUser;
    if (options.now) this.state.now = new Date(options.now).getTime();
    this.scriptTimeZone = options.scriptTimeZone ?? 'America/New_York';
    this.filesDir = options.filesDir ?? null;
    this.outbox = new Outbox(this.state);
    this.drive = new DriveFiles(this.state);
    if (options.standardCloudProject) {
      this.drive.cloudProjectNumber = options.standardCloudProject.number;
      this.drive.apiEnabled = options.standardCloudProject.enabledApis.includes('drive.googleapis.com');
    }
    this.advancedServices = new Set(options.advancedServices ?? []);
    this.ui = new Ui(this.state, options.addonTitle ?? 'Receivables');
    this.manifestScopes = options.oauthScopes ? new Set(options.oauthScopes) : null;
    this.scriptApp = new ScriptApp(this.state, {
      granted: () => this.grantedScopes(),
      required: () => this.manifestScopes ?? new Set(),
      prompt: (scopes) => void this.authorizationPrompts.push(scopes),
    });
    this.scriptApp.activeDocument = () => this.activeSpreadsheetId;
  }

  /** The scopes the current user (or `user`) has granted. */
  grantedScopes(user = this.state.activeUser): Set<string> {
    return this.granted.get(user) ?? this.manifestScopes ?? new Set();
  }

  /**
   * Granular consent: the user grants only these of the manifest's scopes
   * (a scope the manifest lacks cannot be granted).
   */
  grantScopes(scopes: readonly string[], user = this.state.activeUser): void {
    const manifest = this.manifestScopes ?? new Set<string>();
    this.granted.set(user, new Set(scopes.filter((scope) => manifest.has(scope))));
  }

  /** A new spreadsheet, made active when it is the first. */
  createSpreadsheet(options: Partial<SpreadsheetOptions> = {}): Spreadsheet {
    const id = options.id ?? `sheet-${this.nextSpreadsheetId++}`;
    const spreadsheet = new Spreadsheet(this.state, {
      id,
      name: options.name ?? 'Receivables',
      timeZone: options.timeZone ?? 'Europe/London',
      locale: options.locale ?? 'en_US',
      owner: options.owner ?? this.state.activeUser,
    });
    this.spreadsheets.set(id, spreadsheet);
    if (this.activeSpreadsheetId === null) this.activeSpreadsheetId = id;
    return spreadsheet;
  }

  get activeSpreadsheet(): Spreadsheet | null {
    return this.activeSpreadsheetId ? this.spreadsheets.get(this.activeSpreadsheetId) ?? null : null;
  }

  setNow(date: Date | string | number): void {
    this.state.now = new Date(date).getTime();
  }

  /** Loads Code.js (or the file at `path`) into a fresh global scope with the services. */
  load(codeOrPath: { code: string } | { path: string }): this {
    const code = 'code' in codeOrPath ? codeOrPath.code : readFileSync(codeOrPath.path, 'utf8');
    // "Authorization scopes": with no oauthScopes in the manifest, Apps Script detects them from the code.
    if (!this.manifestScopes) this.manifestScopes = new Set([...scopesUsedBy(code).values()].map((anyOf) => anyOf[0]));
    const context = vm.createContext(this.globals());
    // A Date whose clock the runtime sets. It shares the real Date's
    // prototype, so `instanceof Date` holds for every date, and it constructs
    // through new.target, so classes extending Date (date-fns' UTCDate) work.
    const installClock = vm.runInContext(
      `(function (now) {
        const RealDate = globalThis.Date;
        function Date(...args) {
          if (!new.target) return new RealDate(now()).toString();
          return Reflect.construct(RealDate, args.length === 0 ? [now()] : args, new.target);
        }
        Date.prototype = RealDate.prototype;
        Date.now = () => now();
        Date.UTC = RealDate.UTC;
        Date.parse = RealDate.parse;
        globalThis.Date = Date;
        return (ms) => new RealDate(ms);
      })`,
      context,
    );
    this.state.makeDate = installClock(() => this.state.now);
    // Node's vm looks every global up through an interceptor, some forty
    // times slower than Apps Script does; binding the built-ins in script
    // scope (on line 1, so line numbers stay) keeps timings meaningful.
    compiled(BUILTINS_PRELUDE + code).runInContext(context);
    this.context = context;
    return this;
  }

  /** Loads dist/Code.js from a directory and serves its .html files. */
  static fromDist(distDir: string, options: RuntimeOptions = {}): AppsScriptRuntime {
    const manifest = JSON.parse(readFileSync(join(distDir, 'appsscript.json'), 'utf8')) as { oauthScopes?: string[]; dependencies?: { enabledAdvancedServices?: Array<{ userSymbol: string }> } };
    const advancedServices = (manifest.dependencies?.enabledAdvancedServices ?? []).map((service) => service.userSymbol);
    const runtime = new AppsScriptRuntime({ oauthScopes: manifest.oauthScopes, advancedServices, ...options, filesDir: distDir });
    return runtime.load({ path: join(distDir, 'Code.js') });
  }

  /** A Date made in the loaded code's realm, as Sheets would hand it over. */
  date(ms: number | Date): Date {
    return this.state.makeDate(typeof ms === 'number' ? ms : ms.getTime());
  }

  /**
   * Runs a top-level function as one execution: in the given auth mode, as
   * the given user, with the spreadsheet open (or none, as in a trigger).
   * Locks the execution still holds are released when it ends, as in Apps Script.
   */
  run(functionName: string, args: unknown[] = [], options: { mode?: ExecutionMode; user?: string; spreadsheetId?: string | null } = {}): unknown {
    const fn = this.topLevel(functionName);
    const saved = {
      mode: this.state.mode,
      user: this.state.activeUser,
      active: this.activeSpreadsheetId,
      execution: this.state.execution,
      executionStarted: this.state.executionStarted,
      executionLimit: this.state.executionLimit,
    };
    this.state.mode = options.mode ?? 'FULL';
    if (options.user) this.state.activeUser = options.user;
    if (options.spreadsheetId !== undefined) this.activeSpreadsheetId = options.spreadsheetId;
    this.state.execution = ++executionCounter;
    this.state.executionStarted = this.state.now;
    // "Quotas for Google Services": a custom function returns within 30 seconds, any other execution within 6 minutes.
    this.state.executionLimit = this.state.mode === 'CUSTOM_FUNCTION' ? 30_000 : 6 * 60_000;
    try {
      const result = fn(...args);
      // Apps Script ends an execution at its limit, whatever it would have done next.
      if (this.state.outOfTime) throw new Error(EXCEEDED);
      return result;
    } catch (error) {
      if (this.state.outOfTime) throw new Error(EXCEEDED);
      throw error;
    } finally {
      this.locks.releaseAll(this.state.execution);
      Object.assign(this.state, { mode: saved.mode, activeUser: saved.user, execution: saved.execution, executionStarted: saved.executionStarted, executionLimit: saved.executionLimit });
      this.activeSpreadsheetId = saved.active;
    }
  }

  /**
   * A call from a page through google.script.run ("Class google.script.run"):
   * only a top-level function whose name does not end in "_"; the arguments
   * and the result carried as the platform carries them (a Date, a function
   * or a DOM element anywhere fails the call; undefined becomes null).
   */
  scriptRun(functionName: string, args: unknown[] = [], options: { user?: string } = {}): unknown {
    if (!callableName(functionName) || !this.context || typeof this.context[functionName] !== 'function') {
      throw new Error(`Script function not found: ${functionName}`);
    }
    const sent = args.map((arg, i) => carried(arg, String(i)));
    return carried(this.run(functionName, sent, { user: options.user }), 'result');
  }

  /** Documents where a person disabled the add-on (Extensions › Add-ons › Manage add-ons). */
  readonly disabledIn = new Set<string>();

  /**
   * "Quotas for Google Services" (current quotas), per user, resetting 24 hours after the first request:
   * triggers' total runtime 90 minutes a day and 50,000 property reads and writes a day (a consumer
   * account; 6 hours and 500,000 on Workspace). Test knobs.
   */
  triggerRuntimeQuotaMs = 90 * 60_000;
  propertiesQuota = 50_000;
  private readonly triggerTime = new Map<string, { start: number; used: number }>();
  private readonly propertyCalls = new Map<string, { start: number; used: number }>();

  /** A user's use of a daily quota, started afresh 24 hours after its first request. */
  private dailyQuota(uses: Map<string, { start: number; used: number }>, user: string): { start: number; used: number } {
    let use = uses.get(user);
    if (!use || this.state.now - use.start >= 24 * 60 * 60_000) uses.set(user, (use = { start: this.state.now, used: 0 }));
    return use;
  }

  /** "Triggers for Editor add-ons": an add-on's triggers stop firing in a document where it is disabled (and fire again once re-enabled). */
  disableAddon(spreadsheetId: string, disabled = true): void {
    if (disabled) this.disabledIn.add(spreadsheetId);
    else this.disabledIn.delete(spreadsheetId);
  }

  /**
   * The hour's tick: every time-driven trigger fires once, as its owner, with
   * no active spreadsheet (the docs do not say whether an add-on's time-driven
   * trigger sees the document it was created in: the stricter reading, none,
   * so no document properties and no document lock either) and
   * the time-driven event object ("Event objects": authMode, triggerUid, the
   * time's parts). Triggers of documents where the add-on is disabled do not
   * fire. A handler that throws ends its own execution only, as Apps Script
   * records a failed execution and fires the others.
   */
  fireTimeTriggers(): Array<{ trigger: string; owner: string; document: string | null; error: string }> {
    const fired: Array<{ trigger: string; owner: string; document: string | null; error: string }> = [];
    for (const trigger of [...this.scriptApp.triggers]) {
      if (trigger.getEventType() !== 'CLOCK') continue;
      if (trigger.document !== null && this.disabledIn.has(trigger.document)) continue;
      if (!this.scriptApp.triggers.includes(trigger)) continue;
      const at = new Date(this.state.now);
      const event = {
        authMode: 'FULL',
        triggerUid: trigger.id,
        year: at.getUTCFullYear(),
        month: at.getUTCMonth() + 1,
        'day-of-month': at.getUTCDate(),
        hour: at.getUTCHours(),
        minute: at.getUTCMinutes(),
        second: at.getUTCSeconds(),
        timezone: 'UTC',
      };
      let error = '';
      const quota = this.dailyQuota(this.triggerTime, trigger.owner);
      if (quota.used >= this.triggerRuntimeQuotaMs) {
        fired.push({ trigger: trigger.id, owner: trigger.owner, document: trigger.document, error: TRIGGER_TIME_EXCEEDED });
        continue;
      }
      const started = this.state.now;
      try {
        this.run(trigger.handler, [event], { user: trigger.owner, spreadsheetId: null });
      } catch (thrown) {
        error = thrown instanceof Error ? thrown.message : String(thrown);
      } finally {
        quota.used += this.state.now - started;
      }
      fired.push({ trigger: trigger.id, owner: trigger.owner, document: trigger.document, error });
    }
    return fired;
  }

  /** Calls a custom function as Sheets does: no authorization, values as Sheets passes them. */
  customFunction(functionName: string, ...args: unknown[]): unknown {
    return this.run(functionName, args, { mode: 'CUSTOM_FUNCTION' });
  }

  /** Recalculates the formulas of a spreadsheet (the active one by default). */
  recalculate(spreadsheet: Spreadsheet | null = this.activeSpreadsheet): FormulaResult[] {
    if (!spreadsheet) throw new Error('runtime: no spreadsheet to recalculate');
    let engine = this.engines.get(spreadsheet.getId());
    if (!engine) {
      engine = new FormulaEngine(
        spreadsheet,
        (name, args) => this.runCustomFunctionOf(spreadsheet, name, args),
        (ms) => this.state.makeDate(ms),
        () => this.state.now,
      );
      this.engines.set(spreadsheet.getId(), engine);
    }
    return engine.recalculate();
  }

  private runCustomFunctionOf(spreadsheet: Spreadsheet, name: string, args: unknown[]): unknown {
    if (!this.context || typeof this.context[name] !== 'function') throw new Error(`Unknown function: '${name}'.`);
    return this.run(name, args, { mode: 'CUSTOM_FUNCTION', spreadsheetId: spreadsheet.getId() });
  }

  /** A top-level function of the loaded code, as Sheets, the menu or a trigger would find it. */
  topLevel(name: string): (...args: unknown[]) => unknown {
    if (!this.context) throw new Error('runtime: load Code.js first');
    const fn = this.context[name];
    if (typeof fn !== 'function') throw new Error(`Script function not found: ${name}`);
    return fn;
  }

  documentStore(spreadsheetId: string): PropertyStore {
    let store = this.documentProperties.get(spreadsheetId);
    if (!store) this.documentProperties.set(spreadsheetId, (store = new PropertyStore()));
    return store;
  }

  userStore(user: string): PropertyStore {
    let store = this.userProperties.get(user);
    if (!store) this.userProperties.set(user, (store = new PropertyStore()));
    return store;
  }

  private cache(key: string): CacheStore {
    let cache = this.caches.get(key);
    if (!cache) this.caches.set(key, (cache = new CacheStore(() => this.state.now)));
    return cache;
  }


  /** The global scope the add-on sees. */
  private globals(): Record<string, unknown> {
    const state = this.state;
    const expose = <T extends object>(name: string, target: T): T => state.expose(name, target);
    const runtime = this;
    const user = (email: () => string) => expose('User', { getEmail: () => email() });
    const log = (...parts: unknown[]) => void runtime.logs.push(parts.map(String).join(' '));

    return {
      SpreadsheetApp: expose('SpreadsheetApp', {
        getActiveSpreadsheet: () => runtime.activeSpreadsheet?.face() ?? null,
        getActive: () => runtime.activeSpreadsheet?.face() ?? null,
        openById: (id: string) => {
          const spreadsheet = runtime.spreadsheets.get(id);
          // Class SpreadsheetApp, openById(id): a spreadsheet that does not exist (or is not shared) fails the call; the message people report.
          if (!spreadsheet) throw new Error(`Exception: Unexpected error while getting the method or property openById on object SpreadsheetApp.`);
          return spreadsheet.face();
        },
        // Class Ui: "Scripts can only interact with the UI for the current instance of an open editor": with no
        // spreadsheet open (a time-driven trigger) it throws, with the message people report.
        getUi: () => {
          if (!runtime.activeSpreadsheet) throw new Error('Exception: Cannot call SpreadsheetApp.getUi() from this context.');
          return expose('Ui', runtime.ui);
        },
        newDataValidation: () => expose('DataValidationBuilder', new DataValidationBuilder(state)),
        flush: () => undefined,
      }),
      Session: expose('Session', {
        getScriptTimeZone: () => runtime.scriptTimeZone,
        // Class Session, getActiveUser(): a blank address "if security policies do not allow access to the user's identity" (custom functions refuse it above).
        getActiveUser: () => user(() => (state.mode === 'CUSTOM_FUNCTION' ? '' : state.activeUser)),
        getEffectiveUser: () => user(() => state.activeUser),
        getTemporaryActiveUserKey: () => `key-${state.activeUser}`,
        getActiveUserLocale: () => state.userLocale,
      }),
      Utilities: expose('Utilities', new Utilities(state)),
      PropertiesService: expose('PropertiesService', {
        getScriptProperties: () => expose('Properties', runtime.scriptProperties),
        getUserProperties: () => expose('Properties', runtime.userStore(state.activeUser)),
        // Class PropertiesService, getDocumentProperties(): null where there is no document (a time-driven trigger), as its return type says.
        getDocumentProperties: () => {
          const active = runtime.activeSpreadsheet;
          return active ? expose('Properties', runtime.documentStore(active.getId())) : null;
        },
      }),
      CacheService: expose('CacheService', {
        getScriptCache: () => expose('Cache', runtime.cache('script')),
        getUserCache: () => expose('Cache', runtime.cache(`user:${state.activeUser}`)),
        // Class CacheService, getDocumentCache(): null when the script runs with no document, as getDocumentProperties.
        getDocumentCache: () => {
          const active = runtime.activeSpreadsheet;
          return active ? expose('Cache', runtime.cache(`document:${active.getId()}`)) : null;
        },
      }),
      LockService: expose('LockService', {
        // Class LockService reference: the script lock is one for every user of the script (an add-on: every user, every document, everywhere);
        // the user lock one per user across all their documents; the document lock one per document, and null with no document (a trigger).
        getScriptLock: () => expose('Lock', new Lock(state, runtime.locks, 'script')),
        getUserLock: () => expose('Lock', new Lock(state, runtime.locks, `user:${state.activeUser}`)),
        getDocumentLock: () => {
          const active = runtime.activeSpreadsheet;
          return active ? expose('Lock', new Lock(state, runtime.locks, `document:${active.getId()}`)) : null;
        },
      }),
      ScriptApp: expose('ScriptApp', runtime.scriptApp),
      MailApp: expose('MailApp', new MailApp(runtime.outbox)),
      // An advanced service exists only where the manifest enables it ("Advanced Google services").
      ...(runtime.advancedServices.has('Drive') ? { Drive: { Files: expose('Drive.Files', runtime.drive) } } : {}),
      GmailApp: expose('GmailApp', new GmailApp(runtime.outbox)),
      HtmlService: expose('HtmlService', new HtmlService(state, runtime.filesDir)),
      Charts: expose('Charts', { ChartType }),
      Logger: expose('Logger', { log: (...parts: unknown[]) => log(...parts) }),
      console: { log, info: log, warn: log, error: log },
    };
  }
}

let executionCounter = 0;
const EXCEEDED = 'Exceeded maximum execution time';
// The quotas page: "Service using too much computer time for one day" when triggers' total runtime is used up.
const TRIGGER_TIME_EXCEEDED = 'Service using too much computer time for one day';

const BUILTINS_PRELUDE =
  'const { Array, Boolean, Date, Error, Intl, JSON, Map, Math, Number, Object, Promise, Proxy, RangeError, Reflect, RegExp, Set, String, Symbol, TypeError, WeakMap, isFinite, isNaN, parseFloat, parseInt, Float64Array, Int32Array, Uint8Array } = globalThis; ';
