import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { startTestServer, newAccount, type TestServer } from '../support/server.ts';
import { ManualClock } from '../../src/util/clock.ts';
import { BEHIND_LOCAL_PROXY, call, PASSWORD } from './support.ts';

describe('console sessions', () => {
  const clock = new ManualClock(Date.UTC(2026, 5, 1));
  let server: TestServer;
  before(async () => { server = await startTestServer({ clock, env: { ...BEHIND_LOCAL_PROXY, PORTICO_SESSION_IDLE_HOURS: '12', PORTICO_SESSION_MAX_DAYS: '30' } }); });
  after(() => server.close());

  it('stores only the SHA-256 of a token', async () => {
    const { token } = await newAccount(server);
    const rows = await server.platform.store.db.selectFrom('sessions').selectAll().execute();
    assert.ok(rows.some((r) => r.token_digest === createHash('sha256').update(token).digest('hex')));
    assert.ok(!JSON.stringify(rows).includes(token));
  });

  it('lists sessions with client and last use, and revokes one so its token stops working', async () => {
    const { email, token } = await newAccount(server);
    const second = await call(server, 'POST', '/api/login', { email, password: PASSWORD }, { address: '10.9.0.7', headers: { 'user-agent': 'portico-cli/1.0' } });
    const list = await call(server, 'GET', '/api/account/sessions', undefined, { token });
    assert.equal(list.status, 200);
    assert.equal(list.body.value.length, 2);
    const other = list.body.value.find((s: any) => !s.current);
    assert.equal(other.client, 'portico-cli/1.0 (10.9.0.7)');
    assert.ok(other.lastUsedAt && other.idleExpiresAt && other.expiresAt);
    assert.equal((await call(server, 'DELETE', `/api/account/sessions/${other.id}`, undefined, { token })).status, 204);
    assert.equal((await call(server, 'GET', '/api/account', undefined, { token: second.body.token })).status, 401);
    const again = await call(server, 'DELETE', `/api/account/sessions/${other.id}`, undefined, { token });
    assert.equal(again.status, 404);
  });

  it('ends a session after 12 hours idle, and after 30 days however used', async () => {
    const { token } = await newAccount(server);
    clock.advance(11 * 3_600_000);
    assert.equal((await call(server, 'GET', '/api/account', undefined, { token })).status, 200);
    clock.advance(11 * 3_600_000);
    assert.equal((await call(server, 'GET', '/api/account', undefined, { token })).status, 200, 'use keeps it alive');
    clock.advance(12 * 3_600_000 + 1);
    assert.equal((await call(server, 'GET', '/api/account', undefined, { token })).status, 401, 'idle for 12 hours');
    const { token: busy } = await newAccount(server);
    for (let day = 0; day < 30; day++) {
      for (let step = 0; step < 2; step++) {
        clock.advance(8 * 3_600_000);
        await call(server, 'GET', '/api/account', undefined, { token: busy });
      }
      clock.advance(8 * 3_600_000);
      const res = await call(server, 'GET', '/api/account', undefined, { token: busy });
      assert.equal(res.status, day < 29 ? 200 : 401, `day ${day + 1}`);
    }
  });

  it('refuses a state change by cookie without a same-origin proof (403), and accepts it with one or with a bearer token', async () => {
    const { token } = await newAccount(server);
    const cookie = { cookie: `portico_session=${token}`, 'content-type': 'application/json' };
    const post = (headers: Record<string, string>) => server.fetch('/api/account/authoringKeys/westus/regenerate', { method: 'POST', headers, body: '{}' });
    const forged = await post({ ...cookie, origin: 'https://evil.example' });
    assert.equal(forged.status, 403);
    assert.match((await forged.json()).error.message, /did not come from a page of this site/);
    assert.equal((await post({ ...cookie, 'sec-fetch-site': 'cross-site' })).status, 403);
    assert.equal((await post(cookie)).status, 403, 'no Origin and no Sec-Fetch-Site');
    assert.equal((await post({ ...cookie, 'sec-fetch-site': 'same-origin' })).status, 200);
    assert.equal((await post({ ...cookie, origin: server.url })).status, 200);
    assert.equal((await server.fetch('/api/account', { headers: cookie })).status, 200, 'reads need no proof');
    assert.equal((await post({ authorization: `Bearer ${token}`, 'content-type': 'application/json', origin: 'https://evil.example' })).status, 200);
  });
});
