// `npm run listing`: what the Workspace Marketplace listing needs that can be
// made from the repository rather than by hand, into docs/marketplace/:
// - consent-screen.md, from listing.json and appsscript.json's scopes;
// - the application icons (32 and 128 px), the OAuth consent screen logo
//   (120 px) and the application card banner (220 x 140), rendered from
//   docs/marketplace/icon.svg by Chromium;
// - two screenshots of 1280 x 800, made from the sandbox: the built add-on
//   (dist/) on the in-memory Apps Script with the sample workbook
//   (examples/invoices.csv) on 25 November 2026, as `npm start` shows it: the
//   settings sidebar as served to Chromium, beside the invoice table; and the
//   dashboard sheet's cells as Sheets shows them in en_US, drawn as a grid.
//   Neither is a capture of Google Sheets: each says so in its caption.
// Slow (a browser, the whole dashboard recalculated): not part of `npm test`;
// test/addon/marketplaceListing.test.ts checks the committed files instead.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { AppsScriptRuntime, zonedInstant, type Sheet } from '../runtime/index';
import { importFile } from '../runtime/workbook';
import { consentScreenMarkdown, type Listing } from './listingText';
import { cellFormatter } from './print';
import { serveSidebar } from './sidebarServer';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'docs/marketplace');
const dist = join(root, 'dist');
const CHROMIUM = '/usr/bin/chromium';
const ZONE = 'Europe/London';
const LOCALE = 'en_US';
const WIDTH = 1280;
const HEIGHT = 800;
const SIDEBAR_WIDTH = 300;

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const columnLetter = (n: number): string => (n > 26 ? columnLetter(Math.floor((n - 1) / 26)) : '') + String.fromCharCode(65 + ((n - 1) % 26));

async function main(): Promise<void> {
  const listing = JSON.parse(readFileSync(join(out, 'listing.json'), 'utf8')) as Listing;
  const manifest = JSON.parse(readFileSync(join(root, 'appsscript.json'), 'utf8')) as { oauthScopes: string[] };
  writeFileSync(join(out, 'consent-screen.md'), consentScreenMarkdown(listing, manifest.oauthScopes));
  console.log('docs/marketplace/consent-screen.md');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    await icons(browser);
    await screenshots(browser);
  } finally {
    await browser.close();
  }
}

/** Renders an HTML page at an exact size to a PNG; transparent where the page is. */
async function render(browser: Browser, html: string, width: number, height: number, file: string, transparent = false): Promise<void> {
  const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: 1 });
  try {
    await page.setContent(html, { waitUntil: 'load' });
    await page.screenshot({ path: join(out, file), omitBackground: transparent });
    console.log(`docs/marketplace/${file} (${width} x ${height})`);
  } finally {
    await page.close();
  }
}

async function icons(browser: Browser): Promise<void> {
  const svg = readFileSync(join(out, 'icon.svg'), 'utf8');
  const sized = (px: number) => `<!doctype html><html><body style="margin:0;background:transparent"><div style="width:${px}px;height:${px}px">${svg.replace('<svg ', `<svg width="${px}" height="${px}" `)}</div></body></html>`;
  for (const px of [32, 128]) await render(browser, sized(px), px, px, `icon-${px}.png`, true);
  // The OAuth consent screen's application logo.
  await render(browser, sized(120), 120, 120, 'consent-logo-120.png', true);
  // The store listing's application card banner: the icon and the name on a plain ground.
  const banner = `<!doctype html><html><body style="margin:0">
    <div style="width:220px;height:140px;box-sizing:border-box;background:#f1f6f3;display:flex;flex-direction:column;align-items:center;justify-content:center;gap:8px;font:600 15px/1.2 'DejaVu Sans',Arial,sans-serif;color:#174a2f">
      ${svg.replace('<svg ', '<svg width="64" height="64" ')}
      <div>Receivables for Sheets</div>
    </div></body></html>`;
  await render(browser, banner, 220, 140, 'card-banner-220x140.png');
}

