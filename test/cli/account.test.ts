import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../support/server.ts';
import { CliUser, uniqueEmail } from './support/cli.ts';

describe('portico account', () => {
  let server: TestServer;
  let user: CliUser;
  before(async () => {
    server = await startTestServer();
    user = new CliUser(server.url);
    const signup = await user.signUp(uniqueEmail('account'));
    assert.equal(signup.code, 0, signup.stderr);
  });
  after(async () => {
    user.remove();
    await server.close();
  });

  it('shows the e-mail and a table of authoring keys by region, the same as GET /api/account', async () => {
    const account = await user.json(['account']);
    const table = await user.run(['account']);
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, new RegExp(`^Account: +${account.email}$`, 'm'));
    assert.match(table.stdout, /^REGION +KEY1 +KEY2 +ENDPOINT$/m);
    for (const [region, keys] of Object.entries<any>(account.authoringKeys)) {
      assert.match(table.stdout, new RegExp(`^${region} +${keys.key1} +${keys.key2} +${keys.endpoint}$`, 'm'));
    }
    assert.deepEqual(Object.keys(account.authoringKeys).sort(), ['australiaeast', 'westeurope', 'westus']);
  });

  it('regenerate-authoring-key replaces Key1 of that region only', async () => {
    const before = (await user.json(['account'])).authoringKeys;
    const result = await user.json(['account', 'regenerate-authoring-key', 'westeurope']);
    assert.equal(result.region, 'westeurope');
    assert.notEqual(result.key1, before.westeurope.key1);
    assert.equal(result.key2, before.westeurope.key2);
    const afterwards = (await user.json(['account'])).authoringKeys;
    assert.equal(afterwards.westeurope.key1, result.key1);
    assert.deepEqual(afterwards.westus, before.westus);
  });

  it('regenerate-authoring-key --key-name Key2 replaces Key2', async () => {
    const before = (await user.json(['account'])).authoringKeys.westus;
    const result = await user.run(['account', 'regenerate-authoring-key', 'westus', '--key-name', 'Key2']);
    assert.equal(result.code, 0, result.stderr);
    const afterwards = (await user.json(['account'])).authoringKeys.westus;
    assert.equal(afterwards.key1, before.key1);
    assert.notEqual(afterwards.key2, before.key2);
    assert.match(result.stdout, new RegExp(`^westus +${afterwards.key1} +${afterwards.key2} `, 'm'));
  });

  it('a region that is not an authoring region exits 1 with the server\'s message', async () => {
    const result = await user.run(['account', 'regenerate-authoring-key', 'eastus']);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^portico: region must be an authoring region \(westus, westeurope, australiaeast\); got "eastus"/);
  });

  it('a bad --key-name or a missing region is a usage error (exit 2)', async () => {
    const badKey = await user.run(['account', 'regenerate-authoring-key', 'westus', '--key-name', 'Key3']);
    assert.equal(badKey.code, 2);
    assert.match(badKey.stderr, /--key-name must be Key1 or Key2; got "Key3"/);
    const noRegion = await user.run(['account', 'regenerate-authoring-key']);
    assert.equal(noRegion.code, 2);
    assert.match(noRegion.stderr, /missing <region>/);
  });

  it("audit lists the account's events newest first with who and from where, the same as GET /api/account/audit", async () => {
    const page = await user.json(['account', 'audit']);
    const types = page.value.map((e: { type: string }) => e.type);
    assert.deepEqual(types.slice(0, 2), ['authoring-key-regenerated', 'authoring-key-regenerated'], 'the two regenerations above are the newest');
    assert.ok(types.includes('account-created') && types.includes('login-succeeded'), types.join());
    const table = await user.run(['account', 'audit']);
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /^TIME +EVENT +BY +FROM$/m);
    const newest = page.value[0];
    assert.match(table.stdout, new RegExp(`^${newest.time} +${newest.summary} +${newest.actor.replace(/[.+]/g, '\\$&')} +${newest.address.replace(/[.:]/g, '\\$&')}$`, 'm'));
    assert.doesNotMatch(table.stdout, /Older events/);
  });

  it('audit --limit pages, printing the command for the older page, and --before takes it', async () => {
    const first = await user.run(['account', 'audit', '--limit', '1']);
    assert.equal(first.code, 0, first.stderr);
    const cursor = /^Older events: portico account audit --before (\S+)$/m.exec(first.stdout)?.[1];
    assert.ok(cursor, first.stdout);
    const all = (await user.json(['account', 'audit'])).value;
    const second = await user.json(['account', 'audit', '--limit', '1', '--before', cursor]);
    assert.deepEqual(second.value.map((e: { id: string }) => e.id), [all[1].id]);
  });

  it('audit refuses a bad --limit (exit 2) and passes on the server\'s message for a bad --before (exit 1)', async () => {
    const limit = await user.run(['account', 'audit', '--limit', '500']);
    assert.equal(limit.code, 2);
    assert.match(limit.stderr, /--limit must be a whole number from 1 to 200; got "500"/);
    const before = await user.run(['account', 'audit', '--before', 'yesterday']);
    assert.equal(before.code, 1);
    assert.match(before.stderr, /before must be an ISO 8601 time .*got "yesterday"/);
  });
});
