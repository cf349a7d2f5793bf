// Two Portico processes on one PostgreSQL database and one Redis: a network
// rule or a disableLocalAuth switch set through process A is enforced by
// process B within 1 s (Redis pub/sub tells B to drop its cached resource; see
// docs/network.md), and lifting it is seen as fast. Both processes trust the
// test client as a proxy, so X-Forwarded-For stands for the client address.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startFleet, type Fleet } from './support/fleet.ts';
import { api, createScaleResource } from './support/processes.ts';
import { requireSharedRedis, SHARED_REDIS_URL } from './support/redis.ts';
import { TIERS } from './support/catalog.ts';

/** The propagation bound docs/network.md and docs/tokens.md give for another process. */
const PROPAGATION_MS = 1000;
const OUTSIDE = '203.0.113.5';
const INSIDE = '10.1.2.3';

let fleet: Fleet;

before(async () => {
  (await requireSharedRedis()).disconnect();
  fleet = await startFleet({ size: 2, redisUrl: SHARED_REDIS_URL, envFor: () => ({ PORTICO_TRUSTED_PROXIES: '127.0.0.1' }) });
});

after(async () => {
  await fleet?.close();
});

interface Answer { status: number; body: any }

async function echo(url: string, credential: { key: string } | { bearer: string }, address: string): Promise<Answer> {
  const auth: Record<string, string> = 'key' in credential ? { 'Ocp-Apim-Subscription-Key': credential.key } : { authorization: `Bearer ${credential.bearer}` };
  const res = await fetch(`${url}/test/echo`, { headers: { ...auth, 'x-forwarded-for': address } });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/**
 * Calls until the answer has `status`, from `since` for at most `boundMs` (and
 * a margin, so that a late answer is measured and reported, not cut off);
 * returns the last answer and how long after `since` it came.
 */
async function untilStatus(call: () => Promise<Answer>, status: number, since: number, boundMs = PROPAGATION_MS): Promise<{ answer: Answer; elapsed: number }> {
  const giveUp = since + boundMs * 3;
  for (;;) {
    const answer = await call();
    const elapsed = Date.now() - since;
    if (answer.status === status || Date.now() > giveUp) return { answer, elapsed };
    await new Promise((r) => setTimeout(r, 10));
  }
}

const DENIED = { error: { code: '403', message: 'Access denied due to Virtual Network/Firewall rules.' } };
const KEYS_DISABLED = { error: { code: 'AuthenticationTypeDisabled', message: 'Key based authentication is disabled for this resource.' } };

describe('access settings across two processes sharing PostgreSQL and Redis', () => {
  it('enforce a network rule set through A on B within 1 s, and serve again within 1 s once it is lifted', async (t) => {
    const { key1, token, name } = await createScaleResource(fleet.urls[0], 'fenced', TIERS.unlimited);
    const [a, b] = fleet.urls;
    assert.equal((await echo(b, { key: key1 }, OUTSIDE)).status, 200); // B now has the resource cached
    assert.equal((await echo(a, { key: key1 }, OUTSIDE)).status, 200);

    const set = await api(a, 'PUT', `/api/resources/${name}/network-rules`, { defaultAction: 'Deny', ipRules: [{ value: '10.0.0.0/8' }] }, token);
    assert.equal(set.status, 200, JSON.stringify(set.body));
    const denied = await untilStatus(() => echo(b, { key: key1 }, OUTSIDE), 403, Date.now());
    t.diagnostic(`B denied ${OUTSIDE} ${denied.elapsed} ms after A answered`);
    assert.equal(denied.answer.status, 403, `B still answered ${denied.answer.status} after ${denied.elapsed} ms`);
    assert.ok(denied.elapsed < PROPAGATION_MS, `B denied after ${denied.elapsed} ms`);
    assert.deepEqual(denied.answer.body, DENIED);
    assert.equal((await echo(b, { key: key1 }, INSIDE)).status, 200, 'an allowed address still passes on B');

    const lifted = await api(a, 'PUT', `/api/resources/${name}/network-rules`, { defaultAction: 'Allow', ipRules: [] }, token);
    assert.equal(lifted.status, 200, JSON.stringify(lifted.body));
    const served = await untilStatus(() => echo(b, { key: key1 }, OUTSIDE), 200, Date.now());
    t.diagnostic(`B served ${OUTSIDE} again ${served.elapsed} ms after A answered`);
    assert.equal(served.answer.status, 200, `B still answered ${served.answer.status} after ${served.elapsed} ms`);
    assert.ok(served.elapsed < PROPAGATION_MS, `B served again after ${served.elapsed} ms`);
  });

  it('refuse keys on B within 1 s of disableLocalAuth through A, keep taking tokens, and take keys again within 1 s of re-enabling', async (t) => {
    const { key1, token, name } = await createScaleResource(fleet.urls[0], 'keyless', TIERS.unlimited);
    const [a, b] = fleet.urls;
    assert.equal((await echo(b, { key: key1 }, OUTSIDE)).status, 200);

    const off = await api(a, 'PATCH', `/api/resources/${name}`, { disableLocalAuth: true }, token);
    assert.equal(off.status, 200, JSON.stringify(off.body));
    const refused = await untilStatus(() => echo(b, { key: key1 }, OUTSIDE), 403, Date.now());
    t.diagnostic(`B refused the key ${refused.elapsed} ms after A answered`);
    assert.equal(refused.answer.status, 403, `B still answered ${refused.answer.status} after ${refused.elapsed} ms`);
    assert.ok(refused.elapsed < PROPAGATION_MS, `B refused the key after ${refused.elapsed} ms`);
    assert.deepEqual(refused.answer.body, KEYS_DISABLED);
    const issued = await api(b, 'POST', `/api/resources/${name}/token`, undefined, token);
    assert.equal(issued.status, 200, JSON.stringify(issued.body));
    assert.equal((await echo(b, { bearer: issued.body.accessToken }, OUTSIDE)).status, 200, 'B takes the owner\'s token');

    const on = await api(a, 'PATCH', `/api/resources/${name}`, { disableLocalAuth: false }, token);
    assert.equal(on.status, 200, JSON.stringify(on.body));
    const served = await untilStatus(() => echo(b, { key: key1 }, OUTSIDE), 200, Date.now());
    t.diagnostic(`B took the key again ${served.elapsed} ms after A answered`);
    assert.equal(served.answer.status, 200, `B still answered ${served.answer.status} after ${served.elapsed} ms`);
    assert.ok(served.elapsed < PROPAGATION_MS, `B took the key again after ${served.elapsed} ms`);
  });
});
