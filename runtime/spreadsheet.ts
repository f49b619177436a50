import { columnName, parseA1, type GridRange } from './a1';
import { EmbeddedChart as EmbeddedChartClass, EmbeddedChartBuilder, type ChartRecord, type EmbeddedChart } from './charts';
import type { RuntimeState } from './state';
import { toStored, typedValue, type StoredValue, type TypingContext } from './values';

// Sheets help, "Files you can store in Google Drive" (spreadsheets): a new sheet is 1000 rows x 26 columns,
// a spreadsheet holds at most 10 million cells, a cell at most 50,000 characters.
const DEFAULT_ROWS = 1000;
const DEFAULT_COLUMNS = 26;
export const MAX_CELLS = 10_000_000;
export const MAX_CELL_CHARACTERS = 50_000;
// The docs give no text for these errors; these are the messages people report from Apps Script.
const OUTSIDE_GRID = 'Exception: The coordinates of the range are outside the dimensions of the sheet.';
/** Range.setNumberFormat: "@" formats a cell as plain text. */
export const PLAIN_TEXT = '@';
const TOO_MANY_CELLS = `Exception: This action would increase the number of cells in the workbook above the limit of ${MAX_CELLS} cells.`;

/** Text over the cell limit is refused, as Sheets refuses it ("Files you can store in Google Drive"). */
export function checkCellText(value: StoredValue): void {
  if (typeof value === 'string' && value.length > MAX_CELL_CHARACTERS) {
    throw new Error(`Exception: Your input contains more than the maximum of ${MAX_CELL_CHARACTERS} characters in a single cell.`);
  }
}

export interface SpreadsheetOptions {
  id: string;
  name: string;
  timeZone: string;
  locale: string;
  owner: string;
}

/** An in-memory spreadsheet with the members of SpreadsheetApp.Spreadsheet the add-on uses. */
export class Spreadsheet {
  readonly sheets: Sheet[] = [];
  activeSheet: Sheet | null = null;
  readonly toasts: string[] = [];
  private nextSheetId = 0;

  constructor(readonly state: RuntimeState, readonly options: SpreadsheetOptions) {}

  face(): GoogleAppsScript.Spreadsheet.Spreadsheet {
    return this.state.expose('Spreadsheet', this) as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet;
  }

  getId(): string {
    return this.options.id;
  }
  getName(): string {
    return this.options.name;
  }
  getUrl(): string {
    return `https://docs.google.com/spreadsheets/d/${this.options.id}/edit`;
  }
  getSpreadsheetTimeZone(): string {
    return this.options.timeZone;
  }
  setSpreadsheetTimeZone(timeZone: string): this {
    this.options.timeZone = timeZone;
    return this.face() as never;
  }
  getSpreadsheetLocale(): string {
    return this.options.locale;
  }
  setSpreadsheetLocale(locale: string): this {
    this.options.locale = locale;
    return this.face() as never;
  }
  getSheets(): GoogleAppsScript.Spreadsheet.Sheet[] {
    return this.sheets.map((sheet) => sheet.face());
  }
  getSheetByName(name: string): GoogleAppsScript.Spreadsheet.Sheet | null {
    return this.sheet(name)?.face() ?? null;
  }
  getActiveSheet(): GoogleAppsScript.Spreadsheet.Sheet {
    return (this.activeSheet ?? this.sheets[0]).face();
  }
  insertSheet(name?: string): GoogleAppsScript.Spreadsheet.Sheet {
    const sheetName = name ?? `Sheet${this.sheets.length + 1}`;
    // Class Spreadsheet, insertSheet(sheetName): names are unique; the message is the one Apps Script gives.
    if (this.sheet(sheetName)) {
      throw new Error(`Exception: A sheet with the name "${sheetName}" already exists. Please enter another name.`);
    }
    const sheet = this.addSheet(sheetName, [], { rows: DEFAULT_ROWS, columns: DEFAULT_COLUMNS });
    this.activeSheet = sheet;
    return sheet.face();
  }
  deleteSheet(sheet: GoogleAppsScript.Spreadsheet.Sheet): void {
    const index = this.sheets.findIndex((candidate) => candidate.getName() === sheet.getName());
    if (index >= 0) this.sheets.splice(index, 1);
  }
  getRange(a1: string): GoogleAppsScript.Spreadsheet.Range {
    const grid = parseA1(a1);
    const sheet = grid.sheetName ? this.sheet(grid.sheetName) : this.activeSheet ?? this.sheets[0];
    if (!sheet) throw new Error(`Exception: Range not found`);
    return sheet.rangeOf(grid).face();
  }
  toast(message: string): void {
    this.toasts.push(message);
  }
  /** Class Spreadsheet, createTextFinder(findText): a search of every sheet. */
  createTextFinder(findText: string): GoogleAppsScript.Spreadsheet.TextFinder {
    if (typeof findText !== 'string' || findText === '') throw new Error('Exception: Invalid argument: findText');
    return this.state.expose('TextFinder', new TextFinder(this.sheets, findText)) as unknown as GoogleAppsScript.Spreadsheet.TextFinder;
  }

