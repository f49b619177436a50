/**
 * The column letters of a 1-based column number.
 * @example columnLetters(28) //=> 'AB'
 */
export function columnLetters(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/**
 * A sheet name as a formula reference, quoted and with quotes doubled.
 * @example sheetReference("Bob's invoices") //=> "'Bob''s invoices'"
 */
export function sheetReference(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/**
 * Text as a string literal inside a formula: in double quotes, a double
 * quote inside doubled (Sheets' formula syntax), so that data such as a
 * currency can never end the string and add formula text of its own.
 */
export function formulaText(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}
