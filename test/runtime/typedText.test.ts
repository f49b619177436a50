import { describe, expect, it } from 'vitest';
import { AppsScriptRuntime, zonedInstant } from '../../runtime/index';
import { VOLATILE_ARGUMENT } from '../../runtime/formulas';

/** A runtime whose script writes the given strings into row 1 of sheet S, in a spreadsheet of that locale. */
function written(texts: string[], locale = 'en_US', timeZone = 'Europe/Moscow', plainText = false) {
  const runtime = new AppsScriptRuntime({ now: '2026-11-25T09:00:00Z' }).load({
    code: `function put(texts, plain) {
      const range = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('S').getRange(1, 1, 1, texts.length);
      if (plain) range.setNumberFormat('@');
      range.setValues([texts]);
    }
    function one(text) { SpreadsheetApp.getActiveSpreadsheet().getSheetByName('S').getRange(2, 1).setValue(text); }
    function append(texts) { SpreadsheetApp.getActiveSpreadsheet().getSheetByName('S').appendRow(texts); }`,
  });
  const spreadsheet = runtime.createSpreadsheet({ timeZone, locale });
  const sheet = spreadsheet.addSheet('S', [], { rows: 10, columns: 26 });
  runtime.run('put', [texts, plainText]);
  return { runtime, spreadsheet, sheet };
}

const day = (zone: string, y: number, m: number, d: number) => new Date(zonedInstant(zone, y, m, d));

describe('text written with setValue(s) reads as if typed into the cell', () => {
  it('in en_US: leading zeros dropped, dates with and without a year, a formula, an apostrophe keeping text', () => {
    const { sheet } = written(['00000145', '00123', '1/2', '1-2', '2026-01-05', '2026-01', '1,234.50', '12%', 'TRUE', '=SUM(1)', "'00123", "'=SUM(1)", 'INV-0412', 'Acme', '1,5']);
    const zone = 'Europe/Moscow';
    expect(sheet.values[0]).toEqual([145, 123, day(zone, 2026, 1, 2), day(zone, 2026, 1, 2), day(zone, 2026, 1, 5), day(zone, 2026, 1, 1), 1234.5, 0.12, true, '', '00123', '=SUM(1)', 'INV-0412', 'Acme', '1,5']);
    expect(sheet.formulas.get('1,10')).toBe('=SUM(1)');
    expect(sheet.formulas.has('1,12')).toBe(false);
  });

  it('in ru_RU: a decimal comma, day-first dates', () => {
    const { sheet } = written(['1,5', '1 234,56', '1/2', '05.01.2026', '1.2'], 'ru_RU');
    const zone = 'Europe/Moscow';
    expect(sheet.values[0]).toEqual([1.5, 1234.56, day(zone, 2026, 2, 1), day(zone, 2026, 1, 5), day(zone, 2026, 2, 1)]);
  });

  it('reads a phone number with a leading + as a formula, which fails', () => {
    const { runtime, sheet } = written(['+7 912 345-67-89', '-5', '+12']);
    expect(sheet.formulas.get('1,1')).toBe('=+7 912 345-67-89');
    expect(sheet.values[0].slice(1, 3)).toEqual([-5, 12]);
    const results = runtime.recalculate();
    expect(results.find((result) => result.cell === 'A1')?.error).toBeTruthy();
    expect(sheet.values[0][0]).toBe('#ERROR!');
  });

  it('setValue and appendRow read text the same way', () => {
    const { runtime, sheet } = written(['x']);
    runtime.run('one', ['00000145']);
    expect(sheet.values[1][0]).toBe(145);
    runtime.run('append', [['00123', '=SUM(1)', "'1/2", 'plain']]);
    expect(sheet.values[2].slice(0, 4)).toEqual([123, '', '1/2', 'plain']);
    expect(sheet.formulas.get('3,2')).toBe('=SUM(1)');
  });

  it('keeps text as given in a cell formatted as plain text ("@")', () => {
    const { sheet } = written(['00000145', '1/2', '=SUM(1)', '+7 912'], 'en_US', 'Europe/Moscow', true);
    expect(sheet.values[0].slice(0, 4)).toEqual(['00000145', '1/2', '=SUM(1)', '+7 912']);
    expect(sheet.formulas.size).toBe(0);
  });

  it('stays fast over a large write', () => {
    const runtime = new AppsScriptRuntime().load({ code: `function big(rows) { SpreadsheetApp.getActiveSpreadsheet().getSheetByName('S').getRange(1, 1, rows.length, rows[0].length).setValues(rows); }` });
    const sheet = runtime.createSpreadsheet().addSheet('S', [], { rows: 20_000, columns: 8 });
    const rows = Array.from({ length: 20_000 }, (_, r) => [`Customer ${r}`, `INV-${r}`, String(r), 'USD', r * 1.5, 'a note', '', 'ap@example.com']);
    runtime.run('big', [rows]);
    expect(sheet.values[19_999].slice(0, 4)).toEqual(['Customer 19999', 'INV-19999', 19999, 'USD']);
  });
});

