// Payment QR codes read back as a customer's bank app reads them: from the
// pictures people get (the email's inline GIF, a PDF page printed at
// 150 dpi), with decoders independent of the add-on (omggif for GIF,
// poppler's pdftoppm for PDF, jsQR for the code), never from our own string.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { GifReader } from 'omggif';

/** What a QR code holds, its bytes read as UTF-8 (both codes say so in their header), and its size in modules. */
export interface ReadCode {
  text: string;
  /** Modules across, from the decoder's version. */
  version: number;
}

function readRgba(rgba: Uint8ClampedArray, width: number, height: number): ReadCode | null {
  const found = jsQR(rgba, width, height, { inversionAttempts: 'dontInvert' });
  return found ? { text: Buffer.from(found.binaryData).toString('utf8'), version: found.version } : null;
}

/** A GIF's first frame as RGBA pixels. */
export function gifPixels(bytes: Buffer): { width: number; height: number; rgba: Uint8ClampedArray } {
  const reader = new GifReader(new Uint8Array(bytes));
  const pixels = new Uint8Array(reader.width * reader.height * 4);
  reader.decodeAndBlitFrameRGBA(0, pixels);
  return { width: reader.width, height: reader.height, rgba: new Uint8ClampedArray(pixels.buffer) };
}

/** The code in a GIF, or null. */
export function readGifCode(bytes: Buffer): ReadCode | null {
  const { width, height, rgba } = gifPixels(bytes);
  return readRgba(rgba, width, height);
}

/** The codes on a PDF's pages, page by page (null for a page without one), printed in gray at `dpi`. */
export function readPdfCodes(pdf: Buffer, dpi = 150): Array<ReadCode | null> {
  const dir = mkdtempSync(join(tmpdir(), 'qr-pdf-'));
  const file = join(dir, 'doc.pdf');
  writeFileSync(file, pdf);
  execFileSync('pdftoppm', ['-gray', '-r', String(dpi), file, join(dir, 'page')]);
  return readdirSync(dir)
    .filter((name) => name.endsWith('.pgm'))
    .sort()
    .map((name) => {
      const pgm = readFileSync(join(dir, name));
      const [header, width, height] = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 40).toString('latin1')) as RegExpExecArray;
      const gray = pgm.subarray(header.length);
      const w = Number(width);
      const h = Number(height);
      const rgba = new Uint8ClampedArray(w * h * 4);
      for (let i = 0; i < w * h; i++) {
        rgba[4 * i] = rgba[4 * i + 1] = rgba[4 * i + 2] = gray[i];
        rgba[4 * i + 3] = 255;
      }
      return readRgba(rgba, w, h);
    });
}

/** ГОСТ Р 56042-2014: "ST0001" + the encoding digit, then Key=Value fields after the separator (the character after the header). */
export function parseSt00012(text: string): { encoding: string; fields: Record<string, string> } {
  if (!/^ST0001[123]/.test(text)) throw new Error(`not an ST00012 code: ${text.slice(0, 20)}`);
  const separator = text[7];
  const fields: Record<string, string> = {};
  for (const part of text.slice(8).split(separator)) {
    const at = part.indexOf('=');
    if (at < 1) throw new Error(`ST00012 field without a key: ${part}`);
    if (part.slice(0, at) in fields) throw new Error(`ST00012 field twice: ${part.slice(0, at)}`);
    fields[part.slice(0, at)] = part.slice(at + 1);
  }
  return { encoding: text[6], fields };
}

/** EPC069-12: the lines of a SEPA credit transfer code, by their meaning. */
export function parseEpc(text: string): { service: string; version: string; charset: string; identification: string; bic: string; name: string; iban: string; amount: string; purpose: string; reference: string; remittance: string; information: string } {
  const lines = text.split(/\r?\n/);
  if (lines.length > 12) throw new Error(`an EPC code has at most 12 lines, this one ${lines.length}`);
  const [service, version, charset, identification, bic, name, iban, amount, purpose, reference, remittance, information] = [...lines, ...Array(12).fill('')];
  return { service, version, charset, identification, bic, name, iban, amount, purpose, reference, remittance, information };
}
