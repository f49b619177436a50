import type { Cell } from '../../core/cells';
import { COLLECTIONS_HEADERS, COLLECTIONS_SHEET_NAME, MANAGER_HEADER, OUTCOME_COLUMN, outcomeWords, readCollections, TASK_ID_HEADER, type CollectionsEntry } from '../../core/collections/sheet';
import { localeLanguage } from '../../core/locale';
import { ensureGrid } from '../grid';
import type { SpreadsheetSettings } from '../spreadsheetSettings';

/** The Collections sheet as read at the start of a run. */
export interface CollectionsState {
  sheet: GoogleAppsScript.Spreadsheet.Sheet | null;
  /** Its cells (header first), one getValues. */
  rows: unknown[][];
  entries: CollectionsEntry[];
  problems: string[];
}

/** Reads the Collections sheet with one call; an absent sheet is an empty one. */
export function readCollectionsSheet(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, settings: SpreadsheetSettings): CollectionsState {
  const sheet = spreadsheet.getSheetByName(COLLECTIONS_SHEET_NAME);
  const rows = sheet ? sheet.getDataRange().getValues() : [];
  const { entries, problems } = readCollections(rows as Cell[][], settings);
  return { sheet, rows, entries, problems };
}

/**
 * Adds task rows at the end in one write, creating the sheet (headers,
 * frozen header row) the first time. A new sheet has 1000 rows and
 * getRange outside the grid throws, so the sheet grows first when the rows
 * would not fit. Each new row's Outcome cell gets the dropdown of outcomes.
 * Returns the sheet row of the first row added.
 */
export function appendTasks(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, state: CollectionsState, rows: unknown[][]): number {
  let sheet = state.sheet;
  if (!sheet) {
    sheet = spreadsheet.insertSheet(COLLECTIONS_SHEET_NAME);
    sheet.getRange(1, 1, 1, COLLECTIONS_HEADERS.length).setValues([[...COLLECTIONS_HEADERS]]);
    sheet.setFrozenRows(1);
    state.sheet = sheet;
    state.rows = [[...COLLECTIONS_HEADERS]];
  }
  const first = Math.max(sheet.getLastRow(), 1) + 1;
  if (rows.length === 0) return first;
  // Written by header: a person may have moved the columns or added their own.
  const header = (state.rows[0] ?? COLLECTIONS_HEADERS).map((cell) => String(cell).trim());
  // A sheet made before rows carried the add-on's mark gets its Task id column, right of everything;
  // one made before managers gets its Manager column so, once a task has a manager (issue 27).
  const managerAt = COLLECTIONS_HEADERS.indexOf(MANAGER_HEADER);
  const wanted = [TASK_ID_HEADER, ...(rows.some((row) => String(row[managerAt] ?? '') !== '') ? [MANAGER_HEADER] : [])];
  for (const name of wanted) {
    if (header.includes(name)) continue;
    const column = Math.max(header.length, sheet.getLastColumn()) + 1;
    ensureGrid(sheet, 1, column);
    sheet.getRange(1, column).setValue(name);
    while (header.length < column - 1) header.push('');
    header.push(name);
    state.rows[0] = [...header];
  }
  const width = Math.max(header.length, sheet.getLastColumn());
  const positions = COLLECTIONS_HEADERS.map((name) => header.indexOf(name));
  const placed = rows.map((row) => {
    const out: unknown[] = new Array(width).fill('');
    positions.forEach((position, k) => {
      if (position >= 0) out[position] = row[k];
    });
    return out;
  });
  ensureGrid(sheet, first + placed.length - 1, width);
  sheet.getRange(first, 1, placed.length, width).setValues(placed);
  const outcome = header.indexOf(COLLECTIONS_HEADERS[OUTCOME_COLUMN]);
  if (outcome >= 0) {
    // The dropdown offers the spreadsheet's language's words; reading accepts either language's (readCollections).
    const language = localeLanguage(spreadsheet.getSpreadsheetLocale());
    const words = outcomeWords(language);
    const rule = SpreadsheetApp.newDataValidation().requireValueInList(words, true).setAllowInvalid(false).setHelpText(`${language === 'ru' ? 'Одно из' : 'One of'}: ${words.join(', ')}`).build();
    sheet.getRange(first, outcome + 1, placed.length, 1).setDataValidation(rule);
  }
  return first;
}

/** The column (1-based) of a header of the Collections sheet as it is now, or -1. */
export function collectionsColumn(state: CollectionsState, name: (typeof COLLECTIONS_HEADERS)[number]): number {
  const header = (state.rows[0] ?? COLLECTIONS_HEADERS).map((cell) => String(cell).trim());
  const index = header.indexOf(name);
  return index < 0 ? -1 : index + 1;
}
