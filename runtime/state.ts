import { CallLog, instrument, type Permission } from './calls';

/** What runs the add-on's code: which user, in which mode, at what time. */
export type ExecutionMode = 'NONE' | 'CUSTOM_FUNCTION' | 'LIMITED' | 'FULL';

/**
 * State shared by all in-memory services of one runtime: the call log, the
 * clock, the current execution's mode and user, and how to make values
 * (Dates) in the realm of the loaded code.
 */
export class RuntimeState {
  readonly log = new CallLog();
  mode: ExecutionMode = 'FULL';
  /** Which execution is running: locks are held per execution. */
  execution = 0;
  activeUser = 'owner@example.com';
  /** What Session.getActiveUserLocale() says. */
  userLocale = 'en';
  /** ms since epoch; advances only when told (or by Utilities.sleep). */
  now = Date.parse('2026-11-25T09:00:00Z');
  /** Makes a Date in the loaded code's realm. */
  makeDate: (ms: number) => Date = (ms) => new Date(ms);
  /**
   * How long each call takes, in ms: by `Service.member` or by `Service`
   * (for example Range: 20, 'MailApp.sendEmail': 300). The clock moves on
   * by it after each call, so time limits bite as they would in Apps Script.
   */
  readonly latency = new Map<string, number>();
  /**
   * How HTML becomes a PDF (Blob.getAs): headless Chromium unless a test
   * about something else than the page (time, counts) sets a quicker
   * printer; the latency map still says how long the platform takes.
   */
  printPdf: ((html: Buffer) => Buffer) | null = null;
  /** When the current execution started (ms), and how long it may run. */
  executionStarted = 0;
  executionLimit = Infinity;
  private readonly wrapped = new WeakMap<object, object>();

  constructor(private readonly permission: Permission) {}

  /** Advances the clock by a call's latency. */
  tick(name: string): void {
    const ms = this.latency.get(name) ?? this.latency.get(name.slice(0, name.indexOf('.'))) ?? 0;
    this.now += ms;
  }

  /** Whether the current execution has run past its time limit. */
  get outOfTime(): boolean {
    return this.execution > 0 && this.now - this.executionStarted > this.executionLimit;
  }

  /** The instrumented face of a service object (one per object). */
  expose<T extends object>(service: string, target: T): T {
    let proxy = this.wrapped.get(target);
    if (!proxy) {
      proxy = instrument(service, target, this.log, this.permission, (name) => this.tick(name));
      this.wrapped.set(target, proxy);
    }
    return proxy as T;
  }
}
