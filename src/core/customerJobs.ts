import type { Cell } from './cells';

/**
 * QuickBooks writes a job as "Customer:Job" in the customer column ("Cook,
 * Brian:2nd story addition"; jobs nest, "A:B:C"): one customer, whose
 * invoices are each for a job. A name may hold a ':' of its own ("Re: Acme",
 * "Studio 5:2"), so the name is split on its first ':' only when
 *  - the ':' has no space on either side and text on both, as QuickBooks
 *    writes it, and
 *  - the book shows it is QuickBooks' customer:job list: its header has
 *    QuickBooks' "Open Balance" and "Num" columns, or another customer of the
 *    book has the same part before the ':' (the customer itself, or another
 *    of its jobs).
 * A lone "Studio 5:2" in a book not from QuickBooks stays as typed.
 */
const JOB = /^([^:]*\S):(\S.*)$/s;

export interface CustomerJob {
  customer: string;
  job: string;
}

/** How names are split in this book: null when none is. */
export type JobSplitter = ((name: string) => CustomerJob | null) | null;

/** Decides, once per table, which names are a QuickBooks customer:job. */
export function jobSplitter(header: readonly Cell[], customerColumn: number, rows: readonly (readonly Cell[])[], firstDataRow: number): JobSplitter {
  const split = (name: string): CustomerJob | null => {
    const match = name.indexOf(':') < 0 ? null : JOB.exec(name);
    return match ? { customer: match[1], job: match[2] } : null;
  };
  if (isQuickBooksHeader(header)) return split;
  if (customerColumn < 0) return null;
  // Only a parent of a name with a ':' can be split: most books have none, and then one look a row is all it costs.
  const parents = new Set<string>();
  for (let index = firstDataRow; index < rows.length; index++) {
    const cell = rows[index][customerColumn];
    if (typeof cell !== 'string' || cell.indexOf(':') < 0) continue;
    const parts = split(cell.trim());
    if (parts) parents.add(parts.customer);
  }
  if (parents.size === 0) return null;
  // Parents named twice: by two names that differ after the ':', or by a job and the customer alone.
  const seen = new Map<string, string>();
  const shared = new Set<string>();
  for (let index = firstDataRow; index < rows.length; index++) {
    const cell = rows[index][customerColumn];
    if (typeof cell !== 'string' || cell === '') continue;
    const name = cell.trim();
    const parts = split(name);
    const parent = parts ? parts.customer : name;
    if (!parents.has(parent)) continue;
    const before = seen.get(parent);
    if (before === undefined) seen.set(parent, name);
    else if (before !== name) shared.add(parent);
  }
  if (shared.size === 0) return null;
  return (name) => {
    const parts = split(name);
    return parts && shared.has(parts.customer) ? parts : null;
  };
}

/** QuickBooks' report columns: "Num" and "Open Balance" side by side in one header. */
function isQuickBooksHeader(header: readonly Cell[]): boolean {
  const names = new Set(header.map((cell) => (typeof cell === 'string' ? cell.trim().toLowerCase() : '')));
  return names.has('num') && names.has('open balance');
}

/** The name as the book wrote it ("Cook, Brian:2nd story addition"): what the reminder log's keys were made of before jobs were split. */
export function fullCustomerName(customer: string, job: string): string {
  return job ? `${customer}:${job}` : customer;
}
