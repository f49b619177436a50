import { currencyOfText, type Cell } from '../../core/cells';
import { readInvoiceTable } from '../../core/invoices';
import { emptyPayee, payeeFields, type Payee } from '../../core/paying/payee';
import type { Policy } from '../../core/reminders/policy';
import type { PayeeBlock } from '../../shared/contract';
import type { InvoiceSheet } from '../invoiceSheet';
import { settingsOf } from '../spreadsheetSettings';

/** The currencies the invoice table's rows are in (a row naming none is in the table's main one), in order of first appearance. */
export function tableCurrencies(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, found: InvoiceSheet | null, policy: Policy): string[] {
  if (!found) return [];
  const table = readInvoiceTable(found.rows as Cell[][], { ...settingsOf(spreadsheet), columns: policy.columns, firstRow: found.headerRow, ...(policy.currency ? { currency: policy.currency } : {}) });
  const seen = new Set<string>();
  for (let i = 0; i < table.size; i++) if (table.currency[i]) seen.add(table.currency[i]);
  if (seen.size === 0 && table.mainCurrency) seen.add(table.mainCurrency);
  // As a code: a column may say "RUR" or "руб." for roubles; what names no known currency gets no block.
  return [...new Set([...seen].map((currency) => (/^[A-Z]{3}$/.test(currency) && currency !== 'RUR' ? currency : currencyOfText(currency))).filter(Boolean))];
}

/**
 * A block of payment details for every currency of the invoice table, and
 * for any other currency the policy keeps details for (never dropped because
 * the table no longer has it): every field there, empty ones as "".
 */
export function payeeBlocks(policy: Policy, currencies: readonly string[], fallbackCurrency: string): PayeeBlock[] {
  const all = [...new Set([...currencies, ...Object.keys(policy.payees)])];
  if (all.length === 0 && fallbackCurrency) all.push(fallbackCurrency);
  return all.map((currency) => ({ currency, fields: [...payeeFields(currency)], payee: { ...emptyPayee(), ...(policy.payees[currency] ?? {}) } as Payee, inTable: currencies.includes(currency) }));
}
