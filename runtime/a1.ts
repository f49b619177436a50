/** A rectangle on a sheet, 1-based and inclusive; `endRow` null means to the sheet's last row. */
export interface GridRange {
  sheetName: string | null;
  startRow: number;
  startColumn: number;
  endRow: number | null;
  endColumn: number;
}

export function columnNumber(letters: string): number {
  let column = 0;
  for (const letter of letters.toUpperCase()) column = column * 26 + (letter.charCodeAt(0) - 64);
  return column;
}

export function columnName(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d*)$/;

/**
 * Parses `A1`, `A1:C10`, `A2:J` (open-ended) and `'Sheet name'!A1:B2`: A1 notation as Class Sheet,
 * getRange(a1Notation) takes it ("Range not found" otherwise, the message Apps Script gives).
 */
export function parseA1(notation: string): GridRange {
  let sheetName: string | null = null;
  let body = notation.trim();
  const bang = body.lastIndexOf('!');
  if (bang >= 0) {
    sheetName = body.slice(0, bang);
    if (sheetName.startsWith("'")) sheetName = sheetName.slice(1, -1).replace(/''/g, "'");
    body = body.slice(bang + 1);
  }
  const [first, second] = body.split(':');
  const start = CELL.exec(first ?? '');
  const end = CELL.exec(second ?? first ?? '');
  if (!start || !end || !start[2]) throw new Error(`Range not found: ${notation}`);
  return {
    sheetName,
    startRow: Number(start[2]),
    startColumn: columnNumber(start[1]),
    endRow: end[2] ? Number(end[2]) : null,
    endColumn: columnNumber(end[1]),
  };
}
