// The log's and the preview's words (a step, a status) in the page's language.
import { isLabelKey, type LabelKey } from './i18n';
import { MESSAGE_KINDS } from '../core/reminders/kinds';
import { server, t } from './store';

/** "upcoming (-7 days)" as the log writes a step, in the page's language. */
export function stepText(step: string): string {
  const match = /^([a-z-]+) \((.+?) days?\)$/.exec(step);
  const name = match && ((MESSAGE_KINDS as readonly string[]).includes(match[1]) ? `kind.${match[1]}` : `channel.${match[1]}`);
  if (!match || !name || !isLabelKey(name)) return step;
  return `${t(name)} ${t('offsetDaysList', { offsets: match[2] })}`;
}

/** A status from the log or the preview ("sent", "error: …"), in the page's language. */
export function statusText(status: string): string {
  const [word, ...rest] = status.split(': ');
  const key = `status.${word}` as LabelKey;
  const known = ['sent', 'deferred', 'error', 'unconfirmed', 'sending', 'ready', 'skipped', 'held'].includes(word);
  const head = known ? t(key) : status;
  return known && rest.length ? `${head}: ${server(rest.join(': '))}` : head;
}
