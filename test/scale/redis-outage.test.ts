// Redis stopped, frozen and started again during load, on a redis-server of
// this test's own: fail-open processes go on serving and limit per process,
// a fail-closed process answers 503 at once, and all return to shared limits
// when Redis is back, without a restart.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startFleet, type Fleet } from './support/fleet.ts';
import { createScaleResource, type PorticoProcess } from './support/processes.ts';
import { count, loadWholeWindows, runLoad, type LoadResult } from './support/load.ts';
import { PrivateRedis } from './support/redis.ts';
import { TIERS } from './support/catalog.ts';
import { quotaKey } from '../../src/limits/redis-keys.ts';
import { utcMonthBounds } from '../../src/util/clock.ts';

let redis: PrivateRedis;
let fleet: Fleet;
let openUrls: string[];
let closedUrl: string;

before(async () => {
  redis = await PrivateRedis.start();
  // Processes 0 and 1 fail open, process 2 fails closed.
  fleet = await startFleet({ size: 3, redisUrl: redis.url, envFor: (i) => ({ PORTICO_REDIS_FAILURE_MODE: i === 2 ? 'fail-closed' : 'fail-open' }) });
  openUrls = fleet.urls.slice(0, 2);
  closedUrl = fleet.urls[2];
});

after(async () => {
  await fleet?.close();
  redis?.resume();
  await redis?.kill();
});

async function call(url: string, key: string): Promise<{ status: number; body: any; ms: number }> {
  const started = Date.now();
  const res = await fetch(`${url}/test/echo`, { headers: { 'Ocp-Apim-Subscription-Key': key } });
  return { status: res.status, body: await res.json(), ms: Date.now() - started };
}

