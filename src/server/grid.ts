/**
 * Grows a sheet so that its grid reaches `lastRow` x `lastColumn` (1-based):
 * getRange outside the grid throws, and only insertRows…/insertColumns… (or
 * appendRow) make it bigger. A new sheet is 1000 x 26; an imported one is
 * exactly its data's size.
 */
export function ensureGrid(sheet: GoogleAppsScript.Spreadsheet.Sheet, lastRow: number, lastColumn: number): void {
  const rows = sheet.getMaxRows();
  if (lastRow > rows) sheet.insertRowsAfter(rows, lastRow - rows);
  const columns = sheet.getMaxColumns();
  if (lastColumn > columns) sheet.insertColumnsAfter(columns, lastColumn - columns);
}
