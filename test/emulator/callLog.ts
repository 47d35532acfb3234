// Records of every request and the burst measure benchmarks assert on.
import type { CallRecord } from './types';

/** Max number of times in any half-open window [t, t + windowMs); `times` may be unsorted. */
export function maxArrivalsInWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let end = 0;
  // The busiest window can always be moved to start at some arrival, so only those starts are checked.
  for (let start = 0; start < sorted.length; start++) {
    if (end < start) end = start;
    while (end < sorted.length && (sorted[end] as number) < (sorted[start] as number) + windowMs) end++;
    best = Math.max(best, end - start);
  }
  return best;
}

export function maxCallsInWindow(calls: CallRecord[], windowMs = 1000, filter?: (c: CallRecord) => boolean): number {
  const selected = filter ? calls.filter(filter) : calls;
  return maxArrivalsInWindow(selected.map((c) => c.atMs), windowMs);
}
