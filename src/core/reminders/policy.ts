import * as v from 'valibot';
import { FIELDS } from '../columns';
import { CHANNELS, TEMPLATE_KINDS, templateForOffset } from './kinds';
import { EMAIL, emailList as addresses } from './email';
import { PayeesSchema, PayLinkSitesSchema, PayLinkTemplateSchema } from '../paying/payees';
import { CashSchema } from '../cash/policy';
import { LearningSchema } from '../learning/schema';

/**
 * The credit policy: payment terms, the reminder cadence and its sanctions.
 * Stored as JSON in document properties (9 KB per value), with a version so
 * that older shapes are migrated when read.
 */

export { CHANNELS, TEMPLATE_KINDS, templateForOffset, type Channel, type TemplateKind } from './kinds';

export const POLICY_VERSION = 4;
/** Apps Script's limit for one property value, key included. */
export const MAX_STORED_BYTES = 9 * 1024;

const LINE_BREAK = /[\r\n]/;

const days = (min: number, max: number) => v.pipe(v.number('must be a number of days'), v.integer('must be a whole number of days'), v.minValue(min, `must be ${min} or more`), v.maxValue(max, `must be ${max} or less`));
/** The largest amount a threshold or fee may be: beyond it a typo (or `1e309`, which JSON would store as null). */
export const MAX_AMOUNT = 1_000_000_000;
const money = v.pipe(v.number('must be an amount'), v.finite('must be a finite amount'), v.minValue(0, 'cannot be negative'), v.maxValue(MAX_AMOUNT, `must be at most ${MAX_AMOUNT}`));
const headerText = (max: number) => v.pipe(v.string(), v.maxLength(max, `must be at most ${max} characters`), v.check((text) => !LINE_BREAK.test(text), 'cannot contain a line break'));
/** Addresses as people write them, separated by commas or semicolons; stored separated by commas, as MailApp takes them. */
const emailList = v.pipe(
  headerText(500),
  v.check((text) => addresses(text).every((address) => EMAIL.test(address)), 'must be email addresses separated by commas or semicolons'),
  v.transform((text) => addresses(text).join(', ')),
);

export const StepSchema = v.object({
  /** Days from the due date: negative before it, 0 on it, positive after. */
  offsetDays: days(-90, 365),
  template: v.picklist(TEMPLATE_KINDS, `must be one of ${TEMPLATE_KINDS.join(', ')}`),
  /** A fixed late fee this step adds, in the invoice's currency. */
  lateFee: v.optional(money, 0),
  /** Email (as before channels), a call or a letter (a task in the Collections sheet), or legal (the hand-over to a lawyer). */
  channel: v.optional(v.picklist(CHANNELS, `must be one of ${CHANNELS.join(', ')}`), 'email'),
});

/** What escalation beyond email does: letters, holds, statements. */
export const CollectionsSchema = v.object({
  /** A letter gives the customer this many days to pay. */
  letterDeadlineDays: v.optional(days(1, 90), 10),
  /** Letters and lawyer's summaries also go to the owner by email, as PDF. */
  sendLettersToOwner: v.optional(v.boolean(), false),
  /** Reminder emails carry the customer's statement of account as a PDF. */
  attachStatement: v.optional(v.boolean(), false),
  /** Hold a customer whose oldest invoice is overdue more than this many days; 0: never. */
  holdOverdueDays: v.optional(days(0, 365), 60),
  holdOverLimit: v.optional(v.boolean(), true),
  holdOnBrokenPromise: v.optional(v.boolean(), true),
  /** A promise date typed in the Collections sheet counts only this many days after its task's day; a later one is reported and not acted on. */
  maxPromiseDays: v.optional(days(1, 365), 60),
  /** Letters and lawyer's summaries one run makes at most (each is a slow PDF conversion and a Drive save); the rest wait for the next run. */
  documentsPerRun: v.optional(v.pipe(v.number('must be a number'), v.integer('must be a whole number'), v.minValue(0, 'must be 0 or more'), v.maxValue(200, 'must be 200 or less')), 25),
  /** … and all runs of one day together; the rest wait for the next day. */
  documentsPerDay: v.optional(v.pipe(v.number('must be a number'), v.integer('must be a whole number'), v.minValue(0, 'must be 0 or more'), v.maxValue(500, 'must be 500 or less')), 100),
});