  /** Not an Apps Script member: used by the runtime and the tests. */
  sheet(name: string): Sheet | undefined {
    return this.sheets.find((sheet) => sheet.name === name);
  }

  /**
   * Not an Apps Script member: adds a sheet without going through the
   * add-on's call log. With values, as Sheets imports a file: the grid is
   * exactly the data's size. Without, a new sheet's 1000 x 26.
   */
  addSheet(name: string, values: StoredValue[][] = [], grid?: { rows: number; columns: number }): Sheet {
    const sheet = new Sheet(this, name, this.nextSheetId++);
    const width = values.reduce((widest, row) => Math.max(widest, row.length), 0);
    sheet.maxRows = grid?.rows ?? (values.length ? values.length : DEFAULT_ROWS);
    sheet.maxColumns = grid?.columns ?? (values.length ? Math.max(1, width) : DEFAULT_COLUMNS);
    this.checkGrowth(sheet.maxRows * sheet.maxColumns);
    values.forEach((row, r) => row.forEach((value, c) => sheet.write(r + 1, c + 1, value)));
    this.sheets.push(sheet);
    return sheet;
  }

  /** Not an Apps Script member: cells in every sheet's grid. */
  cellCount(): number {
    return this.sheets.reduce((total, sheet) => total + sheet.maxRows * sheet.maxColumns, 0);
  }

  /** Not an Apps Script member: refuses growth past the spreadsheet's 10 million cells. */
  checkGrowth(extraCells: number): void {
    if (this.cellCount() + extraCells > MAX_CELLS) throw new Error(TOO_MANY_CELLS);
  }
}

/** An in-memory sheet. */
export class Sheet {
  /** Values by row then column, 0-based; formula cells hold their computed value. */
  readonly values: StoredValue[][] = [];
  readonly formulas = new Map<string, string>();
  readonly numberFormats = new Map<string, string>();
  readonly fontWeights = new Map<string, string>();
  /** Data validation rules by cell ("row,column"). */
  readonly validations = new Map<string, DataValidation>();
  frozenRows = 0;
  hidden = false;
  readonly charts: ChartRecord[] = [];
  readonly columnWidths = new Map<number, number>();
  maxRows = DEFAULT_ROWS;
  maxColumns = DEFAULT_COLUMNS;

  constructor(readonly spreadsheet: Spreadsheet, public name: string, readonly id: number) {}

  face(): GoogleAppsScript.Spreadsheet.Sheet {
    return this.spreadsheet.state.expose('Sheet', this) as unknown as GoogleAppsScript.Spreadsheet.Sheet;
  }

