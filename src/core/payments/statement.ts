import type { CalendarDay } from '../calendar';

/** One incoming payment as a bank statement gives it. */
export interface StatementPayment {
  /** The payment's identity: the bank's own id where the format has one, else a digest of the line; the same in every import of the same file. */
  id: string;
  day: CalendarDay;
  /** Always positive: only money coming in is a payment. */
  amountCents: number;
  /** Upper-case code, or "" when the statement does not say. */
  currency: string;
  payer: string;
  /** ИНН or another tax id, digits only; "" when not given. */
  payerTaxId: string;
  payerAccount: string;
  /** Purpose of payment (назначение платежа) or remittance reference. */
  purpose: string;
}

export type StatementFormat = '1C' | 'CSV' | 'camt.053' | 'OFX';

export interface ParsedStatement {
  format: StatementFormat;
  payments: StatementPayment[];
  /** Outgoing payments (debits) left out. */
  outgoing: number;
  /** Lines or entries that could not be read, each saying where and why. */
  problems: string[];
}

/** A statement that cannot be read at all. */
export class StatementError extends Error {}

/** 32-bit FNV-1a of a text, as 8 hex digits: a short, stable identity for a line with no id of its own. */
export function digest(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/**
 * Gives identities to payments without a bank id: a digest of what the line
 * says, with a counter for identical lines in one file, so two equal payments
 * stay two and importing the file again yields the same identities.
 */
export class IdentityMaker {
  private readonly seen = new Map<string, number>();
  constructor(private readonly prefix: string) {}

  /** `bankId` when the bank gives one; else a digest of `fields`. */
  make(bankId: string, fields: readonly (string | number)[]): string {
    const base = bankId ? `${this.prefix}:${bankId}` : `${this.prefix}:#${digest(fields.join('\u001f'))}`;
    const count = (this.seen.get(base) ?? 0) + 1;
    this.seen.set(base, count);
    return count === 1 ? base : `${base}/${count}`;
  }
}

/** Digits of a tax id, "" when there are none. */
export function taxIdDigits(text: string): string {
  return text.replace(/\D/g, '');
}

/** The largest amount a statement line may carry: 1,000,000,000,000 in the statement's currency. Larger ones are refused, not rounded. */
export const MAX_STATEMENT_AMOUNT = 1e12;

/** The longest purpose read: longer ones are cut here, so that matching and the sheet see a bounded text. */
export const MAX_PURPOSE_CHARACTERS = 2000;

/**
 * Amount text in a statement in cents: "1500.00", "1 500,00", "-12.5".
 * Statements write one decimal separator and no thousands separator other than spaces; null when it is not a number.
 * Amounts over MAX_STATEMENT_AMOUNT are not numbers a statement holds: see `statementAmount` for the reason.
 */
export function statementCents(text: string): number | null {
  const read = statementAmount(text);
  return 'cents' in read ? read.cents : null;
}

/** Amount text in cents, or why it is not an amount. */
export function statementAmount(text: string): { cents: number } | { problem: string } {
  const shown = JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
  const body = text.replace(/[\s\u00a0\u202f']/g, '').replace(/^\+/, '');
  const match = /^(-?)(\d+)(?:[.,](\d{1,2}))?$/.exec(body);
  if (!match) return { problem: `${shown} is not an amount` };
  const whole = match[2].replace(/^0+(?=\d)/, '');
  const cents = whole.length > 13 ? Infinity : Number(whole) * 100 + Number((match[3] ?? '').padEnd(2, '0'));
  if (cents > MAX_STATEMENT_AMOUNT * 100) return { problem: `${shown} is over ${MAX_STATEMENT_AMOUNT.toLocaleString('en-US')}, more than any payment this add-on reads` };
  return { cents: match[1] ? -cents : cents };
}

/** A purpose cut to MAX_PURPOSE_CHARACTERS, the cut reported as a problem of the line it is on. */
export function boundedPurpose(purpose: string, where: string, problems: string[]): string {
  if (purpose.length <= MAX_PURPOSE_CHARACTERS) return purpose;
  problems.push(`${where}: the purpose is ${purpose.length.toLocaleString('en-US')} characters; only the first ${MAX_PURPOSE_CHARACTERS.toLocaleString('en-US')} are kept`);
  return `${purpose.slice(0, MAX_PURPOSE_CHARACTERS)}…`;
}
