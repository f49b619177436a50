/**
 * The character set of a statement file's bytes (signed or unsigned, as
 * Apps Script's Byte[] gives them), as the file declares it and checked
 * against the bytes; a file whose bytes do not fit what it declares is
 * refused with the reason, rather than read as garbled text that yields
 * "0 new payments".
 *
 * - 1C client-bank exchange: `Кодировка=Windows` (Windows-1251) or
 *   `Кодировка=DOS` (code page 866), the two the format knows; the header's
 *   own Cyrillic keys must be written in that encoding.
 * - camt.053 and OFX 2: the XML declaration's encoding, UTF-8 when absent.
 * - OFX 1: `ENCODING:UTF-8`, else `CHARSET:1252` or `1251`.
 * - Anything else (CSV, a file declaring nothing): UTF-8 when the bytes are
 *   valid UTF-8, else Windows-1251.
 *
 * Names are Java's, as Blob.getDataAsString(charset) takes them.
 */
export type StatementCharset = 'UTF-8' | 'windows-1251' | 'windows-1252' | 'IBM866';

export type CharsetReading = { charset: StatementCharset } | { refused: string };

/** How many bytes of the head are searched for a declaration. */
const HEAD_BYTES = 4096;

export function statementCharset(bytes: ArrayLike<number>): CharsetReading {
  const head = asciiHead(bytes, HEAD_BYTES);
  const body = head.replace(/^\uFEFF|^\?\?\?/, '');
  if (/^\s*1CClientBankExchange/.test(body)) return oneCCharset(bytes);
  const xml = /^\s*<\?xml[^>]*?encoding\s*=\s*["']([^"']+)["']/i.exec(body);
  if (xml || /^\s*<\?xml/i.test(body)) return declared(bytes, xml ? xml[1] : 'UTF-8', `the XML declaration says encoding="${xml ? xml[1] : 'UTF-8'}"${xml ? '' : ' (by default)'}`);
  if (/^\s*OFXHEADER/.test(body)) {
    if (/ENCODING:\s*UTF-?8/i.test(body)) return declared(bytes, 'UTF-8', 'the OFX header says ENCODING:UTF-8');
    const charset = /CHARSET:\s*(\d{4})/.exec(body);
    if (charset && (charset[1] === '1252' || charset[1] === '1251')) return declared(bytes, `windows-${charset[1]}`, `the OFX header says CHARSET:${charset[1]}`);
  }
  return undeclared(bytes);
}

/**
 * A file that declares nothing: UTF-8 when every byte fits it; Windows-1251
 * when the bytes are not UTF-8 at all; refused when they are UTF-8 text with
 * bytes of another encoding in it, which no single encoding reads right.
 */
function undeclared(bytes: ArrayLike<number>): CharsetReading {
  const bad = firstBadUtf8(bytes);
  if (bad < 0) return { charset: 'UTF-8' };
  const word = firstUtf8Word(bytes);
  if (word >= 0) {
    return { refused: `line ${lineOfByte(bytes, word)} is written in UTF-8, but line ${lineOfByte(bytes, bad)} has a byte (0x${(bytes[bad] & 0xff).toString(16).toUpperCase()}) of another encoding: the file mixes two encodings` };
  }
  return { charset: 'windows-1251' };
}

/** What a declaration's name is, in Java's naming; null for one this add-on does not read. */
function javaName(name: string): StatementCharset | null {
  const key = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (key === 'utf8') return 'UTF-8';
  if (key === 'windows1251' || key === 'cp1251') return 'windows-1251';
  if (key === 'windows1252' || key === 'cp1252' || key === 'iso88591' || key === 'latin1') return 'windows-1252';
  if (key === 'ibm866' || key === 'cp866') return 'IBM866';
  return null;
}

