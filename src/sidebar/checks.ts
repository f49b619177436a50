// Checks made at the field, as the person leaves it, before anything goes to
// the server (which checks again with the core's schema). Each returns the
// label key of what is wrong, or null.
import { EMAIL, emailList } from '../core/reminders/email';
import type { LabelKey } from './i18n';

export type Check = (text: string) => LabelKey | null;

/** Addresses separated by commas or semicolons; empty is allowed (the field is optional). */
export const emails: Check = (text) => (emailList(text).every((address) => EMAIL.test(address)) ? null : 'check.emails');

export const email: Check = (text) => (text.trim() === '' || EMAIL.test(text.trim()) ? null : 'check.email');

/** A calendar day as YYYY-MM-DD (what a date input gives), or empty. */
export const date: Check = (text) => {
  if (text.trim() === '') return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!match) return 'check.date';
  const [year, month, day] = [+match[1], +match[2], +match[3]];
  const probe = new Date(Date.UTC(year, month - 1, day));
  return probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day ? null : 'check.date';
};

/** An amount of money: 0 or more, at most two decimals. */
export const amount: Check = (text) => (/^\d+(\.\d{1,2})?$/.test(text.trim()) ? null : 'check.amount');

/** A three-letter currency code (USD, RUB), or empty for the spreadsheet locale's. */
export const currency: Check = (text) => (/^([A-Za-z]{3})?$/.test(text.trim()) ? null : 'check.currency');

/** Whole days, as a number input gives them. */
export const wholeDays: Check = (text) => (/^-?\d+$/.test(text.trim()) ? null : 'check.days');

/** Days from the due date separated by commas, like "-3, 0, 10"; empty is allowed. */
export const dayList: Check = (text) =>
  text
    .split(/[,;\s]+/)
    .filter(Boolean)
    .every((part) => /^[-+−]?\d+$/.test(part))
    ? null
    : 'check.dayList';

/** Placeholders written whole: every "{{" closed by "}}" before the next one opens. */
export const braces: Check = (text) => {
  const opens = [...text.matchAll(/\{\{/g)].length;
  const whole = [...text.matchAll(/\{\{\s*[\w-]*\s*\}\}/g)].length;
  return opens === whole && !/\}\}/.test(text.replace(/\{\{\s*[\w-]*\s*\}\}/g, '')) ? null : 'check.braces';
};