  getName(): string {
    return this.name;
  }
  setName(name: string): GoogleAppsScript.Spreadsheet.Sheet {
    this.name = name;
    return this.face();
  }
  getSheetId(): number {
    return this.id;
  }
  getParent(): GoogleAppsScript.Spreadsheet.Spreadsheet {
    return this.spreadsheet.face();
  }
  // Class Sheet, getLastRow() / getLastColumn(): "the last row/column that has content"; a formula is content even before it is calculated.
  getLastRow(): number {
    let last = 0;
    for (const key of this.formulas.keys()) last = Math.max(last, Number(key.slice(0, key.indexOf(','))));
    for (let r = this.values.length - 1; r >= last; r--) if (this.values[r]?.some((value) => value !== '')) return r + 1;
    return last;
  }
  getLastColumn(): number {
    let last = 0;
    for (const key of this.formulas.keys()) last = Math.max(last, Number(key.slice(key.indexOf(',') + 1)));
    for (const row of this.values) {
      if (!row) continue;
      for (let c = row.length - 1; c >= last; c--) if (row[c] !== '') last = Math.max(last, c + 1);
    }
    return last;
  }
  getMaxRows(): number {
    return this.maxRows;
  }
  getMaxColumns(): number {
    return this.maxColumns;
  }
  getFrozenRows(): number {
    return this.frozenRows;
  }
  setFrozenRows(rows: number): GoogleAppsScript.Spreadsheet.Sheet {
    this.frozenRows = rows;
    return this.face();
  }
  activate(): GoogleAppsScript.Spreadsheet.Sheet {
    this.spreadsheet.activeSheet = this;
    return this.face();
  }
  getDataRange(): GoogleAppsScript.Spreadsheet.Range {
    return new Range(this, 1, 1, Math.max(1, this.getLastRow()), Math.max(1, this.getLastColumn())).face();
  }
  getRange(rowOrA1: number | string, column?: number, numRows = 1, numColumns = 1): GoogleAppsScript.Spreadsheet.Range {
    if (typeof rowOrA1 === 'string') return this.rangeOf(parseA1(rowOrA1)).face();
    // Class Sheet, getRange(row, column, numRows, numColumns): whole numbers from 1; outside the grid it throws.
    if (!Number.isInteger(rowOrA1) || !Number.isInteger(column) || rowOrA1 < 1 || (column as number) < 1 || numRows < 1 || numColumns < 1) {
      throw new Error(OUTSIDE_GRID);
    }
    return this.checkedRange(rowOrA1, column as number, numRows, numColumns).face();
  }
  /** Class Sheet reference, appendRow: the one write that adds a row (and columns) when the data reaches the grid's end. */
  appendRow(row: unknown[]): GoogleAppsScript.Spreadsheet.Sheet {
    const stored = row.map(toStored);
    stored.forEach(checkCellText);
    const at = this.getLastRow() + 1;
    this.grow(Math.max(0, at - this.maxRows), Math.max(0, stored.length - this.maxColumns));
    // Written as setValues writes: the text read as if typed.
    this.checkedRange(at, 1, 1, Math.max(1, stored.length)).setValues([row.length ? row : ['']]);
    return this.face();
  }
  // Class Sheet reference, insertRows…/insertColumns…: the only other ways a sheet grows; a position outside the grid throws.
  insertRowsAfter(afterPosition: number, howMany: number): GoogleAppsScript.Spreadsheet.Sheet {
    return this.insertRows(afterPosition + 1, howMany, afterPosition);
  }
  insertRowAfter(afterPosition: number): GoogleAppsScript.Spreadsheet.Sheet {
    return this.insertRows(afterPosition + 1, 1, afterPosition);
  }
  insertRowsBefore(beforePosition: number, howMany: number): GoogleAppsScript.Spreadsheet.Sheet {
    return this.insertRows(beforePosition, howMany, beforePosition);
  }
  insertRowBefore(beforePosition: number): GoogleAppsScript.Spreadsheet.Sheet {
    return this.insertRows(beforePosition, 1, beforePosition);
  }
  insertColumnsAfter(afterPosition: number, howMany: number): GoogleAppsScript.Spreadsheet.Sheet {
    return this.insertColumns(afterPosition + 1, howMany, afterPosition);
  }
  insertColumnAfter(afterPosition: number): GoogleAppsScript.Spreadsheet.Sheet {
    return this.insertColumns(afterPosition + 1, 1, afterPosition);
  }
  insertColumnsBefore(beforePosition: number, howMany: number): GoogleAppsScript.Spreadsheet.Sheet {
    return this.insertColumns(beforePosition, howMany, beforePosition);
  }
  insertColumnBefore(beforePosition: number): GoogleAppsScript.Spreadsheet.Sheet {
    return this.insertColumns(beforePosition, 1, beforePosition);
  }

