/** Wall time of one call, in ms. */
function timeOnce(fn: () => unknown): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * Median times of a measured function and its baseline, run in turns so
 * that whatever else the machine does weighs on both alike.
 */
export function timeAgainstBaseline(measured: () => unknown, baseline: () => unknown, runs = 31, warmup = 10): { measuredMs: number; baselineMs: number; ratio: number } {
  for (let i = 0; i < warmup; i++) {
    measured();
    baseline();
  }
  const measuredTimes: number[] = [];
  const baselineTimes: number[] = [];
  for (let i = 0; i < runs; i++) {
    measuredTimes.push(timeOnce(measured));
    baselineTimes.push(timeOnce(baseline));
  }
  const measuredMs = median(measuredTimes);
  const baselineMs = median(baselineTimes);
  return { measuredMs, baselineMs, ratio: measuredMs / baselineMs };
}

export function verdict(ratio: number, target: number): string {
  return ratio <= target ? `within the ${target}× target` : `OVER the ${target}× target`;
}
