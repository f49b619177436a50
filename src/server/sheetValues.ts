import type { OutputCell } from '../core/agingTable';
import { ZoneCalendar } from '../core/calendar';

type SheetValue = string | number | Date;

/** Turns calendar days in a result into date cells: midnight in the spreadsheet's zone, as Sheets stores dates. */
export function toSheetValues(result: OutputCell | OutputCell[][], timeZone: string): SheetValue | SheetValue[][] {
  const calendar = new ZoneCalendar(timeZone);
  const convert = (cell: OutputCell): SheetValue => (typeof cell === 'object' ? new Date(calendar.midnightOf(cell.day)) : cell);
  return Array.isArray(result) ? result.map((row) => row.map(convert)) : convert(result);
}
