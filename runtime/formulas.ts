import { createHash } from 'node:crypto';
import { columnName, parseA1 } from './a1';
import { MAX_CELL_CHARACTERS, type Spreadsheet, type Sheet } from './spreadsheet';
import { zonedInstant } from './utilities';
import { toStored, type StoredValue } from './values';

/** Calls a custom function of the loaded add-on as Sheets would. */
export type CustomFunctionCaller = (name: string, args: unknown[]) => unknown;

/** What a formula cell shows after recalculation, with the message behind an error. */
export interface FormulaResult {
  sheet: string;
  cell: string;
  formula: string;
  error: string | null;
}

type Argument = { kind: 'range'; a1: string } | { kind: 'value'; value: unknown } | { kind: 'call'; name: string; args: Argument[] };

/**
 * Parses the formulas the add-on writes: one function call whose arguments
 * are ranges (`'Sheet'!A1:J`), text, numbers, omitted arguments, DATE(y,m,d)
 * and TODAY(). Anything else is refused by name.
 */
export function parseFormula(formula: string): { name: string; args: Argument[] } {
  let at = 1;
  const text = formula;
  const skipSpace = () => {
    while (text[at] === ' ') at++;
  };
  const expect = (char: string) => {
    skipSpace();
    if (text[at] !== char) throw new Error(`runtime: cannot parse formula ${formula} at ${at}: expected "${char}"`);
    at++;
  };
  const parseCall = (): { name: string; args: Argument[] } => {
    skipSpace();
    const name = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(text.slice(at))?.[0];
    if (!name) throw new Error(`runtime: cannot parse formula ${formula}`);
    at += name.length;
    expect('(');
    const args: Argument[] = [];
    skipSpace();
    if (text[at] === ')') {
      at++;
      return { name: name.toUpperCase(), args };
    }
    for (;;) {
      args.push(parseArgument());
      skipSpace();
      if (text[at] === ',' || text[at] === ';') {
        at++;
        continue;
      }
      expect(')');
      return { name: name.toUpperCase(), args };
    }
  };
  const parseArgument = (): Argument => {
    skipSpace();
    const rest = text.slice(at);
    if (rest[0] === ',' || rest[0] === ';' || rest[0] === ')') return { kind: 'value', value: '' };
    if (rest[0] === '"') {
      let value = '';
      at++;
      for (;;) {
        if (at >= text.length) throw new Error(`runtime: unterminated text in ${formula}`);
        if (text[at] === '"') {
          if (text[at + 1] === '"') {
            value += '"';
            at += 2;
            continue;
          }
          at++;
          return { kind: 'value', value };
        }
        value += text[at++];
      }
    }
    const number = /^-?\d+(\.\d+)?/.exec(rest);
    if (number && !/^[A-Za-z]/.test(rest.slice(number[0].length))) {
      at += number[0].length;
      return { kind: 'value', value: Number(number[0]) };
    }
    const range = /^((?:'(?:[^']|'')+'|[A-Za-z0-9_]+)!)?\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d*)?/.exec(rest);
    if (range && !/^\(/.test(rest.slice(range[0].length))) {
      at += range[0].length;
      return { kind: 'range', a1: range[0] };
    }
    const call = parseCall();
    return { kind: 'call', ...call };
  };
  if (text[0] !== '=') throw new Error(`runtime: not a formula: ${formula}`);
  const call = parseCall();
  skipSpace();
  if (at !== text.length) throw new Error(`runtime: cannot parse formula ${formula}: unexpected "${text.slice(at)}"`);
  return call;
}

/**
 * Recalculates every formula of a spreadsheet, spilling array results from
 * the formula's cell, as Sheets does. A spill onto a cell that holds
 * something else gives #REF!; a thrown error gives #ERROR! with its message.
 */
export class FormulaEngine {
  /** Cells each formula spilled into, so a recalculation can clear them first. */
  private readonly spills = new Map<string, Array<[number, number]>>();
  /**
   * Custom-function results by function and argument values: Sheets
   * recomputes a custom function only when its arguments change
   * (developers.google.com/apps-script/guides/sheets/functions, "Arguments":
   * results are cached; they are not recomputed for a change of anything a
   * function reads by itself, such as properties or another sheet). The
   * docs do not say whether a formula entered again reuses a cached call: we
   * take the stricter reading, keyed by the call (not the cell), so it does.
   * A change of the spreadsheet's zone or locale recalculates everything.
   */
  private readonly results = new Map<string, { output: unknown } | { error: string }>();
  /** How many times a custom function actually ran: what a test of recalculation counts. */
  customCalls = 0;

  constructor(
    private readonly spreadsheet: Spreadsheet,
    private readonly callCustom: CustomFunctionCaller,
    private readonly makeDate: (ms: number) => Date,
    private readonly now: () => number,
  ) {}

  recalculate(): FormulaResult[] {
    const results: FormulaResult[] = [];
    for (const sheet of this.spreadsheet.sheets) {
      for (const [key, formula] of sheet.formulas) {
        const [row, column] = key.split(',').map(Number);
        results.push(this.evaluateCell(sheet, row, column, formula));
      }
    }
    return results;
  }

  private evaluateCell(sheet: Sheet, row: number, column: number, formula: string): FormulaResult {
    const spillKey = `${sheet.name}!${row},${column}`;
    for (const [r, c] of this.spills.get(spillKey) ?? []) sheet.write(r, c, '');
    this.spills.delete(spillKey);
    const cell = `${columnName(column)}${row}`;
    let output: unknown;
    let name = '';
    try {
      const parsed = parseFormula(formula);
      name = parsed.name;
      output = this.callFunction(name, parsed.args.map((arg) => this.evaluate(arg)), parsed.args);
    } catch (error) {
      sheet.write(row, column, '#ERROR!');
      return { sheet: sheet.name, cell, formula, error: error instanceof Error ? error.message : String(error) };
    }
    const rows: unknown[][] = Array.isArray(output) ? (output as unknown[]).map((line) => (Array.isArray(line) ? line : [line])) : [[output]];
    // An array result does not grow the sheet: Sheets shows #REF! and asks for rows or columns (message as Sheets shows it).
    const missingRows = row + rows.length - 1 - sheet.maxRows;
    const missingColumns = column + Math.max(...rows.map((line) => line.length)) - 1 - sheet.maxColumns;
    if (missingRows > 0 || missingColumns > 0) {
      sheet.write(row, column, '#REF!');
      const what = missingRows > 0 ? `rows (${missingRows})` : `columns (${missingColumns})`;
      return { sheet: sheet.name, cell, formula, error: `Result was not automatically expanded, please insert more ${what}.` };
    }
    // A cell holds 50,000 characters ("Files you can store in Google Drive"); a longer text result is an error.
    const tooLong = rows.flat().find((value) => typeof value === 'string' && value.length > MAX_CELL_CHARACTERS);
    if (tooLong !== undefined) {
      sheet.write(row, column, '#VALUE!');
      return { sheet: sheet.name, cell, formula, error: `Text result of ${name} is longer than the limit of ${MAX_CELL_CHARACTERS} characters.` };
    }
    for (let r = 0; r < rows.length; r++) {
      for (let c = 0; c < rows[r].length; c++) {
        if ((r > 0 || c > 0) && (sheet.read(row + r, column + c) !== '' || sheet.formulas.has(`${row + r},${column + c}`))) {
          sheet.write(row, column, '#REF!');
          return { sheet: sheet.name, cell, formula, error: `Array result was not expanded because it would overwrite data in ${columnName(column + c)}${row + r}.` };
        }
      }
    }
    const spilled: Array<[number, number]> = [];
    rows.forEach((line, r) =>
      line.forEach((value, c) => {
        sheet.write(row + r, column + c, toStored(value) as StoredValue);
        spilled.push([row + r, column + c]);
      }),
    );
    this.spills.set(spillKey, spilled);
    return { sheet: sheet.name, cell, formula, error: null };
  }

  private evaluate(argument: Argument): unknown {
    switch (argument.kind) {
      case 'value':
        return argument.value;
      case 'range': {
        const grid = parseA1(argument.a1);
        const sheet = grid.sheetName ? this.spreadsheet.sheet(grid.sheetName) : this.spreadsheet.sheets[0];
        if (!sheet) throw new Error(`Unresolved sheet name '${grid.sheetName}'.`);
        // An open end reaches the grid's last row.
        const range = { row: grid.startRow, column: grid.startColumn, numRows: (grid.endRow ?? sheet.maxRows) - grid.startRow + 1, numColumns: grid.endColumn - grid.startColumn + 1 };
        const values: unknown[][] = [];
        for (let r = 0; r < range.numRows; r++) {
          const row: unknown[] = [];
          for (let c = 0; c < range.numColumns; c++) {
            const value = sheet.read(range.row + r, range.column + c);
            row.push(value instanceof Date ? this.makeDate(value.getTime()) : value);
          }
          values.push(row);
        }
        // Sheets passes a one-cell range as a plain value.
        return values.length === 1 && values[0].length === 1 ? values[0][0] : values;
      }
      case 'call':
        return this.callFunction(argument.name, argument.args.map((arg) => this.evaluate(arg)), argument.args);
    }
  }

  private callFunction(name: string, args: unknown[], raw: readonly Argument[]): unknown {
    const zone = this.spreadsheet.getSpreadsheetTimeZone();
    if (name === 'NOW') return this.makeDate(this.now());
    if (name === 'RAND') return Math.random();
    if (name === 'RANDBETWEEN') {
      const [low, high] = args.map(Number);
      return Math.ceil(low) + Math.floor(Math.random() * (Math.floor(high) - Math.ceil(low) + 1));
    }
    if (name === 'RANDARRAY') {
      const [rows, columns] = [Number(args[0] || 1), Number(args[1] || 1)];
      return Array.from({ length: rows }, () => Array.from({ length: columns }, () => Math.random()));
    }
    // A custom function may not take a volatile function's result, directly or through the cells it reads.
    if (raw.some((argument) => this.reachesVolatile(argument, new Set()))) throw new Error(VOLATILE_ARGUMENT);
    if (name === 'DATE') {
      const [year, month, day] = args.map(Number);
      return this.makeDate(zonedInstant(zone, year, month, day));
    }
    if (name === 'TODAY') {
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(this.now()).split('-').map(Number);
      return this.makeDate(zonedInstant(zone, today[0], today[1], today[2]));
    }
    const key = `${name}\u0000${zone}\u0000${this.spreadsheet.getSpreadsheetLocale()}\u0000${signature(args)}`;
    let known = this.results.get(key);
    if (!known) {
      this.customCalls++;
      try {
        known = { output: this.callCustom(name, args) };
      } catch (error) {
        known = { error: error instanceof Error ? error.message : String(error) };
      }
      this.results.set(key, known);
    }
    if ('error' in known) throw new Error(known.error);
    return known.output;
  }

  /** Whether an argument is, or reads a cell whose formula (or what it reads) is, NOW(), RAND(), RANDARRAY() or RANDBETWEEN(). */
  private reachesVolatile(argument: Argument, seen: Set<string>): boolean {
    if (argument.kind === 'value') return false;
    if (argument.kind === 'call') return VOLATILE.has(argument.name) || argument.args.some((inner) => this.reachesVolatile(inner, seen));
    const grid = parseA1(argument.a1);
    const sheet = grid.sheetName ? this.spreadsheet.sheet(grid.sheetName) : this.spreadsheet.sheets[0];
    if (!sheet) return false;
    const endRow = grid.endRow ?? sheet.maxRows;
    const inRange = (row: number, column: number) => row >= grid.startRow && row <= endRow && column >= grid.startColumn && column <= grid.endColumn;
    for (const [key, formula] of sheet.formulas) {
      const [row, column] = key.split(',').map(Number);
      const spilled = this.spills.get(`${sheet.name}!${key}`) ?? [];
      if (!inRange(row, column) && !spilled.some(([r, c]) => inRange(r, c))) continue;
      const id = `${sheet.name}!${key}`;
      if (seen.has(id)) continue;
      seen.add(id);
      let parsed: { name: string; args: Argument[] };
      try {
        parsed = parseFormula(formula);
      } catch {
        continue;
      }
      if (this.reachesVolatile({ kind: 'call', ...parsed }, seen)) return true;
    }
    return false;
  }
}

/**
 * Sheets refuses a custom function (as it does IMPORTRANGE and the other
 * import functions) whose arguments reach NOW(), RAND(), RANDARRAY() or
 * RANDBETWEEN(), directly or through a referenced cell; TODAY() is allowed.
 * The message as Sheets shows it today (Docs Editors Help, "IMPORTRANGE",
 * Volatility, quotes the older wording without RANDARRAY; current reports
 * quote this one).
 */
export const VOLATILE_ARGUMENT = 'This function is not allowed to reference a cell with NOW(), RAND(), RANDARRAY(), or RANDBETWEEN()';
const VOLATILE = new Set(['NOW', 'RAND', 'RANDARRAY', 'RANDBETWEEN']);

/** Argument values (dates by their instant) as a SHA-256 of their text: what decides whether a call is the same call, kept short. */
function signature(args: unknown[]): string {
  const text = JSON.stringify(args, function (this: unknown, key: string, value: unknown) {
    const raw = (this as Record<string, unknown>)[key];
    if (raw !== null && typeof raw === 'object' && Object.prototype.toString.call(raw) === '[object Date]') return { date: (raw as Date).getTime() };
    return value === undefined ? null : value;
  });
  return createHash('sha256').update(text).digest('base64');
}
