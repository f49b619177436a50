// Collections beyond email: call, letter and legal steps become rows of the
// Collections sheet (no mail), what people type back changes the next runs,
// letters and the lawyer's summary are real PDFs saved with the advanced
// Drive service.
import { describe, expect, it } from 'vitest';
import { zonedInstant } from '../../runtime/index';
import { loadAddon, savePolicy, storedRows, type Addon } from '../support/addon';
import { COLLECTION_STEPS, HEADER, isoPlus, setDay, ZONE } from '../support/collectionsBook';
import { renderFirstPage } from '../support/pdf';

const STEPS = COLLECTION_STEPS;


function workbook(policy: Record<string, unknown> = {}): Addon {
  const addon = loadAddon({ timeZone: ZONE });
  addon.spreadsheet.addSheet(
    'Invoices',
    storedRows(
      [
        HEADER,
        ['Acme', 'A-1', '2026-02-01', '2026-03-02', 1000, '', '', 'USD', 'ap@acme.example.com'],
        ['Globex', 'G-1', '2026-02-01', '2026-03-02', 300, '', '', 'USD', 'ap@globex.example.com'],
        ['Globex', 'G-2', '2026-02-01', '2026-03-02', 200, '', '', 'USD', 'ap@globex.example.com'],
        ['ООО Ромашка', 'Р-7', '2026-02-01', '2026-03-02', 50000, '', '', 'RUB', 'buh@romashka.example.ru'],
      ],
      ZONE,
    ),
  );
  // Made by a person in Sheets: a new sheet's 1000 x 26 grid.
  addon.spreadsheet.addSheet(
    'Customers',
    [
      ['Customer', 'Email', 'Language', 'Contact', 'Phone', 'Credit limit'],
      ['Acme', '', '', 'Jane Roe', '+44 20 7946 0000', 500],
      ['ООО Ромашка', '', 'ru', 'Иван Петров', '', ''],
    ],
    { rows: 1000, columns: 26 },
  );
  savePolicy(addon, { skipWeekends: false, senderName: 'Northwind Ltd', replyTo: 'ar@northwind.example.com', signature: 'Northwind Ltd accounts', paymentDetails: 'IBAN GB00 0000', steps: STEPS, ...policy });
  return addon;
}

function runOn(addon: Addon, iso: string): void {
  setDay(addon, iso);
  addon.runtime.run('sendDueReminders');
}

const collections = (addon: Addon) => addon.spreadsheet.sheet('Collections');
const rowsOf = (addon: Addon) => {
  const sheet = collections(addon);
  if (!sheet) return [];
  const header = sheet.values[0] as string[];
  return sheet.values.slice(1).map((row) => Object.fromEntries(header.map((name, c) => [name, row[c] ?? ''])));
};
/** What a person types in a task's row, by header. */
function typeInRow(addon: Addon, row: number, values: Record<string, unknown>): void {
  const sheet = collections(addon)!;
  const header = sheet.values[0] as string[];
  for (const [name, value] of Object.entries(values)) sheet.write(row, header.indexOf(name) + 1, value as never);
}

