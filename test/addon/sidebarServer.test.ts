import { describe, expect, it } from 'vitest';
import * as server from '../../src/server/sidebar';
import type { SidebarApi } from '../../src/shared/contract';
import { loadAddon, savePolicy, storedRows, storedSettings } from '../support/addon';

// The server implements the contract the sidebar is typed against: a change to either that breaks the other fails to compile.
const implementsContract: SidebarApi = server;

describe('the sidebar on the server', () => {
  it('implements every call of the contract as a top-level function of the bundle', () => {
    const addon = loadAddon();
    for (const name of Object.keys(implementsContract)) expect(typeof addon.runtime.topLevel(name)).toBe('function');
  });

  it('opens from the menu with the built page', () => {
    const addon = loadAddon();
    addon.runtime.run('openSettings');
    expect(addon.runtime.ui.sidebar?.title).toBe('Receivables');
    expect(addon.runtime.ui.sidebar?.html).toContain('<main id="app"');
  });

  it("speaks Russian when the spreadsheet's locale is Russian, whatever the person's", () => {
    const english = loadAddon({ locale: 'en_US' });
    english.runtime.state.userLocale = 'en_US';
    expect((english.runtime.run('sidebarLoad') as { locale: string }).locale).toBe('en');
    const russian = loadAddon({ locale: 'ru_RU' });
    russian.runtime.state.userLocale = 'en_US';
    expect((russian.runtime.run('sidebarLoad') as { locale: string }).locale).toBe('ru');
  });

  it("defaults the reminders' language and currency from the spreadsheet's locale (issue 22, items 3 and 4)", () => {
    const load = (locale: string) => loadAddon({ locale }).runtime.run('sidebarLoad') as { policy: { language: string; currency: string }; localeCurrency: string };
    expect([load('ru_RU').policy.language, load('ru_RU').localeCurrency]).toEqual(['ru', 'RUB']);
    expect([load('en_US').policy.language, load('en_US').localeCurrency]).toEqual(['en', 'USD']);
    expect([load('en_GB').policy.language, load('en_GB').localeCurrency]).toEqual(['en', 'GBP']);
    // The policy's own currency stays empty: the locale's applies until the sidebar sets one.
    expect(load('de_DE')).toMatchObject({ policy: { language: 'en', currency: '' }, localeCurrency: 'EUR' });
  });

  it('loads with dates as ISO text and no Date anywhere, as google.script.run requires', () => {
    const addon = loadAddon({ timeZone: 'Europe/London' });
    addon.spreadsheet.addSheet('Invoices', storedRows([['Customer', 'Due date', 'Amount', 'Email'], ['Acme', '2026-01-01', 10, 'a@example.com']], 'Europe/London'));
    const state = addon.runtime.scriptRun('sidebarLoad');
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
    expect((state as { columns: { sample: string[][] } }).columns.sample).toEqual([['Acme', '', '2026-01-01', '10.00', '0.00', 'USD']]); // no currency column: the en_US spreadsheet's
  });

  it('refuses an invalid policy, naming the field, and stores nothing', () => {
    const addon = loadAddon();
    const result = addon.runtime.scriptRun('sidebarSavePolicy', [{ version: 4, sendHour: 25 }]);
    expect(result).toEqual({ ok: false, problems: [{ field: 'sendHour', message: 'must be an hour from 0 to 23' }] });
    expect(storedSettings(addon.spreadsheet)).toEqual({});
  });

  it('refuses templates with unknown placeholders', () => {
    const addon = loadAddon();
    const result = addon.runtime.scriptRun('sidebarSaveTemplates', [{ overdue: { en: { subject: 'Hi {{name}}', body: 'x' } } }]);
    // Under the part it is in: the subject's placeholder under the subject.
    expect(result).toEqual({
      ok: false,
      problems: [{ field: 'overdue.en.subject', message: 'uses {{name}}, which is neither a placeholder of the add-on nor a column of the invoice table or the Customers sheet' }],
    });
  });

  it('refuses a placeholder left unclosed, which the customer would read as braces', () => {
    const addon = loadAddon();
    const result = addon.runtime.scriptRun('sidebarSaveTemplates', [{ overdue: { en: { subject: 'Overdue {{total', body: 'Total: {{total}}' }, ru: { subject: 'Долг', body: 'Итого: total}}' } } }]);
    expect(result).toEqual({
      ok: false,
      problems: [
        { field: 'overdue.en.subject', message: 'has an unclosed placeholder' },
        { field: 'overdue.ru.body', message: 'has an unclosed placeholder' },
      ],
    });
  });

  it("refuses a customer's email that is not one, and takes several separated by semicolons", () => {
    const addon = loadAddon();
    const row = { customer: 'Acme', email: 'not an email', language: '', doNotRemind: false, pausedUntil: '', promiseBy: '', disputed: false, ownSteps: '', plan: '' };
    expect(addon.runtime.scriptRun('sidebarSaveCustomer', [row])).toEqual({ ok: false, problems: [{ field: 'email', message: '"not an email" is not a valid email address' }] });
    expect(addon.spreadsheet.getSheetByName('Customers')).toBeNull();
    expect(addon.runtime.scriptRun('sidebarSaveCustomer', [{ ...row, email: 'a@acme.example.com; b@acme.example.com' }])).toEqual({ ok: true });
  });

  it('takes every column of the invoice table and of the Customers sheet as a placeholder by its header', () => {
    const addon = loadAddon();
    addon.spreadsheet.addSheet('Invoices', [['Customer', 'Due date', 'Amount', 'Pay link'], ['Acme', addon.date('2026-01-01'), 10, 'https://pay.example.com/a']]);
    addon.spreadsheet.addSheet('Customers', [['Customer', 'Email', 'Manager'], ['Acme', 'a@example.com', 'Jo']]);
    const template = { subject: 'Invoice for {{Manager}}', body: 'Pay at {{Pay link}}, {{customer}}.' };
    expect(addon.runtime.scriptRun('sidebarSaveTemplates', [{ overdue: { en: template } }])).toEqual({ ok: true });
    const refused = addon.runtime.scriptRun('sidebarSaveTemplates', [{ overdue: { en: { ...template, body: 'Pay under {{Contract}}' } } }]) as { ok: false; problems: Array<{ field: string }> };
    expect(refused.problems.map((problem) => problem.field)).toEqual(['overdue.en.body']);
  });

  it("shows an unknown placeholder in the preview, marked where it stands, and fills a column's placeholder with the customer's value", () => {
    const addon = loadAddon({ now: '2026-03-10T10:00:00Z' });
    addon.spreadsheet.addSheet('Invoices', [['Customer', 'Email', 'Due date', 'Amount', 'Pay link'], ['Acme', 'ap@acme.example.com', addon.date('2026-03-03'), 10, 'https://pay.example.com/a']]);
    savePolicy(addon);
    const rendered = addon.runtime.scriptRun('sidebarRenderTemplate', ['overdue', 'en', { subject: 'Overdue {{total}}', body: 'Pay at {{Pay link}} under {{Contract}}.' }]) as { customer: string; html: string };
    expect(rendered.customer).toBe('Acme');
    expect(rendered.html).toContain('Pay at https://pay.example.com/a under <span style="background:#fce8e6;color:#a50e0e">{{Contract}}</span>.');
  });
});
