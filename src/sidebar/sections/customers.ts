// Customers: a searchable list, one line each; one editor, for the chosen one.
import * as checks from '../checks';
import { clearProblems, data, field, h } from '../dom';
import type { CustomerRow } from '../../shared/contract';
import type { LabelKey } from '../i18n';
import { call } from '../rpc';
import { change } from '../changes';
import { button, buttons, checkAll, checkbox, languageOptions, lockControls, lockLine, refused, select, textInput, viewOnly } from '../controls';
import { clearStatus, dirty, markDirty, notices, render, setStatus, state, t } from '../store';

let customerSearch = '';
/** The manager whose customers are listed: '' all, NO_MANAGER those with none. */
let managerFilter = '';
const NO_MANAGER = '\u0000';

/** Who collects from the customer: the Customers sheet's Manager, else the invoice table's (issue 27). */
export const managerOfRow = (row: CustomerRow): string => (row.manager ?? '').trim() || (row.tableManager ?? '').trim();

/** The managers named for any customer, once each (by case-blind name), in order. */
function managerChoices(): string[] {
  const seen = new Map<string, string>();
  for (const row of state.customers) {
    const name = managerOfRow(row);
    if (name && !seen.has(name.toLowerCase())) seen.set(name.toLowerCase(), name);
  }
  return [...seen.values()].sort((a, b) => a.localeCompare(b));
}
/** The customer whose editor is open: the row as saved, and the one being edited. */
let editing: { saved: CustomerRow; row: CustomerRow } | null = null;

export function customerStates(row: CustomerRow): Array<{ text: string; tone: 'warn' | 'info' | 'ok' | '' }> {
  const states: Array<{ text: string; tone: 'warn' | 'info' | 'ok' | '' }> = [];
  if (row.doNotRemind) states.push({ text: t('state.doNotRemind'), tone: 'warn' });
  if (row.disputed) states.push({ text: t('state.disputed'), tone: 'warn' });
  if (row.pausedUntil) states.push({ text: t('state.paused', { date: row.pausedUntil }), tone: 'info' });
  if (row.promiseBy) states.push({ text: t('state.promised', { date: row.promiseBy }), tone: 'info' });
  if (row.plan.trim()) states.push({ text: t('state.plan'), tone: 'info' });
  if (row.ownSteps.trim()) states.push({ text: t('state.ownSteps'), tone: '' });
  if (states.length === 0) states.push({ text: t('state.usual'), tone: 'ok' });
  return states;
}

export function customersSection(): Array<Node | null> {
  const search = viewOnly(h('input', { type: 'search', value: customerSearch, autocomplete: 'off' }));
  search.addEventListener('input', () => {
    customerSearch = search.value;
    const list = customerList();
    document.getElementById('customer-list')?.replaceWith(lockLine('customers') ? lockControls(list) : list);
  });
  if (state.customers.length === 0) return [h('p', { class: 'secondary' }, t('noCustomers'))];
  const managers = managerChoices();
  // A filter only where a Manager column names someone; it only chooses what is shown.
  const byManager = managers.length
    ? field(
        t('field.manager'),
        viewOnly(
          select([['', t('allManagers')], [NO_MANAGER, t('noManager')], ...managers.map((name): [string, string] => [name, name])], managerFilter, (value) => {
            managerFilter = value;
            const list = customerList();
            document.getElementById('customer-list')?.replaceWith(lockLine('customers') ? lockControls(list) : list);
          }, true),
        ),
        'customers.manager',
      )
    : null;
  return [collectionsNotes(), field(t('search'), search, 'customers.search'), byManager, customerList()];
}

/** Who is on credit hold, and whose contact a call found wrong (from the Collections sheet). */
export function collectionsNotes(): HTMLElement | null {
  const { onHold, wrongContact, overdueDays } = state.collections;
  const handTyped = state.collections.handTyped ?? [];
  if (onHold.length === 0 && wrongContact.length === 0 && handTyped.length === 0) return null;
  return h(
    'div',
    { class: 'block', id: 'collections-notes' },
    // Names and currency codes are data, not text to translate; no currency, no space before the colon.
    onHold.length
      ? h('div', {}, h('strong', {}, t('onHold')), h('ul', {}, ...onHold.map((hold) => h('li', {}, data(hold.customer), ...(hold.currency ? [' ', data(hold.currency)] : []), `: ${hold.reasons.map((reason) => t(`hold.${reason}`, { days: overdueDays })).join(', ')}`))))
      : null,
    wrongContact.length ? h('div', {}, h('strong', {}, t('wrongContact')), h('ul', {}, ...wrongContact.map((customer) => h('li', {}, data(customer))))) : null,
    handTyped.length ? h('p', { id: 'collections-hand-typed' }, t('handTyped', { count: handTyped.length, rows: handTyped.slice(0, 10).join(', ') + (handTyped.length > 10 ? ', …' : '') })) : null,
  );
}

