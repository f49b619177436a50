import { isBlank, type Cell } from './cells';

/** Which date an invoice's age is counted from. */
export type AgingBasis = 'due' | 'invoice';

export const DEFAULT_BUCKET_EDGES: readonly number[] = [30, 60, 90];

/**
 * Bucket edges from a cell ("30,60,90" or "30; 60; 90") or a range of
 * numbers; the default when blank. Edges are whole days, rising.
 * @example parseBucketEdges('15, 45') //=> [15, 45]
 */
export function parseBucketEdges(input: Cell | Cell[][]): number[] {
  const cells: Cell[] = Array.isArray(input) ? input.flat() : [input];
  const parts: string[] = [];
  for (const cell of cells) {
    if (isBlank(cell)) continue;
    if (typeof cell === 'number') parts.push(String(cell));
    else parts.push(...String(cell).split(/[,;\s]+/).filter((part) => part !== ''));
  }
  if (parts.length === 0) return [...DEFAULT_BUCKET_EDGES];
  const edges = parts.map((part) => Number(part));
  const bad = parts.find((_part, i) => !Number.isInteger(edges[i]) || edges[i] < 1);
  if (bad !== undefined) throw new Error(`buckets must be whole numbers of days above 0, like "30,60,90"; found "${bad}"`);
  for (let i = 1; i < edges.length; i++) {
    if (edges[i] <= edges[i - 1]) throw new Error(`buckets must rise, like "30,60,90"; found ${edges.join(',')}`);
  }
  return edges;
}

/** Parses the basis argument: "due" (default) or "invoice". */
export function parseBasis(input: Cell): AgingBasis {
  if (isBlank(input)) return 'due';
  const text = String(input).trim().toLowerCase();
  if (text === 'due' || text === 'due date') return 'due';
  if (text === 'invoice' || text === 'invoice date') return 'invoice';
  throw new Error(`basis must be "due" or "invoice"; found "${String(input)}"`);
}

/**
 * Labels of the age buckets: `1–30`, `31–60`, `61–90`, `90+` for days past
 * due; counted from the invoice date the first starts at 0.
 */
export function bucketLabels(edges: readonly number[], basis: AgingBasis): string[] {
  const labels: string[] = [];
  let start = basis === 'due' ? 1 : 0;
  for (const edge of edges) {
    labels.push(`${start}–${edge}`);
    start = edge + 1;
  }
  labels.push(`${edges[edges.length - 1]}+`);
  return labels;
}

/** The bucket index (0-based) of an age in days; -1 for not yet due. */
export function bucketIndex(ageDays: number, edges: readonly number[], basis: AgingBasis): number {
  if (basis === 'due' && ageDays <= 0) return -1;
  for (let i = 0; i < edges.length; i++) if (ageDays <= edges[i]) return i;
  return edges.length;
}
