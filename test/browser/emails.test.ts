// The reminders as the add-on sends them (a real run on the in-memory Apps
// Script), every kind of default template in English and in Russian, rendered
// in headless Chromium at a mail client's width and a phone's: nothing wider
// than the window, amounts right-aligned under each other, nothing fetched
// from anywhere, and the plain-text part saying the same figures as the HTML
// (issue 12, item 5). Screenshots go to test-artifacts/.
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zonedInstant } from '../../runtime/index';
import type { SentMail } from '../../runtime/index';
import { MESSAGE_KINDS, type MessageKind } from '../../src/core/reminders/kinds';
import { parseStepName } from '../../src/core/reminders/log';
import { loadAddon, savePolicy, storedRows } from '../support/addon';
import { ARTIFACTS, launchChromium } from './page';

const ZONE = 'Europe/London';
/** A mail client's reading pane, and a phone. */
const WIDTHS = [600, 360];
const HEADER = ['Customer', 'Invoice No', 'Invoice date', 'Due date', 'Amount', 'Paid', 'Currency', 'Email'];

/** On 2026-03-10, one customer at each step of the default cadence, and one whose promise to pay by yesterday was not kept. */
const ROWS = [
  ['Upcoming Ltd', 'UP-1', '2026-02-15', '2026-03-17', 1250, '', 'USD', 'ap@upcoming.example.com'],
  ['Due Today Ltd', 'DT-1', '2026-02-08', '2026-03-10', 980.5, '', 'USD', 'ap@duetoday.example.com'],
  ['Due Today Ltd', 'DT-2', '2026-02-20', '2026-03-20', 45, '', 'USD', 'ap@duetoday.example.com'],
  ['Overdue Ltd', 'OV-1', '2026-02-01', '2026-03-03', 12_345.67, 2_000, 'USD', 'ap@overdue.example.com'],
  ['Firm Ltd', 'FI-1', '2026-01-25', '2026-02-24', 310, '', 'USD', 'ap@firm.example.com'],
  ['Firm Ltd', 'FI-2', '2026-02-05', '2026-03-03', 89.99, '', 'USD', 'ap@firm.example.com'],
  ['Firm Ltd', 'FC-1', '2026-03-01', '2026-03-01', -50, '', 'USD', 'ap@firm.example.com'],
  ['Final Ltd', 'FN-1', '2025-10-01', '2025-10-31', 6_921.04, '', 'USD', 'ap@final.example.com'],
  ['Final Ltd', 'FN-2', '2026-01-01', '2026-01-31', 1_000_000, '', 'USD', 'ap@final.example.com'],
  ['Final Ltd', 'FN-3', '2026-03-01', '2026-03-16', 250, '', 'USD', 'ap@final.example.com'],
  ['Promise Ltd', 'PR-1', '2026-01-20', '2026-02-19', 777.77, '', 'USD', 'ap@promise.example.com'],
];

/** The day's reminders of a workbook whose policy writes in `language`: one email of each kind. */
function sentReminders(language: 'en' | 'ru'): Map<MessageKind, SentMail> {
  const addon = loadAddon({ timeZone: ZONE, locale: 'en_US' });
  addon.spreadsheet.addSheet('Invoices', storedRows([HEADER, ...ROWS], ZONE));
  savePolicy(addon, { language, skipWeekends: false, yearlyInterestPercent: 8 });
  const promise = addon.runtime.scriptRun('sidebarSaveCustomer', [
    { customer: 'Promise Ltd', email: '', language: '', doNotRemind: false, pausedUntil: '', promiseBy: '2026-03-09', disputed: false, ownSteps: '', plan: '' },
  ]) as { ok: boolean };
  expect(promise.ok).toBe(true);
  // Escalation is earned: the customers climb to their step on the days before (Final Ltd: overdue on 7 Feb, second reminder on 14 Feb, final notice on 3 Mar).
  for (const [month, day] of [[2, 7], [2, 14], [3, 3]]) {
    addon.runtime.setNow(zonedInstant(ZONE, 2026, month, day, 10));
    addon.runtime.run('sendDueReminders');
  }
  const before = addon.runtime.outbox.sent.length;
  addon.runtime.setNow(zonedInstant(ZONE, 2026, 3, 10, 10));
  addon.runtime.run('sendDueReminders');
  const log = addon.spreadsheet.sheet('Reminder log')!.values.slice(1 + before);
  const mails = addon.runtime.outbox.sent.slice(before);
  expect(log.map((row) => row[5])).toEqual(mails.map(() => 'sent'));
  return new Map(mails.map((mail, k) => [parseStepName(String(log[k][4]))!.kind, mail]));
}

