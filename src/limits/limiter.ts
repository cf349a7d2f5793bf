// Rate limits and monthly quotas behind one interface: the in-process limiter
// serves one node; a Redis limiter (scale-out) serves many with the same rules.
import type { Rate } from '../catalog/catalog.ts';

export interface LimitRequest {
  /** Both keys of a resource share its limits. */
  resourceId: string;
  rate: Rate;
  meter: string;
  /** Calls a calendar month on this meter; undefined means no quota (metered only). */
  monthlyQuota?: number;
  now: number;
}

export type Admission =
  | { admitted: true }
  | { admitted: false; reason: 'rate'; retryAfterSeconds: number }
  | { admitted: false; reason: 'quota'; renewsAt: number };

export interface Limiter {
  /** Counts the call against the rate window, then the monthly quota; a refused call consumes no quota. */
  admit(request: LimitRequest): Promise<Admission>;
  /**
   * The same decision without waiting, when the limiter can make it from what
   * it holds in memory; undefined (and nothing counted) when it cannot.
   */
  admitNow?(request: LimitRequest): Admission | undefined;
  close(): Promise<void>;
}

/** How many calls a resource has already used on a meter this month (from stored usage). */
export type QuotaBaseline = (resourceId: string, meter: string, monthStart: number, monthEnd: number) => Promise<number>;