  // Class Sheet reference, deleteRow(s)/deleteColumn(s): what a person does by hand as well; the rest moves up or left.
  deleteRow(rowPosition: number): GoogleAppsScript.Spreadsheet.Sheet {
    return this.deleteRows(rowPosition, 1);
  }
  deleteRows(rowPosition: number, howMany: number): GoogleAppsScript.Spreadsheet.Sheet {
    if (!Number.isInteger(rowPosition) || rowPosition < 1 || !Number.isInteger(howMany) || howMany < 1 || rowPosition + howMany - 1 > this.maxRows) throw new Error('Exception: Those rows are out of bounds.');
    this.values.splice(rowPosition - 1, howMany);
    this.maxRows -= howMany;
    this.dropKeys(([r, c]) => (r < rowPosition ? [r, c] : r >= rowPosition + howMany ? [r - howMany, c] : null));
    return this.face();
  }
  deleteColumn(columnPosition: number): GoogleAppsScript.Spreadsheet.Sheet {
    return this.deleteColumns(columnPosition, 1);
  }
  deleteColumns(columnPosition: number, howMany: number): GoogleAppsScript.Spreadsheet.Sheet {
    if (!Number.isInteger(columnPosition) || columnPosition < 1 || !Number.isInteger(howMany) || howMany < 1 || columnPosition + howMany - 1 > this.maxColumns) throw new Error('Exception: Those columns are out of bounds.');
    for (const row of this.values) if (row) row.splice(columnPosition - 1, howMany);
    this.maxColumns -= howMany;
    this.dropKeys(([r, c]) => (c < columnPosition ? [r, c] : c >= columnPosition + howMany ? [r, c - howMany] : null));
    return this.face();
  }

  /** Moves formulas and formats keyed by "row,column" after a deletion, dropping the deleted cells'. */
  private dropKeys(move: (cell: [number, number]) => [number, number] | null): void {
    for (const map of [this.formulas, this.numberFormats, this.fontWeights, this.validations] as Array<Map<string, unknown>>) {
      const entries = [...map].flatMap(([key, value]) => {
        const moved = move(key.split(',').map(Number) as [number, number]);
        return moved ? [[moved.join(','), value] as const] : [];
      });
      map.clear();
      for (const [key, value] of entries) map.set(key, value);
    }
  }

  // Class Sheet, insertRowsAfter/Before, insertColumnsAfter/Before: a position within the grid, howMany from 1 (the docs give no
  // message for a position outside it: the one people report).
  private insertRows(at: number, howMany: number, position: number): GoogleAppsScript.Spreadsheet.Sheet {
    if (!Number.isInteger(position) || position < 1 || position > this.maxRows || !Number.isInteger(howMany) || howMany < 1) throw new Error('Exception: Those rows are out of bounds.');
    this.grow(howMany, 0);
    if (at <= this.values.length) this.values.splice(at - 1, 0, ...Array.from({ length: howMany }, () => [] as StoredValue[]));
    this.shiftKeys(([r, c]) => (r >= at ? [r + howMany, c] : [r, c]));
    return this.face();
  }

  private insertColumns(at: number, howMany: number, position: number): GoogleAppsScript.Spreadsheet.Sheet {
    if (!Number.isInteger(position) || position < 1 || position > this.maxColumns || !Number.isInteger(howMany) || howMany < 1) throw new Error('Exception: Those columns are out of bounds.');
    this.grow(0, howMany);
    for (const row of this.values) if (row && at <= row.length) row.splice(at - 1, 0, ...new Array<StoredValue>(howMany).fill(''));
    this.shiftKeys(([r, c]) => (c >= at ? [r, c + howMany] : [r, c]));
    return this.face();
  }

  /** Moves formulas and formats keyed by "row,column" after an insertion. */
  private shiftKeys(move: (cell: [number, number]) => [number, number]): void {
    for (const map of [this.formulas, this.numberFormats, this.fontWeights, this.validations] as Array<Map<string, unknown>>) {
      const entries = [...map].map(([key, value]) => [move(key.split(',').map(Number) as [number, number]).join(','), value] as const);
      map.clear();
      for (const [key, value] of entries) map.set(key, value);
    }
  }

  /** Adds rows and columns at the grid's end, within the spreadsheet's 10 million cells. */
  private grow(rows: number, columns: number): void {
    if (rows === 0 && columns === 0) return;
    const added = (this.maxRows + rows) * (this.maxColumns + columns) - this.maxRows * this.maxColumns;
    this.spreadsheet.checkGrowth(added);
    this.maxRows += rows;
    this.maxColumns += columns;
  }

