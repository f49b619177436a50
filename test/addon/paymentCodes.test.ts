// Payment QR codes as customers get them (issue 26, items 2 and 5): a real
// run on the in-memory Apps Script, the code read back from the email's
// inline image and from the attached statement's printed page with
// decoders that are not ours (omggif, pdftoppm, jsQR), every field compared
// with the invoice rows and the payee the bookkeeper saved.
import { beforeAll, describe, expect, it } from 'vitest';
import { zonedInstant, type SentMail } from '../../runtime/index';
import { loadAddon, savePolicy, storedRows, type Addon } from '../support/addon';
import { parseEpc, parseSt00012, readGifCode, readPdfCodes } from '../support/qrDecode';
import { COLLECTION_STEPS } from '../support/collectionsBook';
import { pdfText } from '../support/pdf';

const ZONE = 'Europe/Moscow';
const HEADER = ['Customer', 'Invoice No', 'Invoice date', 'Due date', 'Amount', 'Paid', 'Currency', 'Email'];
// Real banks' published details (Sberbank), and a settlement account whose control key holds against its BIC.
export const RUB_PAYEE = { name: 'ООО «Ромашка»', account: '40702810938000012345', iban: '', bank: 'ПАО Сбербанк', bic: '044525225', correspondentAccount: '30101810400000000225', inn: '7707083893', kpp: '773601001', note: '' };
export const EUR_PAYEE = { name: 'Romashka GmbH', account: '', iban: 'DE89370400440532013000', bank: '', bic: 'COBADEFFXXX', correspondentAccount: '', inn: '', kpp: '', note: '' };

/** On 10 March 2026: a Russian customer owing roubles on two invoices (one part paid), a German one owing euros, an American one owing dollars. */
const ROWS: unknown[][] = [
  ['ООО «Василёк»', '145', '2026-01-20', '2026-02-19', 120_000, '', 'RUB', 'buh@vasilek.example.ru'],
  ['ООО «Василёк»', '160', '2026-01-28', '2026-02-27', 45_500.5, 5_000, 'RUB', 'buh@vasilek.example.ru'],
  ['Kornblume AG', 'INV-0412', '2026-01-25', '2026-02-24', 1_980.4, '', 'EUR', 'ap@kornblume.example.de'],
  ['Kornblume AG', 'INV-0419', '2026-01-30', '2026-03-01', 250, '', 'EUR', 'ap@kornblume.example.de'],
  ['Bluebell Inc', 'B-7', '2026-01-25', '2026-02-24', 700, '', 'USD', 'ap@bluebell.example.com'],
];

function book(policy: Record<string, unknown> = {}): Addon {
  const addon = loadAddon({ timeZone: ZONE, locale: 'ru_RU' });
  addon.spreadsheet.addSheet('Invoices', storedRows([HEADER, ...ROWS], ZONE));
  savePolicy(addon, { skipWeekends: false, payees: { RUB: RUB_PAYEE, EUR: EUR_PAYEE }, ...policy });
  addon.runtime.setNow(zonedInstant(ZONE, 2026, 3, 10, 10));
  return addon;
}

function mailTo(mails: SentMail[], to: string): SentMail {
  const mail = mails.find((sent) => sent.to === to);
  if (!mail) throw new Error(`no mail to ${to}: ${mails.map((sent) => sent.to).join(', ')}`);
  return mail;
}

