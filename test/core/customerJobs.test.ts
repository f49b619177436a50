// Issue 22, item 2: a QuickBooks "Customer:Job" is one customer whose
// invoices name their job; a payment not yet applied is called that.
import { describe, expect, it } from 'vitest';
import { calendarDay } from '../../src/core/calendar';
import type { Cell } from '../../src/core/cells';
import { statementOf } from '../../src/core/collections/statement';
import { statementHtml } from '../../src/core/collections/documents';
import { invoiceAt, readInvoiceTable } from '../../src/core/invoices';
import { draftReminders } from '../../src/core/reminders/cadence';
import { composeMessage, creditLabel } from '../../src/core/reminders/messages';
import { customerKey } from '../../src/core/reminders/customerSettings';
import { defaultPolicy, type Policy } from '../../src/core/reminders/policy';

const day = (iso: string) => calendarDay(...(iso.split('-').map(Number) as [number, number, number]));
const options = { timeZone: 'UTC', locale: 'en_US' };

// QuickBooks Desktop's A/R Aging Detail, as it writes jobs and an unapplied payment.
const quickBooksDesktop: Cell[][] = [
  ['', '', 'Type', 'Date', 'Num', 'P. O. #', 'Name', 'Terms', 'Due Date', 'Class', 'Aging', 'Open Balance'],
  ['', '1 - 30', '', '', '', '', '', '', '', '', '', ''],
  ['', '', 'Invoice', '10/10/2026', '1031', '', 'Cook, Brian:2nd story addition', 'Net 30', '11/09/2026', '', '16', '2,369.52'],
  ['', '', 'Invoice', '10/12/2026', '1032', '', 'Cook, Brian:Kitchen', 'Net 30', '11/11/2026', '', '14', '1,000.00'],
  ['', '', 'Payment', '11/12/2026', '5621', '', 'Cook, Brian:Kitchen', '', '11/12/2026', '', '13', '-369.52'],
  ['', '', 'Invoice', '10/10/2026', '1033', '', 'Studio 5:2', 'Net 30', '11/09/2026', '', '16', '500.00'],
  ['', 'Total 1 - 30', '', '', '', '', '', '', '', '', '', '3,500.00'],
];

