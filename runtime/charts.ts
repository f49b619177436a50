import type { Range, Sheet } from './spreadsheet';

export const ChartType = Object.freeze({ AREA: 'AREA', BAR: 'BAR', COLUMN: 'COLUMN', LINE: 'LINE', PIE: 'PIE', SCATTER: 'SCATTER', TABLE: 'TABLE', COMBO: 'COMBO' });

/** A chart placed on a sheet, as the tests and the sandbox read it back. */
export interface ChartRecord {
  type: string;
  ranges: string[];
  position: { row: number; column: number };
  options: Record<string, unknown>;
}

export class EmbeddedChart {
  constructor(readonly record: ChartRecord) {}
  getRanges(): string[] {
    return this.record.ranges;
  }
  getOptions(): Record<string, unknown> {
    return this.record.options;
  }
}

/** Sheet.newChart(): the EmbeddedChartBuilder members the add-on uses. */
export class EmbeddedChartBuilder {
  private readonly record: ChartRecord = { type: ChartType.COLUMN, ranges: [], position: { row: 1, column: 1 }, options: {} };

  constructor(private readonly sheet: Sheet) {}

  private face(): EmbeddedChartBuilder {
    return this.sheet.spreadsheet.state.expose('EmbeddedChartBuilder', this);
  }
  addRange(range: Range): EmbeddedChartBuilder {
    this.record.ranges.push(`${range.getSheet().getName()}!${range.getA1Notation()}`);
    return this.face();
  }
  /** Class EmbeddedChartBuilder, setChartType(type): a Charts.ChartType value. */
  setChartType(type: string): EmbeddedChartBuilder {
    if (!(type in ChartType)) throw new Error(`Exception: Invalid argument: chartType`);
    this.record.type = type;
    return this.face();
  }
  setPosition(anchorRow: number, anchorColumn: number): EmbeddedChartBuilder {
    this.record.position = { row: anchorRow, column: anchorColumn };
    return this.face();
  }
  setOption(option: string, value: unknown): EmbeddedChartBuilder {
    this.record.options[option] = value;
    return this.face();
  }
  setNumHeaders(headers: number): EmbeddedChartBuilder {
    this.record.options.numHeaders = headers;
    return this.face();
  }
  /** Class EmbeddedChartBuilder, build(): a chart with no range has nothing to show; refused (the docs are silent: the stricter reading). */
  build(): EmbeddedChart {
    if (this.record.ranges.length === 0) throw new Error('Exception: A chart needs at least one range.');
    return this.sheet.spreadsheet.state.expose('EmbeddedChart', new EmbeddedChart({ ...this.record, ranges: [...this.record.ranges] }));
  }
}
