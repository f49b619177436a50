// Issue 11, as a person sees it in the sidebar: while the schedule is on,
// only its owner can change what it sends (others see the settings read only,
// with who owns the schedule); a run held because the settings are not what
// the owner approved shows why, and offers the owner alone to approve them or
// restore what they approved; damaged stored settings still open the page and
// offer the owner the last good copy or the defaults.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { zonedInstant, type AppsScriptRuntime } from '../../runtime/index';
import { SENDER, storedSettings } from '../support/addon';
import { ARTIFACTS, SIDEBAR_WIDTH, ZONE, callFromPage, launchChromium, measure, openSection, openSidebar, poll, sampleRuntime, screenshotAt300, untranslated } from './page';

const OWNER = 'owner@example.com';
const COLLEAGUE = 'colleague@example.com';
/** The sections whose fields change what the daily run sends. */
const SENDING = ['columns', 'policy', 'reminders', 'templates', 'customers'] as const;
const REFUSAL = `Daily reminders are sent from ${OWNER}'s account, so only ${OWNER} can change what they send. Ask ${OWNER} to make this change, or to turn the daily reminders off.`;

let browser: Browser;
let runtime: AppsScriptRuntime;
let page: Page;
let closePage: (() => Promise<void>) | undefined;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

afterEach(async () => {
  await closePage?.();
  closePage = undefined;
});

/** The sample workbook after the owner's first run (so the Customers sheet exists), with the schedule turned on by the owner. */
function scheduledByOwner(): AppsScriptRuntime {
  runtime = sampleRuntime();
  // A day's gap, so that the next morning has reminders due for the live preview.
  runtime.run('sidebarSavePolicy', [{ ...storedPolicy(), minimumGapDays: 1 }], { user: OWNER });
  runtime.run('sendDueReminders', [], { user: OWNER });
  runtime.run('turnOnReminders', [], { user: OWNER });
  runtime.outbox.sent.length = 0;
  // The next morning, before the day's run: reminders are due (the live preview has a customer to show).
  runtime.setNow(zonedInstant(ZONE, 2026, 11, 26, 9));
  return runtime;
}

/** Opens the sidebar as this person (the runtime's active user is who the page's calls run as). */
async function openAs(user: string): Promise<void> {
  await closePage?.();
  runtime.state.activeUser = user;
  const opened = await openSidebar(browser, runtime);
  page = opened.page;
  closePage = opened.close;
}

const stored = () => storedSettings(runtime.activeSpreadsheet!);
const storedPolicy = () => JSON.parse(stored().policy);

/** Someone typing into the hidden settings sheet, as any editor can. */
function editStoredRow(key: string, text: string): void {
  const sheet = runtime.activeSpreadsheet!.sheet('Receivables settings')!;
  const row = sheet.values.findIndex((cells) => cells[0] === key);
  expect(row, `no "${key}" row`).toBeGreaterThanOrEqual(0);
  sheet.values[row] = [key, text];
}

/** The daily trigger at 10:00 on a day of November 2026. */
function scheduledRunAt(day: number): void {
  runtime.setNow(zonedInstant(ZONE, 2026, 11, day, 10));
  runtime.fireTimeTriggers();
}

/** In the page: controls of a section that still accept an edit (not read only, not disabled), except those that only choose what is shown. */
function editable(section: string): Promise<string[]> {
  return page.evaluate<string[]>(`[...document.querySelectorAll('#section-${section} input, #section-${section} textarea, #section-${section} select, #section-${section} button')]
    .filter((control) => !control.closest('[data-view]') && !control.disabled && !control.readOnly)
    .map((control) => control.outerHTML.slice(0, 80))`);
}

/** Opens every section with all it can show (a customer's editor too). */
async function openEverything(): Promise<void> {
  for (const section of [...SENDING, 'schedule']) await openSection(page, section);
  const acme = page.locator('#customer-list button.item', { hasText: 'Acme Corporation' });
  if ((await acme.getAttribute('aria-pressed')) !== 'true') await acme.click();
  await page.locator('#customer-form').waitFor();
}

