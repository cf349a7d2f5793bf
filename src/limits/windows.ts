// Pure arithmetic shared by every limiter: fixed windows aligned to the clock.
import { rateWindowMs, type Rate } from '../catalog/catalog.ts';

export function windowStart(rate: Rate, now: number): number {
  const size = rateWindowMs(rate);
  return now - (now % size);
}

/** Whole seconds until the window holding `now` ends (at least 1), for Retry-After. */
export function retryAfterSeconds(rate: Rate, now: number): number {
  const end = windowStart(rate, now) + rateWindowMs(rate);
  return Math.max(1, Math.ceil((end - now) / 1000));
}
