// Payment details per currency and their checks, with no schema library: the
// sidebar page checks fields with these as the server does.

/**
 * Who a customer pays, per currency: what a bank needs for a transfer, each
 * field on its own, so a payment QR and a reminder can carry it exactly.
 * Which fields a currency uses is in PAYEE_FIELDS; the others stay ''.
 */
export interface Payee {
  /** The payee as the bank knows them (ГОСТ Р 56042 Name). */
  name: string;
  /** The settlement account: 20 digits for RUB (расчётный счёт), the bank's own number elsewhere. */
  account: string;
  iban: string;
  /** The bank's name. */
  bank: string;
  /** RUB: the Russian БИК (9 digits); others: the SWIFT BIC (8 or 11 characters). */
  bic: string;
  /** RUB: the bank's correspondent account at the Bank of Russia (20 digits, 30101…). */
  correspondentAccount: string;
  /** RUB: the payee's ИНН (10 digits for a company, 12 for a sole trader). */
  inn: string;
  /** RUB: the payee's КПП (9 characters; a sole trader has none). */
  kpp: string;
  /** Free text for what the fields do not hold (a routing number, a reference to quote). */
  note: string;
}

export const PAYEE_KEYS = ['name', 'account', 'iban', 'bank', 'bic', 'correspondentAccount', 'inn', 'kpp', 'note'] as const satisfies ReadonlyArray<keyof Payee>;

/** The fields a currency's block shows, in order (issue 26: RUB as a Russian bank transfer, EUR as SEPA, others free). */
export function payeeFields(currency: string): ReadonlyArray<keyof Payee> {
  if (currency === 'RUB') return ['name', 'account', 'bank', 'bic', 'correspondentAccount', 'inn', 'kpp'];
  if (currency === 'EUR') return ['name', 'iban', 'bic'];
  return ['name', 'account', 'iban', 'bank', 'bic', 'note'];
}

export type PayeeProblem = { field: keyof Payee; message: string };

export function emptyPayee(): Payee {
  return { name: '', account: '', iban: '', bank: '', bic: '', correspondentAccount: '', inn: '', kpp: '', note: '' };
}

/**
 * The control key of a Russian account (Bank of Russia, "Порядок расчета
 * контрольного ключа в номере лицевого счета", 08.09.1997 N 515): the three
 * digits standing for where the account is, then its 20 digits, weighted
 * 7, 1, 3 …; the sum of the products' last digits ends in 0.
 */
export function russianAccountKeyHolds(place: string, account: string): boolean {
  const digits = place + account;
  if (!/^\d{23}$/.test(digits)) return false;
  const weights = [7, 1, 3];
  let sum = 0;
  for (let i = 0; i < 23; i++) sum += (Number(digits[i]) * weights[i % 3]) % 10;
  return sum % 10 === 0;
}

/**
 * Where an account at the bank of `bic` is, for its key: a credit
 * organisation's customer account uses the BIC's last three digits; an
 * account at the Bank of Russia's own division (BIC ending 000, 001 or 002)
 * and a correspondent account, which is opened there, use "0" and the BIC's
 * 5th and 6th digits (order N 515, examples 1 and 3).
 */
function accountPlace(bic: string, correspondent: boolean): string {
  const own = bic.slice(6);
  return correspondent || /^00[0-2]$/.test(own) ? `0${bic.slice(4, 6)}` : own;
}

/** ИНН's check digits (ФНС): 10 digits for an organisation, 12 for a person. */
export function innHolds(inn: string): boolean {
  const digit = (weights: number[]) => (weights.reduce((sum, weight, i) => sum + weight * Number(inn[i]), 0) % 11) % 10;
  if (/^\d{10}$/.test(inn)) return digit([2, 4, 10, 3, 5, 9, 4, 6, 8]) === Number(inn[9]);
  if (/^\d{12}$/.test(inn)) return digit([7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) === Number(inn[10]) && digit([3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) === Number(inn[11]);
  return false;
}

/** IBAN (ISO 13616): two letters, two check digits, up to 30 letters and digits; moved and read as a number, mod 97 is 1. */
export function ibanHolds(iban: string): boolean {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  const moved = iban.slice(4) + iban.slice(0, 4);
  let rest = 0;
  for (const char of moved) {
    const value = char <= '9' ? char : String(char.charCodeAt(0) - 55);
    for (const digit of value) rest = (rest * 10 + Number(digit)) % 97;
  }
  return rest === 1;
}

/** SWIFT BIC (ISO 9362): bank (4 letters), country (2 letters), location (2), branch (3, optional). */
export const SWIFT_BIC = /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/;
/**
 * The Russian БИК of a credit organisation: 9 digits, 04 first (the
 * Russian Federation). Treasury BICs (00…) are not a business's bank.
 */
export const RUSSIAN_BIC = /^04\d{7}$/;

/**
 * What is wrong with the filled fields of a currency's payee, field by
 * field; empty fields are not problems (a book may not take that currency by
 * transfer). The fields a currency does not use are not looked at.
 */
export function payeeProblems(currency: string, payee: Payee): PayeeProblem[] {
  const problems: PayeeProblem[] = [];
  const add = (field: keyof Payee, message: string) => problems.push({ field, message });
  const used = new Set(payeeFields(currency));
  const compact = (text: string) => text.replace(/\s+/g, '').toUpperCase();
  const bic = compact(payee.bic);
  const iban = compact(payee.iban);
  if (currency === 'RUB') {
    const account = compact(payee.account);
    const correspondent = compact(payee.correspondentAccount);
    const bicOk = RUSSIAN_BIC.test(bic);
    if (bic && !bicOk) add('bic', 'must be 9 digits starting with 04');
    if (account) {
      if (!/^\d{20}$/.test(account)) add('account', 'must be 20 digits');
      else if (bicOk && !russianAccountKeyHolds(accountPlace(bic, false), account)) add('account', 'does not match the BIC (wrong control key)');
    }
    if (correspondent) {
      if (!/^301\d{17}$/.test(correspondent)) add('correspondentAccount', 'must be 20 digits starting with 301');
      else if (bicOk && !russianAccountKeyHolds(accountPlace(bic, true), correspondent)) add('correspondentAccount', 'does not match the BIC (wrong control key)');
      else if (bicOk && correspondent.slice(-3) !== bic.slice(-3)) add('correspondentAccount', 'does not match the BIC (its last three digits differ)');
    }
    const inn = compact(payee.inn);
    if (inn) {
      if (!/^(\d{10}|\d{12})$/.test(inn)) add('inn', 'must be 10 digits (a company) or 12 (a sole trader)');
      else if (!innHolds(inn)) add('inn', 'has wrong check digits');
    }
    const kpp = compact(payee.kpp);
    if (kpp && !/^\d{4}[0-9A-Z]{2}\d{3}$/.test(kpp)) add('kpp', 'must be 9 characters: 4 digits, 2 digits or letters, 3 digits');
  } else if (bic && used.has('bic') && !SWIFT_BIC.test(bic)) add('bic', 'must be 8 or 11 letters and digits, like DEUTDEFF');
  if (iban && used.has('iban')) {
    if (!/^[A-Z]{2}\d{2}/.test(iban)) add('iban', 'must start with a country code and check digits, like DE89');
    else if (!ibanHolds(iban)) add('iban', 'has wrong check digits');
  }
  return problems;
}
