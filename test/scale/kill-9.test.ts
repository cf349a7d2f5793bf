// A process killed with SIGKILL in the middle of load loses no counted call:
// a reply leaves only after its call is committed to PostgreSQL (group commit).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startFleet, type Fleet } from './support/fleet.ts';
import { createScaleResource } from './support/processes.ts';
import { count, runLoad } from './support/load.ts';
import { requireSharedRedis, SHARED_REDIS_URL } from './support/redis.ts';
import { TIERS } from './support/catalog.ts';

let fleet: Fleet;

before(async () => {
  (await requireSharedRedis()).disconnect();
  fleet = await startFleet({ size: 3, redisUrl: SHARED_REDIS_URL });
});

after(async () => {
  await fleet?.close();
});

describe('kill -9 of one process during load', () => {
  it('stores exactly the calls whose responses the clients received (plus at most the calls cut off by the kill)', async (t) => {
    const { key1, name } = await createScaleResource(fleet.urls[0], 'metered', TIERS.quotaLarge);
    const victim = fleet.processes[2];
    const load = runLoad({ urls: fleet.urls, path: '/test/echo', key: key1, connectionsPerUrl: 6, until: Date.now() + 3000 });
    await new Promise((r) => setTimeout(r, 1200));
    victim.child.kill('SIGKILL');
    const result = await load;
    await victim.exited;
    const counted = count(result, 200) + count(result, 403) + count(result, 429);
    const stored = await fleet.storedCalls(name);
    t.diagnostic(`responses ${counted}, stored ${stored}, requests cut off by the kill ${result.cutOff}, statuses ${JSON.stringify([...result.statuses])}`);
    assert.equal(count(result, 200), counted, 'every answered call is admitted');
    assert.ok(result.cutOff > 0 || result.failedStarts.length > 0, 'the kill must have hit calls in flight or refused new ones');
    assert.ok(counted > 100, `load too light to tell (${counted} responses)`);
    // Nothing answered is lost; a call is stored without its answer only if
    // the kill fell between its commit and its reply, so only among those cut off.
    assert.ok(stored >= counted, `stored ${stored} < answered ${counted}: a counted call was lost`);
    assert.ok(stored <= counted + result.cutOff, `stored ${stored} exceeds answered ${counted} + cut off ${result.cutOff}`);
    // The load stayed far inside the quota, so every stored call was admitted.
    assert.equal(await fleet.storedCalls(name, true), stored);
  });
});
