// Latency beside usage (issue #15): each admitted call's latency is stored with
// the usage, per day, in the buckets /metrics uses, so the console's usage API
// gives each day's average and 95th percentile; on SQLite and on PostgreSQL.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../src/util/clock.ts';
import { ABOVE_ALL_BUCKETS_MS, bucketQuantile, latencyBucket } from '../../src/metrics/latency.ts';
import { aggregateLatency, type MeteredCall } from '../../src/gateway/metering.ts';
import { dayLatency } from '../../src/resources/usage.ts';
import { startTestServer, newAccount, type TestServer } from '../support/server.ts';
import { echoService } from '../support/echo-service.ts';
import { createTestDatabase, type TestDatabase } from '../support/postgres.ts';

const call = (latencyMs: number, admitted = true, at = Date.UTC(2026, 6, 1, 10)): MeteredCall =>
  ({ resourceId: 'r1', at, meter: 'vision', operation: 'vision.analyze', keySlot: 1, status: 200, admitted, latencyMs });

describe('latency buckets', () => {
  it('puts a latency in the first bucket whose bound it does not exceed, and above the last in +Inf', () => {
    assert.equal(latencyBucket(0.3), 5);
    assert.equal(latencyBucket(5), 5);
    assert.equal(latencyBucket(5.01), 10);
    assert.equal(latencyBucket(60_000), ABOVE_ALL_BUCKETS_MS);
  });

  it('interpolates the 95th percentile within its bucket, and gives the largest bound in +Inf', () => {
    assert.equal(bucketQuantile(0.95, new Map()), null);
    // 100 calls: 90 up to 10 ms, 10 in (10, 25]: rank 95 is half-way into the second bucket.
    assert.equal(bucketQuantile(0.95, new Map([[10, 90], [25, 10]])), 17.5);
    assert.equal(bucketQuantile(0.95, new Map([[5, 1], [ABOVE_ALL_BUCKETS_MS, 99]])), 10000);
  });

  it('sums a batch\'s admitted calls per resource, day, operation and bucket; refused calls have no latency row', () => {
    const rows = aggregateLatency([call(3), call(4), call(40), call(1, false), call(2, true, Date.UTC(2026, 6, 2))], 'w');
    assert.deepEqual(rows.map((r) => [r.day, r.le_ms, r.calls, r.latency_ms]), [['2026-07-01', 5, 2, 7], ['2026-07-01', 50, 1, 40], ['2026-07-02', 5, 1, 2]]);
  });

  it('gives a day\'s average and p95 over its buckets', () => {
    assert.deepEqual(dayLatency([{ day: 'd', le_ms: 10, calls: 90, latency_ms: 450 }, { day: 'd', le_ms: 25, calls: 10, latency_ms: 150 }]), { calls: 100, averageMs: 6, p95Ms: 17.5 });
    assert.deepEqual(dayLatency([]), { calls: 0, averageMs: null, p95Ms: null });
  });
});

for (const store of ['SQLite', 'PostgreSQL'] as const) {
  describe(`the usage API's latency on ${store}`, () => {
    const clock = new ManualClock(Date.UTC(2026, 6, 1, 10, 0, 0));
    let server: TestServer;
    let database: TestDatabase | undefined;
    let token: string;

    before(async () => {
      database = store === 'PostgreSQL' ? await createTestDatabase() : undefined;
      server = await startTestServer({ clock, databaseUrl: database?.url, services: [echoService({ accepts: ['ComputerVision'], meter: 'vision' })] });
      token = (await newAccount(server)).token;
    });
    after(async () => {
      await server?.close();
      await database?.drop();
    });

    it('reports per day the admitted calls\' count, average and p95 latency beside the calls, and null on days without', async () => {
      const created = await server.api('POST', '/api/resources', { name: 'timed', kind: 'ComputerVision', tier: 'F0', region: 'westus' }, token);
      assert.equal(created.status, 201);
      const key = created.body.key1 as string;
      for (let i = 0; i < 20; i++) assert.equal((await server.fetch('/test/echo', { headers: { 'Ocp-Apim-Subscription-Key': key } })).status, 200);
      assert.equal((await server.fetch('/test/echo', { headers: { 'Ocp-Apim-Subscription-Key': key } })).status, 429, 'F0 allows 20 a minute');
      const usage = await server.api('GET', '/api/resources/timed/usage?from=2026-06-30&to=2026-07-01', undefined, token);
      assert.equal(usage.status, 200, JSON.stringify(usage.body));
      const [before_, today] = usage.body.days;
      assert.deepEqual(before_.latency, { calls: 0, averageMs: null, p95Ms: null });
      assert.equal(today.calls, 21);
      assert.equal(today.latency.calls, 20, 'the refused call is not timed');
      assert.ok(today.latency.averageMs > 0 && today.latency.averageMs < 10_000, `average ${today.latency.averageMs}`);
      assert.ok(today.latency.p95Ms > 0 && today.latency.p95Ms <= 10_000, `p95 ${today.latency.p95Ms}`);
    });
  });
}
