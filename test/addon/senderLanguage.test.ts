// Sender per language on the built add-on (issue 22, item 4): the Russian customer's email is signed and
// paid the Russian way; with the Russian signature left empty the preview warns that it is the English one.
import { describe, expect, it } from 'vitest';
import { zonedInstant } from '../../runtime/index';
import { loadAddon, savePolicy, storedRows } from '../support/addon';

const ZONE = 'Europe/Moscow';
const ru = { senderName: 'ООО «Продавец»', signature: 'Анна, бухгалтер ООО «Продавец»', paymentDetails: 'р/с 40702810000000000001 в ПАО Банк' };

function book() {
  const addon = loadAddon({ timeZone: ZONE, locale: 'ru_RU' });
  addon.spreadsheet.addSheet(
    'Invoices',
    storedRows(
      [
        ['Customer', 'Invoice No', 'Invoice date', 'Due date', 'Amount', 'Currency', 'Email', 'Language'],
        ['Acme', 'A-1', '2026-02-01', '2026-03-03', 100, 'GBP', 'ap@acme.example.com', 'en'],
        ['ООО Ромашка', 'R-1', '2026-02-01', '2026-03-03', 5000, 'RUB', 'buh@romashka.example.ru', 'ru'],
      ],
      ZONE,
    ),
  );
  // The customer's language is the Customers sheet's.
  addon.spreadsheet.addSheet('Customers', [
    ['Customer', 'Email', 'Language'],
    ['Acme', '', 'en'],
    ['ООО Ромашка', '', 'ru'],
  ]);
  addon.runtime.setNow(zonedInstant(ZONE, 2026, 3, 10, 10));
  return addon;
}

describe('the sender in the customer language', () => {
  it('signs the Russian customer in Russian and the English one in English', () => {
    const addon = book();
    savePolicy(addon, { senderByLanguage: { ru } });
    addon.runtime.run('sendDueReminders');
    const mail = (to: string) => addon.runtime.outbox.sent.find((sent) => sent.to === to)!;
    const romashka = mail('buh@romashka.example.ru');
    const acme = mail('ap@acme.example.com');
    expect(romashka.subject).toMatch(/просрочк/i);
    expect(romashka.name).toBe(ru.senderName);
    expect(romashka.body).toContain(ru.signature);
    expect(romashka.body).toContain(ru.paymentDetails);
    expect(acme.body).not.toContain(ru.signature);
    expect(acme.body).not.toContain(ru.paymentDetails);
  });

  it('with the Russian signature empty, the preview warns that the Russian customer gets the English one', () => {
    const addon = book();
    savePolicy(addon, { senderByLanguage: { ru: { ...ru, signature: '' } } });
    const preview = addon.runtime.scriptRun('sidebarPreview', []) as { notes: string[] };
    expect(preview.notes.filter((note) => /Russian signature/.test(note))).toEqual([expect.stringMatching(/ООО Ромашка gets the English one/)]);
    savePolicy(addon, { senderByLanguage: { ru } });
    const signed = addon.runtime.scriptRun('sidebarPreview', []) as { notes: string[] };
    expect(signed.notes.filter((note) => /Russian/.test(note))).toEqual([]);
  });
});
