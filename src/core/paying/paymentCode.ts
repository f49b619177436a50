import { type CalendarDay } from '../calendar';
import { formatMoney, type Language } from '../reminders/templates';
import { payeeProblems, type Payee } from './payee';
import { purposeTermsText } from './purposeTerms';

/**
 * The payment QR code a reminder, a demand letter or a statement carries:
 * the text a bank app reads (ГОСТ Р 56042-2014 "ST00012" for roubles, the
 * EPC's SEPA credit transfer code for euros), for exactly the amount and the
 * invoices the document asks to be paid, and the same details in words for
 * the plain-text part and for people who type them. Pure: the picture is
 * drawn by the server (src/server/paying/qrImage.ts).
 */

export type { Payee } from './payee';

/** What a document asks to be paid: an amount in one currency, for these invoices. */
export interface PaymentAsk {
  currency: string;
  cents: number;
  /** The invoices as the customer knows them: their numbers, or "" for one that has none (then named by its date). */
  invoices: ReadonlyArray<{ number: string; invoiceDay: CalendarDay }>;
  /** The customer's credit netted against the invoices (the amount is that much less): the purpose states it, for AR_MATCH. */
  creditCents?: number;
  /** The late fees and interest a demand letter claims besides the invoices (the amount is that much more): the purpose states it. */
  feeCents?: number;
  /** The language of the document: the words around the details, and the euro code's remittance text. */
  language: Language;
  /** The spreadsheet's locale, for the amount in words. */
  locale?: string;
}

export type PaymentCode =
  | {
      ok: true;
      format: 'ST00012' | 'EPC';
      /** The text the QR code holds. */
      payload: string;
      /** The payment's purpose (RUB) or remittance text (EUR): what the customer's bank sends back to us, and AR_MATCH reads. */
      purpose: string;
      /** The details in words, label and value, in the document's language. */
      lines: Array<[string, string]>;
      /** "Scan to pay" in the document's language. */
      heading: string;
      /** The amount in words, in the document's language and the spreadsheet's locale. */
      amount: string;
    }
  | { ok: false; reason: string };

/** ГОСТ Р 56042-2014: the longest of each field, in characters. */
const ST_LIMITS = { Name: 160, PersonalAcc: 20, BankName: 45, BIC: 9, CorrespAcc: 20, PayeeINN: 12, KPP: 9, Sum: 18, Purpose: 210 } as const;
/** EPC069-12: the beneficiary's name 70 characters, the IBAN 34, the unstructured remittance 140. */
const EPC_NAME = 70;
const EPC_REMITTANCE = 140;
/**
 * Both codes at error correction level M. EPC069-12: at most version 13 (69 modules), 331 bytes. The Russian standard
 * gives no bound: version 14 (73 modules, 362 bytes) at most here, the largest whose picture (4-pixel modules and the
 * quiet zone) fits a phone's 360-pixel-wide mail app, and prints at about 1 mm a module.
 */
export const MAX_PAYLOAD_BYTES = { RUB: 362, EUR: 331 } as const;
export const MAX_QR_VERSION = { RUB: 14, EUR: 13 } as const;
/** An invoice list the purpose cannot hold is matched by hand: AR_MATCH reads at most 20 numbers (payments/references.ts). */
export const MAX_CODE_INVOICES = 20;

const WORDS = {
  en: {
    heading: 'Scan to pay: open your banking app and scan this code',
    payee: 'Payee',
    account: 'Account',
    iban: 'IBAN',
    bank: 'Bank',
    bic: 'BIC',
    correspondent: 'Correspondent account',
    inn: 'INN',
    kpp: 'KPP',
    amount: 'Amount',
    purpose: 'Payment reference',
    remittance: (numbers: string[], fees: boolean) => `${numbers.length > 1 ? 'Invoices' : 'Invoice'} ${numbers.join(', ')}${fees ? ' and late fees' : ''}`,
  },
  ru: {
    heading: 'Оплата по QR-коду: отсканируйте код в приложении банка',
    payee: 'Получатель',
    account: 'Расчётный счёт',
    iban: 'IBAN',
    bank: 'Банк',
    bic: 'БИК',
    correspondent: 'Корр. счёт',
    inn: 'ИНН',
    kpp: 'КПП',
    amount: 'Сумма',
    purpose: 'Назначение платежа',
    remittance: (numbers: string[], fees: boolean) => russianPurpose(numbers, fees),
  },
} as const;

