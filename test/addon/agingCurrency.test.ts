// AR_AGING's headers name the spreadsheet's currency as the sidebar sets it (issue 22, item 3): in a book
// with no currency column and no sign in the amounts, the policy's currency, else the locale's.
import { describe, expect, it } from 'vitest';
import { loadAddon, savePolicy } from '../support/addon';

const rows = [
  ['Customer', 'Due date', 'Amount'],
  ['Acme', '2026-03-01', 10],
];

describe("the spreadsheet's currency in custom functions", () => {
  it("AR_AGING's headers follow the currency saved in the sidebar, not only the locale's", () => {
    const addon = loadAddon({ locale: 'en_US' });
    const invoices = addon.table(rows);
    expect((addon.call('AR_AGING', invoices, '2026-03-31') as unknown[][])[0]).toContain('Total (USD)');
    savePolicy(addon, { currency: 'EUR' });
    const headers = (addon.call('AR_AGING', invoices, '2026-03-31') as unknown[][])[0];
    expect(headers).toContain('Total (EUR)');
    expect(headers.join(' ')).not.toContain('USD');
  });

  it('with no currency saved, the locale decides (ru_RU: RUB)', () => {
    const addon = loadAddon({ locale: 'ru_RU' });
    savePolicy(addon, { currency: '' });
    expect((addon.call('AR_AGING', addon.table(rows), '2026-03-31') as unknown[][])[0]).toContain('Total (RUB)');
  });
});
