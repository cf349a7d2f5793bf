// Four Portico processes on one PostgreSQL database and one Redis behave as
// one server: one rate limit, one monthly quota, one view of every key.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startFleet, type Fleet } from './support/fleet.ts';
import { createScaleResource, api } from './support/processes.ts';
import { count, loadWholeWindows, runLoad } from './support/load.ts';
import { requireSharedRedis, SHARED_REDIS_URL } from './support/redis.ts';
import { TIERS } from './support/catalog.ts';

let fleet: Fleet;

before(async () => {
  (await requireSharedRedis()).disconnect();
  fleet = await startFleet({ size: 4, redisUrl: SHARED_REDIS_URL });
});

after(async () => {
  await fleet?.close();
});

async function status(url: string, key: string): Promise<number> {
  const res = await fetch(`${url}/test/echo`, { headers: { 'Ocp-Apim-Subscription-Key': key } });
  await res.arrayBuffer();
  return res.status;
}

/** Polls until the call answers `expected`; returns how long that took after `since`. */
async function msUntilStatus(url: string, key: string, expected: number, since: number, giveUpMs = 3000): Promise<number> {
  for (;;) {
    if ((await status(url, key)) === expected) return Date.now() - since;
    if (Date.now() - since > giveUpMs) return Infinity;
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('four processes sharing PostgreSQL and Redis', () => {
  it('admit one 50/s allowance in all: load over five whole 1 s windows, spread over the four, stays within 2% of 250 calls', async (t) => {
    const { key1 } = await createScaleResource(fleet.urls[0], 'rate-50', TIERS.rate50);
    const result = await loadWholeWindows(5, { urls: fleet.urls, path: '/test/echo', key: key1, connectionsPerUrl: 6 });
    const accepted = count(result, 200);
    t.diagnostic(`accepted ${accepted} of ${result.requests} calls (allowance 250)`);
    assert.equal(result.failedStarts.length, 0);
    assert.equal(accepted + count(result, 429), result.requests, `only 200 and 429 expected: ${JSON.stringify([...result.statuses])}`);
    assert.ok(count(result, 429) >= 5, `the load must exceed the allowance in every window (sent ${result.requests})`);
    assert.ok(Math.abs(accepted - 250) <= 5, `accepted ${accepted} of ${result.requests}, allowance 250`);
  });

  it('admit exactly 1,000 calls of a 1,000-call monthly quota sent through all four, and store exactly those', async () => {
    const { key1, name } = await createScaleResource(fleet.urls[1], 'quota-1000', TIERS.quota1000);
    const result = await runLoad({ urls: fleet.urls, path: '/test/echo', key: key1, connectionsPerUrl: 4, until: Date.now() + 60_000, maxRequests: 1400 });
    assert.equal(count(result, 200), 1000);
    assert.equal(count(result, 403), 400);
    assert.equal(await fleet.storedCalls(name, true), 1000);
  });

  it('refuse a key regenerated through process A on process B within 1 s, while the other key and the new one work', async (t) => {
    const { key1, key2, token, name } = await createScaleResource(fleet.urls[0], 'rotate', TIERS.unlimited);
    const [a, b] = fleet.urls;
    assert.equal(await status(b, key1), 200); // B now has the key cached
    const regenerated = await api(a, 'POST', `/api/resources/${name}/regenerateKey`, { keyName: 'Key1' }, token);
    assert.equal(regenerated.status, 200);
    const elapsed = await msUntilStatus(b, key1, 401, Date.now());
    t.diagnostic(`B refused the old key ${elapsed} ms after A answered`);
    assert.ok(elapsed < 1000, `B refused the old key after ${elapsed} ms`);
    assert.equal(await status(b, regenerated.body.key1), 200);
    assert.equal(await status(b, key2), 200);
  });

  it('refuse the keys of a resource deleted through process A on every other process within 1 s', async () => {
    const { key1, token, name } = await createScaleResource(fleet.urls[2], 'doomed', TIERS.unlimited);
    for (const url of fleet.urls) assert.equal(await status(url, key1), 200);
    const deleted = await api(fleet.urls[0], 'DELETE', `/api/resources/${name}`, undefined, token);
    assert.ok(deleted.status === 204 || deleted.status === 200, `delete answered ${deleted.status}`);
    const since = Date.now();
    const elapsed = await Promise.all(fleet.urls.slice(1).map((url) => msUntilStatus(url, key1, 401, since)));
    for (const ms of elapsed) assert.ok(ms < 1000, `refused after ${elapsed.join(', ')} ms`);
  });
});