function declared(bytes: ArrayLike<number>, name: string, says: string): CharsetReading {
  const charset = javaName(name);
  if (!charset) return { refused: `${says}, an encoding this add-on does not read (UTF-8, Windows-1251, Windows-1252 or 866)` };
  if (charset === 'UTF-8') {
    const bad = firstBadUtf8(bytes);
    if (bad >= 0) return { refused: `${says}, but line ${lineOfByte(bytes, bad)} has a byte (0x${(bytes[bad] & 0xff).toString(16).toUpperCase()}) that is not UTF-8: the file is in another encoding, or damaged` };
    return { charset };
  }
  // A single-byte encoding over UTF-8 text would read every letter as two.
  const word = charset === 'windows-1252' ? firstUtf8Latin(bytes) : firstUtf8Word(bytes);
  if (word >= 0) return { refused: `${says}, but line ${lineOfByte(bytes, word)} is written in UTF-8` };
  return { charset };
}

/** "Кодировка" as each of the 1C encodings writes it: how the header shows which encoding it is really in. */
const CODING_KEY = 'Кодировка';
const WRITTEN: Record<'UTF-8' | 'windows-1251' | 'IBM866', number[]> = {
  'UTF-8': [...CODING_KEY].flatMap((char) => {
    const code = char.charCodeAt(0);
    return [0xc0 | (code >> 6), 0x80 | (code & 0x3f)];
  }),
  'windows-1251': [...CODING_KEY].map((char) => char.charCodeAt(0) - 0x410 + 0xc0),
  // 866: А-п at 0x80-0xAF, р-я at 0xE0-0xEF.
  IBM866: [...CODING_KEY].map((char) => {
    const offset = char.charCodeAt(0) - 0x410;
    return offset < 0x30 ? 0x80 + offset : 0xe0 + offset - 0x30;
  }),
};
const ENCODING_NAMES: Record<StatementCharset, string> = { 'UTF-8': 'UTF-8', 'windows-1251': 'Windows-1251', 'windows-1252': 'Windows-1252', IBM866: 'DOS (866)' };

function oneCCharset(bytes: ArrayLike<number>): CharsetReading {
  // The header's lines, as bytes, up to the first document.
  let declaredName = '';
  let writtenIn: keyof typeof WRITTEN | '' = '';
  let declaredLine = 0;
  let line = 1;
  for (let start = 0; start < Math.min(bytes.length, HEAD_BYTES); line++) {
    let end = start;
    while (end < bytes.length && bytes[end] !== 0x0a && bytes[end] !== 0x0d) end++;
    const equals = indexOfByte(bytes, 0x3d, start, end);
    if (equals > 0) {
      const key = trimmed(bytes, start, equals);
      const found = (Object.keys(WRITTEN) as Array<keyof typeof WRITTEN>).find((name) => sameBytes(key, WRITTEN[name]));
      if (found) {
        writtenIn = found;
        declaredLine = line;
        declaredName = String.fromCharCode(...trimmed(bytes, equals + 1, end).map((byte) => (byte < 0x80 ? byte : 0x3f)));
        break;
      }
    }
    start = end + (bytes[end] === 0x0d && bytes[end + 1] === 0x0a ? 2 : 1);
  }
  // No declaration: the bytes decide, as for any other file.
  if (!writtenIn) return undeclared(bytes);
  const value = declaredName.trim().toLowerCase();
  const says: StatementCharset | null = value === 'windows' ? 'windows-1251' : value === 'dos' ? 'IBM866' : javaName(value);
  if (!says) return { refused: `line ${declaredLine} says Кодировка=${declaredName}: a 1C file is in Windows (1251) or DOS (866)` };
  if (says !== writtenIn) {
    return { refused: `line ${declaredLine} says Кодировка=${declaredName} (${ENCODING_NAMES[says]}), but the file is written in ${ENCODING_NAMES[writtenIn]}: export it again from the bank, or correct that line` };
  }
  if (says === 'UTF-8') return declared(bytes, 'UTF-8', `line ${declaredLine} says Кодировка=${declaredName}`);
  // A single-byte file must not hold UTF-8's two-byte Cyrillic (Р or С then a byte of 0x80-0xBF is how UTF-8 text reads in 1251/866).
  const stray = firstUtf8Word(bytes);
  if (stray >= 0) return { refused: `line ${declaredLine} says Кодировка=${declaredName} (${ENCODING_NAMES[says]}), but line ${lineOfByte(bytes, stray)} is written in UTF-8: the file mixes two encodings` };
  // 0x98 is the one byte Windows-1251 has no character for.
  const hole = says === 'windows-1251' ? indexOfByte(bytes, -0x68, 0, bytes.length, 0x98) : -1;
  if (hole >= 0) return { refused: `line ${lineOfByte(bytes, hole)} has a byte (0x98) that Windows-1251, the encoding line ${declaredLine} declares, has no character for` };
  return { charset: says };
}

