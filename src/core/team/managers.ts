import type { Cell } from '../cells';
import { locateHeader, type ColumnOverrides } from '../columns';
import { customerKey, type CustomerSettings } from '../reminders/customerSettings';

/**
 * Who collects from each customer (issue 27): a Manager column (Ответственный)
 * in the Customers sheet or in the invoice table. The Customers sheet's cell
 * wins where it is filled: it is the one place kept per customer, while the
 * invoice table's column repeats on every row and may differ between them.
 */

/** A manager as typed, spaces tidied: "Anna  Smith " → "Anna Smith". */
export function managerName(cell: Cell): string {
  return String(cell ?? '').trim().replace(/\s+/g, ' ');
}

/** The key managers are matched by: case and spacing do not make two managers. */
export function managerKey(name: string): string {
  return managerName(name).toLowerCase();
}

/** Each customer's manager from the invoice table's Manager column (the first filled cell per customer), by customerKey. */
export function managersInInvoiceRows(rows: readonly (readonly Cell[])[], overrides: ColumnOverrides = {}): Map<string, string> {
  const managers = new Map<string, string>();
  const located = locateHeader(rows, overrides);
  if (!located) return managers;
  const { manager, customer } = located.layout.columns;
  if (!manager || !customer) return managers;
  for (const row of rows.slice(located.index + located.layout.depth)) {
    const name = String(row[customer.index] ?? '').trim();
    const who = managerName(row[manager.index]);
    if (!name || !who || managers.has(customerKey(name))) continue;
    managers.set(customerKey(name), who);
  }
  return managers;
}

/** The customer's manager: the Customers sheet's where it has one, else the invoice table's; "" when neither names one. */
export function managerOf(customer: string, settings: ReadonlyMap<string, CustomerSettings>, fromTable: ReadonlyMap<string, string>): string {
  const key = customerKey(customer);
  return settings.get(key)?.manager || fromTable.get(key) || '';
}
