// Preview: what the next run would send, and a test sent to yourself.
import { data, h } from '../dom';
import { call } from '../rpc';
import { button, buttons } from '../controls';
import { statusText } from '../logWords';
import type { PreviewView, StageView } from '../../shared/contract';
import type { LabelKey } from '../i18n';
import { clearStatus, server, setStatus, t } from '../store';

/** "Overdue step 2 of 3: Second reminder; next: Final notice, not before 2026-12-12", and why when it is held or capped. */
function stageText(stage: StageView): string {
  if (stage.rung === 0) return t('stage.notOverdue');
  const next = stage.next ? t('stage.next', { next: t((stage.next.channel === 'email' ? `kind.${stage.next.kind}` : `channel.${stage.next.channel}`) as LabelKey), day: stage.next.day }) : t('stage.last');
  const why = [stage.capped ? t('stage.capped') : '', stage.held ? t('stage.held') : ''].filter(Boolean);
  return [`${t('stage.at', { rung: stage.rung, of: stage.of, kind: t(`kind.${stage.kind}` as LabelKey) })}; ${next}`, ...why].join('. ');
}

type Learned = NonNullable<PreviewView['learned']>[number]['reason'];

/** Why the cadence moved for a customer, in the sidebar's language (issue 27, item 4). */
function learnedWords(reason: Learned): string {
  return reason.kind === 'late' ? t('learned.late', { late: reason.lateDays, shift: reason.shiftDays, offset: reason.offsetDays }) : t('learned.early', { early: reason.earlyDays });
}

/** Every customer whose cadence learned, reminded today or not: the early payer whose note is left out gets none. */
function learnedList(learned: NonNullable<PreviewView['learned']>): Node[] {
  if (!learned.length) return [];
  return [h('h3', {}, t('learnedList')), h('ul', { class: 'list learned' }, ...learned.map(({ customer, reason }) => h('li', {}, data(customer, 'strong'), h('span', { class: 'meta' }, learnedWords(reason)))))];
}

export function previewSection(): Array<Node | null> {
  const output = h('div', { id: 'preview-output', 'aria-live': 'polite' });
  const load = async () => {
    clearStatus('preview');
    const preview = await call('sidebarPreview');
    if (preview.stopped) output.replaceChildren(h('p', { class: 'error' }, server(preview.stopped)));
    else if (preview.reminders.length === 0) output.replaceChildren(h('p', {}, t('nothingDue')), ...learnedList(preview.learned ?? []));
    else
      output.replaceChildren(
        h('h3', {}, t('reminderFor', { day: preview.day })),
        h(
          'ul',
          { class: 'list' },
          ...preview.reminders.map((reminder) =>
            h(
              'li',
              {},
              data(reminder.customer, 'strong'),
              h('span', { class: 'meta', translate: 'no' }, reminder.to),
              h('span', { class: 'meta' }, data(reminder.subject)),
              h('span', { class: 'meta' }, `${t('invoices')}: `, data(reminder.invoices), ` · ${statusText(reminder.status)}`),
              h('span', { class: 'meta stage' }, stageText(reminder.stage)),
              ...(reminder.payment ? [h('span', { class: 'meta' }, `${t(reminder.payment.ok ? 'qrCode' : 'qrNone')}: `, data(reminder.payment.detail))] : []),
              ...(reminder.learned ? [h('span', { class: 'meta learned' }, learnedWords(reminder.learned))] : []),
            ),
          ),
        ),
        ...learnedList(preview.learned ?? []),
      );
  };
  const sendTest = async () => {
    const message = await call('sidebarSendTest');
    setStatus('preview', server(message), false);
  };
  return [buttons(button(t('loadPreview'), load, 'action'), button(t('sendTest'), sendTest)), output];
}
