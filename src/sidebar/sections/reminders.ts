// Reminders: the cadence's steps, when and from whom they are sent.
import * as checks from '../checks';
import { field, h } from '../dom';
import type { Language } from '../../shared/contract';
import { CHANNELS, TEMPLATE_KINDS, type Channel, type TemplateKind } from '../../core/reminders/kinds';
import type { LabelKey } from '../i18n';
import { savePolicy } from '../changes';
import { button, buttons, checkbox, languageOptions, numberInput, select, textArea, textInput } from '../controls';
import { draft, markDirty, render, t } from '../store';

export function remindersSection(): Array<Node | null> {
  const templateOptions = TEMPLATE_KINDS.map((kind): [string, string] => [kind, t(`kind.${kind}` as LabelKey)]);
  const channelOptions = CHANNELS.map((channel): [string, string] => [channel, t(`channel.${channel}` as LabelKey)]);
  const move = (from: number, to: number) => {
    if (to < 0 || to >= draft.steps.length) return;
    const [step] = draft.steps.splice(from, 1);
    draft.steps.splice(to, 0, step);
    markDirty('reminders');
    render();
    document.getElementById(`step-${to}-offset`)?.focus();
  };
  const steps = draft.steps.map((step, k) => {
    const offset = numberInput(step.offsetDays, (value) => (step.offsetDays = value), 'reminders', { min: -90, max: 365 });
    offset.id = `step-${k}-offset`;
    return h(
      'fieldset',
      { class: 'step', 'data-step': k },
      h('legend', {}, `${t('step')} ${k + 1}`),
      h(
        'div',
        { class: 'row' },
        field(t('offsetDays'), offset, `steps.${k}.offsetDays`),
        field(t('lateFee'), numberInput(step.lateFee, (value) => (step.lateFee = value), 'reminders', { min: 0, step: '0.01' }, checks.amount), `steps.${k}.lateFee`),
      ),
      h(
        'div',
        { class: 'step-lists' }, // one under the other: each option's whole name fits the sidebar's width, in both languages
        field(
          t('template'),
          select(templateOptions, step.template, (value) => {
            step.template = value as TemplateKind;
            markDirty('reminders');
          }),
          `steps.${k}.template`,
        ),
        field(
          t('channel'),
          select(channelOptions, step.channel ?? 'email', (value) => {
            step.channel = value as Channel;
            markDirty('reminders');
          }),
          `steps.${k}.channel`,
        ),
      ),
      h(
        'div',
        { class: 'buttons compact' },
        button(t('moveUp'), () => move(k, k - 1), 'secondary', k === 0 ? { disabled: '' } : {}),
        button(t('moveDown'), () => move(k, k + 1), 'secondary', k === draft.steps.length - 1 ? { disabled: '' } : {}),
        button(t('remove'), () => {
          draft.steps.splice(k, 1);
          markDirty('reminders');
          render();
        }),
      ),
    );
  });
  return [
    h('div', { id: 'steps', 'data-field': 'steps' }, ...steps),
    buttons(
      button(t('addStep'), () => {
        const last = draft.steps[draft.steps.length - 1]?.offsetDays ?? 0;
        draft.steps.push({ offsetDays: last + 7, template: 'overdue', lateFee: 0, channel: 'email' });
        markDirty('reminders');
        render();
      }),
    ),
    field(t('sendHour'), numberInput(draft.sendHour, (value) => (draft.sendHour = value), 'reminders', { min: 0, max: 23 }), 'sendHour'),
    field(t('skipWeekends'), checkbox(draft.skipWeekends, (value) => (draft.skipWeekends = value), 'reminders'), 'skipWeekends'),
    field(t('minimumGapDays'), numberInput(draft.minimumGapDays, (value) => (draft.minimumGapDays = value), 'reminders', { min: 1, max: 60 }), 'minimumGapDays'),
    field(t('senderName'), textInput(draft.senderName, (value) => (draft.senderName = value), 'reminders'), 'senderName'),
    field(t('replyTo'), textInput(draft.replyTo, (value) => (draft.replyTo = value), 'reminders', { type: 'email', check: checks.email }), 'replyTo'),
    field(t('cc'), textInput(draft.cc, (value) => (draft.cc = value), 'reminders', { check: checks.emails }), 'cc'),
    field(t('copyToSelf'), checkbox(draft.copyToSelf, (value) => (draft.copyToSelf = value), 'reminders'), 'copyToSelf'),
    field(t('paymentDetails'), textArea(draft.paymentDetails, 3, (value) => (draft.paymentDetails = value), 'reminders'), 'paymentDetails'),
    field(t('signature'), textArea(draft.signature, 3, (value) => (draft.signature = value), 'reminders'), 'signature'),
    // What Russian-speaking customers read instead of the fields above.
    field(t('senderNameRu'), textInput(draft.senderByLanguage.ru.senderName, (value) => (draft.senderByLanguage.ru.senderName = value), 'reminders'), 'senderByLanguage.ru.senderName'),
    field(t('paymentDetailsRu'), textArea(draft.senderByLanguage.ru.paymentDetails, 3, (value) => (draft.senderByLanguage.ru.paymentDetails = value), 'reminders'), 'senderByLanguage.ru.paymentDetails'),
    field(t('signatureRu'), textArea(draft.senderByLanguage.ru.signature, 3, (value) => (draft.senderByLanguage.ru.signature = value), 'reminders'), 'senderByLanguage.ru.signature'),
    field(
      t('customerLanguage'),
      select(languageOptions(), draft.language, (value) => {
        draft.language = value as Language;
        markDirty('reminders');
      }),
      'language',
    ),
    buttons(button(t('save'), () => savePolicy('reminders'), 'action')),
  ];
}
