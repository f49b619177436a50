import * as v from 'valibot';
import { payeeProblems, PayeeSchema, type Payee } from './payee';
import { payLinkSites, payLinkSitesProblem, payLinkTemplateProblem } from './payLink';

/** Three capital letters: an ISO 4217 code as the invoice table names it. */
const CurrencyKey = v.pipe(v.string(), v.regex(/^[A-Z]{3}$/, 'must be a three-letter currency code such as RUB or EUR'));

/**
 * Payment details per currency, as the policy keeps them. Check digits are
 * checked here, so a save from the page and a policy typed into the settings
 * sheet are refused alike, the problem at `payees.RUB.account`.
 */
export const PayeesSchema = v.pipe(
  v.record(CurrencyKey, PayeeSchema),
  // A policy property holds 9 KB: a dozen currencies with full details fit.
  v.maxEntries(12, 'can hold at most 12 currencies'),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const payees = dataset.value as Record<string, Payee>;
    for (const [currency, payee] of Object.entries(payees)) {
      for (const problem of payeeProblems(currency, payee)) {
        addIssue({
          message: problem.message,
          path: [
            { type: 'object', origin: 'value', input: payees, key: currency, value: payee },
            { type: 'object', origin: 'value', input: { ...payee }, key: problem.field, value: payee[problem.field] },
          ],
        });
      }
    }
  }),
);

export type Payees = Record<string, Payee>;

/** The policy's pay link template: https only, the host typed out (see payLinkTemplateProblem). */
export const PayLinkTemplateSchema = v.optional(
  v.pipe(
    v.string(),
    v.trim(),
    v.maxLength(500, 'must be at most 500 characters'),
    v.rawCheck(({ dataset, addIssue }) => {
      if (!dataset.typed) return;
      const problem = payLinkTemplateProblem(dataset.value);
      if (problem) addIssue({ message: problem });
    }),
  ),
  '',
);


/** The sites the invoice table's Pay link cells may link to, besides the template's: approved with the policy, never by a cell. */
export const PayLinkSitesSchema = v.optional(
  v.pipe(
    v.string(),
    v.maxLength(500, 'must be at most 500 characters'),
    v.check((text) => payLinkSitesProblem(text) === '', (issue) => payLinkSitesProblem(String(issue.input))),
    v.transform((text) => payLinkSites(text).join(', ')),
  ),
  '',
);
