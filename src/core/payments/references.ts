import { MAX_PURPOSE_CHARACTERS } from './statement';

/**
 * Invoice numbers as people write them in a payment's purpose:
 * "счет № 145 от 02.09.2026", "оплата по сч. 145", "INV-0412", "Inv 1071",
 * "invoices 145, 146 and 147", or a long number on its own.
 */

/** What an invoice number is known by: its whole text (letters and digits only) and its last group of digits without leading zeros. */
export function invoiceKeys(number: string): { whole: string; digits: string } {
  const whole = number.toUpperCase().replace(/[^\p{L}\p{N}]/gu, '');
  const groups = number.match(/\d+/g) ?? [];
  const last = groups.length ? groups[groups.length - 1].replace(/^0+(?=\d)/, '') : '';
  return { whole, digits: last };
}

/** A word that announces an invoice number right before it. */
const INVOICE_WORD = /(?:сч[её]т[а-яё]*|сч|с\/ф|сф|инвойс[а-я]*|invoices?|inv|bill|рахунок|faktura|rechnung|№|#|no|nr|n°|num|number|ref)[\s.:#№-]*$/i;
/**
 * A word that names another document right before a number: a contract
 * ("договор № 12", "дог. 12", "контракт 7", "contract 5", "agreement"), an act
 * of work done ("акт № 3"). Such a number is never taken for an invoice's.
 */
const OTHER_DOCUMENT_WORD =
  /(?<!\p{L})(?:договор\p{L}*|дог|контракт\p{L}*|соглашени\p{L}*|акт\p{L}{0,3}|contracts?|agreements?|agmt|contr)[\s.:#№-]*(?:(?:№|#|no|nr|n°)[\s.:#№-]*)?$/iu;

/** The most numbers a purpose is read for, and the characters read: a purpose naming more is matched by hand (README, "Bank statements"). */
export const MAX_INVOICE_NUMBERS = 20;

/** Between two numbers of one list: "145, 146 и 147". */
const LIST_GAP = /^\s*(?:,|;|\+|&|и|and|\/)?\s*(?:№|#)?\s*$/i;

/** A number a purpose names, with how sure it is that it is an invoice number. */
export interface NamedNumber {
  /** Last group of digits without leading zeros: what it is compared by. */
  digits: string;
  /** The number's letters and digits as typed next to it, e.g. "INV20260412". */
  whole: string;
  /** Announced by a word such as "счет" or "INV", or part of a list that was. */
  announced: boolean;
}

/**
 * Numbers in a purpose that may be invoice numbers; dates, amounts,
 * percentages and numbers of contracts or acts are left out. Only the first
 * MAX_PURPOSE_CHARACTERS are read, and at most MAX_INVOICE_NUMBERS + 1
 * numbers returned: more than MAX_INVOICE_NUMBERS means "too many to match".
 */
export function namedNumbers(whole: string): NamedNumber[] {
  const purpose = whole.slice(0, MAX_PURPOSE_CHARACTERS);
  const found: NamedNumber[] = [];
  const runs = /([\p{L}]{1,6}[-/]?)?(\d+(?:[-/]\d+)*)/gu;
  let previousEnd = -1;
  for (let match = runs.exec(purpose); match && found.length <= MAX_INVOICE_NUMBERS; match = runs.exec(purpose)) {
    const start = match.index + (match[1]?.length ?? 0);
    const end = runs.lastIndex;
    const run = match[2];
    const before = purpose.slice(Math.max(0, match.index - 20), match.index);
    const after = purpose.slice(end, end + 3);
    // A date (02.09.2026), an amount (1 500,00 or 12.50) or a percentage: not an invoice number.
    if (/^[.,]\d/.test(after) || /\d[.,]$/.test(purpose.slice(Math.max(0, start - 2), start)) || /^\s*%/.test(after)) {
      continue;
    }
    const prefix = match[1] ?? '';
    if (OTHER_DOCUMENT_WORD.test(purpose.slice(Math.max(0, match.index - 24), prefix ? match.index + prefix.length : start))) {
      // A contract's or an act's number; a list after it ("договор 12, 13") is not an invoice list either.
      previousEnd = -1;
      continue;
    }
    const announced =
      (prefix !== '' && INVOICE_WORD.test(prefix)) ||
      (prefix === '' && INVOICE_WORD.test(before)) ||
      (prefix !== '' && /^[A-Za-z]{2,6}[-/]?$/.test(prefix) && /^(?:inv|in|sf|sch|rf|si|bill)/i.test(prefix)) ||
      (previousEnd >= 0 && LIST_GAP.test(purpose.slice(previousEnd, prefix ? match.index : start)));
    const groups = run.split(/[-/]/);
    const digits = groups[groups.length - 1].replace(/^0+(?=\d)/, '');
    const whole = (prefix + run).toUpperCase().replace(/[^\p{L}\p{N}]/gu, '');
    if (announced || digits.length >= 5 || /[A-Za-zА-Яа-я]/.test(prefix)) found.push({ digits, whole, announced });
    if (announced) previousEnd = end;
  }
  return found;
}