describe('QuickBooks customer:job', () => {
  it('reads "Cook, Brian:2nd story addition" as the customer Cook, Brian and the job, in a QuickBooks export', () => {
    const table = readInvoiceTable(quickBooksDesktop, options);
    const invoices = Array.from({ length: table.size }, (_, i) => invoiceAt(table, i));
    expect(invoices.map((invoice) => [invoice.customer, invoice.job, invoice.number, invoice.payment])).toEqual([
      ['Cook, Brian', '2nd story addition', '1031', false],
      ['Cook, Brian', 'Kitchen', '1032', false],
      ['Cook, Brian', 'Kitchen', '5621', true],
      // QuickBooks' own header: its "A:B" names are customer:job even alone.
      ['Studio 5', '2', '1033', false],
    ]);
    expect(table.customers).toEqual(['Cook, Brian', 'Studio 5']);
  });

  it('leaves a name with a colon alone in a book not from QuickBooks, unless another row shares its part before the colon', () => {
    const table = readInvoiceTable(
      [
        ['Customer', 'Invoice No', 'Due date', 'Amount'],
        ['Studio 5:2', 'A-1', '2026-11-01', 100],
        ['Re: Acme', 'A-2', '2026-11-01', 100],
        ['Lee:Roof', 'A-3', '2026-11-01', 100],
        ['Lee:Porch', 'A-4', '2026-11-01', 100],
        ['Kim', 'A-5', '2026-11-01', 100],
        ['Kim:Deck', 'A-6', '2026-11-01', 100],
      ],
      options,
    );
    expect(Array.from({ length: table.size }, (_, i) => [table.customer[i], table.job[i] ?? ''])).toEqual([
      ['Studio 5:2', ''],
      ['Re: Acme', ''],
      ['Lee', 'Roof'],
      ['Lee', 'Porch'],
      ['Kim', ''],
      ['Kim', 'Deck'],
    ]);
  });

  it('writes one email to the customer, greeting them without the job, each invoice named with its job, the payment named as one', () => {
    const policy: Policy = { ...defaultPolicy(), skipWeekends: false };
    const table = readInvoiceTable(quickBooksDesktop, options);
    const drafts = draftReminders(table, policy, day('2026-11-25'), () => undefined).filter((draft) => draft.customer.startsWith('Cook'));
    expect(drafts.map((draft) => draft.customer)).toEqual(['Cook, Brian']);
    const [draft] = drafts;
    // The log's keys stay those of the name as the book wrote it: nothing logged before is sent again.
    expect(draft.lines.map((line) => line.key).sort()).toEqual(['Cook, Brian:2nd story addition · 1031', 'Cook, Brian:Kitchen · 1032']);
    expect(draft.credit).toMatchObject({ numbers: [], payments: 1 });
    const message = composeMessage(draft, policy, 'me@example.com');
    expect(message.body).toMatch(/^Dear Cook, Brian,/m);
    expect(message.body).not.toContain('Brian:');
    expect(message.body).toContain('1031 (2nd story addition)');
    expect(message.body).toContain('1032 (Kitchen)');
    expect(message.body).toContain('Payment received, not yet applied');
    expect(message.body).not.toMatch(/credit note/i);
    expect(message.htmlBody).toContain('Payment received, not yet applied');

    const ru = composeMessage({ ...draft, language: 'ru' }, policy, 'me@example.com');
    expect(ru.body).toContain('Оплата, ещё не отнесённая к счёту');
    expect(ru.body).not.toMatch(/кредит-нот/i);
  });

  it('counts a reminder the log shows under the whole name of a job (from before jobs were split) as sent to the customer', () => {
    const policy: Policy = { ...defaultPolicy(), skipWeekends: false };
    const table = readInvoiceTable(quickBooksDesktop, options);
    const today = day('2026-11-25');
    const cook = (last: (key: string) => number | undefined) => draftReminders(table, policy, today, () => undefined, new Map(), last).filter((draft) => draft.customer === 'Cook, Brian');
    expect(cook(() => undefined)).toHaveLength(1);
    expect(cook((key) => (key === customerKey('Cook, Brian:Kitchen') ? today - 1 : undefined))).toEqual([]);
  });

  it('a statement of account names the unapplied payment so, and each invoice with its job', () => {
    const table = readInvoiceTable(quickBooksDesktop, options);
    const statement = statementOf(table, 'Cook, Brian', 'USD', day('2026-10-01'), day('2026-11-25'));
    expect(statement.lines.map((line) => [line.kind, line.label, line.job])).toEqual([
      ['invoice', '1031', '2nd story addition'],
      ['invoice', '1032', 'Kitchen'],
      ['unapplied', '5621', 'Kitchen'],
    ]);
    expect(statement.closingCents).toBe(300000);
    const html = statementHtml(statement, { name: 'Me', email: 'me@example.com', paymentDetails: '' }, 'en');
    expect(html).toContain('Payment received, not yet applied');
    expect(html).toContain('1031 (2nd story addition)');
    expect(html).not.toContain('Credit note');
  });
});

describe('payments not yet applied', () => {
  it('are told from credit notes by their type: QuickBooks, Xero and 1C words; a credit memo stays a credit note', () => {
    const table = readInvoiceTable(
      [
        ['Customer', 'Type', 'Invoice No', 'Due date', 'Amount'],
        ['Acme', 'Invoice', 'A-1', '2026-11-01', 500],
        ['Acme', 'Payment', 'P-1', '2026-11-02', -100],
        ['Acme', 'Overpayment', 'OP-1', '2026-11-02', -10],
        ['Acme', 'Unapplied payment', 'UP-1', '2026-11-02', -20],
        ['Acme', 'Prepayment', 'PP-1', '2026-11-02', -30],
        ['Acme', 'Credit Memo', 'CM-1', '2026-11-02', -40],
        ['ООО Ромашка', 'Оплата от покупателя', '12', '2026-11-02', -50],
        ['ООО Ромашка', 'Аванс', '13', '2026-11-02', -60],
        ['ООО Ромашка', 'Корректировка долга', '14', '2026-11-02', -70],
      ],
      options,
    );
    expect(Array.from({ length: table.size }, (_, i) => [table.number[i], table.payment[i] === 1])).toEqual([
      ['A-1', false],
      ['P-1', true],
      ['OP-1', true],
      ['UP-1', true],
      ['PP-1', true],
      ['CM-1', false],
      ['12', true],
      ['13', true],
      ['14', false],
    ]);
  });
});

describe('creditLabel', () => {
  it('names credit notes by number and payments not yet applied as such, both when there are both', () => {
    expect(creditLabel({ numbers: ['CN-1'] }, 'en')).toBe('Credit note CN-1');
    expect(creditLabel({ numbers: [], payments: 2 }, 'en')).toBe('Payments received, not yet applied');
    expect(creditLabel({ numbers: ['CN-1'], payments: 1 }, 'en')).toBe('Credit note CN-1; payment received, not yet applied');
    expect(creditLabel({ numbers: ['КН-1'], payments: 1 }, 'ru')).toBe('Кредит-нота КН-1; оплата, ещё не отнесённая к счёту');
  });
});
