import { openCentsAt } from '../balances';
import type { CalendarDay } from '../calendar';
import type { InvoiceTable } from '../invoices';
import { MATCH_REASONS, type MatchReasons } from './matchReasons';
import { CustomerNames, editDistance, payerInDescription } from './names';
import { paymentWords, plainMoney, type PaymentWords } from './paymentWords';
import { readPurposeTerms } from '../paying/purposeTerms';
import { invoiceKeys, MAX_INVOICE_NUMBERS, namedNumbers, type NamedNumber } from './references';

import type { Confidence } from './paymentWords';
export type { Confidence };

/** What the matcher needs of a payment. */
export interface PaymentToMatch {
  day: CalendarDay;
  amountCents: number;
  currency: string;
  payer: string;
  payerTaxId: string;
  purpose: string;
}

/** An invoice (its index in the table) and how much of the payment goes to it. */
export interface Allocation {
  invoice: number;
  cents: number;
}

export interface PaymentMatch {
  confidence: Confidence;
  /** The invoices the payment most likely pays, oldest first, with the part of the payment each takes (0 for an invoice in another currency). */
  allocations: Allocation[];
  /** The customer the payment was taken to be from; "" when none. */
  customer: string;
  /** Why, in words. */
  reason: string;
}

export interface MatchOptions {
  asOfDay: CalendarDay;
  /** Customers by tax id (ИНН), from the Customers sheet. */
  taxIds?: ReadonlyMap<string, string>;
  /** The spreadsheet's locale: the reasons' language and number format (ru_RU: Russian, "1 234,56"); English and "1,234.56" without one. */
  locale?: string;
}

/**
 * Matches payments to open invoices, each payment to the invoices it most
 * likely pays. Payments that name their invoices go first, then the others
 * in date order, so that a payment by amount never takes an invoice another
 * payment names. A payment is used once, and no invoice beyond its open balance.
 */
export function matchPayments(payments: readonly PaymentToMatch[], table: InvoiceTable, options: MatchOptions): PaymentMatch[] {
  const book = new OpenBook(table, options.asOfDay);
  const names = new CustomerNames(table.customers);
  const named = payments.map((payment) => namedNumbers(payment.purpose));
  const order = payments.map((_, index) => index).sort((a, b) => {
    const aNamed = named[a].length ? 0 : 1;
    const bNamed = named[b].length ? 0 : 1;
    return aNamed - bNamed || payments[a].day - payments[b].day || a - b;
  });
  const results: PaymentMatch[] = new Array(payments.length);
  const words = paymentWords(options.locale);
  for (const index of order) {
    const payment = payments[index];
    results[index] = matchOne(payment, named[index], book, names, words, options.taxIds);
    for (const allocation of results[index].allocations) book.remaining[allocation.invoice] -= allocation.cents;
  }
  return results;
}

/** The invoices open at the report date, their balances as payments take them, and how to find them. */
class OpenBook {
  readonly remaining: Float64Array;
  private readonly byDigits = new Map<string, number[]>();
  private readonly byWhole = new Map<string, number[]>();
  readonly byCustomer = new Map<string, number[]>();
  /** Each customer's open credit (credit notes, payments not yet applied) by currency, as payments whose purpose nets it use it up. */
  private readonly credit = new Map<string, number>();

  constructor(readonly table: InvoiceTable, asOfDay: CalendarDay) {
    this.remaining = new Float64Array(table.size);
    const order = Array.from({ length: table.size }, (_, i) => i).sort((a, b) => oldestFirst(table, a, b));
    for (const i of order) {
      const open = openCentsAt(table, i, asOfDay);
      if (open !== null && open < 0) this.credit.set(creditKey(table.customer[i], table.currency[i]), this.creditOf(table.customer[i], table.currency[i]) - open);
      if (open === null || table.amountCents[i] <= 0) continue;
      this.remaining[i] = Math.max(0, open);
      const number = table.number[i];
      if (number) {
        const keys = invoiceKeys(number);
        if (keys.digits) push(this.byDigits, keys.digits, i);
        if (keys.whole) push(this.byWhole, keys.whole, i);
      }
      if (open > 0) push(this.byCustomer, table.customer[i], i);
    }
  }

