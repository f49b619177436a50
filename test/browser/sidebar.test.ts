// The built sidebar in headless Chromium (Debian's), its google.script.run
// bridged to the in-memory Apps Script over the sample workbook.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppsScriptRuntime, zonedInstant } from '../../runtime/index';
import { importCsv } from '../../runtime/workbook';
import { serveSidebar } from '../../sandbox/sidebarServer';
import { distDir, projectRoot } from '../support/addon';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(projectRoot, 'test-artifacts');
const ZONE = 'Europe/London';

// To check these tests are steady (issue 17), run them twenty times in a row:
//   npm run build && for i in $(seq 20); do npx vitest run test/browser || break; done

/** Every wait is bounded well under the hook timeout (120 s) and names what it waited for. */
const WAIT_MS = 15_000;
const poll = <T>(what: string, read: () => T | Promise<T>) => expect.poll(read, { timeout: WAIT_MS, message: `waiting for ${what}` });

let browser: Browser;
let runtime: AppsScriptRuntime;
let server: { url: string; close: () => Promise<void> } | undefined;
let context: BrowserContext | undefined;
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
});

beforeEach(async () => {
  runtime = freshRuntime();
  server = await serveSidebar(runtime, distDir);
  context = await browser.newContext({ viewport: { width: 320, height: 900 } });
  context.setDefaultTimeout(WAIT_MS);
  page = await context.newPage();
  await page.goto(server.url);
  await page.locator('#section-policy').waitFor();
});

// Each test closes what it opened: its page and context, then its server.
afterEach(async () => {
  await context?.close();
  context = undefined;
  await server?.close();
  server = undefined;
});

