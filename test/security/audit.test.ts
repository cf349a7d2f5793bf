import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../support/server.ts';
import { createTestDatabase, type TestDatabase } from '../support/postgres.ts';
import { luisModule } from '../../src/luis/module.ts';
import { ManualClock, DAY_MS } from '../../src/util/clock.ts';
import { recordMasterKeyRotated } from '../../src/audit/audit-log.ts';
import { BEHIND_LOCAL_PROXY, call, PASSWORD } from './support.ts';

let counter = 0;
const uniqueEmail = (what: string) => `audit-${what}-${++counter}-${Date.now()}@example.com`;

/** Signs up and logs in from one address; the account's e-mail and token. */
async function signedUp(server: TestServer, address: string, clock?: ManualClock) {
  const email = uniqueEmail('user');
  assert.equal((await call(server, 'POST', '/api/signup', { email, password: PASSWORD }, { address })).status, 201);
  clock?.advance(1000);
  const login = await call(server, 'POST', '/api/login', { email, password: PASSWORD }, { address });
  assert.equal(login.status, 200);
  return { email, token: login.body.token as string };
}

async function auditOf(server: TestServer, token: string, query = '') {
  await server.platform.audit.settled();
  const res = await call(server, 'GET', `/api/account/audit${query}`, undefined, { token });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body as { value: any[]; nextBefore?: string };
}

/** Every page of the log, following nextBefore. */
async function wholeLog(server: TestServer, token: string, limit: number) {
  const pages: any[][] = [];
  let query = `?limit=${limit}`;
  for (;;) {
    const page = await auditOf(server, token, query);
    pages.push(page.value);
    if (!page.nextBefore) return pages;
    query = `?limit=${limit}&before=${encodeURIComponent(page.nextBefore)}`;
  }
}

const countRows = async (server: TestServer) => (await server.platform.store.db.selectFrom('audit_events').selectAll().execute()).length;