describe('the Collections sheet', () => {
  it("takes a call task's contact and phone from the invoice table where the Customers sheet has none", () => {
    const addon = workbook();
    const invoices = addon.spreadsheet.sheet('Invoices')!;
    // The bookkeeper's own columns beside the invoices: a contact person and a phone per row.
    invoices.face().insertColumnsAfter(HEADER.length, 2);
    invoices.write(1, HEADER.length + 1, 'Contact person');
    invoices.write(1, HEADER.length + 2, 'Phone');
    invoices.values.slice(1).forEach((row, k) => {
      invoices.write(k + 2, HEADER.length + 1, row[0] === 'Globex' ? 'Sam Lee' : 'Someone Else');
      invoices.write(k + 2, HEADER.length + 2, row[0] === 'Globex' ? '+1 555 0100' : '+1 555 0199');
    });
    runOn(addon, '2026-03-09');
    runOn(addon, '2026-03-16'); // +14: the call step
    const byCustomer = new Map(rowsOf(addon).map((task) => [task.Customer, [task.Contact, task.Phone]]));
    expect(byCustomer.get('Globex')).toEqual(['Sam Lee', '+1 555 0100']);
    // The Customers sheet's own contact wins; a blank phone there is filled from the table.
    expect(byCustomer.get('Acme')).toEqual(['Jane Roe', '+44 20 7946 0000']);
    expect(byCustomer.get('ООО Ромашка')).toEqual(['Иван Петров', '+1 555 0199']);
  });

  it('gets a call task once, on its day, with the contact, the amounts and an Outcome dropdown, and no email goes out for it', () => {
    const addon = workbook();
    runOn(addon, '2026-03-09'); // +7: the email step
    const emails = addon.runtime.outbox.sent.length;
    expect(emails).toBe(3);
    expect(collections(addon)).toBeUndefined();

    runOn(addon, '2026-03-16'); // +14: the call step
    expect(addon.runtime.outbox.sent).toHaveLength(emails);
    const tasks = rowsOf(addon);
    expect(tasks.map((task) => [task.Customer, task.Currency, task.Contact, task.Phone, task.Email, task.Open, task.Overdue, task['Oldest days overdue'], task.Invoices, task.Step])).toEqual([
      ['ООО Ромашка', 'RUB', 'Иван Петров', '', 'buh@romashka.example.ru', 50000, 50000, 14, 'Р-7', 'Call (+14 days)'],
      ['Acme', 'USD', 'Jane Roe', '+44 20 7946 0000', 'ap@acme.example.com', 1000, 1000, 14, 'A-1', 'Call (+14 days)'],
      ['Globex', 'USD', '', '', 'ap@globex.example.com', 500, 500, 14, 'G-1, G-2', 'Call (+14 days)'],
    ]);
    const sheet = collections(addon)!;
    const header = sheet.values[0] as string[];
    expect(header.slice(0, 17)).toEqual(['Date', 'Customer', 'Currency', 'Contact', 'Phone', 'Email', 'Open', 'Overdue', 'Oldest days overdue', 'Invoices', 'Step', 'Last contact', 'Last outcome', 'Document', 'Outcome', 'Promise date', 'Note']);
    const outcome = header.indexOf('Outcome') + 1;
    for (const row of [2, 3, 4]) {
      const rule = sheet.validations.get(`${row},${outcome}`);
      expect(rule?.values).toEqual(['reached', 'no answer', 'promised', 'disputed', 'wrong contact']);
      expect(rule?.allowInvalid).toBe(false);
    }
    // The phone number stays text: "+44…" typed into a cell would be a formula.
    expect(sheet.formulas.size).toBe(0);

    // Again the same day, and the days after: no second task.
    runOn(addon, '2026-03-16');
    runOn(addon, '2026-03-17');
    runOn(addon, '2026-03-20');
    expect(rowsOf(addon)).toHaveLength(3);
    expect(addon.runtime.outbox.sent).toHaveLength(emails);
  });

  it('reads the outcomes back: a promise pauses until its date then one "promise broken" email; a dispute stops those invoices; a wrong contact is flagged', () => {
    const addon = workbook();
    runOn(addon, '2026-03-09'); // +7: the first overdue step comes first, however old the debt
    runOn(addon, '2026-03-16');
    const byCustomer = Object.fromEntries(rowsOf(addon).map((task, k) => [task.Customer, k + 2]));
    typeInRow(addon, byCustomer.Acme, { Outcome: 'promised', 'Promise date': storedRows([['2026-03-25']], ZONE)[0][0], Note: 'pays after the board meets' });
    // Only G-1 is disputed: the person narrows the row's Invoices to it.
    typeInRow(addon, byCustomer.Globex, { Outcome: 'disputed', Invoices: 'G-1' });
    typeInRow(addon, byCustomer['ООО Ромашка'], { Outcome: 'wrong contact' });
    const before = addon.runtime.outbox.sent.length;

    // Up to the promised day nothing goes to Acme, not even the letter step.
    for (let day = 17; day <= 25; day++) runOn(addon, `2026-03-${day}`);
    const acmeMails = () => addon.runtime.outbox.sent.slice(before).filter((mail) => mail.to === 'ap@acme.example.com');
    expect(acmeMails()).toEqual([]);
    runOn(addon, '2026-03-26');
    runOn(addon, '2026-03-27');
    expect(acmeMails().map((mail) => mail.subject)).toHaveLength(1);
    expect(acmeMails()[0].body).toContain('would pay by March 25, 2026');
    for (let day = 28; day <= 31; day++) runOn(addon, `2026-03-${day}`);
    runOn(addon, '2026-04-01'); // +30: the letter step

    // The disputed G-1 is never in a reminder or a task again; G-2 (not disputed) still is.
    const globex = [...addon.runtime.outbox.sent.slice(before).filter((mail) => mail.to === 'ap@globex.example.com').map((mail) => mail.body), ...rowsOf(addon).slice(3).filter((task) => task.Customer === 'Globex').map((task) => String(task.Invoices))];
    expect(globex.length).toBeGreaterThan(0);
    expect(globex.join('\n')).not.toContain('G-1');
    expect(globex.join('\n')).toContain('G-2');

    // The next task shows the last contact and its outcome.
    const acmeLetter = rowsOf(addon).find((task) => task.Customer === 'Acme' && String(task.Step).startsWith('Letter'));
    expect(acmeLetter?.['Last contact']).toBe('2026-03-16 Call');
    expect(acmeLetter?.['Last outcome']).toBe('promised by 2026-03-25');

    // The sidebar flags the wrong contact.
    const load = addon.runtime.run('sidebarLoad') as { collections: { wrongContact: string[]; onHold: Array<{ customer: string; reasons: string }> } };
    expect(load.collections.wrongContact).toEqual(['ООО Ромашка']);
  });
});