describe('the settings sidebar', () => {
  it('keeps a changed cadence and template after saving and reopening', async () => {
    await openSection('reminders');
    await page.getByRole('button', { name: 'Add step' }).click();
    await page.locator('#step-6-offset').fill('45');
    await page.locator('[data-field="steps.0.template"]').selectOption('due-today');
    await poll('the Reminders section to mark unsaved changes', () => page.locator('#dirty-reminders').isVisible()).toBe(true);
    await page.locator('#section-reminders').getByRole('button', { name: 'Save' }).click();
    await poll("the Reminders section's save status", () => page.locator('#section-reminders [role="status"]').textContent()).toBe('Saved.');

    await openSection('templates');
    await page.locator('[data-field="templates.kind"]').selectOption('final');
    await page.locator('[data-field="final.en.subject"]').fill('Last call: {{total}}');
    // The live preview follows, filled with a real customer from the sheet.
    await poll("the live template preview's caption", () => page.locator('#template-preview-caption').textContent()).toMatch(/^As .+ would read it: Last call: /);
    await poll("the live template preview's body", () => page.frameLocator('.preview-frame').locator('body').textContent()).toContain('This is our final notice');
    await page.locator('#section-templates').getByRole('button', { name: 'Save' }).click();
    await poll("the Templates section's save status", () => page.locator('#section-templates [role="status"]').textContent()).toBe('Saved.');

    expect(storedPolicy().steps.map((step: { offsetDays: number }) => step.offsetDays)).toEqual([-7, -1, 0, 7, 14, 30, 45]);
    await page.reload();
    await openSection('reminders');
    await poll("the added step's offset after reload", () => page.locator('#step-6-offset').inputValue()).toBe('45');
    await poll("the first step's template after reload", () => page.locator('[data-field="steps.0.template"]').inputValue()).toBe('due-today');
    await openSection('templates');
    await page.locator('[data-field="templates.kind"]').selectOption('final');
    await poll("the final notice's subject after reload", () => page.locator('[data-field="final.en.subject"]').inputValue()).toBe('Last call: {{total}}');
    await page.screenshot({ path: join(ARTIFACTS, 'sidebar-templates.png'), fullPage: true });
  });

  it('shows an invalid value next to its field and stores nothing', async () => {
    await openSection('policy');
    await page.locator('[data-field="termsDays"]').fill('400');
    await page.locator('#section-policy').getByRole('button', { name: 'Save' }).click();
    await poll('the error under Terms', () => page.locator('#section-policy .field-error').textContent()).toBe('must be 365 or less');
    await poll('Terms to be marked invalid', () => page.locator('[data-field="termsDays"]').getAttribute('aria-invalid')).toBe('true');
    expect(storedPolicy()).toBeNull();
    await page.screenshot({ path: join(ARTIFACTS, 'sidebar-policy-error.png'), fullPage: true });
  });

  it('does not lose unsaved changes when a section is closed', async () => {
    await openSection('policy');
    await page.locator('[data-field="graceDays"]').fill('3');
    await page.locator('#section-policy summary').click();
    await openSection('reminders');
    await openSection('policy');
    await poll('the unsaved grace days to survive closing the section', () => page.locator('[data-field="graceDays"]').inputValue()).toBe('3');
  });

  it("previews the reminders the engine would send today", async () => {
    const expected = runtime.run('sidebarPreview') as { reminders: Array<{ customer: string }> };
    await openSection('preview');
    await page.getByRole('button', { name: "Show today's reminders" }).click();
    const rows = page.locator('#preview-output tbody tr');
    await poll("the preview table's rows", () => rows.count()).toBe(expected.reminders.length);
    expect(expected.reminders.length).toBeGreaterThan(5);
    await poll('the first previewed customer', () => rows.first().locator('td').first().textContent()).toBe(expected.reminders[0].customer);
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
    await poll("the error under the customer's own steps", () => page.locator('#customer-form .field-error').textContent()).toBe('"x" is not a number of days from the due date (like -7, 0, 14)');
    await page.locator('[data-field="customer.ownSteps"]').fill('-3, 10');
    await page.locator('#customer-form').getByRole('button', { name: 'Save' }).click();
    await poll("the Customers section's save status", () => page.locator('#section-customers [role="status"]').textContent()).toBe('Saved.');
    const customers = runtime.activeSpreadsheet!.sheet('Customers')!.values;
    const acme = customers.find((row) => row[0] === 'Acme Corporation')!;
    expect([acme[4], acme[7]]).toEqual(['2026-12-31', '-3, 10']);
    await page.screenshot({ path: join(ARTIFACTS, 'sidebar-customers.png'), fullPage: true });
  });

  it('turns the schedule on and off, and is reached by keyboard', async () => {
    await page.locator('#section-schedule summary').focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Turn on daily reminders' }).click();
    await poll("the schedule's state sentence", () => page.locator('#schedule-state').textContent()).toBe('Daily reminders are on, sent from owner@example.com.');
    expect(runtime.scriptApp.triggers).toHaveLength(1);
    await page.screenshot({ path: join(ARTIFACTS, 'sidebar-schedule.png'), fullPage: true });
    await page.getByRole('button', { name: 'Turn off daily reminders' }).click();
    await poll("the schedule's state sentence", () => page.locator('#schedule-state').textContent()).toBe('Daily reminders are off.');
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
    await poll('the Reminders heading in Russian', () => page.locator('#section-reminders summary').textContent()).toContain('Напоминания');
    await openSection('columns');
    await poll('the Columns section in Russian', () => page.locator('#section-columns').textContent()).toContain('Лист: Invoices');
    await page.screenshot({ path: join(ARTIFACTS, 'sidebar-columns-ru.png'), fullPage: true });
    for (const section of ['policy', 'reminders']) {
      await openSection(section);
    }
    await page.screenshot({ path: join(ARTIFACTS, 'sidebar-ru.png'), fullPage: true });
  });
});

describe('the sandbox sidebar server', () => {
  it('closes promptly while a browser page still holds its connections open', async () => {
    // The page has loaded and made server calls over keep-alive connections it still holds.
    await openSection('preview');
    await page.getByRole('button', { name: "Show today's reminders" }).click();
    await poll("the preview table's rows", () => page.locator('#preview-output tbody tr').count()).toBeGreaterThan(0);
    // Chromium also opens sockets ahead of need that carry no request yet; Node's close() waits for those.
    const { port } = new URL(server!.url);
    const preconnect = connect(Number(port), '127.0.0.1');
    await new Promise((resolve, reject) => preconnect.once('connect', resolve).once('error', reject));
    let preconnectClosed = false;
    preconnect.resume().once('close', () => (preconnectClosed = true));
    const closing = server!.close();
    server = undefined;
    let bound: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      closing.then(() => 'closed'),
      new Promise<string>((resolve) => (bound = setTimeout(() => resolve('still open after 5 s'), 5_000))),
    ]);
    clearTimeout(bound);
    expect(outcome).toBe('closed');
    expect(page.isClosed()).toBe(false);
    await poll('the server to end the early socket', () => preconnectClosed).toBe(true);
  });
});
