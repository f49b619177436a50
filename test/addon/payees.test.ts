import { describe, expect, it } from 'vitest';
import type { PayeeBlock } from '../../src/shared/contract';
import { loadAddon, savePolicy, storedRows, storedSettings } from '../support/addon';
import { POLICY_VERSION } from '../../src/core/reminders/policy';

// Payment details per currency in the sidebar (issue 26, item 1), on the built add-on.
const EMPTY = { name: '', account: '', iban: '', bank: '', bic: '', correspondentAccount: '', inn: '', kpp: '', note: '' };
// Sberbank's published BIC, correspondent account, INN and KPP; the account's key digit computed for its BIC.
const SBERBANK_PAYEE = { name: 'ООО «Ромашка»', account: '40702810938000012345', bank: 'ПАО Сбербанк', bic: '044525225', correspondentAccount: '30101810400000000225', inn: '7707083893', kpp: '773601001' };

function book(locale = 'en_US') {
  const addon = loadAddon({ locale });
  addon.spreadsheet.addSheet(
    'Invoices',
    storedRows(
      [
        ['Customer', 'Invoice', 'Due date', 'Amount', 'Currency', 'Email'],
        ['Acme GmbH', 'INV-1', '2026-01-10', 1200, 'EUR', 'ap@acme.example.com'],
        ['ООО Ромашка', '145', '2026-01-15', 50000, 'RUB', 'buh@romashka.example.ru'],
        ['Bolt Inc', 'INV-2', '2026-01-20', 300, 'USD', 'ap@bolt.example.com'],
        ['Acme GmbH', 'INV-3', '2026-01-25', 80, 'EUR', 'ap@acme.example.com'],
      ],
      'Europe/London',
    ),
  );
  return addon;
}

const load = (addon: ReturnType<typeof loadAddon>) => addon.runtime.scriptRun('sidebarLoad') as { payees: PayeeBlock[] };

describe('payment details per currency in the sidebar', () => {
  it('loads a block for every currency of the invoice table, every field there, empty ones included', () => {
    const addon = book();
    const blocks = load(addon).payees;
    expect(blocks.map((block) => block.currency).sort()).toEqual(['EUR', 'RUB', 'USD']);
    for (const block of blocks) {
      expect(block.payee).toEqual(EMPTY);
      expect(block.inTable).toBe(true);
    }
    const fields = Object.fromEntries(blocks.map((block) => [block.currency, block.fields]));
    expect(fields).toEqual({
      RUB: ['name', 'account', 'bank', 'bic', 'correspondentAccount', 'inn', 'kpp'],
      EUR: ['name', 'iban', 'bic'],
      USD: ['name', 'account', 'iban', 'bank', 'bic', 'note'],
    });
  });

  it("saves a currency's details and loads them back, tidied; a currency no longer in the table keeps its block", () => {
    const addon = book();
    savePolicy(addon, { payees: { RUB: SBERBANK_PAYEE, EUR: { name: 'Seller GmbH', iban: 'de89 3704 0044 0532 0130 00', bic: 'deutdeff' }, CHF: { name: 'Seller AG', note: 'Quote the invoice numbers' } } });
    const blocks = Object.fromEntries(load(addon).payees.map((block) => [block.currency, block]));
    expect(blocks.RUB.payee).toEqual({ ...EMPTY, ...SBERBANK_PAYEE });
    expect(blocks.EUR.payee).toEqual({ ...EMPTY, name: 'Seller GmbH', iban: 'DE89370400440532013000', bic: 'DEUTDEFF' });
    expect(blocks.USD.payee).toEqual(EMPTY);
    expect([blocks.CHF.inTable, blocks.CHF.payee.note]).toEqual([false, 'Quote the invoice numbers']);
    expect(JSON.parse(storedSettings(addon.spreadsheet).policy).payees.RUB.inn).toBe('7707083893');
  });

  it('names a currency written "RUR" or "руб." by its code', () => {
    const addon = loadAddon({ locale: 'ru_RU' });
    addon.spreadsheet.addSheet('Invoices', storedRows([['Customer', 'Due date', 'Amount', 'Currency'], ['Acme', '2026-01-01', 10, 'RUR'], ['Beta', '2026-01-01', 10, 'руб.'], ['Gamma', '2026-01-01', 10, 'EUR']], 'Europe/London'));
    expect(load(addon).payees.map((block) => [block.currency, block.fields.length])).toEqual([['RUB', 7], ['EUR', 3]]);
  });

  it("shows the spreadsheet's currency for a table with no currency column, and the locale's when there is no table yet", () => {
    const addon = loadAddon({ locale: 'de_DE' });
    addon.spreadsheet.addSheet('Invoices', storedRows([['Customer', 'Due date', 'Amount'], ['Acme', '2026-01-01', 10]], 'Europe/London'));
    expect(load(addon).payees.map((block) => block.currency)).toEqual(['EUR']);
    expect(load(loadAddon({ locale: 'ru_RU' })).payees.map((block) => block.currency)).toEqual(['RUB']);
  });

  it('refuses a save with a wrong account, BIC, INN or IBAN, naming each field, and stores nothing', () => {
    const addon = book();
    const result = addon.runtime.scriptRun('sidebarSavePolicy', [
      {
        version: POLICY_VERSION,
        payees: {
          // An account at the bank with BIC 044514512 (the key's worked example): its key does not match Sberbank's BIC.
          RUB: { ...SBERBANK_PAYEE, account: '40702810900000000025', inn: '7707083894', kpp: '77360100' },
          EUR: { iban: 'DE89370400440532013001', bic: 'DEUT1EFF' },
        },
      },
    ]);
    expect(result).toEqual({
      ok: false,
      problems: [
        { field: 'payees.RUB.account', message: 'does not match the BIC (wrong control key)' },
        { field: 'payees.RUB.inn', message: 'has wrong check digits' },
        { field: 'payees.RUB.kpp', message: expect.stringMatching(/^must be 9 characters/) },
        { field: 'payees.EUR.bic', message: 'must be 8 or 11 letters and digits, like DEUTDEFF' },
        { field: 'payees.EUR.iban', message: 'has wrong check digits' },
      ],
    });
    expect(storedSettings(addon.spreadsheet)).toEqual({});
  });

  it('refuses a Russian BIC of the wrong shape and a correspondent account of another bank', () => {
    const addon = book();
    const result = addon.runtime.scriptRun('sidebarSavePolicy', [{ version: POLICY_VERSION, payees: { RUB: { bic: '44525225', correspondentAccount: '30101810145250000974' } } }]);
    expect(result).toEqual({ ok: false, problems: [{ field: 'payees.RUB.bic', message: 'must be 9 digits starting with 04' }] });
    const other = addon.runtime.scriptRun('sidebarSavePolicy', [{ version: POLICY_VERSION, payees: { RUB: { bic: '044525225', correspondentAccount: '30101810145250000974' } } }]);
    expect(other).toEqual({ ok: false, problems: [{ field: 'payees.RUB.correspondentAccount', message: expect.stringMatching(/^does not match the BIC/) }] });
  });

  it('refuses a pay link template that is not https', () => {
    const addon = book();
    const result = addon.runtime.scriptRun('sidebarSavePolicy', [{ version: POLICY_VERSION, payLinkTemplate: 'http://pay.example.com/{{invoices}}' }]);
    expect(result).toEqual({ ok: false, problems: [{ field: 'payLinkTemplate', message: 'must start with https://' }] });
  });
});