function describeAuditLog(name: string, database: () => Promise<TestDatabase | undefined>) {
  describe(name, () => {
    const clock = new ManualClock(Date.UTC(2026, 11, 1, 9));
    let server: TestServer;
    let pgDatabase: TestDatabase | undefined;
    before(async () => {
      pgDatabase = await database();
      server = await startTestServer({ clock, databaseUrl: pgDatabase?.url, env: BEHIND_LOCAL_PROXY });
    });
    after(async () => {
      await server.close();
      await pgDatabase?.drop();
    });

    it('records each account and resource event with the acting e-mail and the client address, newest first', async () => {
      const address = '203.0.113.7';
      const { email, token } = await signedUp(server, address, clock);
      const step = () => clock.advance(1000);
      const as = { token, address };
      step(); assert.equal((await call(server, 'POST', '/api/login', { email, password: 'wrong password here' }, { address: '198.51.100.9' })).status, 401);
      step(); const second = await call(server, 'POST', '/api/login', { email, password: PASSWORD }, { address: '198.51.100.10' });
      const sessions = await call(server, 'GET', '/api/account/sessions', undefined, as);
      const otherSession = sessions.body.value.find((s: any) => !s.current).id;
      step(); assert.equal((await call(server, 'DELETE', `/api/account/sessions/${otherSession}`, undefined, as)).status, 204);
      step(); assert.equal((await call(server, 'POST', '/api/account/authoringKeys/westeurope/regenerate', { keyName: 'Key2' }, as)).status, 200);
      step(); assert.equal((await call(server, 'POST', '/api/resources', { name: 'vision-a', kind: 'ComputerVision', tier: 'F0', region: 'westus' }, as)).status, 201);
      step(); assert.equal((await call(server, 'PATCH', '/api/resources/vision-a', { tier: 'S1' }, as)).status, 200);
      step(); assert.equal((await call(server, 'PATCH', '/api/resources/vision-a', { tier: 'S1', disableLocalAuth: true, customSubDomainName: 'audited-vision' }, as)).status, 200);
      step(); assert.equal((await call(server, 'PUT', '/api/resources/vision-a/network-rules', { defaultAction: 'Deny', ipRules: [{ value: '10.0.0.0/8' }, { value: ' 2001:db8::/32' }] }, as)).status, 200);
      step(); assert.equal((await call(server, 'PATCH', '/api/resources/vision-a', { disableLocalAuth: true, customSubDomainName: null }, as)).status, 200);
      step(); assert.equal((await call(server, 'PUT', '/api/resources/vision-a/network-rules', { defaultAction: 'Allow', ipRules: [] }, as)).status, 200);
      step(); assert.equal((await call(server, 'POST', '/api/resources/vision-a/regenerateKey', { keyName: 'Key1' }, as)).status, 200);
      step(); assert.equal((await call(server, 'POST', '/api/resources/vision-a/renew', undefined, as)).status, 200);
      step(); assert.equal((await call(server, 'DELETE', '/api/resources/vision-a', undefined, as)).status, 204);
      step(); const third = await call(server, 'POST', '/api/login', { email, password: PASSWORD }, { address });
      step(); assert.equal((await call(server, 'POST', '/api/account/password', { currentPassword: PASSWORD, newPassword: 'another long passphrase' }, as)).status, 204);
      step(); assert.equal((await call(server, 'POST', '/api/logout', undefined, as)).status, 204);
      // Signed out: read the log with a fresh session (whose log-in is the newest event).
      step(); const reader = await call(server, 'POST', '/api/login', { email, password: 'another long passphrase' }, { address: '192.0.2.1' });
      const log = (await auditOf(server, reader.body.token)).value;
      const firstSession = sessions.body.value.find((s: any) => s.current).id;
      assert.deepEqual(log.map((e) => [e.type, e.address, e.detail]).reverse(), [
        ['account-created', address, {}],
        ['login-succeeded', address, { session: firstSession }],
        ['login-failed', '198.51.100.9', {}],
        ['login-succeeded', '198.51.100.10', { session: otherSession }],
        ['session-revoked', address, { session: otherSession }],
        ['authoring-key-regenerated', address, { region: 'westeurope', key: 'key2' }],
        ['resource-created', address, { resource: 'vision-a', kind: 'ComputerVision', tier: 'F0', region: 'westus' }],
        ['resource-updated', address, { resource: 'vision-a', tier: 'S1', changed: 'tier' }],
        ['resource-updated', address, { resource: 'vision-a', tier: 'S1', changed: 'disableLocalAuth,customSubDomainName', disableLocalAuth: 'true', customSubDomainName: 'audited-vision' }],
        ['resource-network-rules-changed', address, { resource: 'vision-a', defaultAction: 'Deny', ipRules: '10.0.0.0/8,2001:db8::/32' }],
        ['resource-updated', address, { resource: 'vision-a', tier: 'S1', changed: 'customSubDomainName', customSubDomainName: '' }],
        ['resource-network-rules-changed', address, { resource: 'vision-a', defaultAction: 'Allow', ipRules: '' }],
        ['resource-key-regenerated', address, { resource: 'vision-a', key: 'key1' }],
        ['resource-renewed', address, { resource: 'vision-a' }],
        ['resource-deleted', address, { resource: 'vision-a' }],
        ['login-succeeded', address, { session: log.find((e) => e.type === 'login-succeeded' && e.time === new Date(clock.now() - 3000).toISOString()).detail.session }],
        ['password-changed', address, {}],
        ['logged-out', address, { session: firstSession }],
        ['login-succeeded', '192.0.2.1', { session: log[0].detail.session }],
      ]);
      assert.ok(second.body.token && third.body.token);
      assert.ok(log.every((e) => e.actor === email), 'the account acted on every event');
      assert.deepEqual(log.map((e) => Date.parse(e.time)), [...log.map((e) => Date.parse(e.time))].sort((a, b) => b - a), 'newest first');
      assert.equal(log.find((e) => e.type === 'resource-key-regenerated').summary, 'key1 of resource vision-a regenerated');
      assert.equal(log.find((e) => e.type === 'login-failed').summary, 'Sign-in failed: wrong password');
      assert.deepEqual(log.filter((e) => e.type === 'resource-updated' || e.type === 'resource-network-rules-changed').map((e) => e.summary).reverse(), [
        'Resource vision-a updated: tier S1',
        'Resource vision-a updated: key authentication disabled, custom subdomain audited-vision',
        'Network rules of resource vision-a changed: only 10.0.0.0/8,2001:db8::/32 allowed',
        'Resource vision-a updated: custom subdomain removed',
        'Network rules of resource vision-a changed: every address allowed',
      ]);
    });

    it('records nothing for a refused update or network-rule change, the refused update changes no setting, and an update to the same values says it changed nothing', async () => {
      const { token } = await signedUp(server, '203.0.113.15');
      const as = { token };
      assert.equal((await call(server, 'POST', '/api/resources', { name: 'refused-res', kind: 'ComputerVision', tier: 'F0', region: 'westus' }, as)).status, 201);
      const countBefore = (await auditOf(server, token)).value.length;
      const badSubdomain = await call(server, 'PATCH', '/api/resources/refused-res', { tier: 'S1', disableLocalAuth: true, customSubDomainName: '-bad-' }, as);
      assert.equal(badSubdomain.status, 400);
      assert.match(badSubdomain.body.error.message, /customSubDomainName must be/);
      const badRule = await call(server, 'PUT', '/api/resources/refused-res/network-rules', { defaultAction: 'Deny', ipRules: [{ value: '10.0.0.0/33' }] }, as);
      assert.equal(badRule.status, 400);
      const resource = (await call(server, 'GET', '/api/resources/refused-res', undefined, as)).body;
      assert.deepEqual([resource.tier, resource.disableLocalAuth, resource.customSubDomainName, resource.networkAcls.defaultAction], ['F0', false, null, 'Allow']);
      assert.equal((await auditOf(server, token)).value.length, countBefore);
      clock.advance(1000);
      assert.equal((await call(server, 'PATCH', '/api/resources/refused-res', { tier: 'F0', disableLocalAuth: false }, as)).status, 200);
      const [newest] = (await auditOf(server, token)).value;
      assert.deepEqual([newest.type, newest.detail, newest.summary], ['resource-updated', { resource: 'refused-res', tier: 'F0', changed: '' }, 'Resource refused-res updated; nothing changed']);
    });

    it('answers a failed log-in for an unknown e-mail exactly as for a known one, and records it nowhere', async () => {
      const { email } = await signedUp(server, '203.0.113.20');
      await server.platform.audit.settled();
      const rowsBefore = await countRows(server);
      const unknown = await call(server, 'POST', '/api/login', { email: uniqueEmail('nobody'), password: 'wrong password here' }, { address: '203.0.113.21' });
      await server.platform.audit.settled();
      assert.equal(await countRows(server), rowsBefore, 'no row for an e-mail without an account');
      const known = await call(server, 'POST', '/api/login', { email, password: 'wrong password here' }, { address: '203.0.113.21' });
      assert.equal(unknown.status, 401);
      assert.deepEqual([unknown.status, unknown.body], [known.status, known.body]);
      await server.platform.audit.settled();
      assert.equal(await countRows(server), rowsBefore + 1, 'one row, on the existing account');
    });

    it("shows an account only its own events; without a session it answers 401", async () => {
      const mine = await signedUp(server, '203.0.113.30');
      const theirs = await signedUp(server, '203.0.113.31');
      assert.equal((await call(server, 'POST', '/api/resources', { name: 'private-res', kind: 'ComputerVision', tier: 'F0', region: 'westus' }, { token: mine.token })).status, 201);
      const theirLog = (await auditOf(server, theirs.token)).value;
      assert.deepEqual(theirLog.map((e) => e.type).sort(), ['account-created', 'login-succeeded']);
      assert.ok(theirLog.every((e) => e.actor === theirs.email));
      const myIds = new Set((await auditOf(server, mine.token)).value.map((e) => e.id));
      assert.ok(theirLog.every((e) => !myIds.has(e.id)));
      const anonymous = await call(server, 'GET', '/api/account/audit', undefined, {});
      assert.equal(anonymous.status, 401);
    });

    it('stores no key, password or token in any row', async () => {
      const { email, token } = await signedUp(server, '203.0.113.40');
      const as = { token };
      const secrets = [PASSWORD, token, 'a new strong passphrase'];
      const created = await call(server, 'POST', '/api/resources', { name: 'keys-res', kind: 'ComputerVision', tier: 'F0', region: 'westus' }, as);
      secrets.push(created.body.key1, created.body.key2);
      secrets.push((await call(server, 'POST', '/api/resources/keys-res/regenerateKey', { keyName: 'Key2' }, as)).body.key2);
      const renewed = await call(server, 'POST', '/api/resources/keys-res/renew', undefined, as);
      secrets.push(renewed.body.key1, renewed.body.key2);
      const authoring = await call(server, 'POST', '/api/account/authoringKeys/westus/regenerate', {}, as);
      secrets.push(authoring.body.key1, authoring.body.key2);
      const account = await call(server, 'GET', '/api/account', undefined, as);
      for (const keys of Object.values<any>(account.body.authoringKeys)) secrets.push(keys.key1, keys.key2);
      await call(server, 'POST', '/api/login', { email, password: 'wrong guess of a password' }, {});
      secrets.push('wrong guess of a password');
      assert.equal((await call(server, 'POST', '/api/account/password', { currentPassword: PASSWORD, newPassword: 'a new strong passphrase' }, as)).status, 204);
      await server.platform.audit.settled();
      const rows = JSON.stringify(await server.platform.store.db.selectFrom('audit_events').selectAll().execute()).toLowerCase();
      for (const secret of secrets) assert.ok(secret.length >= 16 && !rows.includes(secret.toLowerCase()), `a secret (${secret.slice(0, 4)}…) is stored in the audit log`);
    });

    it('pages newest first through nextBefore without losing or repeating events of the same millisecond', async () => {
      const { token } = await signedUp(server, '203.0.113.50');
      // The clock stands still: all of these events share one time.
      for (let i = 0; i < 5; i++) await call(server, 'POST', '/api/account/authoringKeys/westus/regenerate', {}, { token });
      const whole = (await auditOf(server, token, '?limit=200')).value;
      assert.equal(whole.length, 7);
      assert.equal((await auditOf(server, token, '?limit=200')).nextBefore, undefined, 'a page that is not full is the last');
      const pages = await wholeLog(server, token, 3);
      assert.deepEqual(pages.map((p) => p.length), [3, 3, 1]);
      assert.deepEqual(pages.flat().map((e) => e.id), whole.map((e) => e.id));
      const byTime = await auditOf(server, token, `?before=${encodeURIComponent(new Date(clock.now()).toISOString())}`);
      assert.ok(byTime.value.every((e) => Date.parse(e.time) < clock.now()), 'a plain time returns strictly older events');
      assert.equal(byTime.value.length, whole.filter((e) => Date.parse(e.time) < clock.now()).length);
    });

    it('refuses a bad limit or cursor with 400 naming it', async () => {
      const { token } = await signedUp(server, '203.0.113.60');
      for (const query of ['?limit=0', '?limit=201', '?limit=ten']) {
        const res = await call(server, 'GET', `/api/account/audit${query}`, undefined, { token });
        assert.equal(res.status, 400, query);
        assert.match(res.body.error.message, /limit/);
      }
      for (const before of ['yesterday', '2026-13-01T00:00:00Z', '2026-12-01T00:00:00Z_not-an-id']) {
        const res = await call(server, 'GET', `/api/account/audit?before=${encodeURIComponent(before)}`, undefined, { token });
        assert.equal(res.status, 400, before);
        assert.match(res.body.error.message, /before must be an ISO 8601 time/);
      }
    });

    it('records master-key-rotated on every account for the operator command', async () => {
      const a = await signedUp(server, '203.0.113.70');
      const b = await signedUp(server, '203.0.113.71');
      const accounts = await server.platform.store.db.selectFrom('accounts').select('id').execute();
      assert.equal(await recordMasterKeyRotated(server.platform.store.db, clock.now() + 1), accounts.length);
      for (const user of [a, b]) {
        const [newest] = (await auditOf(server, user.token)).value;
        assert.deepEqual([newest.type, newest.actor, newest.address], ['master-key-rotated', 'operator', '']);
      }
    });

    it('keeps events for 90 days: older ones are neither shown nor stored', async () => {
      const { email } = await signedUp(server, '203.0.113.80');
      // Sessions end long before 90 days: each look is a fresh log-in.
      const look = async () => (await auditOf(server, (await call(server, 'POST', '/api/login', { email, password: PASSWORD }, {})).body.token)).value;
      clock.advance(89 * DAY_MS);
      assert.ok((await look()).some((e) => e.type === 'account-created'), 'kept for 89 days');
      clock.advance(2 * DAY_MS);
      const afterwards = await look();
      assert.ok(!afterwards.some((e) => e.type === 'account-created'), 'not shown after 91 days');
      const token = (await call(server, 'POST', '/api/login', { email, password: PASSWORD }, {})).body.token;
      await call(server, 'POST', '/api/account/authoringKeys/westus/regenerate', {}, { token });
      const oldest = await server.platform.store.db.selectFrom('audit_events').select((eb) => eb.fn.min('at').as('at')).executeTakeFirstOrThrow();
      assert.ok(Number(oldest.at) >= clock.now() - 90 * DAY_MS, 'the next event prunes older rows');
    });
  });
}

