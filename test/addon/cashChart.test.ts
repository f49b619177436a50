// The dashboard's cash chart (issue 25, item 4): AR_CHART_DATA's "cash" series
// per currency, Balance and Balance low with the gap marked, and a line chart
// over it per currency when the Cash section is set up.
import { describe, expect, it } from 'vitest';
import { loadAddon, savePolicy, storedRows, type Addon } from '../support/addon';

const ZONE = 'Europe/London';
const INVOICES = [
  ['Customer', 'Invoice date', 'Due date', 'Amount', 'Paid date', 'Currency'],
  ['Acme', '2026-01-01', '2026-01-31', 100, '2026-01-31', 'USD'],
  ['Acme', '2026-03-20', '2026-04-20', 2000, '', 'USD'],
  ['Octo GmbH', '2026-03-20', '2026-04-08', 300, '', 'EUR'],
];
const OUTFLOWS = [
  ['Date', 'Amount', 'Payee', 'Currency'],
  ['2026-04-14', 2500, "Landlord's agent", 'USD'],
  ['2026-04-30', 100, 'Software', 'EUR'],
];

function book(): Addon {
  const addon = loadAddon({ timeZone: ZONE, now: '2026-04-06T09:00:00Z' });
  addon.spreadsheet.addSheet('Invoices', storedRows(INVOICES, ZONE));
  addon.spreadsheet.addSheet('Cash out', storedRows(OUTFLOWS, ZONE));
  return addon;
}

describe('AR_CHART_DATA "cash"', () => {
  it("gives one currency's Balance and Balance low per week, and Balance low again on the gap's week only", () => {
    const addon = book();
    savePolicy(addon, { cash: { floor: 0, horizonWeeks: 4, openingBalances: { USD: 1000, EUR: 50 }, outflowsRange: "'Cash out'!A1:D" } });
    const rows = addon.call('AR_CHART_DATA', addon.table(INVOICES), addon.date('2026-04-06'), 'cash', 'USD', addon.table(OUTFLOWS), '') as unknown[][];
    expect(rows[0]).toEqual(['Week', 'Balance', 'Balance low', 'Gap']);
    expect(rows).toHaveLength(5);
    const [first, second] = rows.slice(1);
    // The first week: the cash at hand, with what may come in on top; no outflow yet, no gap.
    expect([first[2], first[3]]).toEqual([1000, '']);
    // The rent takes the week of 13 April below 0: that week is the gap, marked at its Balance low.
    expect(second[2]).toBe(-1500);
    expect(second[3]).toBe(-1500);
    for (const row of rows.slice(1)) expect(row[1] as number).toBeGreaterThanOrEqual(row[2] as number);
    // Marked once only, on the first week below the floor.
    expect(rows.slice(1).filter((row) => row[3] !== '')).toHaveLength(1);
    // The same as AR_CASHFLOW's Balance and Balance low for USD.
    const table = addon.call('AR_CASHFLOW', addon.table(INVOICES), addon.table(OUTFLOWS), '', addon.date('2026-04-06'), 'week', 4) as unknown[][];
    const usd = table.filter((row) => row[1] === 'USD');
    expect(rows.slice(1).map((row) => [row[1], row[2]])).toEqual(usd.map((row) => [row[6], row[7]]));
    // EUR stays apart: never summed with USD.
    const eur = addon.call('AR_CHART_DATA', addon.table(INVOICES), addon.date('2026-04-06'), 'cash', 'EUR', addon.table(OUTFLOWS), '') as unknown[][];
    expect(eur[1][2]).toBe(50);
    expect(eur.slice(1).every((row) => row[3] === '')).toBe(true);
  });

  it('refuses an unknown chart, naming the three', () => {
    const addon = book();
    expect(() => addon.call('AR_CHART_DATA', addon.table(INVOICES), '', 'cashflow', 'USD')).toThrow('AR_CHART_DATA: chart must be "aging", "forecast" or "cash"; found "cashflow"');
  });
});