/** The sample workbook as `npm start` loads it, the dashboard inserted and computed, the sample sender saved. */
async function sandboxWorkbook(): Promise<{ runtime: AppsScriptRuntime; invoices: Sheet; dashboard: Sheet; formulas: Map<string, string> }> {
  const runtime = AppsScriptRuntime.fromDist(dist);
  runtime.setNow(zonedInstant(ZONE, 2026, 11, 25, 9));
  const spreadsheet = runtime.createSpreadsheet({ name: 'Sandbox workbook', timeZone: ZONE, locale: LOCALE });
  const invoices = await importFile(spreadsheet, join(root, 'examples/invoices.csv'));
  runtime.run('onOpen', [{ authMode: 'NONE' }], { mode: 'NONE' });
  runtime.run('insertDashboard');
  const results = runtime.recalculate(spreadsheet);
  const dashboard = spreadsheet.activeSheet;
  if (!dashboard || dashboard === invoices) throw new Error('the dashboard was not inserted');
  const stored = { ...(runtime.run('sidebarLoad') as { policy: Record<string, unknown> }).policy };
  Object.assign(stored, {
    senderName: 'Sandbox Trading Ltd',
    replyTo: 'accounts@sandbox-trading.example.com',
    signature: 'Anna Smith\nAccounts receivable, Sandbox Trading Ltd',
    paymentDetails: 'Bank transfer to Sandbox Trading Ltd, IBAN GB33 BUKB 2020 1555 5555 55, quoting the invoice numbers.',
  });
  const saved = runtime.run('sidebarSavePolicy', [stored]) as { ok: boolean; problems?: unknown };
  if (!saved.ok) throw new Error(`the sample sender was not saved: ${JSON.stringify(saved.problems)}`);
  return { runtime, invoices, dashboard, formulas: new Map(results.map((result) => [result.cell, result.formula])) };
}

/**
 * A sheet's cells as an HTML grid, columns lettered and rows numbered as in
 * Sheets, each block of cells (a header and what is under it) shown in the
 * locale: dates as days, amounts with two decimals.
 */
function gridHtml(sheet: Sheet, columns: number, rows: number, widths: number[]): string {
  const values = sheet.values;
  // Each cell takes the format of the block it is in: the header above it, found by walking up to the row under a blank one.
  const headerOf = (r: number, c: number): { header: unknown[]; column: number } => {
    let top = r;
    while (top > 0 && (values[top - 1]?.[c] ?? '') !== '') top--;
    let left = c;
    while (left > 0 && (values[top]?.[left - 1] ?? '') !== '') left--;
    return { header: (values[top] ?? []).slice(left), column: c - left };
  };
  const head = `<tr><th class="corner"></th>${Array.from({ length: columns }, (_, c) => `<th>${columnLetter(c + 1)}</th>`).join('')}</tr>`;
  const body = Array.from({ length: rows }, (_, r) => {
    const cells = Array.from({ length: columns }, (_, c) => {
      const value = values[r]?.[c] ?? '';
      const { header, column } = headerOf(r, c);
      const text = cellFormatter(header, ZONE, LOCALE)(value, column);
      const bold = sheet.fontWeights.get(`${r + 1},${c + 1}`) === 'bold' || (r === 0 && value !== '');
      const number = typeof value === 'number';
      // As in Sheets, text runs on over the empty cells to its right.
      const runsOn = !number && text !== '' && (values[r]?.[c + 1] ?? '') === '';
      return `<td class="${number ? 'num' : ''}${bold ? ' b' : ''}${runsOn ? ' on' : ''}">${escape(text)}</td>`;
    }).join('');
    return `<tr><th>${r + 1}</th>${cells}</tr>`;
  }).join('');
  const cols = `<colgroup><col style="width:38px">${widths.map((w) => `<col style="width:${w}px">`).join('')}</colgroup>`;
  const width = 38 + widths.reduce((sum, w) => sum + w, 0);
  return `<table class="grid" style="width:${width}px">${cols}${head}${body}</table>`;
}

