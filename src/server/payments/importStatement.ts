import type { Cell } from '../../core/cells';
import { escapeHtml } from '../../core/reminders/templates';
import { statementCharset } from '../../core/payments/charset';
import { matchPayments, type PaymentMatch } from '../../core/payments/matcher';
import { paymentWords, type PaymentWords } from '../../core/payments/paymentWords';
import { paymentColumn, PAYMENT_HEADERS, readPaymentRows, type PaymentRow } from '../../core/payments/paymentsSheet';
import { parseStatement } from '../../core/payments/parseStatement';
import { StatementError, type StatementPayment } from '../../core/payments/statement';
import { appendRows } from './sheetCells';
import { paymentsSheet, readBook, readingOf, underDocumentLock } from './paymentsSheet';
import { settingsOf } from '../spreadsheetSettings';

/** Bigger files than this are not a day's or a month's statement; refused before reading. */
const MAX_FILE_BYTES = 5 * 1024 * 1024;

/**
 * Reads a bank statement file into the Payments sheet: incoming payments
 * only, each once however often the file is imported (by the payment's
 * identity), each new one with the matcher's suggestion. The bytes are
 * decoded here, where the file is read, in the encoding the file declares
 * (checked against its bytes: see `statementCharset`).
 */
export function importStatementFile(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, fileName: string, base64: string): string {
  if (typeof base64 !== 'string' || base64 === '') return 'The file is empty.';
  if (base64.length * 0.75 > MAX_FILE_BYTES) return `${fileName} is over ${MAX_FILE_BYTES / 1024 / 1024} MB: not a bank statement this add-on reads.`;
  const bytes = Utilities.base64Decode(base64);
  const encoding = statementCharset(bytes);
  if ('refused' in encoding) return `${fileName} cannot be read: ${encoding.refused}.`;
  const text = Utilities.newBlob(bytes).getDataAsString(encoding.charset);
  return underDocumentLock(() => {
    const book = readBook(spreadsheet);
    const reading = book?.reading ?? readingOf(spreadsheet);
    let statement;
    try {
      statement = parseStatement(text, reading);
    } catch (error) {
      if (error instanceof StatementError) return `${fileName} cannot be read: ${error.message}.`;
      throw error;
    }
    const sheet = paymentsSheet(spreadsheet);
    const existing = sheet.getLastRow() > 1 ? sheet.getRange(1, 1, sheet.getLastRow(), PAYMENT_HEADERS.length).getValues() : [[...PAYMENT_HEADERS]];
    const known = new Set(existing.slice(1).map((row) => String(row[paymentColumn('Payment id')] ?? '').replace(/^'/, '')));
    const fresh = statement.payments.filter((payment) => !known.has(payment.id));
    const repeated = statement.payments.length - fresh.length;

    let matches: PaymentMatch[] = [];
    if (book && fresh.length) {
      // Earlier rows not applied yet keep their invoices: the new ones are matched after them.
      const pending = readPaymentRows(existing as Cell[][], reading).rows.filter((row): row is PaymentRow => row !== null && !row.applied);
      matches = matchPayments([...pending, ...fresh], book.table, { asOfDay: book.today, taxIds: book.taxIds, locale: book.locale }).slice(pending.length);
    }
    const table = book?.table;
    const words = paymentWords(book?.locale ?? settingsOf(spreadsheet).locale);
    const rows = fresh.map((payment, index) => paymentRow(payment, matches[index], (i) => (table ? table.number[i] || words.row(table.row[i]) : ''), (day) => new Date(reading.calendar.midnightOf(day)), words));
    const first = appendRows(sheet, rows);
    // A pattern's "," and "." are the grouping and the decimal mark, rendered in the spreadsheet's locale
    // ("1 234,56" in ru_RU): "the actual rendering of the format depends on the spreadsheet's locale" (Sheets API, Date and number formats).
    if (rows.length) sheet.getRange(first, paymentColumn('Amount') + 1, rows.length, 1).setNumberFormat('#,##0.00');
    if (rows.length) sheet.getRange(first, 1, rows.length, 1).setNumberFormat(words.dateFormat);

    const parts = [`${fresh.length} new ${fresh.length === 1 ? 'payment' : 'payments'} from ${fileName} (${statement.format})`];
    if (repeated) parts.push(`${repeated} already imported`);
    if (statement.outgoing) parts.push(`${statement.outgoing} outgoing left out`);
    if (!book && fresh.length) parts.push('not matched: no invoice table found');
    let summary = `Imported ${parts.join('; ')}.`;
    if (statement.problems.length) summary += ` Not read: ${statement.problems.slice(0, 5).join('; ')}${statement.problems.length > 5 ? `; and ${statement.problems.length - 5} more` : ''}.`;
    if (fresh.length) summary += ' Tick "Apply" on the rows to enter, then Extensions › Receivables › Apply matches.';
    return summary;
  });
}

function paymentRow(payment: StatementPayment, match: PaymentMatch | undefined, label: (invoice: number) => string, date: (day: number) => Date, words: PaymentWords): unknown[] {
  const values: Record<(typeof PAYMENT_HEADERS)[number], unknown> = {
    Date: date(payment.day),
    Amount: payment.amountCents / 100,
    // Text from the file and the match is written as data (appendRows keeps each text the text it is).
    Currency: payment.currency,
    Payer: payment.payer,
    'Payer tax id': payment.payerTaxId ?? '',
    'Payer account': payment.payerAccount ?? '',
    Purpose: payment.purpose,
    'Payment id': payment.id,
    'Matched customer': match?.customer ?? '',
    Invoices: (match?.allocations ?? []).map((allocation) => label(allocation.invoice)).join(', '),
    Confidence: match ? words.confidence(match.confidence) : '',
    Why: match?.reason ?? '',
    Apply: false,
    Applied: '',
  };
  return PAYMENT_HEADERS.map((header) => values[header]);
}

/** The dialog in which a person chooses a statement file: read in the browser, sent as base64 to importBankStatement. */
export function importDialogHtml(): string {
  return `<!DOCTYPE html><html><head><base target="_top"><link rel="stylesheet" href="https://ssl.gstatic.com/docs/script/css/add-ons1.css">
<style>body{font:13px Arial,sans-serif;margin:12px}#status{margin-top:12px;white-space:pre-wrap}</style></head><body>
<p>${escapeHtml('A bank statement: 1C client-bank exchange (.txt, Windows-1251 or UTF-8), CSV, camt.053 (.xml) or OFX. Incoming payments go to the Payments sheet; a payment already there is not added again.')}</p>
<label for="file">Statement file</label><br><input type="file" id="file" accept=".txt,.csv,.xml,.ofx,.qfx,.053">
<div style="margin-top:12px"><button id="import" class="action" disabled>Import</button> <button id="close" onclick="google.script.host.close()">Close</button></div>
<div id="status" role="status" aria-live="polite"></div>
<script>
var input = document.getElementById('file'), button = document.getElementById('import'), status = document.getElementById('status');
input.addEventListener('change', function () { button.disabled = !input.files.length; });
button.addEventListener('click', function () {
  var file = input.files[0];
  if (!file) return;
  button.disabled = true;
  status.textContent = 'Importing ' + file.name + '…';
  var reader = new FileReader();
  reader.onerror = function () { status.textContent = 'The file could not be read.'; button.disabled = false; };
  reader.onload = function () {
    var url = String(reader.result), base64 = url.slice(url.indexOf(',') + 1);
    google.script.run
      .withSuccessHandler(function (text) { status.textContent = text; button.disabled = false; })
      .withFailureHandler(function (error) { status.textContent = error && error.message ? error.message : String(error); button.disabled = false; })
      .importBankStatement(file.name, base64);
  };
  reader.readAsDataURL(file);
});
</script></body></html>`;
}
