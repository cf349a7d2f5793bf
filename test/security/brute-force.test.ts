import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, newAccount, type TestServer } from '../support/server.ts';
import { createTestDatabase, type TestDatabase } from '../support/postgres.ts';
import { requireSharedRedis, SHARED_REDIS_URL } from '../scale/support/redis.ts';
import { ManualClock } from '../../src/util/clock.ts';
import { ATTEMPT_RULES } from '../../src/accounts/attempt-guard.ts';
import { UNKNOWN_KEYS_PER_ADDRESS } from '../../src/gateway/plugin.ts';
import { echoService } from '../support/echo-service.ts';
import { BEHIND_LOCAL_PROXY, call, PASSWORD } from './support.ts';

describe('brute force and enumeration', () => {
  const clock = new ManualClock(Date.UTC(2026, 5, 1));
  let server: TestServer;
  before(async () => { server = await startTestServer({ clock, services: [echoService()], env: BEHIND_LOCAL_PROXY }); });
  after(() => server.close());

  it('refuses a wrong password and an unknown e-mail with the same status and message, in comparable time', async () => {
    const { email } = await newAccount(server);
    const timed = async (body: unknown, address: string) => {
      const start = performance.now();
      const res = await call(server, 'POST', '/api/login', body, { address });
      return { res, ms: performance.now() - start };
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 5; i++) {
      const a = await timed({ email, password: 'not the password' }, `10.0.1.${i}`);
      const b = await timed({ email: `nobody${i}@example.com`, password: 'not the password' }, `10.0.2.${i}`);
      assert.equal(a.res.status, 401);
      assert.deepEqual(b.res.body, a.res.body);
      assert.equal(b.res.status, 401);
      known.push(a.ms);
      unknown.push(b.ms);
    }
    const median = (xs: number[]) => xs.sort((x, y) => x - y)[2];
    // Both run scrypt (tens of ms); without the dummy hash the unknown e-mail would answer in about a millisecond.
    assert.ok(median(unknown) > median(known) / 3, `unknown ${median(unknown)} ms vs known ${median(known)} ms`);
  });

  it('admits 10 failed log-ins per account in 15 minutes from any addresses, then answers 429 with Retry-After even to the right password, for unknown e-mails too', async () => {
    const { email } = await newAccount(server, 'victim@example.com');
    for (const target of [email, 'ghost@example.com']) {
      for (let i = 0; i < ATTEMPT_RULES.loginAccount.limit; i++) {
        const res = await call(server, 'POST', '/api/login', { email: target, password: `guess ${i}` }, { address: `10.1.0.${i}` });
        assert.equal(res.status, 401);
      }
      const refused = await call(server, 'POST', '/api/login', { email: target, password: PASSWORD }, { address: '10.1.1.1' });
      assert.equal(refused.status, 429);
      assert.match(refused.body.error.message, /Too many log-in attempts for this account: at most 10 in 15 minutes/);
      assert.ok(Number(refused.headers.get('retry-after')) >= 1);
    }
    clock.advance(15 * 60_000 + 1000);
    assert.equal((await call(server, 'POST', '/api/login', { email, password: PASSWORD }, { address: '10.1.1.1' })).status, 200, 'the window slides');
  });

  it('admits 100 failed log-ins per address in 15 minutes across accounts, then answers 429 naming the address', async () => {
    for (let i = 0; i < ATTEMPT_RULES.loginAddress.limit; i++) {
      assert.equal((await call(server, 'POST', '/api/login', { email: `spray${i}@example.com`, password: 'Summer2026!' }, { address: '10.2.0.1' })).status, 401);
    }
    const refused = await call(server, 'POST', '/api/login', { email: 'spray-last@example.com', password: 'Summer2026!' }, { address: '10.2.0.1' });
    assert.equal(refused.status, 429);
    assert.match(refused.body.error.message, /from your address/);
    assert.equal((await call(server, 'POST', '/api/login', { email: 'spray-last@example.com', password: 'x' }, { address: '10.2.0.2' })).status, 401, 'other addresses are not affected');
  });

  it('limits sign-ups per address and password changes per account', async () => {
    for (let i = 0; i < ATTEMPT_RULES.signupAddress.limit; i++) {
      await call(server, 'POST', '/api/signup', { email: `bulk${i}@example.com`, password: 'x' }, { address: '10.3.0.1' });
    }
    const signup = await call(server, 'POST', '/api/signup', { email: 'bulk-last@example.com', password: PASSWORD }, { address: '10.3.0.1' });
    assert.equal(signup.status, 429);
    assert.match(signup.body.error.message, /sign-up attempts from your address: at most 30 in 1 hour/);
    const { token } = await newAccount(server);
    for (let i = 0; i < ATTEMPT_RULES.passwordAccount.limit; i++) {
      const res = await call(server, 'POST', '/api/account/password', { currentPassword: `guess ${i}`, newPassword: 'a brand new passphrase' }, { token, address: `10.4.0.${i}` });
      assert.equal(res.status, 400);
    }
    const change = await call(server, 'POST', '/api/account/password', { currentPassword: PASSWORD, newPassword: 'a brand new passphrase' }, { token, address: '10.4.1.1' });
    assert.equal(change.status, 429);
    assert.match(change.body.error.message, /password change attempts for this account/);
  });

  it('answers invalid subscription keys 401 until 60 a minute from one address, then 429 to any key not yet verified, while a known key keeps working', async () => {
    const { token } = await newAccount(server);
    const created = await call(server, 'POST', '/api/resources', { name: 'guarded', kind: 'ComputerVision', tier: 'S1', region: 'westus' }, { token });
    assert.equal(created.status, 201);
    const good = created.body.key1 as string;
    const echo = (key: string, address: string) => call(server, 'GET', '/test/echo', undefined, { address, headers: { 'ocp-apim-subscription-key': key } });
    assert.equal((await echo(good, '10.5.0.1')).status, 200);
    for (let i = 0; i < UNKNOWN_KEYS_PER_ADDRESS.limit; i++) {
      assert.equal((await echo(i.toString(16).padStart(32, '0'), '10.5.0.1')).status, 401);
    }
    const refused = await echo('f'.repeat(32), '10.5.0.1');
    assert.equal(refused.status, 429);
    assert.equal(refused.body.error.code, '429');
    assert.ok(Number(refused.headers.get('retry-after')) >= 1);
    assert.equal((await echo(good, '10.5.0.1')).status, 200, 'a key this server verified is still served from that address');
    assert.equal((await echo('e'.repeat(32), '10.5.0.2')).status, 401, 'another address is unaffected');
    clock.advance(61_000);
    assert.equal((await echo('d'.repeat(32), '10.5.0.1')).status, 401);
  });
});

