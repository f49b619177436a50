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
  /**
   * Two numbers per slot, side by side so that one memory read brings both:
   * the row index + 1 (0 is empty), and the number's full hash, compared
   * before the row's cell is looked at (a row elsewhere in memory).
   */
  private readonly slots: Int32Array;
  private readonly mask: number;
  /** The hash of the number last passed to `start`. */
  private hash = 0;
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
    this.slots = new Int32Array(slots * 2);
    this.mask = slots - 1;
    this.amounts = new Float64Array(Math.max(rowCount, 0));
    this.paid = new Float64Array(Math.max(rowCount, 0));
  }

  /** The first slot to look at for a number. */
  start(number: Cell): number {
    this.hash = hashNumber(number);
    return this.hash & this.mask;
  }

  /** The row recorded in a slot, or -1 when the slot is empty (where a new one goes). */
  rowAt(slot: number): number {
    return this.slots[slot * 2] - 1;
  }

  /** Whether the number in a slot may be the one passed to `start`: their hashes are equal. */
  mayMatch(slot: number): boolean {
    return this.slots[slot * 2 + 1] === this.hash;
  }

  next(slot: number): number {
    return (slot + 1) & this.mask;
  }

  /** Records an invoice's first row in an empty slot found by `start`/`next`; `customer` only when a heading named it. */
  add(slot: number, row: number, amountCents: number, paidCents: number, customer: string | null): void {
    this.slots[slot * 2] = row + 1;
    this.slots[slot * 2 + 1] = this.hash;
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
 * does (FNV-1a over the characters, the high bits folded into the low
 * ones that pick the slot).
 */
function hashNumber(cell: Cell): number {
  if (typeof cell === 'number') return Math.imul((cell | 0) ^ ((cell * 1000) | 0), 0x9e3779b1) ^ 0x5bd1e995;
  if (typeof cell !== 'string') return 0;
  let start = 0;
  let end = cell.length;
  while (start < end && isSpace(cell.charCodeAt(start))) start++;
  while (end > start && isSpace(cell.charCodeAt(end - 1))) end--;
  let hash = Math.imul(0x811c9dc5 ^ (end - start), 0x01000193);
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ cell.charCodeAt(i), 0x01000193);
  return hash ^ (hash >>> 15);
}

function isSpace(code: number): boolean {
  return code <= 32 || code === 160;
}
