// Contract tests of the in-memory Apps Script: what the add-on's tests rely on.
import { describe, expect, it } from 'vitest';
import { parseA1 } from '../../runtime/a1';
import { parseFormula } from '../../runtime/formulas';
import { AppsScriptRuntime, formatDate, zonedInstant } from '../../runtime/index';
import { importedValue } from '../../runtime/workbook';

/** A runtime with a tiny script loaded, whose functions call services as an add-on would. */
function scripted(code: string, options = {}) {
  const runtime = new AppsScriptRuntime(options).load({ code });
  const spreadsheet = runtime.createSpreadsheet({ id: 'doc-1', timeZone: 'Asia/Tokyo' });
  spreadsheet.addSheet('Data', [['a', 1], ['b', 2]]);
  return { runtime, spreadsheet };
}

describe('service objects', () => {
  it('throw, naming the member, for what the runtime does not implement', () => {
    const { runtime } = scripted('function f() { return SpreadsheetApp.getActiveSpreadsheet().getBandings(); }');
    expect(() => runtime.run('f')).toThrow('runtime: Spreadsheet.getBandings is not implemented by the in-memory Apps Script');
  });

  it('count each call by service and member', () => {
    const { runtime } = scripted(`function f() {
      const sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Data');
      return sheet.getRange(1, 1, 2, 2).getValues();
    }`);
    runtime.state.log.reset();
    expect(runtime.run('f')).toEqual([['a', 1], ['b', 2]]);
    expect(runtime.state.log.calls).toEqual(['SpreadsheetApp.getActiveSpreadsheet', 'Spreadsheet.getSheetByName', 'Sheet.getRange', 'Range.getValues']);
    expect(runtime.state.log.count('Range')).toBe(1);
  });

  it('fail at the N-th call, or at the N-th call of one member, once', () => {
    const { runtime } = scripted(`function f() {
      const sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Data');
      return sheet.getRange(1, 1).getValue();
    }`);
    runtime.state.log.failAt(3);
    expect(() => runtime.run('f')).toThrow('injected failure at call 3 (Sheet.getRange)');
    expect(runtime.run('f')).toBe('a');
    runtime.state.log.failOn('Range.getValue', 2);
    expect(runtime.run('f')).toBe('a');
    expect(() => runtime.run('f')).toThrow('injected failure of Range.getValue');
  });

  it('refuse mail, writes and the UI to custom functions', () => {
    const { runtime } = scripted(`
      function mail() { MailApp.sendEmail('a@example.com', 's', 'b'); }
      function write() { SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Data').getRange(1, 1).setValue(5); }
      function read() { return SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetTimeZone(); }`);
    expect(() => runtime.customFunction('mail')).toThrow('You do not have permission to call MailApp.sendEmail from a custom function');
    expect(() => runtime.customFunction('write')).toThrow('You do not have permission to call Range.setValue');
    expect(runtime.customFunction('read')).toBe('Asia/Tokyo');
  });

  it('allow only the menu in AuthMode.NONE', () => {
    const { runtime } = scripted(`
      function menu() { SpreadsheetApp.getUi().createAddonMenu().addItem('X', 'x').addToUi(); }
      function read() { return SpreadsheetApp.getActiveSpreadsheet().getName(); }`);
    runtime.run('menu', [], { mode: 'NONE' });
    expect(runtime.ui.menus[0].items).toEqual([{ caption: 'X', functionName: 'x' }]);
    expect(() => runtime.run('read', [], { mode: 'NONE' })).toThrow('in AuthMode.NONE');
  });

  it('have no active spreadsheet in a time-driven run, and open one by id', () => {
    const { runtime } = scripted(`function f() {
      return [SpreadsheetApp.getActiveSpreadsheet(), SpreadsheetApp.openById('doc-1').getName()];
    }`);
    expect(runtime.run('f', [], { spreadsheetId: null })).toEqual([null, 'Receivables']);
  });
});

