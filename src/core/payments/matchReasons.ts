import type { PaymentLanguage } from './paymentWords';

/**
 * Why the matcher matched a payment as it did, in the spreadsheet's
 * language: the Payments sheet's "Why" column and AR_MATCH's. Amounts and
 * invoice lists come in already written (in the locale's number format).
 */
export interface MatchReasons {
  notIncoming: string;
  tooManyNumbers(most: number): string;
  taxIdIs(taxId: string, customer: string): string;
  payerTakenFor(payer: string, inDescription: boolean, customer: string): string;
  differentCustomers(list: string): string;
  paidByFor(payer: string, owner: string): string;
  payerIsNot(payer: string, owner: string): string;
  exact(count: number, list: string): string;
  lessCredit(amount: string): string;
  plusFees(amount: string): string;
  typo(list: string, open: string, near: string): string;
  overNamed(list: string, left: string, open: string): string;
  partNamed(list: string, paid: string, open: string, oldestFirst: boolean): string;
  alreadyPaid(list: string): string;
  otherCurrency(list: string, invoiceCurrency: string, paymentCurrency: string): string;
  convert: string;
  typoNoCustomer(label: string, owner: string): string;
  noCustomer(payer: string, taxId: string): string;
  nothingOpen(customer: string, currency: string): string;
  equalOpen(customer: string, label: string, tie: number): string;
  severalOldest(customer: string, count: number): string;
  overAll(amount: string, left: string, total: string, customer: string): string;
  fitsNone(customer: string, amount: string, total: string): string;
}

const EN: MatchReasons = {
  notIncoming: 'not an incoming payment',
  tooManyNumbers: (most) => `the purpose names more than ${most} numbers: match it by hand`,
  taxIdIs: (taxId, customer) => `ИНН ${taxId} is ${customer}'s`,
  payerTakenFor: (payer, inDescription, customer) => `payer "${payer}"${inDescription ? ' (named in the description)' : ''} taken for ${customer}`,
  differentCustomers: (list) => `the purpose names ${list} of different customers: choose by hand`,
  paidByFor: (payer, owner) => `; paid by ${payer} for ${owner}`,
  payerIsNot: (payer, owner) => `; payer "${payer}" is not ${owner}`,
  lessCredit: (amount) => ` less the customer's credit of ${amount} (the payment pays the oldest first; the credit covers the rest: apply the credit note or unapplied payment to them by hand)`,
  plusFees: (amount) => ` plus late fees of ${amount}, left over (not applied to the invoices)`,
  exact: (count, list) => `${count > 1 ? 'invoices' : 'invoice'} ${list} named in the purpose; the amount equals ${count > 1 ? 'their open balances' : 'its open balance'}`,
  typo: (list, open, near) => `the purpose names ${list} (open ${open}), but the amount equals the open balance of ${near}, one character off`,
  overNamed: (list, left, open) => `${list} named in the purpose; over-payment: ${left} more than the ${open} open`,
  partNamed: (list, paid, open, oldestFirst) => `${list} named in the purpose; part payment: ${paid} of ${open} open${oldestFirst ? ', oldest first' : ''}`,
  alreadyPaid: (list) => `the purpose names ${list}, already paid; `,
  otherCurrency: (list, invoiceCurrency, paymentCurrency) => `the purpose names ${list}, in ${invoiceCurrency}, not ${paymentCurrency}; `,
  convert: 'convert the amount and apply it by hand',
  typoNoCustomer: (label, owner) => `the amount equals the open balance of ${label} (${owner}), whose number is one character off the purpose's`,
  noCustomer: (payer, taxId) => `no customer matches payer "${payer}"${taxId ? ` (ИНН ${taxId})` : ''} and the purpose names no open invoice`,
  nothingOpen: (customer, currency) => `${customer} has nothing open${currency ? ` in ${currency}` : ''}`,
  equalOpen: (customer, label, tie) => `the amount equals the open balance of ${customer}'s ${label}${tie > 1 ? `; ${tie} invoices are open for this amount, the oldest taken` : ''}`,
  severalOldest: (customer, count) => `the amount equals ${customer}'s ${count} oldest open invoices together`,
  overAll: (amount, left, total, customer) => `over-payment: ${amount} is ${left} more than all ${total} ${customer} has open`,
  fitsNone: (customer, amount, total) => `the amount fits no invoice of ${customer}'s: ${amount} toward the oldest open, of ${total} open`,
};