/** Who signs and how to pay, in one language: what a customer of that language reads. */
export const SenderTextSchema = v.object({
  senderName: v.optional(headerText(100), ''),
  /** How to pay: bank details, a payment link; every default template ends with it. */
  paymentDetails: v.optional(v.pipe(v.string(), v.maxLength(1000, 'must be at most 1000 characters')), ''),
  /** Who signs the reminders: a name, a role, a phone; every default template ends with it. */
  signature: v.optional(v.pipe(v.string(), v.maxLength(500, 'must be at most 500 characters')), ''),
});

export const AmountRuleSchema = v.object({
  /** The rule applies when the customer's open balance is at least this. */
  minimumBalance: money,
  extraSteps: v.optional(v.array(StepSchema), []),
  /** Who else gets the reminder, e.g. the account manager. */
  cc: v.optional(emailList, ''),
});

const uniqueOffsets = <T extends { offsetDays: number }>(steps: T[]) => new Set(steps.map((step) => step.offsetDays)).size === steps.length;

export const PolicySchema = v.object({
  version: v.literal(POLICY_VERSION),
  termsDays: v.optional(days(0, 365), 30),
  /** Days after the due date before an overdue step counts. */
  graceDays: v.optional(days(0, 60), 0),
  /** No reminder to a customer owing less than this. */
  minimumBalance: v.optional(money, 0),
  /** The hour, in the spreadsheet's time zone, of the daily run. */
  sendHour: v.optional(v.pipe(v.number('must be an hour from 0 to 23'), v.integer('must be an hour from 0 to 23'), v.minValue(0, 'must be an hour from 0 to 23'), v.maxValue(23, 'must be an hour from 0 to 23')), 9),
  skipWeekends: v.optional(v.boolean(), true),
  senderName: v.optional(headerText(100), ''),
  replyTo: v.optional(v.pipe(headerText(200), v.check((text) => text === '' || EMAIL.test(text), 'must be an email address')), ''),
  cc: v.optional(emailList, ''),
  copyToSelf: v.optional(v.boolean(), false),
  /** Interest on the overdue balance, per year, charged per day overdue. */
  yearlyInterestPercent: v.optional(v.pipe(v.number('must be a number'), v.finite('must be a finite number'), v.minValue(0, 'cannot be negative'), v.maxValue(100, 'must be at most 100')), 0),
  /** How to pay: bank details, a payment link; every default template ends with it. */
  paymentDetails: v.optional(v.pipe(v.string(), v.maxLength(1000, 'must be at most 1000 characters')), ''),
  /** Who signs the reminders: a name, a role, a phone; every default template ends with it. */
  signature: v.optional(v.pipe(v.string(), v.maxLength(500, 'must be at most 500 characters')), ''),
  /** Days at least between two reminders to one customer; only a due-date step may come sooner (never the same day). */
  minimumGapDays: v.optional(days(1, 60), 3),
  /**
   * The sender name, signature and payment details for customers of another
   * language than English (the fields above are the English ones). An empty
   * one falls back to the English one, and the preview says so.
   */
  senderByLanguage: v.optional(v.object({ ru: v.optional(SenderTextSchema, {}) }), {}),
  /** The spreadsheet's currency, for amounts that name none (no currency column, no sign): "" for its locale's (ru_RU RUB, en_US USD …). */
  currency: v.optional(v.pipe(v.string(), v.check((text) => text === '' || /^[A-Z]{3}$/.test(text), 'must be a three-letter currency code such as USD or RUB, or empty for the locale\'s')), ''),
  /** The language of reminders to customers who have none of their own. */
  language: v.optional(v.picklist(['en', 'ru'] as const, 'must be en or ru'), 'en'),
  steps: v.optional(
    v.pipe(v.array(StepSchema), v.minLength(1, 'needs at least one step'), v.maxLength(20, 'can have at most 20 steps'), v.check((steps) => uniqueOffsets(steps), 'cannot have two steps on the same day')),
    () => DEFAULT_STEPS.map((step) => ({ ...step })),
  ),
  amountRules: v.optional(v.pipe(v.array(AmountRuleSchema), v.maxLength(10, 'can have at most 10 rules')), []),
  /** Corrections of the detected invoice columns: field → header ("" for none). */
  columns: v.optional(v.record(v.picklist(FIELDS, 'is not a field of the invoice table'), headerText(100)), {}),
  collections: v.optional(CollectionsSchema, {}),
  /** A cadence that learns each customer's paying, within these bounds (issue 27, item 4). */
  learning: v.optional(LearningSchema, {}),
  /** Structured payment details per currency (issue 26); the free-text paymentDetails stay for the rest. */
  payees: v.optional(PayeesSchema, {}),
  /** A pay link with {{amount}}, {{currency}} and {{invoices}}, https only; a Pay link column wins for its rows. */
  payLinkTemplate: PayLinkTemplateSchema,
  /** Sites the Pay link column may link to, besides the template's ("invoice.stripe.com, paypal.me"). */
  payLinkSites: PayLinkSitesSchema,
  /** The cash position: opening balances, floor, horizon, where the outflows are (issue 25). */
  cash: v.optional(CashSchema, {}),
});

