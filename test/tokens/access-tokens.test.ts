// Access tokens over real HTTP: issueToken exchanges a key for a token that the
// gateway then takes in place of the key, with the key's resource, scope,
// region, limits and metering; expiry, tampering, key regeneration and signing
// key rotation end a token; disableLocalAuth refuses keys but not tokens.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../src/util/clock.ts';
import { startTestServer, newAccount, type TestServer } from '../support/server.ts';
import { echoService, ECHO_OPERATION } from '../support/echo-service.ts';
import { stsModule } from '../../src/tokens/sts-module.ts';
import { SIGNING_KEY_ROTATION_MS } from '../../src/tokens/signing-keys.ts';

const BAD_TOKEN = { error: { code: '401', message: 'Unauthorized. Access token is missing, invalid, audience is incorrect (urn:ms.scopedToken or urn:ms.faceSessionToken), or have expired.' } };
const LOCAL_AUTH_DISABLED = { error: { code: 'AuthenticationTypeDisabled', message: 'Key based authentication is disabled for this resource.' } };
const MINUTE = 60_000;

/** The default catalogue with a small ComputerVision F0 rate and quota, so limits are reached in a few calls. */
function smallLimitsCatalog(): string {
  const catalog = JSON.parse(readFileSync(new URL('../../src/catalog/default-catalog.json', import.meta.url), 'utf8'));
  const vision = catalog.kinds.find((k: any) => k.name === 'ComputerVision');
  vision.tiers.find((t: any) => t.name === 'F0').rate = { limit: 4, per: 'minute' };
  vision.tiers.find((t: any) => t.name === 'F0').monthlyQuota = { vision: 6 };
  const file = join(mkdtempSync(join(tmpdir(), 'portico-catalog-')), 'catalog.json');
  writeFileSync(file, JSON.stringify(catalog));
  return file;
}

