import { accountId, type Account } from '../../core/collections/account';
import { legalSummaryHtml, letterFigures, letterHtml, statementHtml, type HistoryItem, type Sender } from '../../core/collections/documents';
import { COLLECTIONS_HEADERS, DOCUMENT_COLUMN, TASK_ID_HEADER, type CollectionsEntry } from '../../core/collections/sheet';
import { statementOf } from '../../core/collections/statement';
import { isoDate, type CalendarDay } from '../../core/calendar';
import type { InvoiceTable } from '../../core/invoices';
import { customerKey, type CustomerSettings } from '../../core/reminders/customerSettings';
import type { Policy } from '../../core/reminders/policy';
import type { Language } from '../../core/reminders/templates';
import { driveApiDisabledIn, enableDriveApiText } from '../driveApi';
import { NEEDS, permissionNotice } from '../permissions';
import { writeByPlan } from '../safeWrite';
import { nonceOf, readLedger, writeLedger } from './marks';
import { collectionsColumn, type CollectionsState } from './sheet';
import { codeFor, letterAsk, statementAsk } from '../../core/paying/documentCodes';
import { pictureOf } from '../paying/codeImages';
import type { DocumentCode } from '../../core/collections/documents';

/**
 * An HTML page printed to PDF with Apps Script's own conversion
 * (Utilities.newBlob(...).getAs('application/pdf')): no scope needed.
 */
export function pdfOf(html: string, name: string): GoogleAppsScript.Base.Blob {
  return Utilities.newBlob(html, 'text/html', `${name}.html`).getAs('application/pdf').setName(`${name}.pdf`);
}

/**
 * Saves a PDF in the user's Drive with the advanced Drive service (v3),
 * which needs only drive.file (the files this add-on creates), where
 * DriveApp.createFile would need the whole Drive. Returns its link.
 */
export function saveToDrive(blob: GoogleAppsScript.Base.Blob): string {
  let file: { id?: string };
  try {
    file = Drive.Files.create({ name: blob.getName() ?? 'document.pdf', mimeType: 'application/pdf' }, blob);
  } catch (error) {
    // A Drive API left disabled in a standard Cloud project fails every save: say what to do, not Google's wording.
    const project = driveApiDisabledIn(error);
    throw project ? new Error(enableDriveApiText(project)) : error;
  }
  if (!file.id || !/^[\w-]+$/.test(file.id)) throw new Error('Drive did not return the saved file');
  return `https://drive.google.com/file/d/${file.id}/view`;
}

/** File names carry the customer's name: only letters, digits and a few safe signs. */
function fileName(kind: string, customer: string, day: CalendarDay): string {
  return `${kind} ${customer.replace(/[^\p{L}\p{N} ._-]+/gu, ' ').replace(/\s+/g, ' ').trim().slice(0, 60)} ${isoDate(day)}`;
}

export interface DocumentContext {
  table: InvoiceTable;
  accounts: Map<string, Account>;
  settings: ReadonlyMap<string, CustomerSettings>;
  policy: Policy;
  today: CalendarDay;
  sender: Sender;
  /** Every email reminder sent to the customer, from the Reminder log, and the add-on's own task rows. */
  /** What was sent and done, worded in the document's language. */
  history: (customer: string, language: Language) => HistoryItem[];
  /** Where each PDF also goes when the policy sends letters to the owner. */
  ownerEmail: string;
  spreadsheetId: string;
  /** No document is started that would not be done by then (ms since epoch): the run's one deadline. */
  deadline: number;
  /** False once the run has lost its lease: it then stops at once. */
  holdsLease: () => boolean;
}

export interface DocumentsResult {
  /** What went wrong, each naming its row. */
  problems: string[];
  /** What waits, and why. */
  notes: string[];
  /** Documents owed that a later run today may still make (time or the run's cap ran out). */
  waiting: number;
}