const RU: MatchReasons = {
  notIncoming: 'не входящий платёж',
  tooManyNumbers: (most) => `в назначении больше ${most} номеров: сопоставьте вручную`,
  taxIdIs: (taxId, customer) => `ИНН ${taxId} принадлежит клиенту ${customer}`,
  payerTakenFor: (payer, inDescription, customer) => `плательщик «${payer}»${inDescription ? ' (назван в назначении)' : ''} принят за клиента ${customer}`,
  differentCustomers: (list) => `в назначении счета разных клиентов (${list}): выберите вручную`,
  paidByFor: (payer, owner) => `; ${payer} платит за клиента ${owner}`,
  payerIsNot: (payer, owner) => `; плательщик «${payer}» — не ${owner}`,
  lessCredit: (amount) => ` за вычетом кредита клиента ${amount} (оплата закрывает старейшие счета; остальное покрывает кредит: зачтите кредит-ноту или неразнесённую оплату вручную)`,
  plusFees: (amount) => ` и неустойка ${amount}, остаётся сверх счетов (не разнесена на них)`,
  exact: (count, list) => `${count > 1 ? 'счета' : 'счёт'} ${list} в назначении; сумма равна ${count > 1 ? 'их открытым остаткам' : 'его открытому остатку'}`,
  typo: (list, open, near) => `в назначении ${list} (открыто ${open}), но сумма равна открытому остатку счёта ${near}, номер которого отличается одним знаком`,
  overNamed: (list, left, open) => `${list} в назначении; переплата: на ${left} больше открытых ${open}`,
  partNamed: (list, paid, open, oldestFirst) => `${list} в назначении; частичная оплата: ${paid} из открытых ${open}${oldestFirst ? ', сначала самые старые' : ''}`,
  alreadyPaid: (list) => `в назначении ${list}, они уже оплачены; `,
  otherCurrency: (list, invoiceCurrency, paymentCurrency) => `в назначении ${list} в ${invoiceCurrency}, а платёж в ${paymentCurrency}; `,
  convert: 'пересчитайте сумму и примените её вручную',
  typoNoCustomer: (label, owner) => `сумма равна открытому остатку счёта ${label} (${owner}), номер которого на один знак отличается от номера в назначении`,
  noCustomer: (payer, taxId) => `ни один клиент не подходит к плательщику «${payer}»${taxId ? ` (ИНН ${taxId})` : ''}, и в назначении нет открытого счёта`,
  nothingOpen: (customer, currency) => `у клиента ${customer} нет открытых счетов${currency ? ` в ${currency}` : ''}`,
  equalOpen: (customer, label, tie) => `сумма равна открытому остатку счёта ${label} клиента ${customer}${tie > 1 ? `; открытых счетов на эту сумму ${tie}, взят самый старый` : ''}`,
  severalOldest: (customer, count) => `сумма равна ${count} самым старым открытым счетам клиента ${customer} вместе`,
  overAll: (amount, left, total, customer) => `переплата: ${amount} — на ${left} больше всех открытых у клиента ${customer} ${total}`,
  fitsNone: (customer, amount, total) => `сумма не подходит ни к одному счёту клиента ${customer}: ${amount} в счёт самых старых открытых, из открытых ${total}`,
};

export const MATCH_REASONS: Record<PaymentLanguage, MatchReasons> = { en: EN, ru: RU };
