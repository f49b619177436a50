// The local sandbox: the built add-on (dist/) on a workbook in the in-memory
// Apps Script, no Google account needed. `npm start` uses the sample in
// examples/; `npm start -- path/to/invoices.csv|.xlsx` uses your own file.
// Options: --date YYYY-MM-DD (the day to run as; today in the spreadsheet's zone without it), --tz Zone/Name, --locale xx_YY,
// --statement path (a bank statement imported into the Payments sheet, matched), --no-serve (no sidebar), --fresh (forget the sidebar's edits kept beside the workbook),
// --outflows path (payments due, into an Outflows sheet; the sample's examples/outflows.csv by default) with --opening "USD 15000, RUB 2000000" (cash at hand).
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { AppsScriptRuntime, zonedInstant } from '../runtime/index';
import { toEml } from './eml';
import { serveSidebar } from './sidebarServer';
import { nextDayWithReminders, removeState, restoreState, saveState, stateFileOf } from './sidebarState';
import { importCsv, importFile } from '../runtime/workbook';
import { textTable } from './print';
import { firstInvoiceSheet } from './workbookFile';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      date: { type: 'string' },
      tz: { type: 'string', default: 'Europe/London' },
      locale: { type: 'string', default: 'en_US' },
      'no-serve': { type: 'boolean', default: false },
      fresh: { type: 'boolean', default: false },
      statement: { type: 'string' },
      outflows: { type: 'string' },
      opening: { type: 'string' },
    },
  });
  // The sample book comes with its outflows and cash at hand; a file of your own has them only when you give them.
  const sample = positionals[0] === undefined;
  const cash = values.outflows || sample ? { outflows: resolve(values.outflows ?? join(root, 'examples/outflows.csv')), opening: values.opening ?? (sample ? SAMPLE_OPENING : '') } : undefined;
  return run(positionals[0] ?? join(root, 'examples/invoices.csv'), values.date, values.tz as string, values.locale as string, !values['no-serve'], values.fresh as boolean, values.statement, cash);
}

/** The sample's cash at hand: USD runs short in the week of 30 November 2026 (payroll, rent and a stock order), RUB does not. */
const SAMPLE_OPENING = 'USD 15000, RUB 2000000';
const SAMPLE_FLOOR = 5000;

