import type { AgingLine, AgingReport } from './aging';
import type { BalanceConflicts, UnreadableRow } from './invoices';
import { centsToAmount, type OutputCell } from './output';
import { isoDate, type CalendarDay } from './calendar';

/**
 * The aging report as the 2-D array a custom function returns: a header
 * row, a row per customer, a note on skipped rows if any, and the totals
 * last (one per currency). The Currency column shows only when the table
 * has more than one currency, since amounts in two currencies never add up;
 * with one, each amount's header names it.
 */
export function agingTable(report: AgingReport): OutputCell[][] {
  const multiCurrency = report.currencies.length > 1;
  // One currency: every amount header names it ("Total (USD)"); several: the Currency column does.
  const unit = !multiCurrency && report.currencies[0] ? ` (${report.currencies[0]})` : '';
  const header: OutputCell[] = ['Customer'];
  if (multiCurrency) header.push('Currency');
  if (report.basis === 'due') header.push(`Not due${unit}`);
  header.push(...report.labels.map((label) => `${label}${unit}`), `Total${unit}`);

  // Each row made at its full length: thousands of customers, and growing arrays cell by cell costs more than the sums.
  const toRow = (line: AgingLine): OutputCell[] => {
    const row = new Array<OutputCell>(header.length);
    let at = 0;
    row[at++] = line.customer;
    if (multiCurrency) row[at++] = line.currency;
    if (report.basis === 'due') row[at++] = centsToAmount(line.notDueCents);
    for (let k = 0; k < line.bucketCents.length; k++) row[at++] = centsToAmount(line.bucketCents[k]);
    row[at] = centsToAmount(line.totalCents);
    return row;
  };

  const rows: OutputCell[][] = [header];
  for (const line of report.lines) rows.push(toRow(line));
  const notes = readingNotes(report);
  if (report.laterInvoices) notes.push(laterInvoicesNote(report.laterInvoices, report.asOfDay));
  for (const text of notes) {
    const note: OutputCell[] = new Array<OutputCell>(header.length).fill('');
    note[0] = text;
    rows.push(note);
  }
  rows.push(...report.totals.map(toRow));
  return rows;
}

/** What the reading of the table left out or settled, one line each, for the end of a report. */
export function readingNotes(summary: { unreadable: readonly UnreadableRow[]; summaryRows: number; balanceConflicts: BalanceConflicts }): string[] {
  return [...(summary.unreadable.length ? [skippedRowsNote(summary.unreadable)] : []), ...readingRemarks(summary)];
}

/**
 * What the reading settled beyond unreadable rows, once each however many
 * rows it concerns: total lines left out, and a balance column used where it
 * disagrees with amount − paid. The aging report ends with them, and the
 * menu's runs say them too.
 */
export function readingRemarks(summary: { summaryRows: number; balanceConflicts: BalanceConflicts }): string[] {
  const notes: string[] = [];
  if (summary.summaryRows) notes.push(`Ignored ${summary.summaryRows} total ${summary.summaryRows === 1 ? 'row' : 'rows'} (Total, Subtotal, Итого): not counted`);
  const conflicts = summary.balanceConflicts;
  if (conflicts.count) {
    const noun = conflicts.count === 1 ? 'row' : 'rows';
    notes.push(`Used the balance column where it disagrees with amount − paid (${conflicts.count} ${noun}; ${conflicts.first})`);
  }
  return notes;
}

/**
 * Invoices dated after the report's day are left out, since they did not
 * exist yet; the report says how many, so that a total lower than the
 * table's is explained ("Left out 2 invoices dated after 2026-11-25, the
 * report's day: not issued yet on that day").
 */
export function laterInvoicesNote(count: number, asOfDay: CalendarDay): string {
  return `Left out ${count} ${count === 1 ? 'invoice' : 'invoices'} dated after ${isoDate(asOfDay)}, the report's day (as_of): not issued yet on that day`;
}

/** A cell holds at most 50,000 characters; the note stops short of that. */
const NOTE_LIMIT = 49_000;

/**
 * "Skipped 2 unreadable rows: row 5, column "Amount": "abc" is not an
 * amount; …", naming every row while the cell has room; AR_DAYS_OVERDUE
 * beside the table shows each row's reason in that row.
 */
export function skippedRowsNote(unreadable: readonly UnreadableRow[]): string {
  const noun = unreadable.length === 1 ? 'row' : 'rows';
  let text = `Skipped ${unreadable.length} unreadable ${noun}: `;
  for (let i = 0; i < unreadable.length; i++) {
    const reason = `${i ? '; ' : ''}${unreadable[i].reason}`;
    if (text.length + reason.length > NOTE_LIMIT) {
      return `${text}${i ? "; and" : "and"} ${unreadable.length - i} more (=AR_DAYS_OVERDUE beside the table names each in its row)`;
    }
    text += reason;
  }
  return text;
}
