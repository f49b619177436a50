// What the lines of exported reports say, beyond the invoices themselves:
// totals, section and customer headings, footers, 1C document names and
// paid marks typed where a date belongs.

/** "Total", "TOTAL", "Subtotal", "Grand total", "Итого", "Всего", "Total for Acme", "Acme Subtotal", "Итого по Acme", "Итого для Acme", "Промежуточный итог". */
const SUMMARY_LINE =
  /^(?:(?:grand |sub-?)?totals?|итого(?: развернутое)?|итоги|всего|общий итог|промежуточный итог|total (?:for|of) .+|.+ sub-?total|(?:итого|всего) (?:по|за|для) .+|.+ промежуточный итог)\s*:?$/i;

/**
 * Whether text may be a summary line, by the letter it starts with (t, s, g,
 * и, в, о, п) or ends with ("…Subtotal", "Итого:", "… промежуточный итог"): checked before the pattern,
 * since this runs per row.
 */
function maySummarize(text: string): boolean {
  const first = text.charCodeAt(0);
  const lower = first | 32;
  if (lower === 116 || lower === 115 || lower === 103 || first === 1080 || first === 1048 || first === 1074 || first === 1042 || first === 1086 || first === 1054 || first === 1087 || first === 1055) return true;
  const last = text.charCodeAt(text.length - 1);
  return last === 108 || last === 76 || last === 58 || last === 1075;
}

export function isSummaryText(text: string): boolean {
  return maySummarize(text) && SUMMARY_LINE.test(text);
}

/**
 * A heading that names a section rather than a customer: QuickBooks' aging
 * sections ("Current", "1 - 30 days past due", "91 or more days past due"),
 * or a footer such as "Accrual Basis Wednesday, November 25, 2026 09:41 AM GMT-08:00".
 */
const SECTION_LABEL =
  /^(?:current|not (?:yet )?due|overdue|\d+\s*(?:[-–—]|to)\s*\d+\b.*|\d+\+?\s*(?:or more\s*)?days?\b.*|(?:over|more than|older than|>)\s*\d+.*|(?:более|свыше|больше|старше)\s*\d+.*|\d+\s*(?:и|или)\s*(?:более|больше|старше)(?:\s.*)?|текущ[а-яё]*|не просрочен[а-яё]*|просрочен[а-яё]*.*|.*\d+\s*(?:дн|days?\b).*)$/i;
const FOOTER = /\b(?:accrual|cash) basis\b|\d{1,2}:\d{2}\s*(?:[ap]m)?\b.*(?:gmt|utc|[+-]\d{2})|^(?:page|страница)\s+\d+/i;

/**
 * A line that sums up or comments on the rows above it, as exports write
 * them for people: QuickBooks Desktop's "Total Current", "Total 1 - 30",
 * "Total > 90"; Xero's "Total Bayside Club" and "Percentage of total"; a
 * tracker's "Outstanding"; 1C's "Итого по контрагенту". Taken for one only
 * on a row that names no invoice (no number, document or date), since a
 * customer may be called "Total Logistics".
 */
const REPORT_SUMMARY =
  /^(?:(?:grand |sub-?)?totals?\b.*|.*\bsub-?totals?\b.*|итог[оиа]?(?:[\s:].*)?|всего(?:[\s:].*)?|общий итог.*|промежуточный итог.*|(?:percentage|percent|%) of (?:the )?total.*|% от (?:общего|итога).*|доля.*|(?:total )?outstanding(?: balance| amount)?|(?:balance|amount|total) (?:due|owed|owing)|(?:to(?:tal)? )?owed|остаток(?: задолженности)?|к оплате|задолженность(?: всего)?|сальдо.*)\s*:?$/i;

export function isReportSummaryText(text: string): boolean {
  return REPORT_SUMMARY.test(text);
}

/**
 * A report's own lines, above the table or below it: its title, the
 * company, "As of …" / "As at …" / "По состоянию на …", the basis it is
 * aged on, when it was printed, a page number.
 */
const REPORT_HEADING =
  /^(?:a\/r aging (?:detail|summary)|accounts receivable aging.*|aged (?:receivables|debtors)(?: detail| summary)?|open invoices|invoice list|customer balance (?:detail|summary)|(?:as (?:of|at)|as at|dated?|period|for the period|printed|generated|created|run|report (?:date|run|generated))\b.*|ag(?:e)?ing (?:by|based on) .*|(?:accrual|cash) basis.*|page \d+.*|по состоянию на.*|на дату.*|за период.*|период[: ].*|оборотно-сальдовая ведомость.*|анализ дебиторской задолженности.*|задолженность покупателей.*|ведомость.*|дата (?:формирования|печати).*|сформирован.*|страница \d+.*)$/i;

