import { calendarDay, isoDate, type CalendarDay } from '../calendar';
import { formatDay, formatMoney } from '../reminders/templates';
import type { CashflowResult } from './cashflow';
import { findGap, type CashGap } from './cashflow';
import type { CollectFirstResult } from './collectFirst';

/**
 * The daily run's warning to the schedule's owner about a cash gap: sent
 * once when a gap first appears within the horizon, again only when its
 * period moves earlier than the one last warned of, or when it closes.
 * What was last warned of, per currency, is kept between runs (in the
 * owner's user properties, never in a cell).
 */
export interface WarnedGap {
  /** ISO date of the gap period's first day, as last warned of. */
  start: string;
  shortfallCents: number;
}

/** Per currency code: the gap last warned of. */
export type WarningState = Record<string, WarnedGap>;

export type CashNews =
  | { currency: string; kind: 'appeared' | 'earlier'; gap: CashGap; end: CalendarDay; previous?: WarnedGap; collect?: CollectFirstResult }
  | { currency: string; kind: 'closed'; previous: WarnedGap };

/** Reads a stored state; anything unreadable is no state (a warning may then come again, never be lost). */
export function parseWarningState(text: string | null): WarningState {
  if (!text) return {};
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
    const state: WarningState = {};
    for (const [currency, gap] of Object.entries(value as Record<string, unknown>)) {
      const { start, shortfallCents } = (gap ?? {}) as Partial<WarnedGap>;
      if (typeof start === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(start) && typeof shortfallCents === 'number') state[currency] = { start, shortfallCents };
    }
    return state;
  } catch {
    return {};
  }
}

/**
 * What today's position says that the owner has not heard yet, and the state
 * to keep once it is told. A gap that moves later, or whose shortfall
 * changes, is not news: the owner was told of an earlier or equal date.
 */
export function cashNews(previous: WarningState, results: readonly CashflowResult[], collect: readonly CollectFirstResult[]): { news: CashNews[]; next: WarningState } {
  const news: CashNews[] = [];
  const next: WarningState = {};
  const seen = new Set<string>();
  for (const result of results) {
    seen.add(result.currency);
    const gap = findGap(result);
    const before = previous[result.currency];
    if (!gap) {
      if (before) news.push({ currency: result.currency, kind: 'closed', previous: before });
      continue;
    }
    const start = isoDate(gap.start);
    const end = gap.index + 1 < result.periods.length ? result.periods[gap.index + 1].start - 1 : gap.start + 6;
    const answer = collect.find((entry) => entry.currency === result.currency);
    if (!before) {
      news.push({ currency: result.currency, kind: 'appeared', gap, end, collect: answer });
      next[result.currency] = { start, shortfallCents: gap.shortfallCents };
    } else if (start < before.start) {
      news.push({ currency: result.currency, kind: 'earlier', gap, end, previous: before, collect: answer });
      next[result.currency] = { start, shortfallCents: gap.shortfallCents };
    } else {
      next[result.currency] = before;
    }
  }
  // A currency gone from the books and the outflows has no gap left.
  for (const [currency, before] of Object.entries(previous)) if (!seen.has(currency)) news.push({ currency, kind: 'closed', previous: before });
  return { news, next };
}