/**
 * Where the first UTF-8 word stands: two multi-byte UTF-8 characters in a
 * row (as every Cyrillic word is in UTF-8); -1 when none. One such pair of
 * bytes is common in a single-byte file ("Р»" in Windows-1251 reads as a
 * UTF-8 letter), two in a row are not.
 */
function firstUtf8Word(bytes: ArrayLike<number>): number {
  for (let i = 0; i + 3 < bytes.length; i++) {
    if (isUtf8Pair(bytes, i) && isUtf8Pair(bytes, i + 2)) return i;
  }
  return -1;
}

/**
 * Where the first UTF-8 accented Latin letter stands (0xC3 then a continuation byte: "é" is C3 A9), -1 when
 * none. In Windows-1252 those bytes read "Ã" and a sign ("Ã©"), which no text has but mis-decoded UTF-8.
 */
function firstUtf8Latin(bytes: ArrayLike<number>): number {
  for (let i = 0; i + 1 < bytes.length; i++) {
    if ((bytes[i] & 0xff) === 0xc3 && ((bytes[i + 1] & 0xff) & 0xc0) === 0x80) return i;
  }
  return firstUtf8Word(bytes);
}

function isUtf8Pair(bytes: ArrayLike<number>, i: number): boolean {
  const lead = bytes[i] & 0xff;
  return lead >= 0xc2 && lead <= 0xdf && ((bytes[i + 1] & 0xff) & 0xc0) === 0x80;
}

/** The index of the first byte that breaks UTF-8, -1 when every byte fits. */
export function firstBadUtf8(bytes: ArrayLike<number>): number {
  for (let i = 0; i < bytes.length; ) {
    const byte = bytes[i] & 0xff;
    const extra = byte < 0x80 ? 0 : byte >= 0xc2 && byte <= 0xdf ? 1 : byte >= 0xe0 && byte <= 0xef ? 2 : byte >= 0xf0 && byte <= 0xf4 ? 3 : -1;
    if (extra < 0 || (extra > 0 && i + extra >= bytes.length)) return i;
    for (let k = 1; k <= extra; k++) if (((bytes[i + k] & 0xff) & 0xc0) !== 0x80) return i;
    i += extra + 1;
  }
  return -1;
}

function lineOfByte(bytes: ArrayLike<number>, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** The first index of a byte, given signed or unsigned (`also` is the same byte in the other form). */
function indexOfByte(bytes: ArrayLike<number>, byte: number, from: number, to: number, also = byte): number {
  for (let i = from; i < to; i++) if (bytes[i] === byte || bytes[i] === also) return i;
  return -1;
}

function trimmed(bytes: ArrayLike<number>, from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i < to; i++) out.push(bytes[i] & 0xff);
  while (out.length && (out[0] === 0x20 || out[0] === 0x09)) out.shift();
  while (out.length && (out[out.length - 1] === 0x20 || out[out.length - 1] === 0x09)) out.pop();
  return out;
}

function sameBytes(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

function asciiHead(bytes: ArrayLike<number>, length: number): string {
  let text = '';
  for (let i = 0; i < Math.min(bytes.length, length); i++) {
    const byte = bytes[i] & 0xff;
    text += byte < 0x80 ? String.fromCharCode(byte) : '?';
  }
  return text;
}