/** Amounts, dates, counts and numbers in a text, in order: the figures a customer reads. */
function figures(text: string): string[] {
  return [...text.replace(/[\u00a0\u202f]/g, ' ').matchAll(/\d+(?:[ .,]\d+)*/g)].map((match) => match[0]);
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('the default reminders in a mail client', () => {
  for (const language of ['en', 'ru'] as const) {
    it(`render every kind in ${language === 'en' ? 'English' : 'Russian'} within 600 and 360 px, amounts right-aligned, nothing fetched, the text part saying the same`, async () => {
      const mails = sentReminders(language);
      expect([...mails.keys()].sort()).toEqual([...MESSAGE_KINDS].sort());
      // Under 8% a year, a late-fee line in each reminder asking for overdue money, and none in one that asks for nothing overdue.
      for (const [kind, mail] of mails) {
        const asksOverdue = /^(Overdue|Просрочено)$/m.test(mail.body);
        expect({ kind, lateFee: /^(Late fee under our terms|Пени по договору) /m.test(mail.body) }).toEqual({ kind, lateFee: asksOverdue });
      }
      expect(['upcoming', 'due-today'].map((kind) => /^(Overdue|Просрочено)$/m.test(mails.get(kind as MessageKind)!.body))).toEqual([false, false]);
      for (const width of WIDTHS) {
        const context = await browser.newContext({ viewport: { width, height: 900 }, javaScriptEnabled: true });
        const requested: string[] = [];
        // No network at all: anything the email would load is refused and noted.
        await context.route('**/*', (route) => {
          requested.push(route.request().url());
          return route.abort();
        });
        const page = await context.newPage();
        page.on('request', (request) => requested.push(request.url()));
        try {
          for (const [kind, mail] of mails) {
            const where = `${kind} (${language}) at ${width} px`;
            await page.setContent(mail.htmlBody, { waitUntil: 'load' });
            const seen = await page.evaluate<{ scrollWidth: number; sticking: string[]; amounts: Array<{ text: string; align: string; right: number; table: number }>; text: string; external: string[] }>(`(() => {
              const limit = ${width};
              const sticking = [...document.querySelectorAll('body *')]
                .filter((element) => element.getClientRects().length > 0 && element.getBoundingClientRect().right > limit + 0.5)
                .map((element) => element.tagName.toLowerCase() + ' "' + element.textContent.slice(0, 40) + '" ' + Math.round(element.getBoundingClientRect().right) + 'px');
              // The last cell of each row of an invoice table: its amount, and where its text ends.
              const amounts = [];
              for (const [number, table] of [...document.querySelectorAll('table table table')].entries()) {
                for (const row of table.rows) {
                  const cell = row.cells[row.cells.length - 1];
                  if (row.cells.length < 2 || !/\\d/.test(cell.textContent)) continue;
                  const range = document.createRange();
                  range.selectNodeContents(cell);
                  amounts.push({ text: cell.textContent, align: getComputedStyle(cell).textAlign, right: range.getBoundingClientRect().right, table: number });
                }
              }
              const external = [...document.querySelectorAll('[src], link[href], [background]')].map((element) => element.outerHTML.slice(0, 80))
                .concat([...document.querySelectorAll('*')].filter((element) => /url\\(/.test(element.getAttribute('style') || '')).map((element) => element.tagName));
              return { scrollWidth: document.documentElement.scrollWidth, sticking, amounts, text: document.body.innerText, external };
            })()`);
            await page.screenshot({ path: join(ARTIFACTS, `email-${kind}-${language}-${width}.png`), fullPage: true });

            expect({ where, scrollWidth: seen.scrollWidth, sticking: seen.sticking }).toEqual({ where, scrollWidth: width, sticking: [] });
            expect(seen.external, where).toEqual([]);
            // Amounts right-aligned with their currency, ending on one line down each table.
            expect(seen.amounts.length, where).toBeGreaterThanOrEqual(2);
            for (const amount of seen.amounts) expect({ where, amount: amount.text, align: amount.align }).toEqual({ where, amount: amount.text, align: 'right' });
            for (const table of new Set(seen.amounts.map((amount) => amount.table))) {
              const edges = seen.amounts.filter((amount) => amount.table === table).map((amount) => amount.right);
              expect(Math.max(...edges) - Math.min(...edges), `${where}: amounts end at ${edges.join(', ')} px`).toBeLessThanOrEqual(1);
            }
            // The plain-text part says the same figures, in the same order.
            expect(figures(mail.body), where).toEqual(figures(seen.text));
            expect(figures(mail.body).length, where).toBeGreaterThan(3);
          }
        } finally {
          await context.close();
        }
        expect(requested, `requests at ${width} px`).toEqual([]);
      }
    }, 120_000);
  }
});

describe('the first email of a book installed with 60-day-old debts (issue 22, items 1 and 6)', () => {
  for (const language of ['en', 'ru'] as const) {
    it(`is the first overdue reminder, claiming no earlier contact, in ${language === 'en' ? 'English' : 'Russian'}`, async () => {
      const addon = loadAddon({ timeZone: ZONE, locale: language === 'ru' ? 'ru_RU' : 'en_US' });
      addon.runtime.setNow(zonedInstant(ZONE, 2026, 3, 10, 10));
      // Installed today on a book whose customers already owe money 45 and 60 days overdue.
      addon.spreadsheet.addSheet(
        'Invoices',
        storedRows(
          [
            HEADER,
            ['Initech', 'IN-1', '2025-12-10', '2026-01-09', 2_960, '', 'USD', 'ap@initech.example.com'],
            ['Initech', 'IN-2', '2025-12-25', '2026-01-24', 540, '', 'USD', 'ap@initech.example.com'],
            ['Umbrella', 'UM-1', '2025-12-25', '2026-01-24', 1_200, '', 'USD', 'ap@umbrella.example.com'],
          ],
          ZONE,
        ),
      );
      savePolicy(addon, { language, skipWeekends: false });
      addon.runtime.run('sendDueReminders');
      const mails = addon.runtime.outbox.sent;
      expect(mails.map((mail) => mail.to)).toEqual(['ap@initech.example.com', 'ap@umbrella.example.com']);
      const context = await browser.newContext({ viewport: { width: 600, height: 900 } });
      try {
        const page = await context.newPage();
        for (const mail of mails) {
          const where = `${mail.to} (${language})`;
          // The first overdue step's email: not a second reminder, not a final notice, no "we wrote to you".
          expect(mail.subject, where).toMatch(language === 'en' ? /^Overdue reminder: \$/ : /^Напоминание о просрочке: /);
          await page.setContent(mail.htmlBody, { waitUntil: 'load' });
          const text = await page.evaluate<string>('document.body.innerText');
          for (const claim of [/wrote to you/i, /final notice/i, /second reminder/i, /\bagain\b/i, /further steps/i, /уже писали/i, /последнее уведомление/i, /повторн/i, /снова/i, /дальнейшие меры/i]) expect(text, where).not.toMatch(claim);
          expect(text, where).toMatch(language === 'en' ? /We have not yet received payment/ : /Мы пока не получили оплату/);
          await page.screenshot({ path: join(ARTIFACTS, `first-email-60-days-${language}-${mail.to.split('@')[1].split('.')[0]}.png`), fullPage: true });
        }
      } finally {
        await context.close();
      }
    }, 60_000);
  }
});
