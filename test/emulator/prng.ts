// Small seeded PRNG so fault injection is reproducible for a given arrival order.

/** mulberry32: 32-bit state, good enough for test fault dice, uniform in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Derives an independent stream per call, so per-subscriber dice do not depend on how concurrent handlers interleave. */
export function streamFor(seed: number, callSeq: number): () => number {
  return mulberry32((Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(callSeq >>> 0, 0x85ebca6b)) >>> 0);
}
