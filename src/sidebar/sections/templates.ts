// Templates: one per step and language, with a live preview as it is typed.
import * as checks from '../checks';
import { clearProblems, data, field, h } from '../dom';
import type { Language, MessageKind, Template } from '../../shared/contract';
import { MESSAGE_KINDS } from '../../core/reminders/kinds';
import type { LabelKey } from '../i18n';
import { call } from '../rpc';
import { summary, templateChanges } from '../changes';
import { button, buttons, checkAll, languageOptions, refused, select, textArea, textInput, viewOnly } from '../controls';
import { dirty, notices, onOpen, open, render, server, setStatus, state, t, templates, tn } from '../store';

/** The template shown: its step and language (the page's language at first). */
export const templateChoice: { kind: MessageKind; language: Language } = { kind: 'overdue', language: 'en' };

export function templatesSection(): Array<Node | null> {
  const { kind, language: templateLanguage } = templateChoice;
  const template: Template = templates[kind][templateLanguage];
  const path = `${kind}.${templateLanguage}`;
  // Live: the preview follows the typing, a moment after it stops.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void refresh(), 400);
  };
  const subject = textInput(template.subject, (value) => {
    template.subject = value;
    later();
  }, 'templates', { check: checks.braces });
  const body = textArea(template.body, 10, (value) => {
    template.body = value;
    later();
  }, 'templates', checks.braces);
  const frame = h('iframe', { title: t('livePreview'), sandbox: '', class: 'preview-frame' });
  const caption = h('p', { class: 'secondary', id: 'template-preview-caption', 'aria-live': 'polite' });
  const refresh = async () => {
    const rendered = await call('sidebarRenderTemplate', kind, templateLanguage, template).catch((error: unknown) => {
      caption.replaceChildren(h('span', { class: 'error' }, server(error instanceof Error ? error.message : String(error))));
      return null;
    });
    if (!rendered) return;
    caption.replaceChildren(...(rendered.customer ? [...tn('previewFor', { customer: data(rendered.customer) }), ': ', data(rendered.subject)] : [t('noCustomerToShow')]));
    // At 300 px the mail's tables shrink to the frame: columns share the width, words wrap whole, amounts keep their no-break spaces.
    frame.srcdoc = `<style>body{margin:0}table{width:100%!important}td{white-space:normal!important;overflow-wrap:break-word;padding-right:3px!important}body>table>tbody>tr>td{padding:2px!important}table table table{font-size:12px!important}img{max-width:100%!important;height:auto!important}</style>${rendered.html}`;
  };
  const save = async () => {
    const container = document.getElementById('section-templates') as HTMLElement;
    clearProblems(container);
    if (!checkAll(container)) return setStatus('templates', t('notSaved'), true);
    const result = await call('sidebarSaveTemplates', templates);
    if (!result.ok) return refused('templates', container, result.problems);
    const changes = templateChanges(state.templates, templates);
    dirty.delete('templates');
    notices.set('templates', { text: summary(changes), error: false });
    state.templates = structuredClone(templates);
    render();
  };
  onOpen.templates = () => void refresh();
  if (open.has('templates')) void refresh();
  return [
    h(
      'div',
      { class: 'row' },
      field(
        t('kind'),
        viewOnly(select(
          MESSAGE_KINDS.map((option): [string, string] => [option, t(`kind.${option}` as LabelKey)]),
          kind,
          (value) => {
            templateChoice.kind = value as MessageKind;
            render();
          },
        )),
        'templates.kind',
      ),
      field(
        t('language'),
        viewOnly(select(languageOptions(), templateLanguage, (value) => {
          templateChoice.language = value as Language;
          render();
        })),
        'templates.language',
      ),
    ),
    field(t('subject'), subject, `${path}.subject`),
    field(t('body'), body, `${path}.body`),
    h('p', { class: 'hint' }, `${t('placeholders')}: `, data('{{customer}} {{invoices}} {{total}} {{oldest_due_date}} {{days_overdue}} {{late_fee}} {{sender}} {{payment_details}}')),
    buttons(viewOnly(button(t('livePreview'), refresh)), button(t('save'), save, 'action')),
    caption,
    frame,
  ];
}
