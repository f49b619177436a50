// What the sidebar's browser tests share: Chromium (Debian's), the sample
// workbook on the in-memory Apps Script with the page's google.script.run
// bridged to it, and the checks made in the page (fit in 300 px, all in the
// chosen language, screenshots of the whole sidebar width).
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { AppsScriptRuntime, zonedInstant } from '../../runtime/index';
import { importCsv } from '../../runtime/workbook';
import { serveSidebar } from '../../sandbox/sidebarServer';
import { POLICY_VERSION } from '../../src/core/reminders/policy';
import { distDir, projectRoot, SENDER } from '../support/addon';

export const CHROMIUM = '/usr/bin/chromium';
export const ARTIFACTS = join(projectRoot, 'test-artifacts');
export const ZONE = 'Europe/London';
/** The width Sheets gives a sidebar. */
export const SIDEBAR_WIDTH = 300;

/** Every wait is bounded well under the hook timeout (120 s) and names what it waited for. */
export const WAIT_MS = 15_000;
export const poll = <T>(what: string, read: () => T | Promise<T>) => expect.poll(read, { timeout: WAIT_MS, message: `waiting for ${what}` });

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`browser tests need Debian's chromium at ${CHROMIUM}: apt-get install chromium (.ci/run does)`);
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** The sample workbook (examples/invoices.csv) on a fresh runtime, on 25 Nov 2026 at 09:00 in London. */
export function sampleRuntime(): AppsScriptRuntime {
  const fresh = AppsScriptRuntime.fromDist(distDir);
  fresh.setNow(zonedInstant(ZONE, 2026, 11, 25, 9));
  const spreadsheet = fresh.createSpreadsheet({ timeZone: ZONE });
  spreadsheet.addSheet('Invoices', importCsv(readFileSync(join(projectRoot, 'examples/invoices.csv'), 'utf8'), ZONE, 'en_US'));
  // The sender filled in, as nothing is sent (nor the schedule turned on) without one.
  fresh.run('sidebarSavePolicy', [{ version: POLICY_VERSION, ...SENDER }]);
  return fresh;
}

/** The sidebar served over a runtime, in a 300 px wide page; close() ends both. */
export async function openSidebar(browser: Browser, runtime: AppsScriptRuntime): Promise<{ page: Page; close: () => Promise<void> }> {
  const server = await serveSidebar(runtime, distDir);
  let context: BrowserContext | undefined;
  try {
    context = await browser.newContext({ viewport: { width: SIDEBAR_WIDTH, height: 900 } });
    context.setDefaultTimeout(WAIT_MS);
    const page = await context.newPage();
    await page.goto(server.url);
    await page.locator('#section-policy').waitFor();
    const opened = context;
    return { page, close: async () => void (await opened.close(), await server.close()) };
  } catch (error) {
    await context?.close();
    await server.close();
    throw error;
  }
}

export async function openSection(page: Page, name: string): Promise<void> {
  const details = page.locator(`#section-${name}`);
  if (!(await details.evaluate((element) => (element as unknown as { open: boolean }).open))) await details.locator('summary').click();
}

/** A screenshot of one element across the whole 300 px of the sidebar, margins included. */
export async function screenshotAt300(page: Page, selector: string, name: string): Promise<void> {
  const box = await page.locator(selector).boundingBox();
  if (!box) throw new Error(`${selector} is not on the page`);
  const scrolled = await page.evaluate<number>('window.scrollY');
  await page.screenshot({ path: join(ARTIFACTS, name), fullPage: true, clip: { x: 0, y: box.y + scrolled, width: SIDEBAR_WIDTH, height: box.height } });
}

/** In the page: the page's width, the element's, and anything in it reaching past the sidebar's right edge. */
export async function measure(page: Page, selector: string): Promise<{ page: number; element: number; sticking: string[] }> {
  return page.evaluate<{ page: number; element: number; sticking: string[] }>(`(() => {
    const limit = ${SIDEBAR_WIDTH};
    const root = document.querySelector(${JSON.stringify(selector)});
    const sticking = [...root.querySelectorAll('*')]
      .filter((element) => element.getClientRects().length > 0 && element.getBoundingClientRect().right > limit + 0.5)
      .map((element) => element.tagName.toLowerCase() + (element.id ? '#' + element.id : '') + ' ' + Math.round(element.getBoundingClientRect().right) + 'px');
    return { page: document.documentElement.scrollWidth, element: Math.ceil(root.getBoundingClientRect().right), sticking };
  })()`);
}

/** In the page: text in the page (not the workbook's data, marked translate="no") with a Latin word in it. */
export async function untranslated(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(`(() => {
    const latin = /[A-Za-z]{2,}/;
    // Quoted values, emails, addresses and {{placeholders}} are data, whatever the language.
    const strip = (text) => text.replace(/«[^»]*»/g, '').replace(/\\{\\{\\w+\\}\\}/g, '').replace(/https?:\\/\\/\\S+/g, '').replace(/\\S+@\\S+/g, '');
    const isData = (element) => !element || element.closest('[translate="no"], script, style, textarea');
    const found = [];
    const walker = document.createTreeWalker(document.getElementById('app'), NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!isData(node.parentElement) && latin.test(strip(node.textContent))) found.push(node.textContent.trim());
    }
    for (const element of document.querySelectorAll('#app [title], #app [aria-label], #app [placeholder]')) {
      for (const name of ['title', 'aria-label', 'placeholder']) {
        const value = element.getAttribute(name);
        if (value && !isData(element) && latin.test(strip(value))) found.push(name + '=' + value);
      }
    }
    return found;
  })()`);
}

/** Calls a server function from the page through google.script.run, as a person could from the browser's console; says how the call ended. */
export function callFromPage(page: Page, name: string, ...args: unknown[]): Promise<string> {
  return page.evaluate(
    ([fn, values]) =>
      new Promise<string>((resolve) => {
        type Runner = Record<string, ((...args: unknown[]) => void) | undefined> & { withSuccessHandler(h: (v: unknown) => void): Runner; withFailureHandler(h: (e: Error) => void): Runner };
        const run = (globalThis as unknown as { google: { script: { run: Runner } } }).google.script.run;
        const runner = run.withSuccessHandler((value: unknown) => resolve(`ok ${JSON.stringify(value)}`)).withFailureHandler((error: Error) => resolve(`failed ${error.message}`));
        const target = runner[fn];
        if (typeof target !== 'function') return resolve(`${fn} is not a function`);
        target(...values);
      }),
    [name, args] as const,
  );
}