  /** Not an Apps Script member: a range that must lie within the grid. */
  checkedRange(row: number, column: number, numRows: number, numColumns: number): Range {
    if (row + numRows - 1 > this.maxRows || column + numColumns - 1 > this.maxColumns) throw new Error(OUTSIDE_GRID);
    return new Range(this, row, column, numRows, numColumns);
  }
  autoResizeColumns(): GoogleAppsScript.Spreadsheet.Sheet {
    return this.face();
  }
  hideSheet(): GoogleAppsScript.Spreadsheet.Sheet {
    this.hidden = true;
    return this.face();
  }
  isSheetHidden(): boolean {
    return this.hidden;
  }
  setColumnWidth(column: number, width: number): GoogleAppsScript.Spreadsheet.Sheet {
    this.columnWidths.set(column, width);
    return this.face();
  }
  newChart(): EmbeddedChartBuilder {
    return this.spreadsheet.state.expose('EmbeddedChartBuilder', new EmbeddedChartBuilder(this));
  }
  insertChart(chart: EmbeddedChart): void {
    this.charts.push(chart.record);
  }
  getCharts(): EmbeddedChart[] {
    return this.charts.map((record) => this.spreadsheet.state.expose('EmbeddedChart', new EmbeddedChartClass(record)));
  }
  clear(): GoogleAppsScript.Spreadsheet.Sheet {
    this.values.length = 0;
    this.formulas.clear();
    return this.face();
  }

  /**
   * Not an Apps Script member: a range from parsed A1, open ends reaching
   * the sheet's last row; outside the grid it throws (the docs are silent
   * on A1 ranges past the grid: the stricter reading).
   */
  rangeOf(grid: GridRange): Range {
    const endRow = grid.endRow ?? this.maxRows;
    return this.checkedRange(grid.startRow, grid.startColumn, endRow - grid.startRow + 1, grid.endColumn - grid.startColumn + 1);
  }

  /** Not an Apps Script member: reads a stored value (1-based). */
  read(row: number, column: number): StoredValue {
    return this.values[row - 1]?.[column - 1] ?? '';
  }

  /** Not an Apps Script member: writes a stored value (1-based) within the grid; only appendRow and insert… grow it. */
  write(row: number, column: number, value: StoredValue): void {
    if (row > this.maxRows || column > this.maxColumns) throw new Error(`runtime: ${this.name}!${columnName(column)}${row} is outside the sheet's ${this.maxRows} x ${this.maxColumns} grid`);
    while (this.values.length < row) this.values.push([]);
    const cells = this.values[row - 1];
    while (cells.length < column) cells.push('');
    cells[column - 1] = value;
  }
}

/** An in-memory range. */
export class Range {
  constructor(
    readonly sheet: Sheet,
    readonly row: number,
    readonly column: number,
    readonly numRows: number,
    readonly numColumns: number,
  ) {}

  face(): GoogleAppsScript.Spreadsheet.Range {
    return this.sheet.spreadsheet.state.expose('Range', this) as unknown as GoogleAppsScript.Spreadsheet.Range;
  }

  getRow(): number {
    return this.row;
  }
  getColumn(): number {
    return this.column;
  }
  getNumRows(): number {
    return this.numRows;
  }
  getNumColumns(): number {
    return this.numColumns;
  }
  getLastRow(): number {
    return this.row + this.numRows - 1;
  }
  getLastColumn(): number {
    return this.column + this.numColumns - 1;
  }
  getSheet(): GoogleAppsScript.Spreadsheet.Sheet {
    return this.sheet.face();
  }
  getA1Notation(): string {
    const start = `${columnName(this.column)}${this.row}`;
    if (this.numRows === 1 && this.numColumns === 1) return start;
    return `${start}:${columnName(this.getLastColumn())}${this.getLastRow()}`;
  }
  getValues(): unknown[][] {
    const make = this.sheet.spreadsheet.state.makeDate;
    const rows: unknown[][] = new Array(this.numRows);
    for (let r = 0; r < this.numRows; r++) {
      const source = this.sheet.values[this.row - 1 + r];
      const row: unknown[] = new Array(this.numColumns);
      for (let c = 0; c < this.numColumns; c++) {
        const value = source?.[this.column - 1 + c] ?? '';
        row[c] = value instanceof Date ? make(value.getTime()) : value;
      }
      rows[r] = row;
    }
    return rows;
  }
  getDisplayValues(): string[][] {
    return this.getValues().map((row) => row.map((value) => (Object.prototype.toString.call(value) === '[object Date]' ? (value as Date).toISOString().slice(0, 10) : String(value))));
  }
  getValue(): unknown {
    return this.getValues()[0][0];
  }
  /** Class Range, setValues(values): the grid must match the range's dimensions; Apps Script's messages. */
  setValues(values: unknown[][]): GoogleAppsScript.Spreadsheet.Range {
    if (!Array.isArray(values) || values.length !== this.numRows) {
      throw new Error(`Exception: The number of rows in the data does not match the number of rows in the range. The data has ${Array.isArray(values) ? values.length : 0} but the range has ${this.numRows}.`);
    }
    values.forEach((row) => {
      if (!Array.isArray(row) || row.length !== this.numColumns) {
        throw new Error(`Exception: The number of columns in the data does not match the number of columns in the range. The data has ${Array.isArray(row) ? row.length : 0} but the range has ${this.numColumns}.`);
      }
    });
    const stored = values.map((row) => row.map(toStored));
    stored.forEach((row) => row.forEach(checkCellText));
    const context = this.typingContext();
    stored.forEach((row, r) => row.forEach((value, c) => this.store(this.row + r, this.column + c, value, context)));
    return this.face();
  }
  setValue(value: unknown): GoogleAppsScript.Spreadsheet.Range {
    const stored = toStored(value);
    checkCellText(stored);
    this.store(this.row, this.column, stored, this.typingContext());
    return this.face();
  }

