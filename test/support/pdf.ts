// PDFs as a person sees them: the first page as a picture (kept in
// test-artifacts/ for people) and the text pdftotext reads in layout.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from './addon';

/** The text of every page, laid out as printed. */
export function pdfText(pdf: Buffer): string {
  const file = join(mkdtempSync(join(tmpdir(), 'pdf-')), 'doc.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { maxBuffer: 64 * 1024 * 1024 }).toString();
}

/** The first page: its size and how much of it is ink at 40 dpi, its text, and test-artifacts/NAME.png. */
export function renderFirstPage(pdf: Buffer, name: string): { width: number; height: number; dark: number; text: string } {
  const dir = mkdtempSync(join(tmpdir(), 'letter-'));
  const file = join(dir, 'doc.pdf');
  writeFileSync(file, pdf);
  execFileSync('pdftoppm', ['-gray', '-r', '40', '-f', '1', '-l', '1', file, join(dir, 'page')]);
  const pgm = readFileSync(join(dir, (execFileSync('ls', [dir]).toString().split('\n').find((entry) => entry.endsWith('.pgm')) as string)));
  const [, width, height] = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 40).toString('latin1')) as RegExpExecArray;
  const pixels = pgm.subarray(pgm.length - Number(width) * Number(height));
  let dark = 0;
  for (const value of pixels) if (value < 128) dark++;
  // A picture for people: test-artifacts/NAME.png.
  mkdirSync(join(projectRoot, 'test-artifacts'), { recursive: true });
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', file, join(projectRoot, 'test-artifacts', name)]);
  return { width: Number(width), height: Number(height), dark, text: execFileSync('pdftotext', ['-layout', file, '-']).toString() };
}
