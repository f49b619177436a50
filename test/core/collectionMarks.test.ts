// The Collections rows' mark (issue 21, item 3): what it is signed over, how a
// row is judged the add-on's, and the promise bound counted from its day.
import { describe, expect, it } from 'vitest';
import { calendarDay } from '../../src/core/calendar';
import { boundPromises, formatTaskId, handTypedNote, parseTaskId, splitByMark, taskPayload } from '../../src/core/collections/marks';
import type { CollectionsEntry } from '../../src/core/collections/sheet';

const day = calendarDay(2026, 3, 16);
const entry = (row: number, taskId: string, more: Partial<CollectionsEntry> = {}): CollectionsEntry => ({
  row, day, customer: 'Acme', currency: 'USD', invoices: ['A-1'], channel: 'letter', document: '', outcome: '', promiseDay: null, note: '', marks: [], keysText: '[["Acme · A-1",30]]', taskId, ...more,
});
// A stand-in for HMAC: any function of the payload shows what the payload covers.
const sign = (payload: string) => Buffer.from(payload).toString('base64url').slice(-22).padStart(22, 'x');

describe('the mark of the add-on\'s Collections rows', () => {
  it('reads its day and parts back, and refuses what is not one', () => {
    const id = formatTaskId(day, '1a2b3c4d5e6f', 'A'.repeat(22));
    expect(id).toBe(`T20260316-1a2b3c4d5e6f-${'A'.repeat(22)}`);
    expect(parseTaskId(id)).toEqual({ day, nonce: '1a2b3c4d5e6f', signature: 'A'.repeat(22) });
    expect(parseTaskId(`'${id}`)?.day).toBe(day);
    for (const bad of ['', 'T2026-03-16-x-y', `${id}x`, id.replace('T', 't')]) expect(parseTaskId(bad)).toBeNull();
  });

  it('covers the spreadsheet, the day, the customer, currency, step and Keys; a leading apostrophe and spacing in the name do not count', () => {
    const base = taskPayload('sheet-1', day, 'n1', { customer: 'Acme', currency: 'USD', channel: 'letter', keysText: '[]' });
    expect(taskPayload('sheet-1', day, 'n1', { customer: "'Acme ", currency: 'USD', channel: 'letter', keysText: '[]' })).toBe(base);
    for (const changed of [
      taskPayload('sheet-2', day, 'n1', { customer: 'Acme', currency: 'USD', channel: 'letter', keysText: '[]' }),
      taskPayload('sheet-1', day + 1, 'n1', { customer: 'Acme', currency: 'USD', channel: 'letter', keysText: '[]' }),
      taskPayload('sheet-1', day, 'n1', { customer: 'Globex', currency: 'USD', channel: 'letter', keysText: '[]' }),
      taskPayload('sheet-1', day, 'n1', { customer: 'Acme', currency: 'EUR', channel: 'letter', keysText: '[]' }),
      taskPayload('sheet-1', day, 'n1', { customer: 'Acme', currency: 'USD', channel: 'legal', keysText: '[]' }),
      taskPayload('sheet-1', day, 'n1', { customer: 'Acme', currency: 'USD', channel: 'letter', keysText: '[["Acme · A-1",365]]' }),
    ]) expect(changed).not.toBe(base);
  });

  it('keeps rows whose mark checks, each task once; the rest are typed by hand', () => {
    const good = (nonce: string, more: Partial<CollectionsEntry> = {}) => {
      const row = entry(0, '', more);
      return formatTaskId(day, nonce, sign(taskPayload('s', day, nonce, row)));
    };
    const rows = [entry(2, good('aaaaaa111111')), entry(3, ''), entry(4, good('bbbbbb222222'), { customer: 'Globex' }), entry(5, good('aaaaaa111111')), entry(6, good('cccccc333333'), { channel: 'legal' })];
    const marked = splitByMark(rows, (d, nonce, row) => sign(taskPayload('s', d, nonce, row)));
    // Row 4 was signed as Acme's and now says Globex; row 5 is a copy of row 2; row 6 was a letter and now says legal.
    expect(marked.genuine.map((row) => row.row)).toEqual([2]);
    expect(marked.handTyped.map((row) => row.row)).toEqual([3, 4, 5, 6]);
    expect(handTypedNote(marked.handTyped)).toMatch(/^4 rows of the Collections sheet typed by hand, not acted on \(rows 3, 4, 5, 6\)/);
    expect(handTypedNote([])).toBe('');
  });

  it('refuses a promise later than the bound after the task\'s day, naming row, column and value', () => {
    const within = entry(2, 'x', { outcome: 'promised', promiseDay: day + 60 });
    const beyond = entry(3, 'y', { outcome: 'promised', promiseDay: calendarDay(2099, 12, 31) });
    const marked = { genuine: [within, beyond], handTyped: [], dayOf: new Map([[within, day], [beyond, day]]) };
    expect(boundPromises(marked, 60, 'Promise date')).toEqual([
      expect.stringMatching(/^Collections sheet, row 3, column "Promise date": 2099-12-31 is more than 60 days after the task's day \(2026-03-16\)/),
    ]);
    expect(within.promiseDay).toBe(day + 60);
    expect(beyond.promiseDay).toBeNull();
  });
});
