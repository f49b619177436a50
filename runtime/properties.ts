// "Quotas for Google Services" (current limitations): a property value holds 9 KB, a property store 500 KB.
// Whether the key counts toward the 9 KB the docs do not say: counted here, the stricter reading.
export const MAX_VALUE_BYTES = 9 * 1024;
export const MAX_STORE_BYTES = 500 * 1024;

const STORE_FULL = 'Exception: You have exceeded the property storage quota. Please remove some properties and try again.';

/** One property store (document, user or script), with Apps Script's size limits (developers.google.com/apps-script/reference/properties/properties). */
export class PropertyStore {
  readonly entries = new Map<string, string>();

  getProperty(key: string): string | null {
    return this.entries.get(key) ?? null;
  }
  getProperties(): Record<string, string> {
    return Object.fromEntries(this.entries);
  }
  getKeys(): string[] {
    return [...this.entries.keys()];
  }
  setProperty(key: string, value: string): this {
    this.check(key, String(value));
    this.entries.set(key, String(value));
    return this;
  }
  /** All or nothing: every value is checked before any is stored (the docs are silent: the stricter reading). */
  setProperties(properties: Record<string, string>, deleteAllOthers = false): this {
    const next = new Map(deleteAllOthers ? [] : this.entries);
    for (const [key, value] of Object.entries(properties)) next.set(key, String(value));
    let total = 0;
    for (const [key, value] of next) {
      if (key in properties) this.checkValue(key, value);
      total += Buffer.byteLength(key) + Buffer.byteLength(value);
    }
    if (total > MAX_STORE_BYTES) throw new Error(STORE_FULL);
    this.entries.clear();
    for (const [key, value] of next) this.entries.set(key, value);
    return this;
  }
  deleteProperty(key: string): this {
    this.entries.delete(key);
    return this;
  }
  deleteAllProperties(): this {
    this.entries.clear();
    return this;
  }

  private check(key: string, value: string): void {
    this.checkValue(key, value);
    let total = Buffer.byteLength(key) + Buffer.byteLength(value);
    for (const [other, stored] of this.entries) if (other !== key) total += Buffer.byteLength(other) + Buffer.byteLength(stored);
    if (total > MAX_STORE_BYTES) throw new Error(STORE_FULL);
  }

  private checkValue(key: string, value: string): void {
    // The error texts as people report them from Apps Script; the docs give none.
    if (Buffer.byteLength(key) + Buffer.byteLength(value) > MAX_VALUE_BYTES) throw new Error('Exception: Argument too large: value');
  }
}

/**
 * The cache service's store (developers.google.com/apps-script/reference/cache/cache): keys up to
 * 250 characters, values up to 100 KB, at most 1,000 items, entries expiring after at most 6 hours.
 * Which items go when the cap is reached the docs do not say: the oldest written (the stricter reading:
 * nothing in a cache may be counted on). The error texts are ours; the docs give none.
 */
export const MAX_CACHE_KEY_CHARACTERS = 250;
export const MAX_CACHE_ITEMS = 1000;
export class CacheStore {
  private readonly entries = new Map<string, { value: string; expires: number }>();

  constructor(private readonly now: () => number) {}

  get(key: string): string | null {
    const entry = this.entries.get(key);
    if (!entry || entry.expires <= this.now()) return null;
    return entry.value;
  }
  getAll(keys: string[]): Record<string, string> {
    const found: Record<string, string> = {};
    for (const key of keys) {
      const value = this.get(key);
      if (value !== null) found[key] = value;
    }
    return found;
  }
  put(key: string, value: string, expirationInSeconds = 600): void {
    if (String(key).length > MAX_CACHE_KEY_CHARACTERS) throw new Error('Exception: Argument too large: key');
    if (Buffer.byteLength(String(value)) > 100 * 1024) throw new Error('Exception: Argument too large: value');
    // Apps Script silently clamps the expiry to six hours.
    const seconds = Math.min(Math.max(expirationInSeconds, 1), 21_600);
    this.entries.delete(key);
    this.entries.set(key, { value: String(value), expires: this.now() + seconds * 1000 });
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= MAX_CACHE_ITEMS) break;
      this.entries.delete(oldest);
    }
  }
  putAll(values: Record<string, string>, expirationInSeconds?: number): void {
    for (const [key, value] of Object.entries(values)) this.put(key, value, expirationInSeconds);
  }
  remove(key: string): void {
    this.entries.delete(key);
  }
  removeAll(keys: string[]): void {
    for (const key of keys) this.entries.delete(key);
  }
}