  /**
   * Stores a value as Sheets does with setValue(s): a string is read as if
   * typed into the cell (values.ts, typedValue: numbers, dates, formulas, a
   * leading apostrophe keeping text), unless the cell's number format is
   * plain text ("@", Range.setNumberFormat reference: "@" is plain text),
   * which keeps the string as given (a leading apostrophe included: the docs
   * are silent on it there, and keeping every character is the stricter
   * reading). Numbers, booleans and dates stay as they are.
   */
  private store(row: number, column: number, value: StoredValue, context: TypingContext): void {
    const key = `${row},${column}`;
    this.sheet.formulas.delete(key);
    if (typeof value !== 'string' || value === '' || this.sheet.numberFormats.get(key) === PLAIN_TEXT) {
      this.sheet.write(row, column, value);
      return;
    }
    const typed = typedValue(value, context);
    if ('formula' in typed) {
      this.sheet.formulas.set(key, typed.formula);
      this.sheet.write(row, column, '');
      return;
    }
    this.sheet.write(row, column, typed.value);
  }

  /** The spreadsheet's zone, locale and today, which decide how typed text reads. */
  private typingContext(): TypingContext {
    const spreadsheet = this.sheet.spreadsheet;
    return { timeZone: spreadsheet.options.timeZone, locale: spreadsheet.options.locale, now: spreadsheet.state.now };
  }
  /** Class Range, setFormula(formula): a formula in A1 notation, starting with "="; text that does not is refused (the stricter reading). */
  setFormula(formula: string): GoogleAppsScript.Spreadsheet.Range {
    if (typeof formula !== 'string' || !formula.startsWith('=')) throw new Error(`Exception: Formula must start with "=": ${String(formula)}`);
    for (let r = 0; r < this.numRows; r++) {
      for (let c = 0; c < this.numColumns; c++) {
        this.sheet.formulas.set(`${this.row + r},${this.column + c}`, formula);
        this.sheet.write(this.row + r, this.column + c, '');
      }
    }
    return this.face();
  }
  setDataValidation(rule: DataValidation | null): GoogleAppsScript.Spreadsheet.Range {
    this.eachCell((key) => (rule ? this.sheet.validations.set(key, rule) : this.sheet.validations.delete(key)));
    return this.face();
  }
  getDataValidation(): DataValidation | null {
    return this.sheet.validations.get(`${this.row},${this.column}`) ?? null;
  }
  getFormula(): string {
    return this.sheet.formulas.get(`${this.row},${this.column}`) ?? '';
  }
  /** Class Range, getFormulas(): each cell's formula, "" where it holds none. */
  getFormulas(): string[][] {
    return Array.from({ length: this.numRows }, (_, r) => Array.from({ length: this.numColumns }, (_, c) => this.sheet.formulas.get(`${this.row + r},${this.column + c}`) ?? ''));
  }
  setNumberFormat(format: string): GoogleAppsScript.Spreadsheet.Range {
    this.eachCell((key) => this.sheet.numberFormats.set(key, format));
    return this.face();
  }
  getNumberFormat(): string {
    return this.sheet.numberFormats.get(`${this.row},${this.column}`) ?? 'General';
  }
  setFontWeight(weight: string): GoogleAppsScript.Spreadsheet.Range {
    this.eachCell((key) => this.sheet.fontWeights.set(key, weight));
    return this.face();
  }
  clearContent(): GoogleAppsScript.Spreadsheet.Range {
    this.eachCell((key, r, c) => {
      this.sheet.formulas.delete(key);
      if (this.sheet.values[r - 1]) this.sheet.values[r - 1][c - 1] = '';
    });
    return this.face();
  }

