import { describe, expect, it } from 'vitest';
import { emptyPayee, ibanHolds, innHolds, payeeFields, payeeProblems, russianAccountKeyHolds, type Payee } from '../../src/core/paying/payee';
import { fillPayLink, payButtons, payLinkCellProblem, payLinkTemplateProblem } from '../../src/core/paying/payLink';
import { defaultPolicy, readStoredPolicy, validatePolicy } from '../../src/core/reminders/policy';

const payee = (fields: Partial<Payee>): Payee => ({ ...emptyPayee(), ...fields });
const fieldsWrong = (currency: string, fields: Partial<Payee>) => payeeProblems(currency, payee(fields)).map((problem) => problem.field);

// Real banks' published details: Sberbank, T-Bank, VTB (BIC, correspondent account, INN, KPP).
const SBERBANK = { bic: '044525225', correspondentAccount: '30101810400000000225', inn: '7707083893', kpp: '773601001' };
const TBANK = { bic: '044525974', correspondentAccount: '30101810145250000974', inn: '7710140679', kpp: '771301001' };
const VTB = { bic: '044525187', correspondentAccount: '30101810700000000187', inn: '7702070139', kpp: '784201001' };

describe('the Russian account control key (Bank of Russia order N 515)', () => {
  it('holds for the order\'s own worked examples and fails when one digit changes', () => {
    // Example 3: a customer account at the credit organisation with BIC 049805746 (its last three digits).
    expect(russianAccountKeyHolds('746', '40602810700000000025')).toBe(true);
    expect(russianAccountKeyHolds('746', '40602810800000000025')).toBe(false);
    // Example 1: the correspondent account at the cash centre of BIC 049805000: "0" and the BIC's 5th and 6th digits.
    expect(russianAccountKeyHolds('005', '30101810800000000746')).toBe(true);
    expect(russianAccountKeyHolds('005', '30101810800000000747')).toBe(false);
  });

  it('checks a settlement account against the payee\'s BIC: a right account at another bank is refused', () => {
    expect(payeeProblems('RUB', payee({ bic: '049805746', account: '40602810700000000025' }))).toEqual([]);
    expect(payeeProblems('RUB', payee({ bic: '044514512', account: '40702810900000000025' }))).toEqual([]);
    expect(fieldsWrong('RUB', { bic: '044525225', account: '40702810900000000025' })).toEqual(['account']);
    expect(fieldsWrong('RUB', { bic: '044525974', account: '40602810700000000025' })).toEqual(['account']);
    expect(payeeProblems('RUB', payee({ bic: '049805746', account: '40602810700000000026' }))[0]).toEqual({ field: 'account', message: expect.stringMatching(/control key/) });
    expect(fieldsWrong('RUB', { account: '4060281070000000002' })).toEqual(['account']);
    expect(fieldsWrong('RUB', { account: '4060281070000000002X' })).toEqual(['account']);
  });

  it('accepts real banks\' correspondent accounts and refuses one of another bank or with a wrong digit', () => {
    for (const bank of [SBERBANK, TBANK, VTB]) expect(payeeProblems('RUB', payee(bank))).toEqual([]);
    expect(fieldsWrong('RUB', { bic: SBERBANK.bic, correspondentAccount: TBANK.correspondentAccount })).toEqual(['correspondentAccount']);
    expect(fieldsWrong('RUB', { bic: SBERBANK.bic, correspondentAccount: '30101810500000000225' })).toEqual(['correspondentAccount']);
    expect(fieldsWrong('RUB', { bic: SBERBANK.bic, correspondentAccount: '40702810400000000225' })).toEqual(['correspondentAccount']);
  });

  it("keys an account at the Bank of Russia's own division (BIC ending 000) by \"0\" and the BIC's 5th and 6th digits", () => {
    expect(payeeProblems('RUB', payee({ bic: '049805000', account: '40101810000000010005' }))).toEqual([]);
    expect(russianAccountKeyHolds('000', '40101810000000010005')).toBe(false);
  });

  it('takes the account grouped with spaces as people paste it', () => {
    expect(payeeProblems('RUB', payee({ bic: '0445 25 225', correspondentAccount: '30101 810 4 0000 0000225' }))).toEqual([]);
  });
});

