import { isDate, sheetCell, type Cell } from '../../core/cells';
import { ensureGrid } from '../grid';

/** A cell to write: 1-based sheet row and column, and the value. */
export interface CellWrite {
  row: number;
  column: number;
  value: Cell;
}

/**
 * Writes scattered cells in as few calls as it can: per column, one
 * setValues over each stretch of rows, the rows in between written back
 * as they were read. A stretch never spans a formula or text that starts
 * with "=" (writing it back would change it), so nothing else is touched.
 */
export function writeCells(sheet: GoogleAppsScript.Spreadsheet.Sheet, writes: readonly CellWrite[]): void {
  if (!writes.length) return;
  ensureGrid(sheet, Math.max(...writes.map((w) => w.row)), Math.max(...writes.map((w) => w.column)));
  const byColumn = new Map<number, Map<number, Cell>>();
  for (const write of writes) {
    let column = byColumn.get(write.column);
    if (!column) byColumn.set(write.column, (column = new Map()));
    column.set(write.row, write.value);
  }
  for (const [column, cells] of byColumn) {
    const rows = [...cells.keys()].sort((a, b) => a - b);
    const first = rows[0];
    const last = rows[rows.length - 1];
    const span = sheet.getRange(first, column, last - first + 1, 1);
    const values = span.getValues();
    const formulas = span.getFormulas();
    // Only blanks, numbers, dates and booleans are written back as they were: text could be re-read as a number or a formula.
    const untouchable = (row: number) => formulas[row - first][0] !== '' || (typeof values[row - first][0] === 'string' && values[row - first][0] !== '');
    let start = -1;
    const flush = (end: number) => {
      if (start < 0) return;
      const slice: unknown[][] = [];
      for (let r = start; r < end; r++) slice.push([cells.has(r) ? asTyped(cells.get(r)) : values[r - first][0]]);
      sheet.getRange(start, column, end - start, 1).setValues(slice);
      start = -1;
    };
    for (let row = first; row <= last; row++) {
      if (cells.has(row)) {
        if (start < 0) start = row;
      } else if (untouchable(row)) flush(row);
    }
    flush(last + 1);
  }
}

/** Text that Sheets would read as a formula, a number or a date keeps a leading apostrophe, so it stays the text it was. */
const asTyped = (value: Cell): Cell => sheetCell(value);

/** Appends rows below a sheet's last row in one write, growing it first. Text is data: it is written to read back as that text. */
export function appendRows(sheet: GoogleAppsScript.Spreadsheet.Sheet, rows: readonly Cell[][] | readonly unknown[][]): number {
  if (!rows.length) return 0;
  const first = sheet.getLastRow() + 1;
  ensureGrid(sheet, first + rows.length - 1, rows[0].length);
  sheet.getRange(first, 1, rows.length, rows[0].length).setValues(rows.map((row) => row.map(sheetCell)));
  return first;
}

/** A cell as text for the undo sheet: its type kept, so that undo restores it exactly (and text never turns into a formula). */
export function encodeCell(cell: unknown): string {
  if (isDate(cell)) return `date:${cell.getTime()}`;
  if (typeof cell === 'number') return `number:${cell}`;
  if (typeof cell === 'boolean') return `boolean:${cell}`;
  return `text:${cell ?? ''}`;
}

export function decodeCell(text: string, makeDate: (ms: number) => Date = (ms) => new Date(ms)): Cell {
  const colon = text.indexOf(':');
  const kind = text.slice(0, colon);
  const body = text.slice(colon + 1);
  if (kind === 'date') return makeDate(Number(body));
  if (kind === 'number') return Number(body);
  if (kind === 'boolean') return body === 'true';
  return body;
}
