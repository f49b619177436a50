// The morning digest per manager (issue 27, item 2): sent once a day from the
// schedule owner's account, only to a manager the owner turned on, at the
// manager's own address in the Manager column or the owner's, never to a
// customer; nothing to a manager with nothing to do; in the manager's language.
import { describe, expect, it } from 'vitest';
import { zonedInstant } from '../../runtime/index';
import { composeDigest, DIGEST_LINES, type ManagerDigest } from '../../src/core/team/digest';
import { loadAddon, savePolicy, storedRows, type Addon } from '../support/addon';
import { HEADER, setDay, ZONE } from '../support/collectionsBook';

/** An email, then two calls: tasks without the letters' PDFs, which are slow to make. */
const STEPS = [
  { offsetDays: 7, template: 'overdue', channel: 'email' },
  { offsetDays: 14, template: 'firm', channel: 'call' },
  { offsetDays: 30, template: 'final', channel: 'call' },
];

const OWNER = 'owner@example.com';
const ANNA = 'anna@seller.example.com';
const EDITOR = 'editor@example.com';

/** Anna (an address) has Acme, Globex and Tom & <Jerry>; Boris (a name) has Initech, long overdue; Umbrella has no manager. */
function workbook(): Addon {
  const addon = loadAddon({ timeZone: ZONE });
  addon.spreadsheet.addSheet(
    'Invoices',
    storedRows(
      [
        [...HEADER, 'Manager'],
        ['Acme', 'A-1', '2026-02-01', '2026-03-02', 1000, '', '', 'USD', 'ap@acme.example.com', ANNA],
        ['Globex', 'G-1', '2026-02-01', '2026-03-02', 300, '', '', 'USD', 'ap@globex.example.com', ANNA],
        ['Tom & <Jerry>', 'T-1', '2026-02-01', '2026-03-02', 70, '', '', 'USD', 'ap@tom.example.com', ANNA],
        ['Initech', 'I-1', '2026-01-01', '2026-01-20', 200, '', '', 'USD', 'ap@initech.example.com', 'Boris'],
        ['Umbrella', 'U-1', '2026-02-01', '2026-03-02', 50, '', '', 'USD', 'ap@umbrella.example.com', ''],
      ],
      ZONE,
    ),
  );
  addon.spreadsheet.addSheet('Customers', [['Customer', 'Email', 'Promise to pay by', 'Disputed', 'Manager']], { rows: 1000, columns: 26 });
  savePolicy(addon, { skipWeekends: false, steps: STEPS });
  addon.runtime.run('turnOnReminders');
  return addon;
}

/** The day's scheduled run: the hourly trigger at 10:00, after the send hour. */
function scheduledRun(addon: Addon, iso: string): void {
  setDay(addon, iso);
  addon.runtime.fireTimeTriggers();
}

const digestsTo = (addon: Addon, address: string) => addon.runtime.outbox.sent.filter((mail) => mail.to === address && /Receivables: your day|Дебиторка: ваш день/.test(mail.subject));
const digests = (addon: Addon) => addon.runtime.outbox.sent.filter((mail) => /Receivables: your day|Дебиторка: ваш день/.test(mail.subject));
const approve = (addon: Addon, entries: unknown[], user = OWNER) => addon.runtime.scriptRun('sidebarSaveDigests', [entries], { user });
const annaOn = { manager: ANNA, address: ANNA, language: 'en', on: true };

function typeIn(addon: Addon, sheet: string, customer: string, column: string, value: unknown): void {
  const target = addon.spreadsheet.sheet(sheet)!;
  const header = target.values[0] as string[];
  let row = target.values.findIndex((cells, r) => r > 0 && cells[0] === customer) + 1;
  if (row === 0) {
    row = target.values.length + 1;
    target.write(row, 1, customer);
  }
  target.write(row, header.indexOf(column) + 1, value as never);
}

