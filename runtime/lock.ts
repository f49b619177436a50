import type { RuntimeState } from './state';

/**
 * A lock as LockService hands it out. Holders are executions: another
 * execution (or `LockTable.holdFor`, which stands for one) makes tryLock
 * return false and waitLock throw, as a real concurrent run would.
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

  tryLock(timeoutInMillis: number): boolean {
    const holder = this.table.holder(this.name);
    if (holder !== undefined && holder !== this.state.execution) {
      this.state.now += Math.max(0, timeoutInMillis);
      return false;
    }
    this.table.take(this.name, this.state.execution);
    return true;
  }
  waitLock(timeoutInMillis: number): void {
    if (!this.tryLock(timeoutInMillis)) throw new Error('Exception: Lock timeout: another process was holding the lock for too long.');
  }
  hasLock(): boolean {
    return this.table.holder(this.name) === this.state.execution;
  }
  releaseLock(): void {
    this.table.release(this.name, this.state.execution);
  }
}