describe('the Russian BIC, INN and KPP', () => {
  it('wants a BIC of 9 digits starting with 04', () => {
    expect(fieldsWrong('RUB', { bic: '44525225' })).toEqual(['bic']);
    expect(fieldsWrong('RUB', { bic: '144525225' })).toEqual(['bic']);
    expect(fieldsWrong('RUB', { bic: 'SABRRUMM' })).toEqual(['bic']);
  });

  it('checks a company\'s 10-digit INN and a sole trader\'s 12-digit one', () => {
    for (const inn of ['7707083893', '7710140679', '7736207543', '500100732259']) expect(innHolds(inn)).toBe(true);
    for (const inn of ['7707083894', '7710140678', '500100732258', '500100732269', '770708389', '77070838931']) expect(innHolds(inn)).toBe(false);
    expect(payeeProblems('RUB', payee({ inn: '7707083894' }))).toEqual([{ field: 'inn', message: expect.stringMatching(/check digits/) }]);
    expect(fieldsWrong('RUB', { inn: '123' })).toEqual(['inn']);
  });

  it('wants a KPP of 4 digits, 2 digits or letters, 3 digits', () => {
    expect(fieldsWrong('RUB', { kpp: '773601001' })).toEqual([]);
    expect(fieldsWrong('RUB', { kpp: '7736AB001' })).toEqual([]);
    expect(fieldsWrong('RUB', { kpp: '77360100' })).toEqual(['kpp']);
  });
});

describe('IBAN and SWIFT BIC', () => {
  it('checks IBANs mod 97, grouped or not', () => {
    for (const iban of ['DE89370400440532013000', 'GB82WEST12345698765432', 'FR1420041010050500013M02606', 'NL91ABNA0417164300']) expect(ibanHolds(iban)).toBe(true);
    for (const iban of ['DE89370400440532013001', 'GB82WEST12345698765431', 'DE88370400440532013000', 'DE8937040044']) expect(ibanHolds(iban)).toBe(false);
    expect(payeeProblems('EUR', payee({ iban: 'DE89 3704 0044 0532 0130 00' }))).toEqual([]);
    expect(payeeProblems('EUR', payee({ iban: 'DE89 3704 0044 0532 0130 01' }))).toEqual([{ field: 'iban', message: expect.stringMatching(/check digits/) }]);
    expect(fieldsWrong('EUR', { iban: '3704 0044 0532 0130 00' })).toEqual(['iban']);
  });

  it('wants a SWIFT BIC of 8 or 11 characters outside roubles', () => {
    for (const bic of ['DEUTDEFF', 'DEUTDEFF500', 'deutdeff', 'SABRRUMM']) expect(fieldsWrong('EUR', { bic })).toEqual([]);
    for (const bic of ['DEUTDEF', 'DEUT1EFF', 'DEUTDEFF50', '044525225']) expect(fieldsWrong('EUR', { bic })).toEqual(['bic']);
    expect(fieldsWrong('USD', { bic: 'CHASUS33', iban: 'GB82WEST12345698765432' })).toEqual([]);
    expect(fieldsWrong('USD', { bic: 'CHASUS3', iban: 'GB82WEST12345698765433' })).toEqual(['bic', 'iban']);
  });

  it('leaves empty fields and free-text accounts of other currencies alone', () => {
    expect(payeeProblems('RUB', emptyPayee())).toEqual([]);
    expect(payeeProblems('EUR', emptyPayee())).toEqual([]);
    expect(payeeProblems('USD', payee({ account: 'Routing 021000021, account 123456789', note: 'Quote the invoice numbers' }))).toEqual([]);
  });

  it('shows each currency the fields it uses', () => {
    expect(payeeFields('RUB')).toEqual(['name', 'account', 'bank', 'bic', 'correspondentAccount', 'inn', 'kpp']);
    expect(payeeFields('EUR')).toEqual(['name', 'iban', 'bic']);
    expect(payeeFields('USD')).toEqual(['name', 'account', 'iban', 'bank', 'bic', 'note']);
  });
});