/** Text for the Document cell of the add-on's row with this Task id, found again in a fresh read wherever it is now. */
function writeDocumentCell(sheet: GoogleAppsScript.Spreadsheet.Sheet, taskId: string, text: string): void {
  writeByPlan(sheet, (values) => {
    const header = (values[0] ?? []).map((cell) => String(cell).trim());
    const idColumn = header.indexOf(TASK_ID_HEADER);
    const documentColumn = header.indexOf(COLLECTIONS_HEADERS[DOCUMENT_COLUMN]);
    if (idColumn < 0 || documentColumn < 0) return [];
    const index = values.findIndex((row, r) => r > 0 && String(row[idColumn] ?? '').trim().replace(/^'/, '') === taskId);
    if (index < 0 || String(values[index][documentColumn] ?? '') === text) return [];
    return [{ row: index + 1, column: documentColumn + 1, values: [[text]] }];
  });
}

/**
 * Produces the letters and lawyer's summaries the add-on's own rows owe
 * (the ledger in the running person's user properties lists them, so each
 * is made once: a Document cell emptied by hand, or a row copied or typed,
 * makes none). Each is saved to Drive and its link put in its row's
 * Document cell, one at a time. At most the policy's documents per run and
 * per day, and none started that would end past the run's deadline: what
 * does not fit waits for a later run. Mailed to the owner only while the
 * day's mail quota has room: those mails count with the reminders.
 */
export function produceDocuments(state: CollectionsState, genuine: readonly CollectionsEntry[], context: DocumentContext): DocumentsResult {
  const result: DocumentsResult = { problems: [], notes: [], waiting: 0 };
  const column = collectionsColumn(state, 'Document');
  if (!state.sheet || column < 0) return result;
  const ledger = readLedger(context.spreadsheetId, isoDate(context.today));
  if (ledger.pending.length === 0) return result;
  const byNonce = new Map(genuine.filter((entry) => entry.channel === 'letter' || entry.channel === 'legal').map((entry) => [nonceOf(entry.taskId), entry]));
  // A row deleted, or whose Document cell a person filled, no longer owes a document.
  ledger.pending = ledger.pending.filter((nonce) => byNonce.has(nonce) && !byNonce.get(nonce)?.document);
  const owed = [...ledger.pending];
  if (owed.length === 0) {
    writeLedger(context.spreadsheetId, ledger);
    return result;
  }
  // Without Drive the documents wait (their cells stay empty) for a run that may save them.
  const notice = permissionNotice('save letters and summaries for the lawyer', NEEDS.documents);
  if (notice) {
    writeLedger(context.spreadsheetId, ledger);
    result.problems.push(`Collections sheet: ${owed.length} document(s) not produced yet. ${notice}`);
    return result;
  }
  const { documentsPerRun, documentsPerDay } = context.policy.collections;
  let slowest = 0;
  let attempted = 0;
  for (let k = 0; k < owed.length; k++) {
    const left = owed.length - k;
    const why =
      ledger.made >= documentsPerDay
        ? `the day's ${documentsPerDay} (collections.documentsPerDay) are made; they wait for tomorrow`
        : attempted >= documentsPerRun
          ? `a run makes at most ${documentsPerRun} (collections.documentsPerRun); they wait for the next run`
          : Date.now() + slowest > context.deadline
            ? 'the run is out of time; they wait for the next run'
            : '';
    if (why || !context.holdsLease()) {
      if (why) result.notes.push(`${left} letter(s) or summaries for the lawyer not made yet: ${why}`);
      if (ledger.made < documentsPerDay) result.waiting = left;
      break;
    }
    attempted++;
    const started = Date.now();
    const entry = byNonce.get(owed[k]) as CollectionsEntry;
    const done = () => {
      ledger.pending = ledger.pending.filter((nonce) => nonce !== owed[k]);
      writeLedger(context.spreadsheetId, ledger);
    };
    const account = context.accounts.get(accountId(entry.customer, entry.currency));
    if (!account || (entry.channel === 'letter' && letterFigures(account, context.today, 0).claimedCents <= 0)) {
      writeDocumentCell(state.sheet, entry.taskId, 'not produced: nothing is overdue any more');
      entry.document = 'none';
      done();
      continue;
    }
    const setting = context.settings.get(customerKey(entry.customer));
    const language: Language = setting?.language || context.policy.language;
    try {
      const kind = entry.channel === 'letter' ? (language === 'ru' ? 'Претензия' : 'Demand letter') : language === 'ru' ? 'Для юриста' : 'Legal summary';
      const html =
        entry.channel === 'letter'
          ? letterHtml(account, context.today, context.policy.collections.letterDeadlineDays, context.sender, language, documentCode(context.policy, letterAsk(account, letterFigures(account, context.today, context.policy.collections.letterDeadlineDays), language)))
          : legalSummaryHtml(context.table, account, context.today, context.history(entry.customer, language), context.sender, language);
      const pdf = pdfOf(html, fileName(kind, entry.customer, context.today));
      const link = saveToDrive(pdf);
      ledger.made++;
      writeDocumentCell(state.sheet, entry.taskId, link);
      entry.document = link;
      done();
      if (context.policy.collections.sendLettersToOwner && context.ownerEmail) {
        // Mail to the owner counts against the day's recipients with the reminders: never past the quota.
        if (MailApp.getRemainingDailyQuota() < 1) {
          result.notes.push(`Collections sheet, row ${entry.row}: the ${entry.channel === 'letter' ? 'letter' : 'summary'} is saved in your Drive but was not mailed to you: the daily mail quota is used up`);
        } else {
          MailApp.sendEmail({
            to: context.ownerEmail,
            subject: `${kind}: ${entry.customer}`.replace(/[\r\n]+/g, ' '),
            body: `${kind} for ${entry.customer}, ${isoDate(context.today)}, attached and saved in your Drive: ${link}\nThe customer has not been sent anything: print it, sign it and send it as your practice requires.`,
            attachments: [pdf],
          });
        }
      }
    } catch (error) {
      result.problems.push(`Collections sheet, row ${entry.row}, column "${COLLECTIONS_HEADERS[DOCUMENT_COLUMN]}": the ${entry.channel === 'letter' ? 'letter' : 'summary'} could not be produced: ${error instanceof Error ? error.message : String(error)}`);
    }
    slowest = Math.max(slowest, Date.now() - started);
  }
  return result;
}

/** The customer's statement of account for the policy's period ending today, as a PDF to attach. */
export function statementPdf(table: InvoiceTable, customer: string, currency: string, today: CalendarDay, days: number, sender: Sender, language: Language, policy?: Policy): GoogleAppsScript.Base.Blob {
  const statement = statementOf(table, customer, currency, today - days + 1, today);
  return pdfOf(statementHtml(statement, sender, language, policy ? documentCode(policy, statementAsk(statement, language)) : undefined), fileName(language === 'ru' ? 'Акт сверки' : 'Statement', customer, today));
}

/** The payment code a letter or a statement prints, when the policy's payee for its currency makes one. */
function documentCode(policy: Policy, ask: Parameters<typeof codeFor>[1]): DocumentCode | undefined {
  const image = pictureOf(codeFor(policy, ask));
  return image.ok ? { code: image.code, picture: image.picture } : undefined;
}

