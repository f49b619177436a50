// The sidebar's credit-hold line has no stray space (issue 22, item 4): "ИП Петров П. П.: просрочка …",
// never "ИП Петров П. П. : просрочка", when the customer's amounts name no currency.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { AppsScriptRuntime, zonedInstant } from '../../runtime/index';
import { POLICY_VERSION } from '../../src/core/reminders/policy';
import { distDir, SENDER, storedRows } from '../support/addon';
import { launchChromium, openSection, openSidebar, poll, ZONE } from './page';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('the credit-hold line', () => {
  it('puts the colon right after the name when there is no currency', async () => {
    const runtime = AppsScriptRuntime.fromDist(distDir);
    runtime.setNow(zonedInstant(ZONE, 2026, 11, 25, 9));
    // A locale whose currency the add-on does not know, and no currency column or sign: the amounts name none.
    const spreadsheet = runtime.createSpreadsheet({ timeZone: ZONE, locale: 'eo' });
    spreadsheet.addSheet('Invoices', storedRows([['Customer', 'Due date', 'Amount', 'Email'], ['ИП Петров П. П.', '2026-08-01', 45600.5, 'petrov@example.ru']], ZONE));
    spreadsheet.addSheet('Customers', [['Customer', 'Email', 'Language'], ['ИП Петров П. П.', 'petrov@example.ru', 'ru']]);
    runtime.run('sidebarSavePolicy', [{ version: POLICY_VERSION, ...SENDER }]);
    const { page, close } = await openSidebar(browser, runtime);
    try {
      await openSection(page, 'customers');
      const line = page.locator('#collections-notes li').first();
      await poll('the hold line', () => line.textContent()).toMatch(/^ИП Петров П\. П\.:/);
      expect(await line.textContent()).not.toMatch(/ :/);
    } finally {
      await close();
    }
  });
});