/** The first page of a PDF as a greyscale bitmap (pdftoppm, from poppler-utils), and its text (pdftotext). */

describe('letters and the legal hand-over', () => {
  it('produces one demand letter per customer as a real PDF in Drive, linked from its row, in the customer language', () => {
    const addon = workbook({ collections: { sendLettersToOwner: true, letterDeadlineDays: 10 } });
    // The steps before the letter come first: the email at +7, the call at +14.
    runOn(addon, '2026-03-09');
    runOn(addon, '2026-03-16');
    for (let day = 0; day <= 3; day++) runOn(addon, isoPlus('2026-03-31', day)); // +29 … +32
    const letters = rowsOf(addon).filter((task) => String(task.Step).startsWith('Letter'));
    expect(letters.map((task) => task.Customer)).toEqual(['ООО Ромашка', 'Acme', 'Globex']);
    const files = addon.runtime.drive.files;
    expect(files).toHaveLength(3);
    expect(letters.map((task) => task.Document)).toEqual(files.map((file) => `https://drive.google.com/file/d/${file.id}/view`));
    expect(files.every((file) => file.mimeType === 'application/pdf' && file.bytes.subarray(0, 5).toString() === '%PDF-')).toBe(true);

    const acme = renderFirstPage(files[1].bytes, 'letter-en-first-page');
    expect(acme.height).toBeGreaterThan(acme.width); // a portrait page
    expect(acme.dark / (acme.width * acme.height)).toBeGreaterThan(0.005); // printed, not blank
    expect(acme.text).toContain('Formal demand for payment');
    expect(acme.text).toMatch(/A-1\s+2 March 2026\s+30\s+\$1,000\.00/);
    expect(acme.text).toContain('Total claimed');
    expect(acme.text).toContain('11 April 2026'); // deadline: 10 days after 1 April
    expect(acme.text).toContain('IBAN GB00 0000');

    const russian = renderFirstPage(files[0].bytes, 'letter-ru-first-page');
    expect(russian.text).toContain('Досудебная претензия');
    expect(russian.text).toContain('Р-7');
    expect(russian.text).toMatch(/50\s000,00\s₽/);

    // Sent to the owner too, as the policy says; nothing went to a customer for it.
    const toOwner = addon.runtime.outbox.sent.filter((mail) => mail.to === 'owner@example.com');
    expect(toOwner.map((mail) => mail.attachments.map((attachment) => attachment.contentType))).toEqual([['application/pdf'], ['application/pdf'], ['application/pdf']]);
  });

  it('after a legal step, or a customer marked Legal by hand, sends nothing more; only the legal step gives the lawyer a summary with the history', () => {
    const addon = workbook();
    addon.spreadsheet.sheet('Customers')!.write(1, 7, 'Legal');
    addon.spreadsheet.sheet('Customers')!.write(4, 1, 'Globex');
    addon.spreadsheet.sheet('Customers')!.write(4, 7, 'yes');
    for (let day = 0; day <= 70; day += 1) runOn(addon, isoPlus('2026-03-02', day));
    const globexMail = addon.runtime.outbox.sent.filter((mail) => mail.to === 'ap@globex.example.com');
    expect(globexMail).toEqual([]);
    const legal = rowsOf(addon).filter((task) => String(task.Step).startsWith('Hand to a lawyer'));
    expect(legal.map((task) => task.Customer)).toEqual(['ООО Ромашка', 'Acme']);
    const handedOver = addon.runtime.outbox.sent.filter((mail) => mail.to === 'ap@acme.example.com').map((mail) => mail.sentAt.getTime());
    expect(Math.max(...handedOver)).toBeLessThan(zonedInstant(ZONE, 2026, 5, 1, 0));
    // Legal typed by hand in the Customers sheet stops the mail but makes no document in the owner's Drive (issue 21).
    expect(addon.runtime.drive.files.filter((file) => file.name.includes('Globex'))).toEqual([]);
    const summary = addon.runtime.drive.files.find((file) => file.name.startsWith('Legal summary Acme'));
    const page = renderFirstPage(summary!.bytes, 'legal-summary-first-page');
    expect(page.text).toContain('Summary for the lawyer: Acme');
    // The step wraps onto two lines, and the date (never wrapped) sits between them.
    expect(page.text).toMatch(/Email: Overdue reminder \(7 days after the due\s+sent to\s+2026-03-09\s+date\) \(A-1\)/);
    expect(page.text).toMatch(/2026-03-16\s+Call \(A-1\)/);
    expect(page.text).toMatch(/2026-04-01\s+Letter \(A-1\)/);
  });

  it('attaches the statement of account to reminder emails when the policy says so', () => {
    const addon = workbook({ collections: { attachStatement: true } });
    runOn(addon, '2026-03-09'); // +7: the email step
    const acme = addon.runtime.outbox.sent.find((mail) => mail.to === 'ap@acme.example.com')!;
    expect(acme.attachments.map((attachment) => [attachment.name, attachment.contentType])).toEqual([['Statement Acme 2026-03-09.pdf', 'application/pdf']]);
    const page = renderFirstPage(acme.attachments[0].bytes, 'statement-first-page');
    expect(page.text).toContain('Statement of account: Acme');
    expect(page.text).toMatch(/1 February 2026\s+Invoice\s+A-1\s+\$1,000\.00\s+\$1,000\.00/);
    expect(page.text).toMatch(/Balance at the end of the period\s+\$1,000\.00/);
    // Without the switch, no attachment.
    const plain = workbook();
    runOn(plain, '2026-03-09');
    expect(plain.runtime.outbox.sent.every((mail) => mail.attachments.length === 0)).toBe(true);
  });

  it('greets the Contact the Customers sheet names, else the customer (issue 22, item 2)', () => {
    const addon = workbook();
    runOn(addon, '2026-03-09');
    expect(addon.runtime.outbox.sent.map((mail) => [mail.to, mail.body.split('\n')[0]]).sort()).toEqual([
      ['ap@acme.example.com', 'Dear Jane Roe,'],
      ['ap@globex.example.com', 'Dear Globex,'],
      ['buh@romashka.example.ru', 'Здравствуйте, Иван Петров!'],
    ]);
  });
});
