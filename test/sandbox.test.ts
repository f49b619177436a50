// The local sandbox as a newcomer runs it: `npm start` on the sample, and on a file of their own.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import writeExcelFile from 'write-excel-file/node';
import { afterEach, describe, expect, it } from 'vitest';
import { AppsScriptRuntime } from '../runtime/index';
import { importFile } from '../runtime/workbook';
import { projectRoot } from './support/addon';

function sandbox(...args: string[]): string {
  return execFileSync(join(projectRoot, 'node_modules/.bin/tsx'), [join(projectRoot, 'sandbox/start.ts'), '--no-serve', ...args], { cwd: projectRoot, encoding: 'utf8' });
}

describe('the sandbox', () => {
  it('prints the aging report of the sample workbook, with the skipped row named', () => {
    const output = sandbox('--date', '2026-11-25');
    expect(output).toContain('Menu Extensions › Receivables: Insert receivables dashboard | — | Preview today');
    // Each formula passes the settings' revision cell last (a save recomputes it), wherever its row is.
    expect(output).toMatch(/^Receivables dashboard!A1: =AR_AGING\('Invoices'!A1:J, TODAY\(\), , , , 'Receivables settings'!\$B\$\d+\)$/m);
    expect(output).toMatch(/^Receivables dashboard!J1: =AR_FORECAST\('Invoices'!A1:J, TODAY\(\), , , 'Receivables settings'!\$B\$\d+\)$/m);
    expect(output).toMatch(/^Receivables dashboard!P1: =AR_CUSTOMERS\('Invoices'!A1:J, TODAY\(\), 'Receivables settings'!\$B\$\d+\)$/m);
    expect(output).toMatch(/^Period start\s+Currency\s+Expected\s+Low\s+High$/m);
    expect(output).toMatch(/^Later\s+USD\s/m);
    expect(output).toMatch(/^Customer\s+Currency\s+Open balance\s+Overdue/m);
    // A chart per currency, each over its own block of data rows.
    expect(output).toContain('Chart "Aging by bucket, USD" (column) over Receivables dashboard!AH1:AI6');
    expect(output).toContain('Chart "Expected collections per week, RUB" (column) over Receivables dashboard!AE1:AF9');
    expect(output).toMatch(/^Reminders for 2026-11-25: \d+ sent/m);
    expect(output).toMatch(/^\d+ emails written to outbox\/2026-11-25\//m);
    expect(output).toMatch(/^Reminder log:$/m);
    const eml = readFileSync(join(projectRoot, 'outbox/2026-11-25', readdirSync(join(projectRoot, 'outbox/2026-11-25'))[0]), 'utf8');
    expect(eml).toMatch(/^From: Sandbox Trading Ltd <owner@example\.com>\r\nTo: [^\r]+@[^\r]+\r\n/);
    expect(eml).toMatch(/\r\nReply-To: accounts@sandbox-trading\.example\.com\r\n/);
    expect(eml).toContain('Content-Type: multipart/alternative');
    expect(output).toMatch(/^Customer\s+Currency\s+Not due\s+1–30\s+31–60\s+61–90\s+90\+\s+Total$/m);
    expect(output).toMatch(/^Total\s+RUB\s/m);
    expect(output).toMatch(/^Total\s+USD\s/m);
    expect(output).toContain('Skipped 1 unreadable row: row 203, column "Due Date": "31.11.2026" is not a date');

    // The cash position (issue 25, item 6): the sample's Outflows sheet, its cash at hand, AR_CASHFLOW and AR_COLLECT_FIRST,
    // a cash chart per currency, and the owner's warning of the USD gap from the daily run, in the outbox beside the reminders.
    expect(output).toContain('Cash (Settings › Cash): USD 15000, RUB 2000000, floor 5000, outflows in Outflows!A1:F9 (8 rows from outflows.csv)');
    expect(output).toMatch(/^Cash position!A1: =AR_CASHFLOW\('Invoices'!A1:J, Outflows!A1:F, , TODAY\(\)\)$/m);
    expect(output).toMatch(/^Period start\s+Currency\s+Receipts\s+Receipts low\s+Receipts high\s+Outflows\s+Balance\s+Balance low\s+Gap$/m);
    expect(output).toMatch(/^11\/30\/2026\s+USD\s+[\d,.]+\s+[\d,.]+\s+[\d,.]+\s+83,000\.00\s+-?[\d,.]+\s+-[\d,.]+\s+Gap$/m);
    expect(output).toMatch(/^Still missing if all of these came in\s+USD\s+[\d,.]+$/m);
    expect(output).toContain('Chart "Cash: Balance and Balance low, gap marked, USD" (line) over Receivables dashboard!');
    expect(output).toContain('Daily run: "Receivables: cash gap USD 2026-11-30" to owner@example.com');
    const warnings = readdirSync(join(projectRoot, 'outbox/2026-11-25')).filter((name) => readFileSync(join(projectRoot, 'outbox/2026-11-25', name), 'utf8').includes('Subject: Receivables: cash gap'));
    expect(warnings).toEqual([expect.stringMatching(/-owner@example\.com\.eml$/)]);
  });

  it('runs as of today in the spreadsheet\'s zone without --date, and says how many invoices dated after that day the aging left out (issue 23, item 3)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sandbox-'));
    const file = join(dir, 'invoices.csv');
    writeFileSync(file, 'Customer,Invoice Date,Due Date,Amount\nAcme Ltd,2026-01-10,2026-02-09,100.00\nGlobex,2099-01-01,2099-01-31,50.00\nInitech,2099-02-01,2099-03-03,70.00\n');
    const output = sandbox(file, '--tz', 'Pacific/Auckland');
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Pacific/Auckland' }).format(new Date());
    expect(output).toContain(`spreadsheet zone Pacific/Auckland, locale en_US, today ${today}`);
    expect(output).toContain(`Left out 2 invoices dated after ${today}, the report's day (as_of): not issued yet on that day`);
  });

  it('imports a bank statement into the sample book with --statement and shows each payment matched (issue 23, item 5)', () => {
    const output = sandbox('--date', '2026-11-25', '--statement', 'examples/bank-statement.csv');
    expect(output).toContain('Import bank statement (examples/bank-statement.csv): Imported 5 new payments from bank-statement.csv (CSV); 1 outgoing left out.');
    // Payers named only in the descriptions (Zelle, ACH), a number in one, a part payment, and one nobody can place.
    expect(output).toMatch(/^11\/25\/2026\s+411\.32\s+Zelle payment from WONKA.*Wonka Confectionery\s+INV-2026-0154\s+strong$/m);
    expect(output).toMatch(/^11\/24\/2026\s+7,729\.77\s+ACH CREDIT ORIG CO NAME:HOOLI.*Hooli Inc\.\s+INV-2026-0140\s+strong$/m);
    expect(output).toMatch(/^11\/24\/2026\s+9,003\.60\s+.*Globex Ltd\s+INV-2026-0138\s+exact$/m);
    expect(output).toMatch(/^11\/23\/2026\s+2,000\.00\s+Zelle payment from PIED PIPER.*Pied Piper\s+INV-2026-0172\s+partial$/m);
    expect(output).toMatch(/^11\/23\/2026\s+150\.00\s+DEPOSIT ID NUMBER 771234\s+none$/m);
  });

  it("runs on a user's own CSV, with another locale and zone", () => {
    const dir = mkdtempSync(join(tmpdir(), 'sandbox-'));
    const file = join(dir, 'счета.csv');
    writeFileSync(file, 'Клиент;Срок оплаты;Сумма\nООО «Ромашка»;01.11.2026;"1 500,00"\nИП Петров;20.12.2026;250\n');
    const output = sandbox(file, '--date', '2026-11-25', '--tz', 'Europe/Moscow', '--locale', 'ru_RU');
    // Amounts as Sheets shows them in ru_RU: a no-break space between thousands, a decimal comma.
    expect(output).toMatch(/^ООО «Ромашка»\s+0,00\s+1\u00a0500,00\s+0,00\s+0,00\s+0,00\s+1\u00a0500,00$/m);
    expect(output).toMatch(/^Total\s+250,00\s+1\u00a0500,00/m);
  });

  it('prints a ru_RU workbook from 1C with its Russian headers, amounts and dates as Sheets shows them there', () => {
    const output = sandbox(join(projectRoot, 'examples/1c-zadolzhennost-pokupatelej.xlsx'), '--date', '2026-11-25', '--tz', 'Europe/Moscow', '--locale', 'ru_RU');
    expect(output).toMatch(/^Контрагент\s+Документ\s+Дата\s+Срок оплаты\s+Сумма\s+Оплачено\s+Долг\s+Эл\. почта$/m);
    // Text cells of the workbook stay text ("250 000,00" as 1C wrote it); date cells show as dates of the locale.
    expect(output).toMatch(/^\s+Реализация \(акт, накладная\) 00000123 от 02\.09\.2026\s+02\.10\.2026\s+150\u00a0000,00/m);
    expect(output).toMatch(/=AR_AGING\('Invoices'!A1:H, TODAY\(\), , , , 'Receivables settings'!\$B\$\d+\)$/m);
    expect(output).toMatch(/^Total\s+45\u00a0600,50\s+100\u00a0000,00\s+100\u00a0000,00\s+0,00\s+990\u00a0000,00\s+1\u00a0235\u00a0600,50$/m);
    // The run's summary in the book's language (issue 22, item 4).
    expect(output).toMatch(/^Напоминания за 25\.11\.2026: отправлено: 3/m);
  });

  it('imports a CSV as Sheets does: blank lines kept so rows match the file, numbers (with the locale\'s currency sign) and dates as values, the rest text', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sandbox-'));
    const file = join(dir, 'report.csv');
    writeFileSync(file, 'Open Invoices\n\n,Customer,Due Date,Amount,Num\n,Acme,11/14/2026,"$1,250.00",0042\n\n,Globex,soon,-$250.00,43\n\n');
    const runtime = new AppsScriptRuntime();
    const sheet = await importFile(runtime.createSpreadsheet({ timeZone: 'UTC', locale: 'en_US' }), file);
    expect(sheet.values.map((row) => row[1] ?? '')).toEqual(['', '', 'Customer', 'Acme', '', 'Globex']);
    expect(sheet.values[3].slice(2)).toEqual([new Date('2026-11-14T00:00:00Z'), 1250, '0042']);
    expect(sheet.values[5].slice(2)).toEqual(['soon', -250, 43]);
  });

  it('reads an .xlsx file, its dates as days in the spreadsheet zone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sandbox-'));
    const file = join(dir, 'invoices.xlsx');
    await writeExcelFile([
      ['Customer', 'Due date', 'Amount'],
      ['Acme', { value: new Date(Date.UTC(2026, 9, 1)), type: Date, format: 'yyyy-mm-dd' }, 99.5],
    ]).toFile(file);
    const runtime = new AppsScriptRuntime();
    const spreadsheet = runtime.createSpreadsheet({ timeZone: 'Pacific/Auckland' });
    const sheet = await importFile(spreadsheet, file);
    expect(sheet.values[1][0]).toBe('Acme');
    expect((sheet.values[1][1] as Date).toISOString()).toBe('2026-09-30T11:00:00.000Z');
    expect(sheet.values[1][2]).toBe(99.5);
  });
});

