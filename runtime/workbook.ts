// Fills in-memory spreadsheets from files, converting cells the way Sheets'
// import does: numbers become numbers, dates become the instant of midnight
// in the spreadsheet's zone, everything else (and numbers with leading
// zeros, such as invoice numbers) stays text.
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import Papa from 'papaparse';
import type { Spreadsheet, Sheet } from './spreadsheet';
import { zonedInstant } from './utilities';
import { importedCell, type StoredValue } from './values';

/** A CSV cell as Sheets' import would store it in a spreadsheet of that zone and locale (the rules live in values.ts, shared with typed text). */
export function importedValue(text: string, timeZone: string, locale: string): StoredValue {
  return importedCell(text, { timeZone, locale, now: Date.now() });
}

/** Parses CSV text (the delimiter is detected) into imported cells. */
export function importCsv(text: string, timeZone: string, locale: string): StoredValue[][] {
  // Blank lines stay, as in Sheets, so that row numbers match the file's lines.
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, '').replace(/(\r?\n)+$/, ''), { skipEmptyLines: false });
  if (parsed.errors.length) {
    const first = parsed.errors[0];
    throw new Error(`CSV row ${(first.row ?? 0) + 1}: ${first.message}`);
  }
  return parsed.data.map((row) => row.map((cell) => importedValue(cell, timeZone, locale)));
}

/**
 * The text of a CSV file as the person saved it: UTF-8 with or without a
 * byte-order mark, or, when the bytes are not UTF-8, Windows-1251 (what
 * Russian Excel writes for "CSV (разделители — запятые)"). Told from the
 * bytes, never asked: Windows-1251 text is almost never valid UTF-8, since
 * its Cyrillic letters are single bytes of 0xC0–0xFF that UTF-8 only allows
 * before a continuation byte.
 */
export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: 'UTF-8' | 'windows-1251' } {
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'UTF-8' };
  } catch {
    return { text: new TextDecoder('windows-1251').decode(body), encoding: 'windows-1251' };
  }
}

/** Which worksheet of an .xlsx becomes the sheet `importFile` returns: by default the first, as Sheets opens it. */
export type SheetChooser = (rows: StoredValue[][], index: number) => boolean;

/**
 * Adds a sheet with the contents of a .csv or .xlsx file to a spreadsheet.
 * A CSV is decoded as `decodeCsvBytes` says, its delimiter (',', ';' or tab)
 * detected. Every worksheet of an .xlsx is added, as Sheets' import inserts
 * them: the one `choose` picks (the first by default) as `sheetName`, placed
 * where it stands in the workbook, the others under their own names.
 */
export async function importFile(spreadsheet: Spreadsheet, path: string, sheetName = 'Invoices', choose: SheetChooser = (_rows, index) => index === 0): Promise<Sheet> {
  const { timeZone, locale } = spreadsheet.options;
  const extension = extname(path).toLowerCase();
  if (extension === '.csv' || extension === '.txt' || extension === '.tsv') {
    return spreadsheet.addSheet(sheetName, importCsv(decodeCsvBytes(await readFile(path)).text, timeZone, locale));
  }
  if (extension === '.xlsx') {
    const { default: readXlsxFile } = await import('read-excel-file/node');
    const worksheets = (await readXlsxFile(path)).map(({ sheet, data }) => ({
      name: sheet,
      rows: data.map((row) =>
        row.map((cell): StoredValue => {
          if (cell === null || cell === undefined) return '';
          // Excel dates carry no zone: read them as that calendar day in the spreadsheet's zone.
          if (cell instanceof Date) return new Date(zonedInstant(timeZone, cell.getUTCFullYear(), cell.getUTCMonth() + 1, cell.getUTCDate()));
          // A text cell of the workbook stays text, as Sheets keeps it ("12 345,67" from 1C stays as typed).
          return cell as StoredValue;
        }),
      ),
    }));
    const chosen = Math.max(0, worksheets.findIndex((worksheet, index) => choose(worksheet.rows, index)));
    let result: Sheet | null = null;
    worksheets.forEach((worksheet, index) => {
      if (index === chosen) result = spreadsheet.addSheet(sheetName, worksheet.rows);
      else if (worksheet.name !== sheetName && !spreadsheet.sheet(worksheet.name)) spreadsheet.addSheet(worksheet.name, worksheet.rows);
    });
    return result as unknown as Sheet;
  }
  throw new Error(`${path}: only .csv and .xlsx files can be loaded`);
}
