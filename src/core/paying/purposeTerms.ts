/**
 * What a payment code's purpose says was netted or added besides the
 * invoices it names (issue 26, item 4): "за вычетом кредита 300,00" /
 * "less credit 300.00" when the customer's credit lessens the total, and
 * "и неустойка 500,00" / "plus late fees 500.00" when a letter claims fees.
 * The code writes them (paymentCode.ts) and AR_MATCH reads them back
 * (payments/matcher.ts), so a payment of exactly what the code asked is
 * matched exact. Amounts are plain, without thousands separators, so the
 * matcher never takes them for invoice numbers.
 */

export interface PurposeTerms {
  /** The customer's credit (credit notes, payments not yet applied) the amount was lessened by, in cents; 0 for none. */
  creditCents: number;
  /** Late fees and interest the amount includes besides the invoices, in cents; 0 for none. */
  feeCents: number;
}

const plain = (cents: number, decimal: ',' | '.') => (cents / 100).toFixed(2).replace('.', decimal);

/** The words after the invoices: Russian (a rouble purpose) with a decimal comma, English with a point. */
export function purposeTermsText(terms: PurposeTerms, language: 'en' | 'ru'): string {
  const parts: string[] = [];
  if (language === 'ru') {
    if (terms.creditCents > 0) parts.push(`за вычетом кредита ${plain(terms.creditCents, ',')}`);
    if (terms.feeCents > 0) parts.push(`и неустойка ${plain(terms.feeCents, ',')}`);
  } else {
    if (terms.creditCents > 0) parts.push(`less credit ${plain(terms.creditCents, '.')}`);
    if (terms.feeCents > 0) parts.push(`plus late fees ${plain(terms.feeCents, '.')}`);
  }
  return parts.join(' ');
}

const CREDIT = /(?:за\s+вычетом\s+кредита|less\s+credit)\s+(\d{1,12})[.,](\d\d)(?!\d)/i;
const FEES = /(?:и\s+неустойка|plus\s+late\s+fees)\s+(\d{1,12})[.,](\d\d)(?!\d)/i;

function centsAfter(pattern: RegExp, purpose: string): number {
  const found = pattern.exec(purpose);
  return found ? Number(found[1]) * 100 + Number(found[2]) : 0;
}

/** The credit and fees a purpose states in our words, 0 where it states none. */
export function readPurposeTerms(purpose: string): PurposeTerms {
  const text = purpose.slice(0, 2000);
  return { creditCents: centsAfter(CREDIT, text), feeCents: centsAfter(FEES, text) };
}
