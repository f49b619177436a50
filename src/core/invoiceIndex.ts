import type { Cell } from './cells';

/**
 * The invoices of a table by number, so that another row of the same invoice
 * is found wherever it is (line-item exports sorted by something else). An
 * open-addressed table of row indices hashed from the number cell, and what
 * each row was counted at: nothing is allocated per row, since this runs per
 * row on tens of thousands. Rows with the same number but another customer,
 * currency or type sit side by side; the caller tells them apart.
 */
export class InvoiceIndex {
  /** Row index + 1 per slot; 0 is empty. */
  private readonly slots: Int32Array;
  private readonly mask: number;
  /** Per row from `firstRow` on: what its invoice was counted at. */
  private readonly amounts: Float64Array;
  private readonly paid: Float64Array;
  /** Per row, where the customer is not the row's own cell (a heading above names it). */
  private readonly customers: string[] = [];

  constructor(
    private readonly firstRow: number,
    rowCount: number,
  ) {
    let slots = 16;
    while (slots < rowCount * 2) slots *= 2;
    this.slots = new Int32Array(slots);
    this.mask = slots - 1;
    this.amounts = new Float64Array(Math.max(rowCount, 0));
    this.paid = new Float64Array(Math.max(rowCount, 0));
  }

  /** The first slot to look at for a number. */
  start(number: Cell): number {
    return hashNumber(number) & this.mask;
  }

  /** The row recorded in a slot, or -1 when the slot is empty (where a new one goes). */
  rowAt(slot: number): number {
    return this.slots[slot] - 1;
  }

  next(slot: number): number {
    return (slot + 1) & this.mask;
  }

  /** Records an invoice's first row in an empty slot found by `start`/`next`; `customer` only when a heading named it. */
  add(slot: number, row: number, amountCents: number, paidCents: number, customer: string | null): void {
    this.slots[slot] = row + 1;
    this.amounts[row - this.firstRow] = amountCents;
    this.paid[row - this.firstRow] = paidCents;
    if (customer !== null) this.customers[row - this.firstRow] = customer;
  }

  amountOf(row: number): number {
    return this.amounts[row - this.firstRow];
  }

  paidOf(row: number): number {
    return this.paid[row - this.firstRow];
  }

  /** The customer a heading gave the row, if one did. */
  customerOf(row: number): string | undefined {
    return this.customers[row - this.firstRow];
  }
}

/**
 * A hash of a number cell that ignores spaces around text, as `sameNumber`
 * does. The length and the last characters tell most invoice numbers apart
 * ("INV-0123", "INV-0124"); rows whose hashes meet are compared in full.
 */
function hashNumber(cell: Cell): number {
  if (typeof cell === 'number') return Math.imul((cell | 0) ^ ((cell * 1000) | 0), 0x9e3779b1) >>> 7;
  if (typeof cell !== 'string') return 0;
  let start = 0;
  let end = cell.length;
  while (start < end && isSpace(cell.charCodeAt(start))) start++;
  while (end > start && isSpace(cell.charCodeAt(end - 1))) end--;
  let hash = Math.imul(0x811c9dc5 ^ (end - start), 0x01000193);
  for (let i = Math.max(start, end - 6); i < end; i++) hash = Math.imul(hash ^ cell.charCodeAt(i), 0x01000193);
  return (hash ^ (hash >>> 15)) >>> 0;
}

function isSpace(code: number): boolean {
  return code <= 32 || code === 160;
}