describe('realm and clock', () => {
  it('hands over dates made in the loaded code realm, and a clock the runtime sets', () => {
    const runtime = new AppsScriptRuntime({ now: '2026-02-03T04:05:06Z' }).load({
      code: 'function isDate(v) { return v instanceof Date; } function now() { return [Date.now(), new Date().toISOString()]; }',
    });
    expect(runtime.run('isDate', [runtime.date(0)])).toBe(true);
    expect(runtime.run('isDate', [new Date(0)])).toBe(false);
    expect(runtime.run('now')).toEqual([Date.parse('2026-02-03T04:05:06Z'), '2026-02-03T04:05:06.000Z']);
  });

  it('lets the loaded code extend Date, as date-fns does for UTC dates', () => {
    const runtime = new AppsScriptRuntime({ now: '2026-02-03T04:05:06Z' }).load({
      code: `class UtcDate extends Date { getHours() { return this.getUTCHours(); } }
        function hours() { const d = new UtcDate(Date.UTC(2026, 0, 1, 23)); return [d.getHours(), d instanceof Date, Object.getOwnPropertyNames(Date.prototype).includes('getUTCDate')]; }`,
    });
    expect(runtime.run('hours')).toEqual([23, true, true]);
  });
});

describe('Utilities.formatDate', () => {
  it('formats Java patterns in the given zone', () => {
    const instant = new Date('2026-03-29T01:30:00Z');
    expect(formatDate(instant, 'Europe/Berlin', "yyyy-MM-dd'T'HH:mm:ssXXX")).toBe('2026-03-29T03:30:00+02:00');
    expect(formatDate(instant, 'America/New_York', 'EEE, d MMM yyyy h:mm a Z')).toBe('Sat, 28 Mar 2026 9:30 PM -0400');
    expect(formatDate(instant, 'UTC', "dd.MM.yy 'at' HH")).toBe('29.03.26 at 01');
    expect(() => formatDate(instant, 'UTC', 'Q')).toThrow("pattern letter 'Q'");
  });

  it('finds midnight in a zone, across a clock change', () => {
    expect(new Date(zonedInstant('Europe/Berlin', 2026, 3, 29)).toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(new Date(zonedInstant('Europe/Berlin', 2026, 3, 30)).toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(new Date(zonedInstant('Pacific/Auckland', 2026, 1, 1)).toISOString()).toBe('2025-12-31T11:00:00.000Z');
  });
});

describe('LockService', () => {
  it('contends with another execution', () => {
    const { runtime } = scripted('function take() { return LockService.getDocumentLock().tryLock(100); }');
    expect(runtime.run('take')).toBe(true);
    const release = runtime.locks.holdFor('document:doc-1');
    expect(runtime.run('take')).toBe(false);
    release();
    expect(runtime.run('take')).toBe(true);
  });
});

describe('LockService scopes', () => {
  const code = `
    function scriptLock() { return LockService.getScriptLock().tryLock(100); }
    function userLock() { return LockService.getUserLock().tryLock(100); }
    function documentLock() { const lock = LockService.getDocumentLock(); return lock === null ? null : lock.tryLock(100); }`;

  it('shares the script lock among every user in every document, the user lock among one user\'s documents, the document lock within one document', () => {
    const { runtime } = scripted(code);
    runtime.createSpreadsheet({ id: 'doc-2' });
    // Another execution: another user in another document.
    const script = runtime.locks.holdFor('script');
    expect(runtime.run('scriptLock', [], { user: 'someone@example.com', spreadsheetId: 'doc-2' })).toBe(false);
    script();
    const user = runtime.locks.holdFor('user:a@example.com');
    expect(runtime.run('userLock', [], { user: 'a@example.com', spreadsheetId: 'doc-2' })).toBe(false);
    expect(runtime.run('userLock', [], { user: 'b@example.com', spreadsheetId: 'doc-1' })).toBe(true);
    user();
    const document = runtime.locks.holdFor('document:doc-1');
    expect(runtime.run('documentLock', [], { spreadsheetId: 'doc-1' })).toBe(false);
    expect(runtime.run('documentLock', [], { spreadsheetId: 'doc-2' })).toBe(true);
    document();
    // A time-driven trigger has no document: no document lock.
    expect(runtime.run('documentLock', [], { spreadsheetId: null })).toBe(null);
  });
});

describe('add-on triggers', () => {
  const code = `
    function turnOn() { return ScriptApp.newTrigger('tick').timeBased().everyHours(1).create().getUniqueId(); }
    function mine() { return ScriptApp.getUserTriggers(SpreadsheetApp.getActiveSpreadsheet()).map(function (t) { return t.getUniqueId(); }); }
    function all() { return ScriptApp.getProjectTriggers().map(function (t) { return [t.getUniqueId(), t.getTriggerSource(), t.getTriggerSourceId()]; }); }
    function tick(event) { Logger.log(event.triggerUid + ' ' + (SpreadsheetApp.getActiveSpreadsheet() === null) + ' ' + Session.getEffectiveUser().getEmail()); }`;

  it('allow one time-driven trigger per user per document; a clock trigger has no source document, so no document lists it', () => {
    const { runtime } = scripted(code);
    runtime.createSpreadsheet({ id: 'doc-2' });
    const first = runtime.run('turnOn', [], { spreadsheetId: 'doc-1' });
    expect(() => runtime.run('turnOn', [], { spreadsheetId: 'doc-1' })).toThrow('An add-on can have only one trigger of each type per user per document');
    const second = runtime.run('turnOn', [], { spreadsheetId: 'doc-2' });
    const colleague = runtime.run('turnOn', [], { spreadsheetId: 'doc-1', user: 'b@example.com' });
    // "Class Trigger", getTriggerSourceId(): for clock events null; getUserTriggers(spreadsheet) lists none of them.
    expect(runtime.run('mine', [], { spreadsheetId: 'doc-1' })).toEqual([]);
    expect(runtime.run('mine', [], { spreadsheetId: 'doc-2' })).toEqual([]);
    expect(runtime.run('all', [], { spreadsheetId: 'doc-1' })).toEqual([
      [first, 'CLOCK', null],
      [second, 'CLOCK', null],
    ]);
    expect(runtime.run('all', [], { spreadsheetId: 'doc-1', user: 'b@example.com' })).toEqual([[colleague, 'CLOCK', null]]);
  });

  it('fire as their owner with no active spreadsheet and the triggerUid, except where the add-on is disabled', () => {
    const { runtime } = scripted(code);
    runtime.createSpreadsheet({ id: 'doc-2' });
    const first = runtime.run('turnOn', [], { spreadsheetId: 'doc-1' });
    const second = runtime.run('turnOn', [], { spreadsheetId: 'doc-2', user: 'b@example.com' });
    runtime.disableAddon('doc-1');
    expect(runtime.fireTimeTriggers().map((firing) => firing.trigger)).toEqual([second]);
    runtime.disableAddon('doc-1', false);
    runtime.fireTimeTriggers();
    expect(runtime.logs).toEqual([`${second} true b@example.com`, `${first} true owner@example.com`, `${second} true b@example.com`]);
  });
});

describe('PropertiesService and MailApp', () => {
  it('enforce the 9 KB value limit and the mail quota', () => {
    const { runtime } = scripted(`
      function big() { PropertiesService.getDocumentProperties().setProperty('k', new Array(9300).join('x')); }
      function send(to) { MailApp.sendEmail({ to: to, subject: 'Hi', body: 'b' }); return MailApp.getRemainingDailyQuota(); }`);
    expect(() => runtime.run('big')).toThrow('Argument too large');
    runtime.outbox.remainingQuota = 1;
    expect(runtime.run('send', ['a@example.com'])).toBe(0);
    expect(() => runtime.run('send', ['b@example.com'])).toThrow('Service invoked too many times for one day: email.');
    expect(() => runtime.run('send', ['not an address'])).toThrow('Invalid email');
    expect(runtime.outbox.sent.map((mail) => mail.to)).toEqual(['a@example.com']);
  });
});

describe('formulas', () => {
  it('parses the calls the add-on writes', () => {
    expect(parseFormula(`=AR_AGING('Bob''s'!A2:J, DATE(2026,3,31), "30,60", , 14)`)).toEqual({
      name: 'AR_AGING',
      args: [
        { kind: 'range', a1: "'Bob''s'!A2:J" },
        { kind: 'call', name: 'DATE', args: [{ kind: 'value', value: 2026 }, { kind: 'value', value: 3 }, { kind: 'value', value: 31 }] },
        { kind: 'value', value: '30,60' },
        { kind: 'value', value: '' },
        { kind: 'value', value: 14 },
      ],
    });
    expect(parseA1("'Bob''s'!A2:J")).toEqual({ sheetName: "Bob's", startRow: 2, startColumn: 1, endRow: null, endColumn: 10 });
  });

  it('spills results and refuses to overwrite data', () => {
    const runtime = new AppsScriptRuntime().load({ code: 'function TWO() { return [[1, 2], [3, 4]]; }' });
    const spreadsheet = runtime.createSpreadsheet();
    const sheet = spreadsheet.addSheet('S');
    sheet.face().getRange('A1').setFormula('=TWO()');
    expect(runtime.recalculate().map((result) => result.error)).toEqual([null]);
    expect(sheet.values).toEqual([[1, 2], [3, 4]]);
    sheet.write(5, 2, 'x');
    sheet.face().getRange('A4').setFormula('=TWO()');
    const results = runtime.recalculate();
    expect(results[1].error).toBe('Array result was not expanded because it would overwrite data in B5.');
    expect(sheet.read(4, 1)).toBe('#REF!');
  });
});

describe('CSV import', () => {
  it('converts cells as Sheets does', () => {
    expect(importedValue('1,234.50', 'UTC', 'en_US')).toBe(1234.5);
    expect(importedValue('0000611365', 'UTC', 'en_US')).toBe('0000611365');
    expect(importedValue('1/2/2013', 'UTC', 'en_US')).toEqual(new Date('2013-01-02T00:00:00Z'));
    expect(importedValue('1/2/2013', 'UTC', 'en_GB')).toEqual(new Date('2013-02-01T00:00:00Z'));
    expect(importedValue('1 234,56 ₽', 'UTC', 'ru_RU')).toBe('1 234,56 ₽');
  });
});

describe('Range.setValues', () => {
  it('makes text starting with = a formula, and keeps text after an apostrophe as text', () => {
    const runtime = new AppsScriptRuntime().load({ code: `function put() { SpreadsheetApp.getActiveSpreadsheet().getSheetByName('S').getRange(1, 1, 1, 2).setValues([["=SUM(1)", "'=SUM(1)"]]); }` });
    const sheet = runtime.createSpreadsheet().addSheet('S');
    runtime.run('put');
    expect(sheet.formulas.get('1,1')).toBe('=SUM(1)');
    expect(sheet.values[0][1]).toBe('=SUM(1)');
    expect(sheet.formulas.has('1,2')).toBe(false);
  });
});

describe('authorization', () => {
  const code = `
    function email() { return Session.getEffectiveUser().getEmail(); }
    function info(scopes) { const i = ScriptApp.getAuthorizationInfo(ScriptApp.AuthMode.FULL, scopes); return [i.getAuthorizationStatus(), i.getAuthorizedScopes()]; }
    function require(scopes) { ScriptApp.requireScopes(ScriptApp.AuthMode.FULL, scopes); return 'went on'; }`;
  const EMAIL = 'https://www.googleapis.com/auth/userinfo.email';
  const MAIL = 'https://www.googleapis.com/auth/script.send_mail';

  it('refuses a member whose scope the user did not grant, with the platform message', () => {
    const runtime = new AppsScriptRuntime({ oauthScopes: [EMAIL, MAIL] }).load({ code });
    expect(runtime.run('email')).toBe('owner@example.com');
    runtime.grantScopes([MAIL]);
    expect(() => runtime.run('email')).toThrow(`Exception: You do not have permission to call Session.getEffectiveUser. Required permissions: ${EMAIL}`);
    expect(runtime.run('info', [[EMAIL, MAIL]])).toEqual(['REQUIRED', [MAIL]]);
    expect(runtime.run('info', [[MAIL]])).toEqual(['NOT_REQUIRED', [MAIL]]);
    expect(() => runtime.run('require', [[EMAIL]])).toThrow('Authorization is required');
    expect(runtime.authorizationPrompts).toEqual([[EMAIL]]);
  });

  it('cannot grant what the manifest does not list; without a manifest, detects the scopes from the code', () => {
    const listed = new AppsScriptRuntime({ oauthScopes: [MAIL] }).load({ code });
    listed.grantScopes([MAIL, EMAIL]);
    expect(() => listed.run('email')).toThrow('Required permissions');
    const detected = new AppsScriptRuntime().load({ code });
    expect([...detected.grantedScopes()]).toEqual([EMAIL]);
    expect(detected.run('email')).toBe('owner@example.com');
  });
});

describe('the grid', () => {
  const code = `
    function sheet(name) { return SpreadsheetApp.getActiveSpreadsheet().getSheetByName(name); }
    function write(name, row, column, value) { sheet(name).getRange(row, column).setValue(value); }
    function size(name) { return [sheet(name).getMaxRows(), sheet(name).getMaxColumns()]; }
    function add(name) { SpreadsheetApp.getActiveSpreadsheet().insertSheet(name); return size(name); }
    function append(name, row) { sheet(name).appendRow(row); return size(name); }
    function insertAfter(name, rows, columns) { const s = sheet(name); if (rows) s.insertRowsAfter(s.getMaxRows(), rows); if (columns) s.insertColumnsAfter(s.getMaxColumns(), columns); return size(name); }`;
  const OUTSIDE = 'The coordinates of the range are outside the dimensions of the sheet.';

  it('makes a new sheet 1000 x 26 and an imported one exactly its data, and refuses ranges outside it', () => {
    const runtime = new AppsScriptRuntime().load({ code });
    const spreadsheet = runtime.createSpreadsheet();
    spreadsheet.addSheet('Imported', [['a', 'b', 'c'], [1, 2]]);
    expect(runtime.run('add', ['New'])).toEqual([1000, 26]);
    expect(runtime.run('size', ['Imported'])).toEqual([2, 3]);
    expect(() => runtime.run('write', ['Imported', 3, 1, 'x'])).toThrow(OUTSIDE);
    expect(() => runtime.run('write', ['Imported', 1, 4, 'x'])).toThrow(OUTSIDE);
    expect(() => runtime.run('write', ['New', 1001, 1, 'x'])).toThrow(OUTSIDE);
    runtime.run('write', ['New', 1000, 26, 'x']);
    expect(runtime.run('size', ['New'])).toEqual([1000, 26]);
  });

  it('grows only by appendRow and insert…, moving what is below or right of the insertion', () => {
    const runtime = new AppsScriptRuntime().load({ code });
    const spreadsheet = runtime.createSpreadsheet();
    const sheet = spreadsheet.addSheet('S', [['a', 'b'], ['c', 'd']]);
    expect(runtime.run('append', ['S', ['e', 'f', 'g']])).toEqual([3, 3]);
    expect(runtime.run('insertAfter', ['S', 2, 1])).toEqual([5, 4]);
    runtime.run('write', ['S', 5, 4, 'z']);
    sheet.face().insertRowsBefore(1, 1);
    expect(sheet.values.slice(0, 2)).toEqual([[], ['a', 'b']]);
    expect(() => sheet.face().insertRowsAfter(100, 1)).toThrow('Those rows are out of bounds.');
  });

  it('holds at most 10 million cells a spreadsheet and 50,000 characters a cell', () => {
    const runtime = new AppsScriptRuntime().load({ code });
    const spreadsheet = runtime.createSpreadsheet();
    spreadsheet.addSheet('Big', [], { rows: 384_000, columns: 26 });
    expect(() => runtime.run('add', ['New'])).toThrow('above the limit of 10000000 cells');
    expect(() => runtime.run('insertAfter', ['Big', 5_000, 0])).toThrow('above the limit of 10000000 cells');
    runtime.run('write', ['Big', 1, 1, 'x'.repeat(50_000)]);
    expect(() => runtime.run('write', ['Big', 1, 1, 'x'.repeat(50_001)])).toThrow('more than the maximum of 50000 characters in a single cell');
  });

  it('does not grow a sheet for an array result: #REF! asking for rows', () => {
    const runtime = new AppsScriptRuntime().load({ code: 'function ROWS(n) { return Array.from({ length: n }, (_, i) => [i]); }' });
    const spreadsheet = runtime.createSpreadsheet();
    const sheet = spreadsheet.addSheet('S', [], { rows: 10, columns: 2 });
    sheet.face().getRange('A1').setFormula('=ROWS(12)');
    expect(runtime.recalculate()[0].error).toBe('Result was not automatically expanded, please insert more rows (2).');
    expect(sheet.read(1, 1)).toBe('#REF!');
  });
});

describe('execution time', () => {
  const code = `
    function slow(n) { const range = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange(1, 1); for (let i = 0; i < n; i++) range.getValue(); return 'done'; }
    function CUSTOM(n) { return slow(n); }
    function caught(n) { try { slow(n); } catch (e) { return 'carried on'; } }`;

  it('moves the clock by each call latency, and ends an execution past 6 minutes, a custom function past 30 s', () => {
    const runtime = new AppsScriptRuntime({ now: '2026-03-10T10:00:00Z' }).load({ code });
    runtime.createSpreadsheet().addSheet('S', [['x']]);
    runtime.state.latency.set('Range', 100);
    expect(runtime.run('slow', [10])).toBe('done');
    expect(runtime.state.now).toBe(Date.parse('2026-03-10T10:00:01Z'));
    expect(runtime.run('slow', [3_600])).toBe('done');
    expect(() => runtime.run('slow', [3_601])).toThrow('Exceeded maximum execution time');
    // Catching the error does not keep an ended execution alive.
    expect(() => runtime.run('caught', [4_000])).toThrow('Exceeded maximum execution time');
    expect(runtime.customFunction('CUSTOM', 300)).toBe('done');
    expect(() => runtime.customFunction('CUSTOM', 301)).toThrow('Exceeded maximum execution time');
  });
});

describe('google.script.run', () => {
  const code = `
    function echo(value) { return value; }
    function today() { return new Date(); }
    function nested() { return { rows: [[1, new Date()]] }; }
    function hidden_() { return 'private'; }
    function kind(value) { return value === null ? 'null' : typeof value; }`;

  it('carries plain values, fails a Date or function anywhere, turns undefined into null, and calls no private function', () => {
    const runtime = new AppsScriptRuntime().load({ code });
    expect(runtime.scriptRun('echo', [{ a: [1, 'x', null, undefined], b: undefined }])).toEqual({ a: [1, 'x', null, null] });
    expect(runtime.scriptRun('kind', [undefined])).toBe('null');
    expect(runtime.scriptRun('echo', [])).toBeNull();
    expect(() => runtime.scriptRun('echo', [{ when: new Date() }])).toThrow('Failed due to illegal value in property: when');
    expect(() => runtime.scriptRun('echo', [[() => 1]])).toThrow('Failed due to illegal value in property: 0');
    expect(() => runtime.scriptRun('today')).toThrow('Failed due to illegal value in property: result');
    expect(() => runtime.scriptRun('nested')).toThrow('Failed due to illegal value in property: 1');
    expect(() => runtime.scriptRun('hidden_')).toThrow('Script function not found: hidden_');
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(() => runtime.scriptRun('echo', [circular])).toThrow('illegal value');
  });
});
