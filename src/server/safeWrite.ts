import { readBackOf, sheetCell } from '../core/cells';
import { ensureGrid } from './grid';

/**
 * Writing back into a sheet people edit while the run goes on. What to
 * write is planned from a fresh read, never from positions remembered
 * since the run began; then the sheet is read again. Should a row or a
 * column have been inserted or deleted between that read and the write
 * (the write then landed one row or column off), the cells written are
 * put back as the person's edit left them and the write is planned again.
 */

/** Cells to write: a rectangle at a 1-based position, and a number format for one of its columns. */
export interface CellWrite {
  row: number;
  column: number;
  values: unknown[][];
  numberFormat?: { column: number; format: string };
}

type Grid = unknown[][];
/** One structural edit a person can make between two service calls. */
type Edit = { kind: 'none' } | { kind: 'insertRow' | 'deleteRow' | 'insertColumn' | 'deleteColumn'; at: number };

const ATTEMPTS = 4;

/** The sheet's data in one read (its size and its values at the same moment: a person may be adding rows). */
export function readGrid(sheet: GoogleAppsScript.Spreadsheet.Sheet): Grid {
  let values: Grid = [];
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    values = sheet.getDataRange().getValues();
    // A row or column inserted or deleted between taking the range and reading it tears the read: read again.
    if (sheet.getLastRow() === values.length && sheet.getLastColumn() === (values[0]?.length ?? 0)) break;
    if (sheet.getLastRow() === 0 && values.length === 1) break;
  }
  return values.length === 1 && values[0].length === 1 && values[0][0] === '' ? [] : values;
}

/**
 * Plans from a fresh read, writes, and checks by reading again; `plan`
 * returns nothing to write once everything is in place. At most a few
 * attempts; the last read is returned.
 */
export function writeByPlan(sheet: GoogleAppsScript.Spreadsheet.Sheet, plan: (values: Grid) => CellWrite[], first?: Grid): Grid {
  let before = first ?? readGrid(sheet);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const writes = plan(before);
    if (writes.length === 0) return before;
    // Grow the grid first, then plan again from what is there: growing moves nothing a write relies on.
    const rows = Math.max(...writes.map((write) => write.row + write.values.length - 1));
    const columns = Math.max(...writes.map((write) => write.column + Math.max(...write.values.map((row) => row.length)) - 1));
    if (rows > sheet.getMaxRows() || columns > sheet.getMaxColumns()) {
      try {
        ensureGrid(sheet, rows, columns);
      } catch (error) {
        // The grid shrank between measuring and growing it (rows deleted meanwhile): measure again.
        if (attempt === ATTEMPTS - 1) throw error;
      }
      before = readGrid(sheet);
      continue;
    }
    const applied: CellWrite[] = [];
    let refused: unknown = null;
    for (const write of writes) {
      const width = Math.max(...write.values.map((row) => row.length));
      const values = write.values.map((row) => [...row, ...new Array<string>(width - row.length).fill('')]);
      try {
        sheet.getRange(write.row, write.column, write.values.length, width).setValues(values);
      } catch (error) {
        // The grid shrank or grew under the write (a person deleted rows meanwhile): plan again.
        refused = error;
        break;
      }
      applied.push({ ...write, values });
      try {
        if (write.numberFormat) sheet.getRange(write.row, write.numberFormat.column, write.values.length, 1).setNumberFormat(write.numberFormat.format);
      } catch {
        // Only how the time shows: a grid that shrank meanwhile keeps its format.
      }
    }
    const after = readGrid(sheet);
    const edit = editBeforeWrite(before, applied, after);
    if (edit.kind === 'none' && !refused) return after;
    if (edit.kind === 'none') {
      if (attempt === ATTEMPTS - 1) throw refused;
      before = after;
      continue;
    }
    // The write landed off by the person's edit: put back what the edit left in those cells, then plan again.
    const edited = applyEdit(before, edit);
    for (const write of applied) {
      // Text read back is written as text again (an apostrophe where Sheets would read it otherwise).
      const restored = write.values.map((row, r) => row.map((_, c) => sheetCell(cellAt(edited, write.row - 1 + r, write.column - 1 + c))));
      try {
        sheet.getRange(write.row, write.column, restored.length, restored[0]?.length ?? 1).setValues(restored);
      } catch {
        // Those cells are gone with the rows or columns deleted.
      }
    }
    before = readGrid(sheet);
  }
  return before;
}

const cellAt = (grid: Grid, r: number, c: number): unknown => grid[r]?.[c] ?? '';

