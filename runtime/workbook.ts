// Fills in-memory spreadsheets from files, converting cells the way Sheets'
// import does: numbers become numbers, dates become the instant of midnight
// in the spreadsheet's zone, everything else (and numbers with leading
// zeros, such as invoice numbers) stays text.
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import Papa from 'papaparse';
import type { Spreadsheet, Sheet } from './spreadsheet';
import { zonedInstant } from './utilities';
import type { StoredValue } from './values';

const MONTH_FIRST = new Set(['en_US', 'en_PH', 'en_CA', 'es_US']);
const DECIMAL_COMMA = /^(ru|uk|be|kk|de|fr|es|it|pt|nl|pl|cs|sk|sv|nb|da|fi|tr|ro|hu|bg|hr|sl|sr|lt|lv|et|el|id|vi)_/;

/** A CSV cell as Sheets' import would store it in a spreadsheet of that zone and locale. */
export function importedValue(text: string, timeZone: string, locale: string): StoredValue {
  const trimmed = text.trim();
  if (trimmed === '') return '';
  if (/^(TRUE|FALSE)$/i.test(trimmed)) return trimmed.toUpperCase() === 'TRUE';
  const decimal = DECIMAL_COMMA.test(locale) ? ',' : '.';
  const numberPattern = decimal === '.' ? /^-?(\d+|\d{1,3}(,\d{3})+)(\.\d+)?$/ : /^-?(\d+|\d{1,3}(\.\d{3})+)(,\d+)?$/;
  if (numberPattern.test(trimmed) && !/^-?0\d/.test(trimmed)) {
    const normalized = decimal === '.' ? trimmed.replace(/,/g, '') : trimmed.replace(/\./g, '').replace(',', '.');
    return Number(normalized);
  }
  let match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
  if (match) return new Date(zonedInstant(timeZone, +match[1], +match[2], +match[3]));
  match = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(trimmed);
  if (match) {
    const monthFirst = MONTH_FIRST.has(locale) && trimmed.includes('/');
    const [month, day] = monthFirst ? [+match[1], +match[2]] : [+match[2], +match[1]];
    if (month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(+match[3], month, 0)).getUTCDate()) {
      return new Date(zonedInstant(timeZone, +match[3], month, day));
    }
  }
  return trimmed === text ? text : trimmed;
}

/** Parses CSV text (the delimiter is detected) into imported cells. */
export function importCsv(text: string, timeZone: string, locale: string): StoredValue[][] {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' });
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
        if (typeof cell === 'string') return importedValue(cell, timeZone, locale);
        return cell as StoredValue;
      }),
    );
    return spreadsheet.addSheet(sheetName, rows);
  }
  throw new Error(`${path}: only .csv and .xlsx files can be loaded`);
}
