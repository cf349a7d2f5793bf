// The Redis limiter: the same rules as the in-process one, enforced for every
// process that shares a database, with one atomic script per call. While Redis
// is unreachable the configured failure mode decides: fail-open limits each
// process on its own (and raises the shared counters to the stored usage when
// Redis is back); fail-closed refuses calls with a 503.
import type { RedisFailureMode } from '../config.ts';
import { rateWindowMs } from '../catalog/catalog.ts';
import { ApiError } from '../http/errors.ts';
import { utcMonthBounds } from '../util/clock.ts';
import type { Admission, LimitRequest, Limiter, QuotaBaseline } from './limiter.ts';
import { MemoryLimiter } from './memory.ts';
import { retryAfterSeconds, windowStart } from './windows.ts';
import type { RedisLink } from './redis-connection.ts';
import { quotaKey, rateKey } from './redis-keys.ts';
import { ADMITTED, NEEDS_SEED, QUOTA_REFUSED, RATE_REFUSED, limitScripts, type LimitScripts } from './redis-scripts.ts';

/** Quota counters outlive their month by a week, so late calls near midnight still find them. */
const QUOTA_TTL_AFTER_MONTH_MS = 7 * 86_400_000;

export interface RedisLimiterOptions {
  link: RedisLink;
  prefix: string;
  failureMode: RedisFailureMode;
  /** Calls already admitted this month, from stored usage. */
  baseline: QuotaBaseline;
  /** Waits until this process's metered calls are stored (before reading usage to reconcile). */
  settled?: () => Promise<void>;
  /** Closes what shares the connection (the change bus's subscriber). */
  onClose?: () => void;
}

export const limiterUnavailable = () => new ApiError(503, 'ServiceUnavailable',
  'The shared rate limiter (Redis) is unreachable and this server is set to fail closed ' +
  '(PORTICO_REDIS_FAILURE_MODE=fail-closed), so the call was not served. Retry in a moment.',
  {}, { 'Retry-After': '1' });

/** A month's quota counter that calls were admitted against while Redis was away. */
interface TouchedQuota {
  resourceId: string;
  meter: string;
  month: { start: number; end: number };
}

/** Rate windows counted locally during an outage, to add to Redis if still current. */
interface LocalWindow {
  key: string;
  end: number;
  windowMs: number;
  count: number;
}

export class RedisLimiter implements Limiter {
  private scripts: LimitScripts;
  /** Limits this process alone while Redis is unreachable (fail-open). */
  private local: MemoryLimiter | undefined;
  private touchedQuotas = new Map<string, TouchedQuota>();
  private localWindows = new Map<string, LocalWindow>();
  private seeding = new Map<string, Promise<number>>();

  constructor(private options: RedisLimiterOptions) {
    this.scripts = limitScripts(options.link.client);
    options.link.onHealth({
      recovered: () => this.handBack(),
      down: () => undefined,
    });
  }

  async admit(req: LimitRequest): Promise<Admission> {
    const link = this.options.link;
    if (link.isUp) {
      try {
        return await this.admitShared(req);
      } catch (err) {
        link.markDown((err as Error).message);
      }
    }
    return this.admitWhileDown(req);
  }

  private async admitShared(req: LimitRequest): Promise<Admission> {
    const { prefix } = this.options;
    const start = windowStart(req.rate, req.now);
    const keys = [rateKey(prefix, req.resourceId, req.rate, start)];
    const month = utcMonthBounds(req.now);
    if (req.monthlyQuota !== undefined) keys.push(quotaKey(prefix, req.resourceId, req.meter, month.start));
    const args = [req.rate.limit, rateWindowMs(req.rate) * 2, req.monthlyQuota ?? 0, month.end - req.now + QUOTA_TTL_AFTER_MONTH_MS];
    const link = this.options.link;
    let result = await link.answer(this.scripts.admit(keys, [...args, '']));
    if (result === NEEDS_SEED) {
      const used = await this.storedUsage(keys[1], req.resourceId, req.meter, month);
      result = await link.answer(this.scripts.admit(keys, [...args, String(used)]));
    }
    return this.admission(result, req, month.end);
  }