describe('payees and the pay link in the policy', () => {
  it('stores a currency\'s payee with codes tidied and refuses a wrong one at its field', () => {
    const saved = validatePolicy({ ...defaultPolicy(), payees: { EUR: { name: ' Acme GmbH ', iban: 'de89 3704 0044 0532 0130 00', bic: 'deutdeff' } } });
    expect(saved.ok && saved.policy.payees.EUR).toEqual({ ...emptyPayee(), name: 'Acme GmbH', iban: 'DE89370400440532013000', bic: 'DEUTDEFF' });
    const refused = validatePolicy({ ...defaultPolicy(), payees: { RUB: { ...SBERBANK, account: '40702810000000000001', inn: '7707083894' } } });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.problems.map((problem) => problem.field)).toEqual(['payees.RUB.account', 'payees.RUB.inn']);
    const lowerCase = validatePolicy({ ...defaultPolicy(), payees: { eur: {} } });
    expect(!lowerCase.ok && lowerCase.problems[0]).toEqual({ field: 'payees.eur', message: expect.stringMatching(/three-letter currency/) });
  });

  it('reads an older stored policy without payees as having none', () => {
    const { payees: _payees, payLinkTemplate: _template, ...older } = defaultPolicy();
    const read = readStoredPolicy(JSON.stringify(older));
    expect(read.ok && [read.policy.payees, read.policy.payLinkTemplate]).toEqual([{}, '']);
  });

  it('takes only an https template naming its site, with its three placeholders', () => {
    expect(payLinkTemplateProblem('https://buy.stripe.com/test_123?prefilled_amount={{amount}}&client_reference_id={{invoices}}')).toBe('');
    expect(payLinkTemplateProblem('https://paypal.me/acme/{{ amount }}{{currency}}')).toBe('');
    expect(payLinkTemplateProblem('http://paypal.me/acme/{{amount}}')).toMatch(/https/);
    expect(payLinkTemplateProblem('javascript:alert(1)')).toMatch(/https/);
    expect(payLinkTemplateProblem('https://{{invoices}}.example.com/')).toMatch(/site/);
    expect(payLinkTemplateProblem('https://pay.example.com/{{customer}}')).toMatch(/\{\{customer\}\}/);
    expect(payLinkTemplateProblem('https://pay.example.com/"><script>')).toMatch(/quotes/);
    expect(validatePolicy({ ...defaultPolicy(), payLinkTemplate: 'http://pay.example.com' })).toEqual({ ok: false, problems: [{ field: 'payLinkTemplate', message: 'must start with https://' }] });
  });

  it('puts each value in URL-encoded', () => {
    expect(fillPayLink('https://pay.example.com/?a={{amount}}&c={{ currency }}&ref={{invoices}}', { amount: '1234.50', currency: 'EUR', invoices: 'INV-145, INV/160 & co' })).toBe(
      'https://pay.example.com/?a=1234.50&c=EUR&ref=INV-145%2C%20INV%2F160%20%26%20co',
    );
  });

  it("gives the template the email's total, its currency as a code and the invoices without a link of their own", () => {
    const template = 'https://pay.example.com/?a={{amount}}&c={{currency}}&i={{invoices}}';
    expect(payButtons(template, 'руб.', 150_000, [{ number: '145', openCents: 150_000, link: '' }])).toEqual([{ url: 'https://pay.example.com/?a=1500.00&c=RUB&i=145', invoices: [] }]);
    // A credit of 100.00 taken off the total: the template asks for what is left after the linked invoice.
    expect(payButtons(template, 'USD', 40_000, [{ number: 'A', openCents: 30_000, link: 'https://stripe.example.com/a' }, { number: 'B', openCents: 20_000, link: '' }])).toEqual([
      { url: 'https://stripe.example.com/a', invoices: ['A'] },
      { url: 'https://pay.example.com/?a=100.00&c=USD&i=B', invoices: ['B'] },
    ]);
    // One link for only some invoices names them; no template, no button for the rest.
    expect(payButtons('', 'USD', 50_000, [{ number: 'A', openCents: 30_000, link: 'https://stripe.example.com/a' }, { number: 'B', openCents: 20_000, link: '' }])).toEqual([{ url: 'https://stripe.example.com/a', invoices: ['A'] }]);
    expect(payButtons('', 'USD', 50_000, [{ number: 'A', openCents: 50_000, link: '' }])).toEqual([]);
  });

  it('refuses a Pay link cell that is not one https link', () => {
    expect(payLinkCellProblem('https://invoice.stripe.com/i/acct_1/test_abc')).toBe('');
    expect(payLinkCellProblem('http://invoice.example.com/1')).toMatch(/https/);
    expect(payLinkCellProblem('https://a.example.com/x y')).not.toBe('');
    expect(payLinkCellProblem('=HYPERLINK("https://x")')).not.toBe('');
  });
});
