// Sender name, signature and payment details per language (issue 22, item 4): a Russian customer reads the
// Russian ones; an empty Russian signature or payment details is the English one, and says so.
import { describe, expect, it } from 'vitest';
import { calendarDay } from '../../src/core/calendar';
import type { Cell } from '../../src/core/cells';
import { readInvoiceTable } from '../../src/core/invoices';
import { draftReminders } from '../../src/core/reminders/cadence';
import { composeMessage } from '../../src/core/reminders/messages';
import { defaultPolicy, fallbackWarning, POLICY_VERSION, readStoredPolicy, senderIn, validatePolicy, type Policy } from '../../src/core/reminders/policy';
import { statementHtml } from '../../src/core/collections/documents';

const day = (iso: string) => calendarDay(...(iso.split('-').map(Number) as [number, number, number]));
const table = (rows: Cell[][]) => readInvoiceTable([['Customer', 'Invoice No', 'Due date', 'Amount', 'Currency', 'Email'], ...rows], { timeZone: 'UTC', locale: 'en_US' });

const english = { senderName: 'Acme Ltd', signature: 'Jane Doe, Acme Ltd', paymentDetails: 'IBAN GB00 1234' };
const russian = { senderName: 'ООО «Акме»', signature: 'Анна Петрова, ООО «Акме»', paymentDetails: 'р/с 40702810000000000001' };
const policyWith = (ru: Partial<typeof russian>): Policy => ({ ...defaultPolicy(), skipWeekends: false, ...english, senderByLanguage: { ru: { senderName: '', signature: '', paymentDetails: '', ...ru } } });

describe('the stored policy', () => {
  it('migrates a single sender to the English one, the Russian one empty', () => {
    const stored = JSON.stringify({ version: 3, ...english, language: 'ru' });
    const result = readStoredPolicy(stored);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(POLICY_VERSION).toBe(4);
    expect(result.policy.version).toBe(4);
    expect([result.policy.senderName, result.policy.signature, result.policy.paymentDetails]).toEqual([english.senderName, english.signature, english.paymentDetails]);
    expect(result.policy.senderByLanguage).toEqual({ ru: { senderName: '', signature: '', paymentDetails: '' } });
  });

  it('checks the Russian fields as the English ones, naming the field', () => {
    const result = validatePolicy({ ...policyWith({}), senderByLanguage: { ru: { senderName: 'A\nB', signature: '', paymentDetails: '' } } });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((problem) => problem.field)).toEqual(['senderByLanguage.ru.senderName']);
  });
});

describe('senderIn', () => {
  it('gives a Russian customer the Russian sender, an English one the English', () => {
    expect(senderIn(policyWith(russian), 'ru')).toEqual({ ...russian, fellBack: [] });
    expect(senderIn(policyWith(russian), 'en')).toEqual({ ...english, fellBack: [] });
  });

  it('falls back to the English signature and payment details, naming them', () => {
    const sender = senderIn(policyWith({ senderName: russian.senderName }), 'ru');
    expect(sender).toEqual({ senderName: russian.senderName, signature: english.signature, paymentDetails: english.paymentDetails, fellBack: ['signature', 'paymentDetails'] });
    expect(fallbackWarning('ru', sender.fellBack, ['Ромашка'])).toMatch(/Russian signature and payment details are empty, so Ромашка gets the English ones/);
  });
});

describe('emails and statements', () => {
  const invoices = table([
    ['Ромашка', 'R-1', '2026-03-01', 100, 'RUB', 'buh@romashka.example.com'],
    ['Globex', 'G-1', '2026-03-01', 100, 'USD', 'ap@globex.example.com'],
  ]);

  it('each customer reads the sender, signature and payment details of their language', () => {
    const policy = policyWith(russian);
    const drafts = draftReminders(invoices, policy, day('2026-03-08'), () => undefined);
    // The customer's language comes from the Customers sheet; here it is set on the draft.
    const byCustomer = new Map(drafts.map((draft) => [draft.customer, composeMessage({ ...draft, language: draft.customer === 'Ромашка' ? 'ru' : 'en' }, policy, 'owner@acme.example.com')]));
    const ru = byCustomer.get('Ромашка')!;
    const en = byCustomer.get('Globex')!;
    expect(ru.name).toBe(russian.senderName);
    expect(ru.body).toContain(russian.signature);
    expect(ru.body).toContain(russian.paymentDetails);
    expect(ru.body).not.toContain(english.signature);
    expect(ru.body).not.toContain(english.paymentDetails);
    expect(en.name).toBe(english.senderName);
    expect(en.body).toContain(english.signature);
    expect(en.body).not.toContain(russian.paymentDetails);
  });

  it('the statement of account names the Russian sender and payment details for a Russian customer', () => {
    const statement = { customer: 'Ромашка', currency: 'RUB', from: day('2026-01-01'), to: day('2026-03-08'), openingCents: 0, closingCents: 0, lines: [], open: [] };
    const sender = { name: english.senderName, email: 'owner@acme.example.com', paymentDetails: english.paymentDetails, byLanguage: { ru: { name: russian.senderName, paymentDetails: russian.paymentDetails } } };
    const ru = statementHtml(statement as never, sender, 'ru');
    expect(ru).toContain('40702810000000000001');
    expect(ru).not.toContain('IBAN');
    expect(ru).toContain(russian.senderName);
    const en = statementHtml(statement as never, sender, 'en');
    expect(en).toContain('IBAN GB00 1234');
    // An empty Russian one is the English one.
    expect(statementHtml(statement as never, { ...sender, byLanguage: { ru: { name: '', paymentDetails: '' } } }, 'ru')).toContain('IBAN GB00 1234');
  });
});