  /** One read of stored usage per missing counter, however many calls arrive at once. */
  private storedUsage(counter: string, resourceId: string, meter: string, month: { start: number; end: number }): Promise<number> {
    let reading = this.seeding.get(counter);
    if (!reading) {
      reading = this.options.baseline(resourceId, meter, month.start, month.end);
      this.seeding.set(counter, reading);
      const forget = () => { this.seeding.delete(counter); };
      reading.then(forget, forget);
    }
    return reading;
  }

  private admission(result: number, req: LimitRequest, monthEnd: number): Admission {
    switch (result) {
      case ADMITTED: return { admitted: true };
      case RATE_REFUSED: return { admitted: false, reason: 'rate', retryAfterSeconds: retryAfterSeconds(req.rate, req.now) };
      case QUOTA_REFUSED: return { admitted: false, reason: 'quota', renewsAt: monthEnd };
      default: throw new Error(`unexpected answer ${result} from the Redis admit script`);
    }
  }

  private async admitWhileDown(req: LimitRequest): Promise<Admission> {
    if (this.options.failureMode === 'fail-closed') throw limiterUnavailable();
    this.local ??= new MemoryLimiter(this.options.baseline);
    const admission = await this.local.admit(req);
    const refusedByRate = !admission.admitted && admission.reason === 'rate';
    if (!refusedByRate) this.countLocalWindow(req);
    if (req.monthlyQuota !== undefined) {
      const month = utcMonthBounds(req.now);
      this.touchedQuotas.set(`${req.resourceId}|${req.meter}|${month.start}`, { resourceId: req.resourceId, meter: req.meter, month });
    }
    return admission;
  }

  private countLocalWindow(req: LimitRequest): void {
    const start = windowStart(req.rate, req.now);
    const key = rateKey(this.options.prefix, req.resourceId, req.rate, start);
    const windowMs = rateWindowMs(req.rate);
    const window = this.localWindows.get(key);
    if (window) window.count++;
    else this.localWindows.set(key, { key, end: start + windowMs, windowMs, count: 1 });
  }

  /**
   * Redis is back: add this process's calls in still-open rate windows, and
   * raise each touched month's counter to the stored usage (which holds every
   * process's calls from the outage). Only then does Redis decide again.
   */
  private async handBack(): Promise<void> {
    const client = this.options.link.client;
    if (this.localWindows.size || this.touchedQuotas.size) await this.options.settled?.();
    while (this.localWindows.size || this.touchedQuotas.size) {
      const windows = [...this.localWindows.values()];
      const quotas = [...this.touchedQuotas.entries()];
      this.localWindows.clear();
      this.touchedQuotas.clear();
      let handedBack = 0;
      try {
        const now = Date.now();
        const pipeline = client.pipeline();
        for (const w of windows) if (w.end > now) pipeline.incrby(w.key, w.count).pexpire(w.key, w.windowMs * 2);
        if (pipeline.length) await pipeline.exec();
        windows.length = 0;
        for (const [, q] of quotas) {
          const stored = await this.options.baseline(q.resourceId, q.meter, q.month.start, q.month.end);
          await this.scripts.raiseToStored(quotaKey(this.options.prefix, q.resourceId, q.meter, q.month.start), stored, q.month.end - now + QUOTA_TTL_AFTER_MONTH_MS);
          handedBack++;
        }
      } catch (err) {
        // Keep what was not handed back for the next recovery; until then this process limits on its own.
        for (const w of windows) this.localWindows.set(w.key, w);
        for (const [key, q] of quotas.slice(handedBack)) this.touchedQuotas.set(key, q);
        throw err;
      }
    }
    // The next outage starts from fresh stored usage, not from this one's counters.
    this.local = undefined;
  }

  async close(): Promise<void> {
    this.options.onClose?.();
    await this.options.link.close();
  }
}