/** "Оплата по счёту № 145", "Оплата по счетам № 145, 160": what AR_MATCH reads back (an announced list of numbers). */
function russianPurpose(numbers: string[], fees: boolean): string {
  return `Оплата по ${numbers.length > 1 ? 'счетам' : 'счёту'} № ${numbers.join(', ')}${fees ? ' и неустойки' : ''}`;
}

/** A value as one line of a code: no line breaks, no separator, no spaces doubled. */
function oneLine(text: string, separator: string): string {
  return text.split(separator).join(' ').replace(/[\r\n\t]+/g, ' ').replace(/\s{2,}/g, ' ').trim();
}

/** UTF-8 bytes of a text, counted without TextEncoder (Apps Script has none). */
export function utf8Bytes(text: string): number[] {
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0) as number;
    if (code < 0x80) bytes.push(code);
    else if (code < 0x800) bytes.push(0xc0 | (code >> 6), 0x80 | (code & 63));
    else if (code < 0x10000) bytes.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63));
    else bytes.push(0xf0 | (code >> 18), 0x80 | ((code >> 12) & 63), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63));
  }
  return bytes;
}

const digits = (text: string) => text.replace(/\s+/g, '');

const FIELD_NAMES: Record<keyof Payee, string> = { name: 'payee', account: 'account', iban: 'IBAN', bank: 'bank', bic: 'BIC', correspondentAccount: 'correspondent account', inn: 'INN', kpp: 'KPP', note: 'note' };

/** Why a currency's details cannot make a code, or "": a field the code needs is empty, or one fails its check (payeeProblems). */
function detailsProblem(currency: 'RUB' | 'EUR', payee: Payee): string {
  const needed: Array<keyof Payee> = currency === 'RUB' ? ['name', 'account', 'bank', 'bic', 'correspondentAccount', 'inn'] : ['name', 'iban'];
  const missing = needed.filter((field) => !payee[field].trim());
  if (missing.length) return `the ${currency} payment details lack the ${missing.map((field) => FIELD_NAMES[field]).join(', the ')}`;
  const wrong = payeeProblems(currency, payee)[0];
  if (wrong) return `the ${currency} ${FIELD_NAMES[wrong.field]} ${wrong.message}`;
  if (currency === 'RUB' && oneLine(payee.name, '|').length > ST_LIMITS.Name) return `the RUB payee's name is longer than ${ST_LIMITS.Name} characters`;
  if (currency === 'RUB' && oneLine(payee.bank, '|').length > ST_LIMITS.BankName) return `the RUB bank's name is longer than the ${ST_LIMITS.BankName} characters a rouble code holds: write it shorter`;
  if (currency === 'EUR' && oneLine(payee.name, '\n').length > EPC_NAME) return `the EUR payee's name is longer than the ${EPC_NAME} characters a euro code holds`;
  return '';
}

/** The currencies a code exists for. */
export const CODE_CURRENCIES = ['RUB', 'EUR'] as const;

/**
 * The code for what a document asks, or why there is none: a currency with
 * no code, details missing or failing their checks, nothing to pay, or
 * more invoices than one payment's purpose can name.
 */
