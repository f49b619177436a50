// Issue 22, item 4: the Collections sheet names each step as the sidebar does
// ("Hand to a lawyer", not "Legal hand-over"), in the spreadsheet's language;
// rows the add-on wrote with the old names still count as its own.
import { describe, expect, it } from 'vitest';
import { loadAddon, savePolicy, storedRows, type Addon } from '../support/addon';
import { COLLECTION_STEPS, HEADER, setDay, ZONE } from '../support/collectionsBook';
import { pdfText } from '../support/pdf';

const STEPS = COLLECTION_STEPS;

function workbook(locale: string): Addon {
  const addon = loadAddon({ timeZone: ZONE, locale });
  addon.spreadsheet.addSheet(
    'Invoices',
    storedRows(
      [
        HEADER,
        ['Acme', 'A-1', '2026-02-01', '2026-03-02', 1000, '', '', 'USD', 'ap@acme.example.com'],
        ['Globex', 'G-1', '2026-02-01', '2026-03-02', 500, '', '', 'USD', 'ap@globex.example.com'],
      ],
      ZONE,
    ),
  );
  savePolicy(addon, { skipWeekends: false, minimumGapDays: 3, steps: STEPS });
  return addon;
}

function runOn(addon: Addon, iso: string): string {
  setDay(addon, iso);
  const alerts = addon.runtime.ui.alerts.length;
  addon.runtime.run('sendDueReminders', []);
  return addon.runtime.ui.alerts.slice(alerts).map((alert) => alert.prompt).join('\n');
}

/** Each step of the cadence on its day: email +7, call +14, letter +30, legal +60. */
function throughLegal(addon: Addon): void {
  for (const day of ['2026-03-09', '2026-03-16', '2026-04-01', '2026-05-01']) runOn(addon, day);
}

const stepsOf = (addon: Addon, customer: string) => {
  const sheet = addon.spreadsheet.sheet('Collections');
  if (!sheet) return [];
  const header = sheet.values[0] as string[];
  return sheet.values.slice(1).filter((row) => row[header.indexOf('Customer')] === customer).map((row) => String(row[header.indexOf('Step')]));
};

describe('the Collections sheet\'s step names', () => {
  it('in an en_US book: the sidebar\'s names, "Hand to a lawyer" for the legal step', () => {
    const addon = workbook('en_US');
    throughLegal(addon);
    expect(stepsOf(addon, 'Acme')).toEqual(['Call (+14 days)', 'Letter (+30 days)', 'Hand to a lawyer (+60 days)']);
  });

  it('in a ru_RU book: the Russian names the sidebar shows', () => {
    const addon = workbook('ru_RU');
    throughLegal(addon);
    expect(stepsOf(addon, 'Acme')).toEqual(['Звонок (+14 дн.)', 'Бумажное письмо (+30 дн.)', 'Передать юристу (+60 дн.)']);
    // Read back as the add-on's own: nothing reported as typed by hand, and the hand-over holds.
    const alert = runOn(addon, '2026-05-02');
    expect(alert).not.toContain('typed by hand');
    const load = addon.runtime.run('sidebarLoad') as { collections: { handTyped: number[] } };
    expect(load.collections.handTyped).toEqual([]);
  });

  it('rows the add-on wrote with the old names ("Legal hand-over") stay its own, unsigned again', () => {
    const addon = workbook('en_US');
    throughLegal(addon);
    const sheet = addon.spreadsheet.sheet('Collections')!;
    const header = sheet.values[0] as string[];
    const ids: string[] = [];
    sheet.values.forEach((row, k) => {
      if (k === 0) return;
      const step = String(row[header.indexOf('Step')]);
      // As an older version of the add-on wrote them.
      if (step.startsWith('Hand to a lawyer')) sheet.write(k + 1, header.indexOf('Step') + 1, step.replace('Hand to a lawyer', 'Legal hand-over'));
      ids.push(String(row[header.indexOf('Task id')]));
    });
    const sent = addon.runtime.outbox.sent.length;
    const alert = runOn(addon, '2026-05-02');
    expect(alert).not.toContain('typed by hand');
    const load = addon.runtime.run('sidebarLoad') as { collections: { handTyped: number[] } };
    expect(load.collections.handTyped).toEqual([]);
    expect(stepsOf(addon, 'Acme').at(-1)).toBe('Legal hand-over (+60 days)');
    // Not re-signed: the Task ids are as written.
    expect(sheet.values.slice(1).map((row) => String(row[header.indexOf('Task id')]))).toEqual(ids);
    expect(addon.runtime.outbox.sent.length).toBe(sent);
  });
});

