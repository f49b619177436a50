import type { OutputCell } from '../core/output';
import { ZoneCalendar } from '../core/calendar';

type SheetValue = string | number | Date;

/** Turns calendar days in a result into date cells: midnight in the spreadsheet's zone, as Sheets stores dates. */
export function toSheetValues(result: OutputCell | OutputCell[][], timeZone: string): SheetValue | SheetValue[][] {
  const calendar = new ZoneCalendar(timeZone);
  const convert = (cell: OutputCell): SheetValue => (typeof cell === 'object' ? new Date(calendar.midnightOf(cell.day)) : cell);
  if (!Array.isArray(result)) return convert(result);
  // In place: a result can have tens of thousands of rows.
  for (const row of result) for (let c = 0; c < row.length; c++) if (typeof row[c] === 'object') row[c] = convert(row[c]) as never;
  return result as SheetValue[][];
}
