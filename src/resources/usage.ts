// The usage series the portal charts and the CLI prints: per UTC day, calls by
// status class, gateway refusals and operation; and this month's quota use.
import type { Kysely } from 'kysely';
import type { Catalog } from '../catalog/catalog.ts';
import type { Database } from '../store/schema.ts';
import { admittedCalls, latencyRows, usageRows, type LatencyRow, type UsageRow } from '../store/repos/usage.ts';
import { bucketQuantile } from '../metrics/latency.ts';
import { DAY_MS, utcDay, utcMonthBounds, type Clock } from '../util/clock.ts';
import type { Resource } from './resource.ts';

export interface UsageDay {
  day: string;
  calls: number;
  statusClasses: Record<'2xx' | '3xx' | '4xx' | '5xx', number>;
  /** Calls the gateway refused with 429 (rate limit). */
  rateLimited: number;
  /** Calls the gateway refused with 403 (monthly quota or expiry). */
  quotaExceeded: number;
  operations: Record<string, number>;
  /** Latency of the day's admitted calls (to the reply being ready), in ms; null without any. */
  latency: DayLatency;
}

export interface DayLatency {
  /** Admitted calls whose latency was measured. */
  calls: number;
  averageMs: number | null;
  /** 95th percentile, interpolated within its latency bucket (as Prometheus' histogram_quantile). */
  p95Ms: number | null;
}

export interface QuotaUse {
  meter: string;
  used: number;
  limit: number;
  renewsAt: string;
}

export interface UsageReport {
  from: string;
  to: string;
  days: UsageDay[];
  quotas: QuotaUse[];
}

export function emptyDay(day: string): UsageDay {
  return { day, calls: 0, statusClasses: { '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0 }, rateLimited: 0, quotaExceeded: 0, operations: {}, latency: { calls: 0, averageMs: null, p95Ms: null } };
}

type LatencyBucketRow = Pick<LatencyRow, 'day' | 'le_ms' | 'calls' | 'latency_ms'>;

/** One day's latency from its buckets (over all operations). */
export function dayLatency(rows: LatencyBucketRow[]): DayLatency {
  const counts = new Map<number, number>();
  let calls = 0;
  let sum = 0;
  for (const row of rows) {
    const n = Number(row.calls);
    counts.set(row.le_ms, (counts.get(row.le_ms) ?? 0) + n);
    calls += n;
    sum += Number(row.latency_ms);
  }
  const round = (ms: number | null) => (ms === null ? null : Math.round(ms * 100) / 100);
  return { calls, averageMs: calls ? round(sum / calls) : null, p95Ms: round(bucketQuantile(0.95, counts)) };
}

/** Folds stored usage rows into one entry per day from `from` to `to`, zero days included. */
export function foldUsage(rows: UsageRow[], from: string, to: string, latency: LatencyBucketRow[] = []): UsageDay[] {
  const days = new Map<string, UsageDay>();
  for (let t = Date.parse(from); t <= Date.parse(to); t += DAY_MS) days.set(utcDay(t), emptyDay(utcDay(t)));
  for (const row of rows) {
    const day = days.get(row.day);
    if (!day) continue;
    const calls = Number(row.calls);
    day.calls += calls;
    const statusClass = `${Math.floor(row.status / 100)}xx` as keyof UsageDay['statusClasses'];
    if (statusClass in day.statusClasses) day.statusClasses[statusClass] += calls;
    if (!row.admitted && row.status === 429) day.rateLimited += calls;
    if (!row.admitted && row.status === 403) day.quotaExceeded += calls;
    day.operations[row.operation] = (day.operations[row.operation] ?? 0) + calls;
  }
  const latencyByDay = new Map<string, LatencyBucketRow[]>();
  for (const row of latency) latencyByDay.set(row.day, [...(latencyByDay.get(row.day) ?? []), row]);
  for (const [date, dayRows] of latencyByDay) {
    const day = days.get(date);
    if (day) day.latency = dayLatency(dayRows);
  }
  return [...days.values()];
}

export class UsageService {
  constructor(private db: Kysely<Database>, private catalog: Catalog, private clock: Clock) {}

  async report(resource: Resource, from: string, to: string): Promise<UsageReport> {
    const [rows, latency] = await Promise.all([usageRows(this.db, resource.id, from, to), latencyRows(this.db, resource.id, from, to)]);
    const month = utcMonthBounds(this.clock.now());
    const tier = this.catalog.tier(resource.kind, resource.tier);
    const quotas = await Promise.all(Object.entries(tier?.monthlyQuota ?? {}).map(async ([meter, limit]) => ({
      meter,
      limit,
      used: await admittedCalls(this.db, resource.id, meter, utcDay(month.start), utcDay(month.end - 1)),
      renewsAt: new Date(month.end).toISOString(),
    })));
    return { from, to, days: foldUsage(rows, from, to, latency), quotas };
  }

  /** The default window: the last 30 days up to today (UTC). */
  defaultRange(): { from: string; to: string } {
    const now = this.clock.now();
    return { from: utcDay(now - 29 * DAY_MS), to: utcDay(now) };
  }
}
