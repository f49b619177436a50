// Sheets recomputes a custom function only when an argument's value changes
// (issue 10, item 7): whatever changes a result must reach the function as an
// argument. The AR_ functions read the stored settings by themselves, so every
// AR_ formula passes the settings store's revision cell, which each save changes.
import { describe, expect, it } from 'vitest';
import { AppsScriptRuntime, zonedInstant } from '../../runtime/index';
import type { Sheet } from '../../runtime/spreadsheet';
import { loadAddon, storedRows, type Addon } from '../support/addon';

const ZONE = 'Europe/London';

describe('the runtime formula engine', () => {
  it('recomputes a custom-function cell only when an argument value changed, so a stale cell shows', () => {
    const runtime = new AppsScriptRuntime().load({ code: 'function READ(x) { return [[x, PropertiesService.getScriptProperties().getProperty("v")]]; }' });
    const spreadsheet = runtime.createSpreadsheet();
    const sheet = spreadsheet.addSheet('S', [[1]], { rows: 10, columns: 5 });
    sheet.face().getRange('B1').setFormula('=READ(A1)');
    runtime.scriptProperties.setProperty('v', 'first');
    runtime.recalculate();
    expect(sheet.values[0].slice(1, 3)).toEqual([1, 'first']);
    runtime.scriptProperties.setProperty('v', 'second');
    runtime.recalculate();
    // The argument did not change: the person sees the old result.
    expect(sheet.values[0].slice(1, 3)).toEqual([1, 'first']);
    // Entered again, the same call gives the result Sheets has for it.
    sheet.face().getRange('B1').setFormula('=READ(A1)');
    runtime.recalculate();
    expect(sheet.values[0][2]).toBe('first');
    sheet.write(1, 1, 2);
    runtime.recalculate();
    expect(sheet.values[0].slice(1, 3)).toEqual([2, 'second']);
    // A date argument counts by its instant, not as text that looks the same.
    sheet.face().getRange('B3').setFormula('=READ(DATE(2026,3,10))');
    sheet.face().getRange('B4').setFormula('=READ("2026-03-10T00:00:00.000Z")');
    runtime.recalculate();
    expect(sheet.values[2][1]).toBeInstanceOf(Date);
    expect(sheet.values[3][1]).toBe('2026-03-10T00:00:00.000Z');
  });

  it('finds formulas by their text with a TextFinder, and other cells by what they show', () => {
    const runtime = new AppsScriptRuntime().load({ code: 'function F() { return 1; }' });
    const spreadsheet = runtime.createSpreadsheet();
    const sheet = spreadsheet.addSheet('S', [['ar_ in a note', 'nothing']], { rows: 10, columns: 5 });
    sheet.face().getRange('C5').setFormula('=F(AR_X)');
    const found = (formulaText: boolean) =>
      spreadsheet
        .face()
        .createTextFinder('AR_')
        .matchFormulaText(formulaText)
        .findAll()
        .map((range) => `${range.getRow()},${range.getColumn()}`);
    expect(found(true)).toEqual(['1,1', '5,3']);
    expect(found(false)).toEqual(['1,1']);
  });
});

const ROWS = [
  ['Customer', 'Due date', 'Amount', 'Amount after discount', 'Currency', 'Invoice date'],
  ['Acme', '2026-02-01', 100, 90, 'USD', '2026-01-02'],
  ['Globex', '2026-03-20', 200, 150, 'USD', '2026-02-18'],
];
const TYPED = "=AR_AGING('Invoices'!A1:F, DATE(2026,3,10))";

function workbook(): { addon: Addon; mine: Sheet } {
  const addon = loadAddon({ timeZone: ZONE });
  addon.runtime.setNow(zonedInstant(ZONE, 2026, 3, 10, 10));
  addon.spreadsheet.addSheet('Invoices', storedRows(ROWS, ZONE));
  const mine = addon.spreadsheet.addSheet('Mine', [], { rows: 40, columns: 12 });
  mine.face().getRange('A1').setFormula(TYPED);
  return { addon, mine };
}