const MASTER = 'ab'.repeat(32);

describe('brute-force limits shared through Redis', () => {
  let db: TestDatabase;
  let one: TestServer;
  let two: TestServer;
  const clock = new ManualClock(Date.now());
  before(async () => {
    (await requireSharedRedis()).disconnect();
    db = await createTestDatabase();
    one = await startTestServer({ databaseUrl: db.url, clock, env: { ...BEHIND_LOCAL_PROXY, REDIS_URL: SHARED_REDIS_URL, PORTICO_MASTER_KEY: MASTER } });
    two = await startTestServer({ databaseUrl: db.url, clock, env: { ...BEHIND_LOCAL_PROXY, REDIS_URL: SHARED_REDIS_URL, PORTICO_MASTER_KEY: MASTER } });
  });
  after(async () => { await one.close(); await two.close(); await db.drop(); });

  it('counts failed log-ins of one account on every server: 10 in all, then 429 on both', async () => {
    const email = `shared-${Date.now()}@example.com`;
    for (let i = 0; i < ATTEMPT_RULES.loginAccount.limit; i++) {
      const res = await call(i % 2 ? two : one, 'POST', '/api/login', { email, password: `guess ${i}` }, { address: `10.6.0.${i}` });
      assert.equal(res.status, 401);
    }
    assert.equal((await call(one, 'POST', '/api/login', { email, password: 'guess' }, { address: '10.6.1.1' })).status, 429);
    assert.equal((await call(two, 'POST', '/api/login', { email, password: 'guess' }, { address: '10.6.1.2' })).status, 429);
  });
});
