import { describe, expect, it } from 'vitest';
import { calendarDay } from '../../src/core/calendar';
import { TEMPLATE_KINDS } from '../../src/core/reminders/policy';
import { DEFAULT_TEMPLATES, formatDay, formatMoney, renderReminder, unknownPlaceholders, validateTemplates, type ReminderValues } from '../../src/core/reminders/templates';

const values: ReminderValues = {
  customer: 'Bob & Sons <script>alert(1)</script>',
  contact: 'Bob & Sons <script>alert(1)</script>',
  invoices: [
    {
      heading: 'Overdue',
      columns: ['Invoice', 'Due date', 'Days overdue', 'Amount'],
      numericColumns: [2],
      rows: [['INV-1 <b>', 'March 1, 2026', '9', '$100.00']],
      summary: [{ label: 'Total overdue', amount: '$100.00', bold: true }],
    },
  ],
  total: '$100.00',
  oldest_due_date: 'March 1, 2026',
  days_overdue: '9',
  late_fee: '$0.00',
  sender: 'Ann\r\nBcc: all@example.com',
  signature: 'Ann <Accounts>',
  payment_details: 'IBAN DE00 0000',
  fields: { paylink: 'https://pay.example.com/bob?a=1&b=2', manager: 'Jo' },
};

describe('renderReminder', () => {
  it('escapes every typed value in the HTML body and renders the invoices as a table with amounts right-aligned', () => {
    const { html, text } = renderReminder(DEFAULT_TEMPLATES.en.overdue, values, 'en');
    expect(html).not.toContain('<script>');
    expect(html).toContain('Bob &amp; Sons &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toMatch(/<td align="left"[^>]*>INV-1 &lt;b&gt;<\/td><td align="left"[^>]*>March 1, 2026<\/td><td align="right"[^>]*>9<\/td><td align="right"[^>]*>\$100\.00<\/td>/);
    expect(html).toContain('Ann &lt;Accounts&gt;');
    expect(text).toContain('Dear Bob & Sons <script>alert(1)</script>,');
    expect(text).toContain('Overdue\nInvoice     Due date        Days overdue    Amount\nINV-1 <b>   March 1, 2026              9   $100.00\nTotal overdue                              $100.00');
  });

  it('writes HTML that mail clients show as meant: tables, inline styles, nothing fetched from outside', () => {
    const { html } = renderReminder(DEFAULT_TEMPLATES.ru.final, values, 'ru');
    expect(html).not.toMatch(/<link|<script|<style|<img|url\(|src=|class=/i);
    expect(html).toMatch(/^<!DOCTYPE html><html lang="ru">/);
    expect(html).toContain('<table role="presentation"');
  });

  it('keeps the subject on one line whatever was typed', () => {
    const { subject } = renderReminder({ subject: 'From {{sender}}: {{total}}', body: '' }, values, 'en');
    expect(subject).toBe('From Ann Bcc: all@example.com: $100.00');
  });

  it('fills a placeholder named by a column header, and shows an unknown one as typed, marked', () => {
    const rendered = renderReminder({ subject: 'Pay {{total}}', body: 'Pay here: {{ Pay link }}, ask {{MANAGER}} or {{Contract}}.' }, values, 'en');
    expect(rendered.text).toBe('Pay here: https://pay.example.com/bob?a=1&b=2, ask Jo or {{Contract}}.');
    expect(rendered.html).toContain('https://pay.example.com/bob?a=1&amp;b=2');
    expect(rendered.html).toContain('<span style="background:#fce8e6;color:#a50e0e">{{Contract}}</span>');
    expect(rendered.unknown).toEqual(['Contract']);
  });

  it('has every step in English and Russian, ending with the signature and the payment details, with no unknown placeholder', () => {
    for (const language of ['en', 'ru'] as const) {
      for (const kind of [...TEMPLATE_KINDS, 'promise-broken'] as const) {
        const template = DEFAULT_TEMPLATES[language][kind];
        expect(unknownPlaceholders(template)).toEqual([]);
        expect(template.body).toMatch(/\{\{signature\}\}\n\n[^\n{]+\n\{\{payment_details\}\}$/);
        // No figure in the wording that could disagree with the invoice tables.
        expect(template.body).not.toMatch(/days_overdue|late_fee|\{\{total\}\}/);
        const rendered = renderReminder(template, values, language);
        expect(rendered.text).not.toMatch(/\{\{/);
        expect(rendered.text.endsWith(values.payment_details)).toBe(true);
      }
    }
    expect(unknownPlaceholders({ subject: '{{totl}}', body: '{{customer}}' })).toEqual(['totl']);
  });
});

describe('validateTemplates', () => {
  it('takes every column header as a placeholder and refuses an unknown one under the field it is in', () => {
    const columns = ['Customer', 'Pay link', 'Contract'];
    expect(validateTemplates({ overdue: { en: { subject: 'Contract {{contract}}', body: 'Pay at {{Pay link}}' } } }, columns).ok).toBe(true);
    const result = validateTemplates({ overdue: { en: { subject: 'Due {{Manager}}', body: 'Pay at {{Pay lnk}} {{total}}' } } }, columns);
    expect(result.ok ? [] : result.problems.map((problem) => [problem.field, problem.message.slice(0, 25)])).toEqual([
      ['overdue.en.subject', 'uses {{Manager}}, which i'],
      ['overdue.en.body', 'uses {{Pay lnk}}, which i'],
    ]);
  });
});

describe('formatting', () => {
  it('writes amounts and dates in the reminder language and the spreadsheet locale', () => {
    expect(formatMoney(123456, 'USD', 'en', 'en_US')).toBe('$1,234.56');
    expect(formatMoney(123456, 'RUB', 'ru', 'ru_RU').replace(/\s/g, ' ')).toBe('1 234,56 ₽');
    expect(formatDay(calendarDay(2026, 12, 1), 'en', 'en_US')).toBe('December 1, 2026');
    expect(formatDay(calendarDay(2026, 12, 1), 'en', 'en_GB')).toBe('1 December 2026');
    expect(formatDay(calendarDay(2026, 12, 1), 'ru', 'ru_RU')).toBe('1 декабря 2026 г.');
    // A Russian customer of an American spreadsheet reads Russian.
    expect(formatDay(calendarDay(2026, 12, 1), 'ru', 'en_US')).toBe('1 декабря 2026 г.');
  });
});
