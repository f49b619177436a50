// Issue 22, item 4: the statuses a run writes where the bookkeeper reads them
// (the Reminder log's Status, the invoice table's Last reminder column) are in
// the spreadsheet's language, the step named as the log names it, never by its
// id; a status in either language is read back, so nothing is sent twice.
import { describe, expect, it } from 'vitest';
import { zonedInstant } from '../../runtime/index';
import { loadAddon, savePolicy, storedRows, type Addon } from '../support/addon';
import { INVOICE_HEADER as HEADER } from '../support/fiveCustomers';

const ZONE = 'Europe/Moscow';

function workbook(locale: string, extraHeader: string[] = []): Addon {
  const addon = loadAddon({ timeZone: ZONE, locale });
  savePolicy(addon);
  setDay(addon, 10);
  addon.spreadsheet.addSheet(
    'Invoices',
    storedRows(
      [
        [...HEADER, ...extraHeader],
        ['Acme', 'A-1', '2026-02-01', '2026-03-03', 100, '', '', 'USD', 'ap@acme.example.com', ...extraHeader.map(() => '')],
        ['Globex', 'G-1', '2026-02-01', '2026-03-03', 100, '', '', 'USD', '', ...extraHeader.map(() => '')],
      ],
      ZONE,
    ),
  );
  return addon;
}

const setDay = (addon: Addon, day: number) => addon.runtime.setNow(zonedInstant(ZONE, 2026, 3, day, 10));
const log = (addon: Addon) => addon.spreadsheet.sheet('Reminder log')!.values;
const lastReminder = (addon: Addon) => addon.spreadsheet.sheet('Invoices')!.values.map((row) => row[9] ?? '');

describe('statuses in a ru_RU book', () => {
  it('are Russian in the log and the Last reminder column, the step by its name', () => {
    const addon = workbook('ru_RU');
    addon.runtime.run('sendDueReminders');
    expect(log(addon).slice(1).map((row) => [row[1], row[4], row[5]])).toEqual([
      ['Acme', 'Напоминание о просрочке (через 7 дн. после срока)', 'отправлено'],
      ['Globex', 'Напоминание о просрочке (через 7 дн. после срока)', 'ошибка'],
    ]);
    expect(lastReminder(addon)).toEqual([
      'Последнее напоминание',
      '10.03.2026 Напоминание о просрочке (через 7 дн. после срока)',
      '10.03.2026 не отправлено: у клиента нет адреса почты',
    ]);
    // The menu run's summary counts in Russian too.
    expect(addon.runtime.ui.alerts.at(-1)!.prompt).toMatch(/^Напоминания за 10\.03\.2026: отправлено: 1, не отправлено: 1 \(см\. Reminder log\)\./);
  });

  it('read back as sent: the same step is not sent again, the next day nor after the statuses are retyped in English', () => {
    const addon = workbook('ru_RU');
    addon.runtime.run('sendDueReminders');
    expect(addon.runtime.outbox.sent).toHaveLength(1);
    addon.runtime.run('sendDueReminders');
    expect(addon.runtime.outbox.sent).toHaveLength(1);
    setDay(addon, 11);
    addon.runtime.run('sendDueReminders');
    expect(addon.runtime.outbox.sent).toHaveLength(1);
    // A log written before, in English, reads the same.
    const sheet = addon.spreadsheet.sheet('Reminder log')!;
    sheet.values.forEach((row, i) => i > 0 && row[5] === 'отправлено' && sheet.write(i + 1, 6, 'sent'));
    setDay(addon, 12);
    addon.runtime.run('sendDueReminders');
    expect(addon.runtime.outbox.sent).toHaveLength(1);
    // Not held either: the next step (14 days after the due date) goes out on its day, once.
    setDay(addon, 17);
    addon.runtime.run('sendDueReminders');
    addon.runtime.run('sendDueReminders');
    expect(addon.runtime.outbox.sent.map((mail) => mail.subject)).toEqual([expect.stringMatching(/^Overdue reminder/), expect.stringMatching(/^Second reminder/)]);
  });

  it('an English "Last reminder" column made before is kept and written into', () => {
    const addon = workbook('ru_RU', ['Last reminder']);
    addon.runtime.run('sendDueReminders');
    expect(lastReminder(addon).slice(0, 2)).toEqual(['Last reminder', '10.03.2026 Напоминание о просрочке (через 7 дн. после срока)']);
    expect(addon.spreadsheet.sheet('Invoices')!.values[0]).not.toContain('Последнее напоминание');
  });
});

describe('statuses in an en_US book', () => {
  it('are English, the step by its name rather than its id', () => {
    const addon = workbook('en_US');
    addon.runtime.run('sendDueReminders');
    expect(log(addon).slice(1).map((row) => [row[1], row[5]])).toEqual([
      ['Acme', 'sent'],
      ['Globex', 'error'],
    ]);
    expect(lastReminder(addon)).toEqual(['Last reminder', '2026-03-10 Overdue reminder (7 days after the due date)', '2026-03-10 not sent: no email address for this customer']);
    expect(addon.runtime.ui.alerts.at(-1)!.prompt).toMatch(/^Reminders for 2026-03-10: 1 sent, 1 not sent \(see the Reminder log\)\./);
  });
});

// Issue 22, item 4: the row a held scheduled run writes into the Reminder log, in the book's language too.
describe('the held row in a ru_RU book', () => {
  it('says "приостановлено" and why in Russian; the sidebar reads it as held', () => {
    const addon = workbook('ru_RU');
    addon.runtime.run('turnOnReminders');
    addon.runtime.run('sendDueReminders');
    // The next day an editor changes the stored policy by hand: the owner did not approve it.
    setDay(addon, 11);
    const settings = addon.spreadsheet.sheet('Receivables settings')!;
    const row = settings.values.findIndex((cells) => cells[0] === 'policy');
    settings.values[row] = ['policy', JSON.stringify({ ...JSON.parse(String(settings.values[row][1])), paymentDetails: 'IBAN XX00 FRAUD' })];
    const sent = addon.runtime.outbox.sent.length;
    addon.runtime.fireTimeTriggers();
    // Only the owner's alert goes out.
    expect(addon.runtime.outbox.sent.slice(sent).map((mail) => mail.subject)).toEqual(['Receivables: daily reminders held for "Receivables"']);
    const held = log(addon).filter((cells) => cells[5] === 'приостановлено');
    expect(held).toHaveLength(1);
    expect(held[0][6]).toMatch(/^Ежедневные напоминания приостановлены: политика или шаблоны изменились после того, как их одобрил владелец расписания \(.+@.+\), поэтому/);
    expect(log(addon).some((cells) => cells[5] === 'held' || /Daily reminders/.test(String(cells[6])))).toBe(false);
    const load = addon.runtime.run('sidebarLoad') as { log: string[][] };
    expect(load.log[0][4]).toBe('held');
  });
});
