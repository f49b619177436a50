import { currencyOfText, type Cell } from '../cells';

/**
 * A pay link: the book's Pay link column, or the policy's template such as
 * https://buy.stripe.com/xyz?amount={{amount}}&currency={{currency}}&ref={{invoices}}.
 * https only, with the host typed out: a value put in (an invoice number any
 * editor can type) never decides where the link goes.
 */

export const PAY_LINK_PLACEHOLDERS = ['amount', 'currency', 'invoices'] as const;
export type PayLinkValues = Record<(typeof PAY_LINK_PLACEHOLDERS)[number], string>;

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
/** https://, a host (and port) typed out, then anything but spaces, quotes and angle brackets. */
const HTTPS_LINK = /^https:\/\/[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*(:\d{1,5})?(?:[/?#][^\s"'<>\\`]*)?$/;

/** Why a pay link template cannot be used; "" when it can. */
export function payLinkTemplateProblem(template: string): string {
  if (template === '') return '';
  if (!template.startsWith('https://')) return 'must start with https://';
  const unknown = [...template.matchAll(PLACEHOLDER)].map((match) => match[1]).filter((name) => !(PAY_LINK_PLACEHOLDERS as readonly string[]).includes(name));
  if (unknown.length) return `can use only {{amount}}, {{currency}} and {{invoices}}, not {{${unknown[0]}}}`;
  // The host before any placeholder: "https://{{invoices}}.example.com" would let a typed invoice number choose the site.
  const host = template.slice('https://'.length).split(/[/?#]/)[0];
  if (host.includes('{')) return 'must name its site before any {{…}}: https://pay.example.com/…';
  if (!HTTPS_LINK.test(template.replace(PLACEHOLDER, 'x'))) return 'must be one web address with no spaces, quotes or angle brackets';
  return '';
}

/** The site a link goes to, lower case, without its port. */
export function linkHost(link: string): string {
  return link.slice('https://'.length).split(/[/?#]/)[0].replace(/:\d+$/, '').toLowerCase();
}

/** The sites typed as people write them ("invoice.stripe.com, paypal.me"): each a host name, lower case. */
export function payLinkSites(text: string): string[] {
  return text.split(/[,;\s]+/).map((site) => site.trim().toLowerCase()).filter(Boolean);
}

/** Why a list of pay link sites cannot be used; "" when it can. */
export function payLinkSitesProblem(text: string): string {
  const bad = payLinkSites(text).find((site) => !/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(site));
  return bad === undefined ? '' : `"${bad}" is not a site such as invoice.stripe.com (no https://, no path)`;
}

/**
 * The sites a Pay link cell may link to: the ones the owner listed, and the
 * template's. A cell any editor can type must not send the owner's customers
 * to a site the owner never approved.
 */
export function approvedPayLinkHosts(template: string, sites: string): Set<string> {
  return new Set([...payLinkSites(sites), ...(template && !payLinkTemplateProblem(template) ? [linkHost(template)] : [])]);
}

/** The template with each value URL-encoded in its place. */
export function fillPayLink(template: string, values: PayLinkValues): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => ((PAY_LINK_PLACEHOLDERS as readonly string[]).includes(name) ? encodeURIComponent(values[name as keyof PayLinkValues]) : whole));
}

/** Why a Pay link cell cannot be used; "" when it can (blank cells are no link). Without `hosts`, any site. */
export function payLinkCellProblem(value: string, hosts?: ReadonlySet<string>): string {
  if (!value.startsWith('https://')) return 'is not an https:// link';
  if (!HTTPS_LINK.test(value)) return 'is not one web address (it has spaces, quotes or angle brackets)';
  if (hosts && !hosts.has(linkHost(value))) return `links to ${linkHost(value)}, not a site the owner approved for pay links (Settings › Payment details by currency › Pay link sites)`;
  return '';
}

/** A button of a reminder: where it goes, and the invoices it pays ([] for all the reminder asks). */
export interface PayButton {
  url: string;
  invoices: string[];
}

/** An invoice a reminder asks to be paid, with its Pay link cell as read ("" for none or one not used). */
export interface AskedInvoice {
  number: string;
  openCents: number;
  link: string;
}

/**
 * The pay buttons of a reminder asking `totalCents` for `invoices`: the
 * invoices' own Pay links (one button per link: a link shared by several
 * invoices is one button); for the invoices without one, the policy's
 * template for what is left of the total (so credit taken off the total is
 * never asked twice); with no links at all, the template for the whole.
 */
export function payButtons(template: string, currency: string, totalCents: number, invoices: readonly AskedInvoice[]): PayButton[] {
  const byLink = new Map<string, string[]>();
  for (const invoice of invoices) if (invoice.link) byLink.set(invoice.link, [...(byLink.get(invoice.link) ?? []), invoice.number]);
  const buttons: PayButton[] = [...byLink].map(([url, numbers]) => ({ url, invoices: numbers }));
  const rest = invoices.filter((invoice) => !invoice.link);
  const restCents = buttons.length ? totalCents - invoices.filter((invoice) => invoice.link).reduce((sum, invoice) => sum + invoice.openCents, 0) : totalCents;
  if (template && rest.length && restCents > 0) {
    const numbers = rest.map((invoice) => invoice.number).filter(Boolean);
    // The ISO code, whatever the table wrote ("RUR", "руб." are RUB).
    const code = /^[A-Z]{3}$/.test(currency) && currency !== 'RUR' ? currency : currencyOfText(currency) || currency;
    const url = fillPayLink(template, { amount: (restCents / 100).toFixed(2), currency: code, invoices: numbers.join(', ') });
    // Only a whole https address goes in an email, whatever an invoice number holds.
    if (!payLinkCellProblem(url)) buttons.push({ url, invoices: buttons.length ? numbers : [] });
  }
  // A button names its invoices unless it alone pays all the email asks.
  const all = buttons.length === 1 && (buttons[0].invoices.length === 0 || buttons[0].invoices.length === invoices.length);
  return all ? [{ url: buttons[0].url, invoices: [] }] : buttons;
}

/**
 * The invoice table's Pay link column, if it has one: each invoice's link
 * when it is a whole https address, and why not when a cell holds
 * something else (named by the sheet's row and the column's header, for the
 * owner; such a cell gives no button).
 */
export function payLinkColumn(rows: readonly (readonly Cell[])[], table: { columns: { payLink?: { index: number; header: string } }; row: ArrayLike<number> }, firstRow: number, hosts: ReadonlySet<string>): { linkOf: (invoice: number) => string; problemOf: (invoice: number) => string | null } {
  const column = table.columns.payLink;
  const cell = (invoice: number): string => {
    if (!column) return '';
    const value = rows[table.row[invoice] - 1]?.[column.index];
    return value === null || value === undefined ? '' : String(value).trim();
  };
  const problemOf = (invoice: number): string | null => {
    const value = cell(invoice);
    const problem = value ? payLinkCellProblem(value, hosts) : '';
    return problem && column ? `row ${table.row[invoice] - 1 + firstRow}, column "${column.header}": "${value.length > 60 ? `${value.slice(0, 60)}…` : value}" ${problem}, so no button links to it` : null;
  };
  return { linkOf: (invoice) => (problemOf(invoice) ? '' : cell(invoice)), problemOf };
}
