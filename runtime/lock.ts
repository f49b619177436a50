import type { RuntimeState } from './state';

/**
 * A lock as LockService hands it out (developers.google.com/apps-script/reference/lock/lock).
 * Holders are executions: another execution (or `LockTable.holdFor`, which
 * stands for one) makes tryLock return false and waitLock throw, as a real
 * concurrent run would. Class Lock, releaseLock(): a lock still held is
 * released when the script terminates (`releaseAll`, at each execution's end).
 */
export class LockTable {
  private readonly holders = new Map<string, number>();

  holder(name: string): number | undefined {
    return this.holders.get(name);
  }
  take(name: string, execution: number): void {
    this.holders.set(name, execution);
  }
  release(name: string, execution: number): void {
    if (this.holders.get(name) === execution) this.holders.delete(name);
  }
  /** Test knob: another execution holds this lock until released. */
  holdFor(name: string, execution = -1): () => void {
    this.take(name, execution);
    return () => this.release(name, execution);
  }
  releaseAll(execution: number): void {
    for (const [name, holder] of this.holders) if (holder === execution) this.holders.delete(name);
  }
}

export class Lock {
  constructor(
    private readonly state: RuntimeState,
    private readonly table: LockTable,
    private readonly name: string,
  ) {}

  /**
   * Class Lock, tryLock(timeoutInMillis): false after waiting the whole timeout. Nobody releases a lock
   * while this execution waits (one execution at a time here): the wait is the timeout, the stricter reading.
   * The docs give no range for the timeout: a negative or non-number one is refused (the stricter reading).
   */
  tryLock(timeoutInMillis: number): boolean {
    if (typeof timeoutInMillis !== 'number' || !(timeoutInMillis >= 0)) throw new Error(`Exception: Invalid argument: timeoutInMillis (${String(timeoutInMillis)})`);
    const holder = this.table.holder(this.name);
    if (holder !== undefined && holder !== this.state.execution) {
      this.state.now += Math.max(0, timeoutInMillis);
      return false;
    }
    this.table.take(this.name, this.state.execution);
    return true;
  }
  /** Class Lock, waitLock(timeoutInMillis): "timing out with an exception"; the docs give no text, this is the one people report. */
  waitLock(timeoutInMillis: number): void {
    if (!this.tryLock(timeoutInMillis)) throw new Error('Exception: Lock timeout: another process was holding the lock for too long.');
  }
  /** Class Lock, hasLock(): true only while this execution holds it. */
  hasLock(): boolean {
    return this.table.holder(this.name) === this.state.execution;
  }
  /** Class Lock, releaseLock(): no effect when the lock is not held. */
  releaseLock(): void {
    this.table.release(this.name, this.state.execution);
  }
}