async function untilStatus(url: string, key: string, expected: number, giveUpMs: number): Promise<number> {
  const since = Date.now();
  while (Date.now() - since < giveUpMs) {
    if ((await call(url, key)).status === expected) return Date.now() - since;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no ${expected} from ${url} within ${giveUpMs} ms`);
}

/** How many times a process has said that Redis answers again (after an outage). */
const recoveries = (p: PorticoProcess): number => p.stderr().split('Redis answers again').length - 1;

/** How many times a process has found Redis unreachable. */
const outages = (p: PorticoProcess): number => p.stderr().split('Redis unreachable').length - 1;

async function untilRecovered(processes: PorticoProcess[], before: number[], giveUpMs: number): Promise<number> {
  const since = Date.now();
  while (processes.some((p, i) => recoveries(p) <= before[i])) {
    if (Date.now() - since > giveUpMs) throw new Error(`not every fail-open process recovered within ${giveUpMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return Date.now() - since;
}

/** Loads the fail-open processes over two whole 1 s windows; returns the result. */
async function twoWindows(key: string): Promise<LoadResult> {
  return loadWholeWindows(2, { urls: openUrls, path: '/test/echo', key, connectionsPerUrl: 8 });
}

/** Two windows of one 50/s allowance shared by both processes: at most 100 admitted, and the limit was reached. */
function assertShared(result: LoadResult, when: string): void {
  assert.ok(count(result, 429) > 0, `${when}: the load never reached the limit (${result.requests} calls), nothing to tell`);
  assert.ok(count(result, 200) <= 100 && count(result, 200) >= 95, `${when}: admitted ${count(result, 200)} of a shared 100`);
}

describe('Redis unreachable during load', () => {
  it('stopped: fail-open limits each process on its own, fail-closed answers 503 quickly, and shared limits return when Redis starts again', async (t) => {
    const { key1 } = await createScaleResource(fleet.urls[0], 'outage-rate', TIERS.rate50);
    const shared = await twoWindows(key1);
    t.diagnostic(`before the outage: ${JSON.stringify([...shared.statuses])}`);
    assertShared(shared, 'before the outage');

    async function duringOutage(): Promise<void> {
      const closed = await call(closedUrl, key1);
      assert.equal(closed.status, 503);
      assert.match(closed.body.error.message, /Redis.*unreachable.*fail closed/);
      assert.ok(closed.ms < 500, `the fail-closed answer took ${closed.ms} ms`);
      const [local, closedDuring] = await Promise.all([
        twoWindows(key1),
        runLoad({ urls: [closedUrl], path: '/test/echo', key: key1, connectionsPerUrl: 2, until: Date.now() + 1500 }),
      ]);
      t.diagnostic(`while Redis was down: fail-open ${JSON.stringify([...local.statuses])}, fail-closed ${JSON.stringify([...closedDuring.statuses])}`);
      assert.equal(count(local, 200) + count(local, 429), local.requests, 'fail-open serves: only 200 and 429');
      // Each process grants at most the whole allowance in each window on its
      // own (2 × 2 × 50), so together more than the shared allowance of 100.
      assert.ok(count(local, 200) <= 200 && count(local, 200) > 100, `fail-open admitted ${count(local, 200)}`);
      assert.equal(count(closedDuring, 503), closedDuring.requests);
        // A hang would last the whole run; the bound leaves room for a busy machine.
      assert.ok(Math.max(...closedDuring.latenciesMs) < 1000, `no call hangs (slowest ${Math.max(...closedDuring.latenciesMs)} ms)`);
    }

    const recoveriesBefore = fleet.processes.slice(0, 2).map(recoveries);
    await redis.kill();
    try {
      await duringOutage();
    } finally {
      await redis.start();
    }
    const recoveredAfter = await untilStatus(closedUrl, key1, 200, 5000);
    t.diagnostic(`the fail-closed process served again ${recoveredAfter} ms after Redis started`);
    // The fail-open processes probe on their own, then hand their outage counts back.
    const handedBackAfter = await untilRecovered(fleet.processes.slice(0, 2), recoveriesBefore, 5000);
    t.diagnostic(`the fail-open processes shared limits again ${handedBackAfter} ms after that`);
    const again = await twoWindows(key1);
    t.diagnostic(`after Redis returned: ${JSON.stringify([...again.statuses])}; outages seen by the fail-open processes: ${fleet.processes.slice(0, 2).map(outages).join(', ')}`);
    assertShared(again, 'after Redis returned');
  });

  it('frozen: commands time out within 100 ms, calls go on, and the month counter is raised to the stored usage when Redis answers', async (t) => {
    const { key1, name } = await createScaleResource(fleet.urls[1], 'outage-quota', TIERS.quotaLarge);
    const before = await runLoad({ urls: openUrls, path: '/test/echo', key: key1, connectionsPerUrl: 2, until: Date.now() + 10_000, maxRequests: 200 });
    assert.equal(count(before, 200), 200);

    redis.pause();
    try {
      const during = await runLoad({ urls: openUrls, path: '/test/echo', key: key1, connectionsPerUrl: 2, until: Date.now() + 10_000, maxRequests: 300 });
      const slowest = Math.max(...during.latenciesMs);
      t.diagnostic(`while Redis was frozen: ${JSON.stringify([...during.statuses])}, slowest call ${slowest} ms`);
      assert.equal(count(during, 200), 300);
      assert.ok(slowest < 1000, `a call waited ${slowest} ms for a frozen Redis`);
      const closed = await call(closedUrl, key1);
      assert.equal(closed.status, 503);
    } finally {
      redis.resume();
    }
    const client = redis.client();
    try {
      const key = quotaKey(`portico:${new URL(fleet.db.url).pathname.slice(1)}:`, await fleet.resourceId(name), 'vision', utcMonthBounds(Date.now()).start);
      // The fail-open processes hand their outage back when their probe finds Redis again.
      const deadline = Date.now() + 5000;
      while (Number(await client.get(key).catch(() => 0)) < 500 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      // It holds the 200 calls before and the 300 during the freeze; the timed-out
      // attempts (two per fail-open process at most) may still run when Redis
      // resumes, which can only count a few calls twice, never lose one.
      const raised = Number(await client.get(key));
      assert.ok(raised >= 500 && raised <= 504, `month counter ${raised} after the freeze (stored 500)`);
      await untilStatus(closedUrl, key1, 200, 5000);
      // The fail-closed process's call after the freeze was counted in Redis and stored like any other.
      assert.equal(await fleet.storedCalls(name, true), 501);
      assert.equal(Number(await client.get(key)), raised + 1);
    } finally {
      client.disconnect();
    }
  });
});
