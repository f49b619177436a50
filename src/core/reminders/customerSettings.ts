import { ZoneCalendar, type CalendarDay } from '../calendar';
import { amountInCents, CellError, dayOfCell, isBlank, isYes, type Cell, type DateReading } from '../cells';
import { MANAGER_HEADERS, normalizeHeader } from '../columns';
import { localeConventions } from '../locale';
import { templateForOffset, type Step } from './policy';
import type { Language } from './templates';

/** What a bookkeeper set for one customer in the Customers sheet. */
export interface CustomerSettings {
  customer: string;
  /** Overrides the invoices' email column when set. */
  email: string;
  language: Language | '';
  doNotRemind: boolean;
  pausedUntil: CalendarDay | null;
  /** The customer promised to pay by this day: no reminders until then, a "promise broken" note the day after. */
  promiseBy: CalendarDay | null;
  disputed: boolean;
  /** Replaces the policy's steps for this customer. */
  ownSteps: Step[] | null;
  /** Instalments reminded instead of the invoices' due dates. */
  plan: Instalment[] | null;
  /** Handed over to a lawyer (by hand here, or by a legal step): no more reminders. */
  legal: boolean;
  /** Who to call, for the Collections sheet. */
  contact: string;
  phone: string;
  /** The most the customer may owe, in the currency of their invoices; null: no limit. */
  creditLimitCents: number | null;
  /** Invoice numbers the customer disputed on a call (Collections sheet): no reminders about them. */
  disputedInvoices: string[];
  /** A call found the contact wrong: flagged in the sidebar until the Customers sheet is corrected. */
  wrongContact: boolean;
  /** Who collects from this customer (a name or an address), as typed in the Manager column; "" when none. */
  manager: string;
  /** The Learn cadence cell (issue 27, item 4): the most days this customer's cadence may move (0: not at all), within the policy's bound; null: the policy's. */
  learningDays: number | null;
}

export interface Instalment {
  day: CalendarDay;
  cents: number;
}

/** The sheet of per-customer settings, its name as the add-on creates and finds it. */
export const CUSTOMERS_SHEET_NAME = 'Customers';

/** The Customers sheet the add-on creates, in this column order. */
export const CUSTOMER_SHEET_HEADERS = ['Customer', 'Email', 'Language', 'Do not remind', 'Paused until', 'Promise to pay by', 'Disputed', 'Own steps', 'Payment plan', 'Notes'] as const;

const HEADER_KEYS: Record<string, keyof CustomerSettings> = {
  customer: 'customer',
  клиент: 'customer',
  email: 'email',
  почта: 'email',
  language: 'language',
  язык: 'language',
  donotremind: 'doNotRemind',
  ненапоминать: 'doNotRemind',
  pauseduntil: 'pausedUntil',
  паузадо: 'pausedUntil',
  promisetopayby: 'promiseBy',
  обещалоплатитьдо: 'promiseBy',
  disputed: 'disputed',
  спор: 'disputed',
  ownsteps: 'ownSteps',
  своишаги: 'ownSteps',
  paymentplan: 'plan',
  графикплатежей: 'plan',
  legal: 'legal',
  юрист: 'legal',
  contact: 'contact',
  contactperson: 'contact',
  контакт: 'contact',
  контактноелицо: 'contact',
  phone: 'phone',
  телефон: 'phone',
  creditlimit: 'creditLimitCents',
  limit: 'creditLimitCents',
  кредитныйлимит: 'creditLimitCents',
  лимит: 'creditLimitCents',
  ...Object.fromEntries(MANAGER_HEADERS.map((header) => [header, 'manager' as const])),
  learncadence: 'learningDays',
  учитьграфик: 'learningDays',
};

export type CustomerColumn = keyof CustomerSettings;

/** Where each setting is in the Customers sheet, by its header (the run and the sidebar read it the same way); the first of a repeated header wins. */
export function customerColumns(headerRow: readonly unknown[]): Partial<Record<CustomerColumn, number>> {
  const columns: Partial<Record<CustomerColumn, number>> = {};
  headerRow.forEach((header, c) => {
    const key = normalizeHeader(String(header ?? ''));
    const field = Object.prototype.hasOwnProperty.call(HEADER_KEYS, key) ? HEADER_KEYS[key] : undefined;
    if (field && columns[field] === undefined) columns[field] = c;
  });
  return columns;
}

/**
 * The key customers are matched by: names as typed in two sheets differ in
 * case and spacing. A name of digits only is matched without its leading
 * zeros: Sheets reads "00123" typed into a cell as the number 123, and the
 * customer's settings must not be lost for it (readCustomerSettings says so).
 */
export function customerKey(name: string): string {
  const key = name.trim().replace(/\s+/g, ' ').toLowerCase();
  return /^\d+$/.test(key) ? key.replace(/^0+(?=\d)/, '') : key;
}

/**
 * Reads the Customers sheet. A cell that cannot be read is reported with
 * its row and column, and that customer keeps the policy's defaults for it.
 */