  private eachCell(visit: (key: string, row: number, column: number) => void): void {
    for (let r = this.row; r <= this.getLastRow(); r++) for (let c = this.column; c <= this.getLastColumn(); c++) visit(`${r},${c}`, r, c);
  }
}

/** A data validation rule; only "value in list", which the add-on uses for dropdowns. */
export class DataValidation {
  constructor(readonly values: readonly string[], readonly showDropdown: boolean, readonly allowInvalid: boolean, readonly helpText: string) {}
  getCriteriaValues(): unknown[] {
    return [[...this.values], this.showDropdown];
  }
  getAllowInvalid(): boolean {
    return this.allowInvalid;
  }
  getHelpText(): string {
    return this.helpText;
  }
  /** Not an Apps Script member: whether a typed value passes. */
  accepts(value: StoredValue): boolean {
    return value === '' || this.values.includes(String(value));
  }
}

/** SpreadsheetApp.newDataValidation(): the builder. */
export class DataValidationBuilder {
  private values: string[] | null = null;
  private showDropdown = true;
  private allowInvalid = true;
  private helpText = '';
  constructor(private readonly state: RuntimeState) {}
  private face(): DataValidationBuilder {
    return this.state.expose('DataValidationBuilder', this);
  }
  /** Class DataValidationBuilder, requireValueInList(values, showDropdown): a non-empty list (the docs are silent on an empty one: refused). */
  requireValueInList(values: string[], showDropdown = true): DataValidationBuilder {
    if (!Array.isArray(values) || values.length === 0) throw new Error("Exception: The parameters don't match the method signature for DataValidationBuilder.requireValueInList.");
    this.values = values.map(String);
    this.showDropdown = showDropdown;
    return this.face();
  }
  setAllowInvalid(allowInvalid: boolean): DataValidationBuilder {
    this.allowInvalid = allowInvalid;
    return this.face();
  }
  setHelpText(helpText: string): DataValidationBuilder {
    this.helpText = helpText;
    return this.face();
  }
  /** Class DataValidationBuilder, build(): a rule without criteria is refused (the docs are silent: the stricter reading). */
  build(): DataValidation {
    if (!this.values) throw new Error('Exception: A data validation rule needs criteria.');
    return this.state.expose('DataValidation', new DataValidation(this.values, this.showDropdown, this.allowInvalid, this.helpText));
  }
}

/**
 * Class TextFinder (developers.google.com/apps-script/reference/spreadsheet/text-finder):
 * the members the add-on uses. Case-insensitive and partial by default; with
 * matchFormulaText(true) a formula cell matches by its formula's text, else
 * by what it shows.
 */
export class TextFinder {
  private caseSensitive = false;
  private formulaText = false;

  constructor(
    private readonly sheets: readonly Sheet[],
    private readonly findText: string,
  ) {}

  matchCase(matchCase: boolean): this {
    this.caseSensitive = matchCase;
    return this;
  }
  matchFormulaText(matchFormulaText: boolean): this {
    this.formulaText = matchFormulaText;
    return this;
  }
  findAll(): GoogleAppsScript.Spreadsheet.Range[] {
    const wanted = this.caseSensitive ? this.findText : this.findText.toLowerCase();
    const matches = (text: string) => (this.caseSensitive ? text : text.toLowerCase()).includes(wanted);
    const found: GoogleAppsScript.Spreadsheet.Range[] = [];
    for (const sheet of this.sheets) {
      const cells: Array<[number, number]> = [...sheet.formulas.keys()].map((key) => key.split(',').map(Number) as [number, number]);
      sheet.values.forEach((line, r) => line?.forEach((value, c) => value !== '' && !sheet.formulas.has(`${r + 1},${c + 1}`) && cells.push([r + 1, c + 1])));
      cells.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      for (const [row, column] of cells) {
        const formula = sheet.formulas.get(`${row},${column}`);
        const value = sheet.read(row, column);
        const text = formula !== undefined && this.formulaText ? formula : value instanceof Date ? value.toISOString() : String(value);
        if (text !== '' && matches(text)) found.push(new Range(sheet, row, column, 1, 1).face());
      }
    }
    return found;
  }
}
