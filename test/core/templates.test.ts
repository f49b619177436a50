import { describe, expect, it } from 'vitest';
import { calendarDay } from '../../src/core/calendar';
import { TEMPLATE_KINDS } from '../../src/core/reminders/policy';
import { DEFAULT_TEMPLATES, formatDay, formatMoney, renderReminder, unknownPlaceholders, type ReminderValues } from '../../src/core/reminders/templates';

const values: ReminderValues = {
  customer: 'Bob & Sons <script>alert(1)</script>',
  invoices: [{ number: 'INV-1 <b>', dueDate: '1 March 2026', amount: '$100.00' }],
  total: '$100.00',
  oldest_due_date: '1 March 2026',
  days_overdue: '9',
  late_fee: '$0.00',
  sender: 'Ann\r\nBcc: all@example.com',
  payment_details: 'IBAN DE00 0000',
};

describe('renderReminder', () => {
  it('escapes every typed value in the HTML body and renders the invoices as a table', () => {
    const { html, text } = renderReminder(DEFAULT_TEMPLATES.en.overdue, values, 'en');
    expect(html).not.toContain('<script>');
    expect(html).toContain('Bob &amp; Sons &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<td>INV-1 &lt;b&gt;</td><td>1 March 2026</td><td align="right">$100.00</td>');
    expect(text).toContain('Dear Bob & Sons <script>alert(1)</script>,');
    expect(text).toContain('INV-1 <b>\t1 March 2026\t$100.00');
  });

  it('keeps the subject on one line whatever was typed', () => {
    const { subject } = renderReminder({ subject: 'From {{sender}}: {{total}}', body: '' }, values, 'en');
    expect(subject).toBe('From Ann Bcc: all@example.com: $100.00');
  });

  it('has every step in English and Russian, with no unknown placeholder', () => {
    for (const language of ['en', 'ru'] as const) {
      for (const kind of [...TEMPLATE_KINDS, 'promise-broken'] as const) {
        expect(unknownPlaceholders(DEFAULT_TEMPLATES[language][kind])).toEqual([]);
        expect(renderReminder(DEFAULT_TEMPLATES[language][kind], values, language).text).not.toMatch(/\{\{/);
      }
    }
    expect(renderReminder(DEFAULT_TEMPLATES.ru.final, values, 'ru').html).toContain('<th align="left">Счёт</th>');
    expect(unknownPlaceholders({ subject: '{{totl}}', body: '{{customer}}' })).toEqual(['totl']);
  });
});

describe('formatting', () => {
  it('writes amounts and dates in the reminder language', () => {
    expect(formatMoney(123456, 'USD', 'en')).toBe('$1,234.56');
    expect(formatMoney(123456, 'RUB', 'ru').replace(/\s/g, ' ')).toBe('1 234,56 ₽');
    expect(formatDay(calendarDay(2026, 3, 31), 'en')).toBe('31 March 2026');
    expect(formatDay(calendarDay(2026, 3, 31), 'ru')).toBe('31 марта 2026 г.');
  });
});