/** Every section, and the notice above them, within 300 px; a screenshot of each kept. */
async function fitsAndScreenshots(prefix: string, selectors: string[]): Promise<void> {
  for (const selector of selectors) {
    const fit = await measure(page, selector);
    expect({ selector, page: fit.page, sticking: fit.sticking }).toEqual({ selector, page: SIDEBAR_WIDTH, sticking: [] });
    expect(fit.element).toBeLessThanOrEqual(SIDEBAR_WIDTH);
    await screenshotAt300(page, selector, `${prefix}-${selector.replace(/^#/, '')}.png`);
  }
}

describe('while the schedule is on, another editor sees what it sends read only', () => {
  it('shows every field that changes what is sent read only, with who owns the schedule, and nothing to save', async () => {
    scheduledByOwner();
    await openAs(COLLEAGUE);
    await openEverything();
    for (const section of SENDING) {
      await poll(`the lock line of ${section}`, () => page.locator(`#locked-${section}`).textContent()).toBe(`Read only: daily reminders are sent from ${OWNER}’s account, so only ${OWNER} can change what they send.`);
      expect({ section, editable: await editable(section) }).toEqual({ section, editable: [] });
      for (const save of await page.locator(`#section-${section}`).getByRole('button', { name: 'Save' }).all()) expect(await save.isDisabled()).toBe(true);
    }
    // Reading stays possible: another template, another customer, the live preview.
    await page.locator('[data-field="templates.kind"]').selectOption('final');
    await poll("the final notice's subject, shown read only", () => page.locator('[data-field="final.en.subject"]').inputValue()).toMatch(/./);
    expect(await page.locator('[data-field="final.en.subject"]').getAttribute('readonly')).toBe('');
    await poll('the live preview for the colleague', () => page.locator('#template-preview-caption').textContent()).toMatch(/^As .+ would read it/);
    await page.locator('[data-field="customers.search"]').fill('acme');
    await poll('the customer editor still read only after a search', () => editable('customers')).toEqual([]);
    // The schedule: on, sent from the owner; the colleague cannot turn it off.
    await poll("the schedule's state", () => page.locator('#schedule-state').textContent()).toBe(`Daily reminders are on, sent from ${OWNER}.`);
    expect(await page.getByRole('button', { name: 'Turn off daily reminders' }).isDisabled()).toBe(true);
    expect(await page.locator('#schedule-owner-only').textContent()).toBe(`Only ${OWNER} can turn them off.`);
    await fitsAndScreenshots('read-only-en', [...SENDING.map((section) => `#section-${section}`), '#section-schedule']);

    // The owner sees the same page with everything editable and no lock line.
    await openAs(OWNER);
    await openEverything();
    expect(await page.locator('.locked').count()).toBe(0);
    for (const section of SENDING) expect(await editable(section)).not.toEqual([]);
    expect(await page.getByRole('button', { name: 'Turn off daily reminders' }).isDisabled()).toBe(false);
  });

  it('says so in Russian, within 300 px', async () => {
    scheduledByOwner();
    await openAs(COLLEAGUE);
    await page.locator('[data-field="ui.language"]').selectOption('ru');
    await openEverything();
    await poll('the lock line in Russian', () => page.locator('#locked-reminders').textContent()).toBe(`Только просмотр: ежедневные напоминания отправляются с адреса ${OWNER}, поэтому изменить то, что они отправляют, может только ${OWNER}.`);
    expect(await page.locator('#schedule-owner-only').textContent()).toBe(`Выключить их может только ${OWNER}.`);
    expect(await untranslated(page)).toEqual([]);
    await fitsAndScreenshots('read-only-ru', [...SENDING.map((section) => `#section-${section}`), '#section-schedule']);
  });

  it("refuses a colleague who forces a save, with the sentence on the section's status line, and stores nothing", async () => {
    scheduledByOwner();
    const before = stored();
    const customersBefore = structuredClone(runtime.activeSpreadsheet!.sheet('Customers')!.values);
    await openAs(COLLEAGUE);
    await openEverything();
    /** Forced: the read-only fields and the disabled Save made usable again in the page, as anyone can in the browser's tools; then edited and saved. */
    const forceSave = async (section: string, save: string, edits: Array<[string, string]>) => {
      await page.evaluate(`document.querySelectorAll('[readonly], [disabled]').forEach((control) => { control.readOnly = false; control.disabled = false; })`);
      for (const [name, value] of edits) await page.locator(`[data-field="${name}"]`).fill(value);
      await page.locator(save).getByRole('button', { name: 'Save' }).click();
      await poll(`the ${section} section's status line`, () => page.locator(`#status-${section}`).textContent()).toBe(`Not saved. ${REFUSAL}`);
      // The page shows itself read only again (it asked the server who may change what), keeping what was typed.
      await poll(`the ${section} fields read only again`, () => editable(section)).toEqual([]);
      for (const [name, value] of edits) expect(await page.locator(`[data-field="${name}"]`).inputValue()).toBe(value);
    };
    await forceSave('reminders', '#section-reminders', [
      ['cc', 'fraud@example.net'],
      ['paymentDetails', 'IBAN XX00 FRAUD'],
    ]);
    await forceSave('templates', '#section-templates', [['overdue.en.subject', 'Pay to our new account']]);
    await forceSave('customers', '#customer-form', [['customer.email', 'ap@fraud.example.net']]);
    await page.screenshot({ path: join(ARTIFACTS, 'read-only-forced-save.png'), fullPage: true });

    // Straight through google.script.run, past the page: each call refused with the same sentence.
    const refused = `ok ${JSON.stringify({ ok: false, problems: [{ field: '', message: REFUSAL }] })}`;
    expect(await callFromPage(page, 'sidebarSavePolicy', { ...storedPolicy(), cc: 'fraud@example.net' })).toBe(refused);
    expect(await callFromPage(page, 'sidebarSaveTemplates', { overdue: { en: { subject: 'Pay now', body: 'Pay to IBAN XX00 FRAUD' } } })).toBe(refused);
    expect(await callFromPage(page, 'sidebarRestoreApproved')).toBe(refused);
    expect(await callFromPage(page, 'sidebarSaveCustomer', { customer: 'Acme Corporation', email: 'ap@fraud.example.net', language: '', doNotRemind: false, pausedUntil: '', promiseBy: '', disputed: false, ownSteps: '', plan: '' })).toBe(refused);
    expect(stored()).toEqual(before);
    expect(runtime.activeSpreadsheet!.sheet('Customers')!.values).toEqual(customersBefore);
  });

  it("refuses a colleague whose page was opened before the owner turned the schedule on, and then shows it read only", async () => {
    runtime = sampleRuntime();
    await openAs(COLLEAGUE);
    await openSection(page, 'reminders');
    expect(await editable('reminders')).not.toEqual([]);
    runtime.run('turnOnReminders', [], { user: OWNER });
    await page.locator('[data-field="cc"]').fill('fraud@example.net');
    await page.locator('#section-reminders').getByRole('button', { name: 'Save' }).click();
    await poll("the Reminders section's status line", () => page.locator('#status-reminders').textContent()).toBe(`Not saved. ${REFUSAL}`);
    await poll('the lock line', () => page.locator('#locked-reminders').isVisible()).toBe(true);
    expect(await editable('reminders')).toEqual([]);
    expect(storedPolicy().cc).toBe('');
    // In Russian, the server's sentence is Russian too.
    await page.locator('[data-field="ui.language"]').selectOption('ru');
    await page.evaluate(`document.querySelectorAll('[readonly], [disabled]').forEach((control) => { control.readOnly = false; control.disabled = false; })`);
    await page.locator('#section-reminders').getByRole('button', { name: 'Сохранить' }).click();
    await poll('the refusal in Russian', () => page.locator('#status-reminders').textContent()).toBe(
      `Не сохранено. Ежедневные напоминания отправляются с адреса ${OWNER}, поэтому изменить то, что они отправляют, может только ${OWNER}. Попросите ${OWNER} внести это изменение или выключить ежедневные напоминания.`,
    );
  });
});