export function customerList(): HTMLElement {
  const query = customerSearch.trim().toLowerCase();
  const manager = managerFilter.toLowerCase();
  const managed = (row: CustomerRow) => !managerFilter || (managerFilter === NO_MANAGER ? !managerOfRow(row) : managerOfRow(row).toLowerCase() === manager);
  const rows = state.customers.filter((row) => managed(row) && (!query || row.customer.toLowerCase().includes(query) || row.email.toLowerCase().includes(query)));
  const filtered = query || managerFilter;
  const items = rows.map((row) => {
    const chosen = editing?.saved.customer === row.customer;
    const choose = h(
      'button',
      { type: 'button', class: 'item', 'data-view': '', 'aria-pressed': chosen ? 'true' : 'false', 'aria-expanded': chosen ? 'true' : 'false', 'data-customer': row.customer },
      data(row.customer, 'strong'),
      row.email ? h('span', { class: 'meta', translate: 'no' }, row.email) : null,
      managerOfRow(row) ? h('span', { class: 'meta manager', translate: 'no' }, managerOfRow(row)) : null,
      h('span', { class: 'chips' }, ...customerStates(row).map((entry) => h('span', { class: `chip ${entry.tone}` }, entry.text))),
    );
    choose.addEventListener('click', () => {
      editing = chosen ? null : { saved: structuredClone(row), row: structuredClone(row) };
      clearStatus('customers');
      render();
      if (editing) document.getElementById('customer-email')?.focus();
    });
    return h('li', { class: 'has-item' }, choose, chosen && editing ? customerForm(editing.row, editing.saved) : null);
  });
  return h(
    'div',
    { id: 'customer-list' },
    h('p', { class: 'hint' }, filtered ? t('customersShown', { shown: rows.length, total: state.customers.length }) : t('chooseCustomer')),
    h('ul', { class: 'list' }, ...(items.length ? items : [h('li', { class: 'empty' }, t('noMatch'))])),
  );
}

export const CUSTOMER_LABELS: Array<[keyof CustomerRow, LabelKey]> = [
  ['email', 'email'],
  ['language', 'language'],
  ['doNotRemind', 'doNotRemind'],
  ['pausedUntil', 'pausedUntil'],
  ['promiseBy', 'promiseBy'],
  ['disputed', 'disputed'],
  ['ownSteps', 'ownSteps'],
  ['plan', 'plan'],
  ['manager', 'field.manager'],
];

export function customerForm(row: CustomerRow, saved: CustomerRow): HTMLElement {
  const email = textInput(row.email, (value) => (row.email = value), 'customers', { check: checks.emails });
  email.id = 'customer-email';
  const save = async () => {
    const form = document.getElementById('customer-form') as HTMLElement;
    clearProblems(form);
    if (!checkAll(form)) return setStatus('customers', t('notSaved'), true);
    const result = await call('sidebarSaveCustomer', row);
    if (!result.ok) return refused('customers', form, result.problems.map((problem) => ({ ...problem, field: `customer.${problem.field}` })));
    const index = state.customers.findIndex((existing) => existing.customer === row.customer);
    if (index >= 0) state.customers[index] = structuredClone(row);
    const changes = CUSTOMER_LABELS.filter(([key]) => row[key] !== saved[key]).map(([key, labelKey]) => change(t(labelKey), saved[key], row[key]));
    editing = null;
    dirty.delete('customers');
    notices.set('customers', { text: changes.length ? t('savedCustomer', { customer: row.customer, changes: changes.join('; ') }) : t('savedNothing'), error: false });
    render();
  };
  return h(
    'fieldset',
    { id: 'customer-form' },
    h('legend', {}, data(row.customer)),
    field(t('email'), email, 'customer.email'),
    field(
      t('language'),
      select([['', t('lang.none')], ...languageOptions()], row.language, (value) => {
        row.language = value;
        markDirty('customers');
      }),
      'customer.language',
    ),
    field(t('doNotRemind'), checkbox(row.doNotRemind, (value) => (row.doNotRemind = value), 'customers'), 'customer.doNotRemind'),
    field(t('disputed'), checkbox(row.disputed, (value) => (row.disputed = value), 'customers'), 'customer.disputed'),
    h(
      'div',
      { class: 'row' },
      field(t('pausedUntil'), textInput(row.pausedUntil, (value) => (row.pausedUntil = value), 'customers', { type: 'date', check: checks.date }), 'customer.pausedUntil'),
      field(t('promiseBy'), textInput(row.promiseBy, (value) => (row.promiseBy = value), 'customers', { type: 'date', check: checks.date }), 'customer.promiseBy'),
    ),
    field(t('ownSteps'), textInput(row.ownSteps, (value) => (row.ownSteps = value), 'customers', { check: checks.dayList, placeholder: '-3, 0, 10' }), 'customer.ownSteps'),
    field(t('plan'), textInput(row.plan, (value) => (row.plan = value), 'customers', { placeholder: '2026-04-01 500; 2026-05-01 500' }), 'customer.plan'),
    // The Customers sheet's Manager; the invoice table's shows as the placeholder where this is blank.
    field(t('field.manager'), textInput(row.manager ?? '', (value) => (row.manager = value), 'customers', { placeholder: row.tableManager ?? '' }), 'customer.manager'),
    buttons(
      button(t('save'), save, 'action'),
      viewOnly(
        button(t('close'), () => {
          editing = null;
          render();
        }),
      ),
    ),
  );
}
