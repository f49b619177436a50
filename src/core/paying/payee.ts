import * as v from 'valibot';

// The payee's types and checks are in payeeRules.ts, which the sidebar page
// imports without the schema library; PayeeSchema is how the policy stores one.
export * from './payeeRules';

const LINE_BREAK = /[\r\n]/;
const line = (max: number) => v.optional(v.pipe(v.string(), v.trim(), v.maxLength(max, `must be at most ${max} characters`), v.check((text) => !LINE_BREAK.test(text), 'cannot contain a line break')), '');
/** A code (account, IBAN, BIC …): spaces people paste in groups are dropped, letters in capitals. */
const code = (max: number) => v.optional(v.pipe(v.string(), v.transform((text) => text.replace(/\s+/g, '').toUpperCase()), v.maxLength(max, `must be at most ${max} characters`)), '');

/** Each field as stored; shapes and check digits are payeeProblems', which knows the currency. */
export const PayeeSchema = v.object({
  // 160: the longest Name of a ГОСТ Р 56042 payment QR.
  name: line(160),
  // 34: the longest IBAN, and room for any bank's own account number.
  account: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(34, 'must be at most 34 characters'), v.check((text) => !LINE_BREAK.test(text), 'cannot contain a line break')), ''),
  iban: code(34),
  bank: line(100),
  bic: code(11),
  correspondentAccount: code(20),
  inn: code(12),
  kpp: code(9),
  note: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(300, 'must be at most 300 characters')), ''),
});

