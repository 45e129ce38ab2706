/** Summaries of repeated timings, shared by every benchmark script. */

/** Median and spread of a set of timings, in ms. */
export interface Stats {
  median: number;
  min: number;
  max: number;
  runs: number;
}

/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Median, min and max of `values`, to 0.1 ms. */
export function stats(values: readonly number[]): Stats {
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return { median: round(median(values)), min: round(Math.min(...values)), max: round(Math.max(...values)), runs: values.length };
}
