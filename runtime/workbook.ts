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
 * Adds a sheet with the contents of a .csv or .xlsx file (the first
 * worksheet) to a spreadsheet.
 */
export async function importFile(spreadsheet: Spreadsheet, path: string, sheetName = 'Invoices'): Promise<Sheet> {
  const { timeZone, locale } = spreadsheet.options;
  const extension = extname(path).toLowerCase();
  if (extension === '.csv' || extension === '.txt') {
    return spreadsheet.addSheet(sheetName, importCsv(await readFile(path, 'utf8'), timeZone, locale));
  }
  if (extension === '.xlsx') {
    const { default: readXlsxFile } = await import('read-excel-file/node');
    const [first] = await readXlsxFile(path);
    const rows = first.data.map((row) =>
      row.map((cell): StoredValue => {
        if (cell === null || cell === undefined) return '';
        // Excel dates carry no zone: read them as that calendar day in the spreadsheet's zone.
        if (cell instanceof Date) return new Date(zonedInstant(timeZone, cell.getUTCFullYear(), cell.getUTCMonth() + 1, cell.getUTCDate()));
        // A text cell of the workbook stays text, as Sheets keeps it ("12 345,67" from 1C stays as typed).
        return cell as StoredValue;
      }),
    );
    return spreadsheet.addSheet(sheetName, rows);
  }
  throw new Error(`${path}: only .csv and .xlsx files can be loaded`);
}
