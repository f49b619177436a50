import { describe, expect, it } from 'vitest';
import { typedValue } from '../../runtime/values';
import { readBackOf, sheetCell, sheetText } from '../../src/core/cells';
import { formulaText } from '../../src/core/a1';

const TEXTS = ['00000145', '00123', '1-2', '1/2', '2026-01', '2026-01-05', '1,5', '12%', '+7 912 345-67-89', '-', '- item', '=SUM(1)', '=HYPERLINK("http://x","y")', 'TRUE', 'ложь', "'quoted", '#N/A', 'INV-0412', 'ООО «Вектор»', 'Acme', ' 145 ', ''];

describe('sheetText', () => {
  it('writes each text so that Sheets reads it back as the same text, in every locale', () => {
    for (const locale of ['en_US', 'en_GB', 'ru_RU', 'de_DE']) {
      for (const text of TEXTS) {
        const typed = typedValue(sheetText(text), { timeZone: 'Europe/Moscow', locale, now: Date.parse('2026-11-25T09:00:00Z') });
        expect(typed, `${text} in ${locale}`).toEqual({ value: text });
      }
    }
  });

  it('leaves plain names as they are, and numbers, dates and booleans to sheetCell as they are', () => {
    expect(sheetText('Acme Corporation')).toBe('Acme Corporation');
    expect(sheetText('ООО «Вектор»')).toBe('ООО «Вектор»');
    const date = new Date(0);
    expect([sheetCell(5), sheetCell(date), sheetCell(true), sheetCell('007')]).toEqual([5, date, true, "'007"]);
    expect(readBackOf(sheetText('007'))).toBe('007');
  });

  it('makes text a string literal of a formula, quotes doubled', () => {
    expect(formulaText('USD", IMPORTXML("http://x", "//a"), "')).toBe('"USD"", IMPORTXML(""http://x"", ""//a""), """');
  });
});
