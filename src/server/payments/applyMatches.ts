import type { Cell } from '../../core/cells';
import { planApply } from '../../core/payments/apply';
import { paymentColumn, PAYMENT_HEADERS, PAYMENTS_SHEET_NAME, readPaymentRows } from '../../core/payments/paymentsSheet';
import { paymentWords } from '../../core/payments/paymentWords';
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
    const plan = planApply({ payments: paymentRows.rows, table, rows: found.rows as Cell[][], formulas, conventions: book.reading.conventions, today: book.today, locale: book.locale });
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
    const record = changes.map((change) => [applyId, now, names.get(change.sheet)!.id, names.get(change.sheet)!.name, change.row, change.column, encodeCell(change.before), encodeCell(change.after), '']);
    appendRows(undoSheet(spreadsheet), record);
    // Its checksum goes where only this user's own calls write: an undo record is trusted only as the apply wrote it.
    rememberApply(spreadsheet, { id: applyId, digest: recordDigest(record), cells: record.length });
    for (const sheet of [found.sheet, payments]) writeCells(sheet, changes.filter((change) => change.sheet === sheet).map(({ row, column, after }): CellWrite => ({ row, column, value: after })));
    const dateColumns = new Set(plan.invoiceCells.filter((cell) => typeof cell.after === 'object').map((cell) => cell.column));
    for (const column of dateColumns) if (plan.newColumns.some((added) => added.column === column)) found.sheet.getRange(found.headerRow + 1, column, found.rows.length - 1, 1).setNumberFormat(paymentWords(book.locale).dateFormat);

    const invoices = new Set(plan.invoiceCells.map((cell) => cell.row)).size;
    let summary = `Applied ${plan.applied.length} ${plan.applied.length === 1 ? 'payment' : 'payments'} to ${invoices} ${invoices === 1 ? 'invoice' : 'invoices'} in "${found.sheet.getName()}".`;
    if (plan.newColumns.length) summary += ` Added the column${plan.newColumns.length > 1 ? 's' : ''} ${plan.newColumns.map((added) => `"${added.header}"`).join(' and ')}.`;
    if (plan.problems.length) summary += ` Not applied: ${plan.problems.join(' ')}`;
    return `${summary} Extensions › Receivables › Undo last apply puts every cell back.`;
  });
}

/**
 * "Undo last apply": puts back every cell that this user's last apply not
 * yet undone wrote, exactly as it was, unless someone has changed one of
 * them since (then nothing is changed, and the cells are named).
 *
 * Any editor can type into the hidden undo sheet, and undo writes with the
 * permissions of whoever clicks it: the record is trusted only when its
 * SHA-256 equals the one the apply kept in the applying user's user
 * properties, which no one else's typing reaches. Rows added to it, or a
 * cell of it changed, and undo refuses, saying so; it never writes a cell
 * the apply did not write.
 */
export function undoLastApplyIn(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): string {
  return underDocumentLock(() => {
    const applies = rememberedApplies(spreadsheet);
    const mine = [...applies].reverse().find((entry) => !entry.undone);
    if (!mine) return 'There is no apply to undo.';
    const undo = spreadsheet.getSheetByName(UNDO_SHEET_NAME);
    const records = undo && undo.getLastRow() > 1 ? undo.getRange(2, 1, undo.getLastRow() - 1, UNDO_HEADERS.length).getValues() : [];
    const positions = records.flatMap((record, index) => (String(record[0]) === mine.id ? [index] : []));
    const group = positions.map((index) => records[index]);
    if (!undo || !group.length || recordDigest(group) !== mine.digest) {
      return `Nothing undone: the undo record of your last apply in the hidden "${UNDO_SHEET_NAME}" sheet is not as the apply wrote it (${group.length} of its ${mine.cells} rows found, changed or added to since), so it is not used. Correct the invoice table by hand.`;
    }
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
    rememberApply(spreadsheet, { ...mine, undone: true });
    const mark = `undone ${new Date().toISOString()}`;
    writeCells(undo, positions.map((index) => ({ row: index + 2, column: UNDONE_COLUMN, value: mark })));
    return `Undone: ${group.length} ${group.length === 1 ? 'cell' : 'cells'} put back as they were before the apply.`;
  });
}

/** An apply as its user's properties remember it: the undo record's id, SHA-256 and size. */
interface RememberedApply {
  id: string;
  digest: string;
  cells: number;
  undone?: boolean;
}

/** Applies remembered per spreadsheet; the last few only (a property holds 9 KB). */
const REMEMBERED_APPLIES = 20;
const appliesKey = (spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet) => `receivables.applies.${spreadsheet.getId()}`;

function rememberedApplies(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): RememberedApply[] {
  const text = PropertiesService.getUserProperties().getProperty(appliesKey(spreadsheet));
  try {
    const parsed: unknown = text ? JSON.parse(text) : [];
    return Array.isArray(parsed) ? parsed.filter((entry): entry is RememberedApply => typeof entry?.id === 'string' && typeof entry?.digest === 'string') : [];
  } catch {
    return [];
  }
}

/** Adds an apply, or updates it (undone), keeping the last few. */
function rememberApply(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, entry: RememberedApply): void {
  const list = rememberedApplies(spreadsheet).filter((known) => known.id !== entry.id || entry.undone);
  const index = list.findIndex((known) => known.id === entry.id);
  if (index >= 0) list[index] = entry;
  else list.push(entry);
  PropertiesService.getUserProperties().setProperty(appliesKey(spreadsheet), JSON.stringify(list.slice(-REMEMBERED_APPLIES)));
}

/** SHA-256 of an undo record as written: each row's apply id, sheet id, row, column, before and after (not its time or the Undone mark). */
function recordDigest(rows: readonly unknown[][]): string {
  const text = rows.map((row) => [row[0], row[2], row[4], row[5], row[6], row[7]].map((cell) => String(cell ?? '')).join('\u0000')).join('\n');
  const digest = Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, text, Utilities.Charset.UTF_8);
  return digest.map((byte) => ((byte + 256) % 256).toString(16).padStart(2, '0')).join('');
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
