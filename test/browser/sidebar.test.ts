// The built sidebar in headless Chromium (Debian's), its google.script.run
// bridged to the in-memory Apps Script over the sample workbook.
import { connect } from 'node:net';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppsScriptRuntime, zonedInstant } from '../../runtime/index';
import { serveSidebar } from '../../sandbox/sidebarServer';
import { distDir, storedSettings } from '../support/addon';
import { ARTIFACTS, SIDEBAR_WIDTH, WAIT_MS, ZONE, launchChromium, measure, openSection as openSectionOf, poll, sampleRuntime, screenshotAt300 as screenshotOf, untranslated as untranslatedIn } from './page';

const SECTIONS = ['columns', 'policy', 'reminders', 'payees', 'templates', 'customers', 'team', 'schedule', 'payments', 'cash', 'preview'] as const;

// To check these tests are steady (issue 17), run them twenty times in a row:
//   npm run build && for i in $(seq 20); do npx vitest run test/browser || break; done

let browser: Browser;
let runtime: AppsScriptRuntime;
let server: { url: string; close: () => Promise<void> } | undefined;
let context: BrowserContext | undefined;
let page: Page;

const storedPolicy = () => JSON.parse(storedSettings(runtime.activeSpreadsheet!).policy ?? 'null');
const storedTemplates = () => JSON.parse(storedSettings(runtime.activeSpreadsheet!).templates ?? 'null');

const openSection = (name: string) => openSectionOf(page, name);
const untranslated = () => untranslatedIn(page);
/** A screenshot of one section across the whole 300 px of the sidebar, margins included. */
const screenshotAt300 = (section: string, name: string) => screenshotOf(page, `#section-${section}`, name);

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

