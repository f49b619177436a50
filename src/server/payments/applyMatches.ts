import type { Cell } from '../../core/cells';
import { planApply } from '../../core/payments/apply';
import { paymentColumn, PAYMENT_HEADERS, PAYMENTS_SHEET_NAME, readPaymentRows } from '../../core/payments/paymentsSheet';
import { NO_INVOICE_TABLE } from '../invoiceSheet';
import { decodeCell, encodeCell, writeCells, appendRows, type CellWrite } from './sheetCells';
import { readBook, underDocumentLock, UNDO_SHEET_NAME } from './paymentsSheet';

const UNDO_HEADERS = ['Apply', 'Time', 'Sheet id', 'Sheet', 'Row', 'Column', 'Before', 'After', 'Undone'] as const;
const UNDONE_COLUMN = UNDO_HEADERS.indexOf('Undone') + 1;

interface Change {
  sheet: GoogleAppsScript.Spreadsheet.Sheet;
  row: number;
  column: number;
  before: unknown;
  after: Cell;
}

/**
 * "Apply matches": the ticked rows of the Payments sheet not applied before
 * write their amount and date into the invoice table, all in one go under
 * the document lock, with an undo record of every cell's old value in the
 * hidden "Receivables undo" sheet (a record can outgrow a property's 9 KB).
 * Applying again changes nothing: applied rows say so in "Applied".
 */
export function applyPaymentMatchesIn(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): string {
  return underDocumentLock(() => {
    const payments = spreadsheet.getSheetByName(PAYMENTS_SHEET_NAME);
    if (!payments || payments.getLastRow() < 2) return 'There is no Payments sheet with payments yet: import a bank statement first.';
    const book = readBook(spreadsheet);
    if (!book) return NO_INVOICE_TABLE;
    const { found, table } = book;
    const paymentValues = payments.getRange(1, 1, payments.getLastRow(), PAYMENT_HEADERS.length).getValues() as Cell[][];
    const paymentRows = readPaymentRows(paymentValues, book.reading);
    const ticked = paymentRows.rows.filter((row) => row && row.apply && !row.applied).length;
    if (!ticked) return 'No ticked payment is waiting: tick "Apply" on the rows to enter (rows already applied say so in "Applied").';
    const formulas = found.sheet.getRange(found.headerRow, 1, found.rows.length, found.lastColumn).getFormulas();
    const plan = planApply({ payments: paymentRows.rows, table, rows: found.rows as Cell[][], formulas, conventions: book.reading.conventions, today: book.today });
    if (!plan.applied.length) return `Nothing applied. ${plan.problems.join(' ')}`;

    const toSheet = (cell: unknown): Cell => (typeof cell === 'object' && cell !== null && 'day' in cell ? new Date(book.reading.calendar.midnightOf((cell as { day: number }).day)) : (cell as Cell));
    const changes: Change[] = [
      ...plan.newColumns.map(({ column, header }) => ({ sheet: found.sheet, row: found.headerRow, column, before: '', after: header })),
      ...plan.invoiceCells.map((cell) => ({ sheet: found.sheet, row: found.headerRow + cell.row - 1, column: cell.column, before: cell.before, after: toSheet(cell.after) })),
      ...plan.applied.map(({ row, text }) => ({ sheet: payments, row, column: paymentColumn('Applied') + 1, before: '', after: text })),
    ];
    // The undo record goes first: if writing the changes fails halfway, undo still knows every cell.
    const applyId = Utilities.getUuid();
    const now = new Date();
    const names = new Map([found.sheet, payments].map((sheet) => [sheet, { id: sheet.getSheetId(), name: sheet.getName() }]));
    appendRows(undoSheet(spreadsheet), changes.map((change) => [applyId, now, names.get(change.sheet)!.id, names.get(change.sheet)!.name, change.row, change.column, encodeCell(change.before), encodeCell(change.after), '']));
    for (const sheet of [found.sheet, payments]) writeCells(sheet, changes.filter((change) => change.sheet === sheet).map(({ row, column, after }): CellWrite => ({ row, column, value: after })));
    const dateColumns = new Set(plan.invoiceCells.filter((cell) => typeof cell.after === 'object').map((cell) => cell.column));
    for (const column of dateColumns) if (plan.newColumns.some((added) => added.column === column)) found.sheet.getRange(found.headerRow + 1, column, found.rows.length - 1, 1).setNumberFormat('yyyy-mm-dd');

    const invoices = new Set(plan.invoiceCells.map((cell) => cell.row)).size;
    let summary = `Applied ${plan.applied.length} ${plan.applied.length === 1 ? 'payment' : 'payments'} to ${invoices} ${invoices === 1 ? 'invoice' : 'invoices'} in "${found.sheet.getName()}".`;
    if (plan.newColumns.length) summary += ` Added the column${plan.newColumns.length > 1 ? 's' : ''} ${plan.newColumns.map((added) => `"${added.header}"`).join(' and ')}.`;
    if (plan.problems.length) summary += ` Not applied: ${plan.problems.join(' ')}`;
    return `${summary} Extensions › Receivables › Undo last apply puts every cell back.`;
  });
}

