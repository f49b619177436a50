// Pay links in reminders (issue 26, item 3): the policy's link template and
// the invoice table's Pay link column, as a button in the email and a line
// in its text part, on a real run of the built add-on.
import { describe, expect, it } from 'vitest';
import { zonedInstant, type SentMail } from '../../runtime/index';
import { loadAddon, savePolicy, storedRows, type Addon } from '../support/addon';

const ZONE = 'Europe/London';
const HEADER = ['Customer', 'Invoice No', 'Due date', 'Amount', 'Paid', 'Currency', 'Email'];
/** On 10 March 2026: three customers with overdue invoices. */
const ROWS: unknown[][] = [
  ['Acme & Sons', 'INV/145', '2026-02-19', 1200, '', 'USD', 'ap@acme.example.com'],
  ['Acme & Sons', 'INV 160', '2026-02-27', 455.5, 55.5, 'USD', 'ap@acme.example.com'],
  ['Kornblume AG', 'K-1', '2026-02-24', 1980.4, '', 'EUR', 'ap@kornblume.example.de'],
  ['Bluebell Inc', 'B-7', '2026-02-24', 700, '', 'USD', 'ap@bluebell.example.com'],
];
const TEMPLATE = 'https://pay.example.com/acme?amount={{amount}}&currency={{currency}}&ref={{invoices}}';

function book(rows: unknown[][], policy: Record<string, unknown>, header = HEADER): Addon {
  const addon = loadAddon({ timeZone: ZONE, locale: 'en_GB' });
  addon.spreadsheet.addSheet('Invoices', storedRows([header, ...rows], ZONE));
  savePolicy(addon, { skipWeekends: false, ...policy });
  addon.runtime.setNow(zonedInstant(ZONE, 2026, 3, 10, 10));
  addon.runtime.run('sendDueReminders');
  return addon;
}

function mailTo(addon: Addon, to: string): SentMail {
  const mail = addon.runtime.outbox.sent.find((sent) => sent.to === to);
  if (!mail) throw new Error(`no mail to ${to}: ${addon.runtime.outbox.sent.map((sent) => sent.to).join(', ')}`);
  return mail;
}

/** The buttons of an email: each link's address (as the HTML holds it, unescaped) and words. */
function buttons(mail: SentMail): Array<{ href: string; text: string }> {
  const unescape = (text: string) => text.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  return [...mail.htmlBody.matchAll(/<table[^>]*class="pay-link"[\s\S]*?<a href="([^"]*)"[^>]*>([^<]*)<\/a>/g)].map((match) => ({ href: unescape(match[1]), text: unescape(match[2]) }));
}

describe('a pay link template in the policy', () => {
  const addon = book(ROWS, { payLinkTemplate: TEMPLATE });

  it("gives each customer's reminder one button for exactly what it asks, the values URL-encoded", () => {
    // 1,200.00 + (455.50 − 55.50) overdue, both invoices named.
    expect(buttons(mailTo(addon, 'ap@acme.example.com'))).toEqual([{ href: 'https://pay.example.com/acme?amount=1600.00&currency=USD&ref=INV%2F145%2C%20INV%20160', text: 'Pay now' }]);
    expect(buttons(mailTo(addon, 'ap@kornblume.example.de'))).toEqual([{ href: 'https://pay.example.com/acme?amount=1980.40&currency=EUR&ref=K-1', text: 'Pay now' }]);
    expect(buttons(mailTo(addon, 'ap@bluebell.example.com'))).toEqual([{ href: 'https://pay.example.com/acme?amount=700.00&currency=USD&ref=B-7', text: 'Pay now' }]);
  });

  it('escapes the link in the HTML, puts it under the invoices, and gives it in words in the text part', () => {
    const mail = mailTo(addon, 'ap@acme.example.com');
    expect(mail.htmlBody).toContain('href="https://pay.example.com/acme?amount=1600.00&amp;currency=USD&amp;ref=INV%2F145%2C%20INV%20160"');
    // The button after the table of invoices, before the closing words.
    expect(mail.htmlBody.indexOf('class="pay-link"')).toBeGreaterThan(mail.htmlBody.indexOf('INV/145'));
    expect(mail.htmlBody.indexOf('class="pay-link"')).toBeLessThan(mail.htmlBody.indexOf('Kind regards'));
    expect(mail.body).toContain('Pay online:\nhttps://pay.example.com/acme?amount=1600.00&currency=USD&ref=INV%2F145%2C%20INV%20160\n');
    expect(mail.body.indexOf('Pay online:')).toBeLessThan(mail.body.indexOf('Kind regards'));
  });

  it('speaks Russian to a Russian customer', () => {
    const russian = book([['ООО «Василёк»', '145', '2026-02-19', 120000, '', 'RUB', 'buh@vasilek.example.ru']], { payLinkTemplate: TEMPLATE, language: 'ru' });
    const mail = mailTo(russian, 'buh@vasilek.example.ru');
    expect(buttons(mail)).toEqual([{ href: 'https://pay.example.com/acme?amount=120000.00&currency=RUB&ref=145', text: 'Оплатить' }]);
    expect(mail.body).toContain('Оплатить онлайн:\nhttps://pay.example.com/acme?amount=120000.00&currency=RUB&ref=145');
  });
});