export type Step = v.InferOutput<typeof StepSchema>;
export type SenderText = v.InferOutput<typeof SenderTextSchema>;
export type AmountRule = v.InferOutput<typeof AmountRuleSchema>;
export type Policy = v.InferOutput<typeof PolicySchema>;
export type CollectionsPolicy = v.InferOutput<typeof CollectionsSchema>;

/** 7 and 1 day before the due date, on it, and 7, 14 and 30 days after: friendly first, a final notice last. */
export const DEFAULT_STEPS: readonly Step[] = [
  { offsetDays: -7, template: 'upcoming', lateFee: 0, channel: 'email' },
  { offsetDays: -1, template: 'upcoming', lateFee: 0, channel: 'email' },
  { offsetDays: 0, template: 'due-today', lateFee: 0, channel: 'email' },
  { offsetDays: 7, template: 'overdue', lateFee: 0, channel: 'email' },
  { offsetDays: 14, template: 'firm', lateFee: 0, channel: 'email' },
  { offsetDays: 30, template: 'final', lateFee: 0, channel: 'email' },
];

/** A problem with one field, for the sidebar to show next to it. */
export interface PolicyProblem {
  /** Dotted path such as `steps.2.offsetDays`; "" for the whole policy. */
  field: string;
  message: string;
}

export type PolicyResult = { ok: true; policy: Policy } | { ok: false; problems: PolicyProblem[] };

/** The policy that works with no setup. */
export function defaultPolicy(): Policy {
  return v.parse(PolicySchema, { version: POLICY_VERSION });
}

/** Checks a policy as edited (or as stored, after migration); says what is wrong, field by field. */
export function validatePolicy(input: unknown): PolicyResult {
  // One message per field: a non-finite amount is not also "too large".
  const result = v.safeParse(PolicySchema, input, { abortPipeEarly: true });
  if (result.success) return { ok: true, policy: result.output };
  return {
    ok: false,
    problems: result.issues.map((issue) => ({
      field: (issue.path ?? []).map((item) => String(item.key)).join('.'),
      message: issue.message,
    })),
  };
}

/**
 * Older stored shapes, upgraded one version at a time. Version 0 is the
 * unversioned shape of early drafts: `reminderDays` as a list of offsets.
 */
const MIGRATIONS: Record<number, (stored: Record<string, unknown>) => Record<string, unknown>> = {
  0: ({ reminderDays, ...rest }) => ({
    ...rest,
    version: 1,
    ...(Array.isArray(reminderDays)
      ? { steps: (reminderDays as number[]).map((offsetDays) => ({ offsetDays, template: templateForOffset(offsetDays) })) }
      : {}),
  }),
  // Version 2 gave every step a channel; the steps stored before it were all emails.
  1: (stored) => ({
    ...stored,
    version: 2,
    ...(Array.isArray(stored.steps) ? { steps: (stored.steps as Array<Record<string, unknown>>).map((step) => ({ ...step, channel: step.channel ?? 'email' })) } : {}),
    ...(Array.isArray(stored.amountRules)
      ? {
          amountRules: (stored.amountRules as Array<Record<string, unknown>>).map((rule) => ({
            ...rule,
            ...(Array.isArray(rule.extraSteps) ? { extraSteps: (rule.extraSteps as Array<Record<string, unknown>>).map((step) => ({ ...step, channel: step.channel ?? 'email' })) } : {}),
          })),
        }
      : {}),
  }),
  // Version 3 added the signature (an older policy is signed with its sender name) and the minimum gap (its default).
  2: (stored) => ({ ...stored, version: 3, signature: typeof stored.signature === 'string' ? stored.signature : typeof stored.senderName === 'string' ? stored.senderName : '' }),
  // Version 4 has a sender per language: the single sender name, signature and payment details stay the English ones; the Russian ones start empty.
  3: (stored) => ({ ...stored, version: 4, senderByLanguage: { ru: { senderName: '', signature: '', paymentDetails: '' } } }),
};

/** What must be filled before any reminder goes out, in the order the sidebar shows them. */
export const SENDER_FIELDS = ['senderName', 'replyTo', 'signature', 'paymentDetails'] as const;
const SENDER_FIELD_NAMES: Record<(typeof SENDER_FIELDS)[number], string> = { senderName: 'Sender name', replyTo: 'Reply-to', signature: 'Signature', paymentDetails: 'Payment details' };

