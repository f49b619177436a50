import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RuntimeState } from './state';

/** Where the runtime finds a browser to print HTML to PDF, as Apps Script's own converter does. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PRINTER = join(dirname(fileURLToPath(import.meta.url)), 'printToPdf.mjs');

/**
 * A Blob (Class Blob reference): bytes, a content type and a name.
 * getDataAsString(charset) decodes with a named character set as Java
 * does (an unknown name throws); getBytes gives Java's signed bytes. getAs
 * converts only what Apps Script converts that the add-on uses: HTML to PDF
 * ("Blob.getAs(contentType)": an HTML blob becomes a PDF), printed here by
 * headless Chromium so that the PDF is a real one, page for page.
 */
export class Blob {
  constructor(private readonly state: RuntimeState, private bytes: Buffer, private contentType: string | null, private name: string | null) {}

  face(): Blob {
    return this.state.expose('Blob', this);
  }
  getBytes(): number[] {
    return Array.from(this.bytes, (byte) => (byte > 127 ? byte - 256 : byte));
  }
  /** Class Blob, getDataAsString(charset): an unknown charset is refused (the message is ours; the docs give none). */
  getDataAsString(charset = 'UTF-8'): string {
    let decoder: InstanceType<typeof TextDecoder>;
    try {
      decoder = new TextDecoder(charset);
    } catch {
      throw new Error(`Exception: Invalid argument: charset (${charset})`);
    }
    return decoder.decode(this.bytes);
  }
  getContentType(): string | null {
    return this.contentType;
  }
  setContentType(contentType: string): Blob {
    this.contentType = contentType;
    return this.face();
  }
  getName(): string | null {
    return this.name;
  }
  setName(name: string): Blob {
    this.name = name;
    return this.face();
  }
  copyBlob(): Blob {
    return new Blob(this.state, Buffer.from(this.bytes), this.contentType, this.name).face();
  }
  /**
   * Class Blob, getAs(contentType): "For most blobs, 'application/pdf' is the only valid option" (images may also
   * go to other image types, which the add-on never asks); only HTML to PDF is implemented, anything else refused.
   */
  getAs(contentType: string): Blob {
    if (contentType !== 'application/pdf' || this.contentType !== 'text/html') {
      throw new Error(`Exception: Converting from ${this.contentType} to ${contentType} is not supported.`);
    }
    const name = this.name ? `${this.name.replace(/\.[^.]*$/, '')}.pdf` : null;
    return new Blob(this.state, (this.state.printPdf ?? htmlToPdf)(this.bytes), 'application/pdf', name).face();
  }

  /** Not an Apps Script member: the raw bytes, for Drive and the outbox. */
  raw(): Buffer {
    return this.bytes;
  }
}


/**
 * Prints an HTML page to PDF with headless Chromium, synchronous as Apps Script's call is: a child process
 * (runtime/printToPdf.mjs) serves the page from an address of its own with scripts off and every other request
 * refused, so a document can neither run code nor fetch or read anything outside itself (no file:// page).
 */
function htmlToPdf(html: Buffer): Buffer {
  return execFileSync(process.execPath, [PRINTER], { input: html, env: { ...process.env, CHROMIUM_PATH: CHROMIUM }, maxBuffer: 256 * 1024 * 1024, timeout: 90_000, stdio: ['pipe', 'pipe', 'pipe'] });
}