const same = (a: unknown, b: unknown): boolean => (a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b || (a ?? '') === (b ?? ''));

function applyEdit(grid: Grid, edit: Edit): Grid {
  const copy = grid.map((row) => [...row]);
  switch (edit.kind) {
    case 'insertRow':
      copy.splice(edit.at, 0, []);
      return copy;
    case 'deleteRow':
      copy.splice(edit.at, 1);
      return copy;
    case 'insertColumn':
      return copy.map((row) => (edit.at <= row.length ? [...row.slice(0, edit.at), '', ...row.slice(edit.at)] : row));
    case 'deleteColumn':
      return copy.map((row) => [...row.slice(0, edit.at), ...row.slice(edit.at + 1)]);
    default:
      return copy;
  }
}

function withWrites(grid: Grid, writes: readonly CellWrite[]): Grid {
  const copy = grid.map((row) => [...row]);
  for (const write of writes) {
    write.values.forEach((row, r) => row.forEach((value, c) => {
      const at = write.row - 1 + r;
      while (copy.length <= at) copy.push([]);
      // What the cell reads back as: the apostrophe keeping text as text is no part of it.
      copy[at][write.column - 1 + c] = readBackOf(value);
    }));
  }
  return copy;
}

/** Cells (row,column, 0-based) a write covers. */
function writtenCells(writes: readonly CellWrite[]): Set<string> {
  const cells = new Set<string>();
  for (const write of writes) write.values.forEach((row, r) => row.forEach((_, c) => cells.add(`${write.row - 1 + r},${write.column - 1 + c}`)));
  return cells;
}

/** Cells where two grids differ, skipping some; counting stops once past `limit`. */
function mismatches(a: Grid, b: Grid, skip: Set<string> | null, limit: number): number {
  let count = 0;
  const rows = Math.max(a.length, b.length);
  for (let r = 0; r < rows && count <= limit; r++) {
    const width = Math.max(a[r]?.length ?? 0, b[r]?.length ?? 0);
    for (let c = 0; c < width; c++) {
      if (skip?.has(`${r},${c}`)) continue;
      if (!same(cellAt(a, r, c), cellAt(b, r, c)) && ++count > limit) break;
    }
  }
  return count;
}

/** The first row and column where two grids differ (skipping some cells). */
function firstDifference(a: Grid, b: Grid, skip: Set<string> | null): { row: number; column: number } {
  let row = -1;
  let column = Number.POSITIVE_INFINITY;
  const rows = Math.max(a.length, b.length);
  for (let r = 0; r < rows; r++) {
    const width = Math.max(a[r]?.length ?? 0, b[r]?.length ?? 0);
    for (let c = 0; c < width; c++) {
      if (skip?.has(`${r},${c}`) || same(cellAt(a, r, c), cellAt(b, r, c))) continue;
      if (row < 0) row = r;
      column = Math.min(column, c);
    }
  }
  return { row, column: Number.isFinite(column) ? column : -1 };
}

/**
 * Whether a row or column was inserted or deleted between the read and the
 * write: the edit that, made before the write, explains the sheet as read
 * after it better than no edit or one made after the write. 'none' when
 * the write landed where it was planned.
 */
function editBeforeWrite(before: Grid, writes: readonly CellWrite[], after: Grid): Edit {
  const written = withWrites(before, writes);
  const cells = writtenCells(writes);
  const limit = 1_000_000;
  const best = { edit: { kind: 'none' } as Edit, harmful: false, score: mismatches(after, written, null, limit) };
  if (best.score === 0) return best.edit;
  const candidates = (base: Grid, skip: Set<string> | null): Edit[] => {
    const { row, column } = firstDifference(after, base, skip);
    const edits: Edit[] = [];
    if (row >= 0) edits.push({ kind: 'insertRow', at: row }, { kind: 'deleteRow', at: row });
    if (column >= 0) edits.push({ kind: 'insertColumn', at: column }, { kind: 'deleteColumn', at: column });
    return edits;
  };
  // An edit after the write moved the written cells along with the rest: harmless.
  for (const edit of candidates(written, null)) {
    const score = mismatches(after, applyEdit(written, edit), null, best.score);
    if (score < best.score) Object.assign(best, { edit, harmful: false, score });
  }
  // An edit before it: the written cells are where they were planned, over what the edit moved there.
  for (const edit of candidates(before, cells)) {
    const score = mismatches(after, withWrites(applyEdit(before, edit), writes), null, best.score);
    if (score < best.score) Object.assign(best, { edit, harmful: true, score });
  }
  return best.harmful ? best.edit : { kind: 'none' };
}
