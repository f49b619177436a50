import type { RuntimeState } from './state';

export const AuthMode = Object.freeze({ NONE: 'NONE', CUSTOM_FUNCTION: 'CUSTOM_FUNCTION', LIMITED: 'LIMITED', FULL: 'FULL' });
export const EventType = Object.freeze({ CLOCK: 'CLOCK', ON_OPEN: 'ON_OPEN', ON_EDIT: 'ON_EDIT', ON_FORM_SUBMIT: 'ON_FORM_SUBMIT', ON_CHANGE: 'ON_CHANGE' });
export const AuthorizationStatus = Object.freeze({ REQUIRED: 'REQUIRED', NOT_REQUIRED: 'NOT_REQUIRED' });
export const TriggerSource = Object.freeze({ CLOCK: 'CLOCK', SPREADSHEETS: 'SPREADSHEETS' });

/**
 * An installed trigger, owned by the user who created it. An add-on's
 * trigger is created in a document ("Triggers for Editor add-ons": one
 * trigger of each type per user per document; it stops firing where the
 * add-on is disabled): `document` records it, null when created with no
 * document open. The script cannot see it: a time-driven trigger has no
 * source ("Class Trigger", getTriggerSourceId: for clock events it returns
 * null), so ScriptApp.getUserTriggers(document) does not list it either.
 */
export class Trigger {
  constructor(
    readonly id: string,
    readonly handler: string,
    readonly owner: string,
    readonly schedule: { everyDays?: number; everyHours?: number; atHour?: number; nearMinute?: number; timeZone?: string },
    readonly document: string | null = null,
  ) {}
  getUniqueId(): string {
    return this.id;
  }
  getHandlerFunction(): string {
    return this.handler;
  }
  getEventType(): string {
    return EventType.CLOCK;
  }
  getTriggerSource(): string {
    return TriggerSource.CLOCK;
  }
  /** Class Trigger, getTriggerSourceId(): the ID specific to the source; for clock events null. */
  getTriggerSourceId(): string | null {
    return null;
  }
}

export class ClockTriggerBuilder {
  private readonly schedule: Trigger['schedule'] = {};
  constructor(private readonly app: ScriptApp, private readonly handler: string) {}
  // Class ClockTriggerBuilder (developers.google.com/apps-script/reference/script/clock-trigger-builder); for an
  // editor add-on, "Triggers for Editor add-ons": time-driven triggers at most once an hour (no everyMinutes here).
  /** everyDays(n): the docs give no range; a whole number of days from 1 is required (the stricter reading). */
  everyDays(days: number): this {
    if (!Number.isInteger(days) || days < 1) throw new Error(`Exception: Invalid argument: days (${String(days)})`);
    this.schedule.everyDays = days;
    return this;
  }
  /** everyHours(n): the values Apps Script accepts; its message. */
  everyHours(hours: number): this {
    if (![1, 2, 4, 6, 8, 12].includes(hours)) throw new Error('Exception: The value passed to everyHours must be 1, 2, 4, 6, 8 or 12.');
    this.schedule.everyHours = hours;
    return this;
  }
  /** atHour(hour): 0 to 23. */
  atHour(hour: number): this {
    if (!Number.isInteger(hour) || hour < 0 || hour > 23) throw new Error('Exception: Hour must be between 0 and 23.');
    this.schedule.atHour = hour;
    return this;
  }
  /** nearMinute(minute): the docs give no range; a minute of the hour, 0 to 59, is required (the stricter reading). */
  nearMinute(minute: number): this {
    if (!Number.isInteger(minute) || minute < 0 || minute > 59) throw new Error(`Exception: Invalid argument: minute (${String(minute)})`);
    this.schedule.nearMinute = minute;
    return this;
  }
  inTimezone(timeZone: string): this {
    this.schedule.timeZone = timeZone;
    return this;
  }
  create(): Trigger {
    return this.app.install(this.handler, this.schedule);
  }
}

export class TriggerBuilder {
  constructor(private readonly app: ScriptApp, private readonly handler: string) {}
  timeBased(): ClockTriggerBuilder {
    return this.app.state.expose('ClockTriggerBuilder', new ClockTriggerBuilder(this.app, this.handler));
  }
}

/** What the user granted, for getAuthorizationInfo and requireScopes. */
export interface Consent {
  granted: () => Set<string>;
  /** The manifest's scopes. */
  required: () => Set<string>;
  prompt: (scopes: string[]) => void;
}

