import { describe, expect, it } from 'vitest';
import { loadAddon } from '../support/addon';

// The script's zone is New York (vitest.config.ts sets TZ, and the runtime's
// Session.getScriptTimeZone says the same). Sheets hands a date cell over as
// midnight in the spreadsheet's zone, which in Auckland is the previous day
// in New York, and in Honolulu a time on the same day that a careless
// conversion to UTC pushes past midnight.
describe('dates in the spreadsheet zone, not the script zone', () => {
  it('runs with a script zone that differs from the spreadsheets under test', () => {
    expect(new Date(2026, 0, 15).getTimezoneOffset()).toBe(300);
  });

  for (const timeZone of ['Pacific/Auckland', 'Asia/Tokyo', 'Pacific/Honolulu', 'America/Los_Angeles']) {
    it(`counts days overdue by calendar day in ${timeZone}`, () => {
      const addon = loadAddon({ timeZone });
      const invoices = addon.table([
        ['Customer', 'Due date', 'Amount'],
        ['Acme', '2026-01-31', 100],
        ['Acme', '2026-03-01', 100],
        ['Acme', '2026-03-31', 100],
        ['Acme', '2026-04-01', 100],
      ]);
      expect(addon.call('AR_DAYS_OVERDUE', invoices, addon.date('2026-03-31'))).toEqual([['Days overdue'], [59], [30], [0], [-1]]);
      expect((addon.call('AR_AGING', invoices, addon.date('2026-03-31')) as unknown[][]).at(-1)).toEqual(['Total', 200, 100, 100, 0, 0, 400]);
    });
  }

  it('counts whole days across a daylight-saving change', () => {
    // Europe/Berlin moves its clocks on 29 March 2026: that day has 23 hours.
    const addon = loadAddon({ timeZone: 'Europe/Berlin' });
    const invoices = addon.table([
      ['Customer', 'Due date', 'Amount'],
      ['Acme', '2026-03-28', 100],
      ['Acme', '2026-03-29', 100],
      ['Acme', '2026-03-30', 100],
    ]);
    expect(addon.call('AR_DAYS_OVERDUE', invoices, addon.date('2026-03-30'))).toEqual([['Days overdue'], [2], [1], [0]]);
    expect(addon.call('AR_DAYS_OVERDUE', invoices, addon.date('2026-10-26'))).toEqual([['Days overdue'], [212], [211], [210]]);
  });

  it('takes today from the spreadsheet zone when as_of is blank', () => {
    // 2026-03-31 20:00 in New York is already 1 April in Auckland.
    const addon = loadAddon({ timeZone: 'Pacific/Auckland', now: '2026-04-01T00:00:00Z' });
    const invoices = addon.table([['Customer', 'Due date', 'Amount'], ['Acme', '2026-03-31', 100]]);
    expect(addon.call('AR_DAYS_OVERDUE', invoices)).toEqual([['Days overdue'], [1]]);
    const honolulu = loadAddon({ timeZone: 'Pacific/Honolulu', now: '2026-04-01T00:00:00Z' });
    const sameDay = honolulu.table([['Customer', 'Due date', 'Amount'], ['Acme', '2026-03-31', 100]]);
    expect(honolulu.call('AR_DAYS_OVERDUE', sameDay)).toEqual([['Days overdue'], [0]]);
  });
});