describeAuditLog('audit log (SQLite)', async () => undefined);
describeAuditLog('audit log (PostgreSQL)', createTestDatabase);

describe('audit log of LUIS collaborator changes', () => {
  let server: TestServer;
  before(async () => { server = await startTestServer({ services: [luisModule()], env: BEHIND_LOCAL_PROXY }); });
  after(() => server.close());

  const authoring = async (method: string, path: string, key: string, body: unknown, address: string) => {
    const res = await server.fetch(path, {
      method, body: JSON.stringify(body),
      headers: { 'Ocp-Apim-Subscription-Key': key, 'content-type': 'application/json', 'x-forwarded-for': address },
    });
    return { status: res.status, body: await res.json() };
  };

  it("records each collaborator added or removed on the owner's log and on the collaborator's own, with the owner's e-mail", async () => {
    const owner = await signedUp(server, '203.0.113.90');
    const collaborator = await signedUp(server, '203.0.113.91');
    const ownerKey = (await call(server, 'GET', '/api/account', undefined, { token: owner.token })).body.authoringKeys.westus.key1;
    const created = await authoring('POST', '/luis/api/v2.0/apps/', ownerKey, { name: 'Audited app', culture: 'en-us' }, '203.0.113.92');
    assert.equal(created.status, 201);
    const appId = created.body;
    const permissions = `/luis/api/v2.0/apps/${appId}/permissions`;
    const stranger = 'no-account-here@example.com';
    assert.equal((await authoring('POST', permissions, ownerKey, { email: collaborator.email }, '203.0.113.92')).status, 200);
    assert.equal((await authoring('POST', permissions, ownerKey, { email: collaborator.email }, '203.0.113.92')).status, 200, 'adding again changes nothing');
    assert.equal((await authoring('PUT', permissions, ownerKey, { emails: [collaborator.email, stranger] }, '203.0.113.92')).status, 200);
    assert.equal((await authoring('DELETE', permissions, ownerKey, { email: collaborator.email }, '203.0.113.93')).status, 200);
    const detail = (who: string) => ({ appId, app: 'Audited app', collaborator: who });
    const ownerLog = (await auditOf(server, owner.token)).value.filter((e) => e.type.startsWith('luis-'));
    assert.deepEqual(ownerLog.map((e) => [e.type, e.actor, e.address, e.detail]).reverse(), [
      ['luis-collaborator-added', owner.email, '203.0.113.92', detail(collaborator.email)],
      ['luis-collaborator-added', owner.email, '203.0.113.92', detail(stranger)],
      ['luis-collaborator-removed', owner.email, '203.0.113.93', detail(collaborator.email)],
    ]);
    const theirs = (await auditOf(server, collaborator.token)).value.filter((e) => e.type.startsWith('luis-'));
    assert.deepEqual(theirs.map((e) => [e.type, e.actor, e.detail]).reverse(), [
      ['luis-collaborator-added', owner.email, detail(collaborator.email)],
      ['luis-collaborator-removed', owner.email, detail(collaborator.email)],
    ]);
  });
});
