import * as v from 'valibot';

/**
 * The Cash section of the policy (issue 25): what the cash position needs
 * beyond the books. Every field is optional, so a policy stored before it
 * parses unchanged.
 */

/** Larger than any balance a small business keeps; beyond it a typo. */
const MAX_BALANCE = 1_000_000_000_000;
const amount = v.pipe(v.number('must be an amount'), v.finite('must be a finite amount'), v.minValue(-MAX_BALANCE, `must be at least ${-MAX_BALANCE}`), v.maxValue(MAX_BALANCE, `must be at most ${MAX_BALANCE}`));
const CURRENCY = /^[A-Z]{3}$/;
/** A range with its sheet, as the sidebar's Cash section checks it: Outflows!A1:F200, 'Cash out'!$A$1:$F, Outflows!A:F. */
const A1_WITH_SHEET = /^('([^']|'')+'|[^'!\r\n]+)!\$?[A-Za-z]{1,3}\$?\d*(:\$?[A-Za-z]{1,3}\$?\d*)?$/;

export const CashSchema = v.object({
  /** A gap is a period whose Balance low falls below this, in each currency's units; 0 by default. */
  floor: v.optional(amount, 0),
  /** How many weeks ahead the daily run and AR_COLLECT_FIRST look; 8 by default. */
  horizonWeeks: v.optional(v.pipe(v.number('must be a number of weeks'), v.integer('must be a whole number of weeks'), v.minValue(1, 'must be 1 or more'), v.maxValue(52, 'must be 52 or less')), 8),
  /** Cash at hand per currency code ("USD": 12000), as of the day the daily run looks from. */
  openingBalances: v.optional(
    v.pipe(
      v.record(v.pipe(v.string(), v.check((code) => CURRENCY.test(code), 'must be a three-letter currency code such as USD or RUB')), amount),
      v.check((balances) => Object.keys(balances).length <= 20, 'can have at most 20 currencies'),
    ),
    {},
  ),
  /**
   * Where the outflows are, as A1 text with its sheet ("Outflows!A1:F200",
   * "'Cash out'!A:F"); "" for none yet. The sheet is required: the daily run
   * has no active sheet to take a bare "A1:F200" from.
   */
  outflowsRange: v.optional(
    v.pipe(
      v.string(),
      v.maxLength(200, 'must be at most 200 characters'),
      v.check((text) => text === '' || A1_WITH_SHEET.test(text), 'must be a range with its sheet, such as Outflows!A1:F200'),
    ),
    '',
  ),
});

export type CashPolicy = v.InferOutput<typeof CashSchema>;
