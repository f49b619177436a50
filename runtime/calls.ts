/**
 * Counts every call the add-on makes into the in-memory services and can
 * make the N-th call fail, the way a quota, a network blip or a timeout
 * fails a real service call.
 */
export class CallLog {
  /** Every call in order, as `Service.method`. */
  readonly calls: string[] = [];
  private failAtCall = 0;
  private failMatching: { name: string; nth: number; seen: number } | null = null;
  private afterHooks: Array<{ name: string; run: () => void }> = [];
  private afterCallHook: { at: number; run: () => void } | null = null;

  get total(): number {
    return this.calls.length;
  }

  /** How many calls of one `Service.method`, or of a service (`SpreadsheetApp`, `Range`, …) when no dot. */
  count(name: string): number {
    const prefix = name.includes('.') ? null : `${name}.`;
    return this.calls.filter((call) => (prefix ? call.startsWith(prefix) : call === name)).length;
  }

  reset(): void {
    this.calls.length = 0;
  }

  /** Makes the n-th call from now (1-based) throw. */
  failAt(n: number): void {
    this.failAtCall = this.total + n;
  }

  /** Makes the n-th call of `Service.method` from now throw. */
  failOn(name: string, nth = 1): void {
    this.failMatching = { name, nth, seen: 0 };
  }

  clearFailures(): void {
    this.failAtCall = 0;
    this.failMatching = null;
  }

  /** Runs `run` once, right after the next call of `Service.method` returns: how tests interleave two executions. */
  afterNext(name: string, run: () => void): void {
    this.afterHooks.push({ name, run });
  }

  /** Runs `run` once, right after the n-th call from now (1-based) returns: another execution starting at any point of this one. */
  afterCall(n: number, run: () => void): void {
    this.afterCallHook = { at: this.total + n, run };
  }

  /** Called by the instrumented services after a call returns. */
  returned(name: string): void {
    const due = this.afterCallHook;
    if (due && this.total >= due.at) {
      this.afterCallHook = null;
      due.run();
    }
    const index = this.afterHooks.findIndex((hook) => hook.name === name);
    if (index < 0) return;
    const [hook] = this.afterHooks.splice(index, 1);
    hook.run();
  }

  /** Records a call; throws when a failure is due. */
  record(name: string): void {
    this.calls.push(name);
    if (this.failAtCall === this.total) {
      this.failAtCall = 0;
      throw new Error(`Service error: injected failure at call ${this.total} (${name})`);
    }
    if (this.failMatching && this.failMatching.name === name && ++this.failMatching.seen === this.failMatching.nth) {
      this.failMatching = null;
      throw new Error(`Service error: injected failure of ${name}`);
    }
  }
}

/** Keys that tooling (vitest's printer, Promise resolution, JSON) probes on any object. */
const INSPECTION_KEYS = new Set(['then', 'toJSON', 'asymmetricMatch', '$$typeof', 'nodeType', 'constructor', 'inspect', 'toString', 'valueOf', '@@__IMMUTABLE_ITERABLE__@@', '@@__IMMUTABLE_RECORD__@@']);

/** Decides whether the current execution may call a member; returns a refusal message or null. */
export type Permission = (service: string, member: string) => string | null;

/**
 * Wraps a service object so that every method call is counted (and may be
 * made to fail), and any member the runtime does not implement throws with
 * its name instead of returning undefined.
 */
export function instrument<T extends object>(service: string, target: T, log: CallLog, permission: Permission, tick: (name: string) => void = () => undefined): T {
  return new Proxy(target, {
    get(object, key, receiver) {
      if (typeof key === 'symbol') return Reflect.get(object, key, receiver);
      if (!(key in object)) {
        if (INSPECTION_KEYS.has(key)) return undefined;
        throw new Error(`runtime: ${service}.${key} is not implemented by the in-memory Apps Script`);
      }
      const value = Reflect.get(object, key, receiver);
      if (typeof value !== 'function' || key === 'constructor') return value;
      return (...args: unknown[]) => {
        const name = `${service}.${key}`;
        const refusal = permission(service, key);
        if (refusal) throw new Error(refusal);
        try {
          log.record(name);
          const result = value.apply(object, args);
          log.returned(name);
          return result;
        } finally {
          // Every service call takes time on the real platform: the clock moves on by the latency set for it.
          tick(name);
        }
      };
    },
  });
}
