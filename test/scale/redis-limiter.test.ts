// The Redis limiter's rules, one process, against the real Redis: the same
// answers as the in-process limiter, the quota seeded once from stored usage,
// and the failure modes when Redis cannot be reached.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { RedisLimiter } from '../../src/limits/redis.ts';
import { RedisLink } from '../../src/limits/redis-connection.ts';
import type { LimitRequest } from '../../src/limits/limiter.ts';
import { ApiError } from '../../src/http/errors.ts';
import { rateKey } from '../../src/limits/redis-keys.ts';
import { requireSharedRedis, SHARED_REDIS_URL, freePort } from './support/redis.ts';

const quiet = () => undefined;
const links: RedisLink[] = [];
const prefix = `portico:test-${randomBytes(6).toString('hex')}:`;

before(async () => {
  (await requireSharedRedis()).disconnect();
});

after(async () => {
  const client = await requireSharedRedis();
  const keys = await client.keys(`${prefix}*`);
  if (keys.length) await client.del(...keys);
  client.disconnect();
  for (const link of links) await link.close();
});

async function limiter(options: { url?: string; baseline?: () => Promise<number>; failureMode?: 'fail-open' | 'fail-closed' } = {}): Promise<RedisLimiter> {
  const link = new RedisLink(options.url ?? SHARED_REDIS_URL, quiet);
  links.push(link);
  const made = new RedisLimiter({ link, prefix, failureMode: options.failureMode ?? 'fail-open', baseline: options.baseline ?? (async () => 0) });
  await link.connected();
  return made;
}

const T0 = Date.UTC(2026, 4, 31, 23, 59, 58, 0);
const request = (resourceId: string, over: Partial<LimitRequest> = {}): LimitRequest =>
  ({ resourceId, rate: { limit: 3, per: 'second' }, meter: 'vision', now: T0, ...over });

describe('the Redis limiter', () => {
  it('admits the rate limit per window across limiters, refuses the next call with the seconds to wait, and admits again in the next window', async () => {
    const [a, b] = [await limiter(), await limiter()];
    const id = 'rate-' + randomBytes(4).toString('hex');
    const answers = await Promise.all([a, b, a, b].map((l) => l.admit(request(id, { now: T0 + 100 }))));
    assert.equal(answers.filter((x) => x.admitted).length, 3);
    assert.deepEqual(answers.find((x) => !x.admitted), { admitted: false, reason: 'rate', retryAfterSeconds: 1 });
    assert.deepEqual(await b.admit(request(id, { now: T0 + 1000 })), { admitted: true });
  });

  it('seeds the monthly counter from stored usage (the first seed wins), then refuses with the renewal time without using quota', async () => {
    let reads = 0;
    const baseline = async () => { reads++; return 997; };
    const [a, b] = [await limiter({ baseline }), await limiter({ baseline })];
    const id = 'quota-' + randomBytes(4).toString('hex');
    const rate = { limit: 1000, per: 'second' as const };
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => (i % 2 ? a : b).admit(request(id, { rate, monthlyQuota: 1000 }))));
    assert.equal(answers.filter((x) => x.admitted).length, 3);
    assert.deepEqual(answers.find((x) => !x.admitted), { admitted: false, reason: 'quota', renewsAt: Date.UTC(2026, 5, 1) });
    assert.ok(reads >= 1, 'the counter starts from stored usage');
    // A new month starts from its own stored usage.
    assert.deepEqual(await a.admit(request(id, { rate, monthlyQuota: 1000, now: Date.UTC(2026, 5, 1) })), { admitted: true });
  });

  it('fails closed with a 503 naming Redis, within the 100 ms command budget, when Redis cannot be reached', async () => {
    const closed = await limiter({ url: `redis://127.0.0.1:${await freePort()}`, failureMode: 'fail-closed' });
    const started = Date.now();
    await assert.rejects(closed.admit(request('any')), (err: unknown) => err instanceof ApiError && err.statusCode === 503 && /Redis/.test(err.message));
    assert.ok(Date.now() - started < 100);
  });

  it('fails open with the same limits per process when Redis cannot be reached', async () => {
    const open = await limiter({ url: `redis://127.0.0.1:${await freePort()}`, baseline: async () => 999 });
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await open.admit(request('local')));
    assert.deepEqual(answers.map((x) => x.admitted), [true, true, true, false]);
    const quota = await open.admit(request('local-quota', { monthlyQuota: 1000 }));
    assert.deepEqual(quota, { admitted: true });
    assert.deepEqual(await open.admit(request('local-quota', { monthlyQuota: 1000 })), { admitted: false, reason: 'quota', renewsAt: Date.UTC(2026, 5, 1) });
  });
  it('waits past the timeout for an answer that arrived while this process was stalled, and sends the call once', async () => {
    const made = await limiter();
    const link = links.at(-1) as RedisLink;
    const client = link.client as unknown as { porticoAdmit: (...args: unknown[]) => Promise<number> };
    const send = client.porticoAdmit.bind(client);
    let sent = 0;
    client.porticoAdmit = (...args) => { sent++; return send(...args); };
    const id = 'stall-' + randomBytes(4).toString('hex');
    const req = request(id, { now: Date.now() });
    const answer = made.admit(req);
    // A CPU-starved process: the reply arrives while the event loop is busy, and the
    // 100 ms timer fires before the reply is read.
    const until = performance.now() + 250;
    while (performance.now() < until);
    assert.deepEqual(await answer, { admitted: true });
    assert.equal(link.isUp, true, 'a stall of our own is not a Redis outage');
    assert.equal(sent, 1, 'the call was sent once');
    const shared = await requireSharedRedis();
    try {
      assert.equal(await shared.get(rateKey(prefix, id, req.rate, Math.floor(req.now / 1000) * 1000)), '1');
    } finally {
      shared.disconnect();
    }
  });
});
