import { describe, expect, it } from 'vitest';
import { calendarDay, isoDate } from '../../src/core/calendar';
import type { Cell } from '../../src/core/cells';
import { accountId, accountsOf } from '../../src/core/collections/account';
import { letterFigures } from '../../src/core/collections/documents';
import { applyOutcomes, readCollections } from '../../src/core/collections/sheet';
import { defaultPolicy } from '../../src/core/reminders/policy';
import { statementOf } from '../../src/core/collections/statement';
import { readInvoiceTable } from '../../src/core/invoices';
import { openCentsAt } from '../../src/core/balances';
import { readCustomerSettings } from '../../src/core/reminders/customerSettings';

const day = (iso: string) => calendarDay(...(iso.split('-').map(Number) as [number, number, number]));
const options = { timeZone: 'UTC', locale: 'en_US' };

describe('statementOf', () => {
  const rows: Cell[][] = [
    ['Customer', 'Invoice No', 'Invoice date', 'Due date', 'Amount', 'Paid', 'Paid date', 'Currency'],
    ['Acme', 'A-1', '2026-01-05', '2026-02-04', 500, 500, '2026-02-10', 'USD'],
    ['Acme', 'A-2', '2026-02-01', '2026-03-03', 300, 100, '2026-03-05', 'USD'],
    ['Acme', 'CN-1', '2026-02-15', '2026-02-15', -50, '', '', 'USD'],
    ['Acme', 'A-3', '2026-03-20', '2026-04-19', 200, 200, '2026-04-02', 'USD'],
    ['Acme', 'A-9', '2026-02-01', '2026-03-03', 999, '', '', 'EUR'],
    ['Globex', 'G-1', '2026-02-01', '2026-03-03', 700, '', '', 'USD'],
  ];
  const table = readInvoiceTable(rows, options);

  it('brings the balance forward, lists invoices, credit notes and payments in the period with the running balance, and closes at the open balance', () => {
    const statement = statementOf(table, 'Acme', 'USD', day('2026-02-01'), day('2026-03-31'));
    expect(statement.openingCents).toBe(50000);
    expect(statement.lines.map((line) => [isoDate(line.day as number), line.kind, line.label, line.cents, line.balanceCents])).toEqual([
      ['2026-02-01', 'invoice', 'A-2', 30000, 80000],
      ['2026-02-10', 'payment', 'A-1', -50000, 30000],
      ['2026-02-15', 'credit', 'CN-1', -5000, 25000],
      ['2026-03-05', 'payment', 'A-2', -10000, 15000],
      ['2026-03-20', 'invoice', 'A-3', 20000, 35000],
    ]);
    // The closing balance is what the balances say on the last day (the payment of A-3 comes after it).
    let open = 0;
    for (let i = 0; i < table.size; i++) if (table.customer[i] === 'Acme' && table.currency[i] === 'USD') open += openCentsAt(table, i, day('2026-03-31')) ?? 0;
    expect(statement.closingCents).toBe(open);
    expect(statement.open.map((line) => [line.label, line.openCents, line.daysOverdue])).toEqual([
      ['A-2', 20000, 28],
      ['A-3', 20000, -19],
    ]);
  });
});