export function isReportHeadingText(text: string): boolean {
  return REPORT_HEADING.test(text) || FOOTER.test(text);
}

/** Whether a heading line can name the customer of the rows below it. */
export function isCustomerHeading(text: string): boolean {
  return !SECTION_LABEL.test(text) && !FOOTER.test(text) && !isSummaryText(text) && !isReportSummaryText(text) && !REPORT_HEADING.test(text);
}

/** Payments and credit notes lower what is owed. */
const CREDIT_TYPE = /\bcredit\b|^(?:payment|receive payment|refund|оплата(?=[\s,.(]|$)|плат[её]ж(?=[\s,.(]|$)|получение платежа|поступление|возврат|корректировка|кредит)/i;

export function isCreditType(text: string): boolean {
  return CREDIT_TYPE.test(text);
}

/** Money the customer paid that no invoice has taken yet: named so in emails, never "credit note". */
const UNAPPLIED_PAYMENT_TYPE = /^(?:payment|receive payment|unapplied payment|overpayment|prepayment|customer payment|оплата(?=[\s,.(]|$)|плат[её]ж(?=[\s,.(]|$)|получение платежа|поступление|аванс|предоплата)/i;

export function isUnappliedPaymentType(text: string): boolean {
  return UNAPPLIED_PAYMENT_TYPE.test(text);
}

/**
 * A 1C document name, "Счет на оплату № 145 от 02.09.2026" or
 * "Реализация (акт, накладная) 00000123 от 02.09.2026 12:00:00": its kind,
 * number and date (as typed); null when the text is not in that form.
 */
const DOCUMENT = /^(.*?)\s*(?:№|N|No\.?)?\s*([\p{L}\p{N}][\p{L}\p{N}\-/._]*)\s+(?:от|of|dated)\s+(\d{1,2}\.\d{1,2}\.\d{2,4}|\d{4}-\d{2}-\d{2})(?:\s*г\.?)?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*$/iu;

export interface DocumentName {
  kind: string;
  number: string;
  date: string;
}

export function parseDocumentName(text: string): DocumentName | null {
  const match = DOCUMENT.exec(text.trim());
  if (!match) return null;
  return { kind: match[1].trim(), number: match[2], date: match[3] };
}

/** "paid", "PAID 9/2", "Paid on 2026-09-02", "оплачено", "оплачено 02.09": paid, and the date typed after it ("" when none). */
const PAID_MARK = /^(?:paid(?:\s+in\s+full)?|pd|settled|оплачен[оа]?|оплата|погашен[оа]?)(?:\s*(?:on|:|-|–)\s*|\s+|$)(.*)$/i;

export function paidMark(text: string): { date: string } | null {
  const match = PAID_MARK.exec(text.trim());
  return match ? { date: match[1].trim() } : null;
}

/** An account's own line in 1C's trial balance: "62", "62.01". */
const ACCOUNT_CODE = /^\d{2,3}(?:\.\d{1,3})*$/;
/** A contract's line between a counterparty and its documents: "Основной договор", "Договор поставки № 12 от 01.01.2026", "Без договора". */
const CONTRACT = /^(?:основной договор|договор(?=[\s№,.]|$)|без договора|контракт(?=[\s№,.]|$))/i;
/**
 * The start of a 1C document's name (its kind, in the words 1C gives it), so
 * that one whose date is missing is still taken for a document (and named
 * unreadable), never for a counterparty; a counterparty called "Акт Групп"
 * or "Оплата Сервис" is not one.
 */
const DOCUMENT_KIND =
  /^(?:реализация\s*(?:\(|товаров|услуг)|сч[её]т на оплату|сч[её]т-фактура|поступление\s+(?:на|в|\(|товаров|услуг)|корректировка\s+(?:долга|реализации|поступления)|ввод остатков|возврат товаров|плат[её]жное поручение|приходный кассовый|расходный кассовый|списание с расч[её]тного|операция\s*\(|оплата от покупателя|взаимозач[её]т|отч[её]т комиссионера|акт\s+(?:об оказании|выполненных|сверки))/i;

/** What a line of a column holding accounts, counterparties, contracts and documents in turn (1C's trial balance) names. */
export type LevelLine = 'account' | 'contract' | 'document' | 'counterparty';

export function levelOfLine(text: string): LevelLine {
  if (ACCOUNT_CODE.test(text)) return 'account';
  if (CONTRACT.test(text)) return 'contract';
  if (DOCUMENT_KIND.test(text) || parseDocumentName(text) !== null) return 'document';
  return 'counterparty';
}