// Issue 22, item 4: the words around the channel names, in the book's language too.
describe('the words around the step names', () => {
  it('in a ru_RU book: the lawyer\'s history and the adopt alert are Russian', () => {
    const addon = loadAddon({ timeZone: ZONE, locale: 'ru_RU' });
    addon.spreadsheet.addSheet(
      'Invoices',
      storedRows([HEADER, ['Acme', 'A-1', '2026-02-01', '2026-03-02', 1000, '', '', 'USD', 'ap@acme.example.com'], ['Globex', 'G-1', '2026-02-01', '2026-03-02', 500, '', '', 'USD', 'ap@globex.example.com']], ZONE),
    );
    savePolicy(addon, { language: 'ru', skipWeekends: false, minimumGapDays: 3, steps: STEPS });
    throughLegal(addon);
    const summary = addon.runtime.drive.files.find((file) => file.name.includes('Acme') && file.name.startsWith('Для юриста'));
    const text = pdfText(summary!.bytes).replace(/\s+/g, ' ');
    // The table wraps the step around the date and the outcome.
    expect(text).toContain('Письмо: Напоминание о просрочке (через 7 отправлено на');
    expect(text).toContain('дн. после срока) (A-1) ap@acme.example.com');
    expect(text).toContain('Звонок (A-1)');
    expect(text).not.toMatch(/\b(Email|sent to|Call|Task)\b/);

    // Another editor types a hand-over for Globex; the owner is asked, in Russian, and says no.
    const sheet = addon.spreadsheet.sheet('Collections')!;
    const header = sheet.values[0] as string[];
    const row = sheet.values.length + 1;
    sheet.write(row, header.indexOf('Customer') + 1, 'Globex');
    sheet.write(row, header.indexOf('Currency') + 1, 'USD');
    sheet.write(row, header.indexOf('Step') + 1, 'Передать юристу');
    addon.runtime.ui.answers.push('NO');
    addon.runtime.run('adoptCollectionsRows');
    const prompt = addon.runtime.ui.alerts.at(-1)!.prompt;
    expect(prompt).toContain(`строка ${row}: Передать юристу — Globex (больше никаких напоминаний клиенту Globex; сводка для юриста на вашем Google Диске)`);
    expect(prompt).toMatch(/^Строк листа Collections, введённых вручную: 1;[^]*Принять их\?$/);
  });

  // An en_US book's summary ("Email: …", "sent to", "Call") is checked in collections.test.ts.
});

// Issue 22, item 4: the Outcome dropdown in the book's language; what people type back reads in either language.
describe('the Collections sheet\'s outcomes', () => {
  const typeIn = (addon: Addon, customer: string, values: Record<string, unknown>) => {
    const sheet = addon.spreadsheet.sheet('Collections')!;
    const header = sheet.values[0] as string[];
    const row = sheet.values.findIndex((cells) => cells[header.indexOf('Customer')] === customer) + 1;
    for (const [name, value] of Object.entries(values)) sheet.write(row, header.indexOf(name) + 1, value as never);
  };
  const mailsTo = (addon: Addon, to: string, from: number) => addon.runtime.outbox.sent.slice(from).filter((mail) => mail.to === to);

  it('in a ru_RU book: the dropdown offers the Russian words, and "обещали оплатить" pauses the customer as "promised" does', () => {
    const addon = workbook('ru_RU');
    runOn(addon, '2026-03-09');
    runOn(addon, '2026-03-16'); // +14: the call tasks
    const sheet = addon.spreadsheet.sheet('Collections')!;
    const header = sheet.values[0] as string[];
    const outcome = header.indexOf('Outcome') + 1;
    for (const row of [2, 3]) {
      const rule = sheet.validations.get(`${row},${outcome}`);
      expect(rule?.values).toEqual(['дозвонились', 'не ответили', 'обещали оплатить', 'оспаривают', 'неверный контакт']);
      expect(rule?.helpText).toBe('Одно из: дозвонились, не ответили, обещали оплатить, оспаривают, неверный контакт');
      expect(rule?.allowInvalid).toBe(false);
    }
    // Acme's row in Russian; Globex's as a sheet written before (an English dropdown) has it, with other case and spaces.
    const promiseDay = storedRows([['2026-03-25']], ZONE)[0][0];
    typeIn(addon, 'Acme', { Outcome: 'обещали оплатить', 'Promise date': promiseDay });
    typeIn(addon, 'Globex', { Outcome: ' Promised ', 'Promise date': promiseDay });
    const before = addon.runtime.outbox.sent.length;
    let alerts = '';
    for (let day = 17; day <= 25; day++) alerts += runOn(addon, `2026-03-${day}`);
    expect(mailsTo(addon, 'ap@acme.example.com', before)).toEqual([]);
    expect(mailsTo(addon, 'ap@globex.example.com', before)).toEqual([]);
    runOn(addon, '2026-03-26');
    alerts += runOn(addon, '2026-03-27');
    // Each gets the one "promise broken" email after the date, alike.
    const acme = mailsTo(addon, 'ap@acme.example.com', before);
    const globex = mailsTo(addon, 'ap@globex.example.com', before);
    expect(acme).toHaveLength(1);
    expect(globex).toHaveLength(1);
    expect(acme[0].subject).toBe('Promised payment not received: $1,000.00');
    expect(globex[0].subject).toBe('Promised payment not received: $500.00');
    expect(alerts).not.toContain('Outcome');
    // The next task's Last outcome in the book's language.
    for (let day = 28; day <= 31; day++) runOn(addon, `2026-03-${day}`);
    runOn(addon, '2026-04-01');
    const letter = sheet.values.slice(1).find((cells) => cells[header.indexOf('Customer')] === 'Acme' && String(cells[header.indexOf('Step')]).startsWith('Бумажное письмо'));
    expect(letter?.[header.indexOf('Last outcome')]).toBe('обещали оплатить до 25.03.2026');
  });
});
