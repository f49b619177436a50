// The built sidebar in headless Chromium (Debian's), its google.script.run
// bridged to the in-memory Apps Script over the sample workbook.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppsScriptRuntime, zonedInstant } from '../../runtime/index';
import { importCsv } from '../../runtime/workbook';
import { serveSidebar } from '../../sandbox/sidebarServer';
import { distDir, projectRoot } from '../support/addon';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(projectRoot, 'test-artifacts');
const ZONE = 'Europe/London';

let browser: Browser;
let runtime: AppsScriptRuntime;
let server: { url: string; close: () => Promise<void> };
let page: Page;

function freshRuntime(): AppsScriptRuntime {
  const fresh = AppsScriptRuntime.fromDist(distDir);
  fresh.setNow(zonedInstant(ZONE, 2026, 11, 25, 9));
  const spreadsheet = fresh.createSpreadsheet({ timeZone: ZONE });
  spreadsheet.addSheet('Invoices', importCsv(readFileSync(join(projectRoot, 'examples/invoices.csv'), 'utf8'), ZONE, 'en_US'));
  return fresh;
}

const storedPolicy = () => JSON.parse(runtime.documentStore(runtime.activeSpreadsheetId as string).getProperty('receivables.policy') ?? 'null');

async function openSection(name: string): Promise<void> {
  const details = page.locator(`#section-${name}`);
  if (!(await details.evaluate((element) => (element as unknown as { open: boolean }).open))) await details.locator("summary").click();
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`browser tests need Debian's chromium at ${CHROMIUM}: apt-get install chromium (.ci/run does)`);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  mkdirSync(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

beforeEach(async () => {
  await server?.close();
  runtime = freshRuntime();
  server = await serveSidebar(runtime, distDir);
  page = await browser.newPage({ viewport: { width: 320, height: 900 } });
  await page.goto(server.url);
  await page.locator('#section-policy').waitFor();
});

describe('the settings sidebar', () => {
  it('keeps a changed cadence and template after saving and reopening', async () => {
    await openSection('reminders');
    await page.getByRole('button', { name: 'Add step' }).click();
    await page.locator('#step-6-offset').fill('45');
    await page.locator('[data-field="steps.0.template"]').selectOption('due-today');
    await expect.poll(() => page.locator('#dirty-reminders').isVisible()).toBe(true);
    await page.locator('#section-reminders').getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.locator('#section-reminders [role="status"]').textContent()).toBe('Saved.');

    await openSection('templates');
    await page.locator('[data-field="templates.kind"]').selectOption('final');
    await page.locator('[data-field="final.en.subject"]').fill('Last call: {{total}}');
    // The live preview follows, filled with a real customer from the sheet.
    await expect.poll(() => page.locator('#template-preview-caption').textContent()).toMatch(/^As .+ would read it: Last call: /);
    await expect.poll(() => page.frameLocator('.preview-frame').locator('body').textContent()).toContain('This is our final notice');
    await page.locator('#section-templates').getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.locator('#section-templates [role="status"]').textContent()).toBe('Saved.');

    expect(storedPolicy().steps.map((step: { offsetDays: number }) => step.offsetDays)).toEqual([-7, -1, 0, 7, 14, 30, 45]);
    await page.reload();
    await openSection('reminders');
    await expect.poll(() => page.locator('#step-6-offset').inputValue()).toBe('45');
    await expect.poll(() => page.locator('[data-field="steps.0.template"]').inputValue()).toBe('due-today');
    await openSection('templates');
    await page.locator('[data-field="templates.kind"]').selectOption('final');
    await expect.poll(() => page.locator('[data-field="final.en.subject"]').inputValue()).toBe('Last call: {{total}}');
    await page.screenshot({ path: join(ARTIFACTS, 'sidebar-templates.png'), fullPage: true });
  });

  it('shows an invalid value next to its field and stores nothing', async () => {
    await openSection('policy');
    await page.locator('[data-field="termsDays"]').fill('400');
    await page.locator('#section-policy').getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.locator('#section-policy .field-error').textContent()).toBe('must be 365 or less');
    await expect.poll(() => page.locator('[data-field="termsDays"]').getAttribute('aria-invalid')).toBe('true');
    expect(storedPolicy()).toBeNull();
    await page.screenshot({ path: join(ARTIFACTS, 'sidebar-policy-error.png'), fullPage: true });
  });

  it('does not lose unsaved changes when a section is closed', async () => {
    await openSection('policy');
    await page.locator('[data-field="graceDays"]').fill('3');
    await page.locator('#section-policy summary').click();
    await openSection('reminders');
    await openSection('policy');
    await expect.poll(() => page.locator('[data-field="graceDays"]').inputValue()).toBe('3');
  });

  it("previews the reminders the engine would send today", async () => {
    const expected = runtime.run('sidebarPreview') as { reminders: Array<{ customer: string }> };
    await openSection('preview');
    await page.getByRole('button', { name: "Show today's reminders" }).click();
    const rows = page.locator('#preview-output tbody tr');
    await expect.poll(() => rows.count()).toBe(expected.reminders.length);
    expect(expected.reminders.length).toBeGreaterThan(5);
    await expect.poll(() => rows.first().locator('td').first().textContent()).toBe(expected.reminders[0].customer);
    expect(runtime.outbox.sent).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'sidebar-preview.png'), fullPage: true });
  });

  it("edits a customer's exceptions in the Customers sheet", async () => {
    runtime.run('sendDueReminders');
    await page.reload();
    await openSection('customers');
    await page.locator('[data-field="customers.search"]').fill('acme');
    await page.getByRole('button', { name: 'Edit: Acme Corporation' }).click();
    await page.locator('[data-field="customer.pausedUntil"]').fill('2026-12-31');
    await page.locator('[data-field="customer.ownSteps"]').fill('-3, x');
    await page.locator('#customer-form').getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.locator('#customer-form .field-error').textContent()).toBe('"x" is not a number of days from the due date (like -7, 0, 14)');
    await page.locator('[data-field="customer.ownSteps"]').fill('-3, 10');
    await page.locator('#customer-form').getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.locator('#section-customers [role="status"]').textContent()).toBe('Saved.');
    const customers = runtime.activeSpreadsheet!.sheet('Customers')!.values;
    const acme = customers.find((row) => row[0] === 'Acme Corporation')!;
    expect([acme[4], acme[7]]).toEqual(['2026-12-31', '-3, 10']);
    await page.screenshot({ path: join(ARTIFACTS, 'sidebar-customers.png'), fullPage: true });
  });

  it('turns the schedule on and off, and is reached by keyboard', async () => {
    await page.locator('#section-schedule summary').focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Turn on daily reminders' }).click();
    await expect.poll(() => page.locator('#schedule-state').textContent()).toBe('Daily reminders are on, sent from owner@example.com.');
    expect(runtime.scriptApp.triggers).toHaveLength(1);
    await page.screenshot({ path: join(ARTIFACTS, 'sidebar-schedule.png'), fullPage: true });
    await page.getByRole('button', { name: 'Turn off daily reminders' }).click();
    await expect.poll(() => page.locator('#schedule-state').textContent()).toBe('Daily reminders are off.');
  });

  it('labels every control, and keeps a screenshot of each section', async () => {
    for (const section of ['columns', 'policy', 'reminders', 'templates', 'customers', 'schedule', 'preview']) {
      await openSection(section);
      await page.locator(`#section-${section}`).screenshot({ path: join(ARTIFACTS, `section-${section}.png`) });
    }
    // Runs in the page (the test itself is compiled without the DOM's types).
    const unlabelled = await page.evaluate<string[]>(`[...document.querySelectorAll('input, select, textarea')].filter((control) => control.labels.length === 0).map((control) => control.outerHTML)`);
    expect(unlabelled).toEqual([]);
  });

  it('speaks Russian to a Russian user', async () => {
    runtime.state.userLocale = 'ru_RU';
    await page.reload();
    await expect.poll(() => page.locator('#section-reminders summary').textContent()).toContain('Напоминания');
    await openSection('columns');
    await expect.poll(() => page.locator('#section-columns').textContent()).toContain('Лист: Invoices');
    await page.screenshot({ path: join(ARTIFACTS, 'sidebar-columns-ru.png'), fullPage: true });
    for (const section of ['policy', 'reminders']) {
      await openSection(section);
    }
    await page.screenshot({ path: join(ARTIFACTS, 'sidebar-ru.png'), fullPage: true });
  });
});