  /** Invoices a number in a purpose may be: by its whole text, else by its last group of digits. */
  invoicesNamed(number: NamedNumber): number[] {
    return this.byWhole.get(number.whole) ?? (number.announced || number.digits.length >= 5 ? this.byDigits.get(number.digits) ?? [] : []);
  }

  /** Invoices whose number is one typo away from a number in the purpose. */
  invoicesNear(number: NamedNumber, among: readonly number[]): number[] {
    if (number.digits.length < 3) return [];
    return among.filter((i) => {
      const digits = this.table.number[i] ? invoiceKeys(this.table.number[i]).digits : '';
      return digits.length >= 3 && digits !== number.digits && editDistance(digits, number.digits, 1) <= 1;
    });
  }

  /** The customer's credit in a currency still to be netted: only that customer's own, never another's. */
  creditOf(customer: string, currency: string): number {
    return this.credit.get(creditKey(customer, currency)) ?? 0;
  }

  useCredit(customer: string, currency: string, cents: number): void {
    this.credit.set(creditKey(customer, currency), this.creditOf(customer, currency) - cents);
  }

  openOf(customer: string, currency: string): number[] {
    return (this.byCustomer.get(customer) ?? []).filter((i) => this.remaining[i] > 0 && sameCurrency(currency, this.table.currency[i]));
  }
}

function creditKey(customer: string, currency: string): string {
  return `${currency === 'RUR' ? 'RUB' : currency}\u0000${customer}`;
}

function push(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key);
  if (list) {
    if (!list.includes(value)) list.push(value);
  } else map.set(key, [value]);
}

function oldestFirst(table: InvoiceTable, a: number, b: number): number {
  return table.dueDay[a] - table.dueDay[b] || (table.invoiceDay[a] || 0) - (table.invoiceDay[b] || 0) || table.row[a] - table.row[b];
}

function sameCurrency(paymentCurrency: string, invoiceCurrency: string): boolean {
  const payment = paymentCurrency === 'RUR' ? 'RUB' : paymentCurrency;
  return payment === '' || invoiceCurrency === '' || payment === invoiceCurrency;
}

/** Takes the payment across invoices oldest first, each up to its open balance; the rest is what is left over. */
export function allocateOldestFirst(cents: number, invoices: readonly number[], remaining: ArrayLike<number>): { allocations: Allocation[]; left: number } {
  const allocations: Allocation[] = [];
  let left = cents;
  for (const invoice of invoices) {
    if (left <= 0) break;
    const take = Math.min(left, remaining[invoice]);
    if (take <= 0) continue;
    allocations.push({ invoice, cents: take });
    left -= take;
  }
  return { allocations, left };
}

