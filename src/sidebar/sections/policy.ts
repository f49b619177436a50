// Policy: terms, grace, minimum balance, interest, and the rules by amount.
import * as checks from '../checks';
import { field, h } from '../dom';
import { templateForOffset } from '../../core/reminders/kinds';
import { savePolicy } from '../changes';
import { button, buttons, checkbox, numberInput, textInput } from '../controls';
import { draft, markDirty, render, state, t } from '../store';

/** The spreadsheet's currency: a code is data, not text to translate. */
function currencyInput(): HTMLInputElement {
  const input = textInput(draft.currency, (value) => (draft.currency = value.trim().toUpperCase()), 'policy', { check: checks.currency, placeholder: state.localeCurrency });
  input.setAttribute('translate', 'no');
  return input;
}

export function policySection(): Array<Node | null> {
  const rules = draft.amountRules.map((rule, k) =>
    h(
      'fieldset',
      {},
      h('legend', {}, `${t('amountRules')} ${k + 1}`),
      field(t('ruleMinimum'), numberInput(rule.minimumBalance, (value) => (rule.minimumBalance = value), 'policy', { min: 0, step: '0.01' }, checks.amount), `amountRules.${k}.minimumBalance`),
      field(t('ruleCc'), textInput(rule.cc, (value) => (rule.cc = value), 'policy', { type: 'text', check: checks.emails }), `amountRules.${k}.cc`),
      field(
        t('ruleSteps'),
        textInput(
          rule.extraSteps.map((step) => step.offsetDays).join(', '),
          (value) => {
            rule.extraSteps = value
              .split(/[,;\s]+/)
              .filter(Boolean)
              .map((part) => ({ offsetDays: Number(part), template: templateForOffset(Number(part)), lateFee: 0, channel: 'email' as const }));
          },
          'policy',
          { check: checks.dayList },
        ),
        `amountRules.${k}.extraSteps`,
      ),
      buttons(
        button(t('remove'), () => {
          draft.amountRules.splice(k, 1);
          markDirty('policy');
          render();
        }),
      ),
    ),
  );
  return [
    h(
      'div',
      { class: 'row' },
      field(t('termsDays'), numberInput(draft.termsDays, (value) => (draft.termsDays = value), 'policy', { min: 0, max: 365 }), 'termsDays'),
      field(t('graceDays'), numberInput(draft.graceDays, (value) => (draft.graceDays = value), 'policy', { min: 0, max: 60 }), 'graceDays'),
    ),
    field(
      t('currency'),
      currencyInput(),
      'currency',
    ),
    field(t('minimumBalance'), numberInput(draft.minimumBalance, (value) => (draft.minimumBalance = value), 'policy', { min: 0, step: '0.01' }, checks.amount), 'minimumBalance'),
    field(t('yearlyInterestPercent'), numberInput(draft.yearlyInterestPercent, (value) => (draft.yearlyInterestPercent = value), 'policy', { min: 0, max: 100, step: '0.1' }, checks.amount), 'yearlyInterestPercent'),
    // The cadence that learns (issue 27, item 4): off until the owner turns it on, within the days set here.
    h(
      'div',
      { class: 'row' },
      field(t('learningOn'), checkbox(draft.learning.enabled, (value) => (draft.learning.enabled = value), 'policy'), 'learning.enabled'),
      field(t('learningDays'), numberInput(draft.learning.maxShiftDays, (value) => (draft.learning.maxShiftDays = value), 'policy', { min: 1, max: 30 }), 'learning.maxShiftDays'),
    ),
    h('h3', {}, t('amountRules')),
    ...rules,
    buttons(
      button(t('addRule'), () => {
        draft.amountRules.push({ minimumBalance: 0, extraSteps: [], cc: '' });
        markDirty('policy');
        render();
      }),
      button(t('save'), () => savePolicy('policy'), 'action'),
    ),
  ];
}
