import type { Language } from '../../core/reminders/templates';

/**
 * What the morning digest decides on, in the schedule owner's own user
 * properties (which no editor can read or write), by spreadsheet ID: which
 * managers get one, at which address and in which language (the owner's
 * approval, issue 27), which were sent today, and the disputes and holds
 * already told. Nothing typed into a cell turns a digest on.
 */
const settingsKey = (id: string) => `receivables.digest.${id}`;
const sentKey = (id: string) => `receivables.digestSent.${id}`;
const seenKey = (id: string) => `receivables.digestSeen.${id}`;

/** One manager's digest as the owner approved it. */
export interface DigestSetting {
  /** The manager as typed in the Manager column. */
  manager: string;
  address: string;
  language: Language;
  on: boolean;
}

/** A property value holds 9 KB: the list is refused on save past this many. */
export const MAX_MANAGERS = 30;
export const MAX_MANAGER_LENGTH = 200;

export function readDigestSettings(spreadsheetId: string): DigestSetting[] {
  const text = PropertiesService.getUserProperties().getProperty(settingsKey(spreadsheetId));
  if (!text) return [];
  try {
    const parsed = JSON.parse(text) as unknown;
    if (!Array.isArray(parsed)) return [];
    // Only well-formed entries count: anything else is no approval.
    return parsed.filter(
      (entry): entry is DigestSetting =>
        typeof entry === 'object' && entry !== null && typeof entry.manager === 'string' && typeof entry.address === 'string' && (entry.language === 'en' || entry.language === 'ru') && typeof entry.on === 'boolean',
    );
  } catch {
    return [];
  }
}

export function writeDigestSettings(spreadsheetId: string, settings: readonly DigestSetting[]): void {
  PropertiesService.getUserProperties().setProperty(settingsKey(spreadsheetId), JSON.stringify(settings));
}

/** A short, stable hash of a key (FNV-1a, 32 bits, base 36): what the stores keep of names, to stay within 9 KB a value. */
export function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36);
}

/** The managers (their keys' hashes) whose digest went out on `day`. */
export function readSent(spreadsheetId: string, day: string): Set<string> {
  const text = PropertiesService.getUserProperties().getProperty(sentKey(spreadsheetId)) ?? '';
  const [recorded, list] = text.split('|');
  return recorded === day && list ? new Set(list.split(',')) : new Set();
}

export function writeSent(spreadsheetId: string, day: string, sent: ReadonlySet<string>): void {
  PropertiesService.getUserProperties().setProperty(sentKey(spreadsheetId), `${day}|${[...sent].join(',')}`);
}

/** Pieces of a value that may pass 9 KB (up to this many characters each, ASCII). */
const PIECE = 8000;

/** The disputes and holds already told (their keys' hashes); null before the first digest. */
export function readSeen(spreadsheetId: string): Set<string> | null {
  const properties = PropertiesService.getUserProperties();
  const count = properties.getProperty(seenKey(spreadsheetId));
  if (count === null) return null;
  let text = '';
  for (let n = 0; n < Number(count); n++) text += properties.getProperty(`${seenKey(spreadsheetId)}.${n}`) ?? '';
  return new Set(text.split(',').filter(Boolean));
}

export function writeSeen(spreadsheetId: string, seen: ReadonlySet<string>): void {
  const properties = PropertiesService.getUserProperties();
  const before = Number(properties.getProperty(seenKey(spreadsheetId)) ?? 0);
  const text = [...seen].join(',');
  const pieces: Record<string, string> = {};
  let n = 0;
  for (let at = 0; at < text.length; at += PIECE, n++) pieces[`${seenKey(spreadsheetId)}.${n}`] = text.slice(at, at + PIECE);
  properties.setProperties({ ...pieces, [seenKey(spreadsheetId)]: String(n) });
  for (let k = n; k < before; k++) properties.deleteProperty(`${seenKey(spreadsheetId)}.${k}`);
}