describe('the dashboard with the Cash section set up', () => {
  it('adds a line chart per currency over its own cash block, the outflows range passed as a reference', () => {
    const addon = book();
    savePolicy(addon, { cash: { floor: 0, horizonWeeks: 6, openingBalances: { USD: 1000, EUR: 50 }, outflowsRange: "'Cash out'!a1:d" } });
    addon.runtime.run('insertDashboard');
    const sheet = addon.spreadsheet.sheet('Receivables dashboard')!;
    const cashFormulas = [...sheet.formulas.values()].filter((formula) => formula.includes('"cash"')).map((formula) => formula.replace(/\$B\$\d+/, '$B$n'));
    expect(cashFormulas).toEqual([
      "=AR_CHART_DATA('Invoices'!A1:F, TODAY(), \"cash\", \"EUR\", 'Cash out'!A1:D, , 'Receivables settings'!$B$n)",
      "=AR_CHART_DATA('Invoices'!A1:F, TODAY(), \"cash\", \"USD\", 'Cash out'!A1:D, , 'Receivables settings'!$B$n)",
    ]);
    const lines = sheet.charts.filter((chart) => chart.type === 'LINE');
    expect(lines.map((chart) => chart.options.title)).toEqual(['Cash: Balance and Balance low, gap marked, EUR', 'Cash: Balance and Balance low, gap marked, USD']);
    // Each reads Week, Balance, Balance low and Gap over the six weeks, header included.
    for (const chart of lines) expect(chart.ranges[0]).toMatch(/^Receivables dashboard![A-Z]+1:[A-Z]+7$/);
    const results = addon.runtime.recalculate();
    expect(results.filter((result) => result.error)).toEqual([]);
    const usdBlock = lines[1].ranges[0].split('!')[1].split(':')[0].replace(/\d+/, '');
    const column = [...usdBlock].reduce((n, letter) => n * 26 + letter.charCodeAt(0) - 64, 0);
    expect(sheet.values[0].slice(column - 1, column + 3)).toEqual(['Week', 'Balance', 'Balance low', 'Gap']);
    expect(sheet.values.slice(1, 7).filter((row) => row[column + 2] !== '')).toHaveLength(1);
  });

  it('has no cash chart while the Cash section is empty', () => {
    const addon = book();
    savePolicy(addon);
    addon.runtime.run('insertDashboard');
    const sheet = addon.spreadsheet.sheet('Receivables dashboard')!;
    expect(sheet.charts.filter((chart) => chart.type === 'LINE')).toEqual([]);
    expect([...sheet.formulas.values()].some((formula) => formula.includes('"cash"'))).toBe(false);
  });

  it('never takes a typed range that is not one into the formula: the policy refuses it, and no dashboard gets it', () => {
    const addon = book();
    expect(() => savePolicy(addon, { cash: { openingBalances: { USD: 1000 }, outflowsRange: 'A1), HYPERLINK("http://x' } })).toThrow('cash.outflowsRange');
    savePolicy(addon, { cash: { openingBalances: { USD: 1000 } } });
    addon.runtime.run('insertDashboard');
    const cashFormulas = [...addon.spreadsheet.sheet('Receivables dashboard')!.formulas.values()].filter((formula) => formula.includes('"cash"'));
    // Cash at hand but no outflows range: the blocks read no outflows ("").
    expect(cashFormulas.map((formula) => formula.replace(/\$B\$\d+/, '$B$n'))).toEqual([
      "=AR_CHART_DATA('Invoices'!A1:F, TODAY(), \"cash\", \"EUR\", \"\", , 'Receivables settings'!$B$n)",
      "=AR_CHART_DATA('Invoices'!A1:F, TODAY(), \"cash\", \"USD\", \"\", , 'Receivables settings'!$B$n)",
    ]);
    expect(cashFormulas.join('')).not.toContain('HYPERLINK');
  });
});