describe('a Pay link column in the invoice table', () => {
  const withLinks = (links: string[]) => ROWS.map((row, i) => [...row, links[i]]);

  it("gives each invoice's own link; two invoices with two links are two buttons naming them", () => {
    const addon = book(withLinks(['https://invoice.stripe.com/i/acct_1/live_145', 'https://invoice.stripe.com/i/acct_1/live_160', 'https://invoice.stripe.com/i/acct_1/live_k1', '']), { payLinkSites: 'Invoice.Stripe.com' }, [...HEADER, 'Pay link']);
    expect(buttons(mailTo(addon, 'ap@acme.example.com'))).toEqual([
      { href: 'https://invoice.stripe.com/i/acct_1/live_145', text: 'Pay INV/145' },
      { href: 'https://invoice.stripe.com/i/acct_1/live_160', text: 'Pay INV 160' },
    ]);
    expect(buttons(mailTo(addon, 'ap@kornblume.example.de'))).toEqual([{ href: 'https://invoice.stripe.com/i/acct_1/live_k1', text: 'Pay now' }]);
    // No link and no template: no button, and the email is as before.
    const plain = mailTo(addon, 'ap@bluebell.example.com');
    expect(buttons(plain)).toEqual([]);
    expect(plain.body).not.toContain('Pay online');
  });

  it('wins over the template for its rows; the template pays what is left', () => {
    const addon = book(withLinks(['https://invoice.stripe.com/i/acct_1/live_145', '', '', '']), { payLinkTemplate: TEMPLATE, payLinkSites: 'invoice.stripe.com' }, [...HEADER, 'Ссылка на оплату']);
    expect(buttons(mailTo(addon, 'ap@acme.example.com'))).toEqual([
      { href: 'https://invoice.stripe.com/i/acct_1/live_145', text: 'Pay INV/145' },
      { href: 'https://pay.example.com/acme?amount=400.00&currency=USD&ref=INV%20160', text: 'Pay INV 160' },
    ]);
    expect(buttons(mailTo(addon, 'ap@kornblume.example.de'))).toEqual([{ href: 'https://pay.example.com/acme?amount=1980.40&currency=EUR&ref=K-1', text: 'Pay now' }]);
  });

  it('never uses a cell that is not one https link, and names its row and column to the owner', () => {
    const addon = book(withLinks(['http://pay.example.com/145', 'javascript:alert(1)', 'https://evil.example.com/"><script>x</script>', '']), {}, [...HEADER, 'Pay link']);
    expect(buttons(mailTo(addon, 'ap@acme.example.com'))).toEqual([]);
    expect(buttons(mailTo(addon, 'ap@kornblume.example.de'))).toEqual([]);
    expect(mailTo(addon, 'ap@kornblume.example.de').htmlBody).not.toContain('<script>');
    const said = addon.runtime.ui.alerts.map((alert) => alert.prompt).join('\n');
    expect(said).toContain('row 2, column "Pay link": "http://pay.example.com/145" is not an https:// link, so no button links to it');
    expect(said).toContain('row 3, column "Pay link": "javascript:alert(1)" is not an https:// link');
    expect(said).toContain('row 4, column "Pay link": "https://evil.example.com/"><script>x</script>" is not one web address');
    // The reminders still go, without the link.
    expect(addon.runtime.outbox.sent).toHaveLength(3);
  });

  it("links only to sites the owner approved: a link any editor types to another site is named to the owner and not used", () => {
    // The template's own site counts as approved; evil.example.com and a look-alike host are not.
    const addon = book(
      withLinks(['https://pay.example.com/acme/145', 'https://pay.example.com.evil.example/160', 'https://evil.example.com/k1', '']),
      { payLinkTemplate: TEMPLATE },
      [...HEADER, 'Pay link'],
    );
    const acme = buttons(mailTo(addon, 'ap@acme.example.com'));
    expect(acme[0]).toEqual({ href: 'https://pay.example.com/acme/145', text: 'Pay INV/145' });
    // INV 160's cell goes elsewhere, so the template pays it instead.
    expect(acme[1].href).toBe('https://pay.example.com/acme?amount=400.00&currency=USD&ref=INV%20160');
    expect(buttons(mailTo(addon, 'ap@kornblume.example.de'))).toEqual([{ href: 'https://pay.example.com/acme?amount=1980.40&currency=EUR&ref=K-1', text: 'Pay now' }]);
    expect(addon.runtime.outbox.sent.map((mail) => mail.htmlBody).join('')).not.toContain('evil');
    const said = addon.runtime.ui.alerts.map((alert) => alert.prompt).join('\n');
    expect(said).toContain('row 3, column "Pay link": "https://pay.example.com.evil.example/160" links to pay.example.com.evil.example, not a site the owner approved for pay links');
    expect(said).toContain('row 4, column "Pay link": "https://evil.example.com/k1" links to evil.example.com, not a site the owner approved');
  });

  it('refuses a list of sites that is not one, by its field', () => {
    const addon = loadAddon({ timeZone: ZONE, locale: 'en_GB' });
    expect(() => savePolicy(addon, { payLinkSites: 'https://invoice.stripe.com/x' })).toThrow('payLinkSites');
  });
});