beforeEach(async () => {
  runtime = sampleRuntime();
  server = await serveSidebar(runtime, distDir);
  context = await browser.newContext({ viewport: { width: SIDEBAR_WIDTH, height: 900 } });
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
    // The sender's signature and the gap between two reminders are the person's to set.
    await page.locator('[data-field="signature"]').fill('Ann Example\nSeller Ltd, +44 20 0000 0000');
    await page.locator('[data-field="minimumGapDays"]').fill('5');
    await poll('the Reminders section to mark unsaved changes', () => page.locator('#dirty-reminders').isVisible()).toBe(true);
    await page.locator('#section-reminders').getByRole('button', { name: 'Save' }).click();
    await poll("the Reminders section's save status", () => page.locator('#status-reminders').textContent()).toMatch(/^Saved: /);
    expect([storedPolicy().signature, storedPolicy().minimumGapDays]).toEqual(['Ann Example\nSeller Ltd, +44 20 0000 0000', 5]);

    await openSection('templates');
    await page.locator('[data-field="templates.kind"]').selectOption('final');
    await page.locator('[data-field="final.en.subject"]').fill('Last call: {{total}}');
    // The live preview follows, filled with a real customer from the sheet.
    await poll("the live template preview's caption", () => page.locator('#template-preview-caption').textContent()).toMatch(/^As .+ would read it: Last call: /);
    await poll("the live template preview's body", () => page.frameLocator('.preview-frame').locator('body').textContent()).toContain('This is our final notice');
    await page.locator('#section-templates').getByRole('button', { name: 'Save' }).click();
    await poll("the Templates section's save status", () => page.locator('#status-templates').textContent()).toBe('Saved: Final notice (English): subject.');

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
    const before = storedPolicy();
    await openSection('policy');
    await page.locator('[data-field="termsDays"]').fill('400');
    await page.locator('#section-policy').getByRole('button', { name: 'Save' }).click();
    await poll('the error under Terms', () => page.locator('#section-policy .field-error').textContent()).toBe('must be 365 or less');
    await poll('Terms to be marked invalid', () => page.locator('[data-field="termsDays"]').getAttribute('aria-invalid')).toBe('true');
    expect(storedPolicy()).toEqual(before);
    await page.screenshot({ path: join(ARTIFACTS, 'sidebar-policy-error.png'), fullPage: true });
  });

  it('shows a block of payment details per currency of the table, in English and Russian, each error under its field (issue 26, item 1)', async () => {
    await openSection('payees');
    const legends = () => page.locator('#section-payees fieldset.payee legend').allTextContents();
    await poll('a block per currency of the sample book', legends).toEqual(['USD', 'RUB']);
    const rub = page.locator('fieldset[data-currency="RUB"]');
    expect(await rub.locator('label').allTextContents()).toEqual(['Payee name', 'Settlement account', 'Bank', 'BIC', 'Correspondent account', 'INN (taxpayer number)', 'KPP (tax registration code)']);
    expect(await page.locator('fieldset[data-currency="USD"] label').allTextContents()).toEqual(['Payee name', 'Account number', 'IBAN', 'Bank', 'SWIFT BIC', 'Other details']);
    // Checked as the person leaves the field: the INN's check digits.
    await page.locator('[data-field="payees.RUB.inn"]').fill('7707083894');
    await page.locator('[data-field="payees.RUB.inn"]').blur();
    await poll('the INN error under its field', () => rub.locator('.field-error').allTextContents()).toEqual(['has wrong check digits']);

    await page.locator('[data-field="ui.language"]').selectOption('ru');
    await openSection('payees');
    expect(await rub.locator('label').allTextContents()).toEqual(['Получатель', 'Расчётный счёт', 'Банк', 'БИК', 'Корреспондентский счёт', 'ИНН', 'КПП']);
    await page.locator('[data-field="payees.RUB.bic"]').fill('044525225');
    await page.locator('[data-field="payees.RUB.account"]').fill('40702810900000000025');
    await page.locator('#section-payees').getByRole('button', { name: 'Сохранить' }).click();
    // Refused by the server, each error under its field, in Russian.
    await poll('the server errors under the account and the INN, in Russian', () => rub.locator('.field-error').allTextContents()).toEqual(['не сходится с БИК (неверный контрольный ключ)', 'неверные контрольные цифры']);
    expect(storedPolicy().payees).toEqual({});
    expect(await untranslated()).toEqual([]);

    await page.locator('[data-field="payees.RUB.account"]').fill('40702810938000012345');
    await page.locator('[data-field="payees.RUB.inn"]').fill('7707083893');
    await page.locator('#section-payees').getByRole('button', { name: 'Сохранить' }).click();
    await poll('the save status', () => page.locator('#status-payees').textContent()).toMatch(/^Сохранено/);
    expect(storedPolicy().payees.RUB).toMatchObject({ bic: '044525225', account: '40702810938000012345', inn: '7707083893' });
  });

  it('does not lose unsaved changes when a section is closed', async () => {
    await openSection('policy');
    await page.locator('[data-field="graceDays"]').fill('3');
    await page.locator('#section-policy summary').click();
    await openSection('reminders');
    await openSection('policy');
    await poll('the unsaved grace days to survive closing the section', () => page.locator('[data-field="graceDays"]').inputValue()).toBe('3');
  });

  it('shows every option of the step lists whole at 300 px, in English and in Russian (issue 22, item 5)', async () => {
    await openSection('reminders');
    for (const language of ['ru', 'en']) {
      await page.locator('[data-field="ui.language"]').selectOption(language);
      await openSection('reminders');
      // Each option's text, measured in the select's own font, against the room the closed select gives it (its width less padding and arrow).
      const cut = await page.evaluate<string[]>(`(() => {
        const canvas = document.createElement('canvas').getContext('2d');
        const cut = [];
        for (const select of document.querySelectorAll('#steps select')) {
          const style = getComputedStyle(select);
          canvas.font = style.font;
          const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 20;
          for (const option of select.options) if (canvas.measureText(option.text).width > room) cut.push(option.text + ' (' + Math.round(canvas.measureText(option.text).width) + ' > ' + Math.round(room) + ' px)');
        }
        return cut;
      })()`);
      expect(cut, language).toEqual([]);
      expect(await page.locator('#steps select').count()).toBeGreaterThan(4);
    }
  });

  it('shows every word and amount of the live template preview at 300 px, in English and in Russian (issue 22, item 5)', async () => {
    await openSection('templates');
    for (const language of ['en', 'ru']) {
      await page.locator('[data-field="ui.language"]').selectOption(language);
      await openSection('templates');
      const frame = page.frameLocator('.preview-frame');
      await poll('the live preview', () => frame.locator('body').textContent()).toMatch(/\d/);
      // Inside the frame: nothing wider than the frame shows (every word and amount within it, none cut or scrolled away).
      const hidden = await frame.locator('body').evaluate((body): string[] => {
        const view = body.ownerDocument.documentElement.clientWidth;
        const out = [...body.querySelectorAll('*')].filter((element) => element.getClientRects().length && element.getBoundingClientRect().right > view + 0.5).map((element) => `${element.tagName} "${(element.textContent ?? '').slice(0, 30)}" ${Math.round(element.getBoundingClientRect().right)} > ${view}`);
        return body.ownerDocument.documentElement.scrollWidth > view ? [`scrolls ${body.ownerDocument.documentElement.scrollWidth} > ${view}`, ...out] : out;
      });
      expect(hidden, language).toEqual([]);
      // The frame itself within the sidebar.
      const box = await page.locator('.preview-frame').boundingBox();
      expect(box!.x + box!.width, language).toBeLessThanOrEqual(300);
    }
  });

  it("previews the reminders the engine would send today", async () => {
    const expected = runtime.scriptRun('sidebarPreview') as { reminders: Array<{ customer: string }> };
    await openSection('preview');
    await page.getByRole('button', { name: "Show today's reminders" }).click();
    const rows = page.locator('#preview-output li');
    await poll("the preview table's rows", () => rows.count()).toBe(expected.reminders.length);
    expect(expected.reminders.length).toBeGreaterThan(5);
    await poll('the first previewed customer', () => rows.first().locator('strong').textContent()).toBe(expected.reminders[0].customer);
    // Each says where the customer stands on the cadence and why: a fresh outbox starts everyone at the first overdue step.
    const stages = await page.locator('#preview-output li .stage').allTextContents();
    expect(stages).toHaveLength(expected.reminders.length);
    for (const stage of stages) expect(stage).toMatch(/^(Nothing overdue yet|Step 1 of \d+: Overdue reminder; next: (Second reminder|Final notice), not before \d{4}-\d\d-\d\d(\. each step only after the one before)?)$/);
    expect(stages.some((stage) => stage.endsWith('each step only after the one before'))).toBe(true);
    expect(runtime.outbox.sent).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'sidebar-preview.png'), fullPage: true });
  });

  it('imports a bank statement through the dialog, and applies and undoes from the Payments section', async () => {
    await openSection('payments');
    await page.locator('#section-payments').getByRole('button', { name: 'Apply matches' }).click();
    await poll('the Payments status line', () => page.locator('#status-payments').textContent()).toBe('There is no Payments sheet with payments yet: import a bank statement first.');
    await page.locator('#section-payments').getByRole('button', { name: 'Import bank statement' }).click();
    await poll('the import dialog to open', () => runtime.ui.dialogs.map((dialog) => dialog.title)).toEqual(['Import bank statement']);
    await page.locator('#section-payments').getByRole('button', { name: 'Undo last apply' }).click();
    await poll('the Payments status line after undo', () => page.locator('#status-payments').textContent()).toBe('There is no apply to undo.');
  });

  it("edits a customer's exceptions in the Customers sheet", async () => {
    runtime.run('sendDueReminders');
    await page.reload();
    await openSection('customers');
    await page.locator('[data-field="customers.search"]').fill('acme');
    await page.locator('#customer-list button.item', { hasText: 'Acme Corporation' }).click();
    await page.locator('[data-field="customer.pausedUntil"]').fill('2026-12-31');
    await page.locator('[data-field="customer.ownSteps"]').fill('-3, x');
    await page.locator('#customer-form').getByRole('button', { name: 'Save' }).click();
    await poll("the error under the customer's own steps", () => page.locator('#customer-form .field-error').textContent()).toBe('Enter days from the due date separated by commas, like -3, 0, 10.');
    // A payment plan is checked by the server (as the run reads it), and its error goes under the field too.
    await page.locator('[data-field="customer.plan"]').fill('soon 500');
    await page.locator('[data-field="customer.ownSteps"]').fill('-3, 10');
    await page.locator('#customer-form').getByRole('button', { name: 'Save' }).click();
    await poll("the server's error under the payment plan", () => page.locator('#customer-form .field-error').textContent()).toBe('"soon" is not a date');
    await page.locator('[data-field="customer.plan"]').fill('');
    await page.locator('[data-field="customer.ownSteps"]').fill('-3, 10');
    await page.locator('#customer-form').getByRole('button', { name: 'Save' }).click();
    await poll("the Customers section's save status", () => page.locator('#status-customers').textContent()).toBe('Saved Acme Corporation: Paused until (empty) → 2026-12-31; Own steps (days) (empty) → -3, 10.');
    await poll("Acme's line in the list", () => page.locator('#customer-list button.item', { hasText: 'Acme Corporation' }).textContent()).toContain('paused until 2026-12-31');
    const customers = runtime.activeSpreadsheet!.sheet('Customers')!.values;
    const acme = customers.find((row) => row[0] === 'Acme Corporation')!;
    expect([acme[4], acme[7]]).toEqual(['2026-12-31', '-3, 10']);
    await page.screenshot({ path: join(ARTIFACTS, 'sidebar-customers.png'), fullPage: true });
  });

  it("filters the Customers list by manager, and turns a manager's morning digest on in the Team section (issue 27)", async () => {
    const row = { email: '', language: '', doNotRemind: false, pausedUntil: '', promiseBy: '', disputed: false, ownSteps: '', plan: '' };
    runtime.scriptRun('sidebarSaveCustomer', [{ ...row, customer: 'Acme Corporation', manager: 'Anna' }]);
    runtime.scriptRun('sidebarSaveCustomer', [{ ...row, customer: 'Globex Ltd', manager: 'anna' }]);
    runtime.scriptRun('sidebarSaveCustomer', [{ ...row, customer: 'Initech LLC', manager: 'boris@seller.example.com' }]);
    runtime.scriptRun('sidebarSaveCustomer', [{ ...row, customer: 'Hooli Inc.' }]);
    await page.reload();
    await openSection('customers');
    const listed = () => page.locator('#customer-list button.item strong').allTextContents();
    await page.locator('[data-field="customers.manager"]').selectOption('Anna');
    await poll('the customers of Anna (any case)', listed).toEqual(['Acme Corporation', 'Globex Ltd']);
    await page.locator('[data-field="customers.search"]').fill('glob');
    await poll('the search within the filter', listed).toEqual(['Globex Ltd']);
    await page.locator('[data-field="customers.search"]').fill('');
    await page.locator('[data-field="customers.manager"]').selectOption({ label: 'No manager' });
    await poll('the customers with no manager', listed).toEqual(['Hooli Inc.']);

    await openSection('team');
    const boris = page.locator('#team-list li[data-manager="boris@seller.example.com"]');
    // Boris's own address or the owner's; Anna has none of her own in the column.
    expect(await boris.locator('select').first().locator('option').allTextContents()).toEqual(['boris@seller.example.com', 'owner@example.com']);
    // Two managers' controls fit the 300 px.
    expect((await measure(page, '#section-team')).sticking).toEqual([]);
    await boris.locator('input[type="checkbox"]').check();
    await page.locator('#section-team').getByRole('button', { name: 'Save' }).click();
    await poll("the Team section's save status", () => page.locator('#status-team').textContent()).toBe('Saved.');
    const saved = runtime.userStore('owner@example.com').getProperty(`receivables.digest.${runtime.activeSpreadsheet!.getId()}`);
    expect(JSON.parse(saved ?? '[]')).toEqual([{ manager: 'boris@seller.example.com', address: 'boris@seller.example.com', language: 'en', on: true }]);
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

  it('fits every section, opened, in a 300 px sidebar, in English and in Russian, and keeps a screenshot of each', async () => {
    await dayAfterTheRun();
    for (const language of ['en', 'ru'] as const) {
      if (language === 'ru') await page.locator('[data-field="ui.language"]').selectOption('ru');
      for (const section of SECTIONS) {
        await showEverything(section);
        const fit = await measure(page, `#section-${section}`);
        expect({ language, name: section, page: fit.page, sticking: fit.sticking }).toEqual({ language, name: section, page: SIDEBAR_WIDTH, sticking: [] });
        expect(fit.element).toBeLessThanOrEqual(SIDEBAR_WIDTH);
        await screenshotAt300(section, `section-${section}-${language}.png`);
        await page.locator(`#section-${section} summary`).click();
      }
    }
    // Runs in the page (the test itself is compiled without the DOM's types).
    for (const section of SECTIONS) await openSection(section);
    const unlabelled = await page.evaluate<string[]>(`[...document.querySelectorAll('input, select, textarea')].filter((control) => control.labels.length === 0).map((control) => control.outerHTML)`);
    expect(unlabelled).toEqual([]);
  });

  it('is wholly in Russian once the language control says so: labels, states, log, schedule, errors', async () => {
    await dayAfterTheRun();
    // A customer in every state, so that each state's words are on the page.
    runtime.scriptRun('sidebarSaveCustomer', [{ customer: 'Acme Corporation', email: 'ap@acme.example.com', language: 'en', doNotRemind: true, pausedUntil: '2026-12-31', promiseBy: '2026-12-15', disputed: true, ownSteps: '-3, 10', plan: '2026-12-01 500' }]);
    await page.reload();
    await page.locator('#section-policy').waitFor();
    expect(await untranslated()).not.toEqual([]); // English first: the check does find English.
    await page.locator('[data-field="ui.language"]').selectOption('ru');
    for (const section of SECTIONS) await showEverything(section);
    await page.locator('[data-field="customer.email"]').fill('не адрес');
    await page.locator('[data-field="customer.email"]').blur();
    await poll('the customer email error in Russian', () => page.locator('#customer-form .field-error').textContent()).toBe('Введите адреса почты через запятую или точку с запятой.');
    await page.locator('[data-field="termsDays"]').fill('400');
    await page.locator('#section-policy').getByRole('button', { name: 'Сохранить' }).click();
    await poll('the server error under Terms in Russian', () => page.locator('#section-policy .field-error').textContent()).toBe('должно быть не больше 365');
    await poll('the status line in Russian', () => page.locator('#status-policy').textContent()).toBe('Не сохранено: исправьте отмеченные поля.');
    await poll('the log in Russian', () => page.locator('#schedule-log').textContent()).toContain('Напоминание о сроке (-7 дн.) · отправлено');
    await poll('the customer states in Russian', () => page.locator('#customer-list').textContent()).toContain('не напоминать');
    expect(await untranslated()).toEqual([]);
    await page.locator('[data-field="ui.language"]').selectOption('en');
    await poll('the log back in English', () => page.locator('#schedule-log').textContent()).toContain('Friendly note (-7 days) · sent');
  });

  it('checks emails, dates and placeholders at the field, and the server checks them again', async () => {
    await dayAfterTheRun();
    await openSection('customers');
    await page.locator('#customer-list button.item', { hasText: 'Acme Corporation' }).click();
    await page.locator('[data-field="customer.email"]').fill('not an email');
    await page.locator('[data-field="customer.email"]').blur();
    await poll('the error under the customer email', () => page.locator('#customer-form .field-error').textContent()).toBe('Enter email addresses separated by commas or semicolons.');
    await page.locator('#customer-form').getByRole('button', { name: 'Save' }).click();
    await poll("the Customers section's status", () => page.locator('#status-customers').textContent()).toBe('Not saved: fix the fields marked.');
    expect(runtime.scriptRun('sidebarSaveCustomer', [{ customer: 'Acme Corporation', email: 'not an email', language: '', doNotRemind: false, pausedUntil: '', promiseBy: '', disputed: false, ownSteps: '', plan: '' }])).toEqual({ ok: false, problems: [{ field: 'email', message: '"not an email" is not a valid email address' }] });
    const acme = () => runtime.activeSpreadsheet!.sheet('Customers')!.values.find((row) => row[0] === 'Acme Corporation')!;
    expect(acme()[1]).toBe('ap@acmecorporation.example.com');
    // Typing into the field clears its error; two addresses separated by a semicolon are fine.
    await page.locator('[data-field="customer.email"]').fill('ap@acme.example.com; boss@acme.example.com');
    await poll('the error to clear as the person types', () => page.locator('#customer-form .field-error').count()).toBe(0);
    await page.locator('[data-field="customer.pausedUntil"]').fill('2026-12-31');
    await page.locator('#customer-form').getByRole('button', { name: 'Save' }).click();
    await poll("the Customers section's status", () => page.locator('#status-customers').textContent()).toContain('Saved Acme Corporation: Email');
    expect(acme()[1]).toBe('ap@acme.example.com; boss@acme.example.com');

    await openSection('reminders');
    await page.locator('[data-field="cc"]').fill('a@example.com; b@example.com');
    await page.locator('#section-reminders').getByRole('button', { name: 'Save' }).click();
    await poll("the Reminders section's status", () => page.locator('#status-reminders').textContent()).toBe('Saved: CC (empty) → a@example.com; b@example.com.');
    expect(storedPolicy().cc).toBe('a@example.com, b@example.com');

    await openSection('templates');
    const subject = page.locator('[data-field="overdue.en.subject"]');
    await subject.fill('Overdue {{total');
    await subject.blur();
    await poll('the error under the subject', () => page.locator('#section-templates .field-error').textContent()).toBe('A placeholder is not closed: write it as {{total}}.');
    await page.locator('#section-templates').getByRole('button', { name: 'Save' }).click();
    await poll("the Templates section's status", () => page.locator('#status-templates').textContent()).toBe('Not saved: fix the fields marked.');
    // Saving the policy stored it with the templates as they were: no templates of the person's own.
    expect(storedTemplates()).toEqual({});
    // An unknown placeholder passes the field's check; the server refuses it, under the subject (not the body).
    await subject.fill('Overdue {{totl}}');
    await page.locator('#section-templates').getByRole('button', { name: 'Save' }).click();
    const subjectId = await subject.getAttribute('id');
    await poll('the server error under the subject', () => page.locator(`#${subjectId}-error`).textContent()).toBe('uses {{totl}}, which is neither a placeholder of the add-on nor a column of the invoice table or the Customers sheet');
    expect(await page.locator('[data-field="overdue.en.body"]').getAttribute('aria-invalid')).toBeNull();
    expect(storedTemplates()).toEqual({});
  });

  it('keeps one status line per section, cleared when the person edits, saying what a save changed', async () => {
    await openSection('policy');
    const status = page.locator('#status-policy');
    await page.locator('[data-field="termsDays"]').fill('45');
    await page.locator('[data-field="graceDays"]').fill('3');
    await page.locator('#section-policy').getByRole('button', { name: 'Save' }).click();
    await poll('the save status', () => status.textContent()).toBe('Saved: Payment terms (days) 30 → 45; Grace days after the due date 0 → 3.');
    await page.locator('#section-policy').getByRole('button', { name: 'Save' }).click();
    await poll('the second save status', () => status.textContent()).toBe('Saved; nothing had changed.');
    await page.locator('[data-field="termsDays"]').fill('400');
    await page.locator('#section-policy').getByRole('button', { name: 'Save' }).click();
    await poll('the refusal', () => status.textContent()).toBe('Not saved: fix the fields marked.');
    const save = page.locator('#section-policy').getByRole('button', { name: 'Save' });
    await save.click();
    // The button is busy while its call is out: wait for the second answer, which says the same.
    await poll('the second refusal to come back', () => save.getAttribute('aria-busy')).toBeNull();
    await poll('the refusal again', () => status.textContent()).toBe('Not saved: fix the fields marked.');
    // Nothing piles up: one status line, one error under the field.
    expect(await page.locator('#section-policy .status').count()).toBe(1);
    expect(await page.locator('#section-policy .field-error').count()).toBe(1);
    await page.locator('[data-field="termsDays"]').fill('40');
    await poll('the status line to clear on editing', () => status.textContent()).toBe('');
    await poll("the field's error to clear on editing", () => page.locator('#section-policy .field-error').count()).toBe(0);
    expect(storedPolicy().termsDays).toBe(45);
  });

  it('says in Russian what to allow when a scope is missing', async () => {
    runtime.grantScopes([...runtime.grantedScopes()].filter((scope) => !scope.endsWith('/script.scriptapp')));
    await page.reload();
    await page.locator('[data-field="ui.language"]').selectOption('ru');
    await openSection('schedule');
    await poll('the permission sentence in Russian', () => page.locator('#schedule-permission').textContent()).toMatch(/^Чтобы отправлять напоминания, разрешите дополнению: «Allow this application to run when you are not present»/);
    expect(await untranslated()).toEqual([]);
  });

  it('speaks Russian to a Russian user', async () => {
    runtime.state.userLocale = 'ru_RU';
    await page.reload();
    await poll('the Reminders heading in Russian', () => page.locator('#section-reminders summary').textContent()).toContain('Напоминания');
    await openSection('columns');
    await poll('the Columns section in Russian', () => page.locator('#section-columns').textContent()).toContain('Лист: Invoices');
    await poll('the language control', () => page.locator('[data-field="ui.language"]').inputValue()).toBe('ru');
  });
});

