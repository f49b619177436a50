/**
 * The character set of a statement file's bytes (signed or unsigned, as
 * Apps Script's Byte[] gives them): UTF-8 when the bytes are valid UTF-8
 * (with or without a byte-order mark); an OFX 1 file's declared CHARSET:1252
 * as windows-1252; otherwise windows-1251, in which Russian banks and 1C
 * write the client-bank exchange file ("Кодировка=Windows").
 */
export function statementCharset(bytes: ArrayLike<number>): 'UTF-8' | 'windows-1251' | 'windows-1252' {
  if (isUtf8(bytes)) return 'UTF-8';
  const head = asciiHead(bytes, 400);
  if (/^\s*OFXHEADER/.test(head) && /CHARSET:\s*1252/.test(head)) return 'windows-1252';
  return 'windows-1251';
}

function isUtf8(bytes: ArrayLike<number>): boolean {
  for (let i = 0; i < bytes.length; ) {
    const byte = bytes[i] & 0xff;
    const extra = byte < 0x80 ? 0 : byte >= 0xc2 && byte <= 0xdf ? 1 : byte >= 0xe0 && byte <= 0xef ? 2 : byte >= 0xf0 && byte <= 0xf4 ? 3 : -1;
    if (extra < 0 || (extra > 0 && i + extra >= bytes.length)) return false;
    for (let k = 1; k <= extra; k++) if (((bytes[i + k] & 0xff) & 0xc0) !== 0x80) return false;
    i += extra + 1;
  }
  return true;
}

function asciiHead(bytes: ArrayLike<number>, length: number): string {
  let text = '';
  for (let i = 0; i < Math.min(bytes.length, length); i++) {
    const byte = bytes[i] & 0xff;
    text += byte < 0x80 ? String.fromCharCode(byte) : '?';
  }
  return text;
}
