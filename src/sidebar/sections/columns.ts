// Columns: which header each field of the invoice table is read from.
import { data, field, h } from '../dom';
import type { Policy } from '../../shared/contract';
import type { LabelKey } from '../i18n';
import { savePolicy } from '../changes';
import { button, buttons, select } from '../controls';
import { draft, markDirty, server, state, t, tn } from '../store';

export function columnsSection(): Array<Node | null> {
  const view = state.columns;
  if (!view) return [h('p', {}, t('noTable'))];
  const chosen = (fieldName: string) => draft.columns[fieldName as keyof Policy['columns']] ?? view.fields.find((entry) => entry.field === fieldName)?.header ?? '';
  const rows = view.sample.map(([customer, invoiceDate, dueDate, amount, paid, currency]) =>
    h(
      'li',
      {},
      data(customer, 'strong'),
      h('span', { class: 'meta' }, ...tn('sample', { date: invoiceDate || t('noDate'), due: dueDate, amount, paid, currency: data(currency) })),
    ),
  );
  return [
    h('p', { class: 'secondary' }, t('columnsIntro')),
    h('p', {}, `${t('sheet')}: `, data(view.sheet, 'strong')),
    ...view.fields.map((entry) =>
      field(
        t(`field.${entry.field}` as LabelKey),
        select(
          [['', t('notUsed')], ...view.headers.filter(Boolean).map((header): [string, string] => [header, header])],
          chosen(entry.field),
          (value) => {
            draft.columns = { ...draft.columns, [entry.field]: value };
            markDirty('columns');
          },
          true,
        ),
        `columns.${entry.field}`,
      ),
    ),
    h('h3', {}, t('firstRows')),
    h('ul', { class: 'list', id: 'columns-sample' }, ...rows),
    ...view.problems.map((problem) => h('p', { class: 'error' }, server(problem))),
    buttons(button(t('save'), () => savePolicy('columns'), 'action')),
  ];
}
