// An owner per customer (issue 27, item 1): a Manager column (Ответственный) in
// the Customers sheet or the invoice table; call and letter tasks carry it;
// the Customers sheet's wins; the sidebar gets it for its filter.
import { describe, expect, it } from 'vitest';
import { detectColumns } from '../../src/core/columns';
import { readCustomerSettings } from '../../src/core/reminders/customerSettings';
import { managerOf, managersInInvoiceRows } from '../../src/core/team/managers';
import { loadAddon, savePolicy, storedRows, type Addon } from '../support/addon';
import { COLLECTION_STEPS, HEADER, setDay, ZONE } from '../support/collectionsBook';

const tasksOf = (addon: Addon) => {
  const sheet = addon.spreadsheet.sheet('Collections');
  if (!sheet) return [];
  const header = sheet.values[0] as string[];
  return sheet.values.slice(1).map((row) => Object.fromEntries(header.map((name, c) => [name, row[c] ?? ''])));
};

/** Acme's manager only in the invoice table, Globex's in both (the Customers sheet says Boris), Initech's nowhere. */
function workbook(invoiceManagerHeader = 'Manager', customersManagerHeader = 'Manager'): Addon {
  const addon = loadAddon({ timeZone: ZONE });
  addon.spreadsheet.addSheet(
    'Invoices',
    storedRows(
      [
        [...HEADER, invoiceManagerHeader],
        ['Acme', 'A-1', '2026-02-01', '2026-03-02', 1000, '', '', 'USD', 'ap@acme.example.com', 'anna@seller.example.com'],
        ['Globex', 'G-1', '2026-02-01', '2026-03-02', 300, '', '', 'USD', 'ap@globex.example.com', 'anna@seller.example.com'],
        ['Initech', 'I-1', '2026-02-01', '2026-03-02', 200, '', '', 'USD', 'ap@initech.example.com', ''],
      ],
      ZONE,
    ),
  );
  addon.spreadsheet.addSheet(
    'Customers',
    [
      ['Customer', 'Email', 'Notes', customersManagerHeader],
      ['Globex', '', 'a note of ours', '=Boris'],
      ['Acme', '', '', ''],
    ],
    { rows: 1000, columns: 26 },
  );
  savePolicy(addon, { skipWeekends: false, steps: COLLECTION_STEPS });
  return addon;
}

function runOn(addon: Addon, iso: string): void {
  setDay(addon, iso);
  addon.runtime.run('sendDueReminders');
}

