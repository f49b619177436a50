import { accountId, type Account } from '../../core/collections/account';
import { legalSummaryHtml, letterFigures, letterHtml, statementHtml, type HistoryItem, type Sender } from '../../core/collections/documents';
import { COLLECTIONS_HEADERS, DOCUMENT_COLUMN } from '../../core/collections/sheet';
import { statementOf } from '../../core/collections/statement';
import { isoDate, type CalendarDay } from '../../core/calendar';
import type { InvoiceTable } from '../../core/invoices';
import { customerKey, type CustomerSettings } from '../../core/reminders/customerSettings';
import type { Policy } from '../../core/reminders/policy';
import type { Language } from '../../core/reminders/templates';
import { driveApiDisabledIn, enableDriveApiText } from '../driveApi';
import { NEEDS, permissionNotice } from '../permissions';
import { collectionsColumn, type CollectionsState } from './sheet';

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
  /** Every email reminder sent to the customer, from the Reminder log. */
  history: (customer: string) => HistoryItem[];
  /** Where each PDF also goes when the policy sends letters to the owner. */
  ownerEmail: string;
}

/**
 * Produces the letter or lawyer's summary of every letter or legal task
 * row whose Document cell is still empty (the rows this run added, and any
 * a stopped run left), saves it to Drive and puts its link in that cell,
 * one row at a time, so that each document is produced once. Returns
 * problems, each naming its row.
 */
export function produceDocuments(state: CollectionsState, context: DocumentContext): string[] {
  const problems: string[] = [];
  const column = collectionsColumn(state, 'Document');
  if (!state.sheet || column < 0) return problems;
  const pending = state.entries.filter((entry) => (entry.channel === 'letter' || entry.channel === 'legal') && !entry.document);
  if (pending.length === 0) return problems;
  // Without Drive the documents wait (their cells stay empty) for a run that may save them.
  const notice = permissionNotice('save letters and summaries for the lawyer', NEEDS.documents);
  if (notice) return [`Collections sheet: ${pending.length} document(s) not produced yet. ${notice}`];
  for (const entry of pending) {
    const account = context.accounts.get(accountId(entry.customer, entry.currency));
    const cell = state.sheet.getRange(entry.row, column);
    if (!account || (entry.channel === 'letter' && letterFigures(account, context.today, 0).claimedCents <= 0)) {
      cell.setValue('not produced: nothing is overdue any more');
      entry.document = 'none';
      continue;
    }
    const setting = context.settings.get(customerKey(entry.customer));
    const language: Language = setting?.language || context.policy.language;
    try {
      const kind = entry.channel === 'letter' ? (language === 'ru' ? 'Претензия' : 'Demand letter') : language === 'ru' ? 'Для юриста' : 'Legal summary';
      const html =
        entry.channel === 'letter'
          ? letterHtml(account, context.today, context.policy.collections.letterDeadlineDays, context.sender, language)
          : legalSummaryHtml(context.table, account, context.today, context.history(entry.customer), context.sender, language);
      const pdf = pdfOf(html, fileName(kind, entry.customer, context.today));
      const link = saveToDrive(pdf);
      cell.setValue(link);
      entry.document = link;
      if (context.policy.collections.sendLettersToOwner && context.ownerEmail) {
        MailApp.sendEmail({
          to: context.ownerEmail,
          subject: `${kind}: ${entry.customer}`.replace(/[\r\n]+/g, ' '),
          body: `${kind} for ${entry.customer}, ${isoDate(context.today)}, attached and saved in your Drive: ${link}\nThe customer has not been sent anything: print it, sign it and send it as your practice requires.`,
          attachments: [pdf],
        });
      }
    } catch (error) {
      problems.push(`Collections sheet, row ${entry.row}, column "${COLLECTIONS_HEADERS[DOCUMENT_COLUMN]}": the ${entry.channel === 'letter' ? 'letter' : 'summary'} could not be produced: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return problems;
}

/** The customer's statement of account for the policy's period ending today, as a PDF to attach. */
export function statementPdf(table: InvoiceTable, customer: string, currency: string, today: CalendarDay, days: number, sender: Sender, language: Language): GoogleAppsScript.Base.Blob {
  const statement = statementOf(table, customer, currency, today - days + 1, today);
  return pdfOf(statementHtml(statement, sender, language), fileName(language === 'ru' ? 'Акт сверки' : 'Statement', customer, today));
}

