// Turns the usage series of GET /api/resources/{name}/usage into what the
// chart draws: one bar per UTC day of the window (days without calls count as
// zero, so the x axis never skips), with answers split into the stacks the user
// cares about: served, refused by the rate limit (429), refused by the quota (403).
import type { Usage, UsageDay } from '../api/types.ts';

export type ChartDay = {
  date: string;
  label: string;
  served: number;
  rateLimited: number;
  quotaExceeded: number;
  otherErrors: number;
  total: number;
  /** Admitted calls timed that day, their average and 95th-percentile latency (ms); null without any. */
  timedCalls: number;
  averageMs: number | null;
  p95Ms: number | null;
};

export type QuotaBar = {
  used: number;
  limit: number;
  percent: number;
};

const DAY_MS = 86_400_000;

export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The last `days` UTC days, ending with today. */
export function lastDays(today: Date, days = 30): { from: string; to: string } {
  const end = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  return { from: isoDay(new Date(end - (days - 1) * DAY_MS)), to: isoDay(new Date(end)) };
}

export function daysBetween(from: string, to: string): string[] {
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  if (Number.isNaN(start) || Number.isNaN(end) || end < start) return [];
  const out: string[] = [];
  for (let t = start; t <= end; t += DAY_MS) out.push(isoDay(new Date(t)));
  return out;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function shortDate(day: string): string {
  const [, month, date] = day.split('-').map(Number);
  return `${MONTHS[month - 1]} ${date}`;
}

function safe(n: unknown): number {
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : 0;
}

function latencyMs(n: unknown): number | null {
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : null;
}

export function shapeUsage(usage: Pick<Usage, 'days'>, from: string, to: string): ChartDay[] {
  const byDate = new Map<string, UsageDay>();
  for (const day of usage.days) byDate.set(day.day.slice(0, 10), day);
  return daysBetween(from, to).map((date) => {
    const day = byDate.get(date);
    const served = safe(day?.statusClasses?.['2xx']);
    const rateLimited = safe(day?.rateLimited);
    const quotaExceeded = safe(day?.quotaExceeded);
    const total = Math.max(safe(day?.calls), served + rateLimited + quotaExceeded);
    return {
      date,
      label: shortDate(date),
      served,
      rateLimited,
      quotaExceeded,
      otherErrors: total - served - rateLimited - quotaExceeded,
      total,
      timedCalls: safe(day?.latency?.calls),
      averageMs: latencyMs(day?.latency?.averageMs),
      p95Ms: latencyMs(day?.latency?.p95Ms),
    };
  });
}

/** A quota's use as a bar; null when there is no cap. */
export function quotaBar(used: number, limit: number | null | undefined): QuotaBar | null {
  if (limit === null || limit === undefined || !(limit > 0)) return null;
  const safeUsed = Math.max(0, used);
  return { used: safeUsed, limit, percent: Math.min(100, (safeUsed / limit) * 100) };
}

/** The window's average latency: the days' averages weighted by their timed calls; null without any. */
export function averageLatency(days: ChartDay[]): number | null {
  let calls = 0;
  let sum = 0;
  for (const d of days) {
    if (d.averageMs === null || d.timedCalls === 0) continue;
    calls += d.timedCalls;
    sum += d.averageMs * d.timedCalls;
  }
  return calls ? sum / calls : null;
}

/** A latency as shown: "4.2 ms", "—" when there is none. */
export function formatLatency(ms: number | null): string {
  if (ms === null) return '—';
  return `${ms < 10 ? ms.toFixed(1) : Math.round(ms).toLocaleString('en-US')} ms`;
}

export function totals(days: ChartDay[]): Pick<ChartDay, 'served' | 'rateLimited' | 'quotaExceeded' | 'otherErrors' | 'total'> {
  return days.reduce(
    (sum, d) => ({
      served: sum.served + d.served,
      rateLimited: sum.rateLimited + d.rateLimited,
      quotaExceeded: sum.quotaExceeded + d.quotaExceeded,
      otherErrors: sum.otherErrors + d.otherErrors,
      total: sum.total + d.total,
    }),
    { served: 0, rateLimited: 0, quotaExceeded: 0, otherErrors: 0, total: 0 },
  );
}

/**
 * This month's use of the tier's quota: the server's count of admitted calls
 * for the metered quota; null when the tier has no monthly cap.
 */
export function monthQuota(usage: Pick<Usage, 'quotas'>): QuotaBar | null {
  const quota = usage.quotas?.[0];
  return quota ? quotaBar(quota.used, quota.limit) : null;
}