/** The Total row's total of an aging table spilled from A1. */
const total = (sheet: Sheet) => sheet.values.find((row) => row[0] === 'Total')?.at(6);

/** What AR_AGING gives now, called afresh as Sheets would with the stored settings. */
function freshTotal(addon: Addon): unknown {
  const report = addon.call('AR_AGING', addon.table(ROWS), addon.date('2026-03-10')) as unknown[][];
  return report.find((row) => row[0] === 'Total')?.at(6);
}

function policyOf(addon: Addon): Record<string, unknown> {
  return (addon.runtime.scriptRun('sidebarLoad') as { policy: Record<string, unknown> }).policy;
}

describe('AR_ formulas after a settings save', () => {
  it('are stale in the runtime while the store changes behind them, and equal fresh calls after each sidebar save: the dashboard and a typed formula', () => {
    const { addon, mine } = workbook();
    addon.runtime.run('insertDashboard');
    addon.runtime.recalculate();
    const dashboard = addon.spreadsheet.sheet('Receivables dashboard')!;
    expect(total(dashboard)).toBe(300);
    expect(total(mine)).toBe(300);

    // The stored policy changes with no new revision (as a save did before the formulas passed it):
    // the functions would now say 240, but Sheets does not recompute them, and neither does the runtime.
    const settings = addon.spreadsheet.sheet('Receivables settings')!;
    const policy = policyOf(addon);
    const corrected = { ...policy, columns: { amount: 'Amount after discount' } };
    const policyRow = () => settings.values.findIndex((row) => row[0] === 'policy') + 1;
    expect(policyRow()).toBe(0);
    settings.write(settings.values.length + 1, 1, 'policy');
    settings.write(policyRow(), 2, JSON.stringify(corrected));
    settings.write(settings.values.length + 1, 1, 'templates');
    settings.write(settings.values.length, 2, '{}');
    addon.runtime.recalculate();
    expect(freshTotal(addon)).toBe(240);
    expect(total(dashboard)).toBe(300);
    expect(total(mine)).toBe(300);
    expect(mine.formulas.get('1,1')).toBe(TYPED);

    // Saved in the sidebar: both are computed again, and agree with a fresh call.
    expect(addon.runtime.scriptRun('sidebarSavePolicy', [corrected])).toEqual({ ok: true });
    addon.runtime.recalculate();
    expect(freshTotal(addon)).toBe(240);
    expect(total(dashboard)).toBe(240);
    expect(total(mine)).toBe(240);
    // The typed formula kept its own text; the revision cell was appended after blanks for the arguments left out.
    const revisionRow = settings.values.findIndex((row) => row[0] === 'revision') + 1;
    const reference = `'Receivables settings'!$B$${revisionRow}`;
    expect(mine.formulas.get('1,1')).toBe(`${TYPED.slice(0, -1)}, , , , ${reference})`);
    expect(dashboard.formulas.get('1,1')).toBe(`=AR_AGING('Invoices'!A1:F, TODAY(), , , , ${reference})`);

    // Back again: a second save recomputes them too, and appends nothing more.
    const formulas = [...dashboard.formulas.values(), ...mine.formulas.values()];
    expect(addon.runtime.scriptRun('sidebarSavePolicy', [policy])).toEqual({ ok: true });
    addon.runtime.recalculate();
    expect(freshTotal(addon)).toBe(300);
    expect(total(dashboard)).toBe(300);
    expect(total(mine)).toBe(300);
    expect([...dashboard.formulas.values(), ...mine.formulas.values()]).toEqual(formulas);

    // Restoring settings after damage is a save too.
    settings.write(policyRow(), 2, '{"damaged"');
    expect(addon.runtime.scriptRun('sidebarRestoreSettings', ['defaults'])).toEqual({ ok: true });
    addon.runtime.recalculate();
    expect(total(dashboard)).toBe(freshTotal(addon));
  });

  it('appends only the revision to what a person typed: their arguments, separators and case kept; text and other functions left alone; results unchanged', () => {
    const { addon, mine } = workbook();
    const cell = (a1: string) => mine.face().getRange(a1);
    cell('A20').setFormula("=ar_customers( 'Invoices'!A1:F ; DATE(2026;3;10) )");
    cell('A30').setFormula('=AR_DSO(Invoices!A1:F, DATE(2026,3,10), 90)');
    cell('C30').setFormula('=AR_SETUP_DATE(DATE(2026,3,10))');
    cell('E30').setValue("'=AR_AGING(Invoices!A1:F)");
    cell('F30').setValue('see AR_AGING( on the dashboard');
    addon.runtime.recalculate();
    const before = mine.values.map((row) => [...row]);

    // Templates are no argument of any function, but a save is a save: the refresh runs all the same.
    const { templates } = addon.runtime.scriptRun('sidebarLoad') as { templates: Record<string, unknown> };
    expect(addon.runtime.scriptRun('sidebarSaveTemplates', [templates])).toEqual({ ok: true });
    const settings = addon.spreadsheet.sheet('Receivables settings')!;
    const reference = `'Receivables settings'!$B$${settings.values.findIndex((row) => row[0] === 'revision') + 1}`;
    expect(mine.formulas.get('1,1')).toBe(`${TYPED.slice(0, -1)}, , , , ${reference})`);
    expect(mine.formulas.get('20,1')).toBe(`=ar_customers( 'Invoices'!A1:F ; DATE(2026;3;10) ; ${reference})`);
    expect(mine.formulas.get('30,1')).toBe(`=AR_DSO(Invoices!A1:F, DATE(2026,3,10), 90, ${reference})`);
    expect(mine.formulas.get('30,3')).toBe('=AR_SETUP_DATE(DATE(2026,3,10))');
    // Text stays text, never a formula.
    expect(mine.formulas.has('30,5')).toBe(false);
    expect(mine.values[29][4]).toBe('=AR_AGING(Invoices!A1:F)');
    expect(mine.values[29][5]).toBe('see AR_AGING( on the dashboard');
    addon.runtime.recalculate();
    expect(mine.values).toEqual(before);
  });

  it('goes on past a formula that refuses the write, and names it in a toast: the save is kept', () => {
    const { addon, mine } = workbook();
    mine.face().getRange('A30').setFormula('=AR_DSO(Invoices!A1:F, DATE(2026,3,10), 90)');
    addon.runtime.state.log.failOn('Range.setFormula');
    const policy = policyOf(addon);
    expect(addon.runtime.scriptRun('sidebarSavePolicy', [{ ...policy, termsDays: 45 }])).toEqual({ ok: true });
    expect(policyOf(addon).termsDays).toBe(45);
    // The first formula found (A1) refused the write; the next one got the revision.
    expect(mine.formulas.get('1,1')).toBe(TYPED);
    expect(mine.formulas.get('30,1')).toMatch(/^=AR_DSO\(Invoices!A1:F, DATE\(2026,3,10\), 90, 'Receivables settings'!\$B\$\d+\)$/);
    expect(addon.spreadsheet.toasts.at(-1)).toMatch(/^Saved\. These formulas could not be given the settings cell.*: Mine!A1 \(Service error: injected failure of Range\.setFormula\)\. Add 'Receivables settings'!\$B\$\d+ as their last argument by hand\.$/);
  });

  it('points a dashboard made before the Customers sheet at it once a customer is saved, so a promise typed there reaches its credit status', () => {
    const { addon } = workbook();
    addon.runtime.run('insertDashboard');
    const dashboard = addon.spreadsheet.sheet('Receivables dashboard')!;
    const [key, formula] = [...dashboard.formulas].find(([, text]) => text.startsWith('=AR_CREDIT_STATUS('))!;
    expect(formula).toMatch(/^=AR_CREDIT_STATUS\('Invoices'!A1:F, "", TODAY\(\), 'Receivables settings'!\$B\$\d+\)$/);
    addon.runtime.recalculate();
    const [row, column] = key.split(',').map(Number);
    const holds = () => dashboard.values.slice(row - 1).map((line) => [line?.[column - 1], line?.[column + 5]]).filter(([customer]) => customer);
    expect(holds()).toEqual([['Customer', 'Hold'], ['Globex', ''], ['Acme', '']]);

    // Acme, overdue, promised to pay by 5 March and did not (it is 10 March): the saved customer makes the Customers sheet.
    const saved = addon.runtime.scriptRun('sidebarSaveCustomer', [{ customer: 'Acme', email: '', language: '', doNotRemind: false, pausedUntil: '', promiseBy: '2026-03-05', disputed: false, ownSteps: '', plan: '' }]);
    expect(saved).toEqual({ ok: true });
    expect(dashboard.formulas.get(key)).toBe(formula.replace('""', "'Customers'!A1:Z"));
    addon.runtime.recalculate();
    const customers = addon.spreadsheet.sheet('Customers')!.values;
    const fresh = addon.call('AR_CREDIT_STATUS', addon.table(ROWS), addon.table(customers), addon.date('2026-03-10')) as unknown[][];
    expect(fresh.find((line) => line[0] === 'Acme')?.at(7)).toBe('promise broken');
    expect(holds()).toEqual(fresh.map((line) => [line[0], line[6]]));
    // A "" a person typed stays theirs.
    const mine = addon.spreadsheet.sheet('Mine')!;
    mine.face().getRange('A30').setFormula('=AR_CREDIT_STATUS(Invoices!A1:F, "", TODAY())');
    addon.runtime.scriptRun('sidebarSaveCustomer', [{ customer: 'Globex', email: '', language: '', doNotRemind: false, pausedUntil: '', promiseBy: '', disputed: false, ownSteps: '', plan: '' }]);
    expect(mine.formulas.get('30,1')).toBe('=AR_CREDIT_STATUS(Invoices!A1:F, "", TODAY())');
  });

  it('every function that reads the settings gives the same result with blanks and the revision after its own arguments', () => {
    const { addon } = workbook();
    const table = addon.table(ROWS);
    const asOf = addon.date('2026-03-10');
    const payments = addon.table([
      ['Date', 'Amount', 'Payer', 'Purpose'],
      ['2026-03-05', 100, 'Acme', 'Payment'],
    ]);
    const own: Array<[string, number, unknown[]]> = [
      ['AR_AGING', 5, [table, asOf]],
      ['AR_DAYS_OVERDUE', 3, [table, asOf]],
      ['AR_BUCKET', 4, [table, asOf]],
      ['AR_LATE_FEE', 2, [table, asOf]],
      ['AR_EXPECTED_DATE', 2, [table, asOf]],
      ['AR_FORECAST', 4, [table, asOf]],
      ['AR_CUSTOMERS', 2, [table, asOf]],
      ['AR_DSO', 3, [table, asOf]],
      ['AR_BEST_DSO', 3, [table, asOf]],
      ['AR_ADD', 3, [table, asOf]],
      ['AR_CEI', 3, [table, asOf]],
      // Six since issue 25: outflows and opening_balance, read for the "cash" chart only (a revision passed fifth by an older dashboard reaches no other chart).
      ['AR_CHART_DATA', 6, [table, asOf, 'aging']],
      ['AR_MATCH', 4, [payments, table, asOf]],
      ['AR_CREDIT_STATUS', 3, [table, '', asOf]],
    ];
    for (const [name, arity, args] of own) {
      expect(addon.runtime.topLevel(name).length, name).toBe(arity);
      const plain = addon.call(name, ...args);
      for (const blank of ['', undefined]) {
        const padded = [...args, ...new Array(arity - args.length).fill(blank), '00000000-0000-4000-8000-000000000042'];
        expect(addon.call(name, ...padded), name).toEqual(plain);
      }
    }
  });
});
