import { describe, expect, it } from 'vitest';
import type { UsageDay } from '../src/api/types.ts';
import { averageLatency, daysBetween, formatLatency, lastDays, monthQuota, quotaBar, shapeUsage, totals } from '../src/usage/shapeUsage.ts';

function day(date: string, parts: Partial<UsageDay>): UsageDay {
  return { day: date, calls: 0, statusClasses: { '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0 }, rateLimited: 0, quotaExceeded: 0, operations: {}, ...parts };
}

describe('the 30-day window', () => {
  it('ends today (UTC) and starts 29 days before', () => {
    expect(lastDays(new Date('2025-03-05T23:30:00Z'))).toEqual({ from: '2025-02-04', to: '2025-03-05' });
  });

  it('walks across month and leap-day boundaries one UTC day at a time', () => {
    expect(daysBetween('2024-02-27', '2024-03-02')).toEqual(['2024-02-27', '2024-02-28', '2024-02-29', '2024-03-01', '2024-03-02']);
  });

  it('is empty when the range is reversed or malformed', () => {
    expect(daysBetween('2024-03-02', '2024-03-01')).toEqual([]);
    expect(daysBetween('yesterday', '2024-03-01')).toEqual([]);
  });
});

describe('chart data from the usage series', () => {
  it('has one bar per day of the window, days without calls at zero', () => {
    const days = shapeUsage({ days: [day('2025-01-02', { calls: 3, statusClasses: { '2xx': 3 } })] }, '2025-01-01', '2025-01-03');
    expect(days.map((d) => [d.date, d.label, d.total])).toEqual([
      ['2025-01-01', 'Jan 1', 0],
      ['2025-01-02', 'Jan 2', 3],
      ['2025-01-03', 'Jan 3', 0],
    ]);
  });

  it('stacks served calls, 429 refusals, 403 refusals and other errors so that they add up to the calls', () => {
    const [d] = shapeUsage({
      days: [day('2025-01-01', { calls: 20, statusClasses: { '2xx': 10, '4xx': 9, '5xx': 1 }, rateLimited: 5, quotaExceeded: 2 })],
    }, '2025-01-01', '2025-01-01');
    expect(d).toMatchObject({ served: 10, rateLimited: 5, quotaExceeded: 2, otherErrors: 3, total: 20 });
    expect(d.served + d.rateLimited + d.quotaExceeded + d.otherErrors).toBe(d.total);
  });

  it('ignores days outside the window and never goes negative on inconsistent counts', () => {
    const days = shapeUsage({
      days: [day('2024-12-31', { calls: 50 }), day('2025-01-01', { calls: 1, statusClasses: { '2xx': 4 }, rateLimited: -2 })],
    }, '2025-01-01', '2025-01-01');
    expect(days).toHaveLength(1);
    expect(days[0]).toMatchObject({ served: 4, rateLimited: 0, otherErrors: 0, total: 4 });
  });

  it('sums the window for the summary line', () => {
    const days = shapeUsage({
      days: [
        day('2025-01-01', { calls: 2, statusClasses: { '2xx': 2 } }),
        day('2025-01-02', { calls: 3, statusClasses: { '2xx': 1, '4xx': 2 }, rateLimited: 2 }),
      ],
    }, '2025-01-01', '2025-01-02');
    expect(totals(days)).toEqual({ served: 3, rateLimited: 2, quotaExceeded: 0, otherErrors: 0, total: 5 });
  });
});

describe("this month's quota bar", () => {
  it('is the share of the monthly limit used', () => {
    expect(quotaBar(2500, 10_000)).toEqual({ used: 2500, limit: 10_000, percent: 25 });
  });

  it('stops at 100% when the quota is overrun', () => {
    expect(quotaBar(12_000, 10_000)?.percent).toBe(100);
  });

  it('is absent for a tier without a monthly cap', () => {
    expect(quotaBar(5, null)).toBeNull();
    expect(monthQuota({ quotas: [] })).toBeNull();
  });

  it("takes the server's count of calls against the quota", () => {
    const bar = monthQuota({ quotas: [{ meter: 'prediction', used: 7, limit: 10_000, renewsAt: '2025-02-01T00:00:00.000Z' }] });
    expect(bar).toMatchObject({ used: 7, limit: 10_000 });
    expect(bar?.percent).toBeCloseTo(0.07);
  });
});

describe('latency beside calls', () => {
  it('carries each day\'s average and p95 latency, null on days without timed calls or from a server without them', () => {
    const days = shapeUsage({ days: [day('2025-01-02', { calls: 4, statusClasses: { '2xx': 4 }, latency: { calls: 4, averageMs: 3.5, p95Ms: 9.25 } })] }, '2025-01-01', '2025-01-02');
    expect(days.map((d) => [d.date, d.timedCalls, d.averageMs, d.p95Ms])).toEqual([
      ['2025-01-01', 0, null, null],
      ['2025-01-02', 4, 3.5, 9.25],
    ]);
  });

  it('averages the window by timed calls, not by days', () => {
    const days = shapeUsage({ days: [
      day('2025-01-01', { calls: 1, latency: { calls: 1, averageMs: 100, p95Ms: 100 } }),
      day('2025-01-02', { calls: 3, latency: { calls: 3, averageMs: 20, p95Ms: 25 } }),
    ] }, '2025-01-01', '2025-01-03');
    expect(averageLatency(days)).toBe(40);
    expect(averageLatency(shapeUsage({ days: [] }, '2025-01-01', '2025-01-02'))).toBeNull();
  });

  it('writes latencies in milliseconds, one decimal below 10 ms, and a dash for none', () => {
    expect(formatLatency(3.456)).toBe('3.5 ms');
    expect(formatLatency(1234.4)).toBe('1,234 ms');
    expect(formatLatency(null)).toBe('—');
  });
});
