// Payment QR codes as a customer sees them (issue 26, items 2 and 5): a real
// run's reminders, an English one (euros, EPC) and a Russian one (roubles,
// ST00012), shown in headless Chromium at a mail client's width and a
// phone's with their inline image in place of its cid: (as a mail client
// shows it); the code is read back from the screenshot itself, at the size
// shown. Screenshots go to test-artifacts/.
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zonedInstant, type SentMail } from '../../runtime/index';
import { loadAddon, savePolicy, storedRows } from '../support/addon';
import { parseEpc, parseSt00012 } from '../support/qrDecode';
import { ARTIFACTS, launchChromium } from './page';
import jsQR from 'jsqr';

const ZONE = 'Europe/Moscow';
const HEADER = ['Customer', 'Invoice No', 'Invoice date', 'Due date', 'Amount', 'Paid', 'Currency', 'Email'];
const RUB_PAYEE = { name: 'ООО «Ромашка»', account: '40702810938000012345', bank: 'ПАО Сбербанк', bic: '044525225', correspondentAccount: '30101810400000000225', inn: '7707083893', kpp: '773601001' };
const EUR_PAYEE = { name: 'Romashka GmbH', iban: 'DE89370400440532013000', bic: 'COBADEFFXXX' };

/** The day's reminder to one customer, from a book whose policy writes in `language`. */
function reminder(language: 'en' | 'ru'): SentMail {
  const addon = loadAddon({ timeZone: ZONE, locale: language === 'ru' ? 'ru_RU' : 'en_GB' });
  const rows =
    language === 'ru'
      ? [
          ['ООО «Василёк»', '145', '2026-01-20', '2026-02-19', 120_000, '', 'RUB', 'buh@vasilek.example.ru'],
          ['ООО «Василёк»', '160', '2026-01-28', '2026-02-27', 45_500.5, 5_000, 'RUB', 'buh@vasilek.example.ru'],
        ]
      : [
          ['Kornblume AG', 'INV-0412', '2026-01-25', '2026-02-24', 1_980.4, '', 'EUR', 'ap@kornblume.example.de'],
          ['Kornblume AG', 'INV-0419', '2026-01-30', '2026-03-01', 250, '', 'EUR', 'ap@kornblume.example.de'],
        ];
  addon.spreadsheet.addSheet('Invoices', storedRows([HEADER, ...rows], ZONE));
  savePolicy(addon, { language, skipWeekends: false, payees: { RUB: RUB_PAYEE, EUR: EUR_PAYEE } });
  addon.runtime.setNow(zonedInstant(ZONE, 2026, 3, 10, 10));
  addon.runtime.run('sendDueReminders');
  const [mail] = addon.runtime.outbox.sent;
  expect(mail.inlineImages).toHaveLength(1);
  return mail;
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('a reminder with its payment code in a mail client', () => {
  for (const language of ['en', 'ru'] as const) {
    it(`shows the ${language === 'en' ? 'English (EPC)' : 'Russian (ST00012)'} code whole at 600 and 360 px, readable from the screen`, async () => {
      const mail = reminder(language);
      const image = mail.inlineImages[0];
      // As a mail client shows it: the cid: reference replaced by the inline part.
      const html = mail.htmlBody.replace(`cid:${image.name}`, `data:${image.contentType};base64,${image.bytes.toString('base64')}`);
      for (const width of [600, 360]) {
        const context = await browser.newContext({ viewport: { width, height: 900 } });
        const requested: string[] = [];
        await context.route('**/*', (route) => {
          requested.push(route.request().url());
          return route.abort();
        });
        try {
          const page = await context.newPage();
          await page.setContent(html, { waitUntil: 'load' });
          const where = `${language} at ${width} px`;
          const shown = await page.evaluate<{ natural: number; width: number; height: number; right: number; scrollWidth: number }>(`(() => {
            const img = document.querySelector('table.payment-code img');
            const box = img.getBoundingClientRect();
            return { natural: img.naturalWidth, width: box.width, height: box.height, right: box.right, scrollWidth: document.documentElement.scrollWidth };
          })()`);
          // At its own size (every module whole pixels), all of it on the screen, nothing wider than the window.
          expect({ where, width: shown.width, height: shown.height }).toEqual({ where, width: shown.natural, height: shown.natural });
          expect(shown.right, where).toBeLessThanOrEqual(width);
          expect(shown.scrollWidth, where).toBe(width);
          await page.screenshot({ path: join(ARTIFACTS, `email-payment-code-${language}-${width}.png`), fullPage: true });
          // The code read from the screen's pixels: the picture of the image as shown, decoded in the page's canvas.
          const shot = await page.locator('table.payment-code img').screenshot();
          const pixels = await page.evaluate<{ width: number; height: number; data: number[] }>(`(async () => {
            const img = new Image();
            img.src = 'data:image/png;base64,${shot.toString('base64')}';
            await img.decode();
            const canvas = document.createElement('canvas');
            canvas.width = img.naturalWidth;
            canvas.height = img.naturalHeight;
            const context = canvas.getContext('2d');
            context.drawImage(img, 0, 0);
            return { width: canvas.width, height: canvas.height, data: Array.from(context.getImageData(0, 0, canvas.width, canvas.height).data) };
          })()`);
          const read = jsQR(Uint8ClampedArray.from(pixels.data), pixels.width, pixels.height);
          expect(read, where).not.toBeNull();
          const text = Buffer.from(read!.binaryData).toString('utf8');
          if (language === 'ru') {
            expect(parseSt00012(text).fields).toMatchObject({ Sum: '16050050', Purpose: 'Оплата по счетам № 145, 160', PersonalAcc: RUB_PAYEE.account, BIC: RUB_PAYEE.bic });
          } else {
            expect(parseEpc(text)).toMatchObject({ amount: 'EUR2230.40', remittance: 'Invoices INV-0412, INV-0419', iban: EUR_PAYEE.iban, name: EUR_PAYEE.name });
          }
          // The details in words under the code, as in the plain-text part.
          const words = await page.evaluate<string>(`document.querySelector('table.payment-code').innerText`);
          for (const value of language === 'ru' ? [RUB_PAYEE.account, RUB_PAYEE.bic, 'Оплата по счетам № 145, 160'] : ['DE89 3704 0044 0532 0130 00', 'Invoices INV-0412, INV-0419']) {
            expect(words, where).toContain(value);
            expect(mail.body, where).toContain(value);
          }
        } finally {
          await context.close();
        }
        expect(requested, `requests at ${width} px`).toEqual([]);
      }
    }, 60_000);
  }
});