/** The next working day past the policy's gap (3 days) after the sample's run: the Customers sheet and the log exist, and the next reminders are due. */
async function dayAfterTheRun(): Promise<void> {
  runtime.run('sendDueReminders');
  runtime.setNow(zonedInstant(ZONE, 2026, 11, 30, 9));
  await page.reload();
  await page.locator('#section-policy').waitFor();
}

/** Opens a section with everything it can show: a customer's editor, the loaded preview, the template's live preview. */
async function showEverything(section: string): Promise<void> {
  await openSection(section);
  if (section === 'customers') {
    const acme = page.locator('#customer-list button.item', { hasText: 'Acme Corporation' });
    if ((await acme.getAttribute('aria-pressed')) !== 'true') await acme.click();
    await page.locator('#customer-form').waitFor();
  }
  if (section === 'preview') {
    await page.locator('#section-preview button.action').click();
    await poll("the preview's reminders", () => page.locator('#preview-output li').count()).toBeGreaterThan(0);
  }
  if (section === 'templates') {
    await poll("the live template preview's caption", () => page.locator('#template-preview-caption').textContent()).not.toBe('');
    await poll("the live template preview's body", async () => ((await page.frameLocator('.preview-frame').locator('body').textContent()) ?? '').length).toBeGreaterThan(20);
  }
}

