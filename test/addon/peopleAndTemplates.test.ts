// Issue 11, items 6 and 7: the sidebar reads and writes the Customers sheet
// by header, touching only the cells it changes and keeping typed text text;
// templates are checked when read as when saved, and what they render stays
// within a subject line and a message's size.
import { describe, expect, it } from 'vitest';
import { zonedInstant } from '../../runtime/index';
import { loadAddon, savePolicy, storedRows, storedSettings, type Addon } from '../support/addon';

const ZONE = 'Europe/London';
const IMPORT = '=IMPORTXML("http://x.example","//a")';

function workbook(extraHeader: string[] = [], extra: (customer: string) => unknown[] = () => []): Addon {
  const addon = loadAddon({ timeZone: ZONE });
  addon.runtime.setNow(zonedInstant(ZONE, 2026, 3, 10, 10));
  addon.spreadsheet.addSheet(
    'Invoices',
    storedRows(
      [
        ['Customer', 'Invoice No', 'Due date', 'Amount', 'Currency', 'Email', ...extraHeader],
        ['Acme', 'A-1', '2026-03-03', 100, 'USD', 'ap@acme.example.com', ...extra('Acme')],
        ['Globex', 'G-1', '2026-03-03', 200, 'USD', 'ap@globex.example.com', ...extra('Globex')],
      ],
      ZONE,
    ),
  );
  savePolicy(addon);
  return addon;
}

describe('the Customers sheet as a person laid it out', () => {
  it('is read and written by header: Phone before Email, Notes kept, only the changed cell written, typed text still text', () => {
    const addon = workbook();
    // Made by a person: Phone first, their own Notes column (one holding a formula as text), the settings after.
    addon.spreadsheet.addSheet('Customers', [
      ['Phone', 'Customer', 'Email', 'Notes', 'Do not remind'],
      ['+44 20 7946 0000', 'Acme', 'billing@acme.example.com', IMPORT, ''],
      ['+1 555 0100', 'Globex', '', 'Pays on Fridays', ''],
    ]);
    const customers = addon.spreadsheet.sheet('Customers')!;
    const before = customers.values.map((row) => [...row]);

    const seen = (addon.runtime.scriptRun('sidebarLoad') as { customers: Array<{ customer: string; email: string; doNotRemind: boolean }> }).customers;
    expect(seen.find((row) => row.customer === 'Acme')).toMatchObject({ email: 'billing@acme.example.com', doNotRemind: false });

    const acme = seen.find((row) => row.customer === 'Acme')!;
    expect(addon.runtime.scriptRun('sidebarSaveCustomer', [{ ...acme, doNotRemind: true }])).toEqual({ ok: true });
    const after = customers.values;
    // Within the person's five columns only Acme's "Do not remind" changed; the settings the sheet lacked were added after them.
    const changed: string[] = [];
    after.forEach((row, r) => row.slice(0, 5).forEach((cell, c) => cell !== (before[r]?.[c] ?? '') && changed.push(`${r + 1},${c + 1}`)));
    expect(changed).toEqual(['2,5']);
    expect(after[0].slice(0, 5)).toEqual(before[0]);
    expect(after[1][3]).toBe(IMPORT);
    expect(customers.formulas.size).toBe(0);

    // The run reads the same sheet the same way: Acme is not reminded, Globex is, at its invoice address.
    addon.runtime.run('sendDueReminders');
    expect(addon.runtime.outbox.sent.map((mail) => mail.to)).toEqual(['ap@globex.example.com']);
    expect(customers.values[1][3]).toBe(IMPORT);
    expect(customers.formulas.size).toBe(0);
  });
});

describe('templates, read and rendered', () => {
  it('refuses a list in a subject on save, under the subject, and a stored one on read, sending nothing', () => {
    const addon = workbook();
    const refused = addon.runtime.scriptRun('sidebarSaveTemplates', [{ overdue: { en: { subject: 'Overdue: {{invoices}}', body: 'Please pay {{total}}.' } } }]) as { ok: boolean; problems: Array<{ field: string; message: string }> };
    expect(refused.ok).toBe(false);
    expect(refused.problems).toContainEqual({ field: 'overdue.en.subject', message: 'cannot hold {{invoices}}: a list belongs in the body' });

    // Typed straight into the hidden sheet: read as damaged, never sent.
    const settings = addon.spreadsheet.sheet('Receivables settings')!;
    const row = settings.values.findIndex((cells) => cells[0] === 'templates') + 1;
    settings.write(row, 2, JSON.stringify({ overdue: { en: { subject: 'Overdue: {{invoices}}', body: 'Please pay {{total}}.' } } }));
    addon.runtime.run('sendDueReminders');
    expect(addon.runtime.outbox.sent).toEqual([]);
    expect(addon.runtime.ui.alerts.at(-1)!.prompt).toContain('cannot hold {{invoices}}');
    expect(storedSettings(addon.spreadsheet).templates).toContain('{{invoices}}');
  });

  it('cuts a rendered subject at 250 characters, and refuses to send a body over the size a message may have, naming the limit', () => {
    const long = 'x'.repeat(40_000);
    const addon = workbook(['Manager', 'Terms text'], (customer) => [`${customer} manager `.repeat(40), customer === 'Acme' ? long : 'Net 30']);
    const saved = addon.runtime.scriptRun('sidebarSaveTemplates', [
      { overdue: { en: { subject: 'Overdue, {{customer}}: {{Manager}}', body: `Please pay {{total}}.\n${Array(6).fill('{{Terms text}}').join('\n')}\n{{invoices}}` } } },
    ]);
    expect(saved).toEqual({ ok: true });
    addon.runtime.run('sendDueReminders');
    const sent = addon.runtime.outbox.sent;
    // Globex's subject, filled from a 600-character column, is cut with an ellipsis.
    expect(sent.map((mail) => mail.to)).toEqual(['ap@globex.example.com']);
    expect(sent[0].subject.length).toBeLessThanOrEqual(250);
    expect(sent[0].subject.endsWith('…')).toBe(true);
    // Acme's six copies of a 40,000-character cell would make a 480 KB body: logged as an error naming the limit, not sent.
    const log = addon.spreadsheet.sheet('Reminder log')!.values;
    const acme = log.find((row) => row[1] === 'Acme')!;
    expect(acme[5]).toBe('error');
    expect(String(acme[6])).toMatch(/an email body can be at most 200 KB/);
  });
});
