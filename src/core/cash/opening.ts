import { amountInCents, CellError, describeCell, isBlank, type Cell } from '../cells';
import type { LocaleConventions } from '../locale';

/**
 * The opening_balance argument: a number (or amount text) for books in one
 * currency, or a range of currency and amount, one currency a row, a header
 * row allowed ("Currency | Amount", "Валюта | Сумма"). A number with books in
 * several currencies is refused: it could be any of them.
 * @param currencies every currency of the books and outflows, the first the main one
 */
export function readOpeningBalances(input: Cell | Cell[][], conventions: LocaleConventions, currencies: readonly string[]): Map<string, number> {
  if (!Array.isArray(input)) {
    if (isBlank(input)) throw new CellError('opening_balance is empty: give the cash at hand as a number, or a range of currency and amount');
    if (currencies.length > 1) {
      throw new CellError(`opening_balance is a single amount, but the books hold ${currencies.join(', ')}: give a range of currency and amount, one currency a row`);
    }
    return new Map([[currencies[0] ?? '', centsOf(input, conventions)]]);
  }
  const balances = new Map<string, number>();
  input.forEach((row, index) => {
    const cells = row.filter((cell) => !isBlank(cell));
    if (cells.length === 0) return;
    if (cells.length === 1 && input.flat().filter((cell) => !isBlank(cell)).length === 1) {
      balances.set('', centsOf(cells[0], conventions));
      return;
    }
    const [currencyCell, amountCell] = cells;
    const code = String(currencyCell).trim().toUpperCase();
    const isHeader = index === 0 && !/^[A-Z]{3}$/.test(code) && typeof amountCell === 'string' && safeCents(amountCell, conventions) === null;
    if (isHeader) return;
    if (cells.length !== 2 || !/^[A-Z]{3}$/.test(code)) {
      throw new CellError(`opening_balance row ${index + 1} must hold a three-letter currency code and an amount, such as USD | 12000; found ${cells.map((cell) => describeCell(cell)).join(', ')}`);
    }
    if (balances.has(code)) throw new CellError(`opening_balance names ${code} twice (row ${index + 1})`);
    balances.set(code, centsOf(amountCell, conventions, `opening_balance row ${index + 1}`));
  });
  // A single amount in a one-cell range: the one currency's.
  const lone = balances.get('');
  if (lone !== undefined) return readOpeningBalances(lone / 100, conventions, currencies);
  if (balances.size === 0) throw new CellError('opening_balance is empty: give the cash at hand as a number, or a range of currency and amount');
  return balances;
}

function safeCents(cell: Cell, conventions: LocaleConventions): number | null {
  try {
    return amountInCents(cell, conventions);
  } catch {
    return null;
  }
}

function centsOf(cell: Cell, conventions: LocaleConventions, where = 'opening_balance'): number {
  try {
    const cents = amountInCents(cell, conventions);
    if (cents !== null) return cents;
  } catch (error) {
    if (!(error instanceof CellError)) throw error;
  }
  throw new CellError(`${where} must be an amount; found ${describeCell(cell)}`);
}