describe('a run held because the settings are not what the owner approved', () => {
  /** The owner's schedule, then an editor changes the CC and the payment details in the hidden sheet, and the next run holds. */
  function heldRun(): void {
    scheduledByOwner();
    editStoredRow('policy', JSON.stringify({ ...storedPolicy(), cc: 'fraud@example.net', paymentDetails: 'IBAN XX00 FRAUD\nPay here from now on' }));
    scheduledRunAt(26);
    expect(runtime.outbox.sent.map((mail) => mail.to)).toEqual([OWNER]);
  }

  it('shows the owner what changed, and restores what they approved', async () => {
    heldRun();
    await openAs(OWNER);
    const notice = page.locator('#settings-notice');
    await poll('the hold notice', () => notice.locator('.notice-title').textContent()).toBe(
      'Daily reminders are held: the stored settings are not the ones you approved, so nothing is sent from your account until you approve them or restore what you approved.',
    );
    expect(await page.locator('#settings-changes li').allTextContents()).toEqual(['CC (empty) → fraud@example.net', 'Payment details changed']);
    expect(await notice.getByRole('button').allTextContents()).toEqual(['Approve these settings', 'Restore what I approved']);
    await fitsAndScreenshots('held-owner-en', ['#settings-notice']);

    await notice.getByRole('button', { name: 'Restore what I approved' }).click();
    await poll('the outcome', () => page.locator('#status-settings').textContent()).toBe('Restored the settings you approved.');
    expect(await page.locator('#settings-notice .notice-title').count()).toBe(0);
    expect(storedPolicy()).toMatchObject({ cc: '', paymentDetails: SENDER.paymentDetails });
    await openSection(page, 'reminders');
    expect(await page.locator('[data-field="cc"]').inputValue()).toBe('');
    // The next run sends again, what the owner approved.
    scheduledRunAt(27);
    const customerMail = runtime.outbox.sent.filter((mail) => mail.to !== OWNER);
    expect(customerMail.length).toBeGreaterThan(0);
    expect(customerMail.every((mail) => !mail.cc && !mail.body.includes('FRAUD'))).toBe(true);
  });

  it('lets the owner approve the changed settings, which the next run then sends', async () => {
    heldRun();
    await openAs(OWNER);
    await page.locator('#settings-notice').getByRole('button', { name: 'Approve these settings' }).click();
    await poll('the outcome', () => page.locator('#status-settings').textContent()).toBe('Approved: the next daily run sends these settings.');
    expect(await page.locator('#settings-notice button').count()).toBe(0);
    expect((runtime.run('getReminderStatus', [], { user: OWNER }) as { held: string }).held).toBe('');
    scheduledRunAt(27);
    const customerMail = runtime.outbox.sent.filter((mail) => mail.to !== OWNER);
    expect(customerMail.length).toBeGreaterThan(0);
    expect(customerMail.every((mail) => mail.cc === 'fraud@example.net')).toBe(true);
  });

  it('offers only approval when the approved copy is no longer kept', async () => {
    heldRun();
    editStoredRow('last good policy', stored().policy);
    // The owner's own copy of what they approved (in their user properties) gone as well, as for a schedule approved before copies were kept.
    const own = runtime.userStore(OWNER);
    for (const key of own.getKeys()) if (key.startsWith('receivables.approvedCopy.')) own.deleteProperty(key);
    await openAs(OWNER);
    const notice = page.locator('#settings-notice');
    await poll('the hold notice', () => notice.textContent()).toContain('The copy you approved is no longer kept, so what changed cannot be shown: review every section before approving.');
    expect(await notice.getByRole('button').allTextContents()).toEqual(['Approve these settings']);
    // Forced anyway: refused, and said on the notice's status line.
    expect(await callFromPage(page, 'sidebarRestoreApproved')).toMatch(/^ok \{"ok":false.*The copy you approved is no longer kept/);
  });

  it('shows the hold to another editor, with no buttons, in English and in Russian', async () => {
    heldRun();
    await openAs(COLLEAGUE);
    const notice = page.locator('#settings-notice');
    await poll('the hold, as the server says it', () => notice.textContent()).toBe(
      `Daily reminders are held: the policy or the templates changed since ${OWNER} approved them, so nothing is sent from ${OWNER}'s account until ${OWNER} reviews the change and approves it in Extensions › Receivables › Settings.`,
    );
    expect(await notice.locator('button').count()).toBe(0);
    await fitsAndScreenshots('held-other-en', ['#settings-notice']);
    await page.locator('[data-field="ui.language"]').selectOption('ru');
    await poll('the hold in Russian', () => notice.textContent()).toMatch(/^Ежедневные напоминания приостановлены: условия или шаблоны изменились/);
    await openEverything();
    expect(await untranslated(page)).toEqual([]);
    await fitsAndScreenshots('held-other-ru', ['#settings-notice']);
  });

  it('speaks Russian to the owner too', async () => {
    heldRun();
    await openAs(OWNER);
    await page.locator('[data-field="ui.language"]').selectOption('ru');
    await poll('the changes in Russian', () => page.locator('#settings-changes li').allTextContents()).toEqual(['Копия (пусто) → fraud@example.net', 'Реквизиты для оплаты изменены']);
    expect(await page.locator('#settings-notice').getByRole('button').allTextContents()).toEqual(['Одобрить эти настройки', 'Вернуть одобренные мной']);
    await openEverything();
    expect(await untranslated(page)).toEqual([]);
    await fitsAndScreenshots('held-owner-ru', ['#settings-notice']);
  });
});

describe('damaged stored settings', () => {
  /** Settings saved (so a last good copy is kept), then the stored policy damaged by hand. */
  function damaged(policyText: string, withSchedule: boolean): void {
    runtime = sampleRuntime();
    runtime.run('sendDueReminders', [], { user: OWNER });
    expect(runtime.scriptRun('sidebarSavePolicy', [{ ...(runtime.scriptRun('sidebarLoad', [], { user: OWNER }) as { policy: object }).policy, termsDays: 45 }], { user: OWNER })).toEqual({ ok: true });
    if (withSchedule) runtime.run('turnOnReminders', [], { user: OWNER });
    editStoredRow('policy', policyText);
  }

  it('still opens, read only, and lets the owner restore the last good copy', async () => {
    damaged('42', true);
    await openAs(OWNER);
    const notice = page.locator('#settings-notice');
    await poll('the damage notice', () => notice.locator('.notice-title').textContent()).toBe('The stored settings are damaged and cannot be used: daily reminders send nothing until they are restored.');
    expect(await notice.textContent()).toContain('Shown below, read only: the last good copy.');
    expect(await notice.getByRole('button').allTextContents()).toEqual(['Restore last good copy', 'Start from defaults']);
    await openEverything();
    for (const section of SENDING) {
      expect(await page.locator(`#locked-${section}`).textContent()).toBe('Read only until the stored settings are restored (see above).');
      expect({ section, editable: await editable(section) }).toEqual({ section, editable: [] });
    }
    // What is shown is the last good copy: 45 days' terms.
    expect(await page.locator('[data-field="termsDays"]').inputValue()).toBe('45');
    await fitsAndScreenshots('damaged-owner-en', ['#settings-notice', '#section-policy']);

    await notice.getByRole('button', { name: 'Restore last good copy' }).click();
    await poll('the outcome', () => page.locator('#status-settings').textContent()).toBe('Restored the last good copy.');
    expect(storedPolicy().termsDays).toBe(45);
    expect(await page.locator('.locked').count()).toBe(0);
    await openSection(page, 'policy');
    expect(await editable('policy')).not.toEqual([]);
    // Restored by the owner is approved by the owner: the next run sends.
    scheduledRunAt(26);
    expect(runtime.outbox.sent.filter((mail) => mail.to !== OWNER).length).toBeGreaterThan(0);
  });

  it('lets the person start from the defaults when no good copy is kept, and says so in Russian', async () => {
    damaged('{"version": 2, "termsDays": "thirty"', false);
    editStoredRow('last good policy', 'x');
    await openAs(OWNER);
    await page.locator('[data-field="ui.language"]').selectOption('ru');
    const notice = page.locator('#settings-notice');
    await poll('the damage notice in Russian', () => notice.locator('.notice-title').textContent()).toBe('Сохранённые настройки повреждены и не могут быть использованы: ежедневные напоминания не отправляются, пока настройки не восстановлены.');
    expect(await notice.textContent()).toContain('Исправной копии нет. Ниже, только для просмотра, — настройки по умолчанию.');
    // The copy the owner approved is kept in their own properties: it can come back, or the defaults.
    expect(await notice.getByRole('button').allTextContents()).toEqual(['Вернуть одобренные мной', 'Начать с настроек по умолчанию']);
    await openEverything();
    expect(await untranslated(page)).toEqual([]);
    await fitsAndScreenshots('damaged-owner-ru', ['#settings-notice', '#section-policy']);
    await notice.getByRole('button', { name: 'Начать с настроек по умолчанию' }).click();
    await poll('the outcome in Russian', () => page.locator('#status-settings').textContent()).toBe('Установлены настройки по умолчанию.');
    expect(storedPolicy().termsDays).toBe(30);
  });

  it('shows the owner, field by field, how a last good copy typed by someone else differs from what they approved, and restores it only for review', async () => {
    damaged('42', true);
    editStoredRow('last good policy', JSON.stringify({ ...JSON.parse(stored()['last good policy']), cc: 'fraud@example.net' }));
    await openAs(OWNER);
    const notice = page.locator('#settings-notice');
    await poll('the damage notice', () => notice.textContent()).toContain('The last good copy is not what you approved. It differs in:');
    expect(await page.locator('#settings-changes li').allTextContents()).toEqual(['CC (empty) → fraud@example.net']);
    expect(await notice.getByRole('button').allTextContents()).toEqual(['Restore what I approved', 'Restore last good copy to review', 'Start from defaults']);
    await fitsAndScreenshots('damaged-planted-owner-en', ['#settings-notice']);
    await notice.getByRole('button', { name: 'Restore last good copy to review' }).click();
    await poll('the outcome', () => page.locator('#status-settings').textContent()).toBe('Restored the last good copy for you to review: nothing is sent from your account until you approve it.');
    // Restored, not approved: held, with the change shown and the choice to approve it or restore what was approved.
    await poll('the hold notice', () => page.locator('#settings-notice .notice-title').textContent()).toMatch(/^Daily reminders are held: the stored settings are not the ones you approved/);
    expect(await page.locator('#settings-changes li').allTextContents()).toEqual(['CC (empty) → fraud@example.net']);
    const before = runtime.outbox.sent.length;
    scheduledRunAt(26);
    expect(runtime.outbox.sent.slice(before).filter((mail) => mail.to !== OWNER)).toEqual([]);
    await page.locator('#settings-notice').getByRole('button', { name: 'Restore what I approved' }).click();
    await poll('the outcome', () => page.locator('#status-settings').textContent()).toBe('Restored the settings you approved.');
    expect(storedPolicy().cc).toBe('');
  });

  it('shows another editor the damage while the schedule is on, with no buttons: only the owner restores', async () => {
    damaged('[]', true);
    await openAs(COLLEAGUE);
    const notice = page.locator('#settings-notice');
    await poll('the damage notice', () => notice.locator('.notice-title').textContent()).toBe('The stored settings are damaged and cannot be used: daily reminders send nothing until they are restored.');
    expect(await notice.locator('button').count()).toBe(0);
    expect(await page.locator('#settings-owner-only').textContent()).toBe(`Only ${OWNER} can restore them.`);
    await openSection(page, 'policy');
    expect(await page.locator('#locked-policy').textContent()).toBe(`Read only: daily reminders are sent from ${OWNER}’s account, so only ${OWNER} can change what they send.`);
    expect(await callFromPage(page, 'sidebarRestoreSettings', 'last-good')).toBe(`ok ${JSON.stringify({ ok: false, problems: [{ field: '', message: REFUSAL }] })}`);
    await fitsAndScreenshots('damaged-other-en', ['#settings-notice']);
  });
});