/**
 * The sender must be known before anything goes out: the empty ones of
 * sender name, reply-to, signature and payment details, each named.
 */
export function senderProblems(policy: Policy): PolicyProblem[] {
  return SENDER_FIELDS.filter((field) => policy[field].trim() === '').map((field) => ({ field, message: `${SENDER_FIELD_NAMES[field]} is empty: fill it in (Settings › Reminders) before reminders can be sent` }));
}

/** The fields of the sender that, left empty in a language, fall back to the English ones with a warning. */
export const WARNED_FALLBACKS = ['signature', 'paymentDetails'] as const;

/**
 * The sender name, signature and payment details a customer of `language`
 * reads: that language's own, an empty one taken from the English ones;
 * `fellBack` names the signature and payment details so taken, for the
 * preview to warn (a sender name, the same in most languages, falls back
 * silently).
 */
export function senderIn(policy: Pick<Policy, 'senderName' | 'signature' | 'paymentDetails' | 'senderByLanguage'>, language: 'en' | 'ru'): SenderText & { fellBack: Array<(typeof WARNED_FALLBACKS)[number]> } {
  const english: SenderText = { senderName: policy.senderName, signature: policy.signature, paymentDetails: policy.paymentDetails };
  const own = language === 'en' ? english : policy.senderByLanguage[language];
  const pick = (field: keyof SenderText) => (own[field].trim() ? own[field] : english[field]);
  return {
    senderName: pick('senderName'),
    signature: pick('signature'),
    paymentDetails: pick('paymentDetails'),
    fellBack: WARNED_FALLBACKS.filter((field) => language !== 'en' && !own[field].trim() && english[field].trim() !== ''),
  };
}

/** The warning the preview and the run's notes show when a language's signature or payment details are the English ones. */
export function fallbackWarning(language: 'en' | 'ru', fields: ReadonlyArray<(typeof WARNED_FALLBACKS)[number]>, customers: readonly string[]): string {
  const names = { signature: 'signature', paymentDetails: 'payment details' };
  const languageName = { en: 'English', ru: 'Russian' }[language];
  const shown = customers.slice(0, 3).join(', ') + (customers.length > 3 ? ` and ${customers.length - 3} more` : '');
  return `The ${languageName} ${fields.map((field) => names[field]).join(' and ')} ${fields.length > 1 ? 'are' : 'is'} empty, so ${shown} get${customers.length === 1 ? 's' : ''} the English one${fields.length > 1 ? 's' : ''}: fill ${fields.length > 1 ? 'them' : 'it'} in (Settings › Reminders)`;
}

/**
 * Reads a stored policy, migrating older versions. Strict: whatever is not
 * a policy object of a known integer version, with every field of the right
 * type, is refused with the reason; it never becomes the default policy
 * (the caller decides what "nothing stored" means).
 */
export function readStoredPolicy(stored: string | null): PolicyResult {
  const refuse = (message: string, field = ''): PolicyResult => ({ ok: false, problems: [{ field, message }] });
  if (stored === null || stored.trim() === '') return refuse('the stored policy is empty');
  let parsed: unknown;
  try {
    parsed = JSON.parse(stored);
  } catch {
    return refuse('the stored policy is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return refuse(`the stored policy is not an object (${stored.length > 40 ? `${stored.slice(0, 40)}…` : stored})`);
  let value = parsed as Record<string, unknown>;
  if (Object.keys(value).length === 0) return refuse('the stored policy is empty');
  // Only the unversioned shape of early drafts has no version.
  let version = 'version' in value ? value.version : 0;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) return refuse(`is not a version of the policy (${JSON.stringify(version)})`, 'version');
  if (version > POLICY_VERSION) return refuse(`was saved by a newer version of the add-on (${version})`, 'version');
  while (version < POLICY_VERSION) value = MIGRATIONS[version++](value);
  return validatePolicy(value);
}

/** The JSON to store; throws when it would not fit in one property value. */
export function storePolicy(policy: Policy, key: string): string {
  const json = JSON.stringify(policy);
  const bytes = utf8Length(key + json);
  if (bytes > MAX_STORED_BYTES) throw new Error(`the policy takes ${bytes} bytes; a document property holds at most ${MAX_STORED_BYTES}`);
  return json;
}

/** Bytes of a string in UTF-8 (Apps Script has no TextEncoder). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const code = char.codePointAt(0) as number;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}
