// Issue 22, item 2, on the built add-on: a QuickBooks Desktop book whose
// customer has two jobs gets one email, greeted without the job, each
// invoice named with its job, and the payment not yet applied named so.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../runtime/workbook';
import { zonedInstant } from '../../runtime/index';
import { loadAddon, projectRoot, savePolicy } from '../support/addon';
import { firstInvoiceSheet } from '../../sandbox/workbookFile';

const ZONE = 'America/New_York';
const book = join(projectRoot, 'test', 'fixtures', 'exports', 'quickbooks-desktop-jobs.csv');

describe('a QuickBooks Desktop book with jobs', () => {
  it('sends one email per customer, greeting Cook, Brian, listing both jobs, the unapplied payment named as one', async () => {
    const addon = loadAddon({ timeZone: ZONE, locale: 'en_US' });
    await importFile(addon.spreadsheet, book, 'Invoices', firstInvoiceSheet);
    addon.spreadsheet.addSheet('Customers', [
      ['Customer', 'Email'],
      ['Cook, Brian', 'brian.cook@example.com'],
      ['Bayside Club', 'ap@bayside.example.com'],
    ]);
    savePolicy(addon);
    addon.runtime.setNow(zonedInstant(ZONE, 2026, 11, 25, 10));
    addon.runtime.run('sendDueReminders');

    const toBrian = addon.runtime.outbox.sent.filter((mail) => mail.to === 'brian.cook@example.com');
    expect(toBrian).toHaveLength(1);
    const [mail] = toBrian;
    expect(mail.body).toMatch(/^Dear Cook, Brian,/m);
    for (const text of [mail.subject, mail.body, mail.htmlBody]) {
      expect(text).not.toContain('Brian:');
      expect(text).not.toMatch(/credit note/i);
    }
    expect(mail.body).toMatch(/1031 \(2nd story addition\) +November 9, 2026/);
    expect(mail.body).toMatch(/1032 \(Kitchen\) +November 11, 2026/);
    expect(mail.body).toMatch(/Payment received, not yet applied +-\$369\.52/);
    expect(mail.htmlBody).toContain('Payment received, not yet applied');
    // What the customer is asked to pay: both jobs' invoices less the payment.
    expect(mail.body).toMatch(/Total overdue +\$3,000\.00/);
    // Run again the same day: nothing more goes to him.
    addon.runtime.run('sendDueReminders');
    expect(addon.runtime.outbox.sent.filter((sent) => sent.to === 'brian.cook@example.com')).toHaveLength(1);
  });

  it('AR_AGING totals per customer, the jobs together', async () => {
    const addon = loadAddon({ timeZone: ZONE, locale: 'en_US' });
    await importFile(addon.spreadsheet, book, 'Invoices', firstInvoiceSheet);
    const report = addon.spreadsheet.addSheet('Report');
    report.face().getRange('A1').setFormula(`=AR_AGING('Invoices'!A1:L, DATE(2026,11,25))`);
    const [result] = addon.runtime.recalculate(addon.spreadsheet);
    expect(result.error).toBeNull();
    const rows = report.values.filter((row) => row[0] !== '' && row[0] !== undefined);
    const totalAt = (rows[0] as string[]).findIndex((name) => /^Total( \([A-Z]{3}\))?$/.test(name));
    expect(rows.slice(1).filter((row) => typeof row[totalAt] === 'number').map((row) => [row[0], row[totalAt]])).toEqual([
      ['Cook, Brian', 3000],
      ['Bayside Club', 500],
      ['Total', 3500],
    ]);
  });
});