async function run(file: string, date: string | undefined, timeZone: string, locale: string, serve: boolean, startFresh: boolean, statement?: string, cash?: { outflows: string; opening: string }): Promise<void> {
  const runtime = AppsScriptRuntime.fromDist(join(root, 'dist'));
  if (date) {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
    if (!match) throw new Error(`--date must be YYYY-MM-DD; found "${date}"`);
    // Nine in the morning in the spreadsheet's zone.
    runtime.setNow(zonedInstant(timeZone, +match[1], +match[2], +match[3], 9));
  } else {
    // Today, as a workbook opened now sees it: the runtime's own clock starts on a fixed day for the tests.
    runtime.setNow(Date.now());
  }
  const spreadsheet = runtime.createSpreadsheet({ name: 'Sandbox workbook', timeZone, locale });
  // From an .xlsx, the first worksheet that holds an invoice table (QuickBooks Desktop puts "QuickBooks Export Tips" first).
  const invoices = await importFile(spreadsheet, resolve(file), 'Invoices', firstInvoiceSheet);
  const today = new Intl.DateTimeFormat('en-CA', { timeZone }).format(runtime.state.now);
  console.log(`Workbook: ${file} (${invoices.getLastRow()} rows), spreadsheet zone ${timeZone}, locale ${locale}, today ${today}\n`);
  // The first rows as imported, as Sheets shows them in this locale: numbers and dates are values, the rest text.
  const shownRows = invoices.values.slice(0, 8).map((row) => row.slice(0, 10));
  console.log(`${invoices.getName()} (first rows):\n${textTable(shownRows, timeZone, locale)}\n`);

  // The sidebar's edits of earlier runs, kept beside the workbook (--fresh forgets them).
  const stateFile = stateFileOf(resolve(file));
  if (startFresh) {
    if (removeState(stateFile)) console.log(`Removed ${stateFile}: the policy, templates and Customers sheet start from their defaults.\n`);
  } else {
    const restored = restoreState(runtime, stateFile);
    if (restored) console.log(`Restored the sidebar's edits from ${stateFile}: ${restored} (npm start -- --fresh starts over).\n`);
  }

  runtime.run('onOpen', [{ authMode: 'NONE' }], { mode: 'NONE' });
  for (const menu of runtime.ui.menus) {
    const items = menu.items.map((item) => (item === 'separator' ? '—' : item.caption)).join(' | ');
    console.log(`Menu Extensions › ${menu.title}: ${items}\n`);
  }

  // The Cash section (issue 25): the outflows in their own sheet, cash at hand and the floor, as a bookkeeper sets them in the sidebar.
  if (cash) setUpCash(runtime, spreadsheet, cash, timeZone, locale);

  runtime.run('insertDashboard');
  for (const alert of runtime.ui.alerts) console.log(`Alert: ${alert.prompt}`);
  const results = runtime.recalculate(spreadsheet);
  const dashboard = spreadsheet.activeSheet;
  // No table found: the alert above says what the first rows hold; the sidebar still opens, so its Columns section can map the table by hand.
  const shown = dashboard !== null && dashboard !== invoices ? dashboard : null;
  if (!shown) console.log('No dashboard: map the columns in the sidebar (Settings › Columns), then run npm start again.\n');
  for (const result of shown ? results : []) {
    const dashboard = shown as NonNullable<typeof shown>;
    const rows = blockAt(dashboard.values, result.cell);
    console.log(`${dashboard.getName()}!${result.cell}: ${result.formula}${result.error ? `  → ${result.error}` : ''}\n`);
    if (!result.error) console.log(`${textTable(rows, timeZone, locale)}\n`);
  }
  for (const chart of shown ? shown.charts : []) console.log(`Chart "${String(chart.options.title)}" (${chart.type.toLowerCase()}) over ${chart.ranges.join(', ')}`);
  if (cash && shown) printCashPosition(runtime, spreadsheet, timeZone, locale);

  // A bank statement, as Import bank statement takes it (the dialog sends the file's bytes): into the Payments sheet, matched.
  if (statement) {
    const summary = runtime.run('importBankStatement', [basename(statement), readFileSync(resolve(statement)).toString('base64')]) as string;
    console.log(`Import bank statement (${statement}): ${summary}\n`);
    const payments = spreadsheet.sheet('Payments');
    if (payments) {
      const header = payments.values[0] ?? [];
      const shown = ['Date', 'Amount', 'Purpose', 'Matched customer', 'Invoices', 'Confidence'].map((name) => header.indexOf(name)).filter((at) => at >= 0);
      console.log(`Payments:\n${textTable(payments.values.map((row) => shown.map((at) => (at === header.indexOf('Purpose') ? String(row[at] ?? '').slice(0, 40) : row[at]))), timeZone, locale)}\n`);
      console.log('Tick Apply on the rows to take, then Apply matches (the menu, or Payments in the sidebar): each writes the paid amount and date into the invoice table.\n');
    }
  }

  // A sample sender, as a bookkeeper fills it in the sidebar (Reminders): nothing is sent without one.
  // Sender fields the sidebar saved (restored above) are kept; only empty ones take the sample's.
  const stored = { ...(runtime.run('sidebarLoad') as { policy: Record<string, unknown> }).policy };
  const sample: Record<string, string> = { senderName: 'Sandbox Trading Ltd', replyTo: 'accounts@sandbox-trading.example.com', signature: 'Anna Smith\nAccounts receivable, Sandbox Trading Ltd\n+44 20 7946 0000', paymentDetails: 'Bank transfer to Sandbox Trading Ltd, IBAN GB33 BUKB 2020 1555 5555 55, quoting the invoice numbers.' };
  for (const [field, value] of Object.entries(sample)) if (!String(stored[field] ?? '').trim()) stored[field] = value;
  // The sample book has Russian customers: they get a Russian sender, as a bookkeeper would fill it in.
  const russian: Record<string, string> = {
    senderName: 'ООО «Сэндбокс Трейдинг»',
    signature: 'Анна Смит\nОтдел расчётов, ООО «Сэндбокс Трейдинг»\n+7 495 000-00-00',
    paymentDetails: 'Перевод на р/с 40702810900000000001 в ПАО «Пример Банк», БИК 044525000, к/с 30101810400000000225; в назначении платежа укажите номера счетов.',
  };
  const byLanguage = (stored.senderByLanguage ?? {}) as Record<string, Record<string, string>>;
  const storedRussian = { ...(byLanguage.ru ?? {}) };
  for (const [field, value] of Object.entries(russian)) if (!String(storedRussian[field] ?? '').trim()) storedRussian[field] = value;
  stored.senderByLanguage = { ...byLanguage, ru: storedRussian };
  const saved = runtime.run('sidebarSavePolicy', [stored]) as { ok: boolean; problems?: unknown };
  if (!saved.ok) console.log(`The sample sender was not saved: ${JSON.stringify(saved.problems)}`);
  console.log(`Sender (Settings › Reminders): ${String(stored.senderName)} <${String(stored.replyTo)}>\n`);

  // The day's reminders, as "Send due reminders now" sends them: to outbox/ instead of the mail.
  runtime.run('sendDueReminders');
  console.log(`\n${runtime.ui.alerts.at(-1)?.prompt ?? ''}`);
  // The daily schedule, turned on and run once: it tells the owner (only) of a cash gap, into the outbox with the rest.
  if (cash) {
    runtime.run('turnOnReminders');
    const sentBefore = runtime.outbox.sent.length;
    runtime.fireTimeTriggers();
    for (const mail of runtime.outbox.sent.slice(sentBefore)) console.log(`Daily run: "${mail.subject}" to ${mail.to}`);
  }
  const dir = join(root, 'outbox', today);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  runtime.outbox.sent.forEach((mail, k) => {
    const file = join(dir, `${String(k + 1).padStart(2, '0')}-${mail.to.replace(/[^a-z0-9.@-]+/gi, '_')}.eml`);
    writeFileSync(file, toEml(mail, `receivables-${k + 1}`));
  });
  if (runtime.outbox.sent.length) console.log(`${runtime.outbox.sent.length} emails written to outbox/${today}/ (open them in any mail client)`);
  // Letters and lawyer's summaries the run saved to Drive: outbox/DATE/letters/.
  if (runtime.drive.files.length) {
    mkdirSync(join(dir, 'letters'), { recursive: true });
    for (const file of runtime.drive.files) writeFileSync(join(dir, 'letters', file.name.replace(/[\\/:*?"<>|]+/g, '_')), file.bytes);
    console.log(`${runtime.drive.files.length} letters written to outbox/${today}/letters/ (PDF)`);
  }
  const log = spreadsheet.sheet('Reminder log');
  if (log) console.log(`\n${log.getName()}:\n${textTable(log.values.map((row) => row.slice(0, 7)), timeZone, locale)}\n`);

  if (!serve) return;
  // Today's reminders have just gone: the sidebar runs as of the next day with some due, so Preview,
  // the live template preview and the test send have something to show.
  const sidebarDay = nextDayWithReminders(runtime, timeZone, today) ?? today;
  console.log(
    sidebarDay === today
      ? `The sidebar runs as of ${today}: no reminders are due in the next month, so Preview will say there is nothing to send.`
      : `The sidebar runs as of ${sidebarDay}, the next day with reminders due (${today}'s were just sent): Preview, the template preview and the test send show that day's reminders.`,
  );
  // Each save in the sidebar is kept beside the workbook, for the next `npm start`.
  const keep = (name: string) => {
    if (name.startsWith('sidebarSave') && saveState(runtime, stateFile)) console.log(`Kept the sidebar's edits in ${stateFile}`);
  };
  const sidebar = await serveSidebar(runtime, join(root, 'dist'), 8787, keep).catch(() => serveSidebar(runtime, join(root, 'dist'), 0, keep));
  console.log(`The settings sidebar, on this workbook: ${sidebar.url}  (test reminders go to outbox/${sidebarDay}/from-sidebar/; Ctrl-C to stop)`);
  // What the sidebar sends (a test reminder) lands in outbox/DAY/from-sidebar/.
  const before = runtime.outbox.sent.length;
  const flush = () => {
    const fresh = runtime.outbox.sent.slice(before);
    if (fresh.length === 0) return;
    const dir = join(root, 'outbox', sidebarDay, 'from-sidebar');
    mkdirSync(dir, { recursive: true });
    fresh.forEach((mail, k) => writeFileSync(join(dir, `${String(k + 1).padStart(2, '0')}-${mail.to.replace(/[^a-z0-9.@-]+/gi, '_')}.eml`), toEml(mail, `receivables-s${k + 1}`)));
  };
  setInterval(flush, 1000);
}

/** The block a formula spilled into: from its cell, right until an empty header, down until an empty first cell. */
function blockAt(values: unknown[][], a1: string): unknown[][] {
  const column = a1.replace(/\d+$/, '').split('').reduce((n, letter) => n * 26 + letter.charCodeAt(0) - 64, 0) - 1;
  const header = values[0] ?? [];
  let width = 0;
  while (column + width < header.length && header[column + width] !== '') width++;
  const rows: unknown[][] = [];
  for (const row of values) {
    if ((row?.[column] ?? '') === '') break;
    rows.push(row.slice(column, column + width));
  }
  return rows;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

/** Imports the outflows into an Outflows sheet and saves the Cash section (unless the sidebar's kept edits already set it). */
function setUpCash(runtime: AppsScriptRuntime, spreadsheet: ReturnType<AppsScriptRuntime['createSpreadsheet']>, cash: { outflows: string; opening: string }, timeZone: string, locale: string): void {
  const rows = importCsv(readFileSync(cash.outflows, 'utf8'), timeZone, locale);
  spreadsheet.addSheet('Outflows', rows);
  const policy = { ...(runtime.run('sidebarLoad') as { policy: Record<string, unknown> }).policy };
  const kept = (policy.cash ?? {}) as { openingBalances?: Record<string, number>; outflowsRange?: string };
  if (kept.outflowsRange || Object.keys(kept.openingBalances ?? {}).length) return;
  const openingBalances = Object.fromEntries(
    cash.opening
      .split(/[,;]/)
      .map((part) => part.trim().split(/\s+/))
      .filter((parts) => parts.length === 2)
      .map(([code, amount]) => [code.toUpperCase(), Number(amount)]),
  );
  policy.cash = { ...kept, floor: SAMPLE_FLOOR, openingBalances, outflowsRange: `Outflows!A1:F${Math.max(rows.length, 2)}` };
  const saved = runtime.run('sidebarSavePolicy', [policy]) as { ok: boolean; problems?: unknown };
  if (!saved.ok) console.log(`The Cash section was not saved: ${JSON.stringify(saved.problems)}`);
  else console.log(`Cash (Settings › Cash): ${cash.opening || 'no cash at hand given'}, floor ${SAMPLE_FLOOR}, outflows in Outflows!A1:F${Math.max(rows.length, 2)} (${rows.length - 1} rows from ${basename(cash.outflows)})\n`);
}

/** The cash position and what to collect first, as =AR_CASHFLOW and =AR_COLLECT_FIRST show them in a sheet of their own. */
function printCashPosition(runtime: AppsScriptRuntime, spreadsheet: ReturnType<AppsScriptRuntime['createSpreadsheet']>, timeZone: string, locale: string): void {
  const invoices = spreadsheet.sheet('Invoices');
  if (!invoices) return;
  const sheet = spreadsheet.addSheet('Cash position', [], { rows: 200, columns: 26 });
  const range = `'Invoices'!A1:${String.fromCharCode(64 + Math.min(26, Math.max(...invoices.values.map((row) => row.length))))}`;
  const formulas = [`=AR_CASHFLOW(${range}, Outflows!A1:F, , TODAY())`, `=AR_COLLECT_FIRST(${range}, Outflows!A1:F, , TODAY())`];
  sheet.getRange(1, 1).setFormula(formulas[0]);
  sheet.getRange(1, 12).setFormula(formulas[1]);
  const results = runtime.recalculate(spreadsheet).filter((result) => result.sheet === 'Cash position');
  for (const result of results) {
    console.log(`Cash position!${result.cell}: ${result.formula}${result.error ? `  → ${result.error}` : ''}\n`);
    if (!result.error) console.log(`${textTable(blockAt(sheet.values, result.cell), timeZone, locale)}\n`);
  }
}