/**
 * "Undo last apply": puts back every cell the last apply not yet undone
 * wrote, exactly as it was, unless someone has changed one of them since
 * (then nothing is changed, and the cells are named).
 */
export function undoLastApplyIn(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): string {
  return underDocumentLock(() => {
    const undo = spreadsheet.getSheetByName(UNDO_SHEET_NAME);
    const records = undo && undo.getLastRow() > 1 ? undo.getRange(2, 1, undo.getLastRow() - 1, UNDO_HEADERS.length).getValues() : [];
    let last = -1;
    for (let i = records.length - 1; i >= 0; i--) {
      if (records[i][UNDONE_COLUMN - 1] === '') {
        last = i;
        break;
      }
    }
    if (!undo || last < 0) return 'There is no apply to undo.';
    const applyId = records[last][0];
    let first = last;
    while (first > 0 && records[first - 1][0] === applyId && records[first - 1][UNDONE_COLUMN - 1] === '') first--;
    const group = records.slice(first, last + 1);
    const sheets = new Map(spreadsheet.getSheets().map((sheet) => [sheet.getSheetId(), sheet]));

    const changed: string[] = [];
    const writes = new Map<GoogleAppsScript.Spreadsheet.Sheet, CellWrite[]>();
    for (const record of group) {
      const sheet = sheets.get(Number(record[2]));
      if (!sheet) {
        changed.push(`the sheet "${record[3]}" is gone`);
        continue;
      }
      const [row, column] = [Number(record[4]), Number(record[5])];
      const now = row <= sheet.getMaxRows() && column <= sheet.getMaxColumns() ? sheet.getRange(row, column).getValue() : '';
      if (encodeCell(now) !== record[7]) changed.push(`${sheet.getName()}!${sheet.getRange(row, column).getA1Notation()}`);
      const list = writes.get(sheet) ?? [];
      list.push({ row, column, value: decodeCell(String(record[6])) });
      writes.set(sheet, list);
    }
    if (changed.length) {
      return `Nothing undone: ${changed.length === 1 ? 'a cell has' : `${changed.length} cells have`} changed since the apply (${changed.slice(0, 5).join(', ')}${changed.length > 5 ? ', …' : ''}). Put ${changed.length === 1 ? 'it' : 'them'} back or correct the invoice table by hand.`;
    }
    for (const [sheet, list] of writes) writeCells(sheet, list);
    undo.getRange(first + 2, UNDONE_COLUMN, group.length, 1).setValues(group.map(() => [`undone ${new Date().toISOString()}`]));
    return `Undone: ${group.length} ${group.length === 1 ? 'cell' : 'cells'} put back as they were before the apply.`;
  });
}

function undoSheet(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): GoogleAppsScript.Spreadsheet.Sheet {
  const existing = spreadsheet.getSheetByName(UNDO_SHEET_NAME);
  if (existing) return existing;
  const sheet = spreadsheet.insertSheet(UNDO_SHEET_NAME);
  sheet.getRange(1, 1, 1, UNDO_HEADERS.length).setValues([[...UNDO_HEADERS]]);
  sheet.setFrozenRows(1);
  sheet.hideSheet();
  return sheet;
}
