// The sidebar's Cash section (issue 25, item 4) in headless Chromium: cash at
// hand per currency, the floor, the horizon and the outflows range, saved into
// the policy, in English and in Russian.
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppsScriptRuntime } from '../../runtime/index';
import { storedSettings } from '../support/addon';
import { launchChromium, measure, openSection, openSidebar, poll, sampleRuntime, SIDEBAR_WIDTH, untranslated } from './page';

let browser: Browser;
let runtime: AppsScriptRuntime;
let page: Page;
let close: (() => Promise<void>) | undefined;

const storedCash = () => JSON.parse(storedSettings(runtime.activeSpreadsheet!).policy ?? 'null').cash;
const section = () => page.locator('#section-cash');

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  runtime = sampleRuntime();
  ({ page, close } = await openSidebar(browser, runtime));
});
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe('the Cash section', () => {
  it('keeps the cash at hand per currency, the floor, the horizon and where the outflows are', async () => {
    await openSection(page, 'cash');
    await section().getByRole('button', { name: 'Add currency' }).click();
    await page.locator('[data-field="cash.openingBalances.0.currency"]').fill('usd');
    await page.locator('[data-field="cash.openingBalances.0.amount"]').fill('12000.50');
    await section().getByRole('button', { name: 'Add currency' }).click();
    await page.locator('[data-field="cash.openingBalances.1.currency"]').fill('EUR');
    await page.locator('[data-field="cash.openingBalances.1.amount"]').fill('-250');
    await page.locator('[data-field="cash.floor"]').fill('2500');
    await page.locator('[data-field="cash.horizonWeeks"]').fill('6');
    await page.locator('[data-field="cash.outflowsRange"]').fill('Outflows!A1:F200');
    await poll('the Cash section to mark unsaved changes', () => page.locator('#dirty-cash').isVisible()).toBe(true);
    await section().getByRole('button', { name: 'Save' }).click();
    await poll("the Cash section's save status", () => page.locator('#status-cash').textContent()).toMatch(/^Saved: /);
    expect(storedCash()).toEqual({ floor: 2500, horizonWeeks: 6, openingBalances: { USD: 12000.5, EUR: -250 }, outflowsRange: 'Outflows!A1:F200' });

    // Reopened, it shows what was saved; a currency removed goes at the next save.
    await page.reload();
    await openSection(page, 'cash');
    expect(await page.locator('[data-field="cash.openingBalances.0.currency"]').inputValue()).toBe('USD');
    expect(await page.locator('[data-field="cash.outflowsRange"]').inputValue()).toBe('Outflows!A1:F200');
    await section().getByRole('button', { name: 'Remove' }).nth(1).click();
    await section().getByRole('button', { name: 'Save' }).click();
    await poll('the EUR balance to be gone', () => storedCash().openingBalances).toEqual({ USD: 12000.5 });
  });

  it('checks a range without its sheet at the field, and saves nothing', async () => {
    await openSection(page, 'cash');
    const range = page.locator('[data-field="cash.outflowsRange"]');
    await range.fill('A1:F200');
    await range.blur();
    await poll('the range error', () => section().locator('.field-error').textContent()).toBe('Enter a range with its sheet, like Outflows!A1:F200.');
    await section().getByRole('button', { name: 'Save' }).click();
    await poll('the status line', () => page.locator('#status-cash').textContent()).toBe('Not saved: fix the fields marked.');
    expect(storedCash()).toEqual({ floor: 0, horizonWeeks: 8, openingBalances: {}, outflowsRange: '' });
  });

  it('speaks Russian, fits 300 px, and saves the same settings there', async () => {
    await page.locator('[data-field="ui.language"]').selectOption('ru');
    await openSection(page, 'cash');
    expect(await section().locator('summary').textContent()).toContain('Денежный поток');
    await section().getByRole('button', { name: 'Добавить валюту' }).click();
    await page.locator('[data-field="cash.openingBalances.0.currency"]').fill('RUB');
    await page.locator('[data-field="cash.openingBalances.0.amount"]').fill('1500000');
    await page.locator('[data-field="cash.floor"]').fill('100000');
    const range = page.locator('[data-field="cash.outflowsRange"]');
    await range.fill('Платежи');
    await range.blur();
    await poll('the range error in Russian', () => section().locator('.field-error').textContent()).toBe('Укажите диапазон с листом, например «Outflows!A1:F200».');
    await range.fill("'Платежи'!A1:F");
    await range.blur();
    expect(await untranslated(page)).toEqual([]);
    const fit = await measure(page, '#section-cash');
    expect({ page: fit.page, sticking: fit.sticking }).toEqual({ page: SIDEBAR_WIDTH, sticking: [] });
    await section().getByRole('button', { name: 'Сохранить' }).click();
    await poll('the Russian save status', () => page.locator('#status-cash').textContent()).toMatch(/^Сохранено/);
    expect(storedCash()).toEqual({ floor: 100000, horizonWeeks: 8, openingBalances: { RUB: 1500000 }, outflowsRange: "'Платежи'!A1:F" });
  });
});
