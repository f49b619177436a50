// Mail within Gmail's limits: 50 recipients and 200 KB a message, a daily
// quota that resets 24 hours after the first send, no empty name or reply-to.
import { describe, expect, it } from 'vitest';
import { AppsScriptRuntime, zonedInstant } from '../../runtime/index';
import { loadAddon, savePolicy, storedRows, type Addon } from '../support/addon';
import { pdfText } from '../support/pdf';

const ZONE = 'Europe/London';
const HEADER = ['Customer', 'Invoice No', 'Due date', 'Amount', 'Currency', 'Email'];

function workbook(rows: unknown[][]): Addon {
  const addon = loadAddon({ timeZone: ZONE });
  // The sender filled in: nothing is sent without one.
  savePolicy(addon);
  addon.runtime.setNow(zonedInstant(ZONE, 2026, 3, 10, 10));
  addon.spreadsheet.addSheet('Invoices', storedRows([HEADER, ...rows], ZONE));
  return addon;
}

describe('the runtime mail service', () => {
  const code = `function send(options) { MailApp.sendEmail(options); } function left() { return MailApp.getRemainingDailyQuota(); }`;
  const runtime = () => {
    const r = new AppsScriptRuntime({ now: '2026-03-10T15:00:00Z' }).load({ code });
    r.outbox.dailyQuota = 100;
    return r;
  };
  const addresses = (n: number) => Array.from({ length: n }, (_, i) => `a${i}@example.com`).join(',');

  it('refuses more than 50 recipients, a body over 200 KB, and an empty name or reply-to', () => {
    const r = runtime();
    r.run('send', [{ to: addresses(30), cc: addresses(20), subject: 's', body: 'b' }]);
    expect(() => r.run('send', [{ to: addresses(30), cc: addresses(21), subject: 's', body: 'b' }])).toThrow('Limit Exceeded: Email Recipients Per Message');
    expect(() => r.run('send', [{ to: 'a@example.com', subject: 's', body: 'x'.repeat(150_000), htmlBody: 'x'.repeat(60_000) }])).toThrow('Limit Exceeded: Email Body Size');
    expect(() => r.run('send', [{ to: 'a@example.com', subject: 's', body: 'b', name: '' }])).toThrow('Invalid argument: name');
    expect(() => r.run('send', [{ to: 'a@example.com', subject: 's', body: 'b', replyTo: '' }])).toThrow('Invalid argument: replyTo');
  });

  it('resets the daily quota 24 hours after the first send, not at midnight', () => {
    const r = runtime();
    r.run('send', [{ to: addresses(40), subject: 's', body: 'b' }]);
    r.setNow('2026-03-11T01:00:00Z');
    expect(r.run('left')).toBe(60);
    r.setNow('2026-03-11T15:00:00Z');
    expect(r.run('left')).toBe(100);
  });
});

describe('reminders within the mail limits', () => {
  it('a customer with 3,000 open invoices gets one reminder within the limits, the others theirs, and no second one the next day', () => {
    const big = Array.from({ length: 3_000 }, (_, i) => ['Big Buyer Holdings Ltd', `INV-2026-BIG-BUYER-${String(i + 1).padStart(6, '0')}`, '2026-03-03', 10, 'USD', 'ap@big.example.com']);
    const others = [
      ['Acme', 'A-1', '2026-03-03', 100, 'USD', 'ap@acme.example.com'],
      ['Globex', 'G-1', '2026-03-03', 200, 'USD', 'ap@globex.example.com'],
    ];
    const addon = workbook([...others, ...big]);
    addon.runtime.run('sendDueReminders');
    const mails = addon.runtime.outbox.sent;
    expect(mails.map((mail) => mail.to).sort()).toEqual(['ap@acme.example.com', 'ap@big.example.com', 'ap@globex.example.com']);
    const mail = mails.find((sent) => sent.to === 'ap@big.example.com')!;
    expect(Buffer.byteLength(mail.body) + Buffer.byteLength(mail.htmlBody)).toBeLessThan(200 * 1024);
    expect(mail.body).toContain('INV-2026-BIG-BUYER-000100');
    expect(mail.body).not.toContain('INV-2026-BIG-BUYER-000101');
    expect(mail.body).toMatch(/\nand 2900 more invoices, each listed in the attached statement of account +\$29,000\.00\n/);
    expect(mail.body).toContain('$30,000.00');
    // The shortened list points to the statement of account, attached whatever the policy's switch says: it lists every invoice.
    expect(mail.attachments.map((file) => [file.name, file.contentType])).toEqual([[expect.stringMatching(/^Statement .*Big Buyer Holdings Ltd.*\.pdf$/), 'application/pdf']]);
    const statement = pdfText(mail.attachments[0].bytes);
    expect(statement).toContain('INV-2026-BIG-BUYER-000101');
    expect(statement).toContain('INV-2026-BIG-BUYER-003000');
    // Acme's two-line email has nothing attached.
    expect(mails.find((sent) => sent.to === 'ap@acme.example.com')!.attachments).toEqual([]);
    // The sender's name and reply-to reach MailApp (the runtime refuses empty ones).
    expect([mail.name, mail.replyTo]).toEqual(['Ann Example', 'ar@seller.example.com']);

    const log = addon.spreadsheet.sheet('Reminder log')!;
    const row = log.values.slice(1).find((entry) => entry[1] === 'Big Buyer Holdings Ltd')!;
    expect(row[5]).toBe('sent');
    expect(String(row[3]).length).toBeLessThanOrEqual(50_000);
    expect(String(row[3])).toMatch(/^INV-2026-BIG-BUYER-000001, INV-2026-BIG-BUYER-000002, .* and \d+ more$/);
    expect(row.slice(8).filter((cell) => cell !== '').length).toBeGreaterThan(1);
    for (const cell of row) expect(String(cell).length).toBeLessThanOrEqual(50_000);

    addon.runtime.setNow(zonedInstant(ZONE, 2026, 3, 11, 10));
    addon.runtime.run('sendDueReminders');
    expect(addon.runtime.outbox.sent).toHaveLength(3);
  });

  it('a reminder over 50 recipients is logged as an error naming the limit, and the others go out', () => {
    const many = Array.from({ length: 60 }, (_, i) => `ap${i}@wide.example.com`).join(', ');
    const addon = workbook([
      ['Wide', 'W-1', '2026-03-03', 100, 'USD', many],
      ['Acme', 'A-1', '2026-03-03', 100, 'USD', 'ap@acme.example.com'],
    ]);
    addon.runtime.run('sendDueReminders');
    expect(addon.runtime.outbox.sent.map((mail) => mail.to)).toEqual(['ap@acme.example.com']);
    const row = addon.spreadsheet.sheet('Reminder log')!.values.slice(1).find((entry) => entry[1] === 'Wide')!;
    expect([row[5], row[6]]).toEqual(['error', "this reminder would go to 60 recipients (to, CC and copies); an email can have at most 50: shorten the CC list or the customer's addresses"]);
  });
});
