// Payment details: a block per currency of the invoice table (issue 26),
// each field checked as the person leaves it (the server checks again on
// save), and the pay link template.
import { data, field, h, setFieldError } from '../dom';
import { emptyPayee, payeeProblems, type Payee } from '../../core/paying/payeeRules';
import { payLinkSitesProblem, payLinkTemplateProblem } from '../../core/paying/payLink';
import type { PayeeBlock } from '../../shared/contract';
import type { LabelKey } from '../i18n';
import { savePolicy } from '../changes';
import { button, buttons, textArea, textInput } from '../controls';
import { draft, server, state, t } from '../store';

/** The label of a field in a currency's block: a Russian transfer names its account and BIC as Russian banks do. */
const fieldLabel = (currency: string, name: keyof Payee) => t((currency === 'RUB' && (name === 'account' || name === 'bic') ? `payee.${name}.RUB` : `payee.${name}`) as LabelKey);

/** Shows each field's problem (in the page's language) under it, and clears the others, for one block. */
function checkBlock(container: HTMLElement, currency: string): void {
  const problems = payeeProblems(currency, draft.payees[currency] ?? emptyPayee());
  container.querySelectorAll<HTMLInputElement>('input, textarea').forEach((control) => {
    const problem = problems.find((entry) => control.dataset.field === `payees.${currency}.${entry.field}`);
    setFieldError(control, problem ? server(problem.message) : null);
  });
}

function block({ currency, fields, inTable }: PayeeBlock): HTMLElement {
  const set = (name: keyof Payee, value: string) => {
    const payee = { ...emptyPayee(), ...draft.payees[currency], [name]: value };
    // A block left all empty is no entry: the policy keeps only what was filled in.
    if (Object.values(payee).every((text) => text.trim() === '')) delete draft.payees[currency];
    else draft.payees[currency] = payee;
  };
  const value = (name: keyof Payee) => draft.payees[currency]?.[name] ?? '';
  const container = h('fieldset', { class: 'payee', 'data-currency': currency }, h('legend', {}, data(currency), inTable ? '' : ` ${t('payeeNotInTable')}`));
  for (const name of fields) {
    const control = name === 'note' ? textArea(value(name), 2, (text) => set(name, text), 'payees') : textInput(value(name), (text) => set(name, text), 'payees');
    if (name !== 'name' && name !== 'bank' && name !== 'note') control.setAttribute('translate', 'no');
    control.addEventListener('change', () => checkBlock(container, currency));
    const group = field(fieldLabel(currency, name), control, `payees.${currency}.${name}`);
    // IBAN and SWIFT BIC are names of codes in every language.
    if (name === 'iban' || (name === 'bic' && currency !== 'RUB')) group.querySelector('label')?.setAttribute('translate', 'no');
    container.append(group);
  }
  return container;
}

export function payeesSection(): Array<Node | null> {
  const template = textInput(draft.payLinkTemplate, (text) => (draft.payLinkTemplate = text.trim()), 'payees', { placeholder: 'https://…' });
  template.setAttribute('translate', 'no');
  template.addEventListener('change', () => {
    const problem = payLinkTemplateProblem(template.value.trim());
    setFieldError(template, problem ? server(problem) : null);
  });
  const sites = textInput(draft.payLinkSites, (text) => (draft.payLinkSites = text.trim()), 'payees', { placeholder: 'invoice.stripe.com, paypal.me' });
  sites.setAttribute('translate', 'no');
  sites.addEventListener('change', () => {
    const problem = payLinkSitesProblem(sites.value.trim());
    setFieldError(sites, problem ? server(problem) : null);
  });
  return [
    h('p', { class: 'meta' }, t('payeesHint')),
    ...state.payees.map(block),
    field(t('payLinkTemplate'), template, 'payLinkTemplate', t('payLinkHint')),
    field(t('payLinkSites'), sites, 'payLinkSites', t('payLinkSitesHint')),
    buttons(button(t('save'), () => savePolicy('payees'), 'action')),
  ];
}