describe('the payment QR code in a reminder', () => {
  let mails: SentMail[];
  beforeAll(() => {
    const addon = book({ collections: { attachStatement: true } });
    addon.runtime.run('sendDueReminders');
    mails = addon.runtime.outbox.sent;
  }, 120_000);

  it('for roubles, is an ST00012 code in the email, for the overdue total in kopecks, naming the invoices, with the payee as saved', () => {
    const mail = mailTo(mails, 'buh@vasilek.example.ru');
    expect(mail.inlineImages.map((image) => [image.name, image.contentType])).toEqual([['payment-code', 'image/gif']]);
    expect(mail.htmlBody).toContain('src="cid:payment-code"');
    const read = readGifCode(mail.inlineImages[0].bytes);
    expect(read).not.toBeNull();
    const { encoding, fields } = parseSt00012(read!.text);
    expect(encoding).toBe('2');
    // 120,000.00 + (45,500.50 − 5,000.00) open, in kopecks.
    expect(fields).toEqual({
      Name: RUB_PAYEE.name,
      PersonalAcc: RUB_PAYEE.account,
      BankName: RUB_PAYEE.bank,
      BIC: RUB_PAYEE.bic,
      CorrespAcc: RUB_PAYEE.correspondentAccount,
      PayeeINN: RUB_PAYEE.inn,
      KPP: RUB_PAYEE.kpp,
      Sum: String(12_000_000 + 4_550_050 - 500_000),
      Purpose: 'Оплата по счетам № 145, 160',
    });
  });

  it('for euros, is an EPC code for the overdue amount, naming the invoices in the remittance', () => {
    const mail = mailTo(mails, 'ap@kornblume.example.de');
    const read = readGifCode(mail.inlineImages[0].bytes);
    const epc = parseEpc(read!.text);
    expect(epc).toEqual({ service: 'BCD', version: '002', charset: '1', identification: 'SCT', bic: EUR_PAYEE.bic, name: EUR_PAYEE.name, iban: EUR_PAYEE.iban, amount: 'EUR2230.40', purpose: '', reference: '', remittance: expect.stringMatching(/INV-0412, INV-0419$/), information: '' });
    expect(read!.version).toBeLessThanOrEqual(13);
  });

  it('is not in a dollar reminder, which has no code', () => {
    const mail = mailTo(mails, 'ap@bluebell.example.com');
    expect(mail.inlineImages).toEqual([]);
    expect(mail.htmlBody).not.toContain('cid:');
  });

  it('is readable at the size the email shows it: 4-pixel modules, a quiet zone of 4 modules, shown at its own size', () => {
    for (const mail of mails.filter((sent) => sent.inlineImages.length)) {
      const read = readGifCode(mail.inlineImages[0].bytes)!;
      const modules = 17 + 4 * read.version;
      const size = (modules + 8) * 4;
      expect(mail.htmlBody).toContain(`width="${size}" height="${size}"`);
      expect(mail.inlineImages[0].bytes.subarray(0, 6).toString('latin1')).toMatch(/^GIF8[79]a$/);
      expect(mail.inlineImages[0].bytes.readUInt16LE(6)).toBe(size);
    }
  });

  it('has its details in words in the plain-text part', () => {
    const body = mailTo(mails, 'buh@vasilek.example.ru').body;
    for (const value of [RUB_PAYEE.name, RUB_PAYEE.account, RUB_PAYEE.bank, RUB_PAYEE.bic, RUB_PAYEE.correspondentAccount, RUB_PAYEE.inn, RUB_PAYEE.kpp, 'Оплата по счетам № 145, 160']) expect(body).toContain(value);
    expect(body.replace(/[\u00a0\u202f]/g, ' ')).toMatch(/160 500,50/);
    const euro = mailTo(mails, 'ap@kornblume.example.de').body;
    for (const value of [EUR_PAYEE.name, 'DE89 3704 0044 0532 0130 00', EUR_PAYEE.bic]) expect(euro).toContain(value);
  });

  it('is printed on the attached statement, for its closing balance and the invoices open', () => {
    const mail = mailTo(mails, 'buh@vasilek.example.ru');
    const pdf = mail.attachments.find((attachment) => attachment.contentType === 'application/pdf');
    expect(pdf).toBeDefined();
    const codes = readPdfCodes(pdf!.bytes).filter((code) => code !== null);
    expect(codes).toHaveLength(1);
    const { fields } = parseSt00012(codes[0]!.text);
    expect(fields.Sum).toBe(String(12_000_000 + 4_550_050 - 500_000));
    expect(fields.Purpose).toBe('Оплата по счетам № 145, 160');
    expect(fields.PersonalAcc).toBe(RUB_PAYEE.account);
  }, 60_000);
});

