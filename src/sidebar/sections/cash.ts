// Cash: what the cash position needs beyond the books (issue 25): cash at
// hand per currency, the floor a balance must not fall below, how many weeks
// ahead to look, and where the outflows are. Its words live here, in both
// languages, so the shared dictionary gains only the section's name.
import type { Check } from '../checks';
import { data, field, h } from '../dom';
import { savePolicy } from '../changes';
import { button, buttons, numberInput, textInput } from '../controls';
import { draft, language, markDirty, render, t } from '../store';

const WORDS = {
  en: {
    intro: 'The daily run compares the payments expected from customers with what you must pay, and emails you (never a customer) when the balance may fall below the floor.',
    opening: 'Cash at hand',
    currency: 'Currency',
    amount: 'Amount',
    addCurrency: 'Add currency',
    floor: 'Floor: a week whose low balance is below it is a gap',
    horizon: 'Weeks ahead to look',
    outflows: 'Outflows range',
    outflowsHint: 'A sheet of payments due: Date, Amount, and optionally Payee, Currency, Repeat (weekly, monthly, quarterly, yearly), End date. Or a payables export.',
    remove: 'Remove',
    formulas: ['In a cell, ', ' and ', ' use these settings when the opening balance is left blank.'],
  },
  ru: {
    intro: 'Ежедневный запуск сравнивает ожидаемые оплаты клиентов с вашими платежами и пишет вам (никогда клиенту), если остаток может опуститься ниже порога.',
    opening: 'Остаток денег',
    currency: 'Валюта',
    amount: 'Сумма',
    addCurrency: 'Добавить валюту',
    floor: 'Порог: неделя, где нижний остаток ниже него, — разрыв',
    horizon: 'На сколько недель вперёд смотреть',
    outflows: 'Диапазон платежей',
    outflowsHint: 'Лист предстоящих платежей: Дата, Сумма и, если нужно, Получатель, Валюта, Повтор (еженедельно, ежемесячно, ежеквартально, ежегодно), Дата окончания. Или выгрузка кредиторской задолженности.',
    remove: 'Убрать',
    formulas: ['В ячейке ', ' и ', ' берут эти настройки, если остаток не указан.'],
  },
} as const;

/** An amount that may be below 0 (an overdraft, a floor under zero), at most two decimals. */
const signedAmount: Check = (text) => (/^-?\d+(\.\d{1,2})?$/.test(text.trim()) ? null : 'check.signedAmount');
const currencyCode: Check = (text) => (/^[A-Za-z]{3}$/.test(text.trim()) ? null : 'check.currencyCode');
/** A range with its sheet, as AR_CASHFLOW is given it: Outflows!A1:F200, 'Cash out'!A:F; or empty. */
const rangeWithSheet: Check = (text) => (text.trim() === '' || /^('([^']|'')+'|[^'!]+)!\$?[A-Za-z]{1,3}\$?\d*(:\$?[A-Za-z]{1,3}\$?\d*)?$/.test(text.trim()) ? null : 'check.range');

/** The rows being edited: a currency may be typed before its amount, so they outlive a render. */
let rows: Array<{ code: string; amount: number }> | null = null;
let rowsOf: object | null = null;

function keep(): void {
  draft.cash.openingBalances = Object.fromEntries((rows ?? []).filter((row) => /^[A-Z]{3}$/.test(row.code)).map((row) => [row.code, row.amount]));
}

export function cashSection(): Array<Node | null> {
  const words = WORDS[language];
  const cash = draft.cash;
  // A new draft (loaded, restored): its balances are the rows.
  if (rowsOf !== cash) {
    rows = Object.entries(cash.openingBalances).map(([code, amount]) => ({ code, amount }));
    rowsOf = cash;
  }
  const lines = (rows ?? []).map((row, k) => {
    const code = textInput(row.code, (value) => ((row.code = value.trim().toUpperCase()), keep()), 'cash', { check: currencyCode, placeholder: 'USD' });
    code.setAttribute('translate', 'no');
    code.classList.add('short');
    return h(
      'div',
      { class: 'row' },
      field(words.currency, code, `cash.openingBalances.${k}.currency`),
      field(words.amount, numberInput(row.amount, (value) => ((row.amount = value), keep()), 'cash', { step: '0.01' }, signedAmount), `cash.openingBalances.${k}.amount`),
      button(words.remove, () => {
        rows!.splice(k, 1);
        keep();
        markDirty('cash');
        render();
      }),
    );
  });
  const outflows = textInput(cash.outflowsRange, (value) => (cash.outflowsRange = value.trim()), 'cash', { check: rangeWithSheet, placeholder: 'Outflows!A1:F200' });
  outflows.setAttribute('translate', 'no');
  return [
    h('p', { class: 'meta' }, words.intro),
    h('h3', {}, words.opening),
    ...lines,
    buttons(
      button(words.addCurrency, () => {
        rows!.push({ code: '', amount: 0 });
        markDirty('cash');
        render();
      }),
    ),
    field(words.floor, numberInput(cash.floor, (value) => (cash.floor = value), 'cash', { step: '0.01' }, signedAmount), 'cash.floor'),
    field(words.horizon, numberInput(cash.horizonWeeks, (value) => (cash.horizonWeeks = value), 'cash', { min: 1, max: 52 }), 'cash.horizonWeeks'),
    field(words.outflows, outflows, 'cash.outflowsRange', words.outflowsHint),
    h('p', { class: 'hint' }, words.formulas[0], data('=AR_CASHFLOW(Invoices!A1:J, Outflows!A1:F, )'), words.formulas[1], data('=AR_COLLECT_FIRST(…)'), words.formulas[2]),
    buttons(button(t('save'), () => savePolicy('cash'), 'action')),
  ];
}
