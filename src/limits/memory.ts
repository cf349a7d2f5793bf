// The in-process limiter: exact for one process. Quota counters start from the
// stored usage of the month the first time a resource is seen.
//
// It sits on every gateway call, so its state is one small record per resource,
// found by the resource's id (an interned string, so no key is built per call),
// and the month's bounds are worked out once a month rather than per call.
import type { Rate } from '../catalog/catalog.ts';
import { utcMonthBounds } from '../util/clock.ts';
import type { Admission, LimitRequest, Limiter, QuotaBaseline } from './limiter.ts';
import { retryAfterSeconds, windowStart } from './windows.ts';

interface QuotaCounter {
  used: number;
}

/** One meter's counter for one month; `loaded` is set once the baseline has arrived. */
interface MonthlyCount {
  monthStart: number;
  counter: Promise<QuotaCounter>;
  loaded?: QuotaCounter;
}

interface ResourceLimits {
  window: { per: Rate['per']; start: number; count: number };
  quotas: Map<string, MonthlyCount>;
}

/** Past this many resources, those idle for a minute are forgotten (their quota re-reads its baseline). */
const PRUNE_ABOVE = 50_000;

export class MemoryLimiter implements Limiter {
  private resources = new Map<string, ResourceLimits>();
  private month = { start: 0, end: 0 };

  constructor(private baseline: QuotaBaseline) {}

  admitNow(req: LimitRequest): Admission | undefined {
    const limits = this.limitsOf(req);
    if (req.monthlyQuota === undefined) return this.decide(req, limits, undefined);
    const count = limits.quotas.get(req.meter);
    const loaded = count && count.monthStart === this.monthOf(req.now).start ? count.loaded : undefined;
    return loaded && this.decide(req, limits, loaded);
  }

  async admit(req: LimitRequest): Promise<Admission> {
    const now = this.admitNow(req);
    if (now) return now;
    const counter = await this.quotaCounter(req.resourceId, this.limitsOf(req), req.meter, this.monthOf(req.now));
    return this.decide(req, this.limitsOf(req), counter);
  }

  private decide(req: LimitRequest, limits: ResourceLimits, counter: QuotaCounter | undefined): Admission {
    if (!this.takeRateSlot(req, limits)) return { admitted: false, reason: 'rate', retryAfterSeconds: retryAfterSeconds(req.rate, req.now) };
    if (!counter || req.monthlyQuota === undefined) return { admitted: true };
    if (counter.used >= req.monthlyQuota) return { admitted: false, reason: 'quota', renewsAt: this.monthOf(req.now).end };
    counter.used++;
    return { admitted: true };
  }

  private limitsOf(req: LimitRequest): ResourceLimits {
    let limits = this.resources.get(req.resourceId);
    if (!limits) {
      if (this.resources.size >= PRUNE_ABOVE) this.prune(req.now);
      limits = { window: { per: req.rate.per, start: -1, count: 0 }, quotas: new Map() };
      this.resources.set(req.resourceId, limits);
    }
    return limits;
  }

  private takeRateSlot(req: LimitRequest, { window }: ResourceLimits): boolean {
    const start = windowStart(req.rate, req.now);
    if (window.start !== start || window.per !== req.rate.per) {
      window.per = req.rate.per;
      window.start = start;
      window.count = 0;
    }
    if (window.count >= req.rate.limit) return false;
    window.count++;
    return true;
  }

  /** The calendar month (UTC) holding `now`, recomputed only when `now` leaves the one last asked for. */
  private monthOf(now: number): { start: number; end: number } {
    if (now < this.month.start || now >= this.month.end) this.month = utcMonthBounds(now);
    return this.month;
  }

  /** This month's counter, read from stored usage on first sight; a counter of an earlier month is replaced. */
  private quotaCounter(resourceId: string, limits: ResourceLimits, meter: string, month: { start: number; end: number }): Promise<QuotaCounter> {
    const existing = limits.quotas.get(meter);
    if (existing && existing.monthStart === month.start) return existing.counter;
    const count: MonthlyCount = {
      monthStart: month.start,
      counter: this.baseline(resourceId, meter, month.start, month.end).then((used) => (count.loaded = { used })),
    };
    count.counter.catch(() => { if (limits.quotas.get(meter) === count) limits.quotas.delete(meter); });
    limits.quotas.set(meter, count);
    return count.counter;
  }

  private prune(now: number): void {
    for (const [id, limits] of this.resources) if (limits.window.start < now - 60_000) this.resources.delete(id);
  }

  async close(): Promise<void> {}
}