export function paymentCode(payee: Payee | undefined, ask: PaymentAsk): PaymentCode {
  const currency = ask.currency === 'RUR' ? 'RUB' : ask.currency;
  if (currency !== 'RUB' && currency !== 'EUR') return { ok: false, reason: `no payment code exists for ${currency || 'amounts without a currency'} (only RUB and EUR)` };
  if (!payee) return { ok: false, reason: `no ${currency} payment details are set up (Settings › Payment details by currency)` };
  const problem = detailsProblem(currency, payee);
  if (problem) return { ok: false, reason: problem };
  if (!(ask.cents > 0)) return { ok: false, reason: 'the document asks for nothing to be paid' };
  // A code carries only what AR_MATCH matches exact (issue 26, item 4): an invoice without a number could not be named so.
  if (ask.invoices.some((invoice) => !invoice.number.trim())) return { ok: false, reason: 'an invoice it asks for has no number, and a payment from a code must name each invoice by its number to be matched to it' };
  const named = ask.invoices.map((invoice) => invoice.number.trim());
  if (named.length > MAX_CODE_INVOICES) return { ok: false, reason: `it names ${named.length} invoices, more than the ${MAX_CODE_INVOICES} one payment's purpose can name` };
  const words = WORDS[ask.language];
  const terms = { creditCents: Math.max(0, ask.creditCents ?? 0), feeCents: Math.max(0, ask.feeCents ?? 0) };
  // The invoices, then what was netted or added in words AR_MATCH reads back. When that does not fit the code's
  // field, the text is too long and no code is made: a shorter one would be matched as a part or an over-payment.
  const withTerms = (base: string, language: Language) => {
    const stated = purposeTermsText(terms, language);
    return stated ? `${base} ${stated}` : base;
  };
  const amount = formatMoney(ask.cents, currency, ask.language, ask.locale ?? '');
  if (currency === 'RUB') {
    // A rouble payment's purpose is Russian whatever the customer reads: it goes into a Russian bank's payment order.
    const purpose = oneLine(withTerms(russianPurpose(named, false), 'ru'), '|');
    if (purpose.length > ST_LIMITS.Purpose) return { ok: false, reason: `the purpose naming its invoices is longer than the ${ST_LIMITS.Purpose} characters a rouble code holds` };
    if (String(ask.cents).length > ST_LIMITS.Sum) return { ok: false, reason: 'the amount is too large for a rouble code' };
    const fields: Array<[string, string]> = [
      ['Name', oneLine(payee.name, '|')],
      ['PersonalAcc', digits(payee.account)],
      ['BankName', oneLine(payee.bank, '|')],
      ['BIC', digits(payee.bic)],
      ['CorrespAcc', digits(payee.correspondentAccount)],
      ['PayeeINN', digits(payee.inn)],
      ...(payee.kpp.trim() ? [['KPP', digits(payee.kpp)] as [string, string]] : []),
      ['Sum', String(ask.cents)],
      ['Purpose', purpose],
    ];
    // "ST" (the format), "0001" (its version), "2" (UTF-8), then each field after the separator.
    const payload = `ST00012|${fields.map(([key, value]) => `${key}=${value}`).join('|')}`;
    if (utf8Bytes(payload).length > MAX_PAYLOAD_BYTES.RUB) return { ok: false, reason: `the details and the purpose take ${utf8Bytes(payload).length} bytes, more than the ${MAX_PAYLOAD_BYTES.RUB} a code readable at its size holds (fewer invoices, or shorter names, would fit)` };
    const lines: Array<[string, string]> = [
      [words.payee, fields[0][1]],
      [`${words.inn}${payee.kpp.trim() ? ` / ${words.kpp}` : ''}`, `${digits(payee.inn)}${payee.kpp.trim() ? ` / ${digits(payee.kpp)}` : ''}`],
      [words.account, fields[1][1]],
      [words.bank, fields[2][1]],
      [words.bic, fields[3][1]],
      [words.correspondent, fields[4][1]],
      [words.amount, amount],
      [words.purpose, purpose],
    ];
    return { ok: true, format: 'ST00012', payload, purpose, lines, heading: words.heading, amount };
  }
  const remittance = oneLine(withTerms(words.remittance(named, false), ask.language), '\n');
  if (remittance.length > EPC_REMITTANCE) return { ok: false, reason: `the reference naming its invoices is longer than the ${EPC_REMITTANCE} characters a euro code holds` };
  if (ask.cents > 99_999_999_999) return { ok: false, reason: 'the amount is more than a euro code holds (999,999,999.99)' };
  const iban = digits(payee.iban).toUpperCase();
  const bic = digits(payee.bic).toUpperCase();
  const name = oneLine(payee.name, '\n');
  // EPC069-12, version 002: service tag, version, character set (1: UTF-8), SCT, BIC (optional), name, IBAN, amount, purpose code, structured reference, remittance text.
  const payload = ['BCD', '002', '1', 'SCT', bic, name, iban, `EUR${(ask.cents / 100).toFixed(2)}`, '', '', remittance].join('\n');
  if (utf8Bytes(payload).length > MAX_PAYLOAD_BYTES.EUR) return { ok: false, reason: `the details and the reference take ${utf8Bytes(payload).length} bytes, more than the ${MAX_PAYLOAD_BYTES.EUR} a euro code holds` };
  const lines: Array<[string, string]> = [[words.payee, name], [words.iban, iban.replace(/(.{4})(?=.)/g, '$1 ')], ...(bic ? [[words.bic, bic] as [string, string]] : []), [words.amount, amount], [words.purpose, remittance]];
  return { ok: true, format: 'EPC', payload, purpose: remittance, lines, heading: words.heading, amount };
}

/** The details in words for a plain-text part: the heading, then "Label: value" a line. */
export function paymentCodeText(code: Extract<PaymentCode, { ok: true }>): string {
  return [code.heading, ...code.lines.map(([label, value]) => `${label}: ${value}`)].join('\n');
}
