import type { AgingLine, AgingReport } from './aging';
import type { UnreadableRow } from './invoices';
import { centsToAmount, type OutputCell } from './output';

/**
 * The aging report as the 2-D array a custom function returns: a header
 * row, a row per customer, a note on skipped rows if any, and the totals
 * last (one per currency). The Currency column shows only when the table
 * has more than one currency, since amounts in two currencies never add up.
 */
export function agingTable(report: AgingReport): OutputCell[][] {
  const multiCurrency = report.currencies.length > 1;
  const header: OutputCell[] = ['Customer'];
  if (multiCurrency) header.push('Currency');
  if (report.basis === 'due') header.push('Not due');
  header.push(...report.labels, 'Total');

  const toRow = (line: AgingLine): OutputCell[] => {
    const row: OutputCell[] = [line.customer];
    if (multiCurrency) row.push(line.currency);
    if (report.basis === 'due') row.push(centsToAmount(line.notDueCents));
    for (const cents of line.bucketCents) row.push(centsToAmount(cents));
    row.push(centsToAmount(line.totalCents));
    return row;
  };

  const rows = [header, ...report.lines.map(toRow)];
  if (report.unreadable.length) {
    const note: OutputCell[] = new Array<OutputCell>(header.length).fill('');
    note[0] = skippedRowsNote(report.unreadable);
    rows.push(note);
  }
  rows.push(...report.totals.map(toRow));
  return rows;
}

/** "Skipped 2 unreadable rows: row 5, column "Amount": "abc" is not an amount; …" */
export function skippedRowsNote(unreadable: readonly UnreadableRow[]): string {
  const shown = unreadable.slice(0, 3).map((entry) => entry.reason);
  const more = unreadable.length > shown.length ? `; and ${unreadable.length - shown.length} more` : '';
  const noun = unreadable.length === 1 ? 'row' : 'rows';
  return `Skipped ${unreadable.length} unreadable ${noun}: ${shown.join('; ')}${more}`;
}
