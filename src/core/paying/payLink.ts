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

/** The template with each value URL-encoded in its place. */
export function fillPayLink(template: string, values: PayLinkValues): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => ((PAY_LINK_PLACEHOLDERS as readonly string[]).includes(name) ? encodeURIComponent(values[name as keyof PayLinkValues]) : whole));
}

/** Why a Pay link cell cannot be used; "" when it can (blank cells are no link). */
export function payLinkCellProblem(value: string): string {
  if (!value.startsWith('https://')) return 'is not an https:// link';
  if (!HTTPS_LINK.test(value)) return 'is not one web address (it has spaces, quotes or angle brackets)';
  return '';
}