describe('the sandbox sidebar, right after npm start', () => {
  const running: ChildProcess[] = [];
  afterEach(() => {
    for (const child of running.splice(0)) if (child.exitCode === null) child.kill();
  });

  /** Starts the sandbox with the sidebar served; resolves with its output so far and its address, within a bounded wait. */
  function startServing(...args: string[]): Promise<{ child: ChildProcess; url: string; output: () => string }> {
    const child = spawn(join(projectRoot, 'node_modules/.bin/tsx'), [join(projectRoot, 'sandbox/start.ts'), ...args], { cwd: projectRoot });
    running.push(child);
    let output = '';
    return new Promise((resolve, reject) => {
      const bound = setTimeout(() => reject(new Error(`the sandbox did not serve the sidebar within 90 s; it printed:\n${output}`)), 90_000);
      child.stderr!.on('data', (chunk) => (output += String(chunk)));
      child.stdout!.on('data', (chunk) => {
        output += String(chunk);
        const url = /The settings sidebar, on this workbook: (http:\S+)/.exec(output)?.[1];
        if (url) {
          clearTimeout(bound);
          resolve({ child, url, output: () => output });
        }
      });
      child.once('exit', (code) => reject(new Error(`the sandbox exited (${code}) before serving the sidebar:\n${output}`)));
    });
  }

  async function call(url: string, name: string, ...args: unknown[]): Promise<any> {
    const answer = (await (await fetch(new URL('rpc', url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, args }) })).json()) as { ok: boolean; value?: unknown; error?: string };
    if (!answer.ok) throw new Error(`${name}: ${answer.error}`);
    return answer.value;
  }

  it('still serves the sidebar when no invoice table can be read, after saying what the first rows hold and which columns were looked for (issue 23, item 2)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sandbox-'));
    const file = join(dir, 'export.csv');
    writeFileSync(file, 'Customer Contact List\nClient;Phone;City\nAcme Ltd;555-0100;Leeds\n');
    const started = await startServing(file, '--date', '2026-11-25');
    expect(started.output()).toContain('Alert: No invoice table found. A sheet needs a header row');
    expect(started.output()).toContain(
      'Sheet "Invoices": no amount or balance column, no due date or invoice date column (headers: Client, Phone, City, in row 2); rows above it: row 1: "Customer Contact List"; ' +
        'columns are known by headers such as "Customer", "Name" or "Контрагент"; "Amount", "Open Balance" or "Сумма"; "Due Date", "Invoice Date" or "Срок оплаты"',
    );
    // The Columns section reads the sheet's headers, for the person to map by hand.
    const loaded = await call(started.url, 'sidebarLoad');
    expect(loaded.policy).toBeDefined();
  }, 120_000);

  it("opens Import bank statement from the sidebar as a window whose Import runs on the sandbox book (issue 23, item 5)", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sandbox-'));
    const workbook = join(dir, 'invoices.csv');
    copyFileSync(join(projectRoot, 'examples/invoices.csv'), workbook);
    const started = await startServing(workbook, '--date', '2026-11-25');
    const answer = (await (await fetch(new URL('rpc', started.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'showImportStatement', args: [] }) })).json()) as { ok: boolean; dialog?: { url: string } };
    expect(answer.ok).toBe(true);
    expect(answer.dialog?.url).toMatch(/^\/dialog\/\d+$/);
    const dialog = await (await fetch(new URL(answer.dialog!.url, started.url))).text();
    // The dialog's own page, with google.script.run bridged as the sidebar's is.
    expect(dialog).toContain('window.google = { script: { run: runner(null, null), host:');
    expect(dialog).toContain('importBankStatement');
    const bytes = readFileSync(join(projectRoot, 'examples/bank-statement.csv')).toString('base64');
    expect(await call(started.url, 'importBankStatement', 'bank-statement.csv', bytes)).toMatch(/^Imported 5 new payments from bank-statement\.csv \(CSV\); 1 outgoing left out\./);
  }, 120_000);

  it('has reminders to preview and test, and keeps the sidebar’s edits beside the workbook until --fresh', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sandbox-'));
    const workbook = join(dir, 'invoices.csv');
    copyFileSync(join(projectRoot, 'examples/invoices.csv'), workbook);
    const stateFile = `${workbook}.sandbox.json`;

    const first = await startServing(workbook, '--date', '2026-11-25');
    // The next day with reminders due: within the policy's 3-day gap after the 25th's run only a due-date step goes, on the 27th.
    expect(first.output()).toContain('The sidebar runs as of 2026-11-27, the next day with reminders due (2026-11-25\'s were just sent)');
    const preview = await call(first.url, 'sidebarPreview');
    expect(preview.day).toBe('2026-11-27');
    expect(preview.reminders.length).toBeGreaterThan(0);
    const rendered = await call(first.url, 'sidebarRenderTemplate', 'overdue', 'en', { subject: 'Overdue: {{total}}', body: 'Dear {{customer}}' });
    expect(rendered.customer).toBe(preview.reminders[0].customer);
    expect(await call(first.url, 'sidebarSendTest')).toMatch(/^A test of the reminder to .+ went to owner@example\.com\. Nothing was sent to the customer\.$/);

    const { policy, customers } = await call(first.url, 'sidebarLoad');
    expect(existsSync(stateFile)).toBe(false);
    expect(await call(first.url, 'sidebarSavePolicy', { ...policy, termsDays: 45 })).toEqual({ ok: true });
    const acme = customers.find((row: { customer: string }) => row.customer === 'Acme Corporation');
    expect(await call(first.url, 'sidebarSaveCustomer', { ...acme, pausedUntil: '2026-12-31' })).toEqual({ ok: true });
    expect(existsSync(stateFile)).toBe(true);
    first.child.kill();

    const second = await startServing(workbook, '--date', '2026-11-25');
    expect(second.output()).toContain(`Restored the sidebar's edits from ${stateFile}`);
    const restored = await call(second.url, 'sidebarLoad');
    expect(restored.policy.termsDays).toBe(45);
    expect(restored.customers.find((row: { customer: string }) => row.customer === 'Acme Corporation').pausedUntil).toBe('2026-12-31');
    second.child.kill();

    const output = sandbox(workbook, '--date', '2026-11-25', '--fresh');
    expect(output).toContain(`Removed ${stateFile}`);
    expect(existsSync(stateFile)).toBe(false);
  }, 240_000);
});
