import { createHash, createHmac } from 'node:crypto';
import { Blob } from './blob';

export { Blob } from './blob';
import type { RuntimeState } from './state';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
  offsetMinutes: number;
}

/** One formatter a zone: making one costs far more than using it, and every date call of a run asks for one. */
const zoneFormatters = new Map<string, Intl.DateTimeFormat>();
function zoneFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = zoneFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    zoneFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall-clock parts of an instant in a time zone, from the platform's time-zone data. */
export function zonedParts(ms: number, timeZone: string): ZonedParts {
  const formatter = zoneFormatter(timeZone);
  const parts: Record<string, number> = {};
  for (const part of formatter.formatToParts(ms)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  const wholeSeconds = Math.floor(ms / 1000) * 1000;
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour,
    minute: parts.minute,
    second: parts.second,
    weekday: new Date(Date.UTC(parts.year, parts.month - 1, parts.day)).getUTCDay(),
    offsetMinutes: Math.round((asUtc - wholeSeconds) / 60000),
  };
}

/** The instant of a wall-clock time in a zone (the earlier one when a clock change repeats it). */
export function zonedInstant(timeZone: string, year: number, month: number, day: number, hour = 0, minute = 0): number {
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  let instant = guess - zonedParts(guess, timeZone).offsetMinutes * 60000;
  instant = guess - zonedParts(instant, timeZone).offsetMinutes * 60000;
  return instant;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function offsetText(minutes: number, colon: boolean): string {
  const sign = minutes < 0 ? '-' : '+';
  const absolute = Math.abs(minutes);
  return `${sign}${pad(Math.floor(absolute / 60), 2)}${colon ? ':' : ''}${pad(absolute % 60, 2)}`;
}

/**
 * Utilities.formatDate with Java SimpleDateFormat letters: y M d E H h m s S a Z X and 'quoted text'
 * (developers.google.com/apps-script/reference/utilities/utilities#formatDate(Date,String,String),
 * which points to SimpleDateFormat). Other letters throw: Java's other letters (w, D, k, K, z…) are
 * not implemented, so a pattern using them is refused rather than formatted differently (the stricter reading).
 */
export function formatDate(date: Date, timeZone: string, pattern: string): string {
  const ms = date.getTime();
  const parts = zonedParts(ms, timeZone);
  let out = '';
  for (let i = 0; i < pattern.length; ) {
    const char = pattern[i];
    if (char === "'") {
      const end = pattern.indexOf("'", i + 1);
      if (end === i + 1) {
        out += "'";
        i += 2;
        continue;
      }
      out += pattern.slice(i + 1, end < 0 ? undefined : end);
      i = end < 0 ? pattern.length : end + 1;
      continue;
    }
    if (!/[A-Za-z]/.test(char)) {
      out += char;
      i++;
      continue;
    }
    let count = 1;
    while (pattern[i + count] === char) count++;
    i += count;
    switch (char) {
      case 'y':
        out += count === 2 ? pad(parts.year % 100, 2) : pad(parts.year, count);
        break;
      case 'M':
        out += count >= 4 ? MONTHS[parts.month - 1] : count === 3 ? MONTHS[parts.month - 1].slice(0, 3) : pad(parts.month, count);
        break;
      case 'd':
        out += pad(parts.day, count);
        break;
      case 'E':
        out += count >= 4 ? WEEKDAYS[parts.weekday] : WEEKDAYS[parts.weekday].slice(0, 3);
        break;
      case 'u':
        out += String(parts.weekday === 0 ? 7 : parts.weekday);
        break;
      case 'H':
        out += pad(parts.hour, count);
        break;
      case 'h':
        out += pad(parts.hour % 12 === 0 ? 12 : parts.hour % 12, count);
        break;
      case 'm':
        out += pad(parts.minute, count);
        break;
      case 's':
        out += pad(parts.second, count);
        break;
      case 'S':
        out += pad(((ms % 1000) + 1000) % 1000, count);
        break;
      case 'a':
        out += parts.hour < 12 ? 'AM' : 'PM';
        break;
      case 'Z':
        out += offsetText(parts.offsetMinutes, false);
        break;
      case 'X':
        out += parts.offsetMinutes === 0 ? 'Z' : offsetText(parts.offsetMinutes, count >= 3);
        break;
      default:
        throw new Error(`Exception: Invalid argument: pattern letter '${char}' (the in-memory runtime implements y M d E u H h m s S a Z X)`);
    }
  }
  return out;
}

let uuidCounter = 0;
/** Class Utilities, sleep(milliseconds): "The maximum allowed value is 300000 (or 5 minutes)." */
export const MAX_SLEEP_MS = 300_000;

/** The Utilities service. */
export class Utilities {
  // Utilities.DigestAlgorithm and Utilities.Charset, as enums of names.
  readonly DigestAlgorithm = Object.freeze({ MD2: 'MD2', MD5: 'MD5', SHA_1: 'SHA_1', SHA_256: 'SHA_256', SHA_384: 'SHA_384', SHA_512: 'SHA_512' });
  readonly Charset = Object.freeze({ US_ASCII: 'US_ASCII', UTF_8: 'UTF_8' });

  constructor(private readonly state: RuntimeState) {}

  /**
   * Utilities.computeDigest(algorithm, value, charset): the digest as signed
   * bytes (-128…127), as Apps Script returns a Java byte[]
   * (developers.google.com/apps-script/reference/utilities/utilities#computeDigest(DigestAlgorithm,String,Charset)).
   */
  computeDigest(algorithm: string, value: string | number[], charset = 'UTF_8'): number[] {
    // MD2 is in the enum but not implemented here: refused, never a different digest.
    const names: Record<string, string> = { MD5: 'md5', SHA_1: 'sha1', SHA_256: 'sha256', SHA_384: 'sha384', SHA_512: 'sha512' };
    const name = names[algorithm];
    if (!name) throw new Error(`Exception: Invalid argument: algorithm (${String(algorithm)})`);
    const bytes = typeof value === 'string' ? Buffer.from(value, charset === 'US_ASCII' ? 'ascii' : 'utf8') : Buffer.from(value.map((byte) => (byte + 256) % 256));
    return [...createHash(name).update(bytes).digest()].map((byte) => (byte > 127 ? byte - 256 : byte));
  }

  /**
   * Utilities.computeHmacSha256Signature(value, key[, charset]): HMAC-SHA256 of
   * a String with a String key, or of Byte[] with a Byte[] key, as signed bytes
   * (developers.google.com/apps-script/reference/utilities/utilities#computeHmacSha256Signature(String,String)).
   * Mixing a String and a Byte[] matches no signature of the method: refused.
   */
  computeHmacSha256Signature(value: string | number[], key: string | number[], charset = 'UTF_8'): number[] {
    const bytes = (data: string | number[]) => (typeof data === 'string' ? Buffer.from(data, charset === 'US_ASCII' ? 'ascii' : 'utf8') : Buffer.from(data.map((byte) => (byte + 256) % 256)));
    if ((typeof value === 'string') !== (typeof key === 'string') || (typeof value !== 'string' && !Array.isArray(value)) || (typeof key !== 'string' && !Array.isArray(key))) {
      throw new Error("Exception: The parameters don't match the method signature for Utilities.computeHmacSha256Signature.");
    }
    return [...createHmac('sha256', bytes(key)).update(bytes(value)).digest()].map((byte) => (byte > 127 ? byte - 256 : byte));
  }

  /** Utilities.base64EncodeWebSafe(data): base-64 with - and _ (padding kept, as Java's URL-safe encoder does), from Byte[] or a UTF-8 String. */
  base64EncodeWebSafe(data: string | number[]): string {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data.map((byte) => (byte + 256) % 256));
    return bytes.toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
  }

  formatDate(date: Date, timeZone: string, pattern: string): string {
    // A wrong argument type fails the call, with the message Apps Script gives for a method signature mismatch.
    if (Object.prototype.toString.call(date) !== '[object Date]') throw new Error('Exception: The parameters (String,String,String) don\'t match the method signature for Utilities.formatDate.');
    return formatDate(date, timeZone, pattern);
  }
  /** Class Utilities, sleep(milliseconds): the clock moves on; over the 300,000 ms maximum, or not a number, it throws (no text given: ours). */
  sleep(milliseconds: number): void {
    if (typeof milliseconds !== 'number' || !(milliseconds >= 0) || milliseconds > MAX_SLEEP_MS) {
      throw new Error(`Exception: Invalid argument: milliseconds (${String(milliseconds)}); Utilities.sleep allows 0 to ${MAX_SLEEP_MS}.`);
    }
    this.state.now += milliseconds;
  }
  /** Class Utilities, base64Decode(encoded): Byte[], Java's signed bytes (-128…127). */
  base64Decode(encoded: string): number[] {
    if (typeof encoded !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(encoded.replace(/\s/g, ''))) throw new Error('Exception: Could not decode string.');
    return Array.from(Buffer.from(encoded, 'base64'), (byte) => (byte > 127 ? byte - 256 : byte));
  }
  /** Class Utilities, newBlob(data, contentType, name): from bytes, or from a string (stored as UTF-8). */
  newBlob(data: number[] | string, contentType: string | null = null, name: string | null = null): Blob {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(Array.from(data, (byte) => byte & 0xff));
    return new Blob(this.state, bytes, contentType, name).face();
  }
  /** Class Utilities, getUuid(): a UUID as a string (java.util.UUID.randomUUID()); here a counter, so runs repeat exactly. */
  getUuid(): string {
    uuidCounter++;
    return `00000000-0000-4000-8000-${pad(uuidCounter, 12)}`;
  }
}