const TEXTS = {
  en: {
    subject: (parts: string) => `Receivables: cash gap ${parts}`,
    subjectClosed: 'closed',
    appeared: (currency: string) => `A cash gap in ${currency} is coming`,
    earlier: (currency: string, was: string) => `The cash gap in ${currency} comes earlier (it was expected in the week of ${was})`,
    closed: (currency: string, was: string) => `The cash gap in ${currency} expected in the week of ${was} has closed: the balance's low end stays at or above the floor over the horizon.`,
    period: 'Period',
    shortfall: 'Shortfall (the floor less the balance at the low end of expected receipts)',
    collect: 'What to collect first (each paid by the end of that week closes part of it):',
    missing: 'Still missing if all of these came in',
    none: 'No open invoice collected sooner would help.',
    due: 'due',
    expected: 'expected',
    footer: 'Sent to you alone, as the owner of the daily reminders; no customer receives it. Details: =AR_CASHFLOW() and =AR_COLLECT_FIRST().',
  },
  ru: {
    subject: (parts: string) => `Дебиторка: кассовый разрыв ${parts}`,
    subjectClosed: 'закрыт',
    appeared: (currency: string) => `Ожидается кассовый разрыв в ${currency}`,
    earlier: (currency: string, was: string) => `Кассовый разрыв в ${currency} наступит раньше (ожидался на неделе с ${was})`,
    closed: (currency: string, was: string) => `Кассовый разрыв в ${currency}, ожидавшийся на неделе с ${was}, закрыт: нижняя граница остатка не опускается ниже порога на всём горизонте.`,
    period: 'Период',
    shortfall: 'Не хватает (порог минус остаток при нижней границе поступлений)',
    collect: 'Что взыскать в первую очередь (оплата каждого до конца этой недели закрывает часть разрыва):',
    missing: 'Не хватит, даже если всё это поступит',
    none: 'Ни один открытый счёт, оплаченный раньше, не поможет.',
    due: 'срок',
    expected: 'ожидается',
    footer: 'Отправлено только вам как владельцу ежедневных напоминаний; клиентам это письмо не уходит. Подробно: =AR_CASHFLOW() и =AR_COLLECT_FIRST().',
  },
} as const;

/** The collect-first lines an email lists at most; AR_COLLECT_FIRST has them all. */
const MAX_LISTED = 20;

/** The owner's email: subject and plain-text body, in the spreadsheet's language. */
export function warningMessage(news: readonly CashNews[], language: 'en' | 'ru', locale: string): { subject: string; body: string } {
  const t = TEXTS[language];
  const day = (value: CalendarDay) => formatDay(value, language, locale);
  const dayOfIso = (iso: string) => day(calendarDay(...(iso.split('-').map(Number) as [number, number, number])));
  const blocks: string[] = [];
  const subjectParts: string[] = [];
  for (const item of news) {
    if (item.kind === 'closed') {
      blocks.push(t.closed(item.currency, dayOfIso(item.previous.start)));
      subjectParts.push(`${item.currency} ${t.subjectClosed}`);
      continue;
    }
    const money = (cents: number) => formatMoney(Math.round(cents), item.currency, language, locale);
    subjectParts.push(`${item.currency} ${isoDate(item.gap.start)}`);
    const lines = [
      item.kind === 'appeared' ? t.appeared(item.currency) : t.earlier(item.currency, dayOfIso(item.previous!.start)),
      `${t.period}: ${day(item.gap.start)} – ${day(item.end)}`,
      `${t.shortfall}: ${money(item.gap.shortfallCents)}`,
    ];
    const candidates = item.collect?.candidates ?? [];
    if (candidates.length) {
      lines.push('', t.collect);
      for (const candidate of candidates.slice(0, MAX_LISTED)) {
        const invoice = candidate.number ? ` ${candidate.number}` : '';
        lines.push(`- ${candidate.customer}${invoice}: ${money(candidate.openCents)}, ${t.due} ${day(candidate.dueDay)}, ${t.expected} ${day(candidate.expectedDay)}`);
      }
      if (candidates.length > MAX_LISTED) lines.push(`- … +${candidates.length - MAX_LISTED}`);
      lines.push(`${t.missing}: ${money(item.collect!.missingCents)}`);
    } else {
      lines.push('', t.none);
    }
    blocks.push(lines.join('\n'));
  }
  // One line, whatever a currency code or date holds: a header never breaks.
  const subject = t.subject(subjectParts.join(', ')).replace(/[\r\n]+/g, ' ');
  return { subject, body: `${blocks.join('\n\n')}\n\n${t.footer}` };
}
