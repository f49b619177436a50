// The runtime refuses what Apps Script refuses (issue 10, item 11): rules checked against
// Google's documentation, each page named beside its rule in runtime/.
import { describe, expect, it } from 'vitest';
import { AppsScriptRuntime } from '../../runtime/index';

function scripted(code: string) {
  const runtime = new AppsScriptRuntime().load({ code });
  runtime.createSpreadsheet({ id: 'doc-1' });
  return runtime;
}

describe('documented limits', () => {
  it('Utilities.sleep: at most 300,000 ms', () => {
    const runtime = scripted('function nap(ms) { Utilities.sleep(ms); return Date.now(); }');
    const before = runtime.state.now;
    runtime.run('nap', [300_000]);
    expect(runtime.state.now - before).toBe(300_000);
    expect(() => runtime.run('nap', [300_001])).toThrow('Utilities.sleep allows 0 to 300000');
    expect(() => runtime.run('nap', [-1])).toThrow('Invalid argument: milliseconds');
  });

  it('Lock: a timeout must be a number of milliseconds', () => {
    const runtime = scripted('function take(ms) { return LockService.getScriptLock().tryLock(ms); }');
    expect(runtime.run('take', [10])).toBe(true);
    expect(() => runtime.run('take', ['soon'])).toThrow('Invalid argument: timeoutInMillis');
  });

  it('Cache: keys of at most 250 characters, at most 1,000 items (the oldest go)', () => {
    const runtime = scripted(`
      function put(key) { CacheService.getScriptCache().put(key, 'v'); }
      function fill() { const cache = CacheService.getScriptCache(); for (let i = 0; i < 1001; i++) cache.put('k' + i, String(i)); return [cache.get('k0'), cache.get('k1'), cache.get('k1000')]; }`);
    runtime.run('put', ['k'.repeat(250)]);
    expect(() => runtime.run('put', ['k'.repeat(251)])).toThrow('Argument too large: key');
    expect(runtime.run('fill')).toEqual([null, '1', '1000']);
  });

  it('MailApp: at most 250 attachments and 25 MB of them a message', () => {
    const runtime = scripted(`
      function send(count, bytes) {
        const files = [];
        for (let i = 0; i < count; i++) files.push(Utilities.newBlob(new Array(bytes + 1).join('x'), 'text/plain', 'f' + i + '.txt'));
        MailApp.sendEmail({ to: 'a@example.com', subject: 'Files', body: 'b', attachments: files });
      }`);
    runtime.outbox.dailyQuota = 1000;
    runtime.run('send', [250, 1]);
    expect(() => runtime.run('send', [251, 1])).toThrow('Email Attachments Per Message');
    expect(() => runtime.run('send', [2, 13 * 1024 * 1024])).toThrow('Email Total Attachments Size');
    expect(runtime.outbox.sent).toHaveLength(1);
  });

  it('ClockTriggerBuilder: whole days from 1, a minute of the hour', () => {
    const runtime = scripted(`
      function daily(days, minute) { return ScriptApp.newTrigger('tick').timeBased().everyDays(days).atHour(9).nearMinute(minute).create().getUniqueId(); }
      function tick() {}`);
    expect(() => runtime.run('daily', [0, 0], { spreadsheetId: 'doc-1' })).toThrow('Invalid argument: days');
    expect(() => runtime.run('daily', [1, 60], { spreadsheetId: 'doc-1' })).toThrow('Invalid argument: minute');
    expect(runtime.run('daily', [1, 30], { spreadsheetId: 'doc-1' })).toEqual(expect.any(String));
  });

  it('custom functions: no service that needs the user’s authorization, the user’s address included', () => {
    const runtime = scripted(`
      function who() { return Session.getActiveUser().getEmail(); }
      function zone() { return Session.getScriptTimeZone(); }
      function find() { return SpreadsheetApp.getActiveSpreadsheet().createTextFinder('x').findAll().length; }`);
    expect(() => runtime.customFunction('who')).toThrow('You do not have permission to call Session.getActiveUser from a custom function');
    expect(runtime.customFunction('zone')).toBe('America/New_York');
    expect(runtime.customFunction('find')).toBe(0);
  });

  it('properties: 50,000 reads and writes a day per user, afresh 24 hours after the first', () => {
    const runtime = scripted('function read(n) { const store = PropertiesService.getScriptProperties(); for (let i = 0; i < n; i++) store.getProperty("k"); }');
    runtime.propertiesQuota = 10;
    runtime.run('read', [10]);
    expect(() => runtime.run('read', [1])).toThrow('Service invoked too many times for one day: properties.');
    // Another user has their own quota.
    runtime.run('read', [10], { user: 'b@example.com' });
    runtime.state.now += 24 * 60 * 60_000;
    runtime.run('read', [10]);
  });

  it('triggers: 90 minutes of runtime a day per user, then no run until 24 hours after the first', () => {
    const runtime = scripted(`
      function turnOn() { ScriptApp.newTrigger('work').timeBased().everyHours(1).create(); }
      function work() { Utilities.sleep(300000); }`);
    runtime.run('turnOn', [], { spreadsheetId: 'doc-1' });
    const errors: string[] = [];
    for (let hour = 0; hour < 19; hour++) {
      errors.push(...runtime.fireTimeTriggers().map((firing) => firing.error));
      runtime.state.now += 60 * 60_000;
    }
    // Five minutes a run: eighteen runs use the 90 minutes, the nineteenth does not start.
    expect(errors).toEqual([...new Array(18).fill(''), 'Service using too much computer time for one day']);
    runtime.state.now += 6 * 60 * 60_000;
    expect(runtime.fireTimeTriggers().map((firing) => firing.error)).toEqual(['']);
  });
});