describe('a Manager column', () => {
  it('is found in English and Russian books by its usual headers, and a bare "Owner" is left alone', () => {
    for (const header of ['Manager', 'Account manager', 'Collector', 'Ответственный', 'Менеджер', 'Sales Rep']) {
      expect(detectColumns(['Customer', 'Due date', 'Amount', header]).manager?.index, header).toBe(3);
    }
    expect(detectColumns(['Контрагент', 'Срок оплаты', 'Сумма', 'Ответственный']).manager?.header).toBe('Ответственный');
    expect(detectColumns(['Customer', 'Due date', 'Amount', 'Owner']).manager).toBeUndefined();
    // The customer column is not taken for the manager, nor the other way round.
    expect(detectColumns(['Account manager', 'Account', 'Due', 'Total']).customer?.header).toBe('Account');
    const { settings } = readCustomerSettings([['Клиент', 'Ответственный'], ['ООО Ромашка', '  Анна   Петрова ']], { timeZone: ZONE, locale: 'ru_RU' });
    expect(settings.get('ооо ромашка')?.manager).toBe('Анна Петрова');
  });

  it("takes the Customers sheet's manager over the invoice table's, and the table's where the sheet has none", () => {
    const rows = [['Title line'], ['Client', 'Due date', 'Total', 'Ответственный'], ['Acme', '2026-03-02', 10, 'Anna'], ['Acme', '2026-03-03', 10, 'Someone else'], ['Globex', '2026-03-02', 10, 'Anna']];
    const table = managersInInvoiceRows(rows);
    expect([...table]).toEqual([['acme', 'Anna'], ['globex', 'Anna']]);
    const { settings } = readCustomerSettings([['Customer', 'Manager'], ['GLOBEX ', 'Boris'], ['Acme', '']], { timeZone: ZONE, locale: 'en_US' });
    expect(managerOf('Globex', settings, table)).toBe('Boris');
    expect(managerOf('Acme', settings, table)).toBe('Anna');
    expect(managerOf('Initech', settings, table)).toBe('');
    // The sidebar's column correction counts: a "Who" column chosen as the manager.
    expect([...managersInInvoiceRows([['Customer', 'Due', 'Amount', 'Who'], ['Acme', 1, 2, 'Vera']], { manager: 'Who' })]).toEqual([['acme', 'Vera']]);
  });

  it('puts the manager on call and letter tasks, as text, the Customers sheet winning', () => {
    const addon = workbook();
    runOn(addon, '2026-03-09');
    runOn(addon, '2026-03-16'); // +14: the call step
    const byCustomer = new Map(tasksOf(addon).map((task) => [task.Customer, task.Manager]));
    expect(byCustomer).toEqual(new Map([['Acme', 'anna@seller.example.com'], ['Globex', '=Boris'], ['Initech', '']]));
    // "=Boris" typed in the Customers sheet is a name, written as text: no formula in the Collections sheet.
    expect(addon.spreadsheet.sheet('Collections')!.formulas.size).toBe(0);
    runOn(addon, '2026-04-01'); // +30: the letter step
    const letters = tasksOf(addon).filter((task) => String(task.Step).startsWith('Letter'));
    expect(letters.map((task) => [task.Customer, task.Manager])).toEqual([['Acme', 'anna@seller.example.com'], ['Globex', '=Boris'], ['Initech', '']]);
  });

  it('reads Ответственный in a Russian book, both sheets', () => {
    const addon = workbook('Ответственный', 'Ответственный');
    runOn(addon, '2026-03-09');
    runOn(addon, '2026-03-16');
    expect(new Map(tasksOf(addon).map((task) => [task.Customer, task.Manager]))).toEqual(new Map([['Acme', 'anna@seller.example.com'], ['Globex', '=Boris'], ['Initech', '']]));
  });

  it('adds a Manager column right of a Collections sheet made before managers, never over a column of the person', () => {
    const addon = workbook();
    // A sheet from an older version: its headers end at Task id, then a column the person added.
    addon.spreadsheet.addSheet('Collections', [['Date', 'Customer', 'Currency', 'Contact', 'Phone', 'Email', 'Open', 'Overdue', 'Oldest days overdue', 'Invoices', 'Step', 'Last contact', 'Last outcome', 'Document', 'Outcome', 'Promise date', 'Note', 'Keys', 'Task id', 'Our column']], { rows: 1000, columns: 26 });
    runOn(addon, '2026-03-09');
    runOn(addon, '2026-03-16');
    const sheet = addon.spreadsheet.sheet('Collections')!;
    expect((sheet.values[0] as string[]).slice(18, 21)).toEqual(['Task id', 'Our column', 'Manager']);
    const tasks = tasksOf(addon);
    expect(tasks.map((task) => task['Our column'])).toEqual(['', '', '']);
    expect(tasks.find((task) => task.Customer === 'Acme')?.Manager).toBe('anna@seller.example.com');
  });

  it('books without managers keep their Collections sheet as it was', () => {
    const addon = loadAddon({ timeZone: ZONE });
    addon.spreadsheet.addSheet('Invoices', storedRows([HEADER, ['Acme', 'A-1', '2026-02-01', '2026-03-02', 1000, '', '', 'USD', 'ap@acme.example.com']], ZONE));
    addon.spreadsheet.addSheet('Collections', [['Date', 'Customer', 'Currency', 'Contact', 'Phone', 'Email', 'Open', 'Overdue', 'Oldest days overdue', 'Invoices', 'Step', 'Last contact', 'Last outcome', 'Document', 'Outcome', 'Promise date', 'Note', 'Keys', 'Task id']], { rows: 1000, columns: 26 });
    savePolicy(addon, { skipWeekends: false, steps: COLLECTION_STEPS });
    runOn(addon, '2026-03-09');
    runOn(addon, '2026-03-16');
    expect(addon.spreadsheet.sheet('Collections')!.values[0]).not.toContain('Manager');
    expect(tasksOf(addon)).toHaveLength(1);
  });

  it("gives the sidebar each customer's manager from both sheets, and saves one typed there into the Customers sheet's Manager column", () => {
    const addon = workbook();
    const load = () => (addon.runtime.scriptRun('sidebarLoad') as { customers: Array<{ customer: string; manager: string; tableManager: string }> }).customers;
    expect(load().map(({ customer, manager, tableManager }) => [customer, manager, tableManager])).toEqual([
      ['Globex', '=Boris', 'anna@seller.example.com'],
      ['Acme', '', 'anna@seller.example.com'],
    ]);
    const acme = load().find((row) => row.customer === 'Acme')!;
    expect(addon.runtime.scriptRun('sidebarSaveCustomer', [{ ...acme, manager: '+Vera' }])).toEqual({ ok: true });
    const sheet = addon.spreadsheet.sheet('Customers')!;
    expect(sheet.values[2][3]).toBe('+Vera');
    expect(sheet.formulas.size).toBe(0);
    // A page from before managers sends none: the Manager cell stays; the person's Notes column is never touched.
    const { manager: _manager, tableManager: _table, ...older } = load().find((row) => row.customer === 'Globex')!;
    expect(addon.runtime.scriptRun('sidebarSaveCustomer', [{ ...older, email: 'pay@globex.example.com' }])).toEqual({ ok: true });
    expect(sheet.values[1]).toEqual(['Globex', 'pay@globex.example.com', 'a note of ours', '=Boris', ...sheet.values[1].slice(4)]);
    expect(addon.runtime.scriptRun('sidebarSaveCustomer', [{ ...acme, manager: 'x'.repeat(201) }])).toMatchObject({ ok: false, problems: [{ field: 'manager' }] });
  });

  it('adds no Manager column to a Customers sheet when a customer is saved without one', () => {
    const addon = loadAddon({ timeZone: ZONE });
    addon.spreadsheet.addSheet('Invoices', storedRows([HEADER, ['Acme', 'A-1', '2026-02-01', '2026-03-02', 1000, '', '', 'USD', 'ap@acme.example.com']], ZONE));
    savePolicy(addon);
    const row = { customer: 'Acme', email: '', language: '', doNotRemind: true, pausedUntil: '', promiseBy: '', disputed: false, ownSteps: '', plan: '', manager: '' };
    expect(addon.runtime.scriptRun('sidebarSaveCustomer', [row])).toEqual({ ok: true });
    expect(addon.spreadsheet.sheet('Customers')!.values[0]).not.toContain('Manager');
  });
});
