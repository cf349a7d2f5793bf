// The in-process limiter: exact for one process. Quota counters start from the
// stored usage of the month the first time a resource is seen.
import { utcMonthBounds } from '../util/clock.ts';
import type { Admission, LimitRequest, Limiter, QuotaBaseline } from './limiter.ts';
import { retryAfterSeconds, windowStart } from './windows.ts';

interface QuotaCounter {
  used: number;
}

function quotaKey(resourceId: string, meter: string, monthStart: number): string {
  return `${resourceId}|${meter}|${monthStart}`;
}

interface Window {
  start: number;
  count: number;
}

export class MemoryLimiter implements Limiter {
  private windows = new Map<string, Window>();
  private quotas = new Map<string, Promise<QuotaCounter>>();
  /** The counters whose baseline has arrived, for deciding without waiting. */
  private loaded = new Map<string, QuotaCounter>();
  private newestMonth = 0;

  constructor(private baseline: QuotaBaseline) {}

  admitNow(req: LimitRequest): Admission | undefined {
    if (req.monthlyQuota === undefined) return this.decide(req, undefined);
    const counter = this.loaded.get(quotaKey(req.resourceId, req.meter, utcMonthBounds(req.now).start));
    return counter && this.decide(req, counter);
  }

  async admit(req: LimitRequest): Promise<Admission> {
    const now = this.admitNow(req);
    if (now) return now;
    const month = utcMonthBounds(req.now);
    return this.decide(req, await this.quotaCounter(req.resourceId, req.meter, month.start, month.end));
  }

  private decide(req: LimitRequest, counter: QuotaCounter | undefined): Admission {
    if (!this.takeRateSlot(req)) return { admitted: false, reason: 'rate', retryAfterSeconds: retryAfterSeconds(req.rate, req.now) };
    if (!counter || req.monthlyQuota === undefined) return { admitted: true };
    if (counter.used >= req.monthlyQuota) return { admitted: false, reason: 'quota', renewsAt: utcMonthBounds(req.now).end };
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

  private quotaCounter(resourceId: string, meter: string, start: number, end: number): Promise<QuotaCounter> {
    if (start > this.newestMonth) this.startMonth(start);
    const key = quotaKey(resourceId, meter, start);
    let counter = this.quotas.get(key);
    if (!counter) {
      counter = this.baseline(resourceId, meter, start, end).then((used) => {
        const loaded = { used };
        this.loaded.set(key, loaded);
        return loaded;
      });
      counter.catch(() => this.quotas.delete(key));
      this.quotas.set(key, counter);
    }
    return counter;
  }

  /** A new month began: the counters of earlier months are no longer needed (a late call re-reads its baseline). */
  private startMonth(start: number): void {
    this.newestMonth = start;
    const earlier = (key: string) => Number(key.slice(key.lastIndexOf('|') + 1)) < start;
    for (const key of this.quotas.keys()) if (earlier(key)) this.quotas.delete(key);
    for (const key of this.loaded.keys()) if (earlier(key)) this.loaded.delete(key);
  }

  async close(): Promise<void> {}
}