describe('the payment QR code in a demand letter', () => {
  it('is printed for the total the letter claims (the invoices and the late fees), readable from the page at 150 dpi', () => {
    const addon = loadAddon({ timeZone: ZONE, locale: 'ru_RU' });
    addon.spreadsheet.addSheet('Invoices', storedRows([HEADER, ROWS[0], ROWS[1]], ZONE));
    savePolicy(addon, { skipWeekends: false, yearlyInterestPercent: 8, steps: COLLECTION_STEPS, payees: { RUB: RUB_PAYEE } });
    // The email at +7, the call at +14, the letter at +30 (from the first due date, 19 February).
    for (const [month, day] of [[2, 26], [3, 5], [3, 21], [3, 22], [3, 23]]) {
      addon.runtime.setNow(zonedInstant(ZONE, 2026, month, day, 10));
      addon.runtime.run('sendDueReminders');
    }
    const letters = addon.runtime.drive.files;
    expect(letters).toHaveLength(1);
    const codes = readPdfCodes(letters[0].bytes).filter((code) => code !== null);
    expect(codes).toHaveLength(1);
    const { fields } = parseSt00012(codes[0]!.text);
    // The claim as the letter prints it: its principal (the rows' open amounts) and its fees.
    const text = pdfText(letters[0].bytes).replace(/[\u00a0\u202f]/g, ' ');
    const figure = (label: string) => Math.round(Number((new RegExp(`${label}\\s+([\\d ]+,\\d{2})`).exec(text)?.[1] ?? 'NaN').replace(/ /g, '').replace(',', '.')) * 100);
    expect(figure('Итого основной долг')).toBe(12_000_000 + 4_550_050 - 500_000);
    expect(figure('Неустойка и проценты на дату претензии')).toBeGreaterThan(0);
    expect(Number(fields.Sum)).toBe(figure('Всего предъявлено к оплате'));
    expect(Number(fields.Sum)).toBe(figure('Итого основной долг') + figure('Неустойка и проценты на дату претензии'));
    // It states the fees added, in the words AR_MATCH reads back (issue 26, item 4).
    const fees = (figure('Неустойка и проценты на дату претензии') / 100).toFixed(2).replace('.', ',');
    expect(fields.Purpose).toBe(`Оплата по счетам № 145, 160 и неустойка ${fees}`);
    expect(fields.PersonalAcc).toBe(RUB_PAYEE.account);
  }, 120_000);
});

describe('the preview', () => {
  it('says which reminders carry a code, for what, and why the others have none', () => {
    const addon = book({ payees: { RUB: { ...RUB_PAYEE, correspondentAccount: '' }, EUR: EUR_PAYEE } });
    const preview = addon.runtime.scriptRun('sidebarPreview', []) as { reminders: Array<{ customer: string; payment?: { ok: boolean; detail: string } }> };
    const byCustomer = Object.fromEntries(preview.reminders.map((reminder) => [reminder.customer, reminder.payment]));
    expect(byCustomer['ООО «Василёк»']).toEqual({ ok: false, detail: 'the RUB payment details lack the correspondent account' });
    expect(byCustomer['Kornblume AG']).toEqual({ ok: true, detail: 'EPC, €2,230.40, Invoices INV-0412, INV-0419' });
    expect(byCustomer['Bluebell Inc']).toEqual({ ok: false, detail: expect.stringMatching(/no payment code exists for USD/) });
  });

  it("shows the code in the sidebar's template preview, drawn in the page (a data: URL the frame can show), for the first reminder", () => {
    const addon = book();
    addon.runtime.run('sendDueReminders');
    addon.runtime.setNow(zonedInstant(ZONE, 2026, 3, 17, 10));
    const rendered = addon.runtime.scriptRun('sidebarRenderTemplate', ['overdue', 'ru', { subject: 'Счета', body: 'Здравствуйте!\n\n{{invoices}}' }]) as { customer: string; html: string };
    const picture = /src="data:image\/gif;base64,([^"]+)"/.exec(rendered.html);
    expect(picture, rendered.customer).not.toBeNull();
    expect(rendered.html).not.toContain('cid:');
    const read = readGifCode(Buffer.from(picture![1], 'base64'));
    const fields = rendered.customer === 'ООО «Василёк»' ? parseSt00012(read!.text).fields : null;
    const epc = fields ? null : parseEpc(read!.text);
    expect(fields?.Purpose ?? epc?.remittance).toMatch(/^Оплата по счетам № (145, 160|INV-0412, INV-0419)$/);
  });
});
