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
  const numberPattern = decimal === '.' ? /^-?(\d+|\d{1,3}(,\d{3})+)(\.\d+)?$/ : /^-?(\d+|\d{1,3}([.\s\u00a0\u202f]\d{3})+)(,\d+)?$/;
  // The locale's currency sign ("$1,250.00", "-$250.00", "1 250,00 ₽") makes a number with a currency format.
  const body = withoutCurrencySign(trimmed, locale);
  if (numberPattern.test(body) && !/^-?0\d/.test(body)) {
    const normalized = decimal === '.' ? body.replace(/,/g, '') : body.replace(/[.\s\u00a0\u202f]/g, '').replace(',', '.');
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

/**
 * Currency signs Sheets reads in a number imported in a locale ("$1,250.00",
 * "-$250.00" in en_US). Only these: elsewhere, as with "1 234,56 ₽" in
 * ru_RU, the stricter reading keeps the text.
 */
const CURRENCY_SIGNS: Record<string, RegExp> = {
  en_US: /\$/,
  en_CA: /\$/,
  en_AU: /\$/,
  en_GB: /£/,
};

function withoutCurrencySign(text: string, locale: string): string {
  const sign = CURRENCY_SIGNS[locale];
  if (!sign) return text;
  const pattern = new RegExp(`^(-?)\\s*(?:${sign.source})\\s*(.+)$|^(.+?)\\s*(?:${sign.source})$`);
  const match = pattern.exec(text);
  if (!match) return text;
  return match[2] !== undefined ? `${match[1]}${match[2]}` : match[3];
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