function matchOne(given: PaymentToMatch, numbers: readonly NamedNumber[], book: OpenBook, names: CustomerNames, words: PaymentWords, taxIds?: ReadonlyMap<string, string>): PaymentMatch {
  const say: MatchReasons = MATCH_REASONS[words.language];
  // Without a payer column, banks write the payer in the description: "Zelle payment from …", "ORIG CO NAME:…", "Оплата от …".
  const described = given.payer ? '' : payerInDescription(given.purpose);
  const payment = described ? { ...given, payer: described } : given;
  const table = book.table;
  const money = (cents: number) => words.money(cents, payment.currency || '');
  const label = (i: number) => table.number[i] || words.row(table.row[i]);
  const list = (invoices: readonly number[]) => invoices.map(label).join(', ');
  const none = (reason: string, customer = ''): PaymentMatch => ({ confidence: 'none', allocations: [], customer, reason });
  if (!(payment.amountCents > 0)) return none(say.notIncoming);
  // A purpose listing more numbers than any payment order does is matched by hand, not searched number by number.
  if (numbers.length > MAX_INVOICE_NUMBERS) return none(say.tooManyNumbers(MAX_INVOICE_NUMBERS));

  // Who paid: the tax id first, then the name.
  let customer = '';
  let who = '';
  const byTaxId = payment.payerTaxId && taxIds?.get(payment.payerTaxId);
  if (byTaxId) {
    customer = byTaxId;
    who = say.taxIdIs(payment.payerTaxId, customer);
  } else if (payment.payer) {
    const found = names.find(payment.payer);
    if (found) {
      customer = found.customer;
      who = found.how === 'same' && !described ? '' : say.payerTakenFor(payment.payer, Boolean(described), customer);
    }
  }
  const why = (text: string) => [who, text].filter(Boolean).join('; ');

  // Invoices the purpose names.
  const namedAll = unique(numbers.flatMap((number) => book.invoicesNamed(number)));
  let named = namedAll.filter((i) => sameCurrency(payment.currency, table.currency[i]));
  if (customer && named.some((i) => table.customer[i] === customer)) {
    const own = named.filter((i) => table.customer[i] === customer);
    // Two invoices share a number (145 of two years): the payer's own settle it.
    if (own.length < named.length && numbers.every((number) => book.invoicesNamed(number).filter((i) => table.customer[i] === customer).length <= 1)) named = own;
  }
  if (named.length > 1 && new Set(named.map((i) => table.customer[i])).size > 1) {
    return none(why(say.differentCustomers(list(named))), customer);
  }
  const namedOpen = named.filter((i) => book.remaining[i] > 0).sort((a, b) => oldestFirst(table, a, b));
  const nameCustomer = namedOpen.length ? table.customer[namedOpen[0]] : '';
  const paidBy = (owner: string) => (customer && owner !== customer ? say.paidByFor(payment.payer || customer, owner) : !customer && payment.payer && nameKeyDiffers(payment.payer, owner) ? say.payerIsNot(payment.payer, owner) : '');

  if (namedOpen.length) {
    const open = sum(namedOpen.map((i) => book.remaining[i]));
    const { allocations, left } = allocateOldestFirst(payment.amountCents, namedOpen, book.remaining);
    if (payment.amountCents === open) {
      return { confidence: 'exact', allocations, customer: nameCustomer, reason: why(`${say.exact(namedOpen.length, list(namedOpen))}${paidBy(nameCustomer)}`) };
    }
    const adjusted = matchStatedTerms(payment, namedOpen, open, nameCustomer, book);
    if (adjusted) {
      const credit = adjusted.creditCents ? say.lessCredit(money(adjusted.creditCents)) : '';
      const fee = adjusted.feeCents ? say.plusFees(money(adjusted.feeCents)) : '';
      return { confidence: 'exact', allocations: adjusted.allocations, customer: nameCustomer, reason: why(`${say.exact(namedOpen.length, list(namedOpen))}${credit}${fee}${paidBy(nameCustomer)}`) };
    }
    // A typo in the number: the amount is exactly another invoice of that customer's, one character away.
    const owner = customer || nameCustomer;
    const near = unique(numbers.flatMap((number) => book.invoicesNear(number, book.openOf(owner, payment.currency)))).filter((i) => book.remaining[i] === payment.amountCents);
    if (near.length === 1) {
      return { confidence: 'strong', allocations: [{ invoice: near[0], cents: payment.amountCents }], customer: owner, reason: why(say.typo(list(namedOpen), money(open), label(near[0]))) };
    }
    if (left > 0) {
      return { confidence: 'partial', allocations, customer: nameCustomer, reason: why(`${say.overNamed(list(namedOpen), money(left), money(open))}${paidBy(nameCustomer)}`) };
    }
    return { confidence: 'partial', allocations, customer: nameCustomer, reason: why(`${say.partNamed(list(namedOpen), money(payment.amountCents), money(open), allocations.length > 1)}${paidBy(nameCustomer)}`) };
  }

  const namedNote = named.length
    ? say.alreadyPaid(list(named))
    : namedAll.length
      ? say.otherCurrency(list(namedAll), table.currency[namedAll[0]], payment.currency)
      : '';
  if (!named.length && namedAll.length) {
    const owner = table.customer[namedAll[0]];
    // Named, but in another currency: shown with nothing applied, for the bookkeeper to convert.
    const allocations = namedAll.filter((i) => book.remaining[i] > 0).map((invoice) => ({ invoice, cents: 0 }));
    return { confidence: 'partial', allocations, customer: owner, reason: why(`${namedNote}${say.convert}`) };
  }

  // A typo in the number, and no customer found by name: the amount and a number one character off.
  if (!customer) {
    const candidates = unique(numbers.flatMap((number) => book.invoicesNear(number, allOpen(book, payment.currency)))).filter((i) => book.remaining[i] === payment.amountCents);
    if (candidates.length === 1) {
      const owner = table.customer[candidates[0]];
      return { confidence: 'strong', allocations: [{ invoice: candidates[0], cents: payment.amountCents }], customer: owner, reason: `${namedNote}${say.typoNoCustomer(label(candidates[0]), owner)}${paidBy(owner)}` };
    }
    return none(`${namedNote}${say.noCustomer(payment.payer, payment.payerTaxId)}`);
  }

  const open = book.openOf(customer, payment.currency);
  if (!open.length) return none(why(`${namedNote}${say.nothingOpen(customer, payment.currency)}`), customer);
  const equal = open.filter((i) => book.remaining[i] === payment.amountCents);
  if (equal.length) {
    const near = unique(numbers.flatMap((number) => book.invoicesNear(number, equal)));
    const chosen = near.length === 1 ? near[0] : equal[0];
    const tie = equal.length > 1 && near.length !== 1 ? equal.length : 0;
    return { confidence: 'strong', allocations: [{ invoice: chosen, cents: payment.amountCents }], customer, reason: why(`${namedNote}${say.equalOpen(customer, label(chosen), tie)}`) };
  }
  let running = 0;
  for (let count = 0; count < open.length; count++) {
    running += book.remaining[open[count]];
    if (running === payment.amountCents && count > 0) {
      const run = open.slice(0, count + 1);
      return { confidence: 'several', allocations: run.map((invoice) => ({ invoice, cents: book.remaining[invoice] })), customer, reason: why(`${namedNote}${say.severalOldest(customer, run.length)}`) };
    }
    if (running > payment.amountCents) break;
  }
  const total = sum(open.map((i) => book.remaining[i]));
  const { allocations, left } = allocateOldestFirst(payment.amountCents, open, book.remaining);
  if (left > 0) return { confidence: 'partial', allocations, customer, reason: why(`${namedNote}${say.overAll(money(payment.amountCents), money(left), money(total), customer)}`) };
  return { confidence: 'partial', allocations, customer, reason: why(`${namedNote}${say.fitsNone(customer, money(payment.amountCents), money(total))}`) };
}