describe('custom functions and volatile arguments', () => {
  const code = `/** @customfunction */ function DOUBLE(x) { return Array.isArray(x) ? x.length : 2 * Number(x); }`;
  function sheetWith(formulas: Record<string, string>) {
    const runtime = new AppsScriptRuntime().load({ code });
    const spreadsheet = runtime.createSpreadsheet();
    const sheet = spreadsheet.addSheet('S', [[1, 2], [3, 4]], { rows: 10, columns: 5 });
    for (const [key, formula] of Object.entries(formulas)) sheet.formulas.set(key, formula);
    return { runtime, spreadsheet, sheet };
  }
  const errorOf = (results: Array<{ cell: string; error: string | null }>, cell: string) => results.find((result) => result.cell === cell)?.error ?? null;

  it('refuses NOW(), RAND(), RANDARRAY() and RANDBETWEEN() as arguments, with Sheets message', () => {
    const { runtime } = sheetWith({ '5,1': '=DOUBLE(NOW())', '5,2': '=DOUBLE(RAND())', '5,3': '=DOUBLE(RANDBETWEEN(1, 9))', '5,4': '=DOUBLE(RANDARRAY(2))', '6,1': '=DOUBLE(TODAY())', '6,2': '=DOUBLE(A1)' });
    const results = runtime.recalculate();
    for (const cell of ['A5', 'B5', 'C5', 'D5']) expect(errorOf(results, cell)).toBe(VOLATILE_ARGUMENT);
    expect(VOLATILE_ARGUMENT).toBe('This function is not allowed to reference a cell with NOW(), RAND(), RANDARRAY(), or RANDBETWEEN()');
    expect(errorOf(results, 'A6')).toBeNull();
    expect(errorOf(results, 'B6')).toBeNull();
  });

  it('refuses them through a referenced cell, and through a cell that reads one', () => {
    const { runtime, sheet } = sheetWith({ '1,3': '=NOW()', '5,1': '=DOUBLE(C1)', '5,2': '=DOUBLE(A1:C2)', '2,4': '=DOUBLE(A1)', '2,5': '=RAND()' });
    sheet.formulas.set('7,1', '=DOUBLE(E2)');
    sheet.formulas.set('8,1', '=DOUBLE(D2)');
    const results = runtime.recalculate();
    expect(errorOf(results, 'A5')).toBe(VOLATILE_ARGUMENT);
    expect(errorOf(results, 'B5')).toBe(VOLATILE_ARGUMENT);
    expect(errorOf(results, 'A7')).toBe(VOLATILE_ARGUMENT);
    expect(errorOf(results, 'D2')).toBeNull();
    expect(errorOf(results, 'A8')).toBeNull();
  });
});