const SHEETS_CSS = `
  * { box-sizing: border-box; }
  body { margin: 0; width: ${WIDTH}px; height: ${HEIGHT}px; overflow: hidden; font: 13px Arial, 'DejaVu Sans', sans-serif; color: #202124; background: #fff; display: flex; flex-direction: column; }
  .bar { height: 44px; display: flex; align-items: center; gap: 12px; padding: 0 14px; border-bottom: 1px solid #dadce0; background: #f8f9fa; }
  .bar .title { font-size: 16px; }
  .bar .menu { color: #5f6368; }
  .formula { height: 28px; display: flex; align-items: center; gap: 10px; padding: 0 10px; border-bottom: 1px solid #dadce0; font-family: 'DejaVu Sans Mono', monospace; font-size: 12px; white-space: nowrap; overflow: hidden; }
  .formula .ref { width: 60px; color: #5f6368; border-right: 1px solid #dadce0; }
  .main { flex: 1; display: flex; min-height: 0; }
  .sheet { flex: 1; overflow: hidden; }
  .grid { border-collapse: collapse; table-layout: fixed; }
  .grid th { background: #f8f9fa; color: #5f6368; font-weight: normal; font-size: 11px; border: 1px solid #e0e0e0; height: 21px; }
  .grid td { border: 1px solid #e2e3e3; height: 21px; padding: 0 4px; white-space: nowrap; overflow: hidden; text-overflow: clip; font-size: 11.5px; }
  .grid td.num { text-align: right; }
  .grid td.b { font-weight: bold; }
  .grid td.on { overflow: visible; position: relative; z-index: 1; }
  .side { width: ${SIDEBAR_WIDTH + 2}px; border-left: 1px solid #dadce0; display: flex; flex-direction: column; }
  .side .head { height: 36px; display: flex; align-items: center; padding: 0 12px; font-size: 15px; border-bottom: 1px solid #dadce0; }
  .side iframe { border: 0; width: ${SIDEBAR_WIDTH}px; flex: 1; }
  .tabs { height: 30px; display: flex; align-items: stretch; border-top: 1px solid #dadce0; background: #f8f9fa; font-size: 11.5px; }
  .tabs span { padding: 7px 14px; color: #5f6368; border-right: 1px solid #dadce0; }
  .tabs span.on { background: #fff; color: #188038; font-weight: bold; }
  .caption { height: 22px; padding: 3px 10px; font-size: 11px; color: #5f6368; background: #fff8e1; border-top: 1px solid #f0e0a0; white-space: nowrap; overflow: hidden; }`;

function page(title: string, cell: string, formula: string, main: string, tabs: string[], active: string, caption: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><style>${SHEETS_CSS}</style></head><body>
    <div class="bar"><span class="title">${escape(title)}</span><span class="menu">File&nbsp; Edit&nbsp; View&nbsp; Insert&nbsp; Format&nbsp; Data&nbsp; Tools&nbsp; Extensions&nbsp; Help</span></div>
    <div class="formula"><span class="ref">${escape(cell)}</span><span>${escape(formula)}</span></div>
    <div class="main">${main}</div>
    <div class="tabs">${tabs.map((tab) => `<span class="${tab === active ? 'on' : ''}">${escape(tab)}</span>`).join('')}</div>
    <div class="caption">${escape(caption)}</div>
  </body></html>`;
}

const CAPTION = 'Made by `npm run listing` from the local sandbox: the built add-on on the in-memory Apps Script, sample data (examples/invoices.csv), 25 Nov 2026. Not a capture of Google Sheets.';

async function screenshots(browser: Browser): Promise<void> {
  const { runtime, invoices, dashboard, formulas } = await sandboxWorkbook();
  const tabs = runtime.activeSpreadsheet!.sheets.filter((sheet) => !sheet.hidden).map((sheet) => sheet.getName());

  // The dashboard: the aging report (A:H) and the weekly forecast (J:N), as Sheets shows the cells.
  const dashboardWidths = [192, 66, 88, 88, 88, 88, 76, 96, 14, 88, 66, 96, 84, 90];
  const dashboardHtml = page('Sandbox workbook', 'A1', formulas.get('A1') ?? '', `<div class="sheet">${gridHtml(dashboard, dashboardWidths.length, 29, dashboardWidths)}</div>`, tabs, dashboard.getName(), CAPTION);
  await render(browser, dashboardHtml, WIDTH, HEIGHT, 'screenshot-dashboard.png');

  // The settings sidebar as served to a browser (the same Sidebar.html Apps Script serves), beside the invoice table.
  const sidebar = await serveSidebar(runtime, dist);
  try {
    const invoiceWidths = [150, 214, 110, 84, 84, 62, 86, 86, 84];
    const main = `<div class="sheet">${gridHtml(invoices, invoiceWidths.length, 29, invoiceWidths)}</div>
      <div class="side"><div class="head">Receivables</div><iframe src="${sidebar.url}"></iframe></div>`;
    const html = page('Sandbox workbook', 'A1', String(invoices.values[0]?.[0] ?? ''), main, tabs, invoices.getName(), CAPTION);
    const view = await browser.newPage({ viewport: { width: WIDTH, height: HEIGHT }, deviceScaleFactor: 1 });
    try {
      await view.setContent(html, { waitUntil: 'load' });
      // The sidebar has loaded the settings from the add-on when its first section is filled in.
      await view.frameLocator('iframe').locator('#section-policy').waitFor({ timeout: 15_000 });
      await view.waitForTimeout(500);
      await view.screenshot({ path: join(out, 'screenshot-sidebar.png') });
      console.log(`docs/marketplace/screenshot-sidebar.png (${WIDTH} x ${HEIGHT})`);
    } finally {
      await view.close();
    }
  } finally {
    await sidebar.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
