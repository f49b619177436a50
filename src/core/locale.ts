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
