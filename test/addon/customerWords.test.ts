// No internal word ever reaches a customer (issue 12, item 7): an invoice
// table without an invoice-number column names each invoice by its date in
// the email, never by a row of the sheet, and no step id shows.
import { describe, expect, it } from 'vitest';
import { zonedInstant } from '../../runtime/index';
import { loadAddon, savePolicy, storedRows } from '../support/addon';

const ZONE = 'Europe/London';

describe('what a customer reads', () => {
  it('names an invoice without a number by its date, in the customer language, and never by a row', () => {
    const addon = loadAddon({ timeZone: ZONE, locale: 'en_GB' });
    addon.spreadsheet.addSheet(
      'Invoices',
      storedRows(
        [
          ['Customer', 'Invoice date', 'Due date', 'Amount', 'Currency', 'Email', 'Language'],
          ['Acme', '2026-02-01', '2026-03-03', 100, 'GBP', 'ap@acme.example.com', 'en'],
          ['Acme', '2026-02-05', '2026-03-07', 50, 'GBP', 'ap@acme.example.com', 'en'],
          ['ООО Ромашка', '2026-02-01', '2026-03-03', 5000, 'RUB', 'buh@romashka.example.ru', 'ru'],
        ],
        ZONE,
      ),
    );
    savePolicy(addon);
    addon.runtime.setNow(zonedInstant(ZONE, 2026, 3, 10, 10));
    addon.runtime.run('sendDueReminders');
    const mail = (to: string) => addon.runtime.outbox.sent.find((sent) => sent.to === to)!;
    const acme = mail('ap@acme.example.com');
    const romashka = mail('buh@romashka.example.ru');
    expect(acme.body).toContain('Invoice of 1 February 2026');
    expect(acme.body).toContain('Invoice of 5 February 2026');
    expect(romashka.body).toContain('Счёт от 1 февраля 2026');
    for (const sent of addon.runtime.outbox.sent) {
      for (const text of [sent.subject, sent.body, sent.htmlBody]) expect(text).not.toMatch(/\brow \d|строка \d|due-today|promise-broken|\+\d+ days/i);
    }
  });
});
