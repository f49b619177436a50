import { calendarDay, dayText, type CalendarDay } from '../calendar';
import type { Language } from './templates';

/**
 * The words a run writes where the bookkeeper reads them, in the
 * spreadsheet's language (ru_RU: Russian): the Reminder log's Status cells
 * and the invoice table's "Last reminder" column. Each is read back in
 * either language, so a book whose locale changed keeps working.
 */
export type LogStatusName = 'sending' | 'sent' | 'unconfirmed' | 'deferred' | 'error';
/** Besides a reminder's statuses, the row a scheduled run held for unapproved settings writes (approval.ts), with the sidebar's word for it. */
export type LogRowStatus = LogStatusName | 'held';

export const LOG_STATUS_NAMES: Record<Language, Record<LogRowStatus, string>> = {
  en: { sending: 'sending', sent: 'sent', unconfirmed: 'unconfirmed', deferred: 'deferred', error: 'error', held: 'held' },
  ru: { sending: 'отправляется', sent: 'отправлено', unconfirmed: 'не подтверждено', deferred: 'отложено', error: 'ошибка', held: 'приостановлено' },
};

const STATUS_BY_NAME = new Map<string, LogRowStatus>(
  (['en', 'ru'] as const).flatMap((language) => Object.entries(LOG_STATUS_NAMES[language]).map(([status, name]) => [name, status as LogRowStatus] as [string, LogRowStatus])),
);

/** A Status cell as the add-on means it ("sent" whether it reads "sent" or "отправлено"); other text as it is. */
export function logStatusOf(cell: unknown): string {
  const text = String(cell ?? '').trim();
  return STATUS_BY_NAME.get(text.toLowerCase()) ?? text;
}

/** What a Status cell says, in the spreadsheet's language. */
export const logStatusCell = (status: LogRowStatus, language: Language): string => LOG_STATUS_NAMES[language][status];

/** The invoice table's column a run writes what it did with each invoice, by language; either is found again. */
export const LAST_REMINDER_HEADERS: Record<Language, string> = { en: 'Last reminder', ru: 'Последнее напоминание' };

/** "2026-03-10 Overdue reminder (7 days after the due date)", "10.03.2026 не отправлено: у клиента нет адреса почты". */
export function lastReminderNote(day: CalendarDay, language: Language, sent: { step: string } | { error: string }): string {
  if ('step' in sent) return `${dayText(day, language)} ${sent.step}`;
  return `${dayText(day, language)} ${language === 'ru' ? 'не отправлено' : 'not sent'}: ${sent.error}`;
}

/** "2026-03-10" as a calendar day; null for other text. */
export function dayOfIso(text: string): CalendarDay | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return match ? calendarDay(Number(match[1]), Number(match[2]), Number(match[3])) : null;
}
