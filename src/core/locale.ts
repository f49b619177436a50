/** How a spreadsheet locale writes numbers and short dates. */
export interface LocaleConventions {
  /** `true` when "1,5" is one and a half (ru_RU, de_DE, fr_FR …). */
  decimalComma: boolean;
  /** `true` when "3/4/2026" is the 3rd of April rather than March 4th. */
  dayFirst: boolean;
}

// Languages whose locales write a decimal comma. English, Chinese, Japanese,
// Korean, Hebrew, Thai and a few others use a point.
const DECIMAL_COMMA_LANGUAGES = new Set(
  'ru uk be kk uz az hy ka de fr es it pt nl pl cs sk sl hr sr bs mk bg ro hu da sv nb nn no fi et lv lt is tr el id vi ca eu gl af'.split(' '),
);

// Locales that put the month before the day in a slashed date.
const MONTH_FIRST_LOCALES = new Set(['en_US', 'en_PH', 'en_CA', 'es_US', 'en_UM', 'en_AS', 'en_GU', 'en_PR', 'en_VI']);

/**
 * Conventions of a Sheets locale code such as `en_US` or `ru_RU`.
 * @example localeConventions('ru_RU') //=> { decimalComma: true, dayFirst: true }
 */
export function localeConventions(locale: string): LocaleConventions {
  const normalized = locale.replace('-', '_');
  const language = normalized.split('_')[0].toLowerCase();
  return {
    decimalComma: DECIMAL_COMMA_LANGUAGES.has(language),
    dayFirst: !MONTH_FIRST_LOCALES.has(normalized) && normalized !== 'en',
  };
}

// The currency of each region a Sheets locale names (the part after "_").
const EURO = 'AT BE CY DE EE ES FI FR GR HR IE IT LT LU LV MT NL PT SI SK'.split(' ');
const REGION_CURRENCIES: Record<string, string> = {
  ...Object.fromEntries(EURO.map((region) => [region, 'EUR'])),
  US: 'USD', GB: 'GBP', RU: 'RUB', BY: 'BYN', UA: 'UAH', KZ: 'KZT', UZ: 'UZS', AM: 'AMD', GE: 'GEL', AZ: 'AZN', KG: 'KGS',
  JP: 'JPY', CN: 'CNY', HK: 'HKD', TW: 'TWD', KR: 'KRW', IN: 'INR', SG: 'SGD', AU: 'AUD', NZ: 'NZD', CA: 'CAD', MX: 'MXN', BR: 'BRL',
  AR: 'ARS', CL: 'CLP', CO: 'COP', PE: 'PEN', ZA: 'ZAR', CH: 'CHF', LI: 'CHF', SE: 'SEK', NO: 'NOK', DK: 'DKK', IS: 'ISK', PL: 'PLN',
  CZ: 'CZK', HU: 'HUF', RO: 'RON', BG: 'BGN', RS: 'RSD', TR: 'TRY', IL: 'ILS', AE: 'AED', SA: 'SAR', EG: 'EGP', TH: 'THB', VN: 'VND',
  ID: 'IDR', MY: 'MYR', PH: 'PHP', PK: 'PKR', NG: 'NGN', KE: 'KES',
};

/**
 * The currency a spreadsheet's locale implies, for amounts that name none:
 * ru_RU RUB, en_US USD, en_GB GBP, de_DE EUR. A locale without a known
 * region ("en", "ru") takes its language's usual one; else "".
 */
export function localeCurrency(locale: string): string {
  const [language, region = ''] = locale.replace('-', '_').split('_');
  return REGION_CURRENCIES[region.toUpperCase()] ?? ({ en: 'USD', ru: 'RUB', uk: 'UAH', ja: 'JPY', zh: 'CNY', de: 'EUR', fr: 'EUR', es: 'EUR', it: 'EUR' } as Record<string, string>)[language.toLowerCase()] ?? '';
}

/** The reminders' default language for a spreadsheet's locale: Russian for ru_*, else English. */
export const localeLanguage = (locale: string): 'en' | 'ru' => (/^ru/i.test(locale) ? 'ru' : 'en');
