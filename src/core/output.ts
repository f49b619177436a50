/** What the custom functions return, cell by cell, before the Apps Script side turns days into dates. */

/** A calendar day in a result; the Apps Script side turns it into a date cell in the spreadsheet's zone. */
export interface DayCell {
  day: number;
}

/** What a custom function returns per cell. */
export type OutputCell = string | number | DayCell;

export function dayCell(day: number): DayCell {
  return { day };
}

/** Cents as a number of currency units, exact to the cent. */
export function centsToAmount(cents: number): number {
  return cents / 100;
}

