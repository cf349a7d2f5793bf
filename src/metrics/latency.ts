// Latency buckets shared by the /metrics histogram and the stored usage, so
// both answer in the same steps, and the quantile estimate over such buckets.

/** Upper bounds (milliseconds, inclusive) of the latency buckets; above the last is the +Inf bucket. */
export const LATENCY_BUCKETS_MS: readonly number[] = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000];

/** The stored `le_ms` of the +Inf bucket (a column cannot hold Infinity). */
export const ABOVE_ALL_BUCKETS_MS = 2_147_483_647;

/** The stored upper bound of the bucket a latency falls in. */
export function latencyBucket(ms: number): number {
  for (const bound of LATENCY_BUCKETS_MS) if (ms <= bound) return bound;
  return ABOVE_ALL_BUCKETS_MS;
}

/**
 * The q-quantile (0 < q < 1) of observations counted per bucket upper bound,
 * interpolated linearly inside its bucket as Prometheus' histogram_quantile
 * does; in the +Inf bucket it is the largest finite bound. Null with no observations.
 */
export function bucketQuantile(q: number, counts: ReadonlyMap<number, number>): number | null {
  const bounds = [...counts.keys()].sort((a, b) => a - b);
  const total = bounds.reduce((n, b) => n + counts.get(b)!, 0);
  if (total === 0) return null;
  const rank = q * total;
  let below = 0;
  for (const bound of bounds) {
    const inBucket = counts.get(bound)!;
    if (below + inBucket >= rank && inBucket > 0) {
      if (bound === ABOVE_ALL_BUCKETS_MS) return LATENCY_BUCKETS_MS[LATENCY_BUCKETS_MS.length - 1];
      const index = LATENCY_BUCKETS_MS.indexOf(bound);
      const lower = index > 0 ? LATENCY_BUCKETS_MS[index - 1] : 0;
      return lower + (bound - lower) * ((rank - below) / inBucket);
    }
    below += inBucket;
  }
  return LATENCY_BUCKETS_MS[LATENCY_BUCKETS_MS.length - 1];
}