/**
 * Our own code's purpose states what it netted or added (paying/purposeTerms.ts): a payment of exactly the named
 * invoices' open total less the customer's own credit it states, plus the fees it states, is exact. The cash goes to
 * the invoices oldest first, as Apply writes it (never more to an invoice than is open, so none reads paid that the
 * cash does not cover); the invoices the credit covers stay named with nothing applied; the fees are never allocated.
 */
function matchStatedTerms(payment: PaymentToMatch, namedOpen: readonly number[], open: number, owner: string, book: OpenBook): { allocations: Allocation[]; creditCents: number; feeCents: number } | null {
  const { creditCents, feeCents } = readPurposeTerms(payment.purpose);
  if (!creditCents && !feeCents) return null;
  if (creditCents >= open || payment.amountCents !== open - creditCents + feeCents) return null;
  const currency = payment.currency || book.table.currency[namedOpen[0]];
  // Only the named invoices' customer's own credit, in their currency, not yet netted by another payment.
  if (creditCents > book.creditOf(owner, currency)) return null;
  const { allocations } = allocateOldestFirst(open - creditCents, namedOpen, book.remaining);
  const reached = new Set(allocations.map((allocation) => allocation.invoice));
  if (creditCents) book.useCredit(owner, currency, creditCents);
  return { allocations: [...allocations, ...namedOpen.filter((i) => !reached.has(i)).map((invoice) => ({ invoice, cents: 0 }))], creditCents, feeCents };
}

function allOpen(book: OpenBook, currency: string): number[] {
  const open: number[] = [];
  for (let i = 0; i < book.table.size; i++) if (book.remaining[i] > 0 && sameCurrency(currency, book.table.currency[i])) open.push(i);
  return open;
}

function nameKeyDiffers(payer: string, customer: string): boolean {
  return new CustomerNames([customer]).find(payer) === null;
}

function unique(values: readonly number[]): number[] {
  return [...new Set(values)];
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/** "1,234.56 USD". */
export const formatCents = plainMoney;
