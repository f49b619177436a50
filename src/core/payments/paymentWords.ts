import { dayText, type CalendarDay } from '../calendar';
import { localeLanguage } from '../locale';

/**
 * The Payments sheet's words in the spreadsheet's language (ru_RU: Russian),
 * its amounts in the spreadsheet's number format: the headers, how sure a
 * match is, why, and what was applied. One list per language, read back in
 * either (a sheet written before the book's language changed still reads).
 */
export type PaymentLanguage = 'en' | 'ru';

/** How sure a match is. */
export type Confidence = 'exact' | 'strong' | 'several' | 'partial' | 'none';

/**
 * The Payments sheet's headers, in the same column order in both languages.
 * None is a customer or invoice-number header of an invoice table (no
 * "Customer", "Клиент", "Плательщик", "Номер"), so the sheet is never taken
 * for one; the Russian ones are a bank statement's, so they read as one.
 */
export const PAYMENT_HEADER_NAMES = {
  en: ['Date', 'Amount', 'Currency', 'Payer', 'Payer tax id', 'Payer account', 'Purpose', 'Payment id', 'Matched customer', 'Invoices', 'Confidence', 'Why', 'Apply', 'Applied'],
  ru: ['Дата', 'Сумма', 'Валюта', 'Отправитель', 'ИНН отправителя', 'Счёт отправителя', 'Назначение платежа', 'Номер платежа', 'Найденный клиент', 'Счета', 'Уверенность', 'Почему', 'Применить', 'Применено'],
} as const;

const CONFIDENCE_NAMES: Record<PaymentLanguage, Record<Confidence, string>> = {
  en: { exact: 'exact', strong: 'strong', several: 'several', partial: 'partial', none: 'none' },
  ru: { exact: 'точно', strong: 'вероятно', several: 'несколько счетов', partial: 'частично', none: 'нет' },
};

/** The AR_MATCH result's header row. */
export const MATCH_RESULT_HEADERS: Record<PaymentLanguage, string[]> = {
  en: ['Invoices', 'Matched customer', 'Confidence', 'Why'],
  ru: ['Счета', 'Найденный клиент', 'Уверенность', 'Почему'],
};

/** Columns an apply adds to an invoice table that lacks them; each is a header the table's reader knows in either language. */
export const NEW_COLUMN_HEADERS: Record<PaymentLanguage, { paidAmount: string; paidDate: string }> = {
  en: { paidAmount: 'Paid amount', paidDate: 'Paid date' },
  ru: { paidAmount: 'Оплачено', paidDate: 'Дата оплаты' },
};

/** How an invoice without a number is named: "row 12", "строка 12"; either is read back in the Invoices cell. */
export const ROW_LABEL = { en: 'row', ru: 'строка' } as const;
export const ROW_LABEL_PATTERN = /^(?:row|строка)\s+(\d+)$/i;

/** The words and number format of a spreadsheet's locale, for the Payments sheet and what the matcher explains. */
export interface PaymentWords {
  language: PaymentLanguage;
  /** "1,234.56 USD" (en_US), "1 234,56 RUB" (ru_RU). */
  money(cents: number, currency: string): string;
  /** A day as the locale writes it: "2026-10-12", "12.10.2026". */
  day(day: CalendarDay): string;
  /** The Payments sheet's date column format. */
  dateFormat: string;
  confidence(confidence: Confidence): string;
  row(row: number): string;
}

const formatters = new Map<string, Intl.NumberFormat>();
/** Made on first use (loading stays inert); an unknown locale falls back to its language's, else English. */
function groupedNumber(locale: string): Intl.NumberFormat {
  let format = formatters.get(locale);
  if (!format) {
    const tag = locale.replace('_', '-');
    const options = { minimumFractionDigits: 2, maximumFractionDigits: 2 };
    try {
      format = new Intl.NumberFormat(tag, options);
    } catch {
      format = new Intl.NumberFormat(localeLanguage(locale) === 'ru' ? 'ru-RU' : 'en-US', options);
    }
    formatters.set(locale, format);
  }
  return format;
}

/** "1,234.56 USD": the words of a call with no locale (the core's own tests, older callers). */
export function plainMoney(cents: number, currency: string): string {
  const sign = cents < 0 ? '-' : '';
  const whole = Math.floor(Math.abs(cents) / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fraction = String(Math.abs(cents) % 100).padStart(2, '0');
  return `${sign}${whole}.${fraction}${currency ? ` ${currency}` : ''}`;
}

/**
 * The words of a spreadsheet's locale (`en_US`, `ru_RU`); without one,
 * English words and "1,234.56".
 */
export function paymentWords(locale = ''): PaymentWords {
  const language: PaymentLanguage = locale ? localeLanguage(locale) : 'en';
  const money = locale ? (cents: number, currency: string) => `${groupedNumber(locale).format(cents / 100)}${currency ? ` ${currency}` : ''}` : plainMoney;
  const dayFirstDots = language === 'ru';
  return {
    language,
    money,
    day: (day) => dayText(day, language),
    dateFormat: dayFirstDots ? 'dd.mm.yyyy' : 'yyyy-mm-dd',
    confidence: (confidence) => CONFIDENCE_NAMES[language][confidence],
    row: (row) => `${ROW_LABEL[language]} ${row}`,
  };
}