export function readCustomerSettings(rows: readonly (readonly Cell[])[], options: { timeZone: string; locale: string }): { settings: Map<string, CustomerSettings>; problems: string[] } {
  const settings = new Map<string, CustomerSettings>();
  const problems: string[] = [];
  if (rows.length === 0) return { settings, problems };
  const headers = rows[0].map((header) => String(header ?? ''));
  const columns = customerColumns(headers);
  const fields = headers.map((_header, c) => (Object.keys(columns) as CustomerColumn[]).find((field) => columns[field] === c));
  const reading: DateReading = { calendar: new ZoneCalendar(options.timeZone), conventions: localeConventions(options.locale) };
  const conventions = reading.conventions;

  rows.slice(1).forEach((row, r) => {
    const customerColumn = columns.customer;
    const customer = customerColumn === undefined ? '' : String(row[customerColumn] ?? '').trim();
    if (!customer) return;
    // A name typed as 00123 is the number 123 in the sheet: matched all the same (customerKey), and said, so nothing is lost unseen.
    if (customerColumn !== undefined && typeof row[customerColumn] === 'number') {
      problems.push(`Customers sheet, row ${r + 2}, column "${headers[customerColumn]}": ${customer} is a number, not the name as typed (Sheets reads a name such as 00${customer} typed into a cell as ${customer}). Its settings are used for the customer named with those digits; type the name with an apostrophe in front ('00${customer}) to keep it as written.`);
    }
    const entry = emptySettings(customer);
    fields.forEach((field, c) => {
      const cell = row[c];
      if (!field || field === 'customer' || isBlank(cell)) return;
      try {
        switch (field) {
          case 'email':
            entry.email = String(cell).trim();
            break;
          case 'language': {
            const language = String(cell).trim().toLowerCase();
            if (language.startsWith('ru') || language.startsWith('рус')) entry.language = 'ru';
            else if (language.startsWith('en') || language.startsWith('анг')) entry.language = 'en';
            else throw new CellError(`"${String(cell)}" is not a language: use en or ru`);
            break;
          }
          case 'doNotRemind':
            entry.doNotRemind = isYes(cell);
            break;
          case 'disputed':
            entry.disputed = isYes(cell);
            break;
          case 'pausedUntil':
            entry.pausedUntil = dayOfCell(cell, reading);
            break;
          case 'promiseBy':
            entry.promiseBy = dayOfCell(cell, reading);
            break;
          case 'ownSteps':
            entry.ownSteps = parseOwnSteps(String(cell));
            break;
          case 'plan':
            entry.plan = parsePlan(String(cell), reading, (text) => amountInCents(text, conventions));
            break;
          case 'legal':
            entry.legal = isYes(cell);
            break;
          case 'contact':
            entry.contact = String(cell).trim();
            break;
          case 'phone':
            entry.phone = String(cell).trim();
            break;
          case 'manager':
            entry.manager = String(cell).trim().replace(/\s+/g, ' ');
            break;
          case 'learningDays':
            entry.learningDays = learningCell(cell);
            break;
          case 'creditLimitCents': {
            const cents = amountInCents(cell, conventions);
            if (cents === null || cents < 0) throw new CellError(`"${String(cell)}" is not a credit limit: write an amount, like 5000`);
            entry.creditLimitCents = cents;
            break;
          }
        }
      } catch (error) {
        if (!(error instanceof CellError)) throw error;
        const message = error.message.startsWith('is ') ? `"${String(cell)}" ${error.message}` : error.message;
        problems.push(`Customers sheet, row ${r + 2}, column "${headers[c]}": ${message}`);
      }
    });
    settings.set(customerKey(customer), entry);
  });
  return { settings, problems };
}

/** A Learn cadence cell: no (0: the fixed cadence), yes (the policy's bound), or a number of days (at most the policy's). */
function learningCell(cell: Cell): number | null {
  const text = String(cell).trim().toLowerCase();
  // A number is days (1 is one day, not "yes").
  if (typeof cell !== 'number' && (cell === false || /^(n|no|off|false|нет|н|выкл)$/.test(text))) return 0;
  if (typeof cell !== 'number' && (isYes(cell) || /^(on|вкл)$/.test(text))) return null;
  const days = Number(text);
  if (Number.isInteger(days) && days >= 0 && days <= 30) return days;
  throw new CellError(`"${String(cell)}" is not a Learn cadence setting: write no, yes, or the most days (0 to 30) the cadence may move for this customer`);
}

/** A customer with nothing set: the policy's defaults. */
export function emptySettings(customer: string): CustomerSettings {
  return { customer, email: '', language: '', doNotRemind: false, pausedUntil: null, promiseBy: null, disputed: false, ownSteps: null, plan: null, legal: false, contact: '', phone: '', creditLimitCents: null, disputedInvoices: [], wrongContact: false, manager: '', learningDays: null };
}

/** "-7, 0, 7, 30": days from the due date, each step with the template its day suggests. */
export function parseOwnSteps(text: string): Step[] {
  const parts = text.split(/[,;\s]+/).filter(Boolean);
  const offsets = parts.map((part) => Number(part.replace('−', '-')));
  const bad = parts.find((_part, i) => !Number.isInteger(offsets[i]) || offsets[i] < -90 || offsets[i] > 365);
  if (bad !== undefined) throw new CellError(`"${bad}" is not a number of days from the due date (like -7, 0, 14)`);
  return [...new Set(offsets)].sort((a, b) => a - b).map((offsetDays) => ({ offsetDays, template: templateForOffset(offsetDays), lateFee: 0, channel: 'email' as const }));
}

/** "2026-04-01 500; 2026-05-01 500": a date and an amount per instalment, by date. */
export function parsePlan(text: string, reading: DateReading, amount: (text: string) => number | null): Instalment[] {
  const instalments = text
    .split(/[;\n]+/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const match = /^(\S+)\s+(.+)$/.exec(part);
      const day = match ? dayOfCell(match[1], reading) : null;
      const cents = match ? amount(match[2]) : null;
      if (day === null || cents === null || cents <= 0) throw new CellError(`"${part}" is not an instalment: write a date and an amount, like 2026-04-01 500`);
      return { day, cents };
    });
  return instalments.sort((a, b) => a.day - b.day);
}
