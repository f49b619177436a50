// Property stores hold 9 KB a value and 500 KB a store: the add-on checks
// before it writes anything, and its checkpoint does not grow with failures.
import { describe, expect, it } from 'vitest';
import { zonedInstant } from '../../runtime/index';
import { loadAddon, savePolicy, storedRows, storedSettings, type Addon } from '../support/addon';
import { POLICY_VERSION } from '../../src/core/reminders/policy';

const ZONE = 'Europe/London';
const HEADER = ['Customer', 'Invoice No', 'Due date', 'Amount', 'Currency', 'Email'];

function workbook(customers: number): Addon {
  const addon = loadAddon({ timeZone: ZONE });
  // The sender filled in: nothing is sent without one.
  savePolicy(addon);
  addon.runtime.setNow(zonedInstant(ZONE, 2026, 3, 10, 10));
  addon.runtime.outbox.dailyQuota = 1_500;
  const rows = Array.from({ length: customers }, (_, i) => [`Customer ${i + 1}`, `N-${i + 1}`, '2026-03-03', 100, 'USD', `ap${i + 1}@example.com`]);
  addon.spreadsheet.addSheet('Invoices', storedRows([HEADER, ...rows], ZONE));
  return addon;
}

/** Makes the next `count` sends fail with a long error, as a mail service outage would. */
function failSends(addon: Addon, count: number, error = `Service error: ${'x'.repeat(1_000)}`): void {
  const outbox = addon.runtime.outbox;
  const send = outbox.send.bind(outbox);
  let left = count;
  outbox.send = (...args) => {
    if (left-- > 0) throw new Error(error);
    return send(...args);
  };
}

describe('settings within a property value', () => {
  it('keeps templates that together exceed 9 KB out of properties: they live in the settings sheet, within its cells', () => {
    const addon = workbook(1);
    const documentStore = () => addon.runtime.documentStore(addon.spreadsheet.getId()).getProperties();
    const kinds = ['upcoming', 'due-today', 'overdue', 'firm', 'final'];
    // Each body is within the 5,000 characters validation allows; Cyrillic takes 2 bytes a letter.
    const long = Object.fromEntries(kinds.map((kind, i) => [kind, { ru: { subject: 'Счёт', body: 'Оплатите, пожалуйста. '.repeat(100 + i * 10) } }]));
    expect(addon.runtime.scriptRun('sidebarSaveTemplates', [long])).toEqual({ ok: true });
    expect(documentStore()).toEqual({ 'receivables.settingsSaved': '1' });
    for (const row of addon.spreadsheet.sheet('Receivables settings')!.values) for (const cell of row) expect(String(cell).length).toBeLessThanOrEqual(50_000);
    expect(JSON.parse(storedSettings(addon.spreadsheet).templates)).toEqual(long);
  });

  it('refuses a policy over 9 KB, naming it, saving nothing', () => {
    const addon = workbook(1);
    const before = storedSettings(addon.spreadsheet);
    const extraSteps = Array.from({ length: 20 }, (_, i) => ({ offsetDays: i + 1, template: 'overdue', lateFee: 0 }));
    const policy = { version: POLICY_VERSION, paymentDetails: 'Я'.repeat(1000), amountRules: Array.from({ length: 10 }, () => ({ minimumBalance: 1, extraSteps, cc: `${'x'.repeat(480)}@example.com` })) };
    const refused = addon.runtime.scriptRun('sidebarSavePolicy', [policy]) as { ok: boolean; problems: Array<{ field: string; message: string }> };
    expect(refused).toEqual({ ok: false, problems: [{ field: 'policy', message: expect.stringMatching(/^the policy takes \d+ bytes; a document property holds at most 9216; nothing was saved$/) }] });
    expect(storedSettings(addon.spreadsheet)).toEqual(before);
  });

  it('the runtime refuses a value over 9 KB and a store over 500 KB, and setProperties stores all or nothing', () => {
    const addon = workbook(1);
    const store = addon.runtime.scriptProperties;
    expect(() => store.setProperty('k', 'x'.repeat(9 * 1024))).toThrow('Argument too large: value');
    expect(() => store.setProperties({ a: 'ok', b: 'x'.repeat(9 * 1024) })).toThrow('Argument too large');
    expect(store.getProperty('a')).toBeNull();
    for (let i = 0; i < 56; i++) store.setProperty(`k${i}`, 'x'.repeat(9_000));
    expect(() => store.setProperty('k56', 'x'.repeat(9_000))).toThrow('exceeded the property storage quota');
  });
});

describe("the run's checkpoint", () => {
  const checkpointSizes = (addon: Addon) => {
    const sizes: number[] = [];
    const store = addon.runtime.scriptProperties;
    const set = store.setProperty.bind(store);
    store.setProperty = (key: string, value: string) => {
      if (key.includes('checkpoint')) sizes.push(value.length);
      return set(key, value);
    };
    return sizes;
  };

  it('stays small however many sends fail', () => {
    const addon = workbook(40);
    const sizes = checkpointSizes(addon);
    failSends(addon, 40);
    addon.runtime.run('sendDueReminders');
    const log = addon.spreadsheet.sheet('Reminder log')!.values.slice(1);
    expect(log.map((row) => row[5])).toEqual(new Array(40).fill('error'));
    expect(Math.max(...sizes)).toBeLessThan(5_000);
  });

  it('a run that stops after settling some failures in the log leaves nothing lost and nothing twice', () => {
    const addon = workbook(30);
    failSends(addon, 12, 'Service error: mail is down');
    // Property writes: the lease, the first checkpoint, then two around each send: the 16th send's first one fails.
    addon.runtime.state.log.failOn('Properties.setProperty', 3 + 2 * 15);
    expect(() => addon.runtime.run('sendDueReminders')).toThrow('injected failure');
    expect(addon.runtime.outbox.sent).toHaveLength(3);
    addon.runtime.setNow(zonedInstant(ZONE, 2026, 3, 10, 11));
    addon.runtime.run('sendDueReminders');
    const sent = addon.runtime.outbox.sent.map((mail) => mail.to);
    expect(new Set(sent).size).toBe(sent.length);
    expect(sent.sort()).toEqual(Array.from({ length: 30 }, (_, i) => `ap${i + 1}@example.com`).sort());
  });
});