/** Class AuthorizationInfo reference: the status, a URL to grant what is missing, and the granted scopes among those asked. */
export class AuthorizationInfo {
  constructor(private readonly missing: string[], private readonly authorized: string[]) {}
  getAuthorizationStatus(): string {
    return this.missing.length ? AuthorizationStatus.REQUIRED : AuthorizationStatus.NOT_REQUIRED;
  }
  getAuthorizationUrl(): string | null {
    return this.missing.length ? `https://script.google.com/macros/d/in-memory/authorize?scopes=${encodeURIComponent(this.missing.join(' '))}` : null;
  }
  getAuthorizedScopes(): string[] {
    return [...this.authorized];
  }
}

/** "Quotas for Google Services" (current limitations): 20 triggers per user per script. */
const MAX_TRIGGERS_PER_USER = 20;

/** The ScriptApp service: triggers and enums. */
export class ScriptApp {
  readonly AuthMode = AuthMode;
  readonly EventType = EventType;
  readonly TriggerSource = TriggerSource;
  readonly AuthorizationStatus = AuthorizationStatus;
  readonly triggers: Trigger[] = [];
  private nextId = 1;

  /** The document the running execution has open (set by the runtime); null in a trigger. */
  activeDocument: () => string | null = () => null;

  constructor(readonly state: RuntimeState, private readonly consent: Consent = { granted: () => new Set(), required: () => new Set(), prompt: () => undefined }) {}

  /** Class ScriptApp reference, getAuthorizationInfo(authMode, oAuthScopes): about the scopes asked, or all the manifest's. */
  getAuthorizationInfo(authMode: string, scopes?: string[]): AuthorizationInfo {
    void authMode;
    const granted = this.consent.granted();
    const asked = scopes ?? [...this.consent.required()];
    return this.state.expose('AuthorizationInfo', new AuthorizationInfo(asked.filter((scope) => !granted.has(scope)), asked.filter((scope) => granted.has(scope))));
  }

  /** Class ScriptApp reference, requireScopes: when a scope is not granted the execution ends and the user is asked for consent. */
  requireScopes(authMode: string, scopes: string[]): void {
    void authMode;
    const granted = this.consent.granted();
    const missing = scopes.filter((scope) => !granted.has(scope));
    if (missing.length === 0) return;
    this.consent.prompt(missing);
    throw new Error('Exception: Authorization is required to perform that action.');
  }

  newTrigger(functionName: string): TriggerBuilder {
    return this.state.expose('TriggerBuilder', new TriggerBuilder(this, functionName));
  }
  getProjectTriggers(): Trigger[] {
    return this.triggers.filter((trigger) => trigger.owner === this.state.activeUser).map((trigger) => this.state.expose('Trigger', trigger));
  }
  /**
   * Class ScriptApp reference, getUserTriggers(spreadsheet): this user's installable triggers in that
   * spreadsheet, for this script or add-on only. A trigger is in a spreadsheet when the spreadsheet is its
   * source (getTriggerSourceId); a clock trigger has none ("Class Trigger": for clock events it returns null),
   * so it is never listed here, whichever document it was created in: the stricter reading of a page that
   * does not say more. Every trigger this runtime makes is time-driven, so the list is always empty.
   */
  getUserTriggers(document: { getId(): string }): Trigger[] {
    if (!document || typeof document.getId !== 'function') throw new Error('Exception: The parameters (null) don\'t match the method signature for ScriptApp.getUserTriggers.');
    const id = document.getId();
    return this.triggers.filter((trigger) => trigger.owner === this.state.activeUser && trigger.getTriggerSourceId() === id).map((trigger) => this.state.expose('Trigger', trigger));
  }
  deleteTrigger(trigger: Trigger): void {
    const index = this.triggers.findIndex((candidate) => candidate.id === trigger.getUniqueId());
    if (index >= 0) this.triggers.splice(index, 1);
  }

  /** Not an Apps Script member: installs a trigger for the current user. */
  install(handler: string, schedule: Trigger['schedule']): Trigger {
    const user = this.state.activeUser;
    // "Quotas for Google Services": 20 triggers per user per script.
    if (this.triggers.filter((trigger) => trigger.owner === user).length >= MAX_TRIGGERS_PER_USER) {
      throw new Error('Exception: This script has too many triggers. Triggers must be deleted from the script before more can be added.');
    }
    // "Triggers for Editor add-ons" (restrictions): one trigger of each type per user per document.
    // The page gives no error text; this one is ours. All our triggers are time-driven (one type).
    const document = this.activeDocument();
    if (this.triggers.some((trigger) => trigger.owner === user && trigger.document === document)) {
      throw new Error('Exception: An add-on can have only one trigger of each type per user per document; this user already has a time-driven trigger in this document.');
    }
    const trigger = new Trigger(String(this.nextId++), handler, user, { ...schedule }, document);
    this.triggers.push(trigger);
    return this.state.expose('Trigger', trigger);
  }
}
