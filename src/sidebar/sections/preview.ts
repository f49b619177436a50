// Preview: what the next run would send, and a test sent to yourself.
import { data, h } from '../dom';
import { call } from '../rpc';
import { button, buttons } from '../controls';
import { statusText } from '../logWords';
import { clearStatus, server, setStatus, t } from '../store';

export function previewSection(): Array<Node | null> {
  const output = h('div', { id: 'preview-output', 'aria-live': 'polite' });
  const load = async () => {
    clearStatus('preview');
    const preview = await call('sidebarPreview');
    if (preview.stopped) output.replaceChildren(h('p', { class: 'error' }, server(preview.stopped)));
    else if (preview.reminders.length === 0) output.replaceChildren(h('p', {}, t('nothingDue')));
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
            ),
          ),
        ),
      );
  };
  const sendTest = async () => {
    const message = await call('sidebarSendTest');
    setStatus('preview', server(message), false);
  };
  return [buttons(button(t('loadPreview'), load, 'action'), button(t('sendTest'), sendTest)), output];
}