describe('the morning digest', () => {
  it("goes once a day to an approved manager only, with today's calls, everything typed escaped; nothing on a day with nothing to do", () => {
    const addon = workbook();
    scheduledRun(addon, '2026-03-09'); // the email step; Boris's Initech is long overdue, but nobody turned Boris on
    expect(digests(addon)).toHaveLength(0);

    expect(approve(addon, [annaOn])).toEqual({ ok: true });
    scheduledRun(addon, '2026-03-16'); // +14: the call step
    const [digest] = digestsTo(addon, ANNA);
    expect(digests(addon)).toHaveLength(1);
    expect(digest.from).toBe(OWNER);
    expect(digest.body).toContain("Today's calls and letters");
    expect(digest.body).toContain('Call: Acme (USD) — A-1');
    expect(digest.body).toContain('Call: Globex (USD) — G-1');
    expect(digest.body).not.toContain('Initech');
    expect(digest.body).not.toContain('Umbrella');
    // A customer's name as typed is text in the HTML, never markup.
    expect(digest.htmlBody).toContain('Tom &amp; &lt;Jerry&gt;');
    expect(digest.htmlBody).not.toContain('<Jerry>');

    // The owner's own run from the menu the same day, and the next hours: still one.
    addon.runtime.run('sendDueReminders');
    setDay(addon, '2026-03-16');
    addon.runtime.fireTimeTriggers();
    expect(digestsTo(addon, ANNA)).toHaveLength(1);

    // The next day Anna's customers need nothing (no task, not 30 days overdue): no digest.
    scheduledRun(addon, '2026-03-17');
    expect(digestsTo(addon, ANNA)).toHaveLength(1);
  });

  it("is in the manager's language, at the owner's address for a manager named without one, with what is more than 30 days overdue", () => {
    const addon = workbook();
    const view = (addon.runtime.scriptRun('sidebarLoad') as { team: { managers: Array<{ manager: string; customers: number; addresses: string[] }> } }).team;
    expect(view.managers.map(({ manager, customers, addresses }) => [manager, customers, addresses])).toEqual([
      [ANNA, 3, [ANNA, OWNER]],
      ['Boris', 1, [OWNER]],
    ]);
    // Boris has no address in the Manager column: only the owner's may be chosen.
    expect(approve(addon, [{ manager: 'Boris', address: 'boris@seller.example.com', language: 'ru', on: true }])).toMatchObject({ ok: false, problems: [{ field: 'team.0.address' }] });
    expect(approve(addon, [{ manager: 'Boris', address: OWNER, language: 'ru', on: true }])).toEqual({ ok: true });
    scheduledRun(addon, '2026-03-09');
    const [digest] = digestsTo(addon, OWNER);
    expect(digests(addon)).toHaveLength(1);
    expect(digest.subject).toMatch(/^Дебиторка: ваш день, 9 марта 2026/);
    expect(digest.body).toContain('Просрочка больше 30 дней');
    expect(digest.body).toMatch(/Initech: .*200.*48 дн\./);
    expect(digest.body).toContain('ответственный: Boris');
  });

  it('sends nothing to an address an editor typed into the Manager column until the owner approves it; an editor cannot approve', () => {
    const addon = workbook();
    addon.runtime.run('sendDueReminders'); // nothing is due yet; only to open the book as the owner once
    typeIn(addon, 'Invoices', 'Umbrella', 'Manager', 'eve@evil.example');
    scheduledRun(addon, '2026-03-09');
    scheduledRun(addon, '2026-03-16'); // Umbrella's call task, under eve
    expect(digests(addon)).toHaveLength(0);
    // The editor turns eve on in the sidebar: refused, the schedule is the owner's.
    expect(approve(addon, [{ manager: 'eve@evil.example', address: 'eve@evil.example', language: 'en', on: true }], EDITOR)).toMatchObject({ ok: false });
    scheduledRun(addon, '2026-04-01'); // the second call
    expect(digests(addon)).toHaveLength(0);
    // The owner approves: from then on eve's digest goes.
    expect(approve(addon, [{ manager: 'eve@evil.example', address: 'eve@evil.example', language: 'en', on: true }])).toEqual({ ok: true });
    scheduledRun(addon, '2026-04-02');
    expect(digestsTo(addon, 'eve@evil.example')).toHaveLength(1);
    expect(digestsTo(addon, 'eve@evil.example')[0].body).toContain('Umbrella');
  });

  it("never goes to a customer's address: refused on approval, and not sent when a customer's email becomes it later", () => {
    const addon = workbook();
    typeIn(addon, 'Invoices', 'Umbrella', 'Manager', 'ap@acme.example.com');
    expect(approve(addon, [{ manager: 'ap@acme.example.com', address: 'ap@acme.example.com', language: 'en', on: true }])).toMatchObject({ ok: false, problems: [{ field: 'team.0.address', message: expect.stringContaining("customer's email") }] });
    expect(approve(addon, [annaOn])).toEqual({ ok: true });
    // An editor gives a customer Anna's address in the Customers sheet.
    typeIn(addon, 'Customers', 'Globex', 'Email', `ap@globex.example.com, ${ANNA}`);
    scheduledRun(addon, '2026-03-09');
    scheduledRun(addon, '2026-03-16');
    expect(digestsTo(addon, ANNA)).toHaveLength(0);
    // Corrected, the digest goes (the owner's run from the menu, the same day).
    typeIn(addon, 'Customers', 'Globex', 'Email', 'ap@globex.example.com');
    addon.runtime.run('sendDueReminders');
    expect(digestsTo(addon, ANNA)).toHaveLength(1);
  });

  it("counts against the day's mail quota, after the customers' reminders: with none left it waits for the next day", () => {
    const addon = workbook();
    expect(approve(addon, [{ manager: 'Boris', address: OWNER, language: 'en', on: true }])).toEqual({ ok: true });
    addon.runtime.outbox.dailyQuota = 5; // the five customers' reminders of 9 March take it all
    scheduledRun(addon, '2026-03-09');
    expect(addon.runtime.outbox.sent).toHaveLength(5);
    expect(digests(addon)).toHaveLength(0);
    scheduledRun(addon, '2026-03-10'); // a new quota day
    expect(digestsTo(addon, OWNER)).toHaveLength(1);
  });

  it("waits for the next hourly run when the customers' reminders used the run's time, and then goes once", () => {
    const addon = workbook();
    expect(approve(addon, [{ manager: 'Boris', address: OWNER, language: 'en', on: true }])).toEqual({ ok: true });
    // Five reminders at 56 s each end past the run's 4½ minutes: no digest starts after that.
    addon.runtime.state.latency.set('MailApp.sendEmail', 56_000);
    scheduledRun(addon, '2026-03-09');
    expect(addon.runtime.outbox.sent).toHaveLength(5);
    expect(digests(addon)).toHaveLength(0);
    addon.runtime.state.latency.set('MailApp.sendEmail', 0);
    for (const hour of [11, 12]) {
      addon.runtime.setNow(zonedInstant(ZONE, 2026, 3, 9, hour));
      addon.runtime.fireTimeTriggers();
    }
    expect(digestsTo(addon, OWNER)).toHaveLength(1);
    expect(addon.runtime.outbox.sent).toHaveLength(6);
  });

  it('lists at most 100 lines a section, counting the rest, and keeps a typed name on one subject line', () => {
    const many: ManagerDigest = { manager: 'Anna', tasks: [], promisesDue: [], promisesBroken: [], disputes: [], holds: [], overdue: Array.from({ length: 250 }, (_, k) => ({ customer: `Customer ${k}`, currency: 'USD', overdueCents: 100, days: 40 })) };
    const mail = composeDigest(many, { language: 'en', locale: 'en_US', today: 0, spreadsheetName: 'Book\nBcc: eve@evil.example', url: 'https://example.com' });
    expect(mail.body.split('\n').filter((line) => line.startsWith('- Customer'))).toHaveLength(DIGEST_LINES);
    expect(mail.body).toContain('- and 150 more (see the spreadsheet)');
    expect(mail.subject).not.toMatch(/[\r\n]/);
  });

  it('tells promises due today, promises broken yesterday, new disputes and new credit holds, each dispute and hold once', () => {
    const addon = workbook();
    expect(approve(addon, [annaOn])).toEqual({ ok: true });
    scheduledRun(addon, '2026-03-09'); // the first digest run: what stands already is no news
    typeIn(addon, 'Customers', 'Acme', 'Promise to pay by', storedRows([['2026-03-16']], ZONE)[0][0]);
    typeIn(addon, 'Customers', 'Globex', 'Disputed', 'yes');
    scheduledRun(addon, '2026-03-16');
    let [digest] = digestsTo(addon, ANNA);
    expect(digest.body).toMatch(/Promised to pay today\n- Acme: \$1,000\.00 open/);
    expect(digest.body).toMatch(/New disputes\n- Globex: all invoices/);
    expect(digest.body).not.toContain('Newly on credit hold');

    scheduledRun(addon, '2026-03-17');
    [, digest] = digestsTo(addon, ANNA);
    expect(digest.body).toMatch(/Promise broken yesterday\n- Acme: \$1,000\.00 open/);
    expect(digest.body).toMatch(/Newly on credit hold\n- Acme \(USD\): promise broken/);
    expect(digest.body).not.toContain('New disputes');
  });
});