describe('access tokens', () => {
  let server: TestServer;
  let session: string;
  let account: { email: string; password: string };
  const clock = new ManualClock(Date.UTC(2026, 2, 10, 12, 0, 0));

  async function signIn() {
    session = (await server.api('POST', '/api/login', account)).body.token;
  }

  async function resource(name: string, kind = 'ComputerVision', tier = 'S1') {
    await signIn();
    const res = await server.api('POST', '/api/resources', { name, kind, tier, region: 'westus' }, session);
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body as { key1: string; key2: string };
  }

  const issueToken = (key: string, path = '/sts/v1.0/issueToken') =>
    server.fetch(path, { method: 'POST', headers: { 'Ocp-Apim-Subscription-Key': key, 'content-type': 'application/x-www-form-urlencoded', 'content-length': '0' } });

  async function tokenFor(key: string): Promise<string> {
    const res = await issueToken(key);
    assert.equal(res.status, 200, await res.clone().text());
    return res.text();
  }

  const echo = (token: string, path = '/test/echo') => server.fetch(path, { headers: { authorization: `Bearer ${token}` } });

  before(async () => {
    server = await startTestServer({
      clock,
      env: { PORTICO_CATALOG: smallLimitsCatalog() },
      services: [stsModule(), echoService({ accepts: ['ComputerVision'], meter: 'vision' })],
    });
    const created = await newAccount(server);
    account = { email: created.email, password: created.password };
  });
  after(() => server.close());

  it('issues a JWT as text/plain, valid ten minutes, on both spellings of the path and with the key in the query', async () => {
    const { key1 } = await resource('issue');
    const res = await issueToken(key1);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/plain/);
    const token = await res.text();
    const [header, claims] = token.split('.').slice(0, 2).map((p) => JSON.parse(Buffer.from(p, 'base64url').toString()));
    assert.equal(header.alg, 'HS256');
    assert.equal(claims.exp - claims.iat, 600);
    assert.equal(claims.region, 'westus');
    assert.ok(!token.includes(key1), 'the key is not in the token');
    assert.equal((await issueToken(key1, '/sts/v1.0/issuetoken')).status, 200);
    const byQuery = await server.fetch(`/sts/v1.0/issueToken?subscription-key=${key1}`, { method: 'POST' });
    assert.equal(byQuery.status, 200);
  });

  it('takes the token in place of the key: same resource, and the call is metered as the key\'s would be', async () => {
    const { key1 } = await resource('bearer');
    const token = await tokenFor(key1);
    const res = await echo(token);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { resource: 'bearer', keySlot: 1, region: 'westus' });
    const usage = await server.api('GET', '/api/resources/bearer/usage', undefined, session);
    const today = usage.body.days.at(-1);
    assert.equal(today.operations[ECHO_OPERATION], 1);
    assert.equal(today.operations['sts.issueToken'], 1);
  });

  it('refuses a missing key on issueToken, and a token there (a token cannot renew itself)', async () => {
    const { key1 } = await resource('key-only');
    const token = await tokenFor(key1);
    const res = await server.fetch('/sts/v1.0/issueToken', { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    assert.equal(res.status, 401);
    assert.match((await res.json()).error.message, /missing subscription key/);
  });

  it('refuses an expired token with 401 (the injected clock moves past its ten minutes)', async () => {
    const { key1 } = await resource('expiry');
    const token = await tokenFor(key1);
    clock.advance(9 * MINUTE);
    assert.equal((await echo(token)).status, 200);
    clock.advance(MINUTE);
    const res = await echo(token);
    assert.equal(res.status, 401);
    assert.deepEqual(await res.json(), BAD_TOKEN);
  });

  it('refuses a tampered token and one that is not a token at all', async () => {
    const { key1 } = await resource('tamper');
    const token = await tokenFor(key1);
    const [header, , signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...claims, exp: claims.exp + 3600 })).toString('base64url')}.${signature}`;
    for (const bad of [forged, `${token.slice(0, -2)}xx`, 'not-a-token']) {
      const res = await echo(bad);
      assert.equal(res.status, 401, bad);
      assert.deepEqual(await res.json(), BAD_TOKEN);
    }
  });

  it('refuses a token signed by a key the server does not know', async () => {
    const { key1 } = await resource('unknown-signer');
    const token = await tokenFor(key1);
    const [header, claims, signature] = token.split('.');
    const other = JSON.parse(Buffer.from(header, 'base64url').toString());
    const unknown = `${Buffer.from(JSON.stringify({ ...other, kid: '00000000-0000-0000-0000-000000000000' })).toString('base64url')}.${claims}.${signature}`;
    const res = await echo(unknown);
    assert.equal(res.status, 401);
    assert.deepEqual(await res.json(), BAD_TOKEN);
  });

  it('ends the tokens of a key when that key is regenerated; the other key\'s tokens go on', async () => {
    const { key1, key2 } = await resource('regen');
    const fromKey1 = await tokenFor(key1);
    const fromKey2 = await tokenFor(key2);
    const regen = await server.api('POST', '/api/resources/regen/regenerateKey', { keyName: 'Key1' }, session);
    assert.equal(regen.status, 200);
    const res = await echo(fromKey1);
    assert.equal(res.status, 401);
    assert.deepEqual(await res.json(), BAD_TOKEN);
    assert.equal((await echo(fromKey2)).status, 200);
  });

  it('refuses a token of a resource whose kind the route does not serve, as its key would be', async () => {
    const { key1 } = await resource('wrong-kind', 'LUIS', 'S0');
    const token = await tokenFor(key1);
    const byToken = await echo(token);
    const byKey = await server.fetch('/test/echo', { headers: { 'Ocp-Apim-Subscription-Key': key1 } });
    assert.equal(byToken.status, 401);
    assert.deepEqual(await byToken.json(), await byKey.json());
  });

  it('counts token calls and key calls together against the rate limit and the monthly quota', async () => {
    const { key1 } = await resource('limits', 'ComputerVision', 'F0');
    const token = await tokenFor(key1);
    const byKey = () => server.fetch('/test/echo', { headers: { 'Ocp-Apim-Subscription-Key': key1 } });
    // The token request itself took one call of the 4-a-minute rate.
    assert.equal((await byKey()).status, 200);
    assert.equal((await echo(token)).status, 200);
    assert.equal((await byKey()).status, 200);
    const limited = await echo(token);
    assert.equal(limited.status, 429);
    assert.ok(limited.headers.get('retry-after'));
    assert.equal((await issueToken(key1)).status, 429, 'issueToken is rate-limited too');
    clock.advance(MINUTE);
    const fresh = await tokenFor(key1);
    assert.equal((await echo(fresh)).status, 200);
    assert.equal((await byKey()).status, 200);
    assert.equal((await echo(fresh)).status, 200);
    // Six vision calls this month: the quota of 6 is used up, for the token as for the key.
    clock.advance(MINUTE);
    const out = await echo(fresh);
    assert.equal(out.status, 403);
    assert.match((await out.json()).error.message, /Out of call volume quota/);
    assert.equal((await byKey()).status, 403);
  });

  it('rotates the signing key, and a token signed with the previous one verifies for the rest of its life', async () => {
    const { key1 } = await resource('rotation');
    // A signing key made now (the last one is past its period), then nearly its whole period later:
    clock.advance(SIGNING_KEY_ROTATION_MS + MINUTE);
    await tokenFor(key1);
    clock.advance(SIGNING_KEY_ROTATION_MS - 2 * MINUTE);
    const before = await tokenFor(key1);
    clock.advance(3 * MINUTE);
    const afterRotation = await tokenFor(key1);
    const kid = (t: string) => JSON.parse(Buffer.from(t.split('.')[0], 'base64url').toString()).kid;
    assert.notEqual(kid(before), kid(afterRotation), 'a new signing key signs after the rotation period');
    assert.equal((await echo(before)).status, 200);
    assert.equal((await echo(afterRotation)).status, 200);
    clock.advance(8 * MINUTE);
    assert.equal((await echo(before)).status, 401, 'ten minutes after issue the old token is over');
    assert.equal((await echo(afterRotation)).status, 200);
  });

  describe('disableLocalAuth', () => {
    it('refuses keys with Azure\'s 403 on service calls and on issueToken; the owner\'s console token works', async () => {
      const { key1 } = await resource('no-keys');
      const earlier = await tokenFor(key1);
      const off = await server.api('PATCH', '/api/resources/no-keys', { disableLocalAuth: true }, session);
      assert.equal(off.status, 200);
      assert.equal(off.body.disableLocalAuth, true);

      const byKey = await server.fetch('/test/echo', { headers: { 'Ocp-Apim-Subscription-Key': key1 } });
      assert.equal(byKey.status, 403);
      assert.deepEqual(await byKey.json(), LOCAL_AUTH_DISABLED);
      const sts = await issueToken(key1);
      assert.equal(sts.status, 403);
      assert.deepEqual(await sts.json(), LOCAL_AUTH_DISABLED);

      const issued = await server.api('POST', '/api/resources/no-keys/token', undefined, session);
      assert.equal(issued.status, 200);
      assert.equal(issued.body.tokenType, 'Bearer');
      const res = await echo(issued.body.accessToken);
      assert.equal(res.status, 200);
      assert.deepEqual(await res.json(), { resource: 'no-keys', keySlot: 0, region: 'westus' });
      assert.equal((await echo(earlier)).status, 200, 'a token from before the switch is a token, and serves its life');

      const on = await server.api('PATCH', '/api/resources/no-keys', { disableLocalAuth: false }, session);
      assert.equal(on.body.disableLocalAuth, false);
      assert.equal((await server.fetch('/test/echo', { headers: { 'Ocp-Apim-Subscription-Key': key1 } })).status, 200);
    });

    it('gives the console token only to the owner, and the update route names a missing change', async () => {
      await resource('owned');
      const stranger = await newAccount(server);
      const res = await server.api('POST', '/api/resources/owned/token', undefined, stranger.token);
      assert.equal(res.status, 404);
      const empty = await server.api('PATCH', '/api/resources/owned', {}, session);
      assert.equal(empty.status, 400);
      assert.match(empty.body.error.message, /give tier, disableLocalAuth or customSubDomainName to change/);
      const anonymous = await server.api('POST', '/api/resources/owned/token');
      assert.equal(anonymous.status, 401);
    });
  });
});