describe('the Collections sheet read back', () => {
  it('reads outcomes by header, reports what it cannot read with its row and column, and merges them into the customers', () => {
    const rows: Cell[][] = [
      ['Note', 'Customer', 'Date', 'Invoices', 'Step', 'Outcome', 'Promise date', 'Keys'],
      ['', 'Acme', '2026-03-16', 'A-1', 'Call (+14 days)', 'promised', '2026-03-25', '[["Acme · A-1",14]]'],
      ['', 'Globex', '2026-03-16', 'G-1', 'Call (+14 days)', 'disputed', '', '[["Globex · G-1",14]]'],
      ['', 'Initech', '2026-03-16', 'I-1', 'Call (+14 days)', 'maybe', '31.02.2026', '[["Initech · I-1",14]]'],
      ['', 'Hooli', '2026-04-01', 'H-1', 'Legal hand-over (+60 days)', '', '', '[["Hooli · H-1",60]]'],
      ['', 'Umbrella', '2026-04-01', 'U-1', 'Hand to a lawyer (+60 days)', '', '', '[["Umbrella · U-1",60]]'],
      ['', 'Ромашка', '2026-04-01', 'R-1', 'Передать юристу (+60 дн.)', '', '', '[["Ромашка · R-1",60]]'],
    ];
    const { entries, problems } = readCollections(rows, options);
    expect(problems).toEqual([
      'Collections sheet, row 4, column "Promise date": "31.02.2026" is not a date',
      'Collections sheet, row 4, column "Outcome": "maybe" is not an outcome: use reached, no answer, promised, disputed, wrong contact',
    ]);
    const { settings } = readCustomerSettings([['Customer', 'Promise to pay by'], ['Acme', '2026-03-20']], options);
    const merged = applyOutcomes(settings, entries);
    expect(isoDate(merged.get('acme')!.promiseBy as number)).toBe('2026-03-25');
    expect(merged.get('globex')!.disputedInvoices).toEqual(['G-1']);
    expect(merged.get('hooli')!.legal).toBe(true);
    // The sidebar's names, in either language, read as the old one does.
    expect(merged.get('umbrella')!.legal).toBe(true);
    expect(merged.get('ромашка')!.legal).toBe(true);
    expect(merged.get('initech')?.promiseBy ?? null).toBeNull();
    // The settings given are not changed.
    expect(isoDate(settings.get('acme')!.promiseBy as number)).toBe('2026-03-20');
  });

  // Issue 22, item 4: a ru_RU book's outcomes are Russian words; either language's word reads, case and spaces aside.
  it('in a ru_RU book reads Russian and English outcomes alike and names the Russian words when one is unknown', () => {
    const rows: Cell[][] = [
      ['Customer', 'Date', 'Invoices', 'Step', 'Outcome', 'Promise date', 'Keys'],
      ['Acme', '16.03.2026', 'A-1', 'Звонок (+14 дн.)', '  Обещали оплатить ', '25.03.2026', '[["Acme · A-1",14]]'],
      ['Globex', '16.03.2026', 'G-1', 'Звонок (+14 дн.)', 'оспаривают', '', '[["Globex · G-1",14]]'],
      ['Hooli', '16.03.2026', 'H-1', 'Call (+14 days)', 'Promised', '26.03.2026', '[["Hooli · H-1",14]]'],
      ['Initech', '16.03.2026', 'I-1', 'Звонок (+14 дн.)', 'может быть', '', '[["Initech · I-1",14]]'],
      ['Umbrella', '16.03.2026', 'U-1', 'Звонок (+14 дн.)', 'обещали оплатить', '', '[["Umbrella · U-1",14]]'],
    ];
    const { entries, problems } = readCollections(rows, { timeZone: 'Europe/Moscow', locale: 'ru_RU' });
    expect(entries.map((entry) => entry.outcome)).toEqual(['promised', 'disputed', 'promised', '', 'promised']);
    expect(problems).toEqual([
      'Collections sheet, row 5, column "Outcome": "может быть" is not an outcome: use дозвонились, не ответили, обещали оплатить, оспаривают, неверный контакт',
      'Collections sheet, row 6, column "Promise date": the outcome is "обещали оплатить" but no promise date is given',
    ]);
    const merged = applyOutcomes(new Map(), entries);
    expect(isoDate(merged.get('acme')!.promiseBy as number)).toBe('2026-03-25');
    expect(isoDate(merged.get('hooli')!.promiseBy as number)).toBe('2026-03-26');
    expect(merged.get('globex')!.disputedInvoices).toEqual(['G-1']);
  });
});

describe('accountsOf', () => {
  it('sets a credit note against the oldest overdue invoices first, as AR_AGING and the emails do: never more overdue than owed', () => {
    const rows: Cell[][] = [
      ['Customer', 'Invoice No', 'Invoice date', 'Due date', 'Amount', 'Paid', 'Currency'],
      ['Jeff', 'J-1', '2026-01-01', '2026-01-31', 300, '', 'USD'],
      ['Jeff', 'J-2', '2026-02-01', '2026-03-03', 781, '', 'USD'],
      ['Jeff', 'CN-1', '2026-03-10', '2026-03-10', -200, '', 'USD'],
      ['Jeff', 'J-3', '2026-03-15', '2026-04-14', 0.5, '', 'USD'],
    ];
    const table = readInvoiceTable(rows, options);
    const today = day('2026-03-31');
    const account = accountsOf(table, today, defaultPolicy()).get(accountId('Jeff', 'USD'))!;
    expect(account.balanceCents).toBe(30000 + 78100 - 20000 + 50);
    expect([account.overdueCents, account.overdueCreditCents, account.oldestDaysOverdue]).toEqual([30000 + 78100 - 20000, 20000, 59]);
    expect(account.overdueCents).toBeLessThanOrEqual(account.balanceCents);
    expect(letterFigures(account, today, 10).principalCents).toBe(account.overdueCents);

    // A credit larger than the oldest invoice clears it: the oldest days overdue are the next invoice's.
    const bigCredit = readInvoiceTable(rows.map((row) => (row[1] === 'CN-1' ? [...row.slice(0, 4), -500, ...row.slice(5)] : row)), options);
    const cleared = accountsOf(bigCredit, today, defaultPolicy()).get(accountId('Jeff', 'USD'))!;
    expect([cleared.overdueCents, cleared.oldestDaysOverdue]).toEqual([30000 + 78100 - 50000, 28]);
  });
});
