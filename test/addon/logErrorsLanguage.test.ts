// Issue 22, item 4: the Reminder log's errors are in the spreadsheet's
// language: a ru_RU book's log says why in Russian, an en_US book's in English.
import { describe, expect, it } from 'vitest';
import { zonedInstant } from '../../runtime/index';
import { loadAddon, savePolicy, storedRows, type Addon } from '../support/addon';
import { INVOICE_HEADER as HEADER } from '../support/fiveCustomers';
import { readsRussian } from '../../src/core/reminders/logErrors';

const ZONE = 'Europe/Moscow';

function workbook(locale: string): Addon {
  const addon = loadAddon({ timeZone: ZONE, locale });
  savePolicy(addon);
  addon.runtime.setNow(zonedInstant(ZONE, 2026, 3, 10, 10));
  addon.spreadsheet.addSheet(
    'Invoices',
    storedRows(
      [
        HEADER,
        ['Acme', 'A-1', '2026-02-01', '2026-03-03', 100, '', '', 'USD', ''],
        ['Globex', 'G-1', '2026-02-01', '2026-03-03', 100, '', '', 'USD', 'not-an-address'],
        ['Initech', 'I-1', '2026-02-01', '2026-03-03', 100, '', '', 'USD', 'ap@initech.example.com'],
      ],
      ZONE,
    ),
  );
  return addon;
}

const errors = (addon: Addon) => addon.spreadsheet.sheet('Reminder log')!.values.slice(1).map((row) => [row[1], row[5], row[6]]);

describe('the Reminder log\'s errors', () => {
  it('in a ru_RU book: in Russian, the quota included', () => {
    const addon = workbook('ru_RU');
    addon.runtime.outbox.remainingQuota = 0;
    addon.runtime.run('sendDueReminders');
    expect(addon.runtime.outbox.sent).toEqual([]);
    expect(errors(addon)).toEqual([
      ['Acme', 'ошибка', 'у клиента нет адреса почты'],
      ['Globex', 'ошибка', '«not-an-address» — не адрес почты'],
      ['Initech', 'отложено', 'дневная квота писем исчерпана (осталось 0)'],
    ]);
  });

  it('in an en_US book: in English', () => {
    const addon = workbook('en_US');
    addon.runtime.outbox.remainingQuota = 0;
    addon.runtime.run('sendDueReminders');
    expect(errors(addon)).toEqual([
      ['Acme', 'error', 'no email address for this customer'],
      ['Globex', 'error', '"not-an-address" is not a valid email address'],
      ['Initech', 'deferred', 'the daily mail quota is used up (0 left)'],
    ]);
  });

  it('shown by the Russian sidebar as written, not as a refusal of the server', () => {
    const addon = workbook('ru_RU');
    addon.runtime.run('sendDueReminders');
    const written = errors(addon).map(([, , error]) => String(error)).filter(Boolean);
    expect(written).toHaveLength(2);
    for (const error of written) expect(readsRussian(error)).toBe(true);
    // An English text, even naming a Russian customer, still gets its Russian words.
    expect(readsRussian('no email address for this customer')).toBe(false);
    expect(readsRussian('"ООО Ромашка" is not a valid email address')).toBe(false);
  });
});
