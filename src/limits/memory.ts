// The in-process limiter: exact for one process. Quota counters start from the
// stored usage of the month the first time a resource is seen.
import { utcMonthBounds } from '../util/clock.ts';
import type { Admission, LimitRequest, Limiter, QuotaBaseline } from './limiter.ts';
import { retryAfterSeconds, windowStart } from './windows.ts';

interface Window {
  start: number;
  count: number;
}

export class MemoryLimiter implements Limiter {
  private windows = new Map<string, Window>();
  private quotas = new Map<string, Promise<{ used: number }>>();

  constructor(private baseline: QuotaBaseline) {}

  async admit(req: LimitRequest): Promise<Admission> {
    if (!this.takeRateSlot(req)) return { admitted: false, reason: 'rate', retryAfterSeconds: retryAfterSeconds(req.rate, req.now) };
    if (req.monthlyQuota === undefined) return { admitted: true };
    const month = utcMonthBounds(req.now);
    const counter = await this.quotaCounter(req.resourceId, req.meter, month.start, month.end);
    if (counter.used >= req.monthlyQuota) return { admitted: false, reason: 'quota', renewsAt: month.end };
    counter.used++;
    return { admitted: true };
  }

  private takeRateSlot(req: LimitRequest): boolean {
    const start = windowStart(req.rate, req.now);
    const key = `${req.resourceId}|${req.rate.per}`;
    let window = this.windows.get(key);
    if (!window || window.start !== start) {
      window = { start, count: 0 };
      this.windows.set(key, window);
      if (this.windows.size > 50_000) this.pruneWindows(start);
    }
    if (window.count >= req.rate.limit) return false;
    window.count++;
    return true;
  }

  private pruneWindows(current: number): void {
    for (const [key, w] of this.windows) if (w.start < current - 60_000) this.windows.delete(key);
  }

  private quotaCounter(resourceId: string, meter: string, start: number, end: number): Promise<{ used: number }> {
    const key = `${resourceId}|${meter}|${start}`;
    let counter = this.quotas.get(key);
    if (!counter) {
      counter = this.baseline(resourceId, meter, start, end).then((used) => ({ used }));
      counter.catch(() => this.quotas.delete(key));
      this.quotas.set(key, counter);
    }
    return counter;
  }

  async close(): Promise<void> {}
}
