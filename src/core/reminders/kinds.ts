/**
 * The kinds of reminder, from a friendly note to a final notice, and the one
 * sent after a broken promise. No dependencies: the sidebar page imports
 * these too, so the lists are written once.
 */
export const TEMPLATE_KINDS = ['upcoming', 'due-today', 'overdue', 'firm', 'final'] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

export const MESSAGE_KINDS = [...TEMPLATE_KINDS, 'promise-broken'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/**
 * Each kind's one name per language: the same in the sidebar, the log, the
 * preview, the Collections sheet and the default subjects.
 */
export const KIND_NAMES = {
  en: { upcoming: 'Friendly note', 'due-today': 'Due today', overdue: 'Overdue reminder', firm: 'Second reminder', final: 'Final notice', 'promise-broken': 'Promised payment not received' },
  ru: { upcoming: 'Напоминание о сроке', 'due-today': 'Срок оплаты сегодня', overdue: 'Напоминание о просрочке', firm: 'Повторное напоминание', final: 'Последнее уведомление', 'promise-broken': 'Обещанная оплата не поступила' },
} as const satisfies Record<'en' | 'ru', Record<MessageKind, string>>;

/** The template a step on that day gets when none is named: before, on, and after the due date. */
export function templateForOffset(offsetDays: number): TemplateKind {
  if (offsetDays < 0) return 'upcoming';
  if (offsetDays === 0) return 'due-today';
  if (offsetDays < 14) return 'overdue';
  return offsetDays < 30 ? 'firm' : 'final';
}

/**
 * Each task channel's one name per language: the same in the sidebar's step
 * lists and on the Collections sheet's Step column.
 */
export const CHANNEL_NAMES = {
  en: { call: 'Call', letter: 'Letter', legal: 'Hand to a lawyer' },
  ru: { call: 'Звонок', letter: 'Бумажное письмо', legal: 'Передать юристу' },
} as const satisfies Record<'en' | 'ru', Record<'call' | 'letter' | 'legal', string>>;

/** The word after a Step's offsets: "Call (+7, +14 days)", "Звонок (+7, +14 дн.)". */
export const DAYS_WORD = { en: 'days', ru: 'дн.' } as const;

/**
 * The channel a Collections Step cell names, in either language. Rows written
 * before the names were shared ("Legal hand-over …") still read: their
 * signature covers the channel, not the text, so they are neither rewritten
 * nor re-signed.
 */
export function channelOfStep(text: string): 'call' | 'letter' | 'legal' | null {
  const step = text.trim().toLowerCase();
  for (const channel of ['call', 'letter', 'legal'] as const) {
    const names = [channel, CHANNEL_NAMES.en[channel].toLowerCase(), CHANNEL_NAMES.ru[channel].toLowerCase()];
    if (names.some((name) => step.startsWith(name))) return channel;
  }
  return null;
}

/** How a cadence step reaches the customer: an email, or a task for a person (a call, a letter), or the hand-over to a lawyer. */
export const CHANNELS = ['email', 'call', 'letter', 'legal'] as const;
export type Channel = (typeof CHANNELS)[number];