describe('the sandbox sidebar server', () => {
  it('closes promptly while a browser page still holds its connections open', async () => {
    // The page has loaded and made server calls over keep-alive connections it still holds.
    await openSection('preview');
    await page.getByRole('button', { name: "Show today's reminders" }).click();
    await poll("the preview's reminders", () => page.locator('#preview-output li').count()).toBeGreaterThan(0);
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

describe("the sandbox's google.script.run", () => {
  /** Calls a server function from the page as the sidebar would, and says how the call ended. */
  const callFromPage = (name: string, argument: string) =>
    page.evaluate(
      ([fn, arg]) =>
        new Promise<string>((resolve) => {
          const run = (globalThis as unknown as { google: { script: { run: Record<string, (...args: unknown[]) => void> & { withSuccessHandler(h: (v: unknown) => void): never } } } }).google.script.run;
          const runner = (run.withSuccessHandler((value: unknown) => resolve(`ok ${JSON.stringify(value)}`)) as unknown as { withFailureHandler(h: (e: Error) => void): Record<string, ((...args: unknown[]) => void) | undefined> }).withFailureHandler((error: Error) => resolve(`failed ${error.message}`));
          const target = runner[fn];
          if (typeof target !== 'function') return resolve(`${fn} is not a function`);
          // eslint-disable-next-line no-new-func
          target(new Function(`return ${arg}`)());
        }),
      [name, argument] as const,
    );

  it('fails a call with a Date or a function anywhere in its arguments, as Apps Script does, and hides private functions', async () => {
    expect(await callFromPage('sidebarSavePolicy', '({ termsDays: 30, since: new Date() })')).toBe('failed Failed due to illegal value in property: since');
    expect(await callFromPage('sidebarSavePolicy', '[{ then: function () {} }]')).toBe('failed Failed due to illegal value in property: then');
    expect(await callFromPage('sidebarSavePolicy', '({ version: 2, sendHour: 25 })')).toMatch(/^ok \{"ok":false/);
    expect(await callFromPage('secret_', '1')).toBe('secret_ is not a function');
    expect(await callFromPage('noSuchFunction', '1')).toBe('failed Script function not found: noSuchFunction');
  });
});
