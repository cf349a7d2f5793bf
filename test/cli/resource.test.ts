import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../support/server.ts';
import { echoService } from '../support/echo-service.ts';
import { CliUser, uniqueEmail } from './support/cli.ts';

describe('portico resource', () => {
  let server: TestServer;
  let user: CliUser;
  const echo = (key: string) => server.fetch('/test/echo', { headers: { 'Ocp-Apim-Subscription-Key': key } });

  before(async () => {
    server = await startTestServer({ services: [echoService()] });
    user = new CliUser(server.url);
    const signup = await user.signUp(uniqueEmail('resource'));
    assert.equal(signup.code, 0, signup.stderr);
  });
  after(async () => {
    user.remove();
    await server.close();
  });

  it('create prints the resource and two keys that the gateway accepts', async () => {
    const result = await user.run(['resource', 'create', 'vision-a', '--kind', 'ComputerVision', '--tier', 'S1', '--region', 'westus']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^Created resource vision-a\.$/m);
    assert.match(result.stdout, /^Kind: +ComputerVision$/m);
    const key1 = /^Key 1: +([0-9a-f]{32})$/m.exec(result.stdout)?.[1];
    const key2 = /^Key 2: +([0-9a-f]{32})$/m.exec(result.stdout)?.[1];
    assert.ok(key1 && key2, result.stdout);
    assert.equal((await echo(key1)).status, 200);
    assert.equal((await echo(key2)).status, 200);
  });

  it('create --json answers with the server\'s resource body, keys and endpoint included', async () => {
    const created = await user.json(['resource', 'create', 'vision-json', '--kind', 'ComputerVision', '--tier', 'F0', '--region', 'westeurope']);
    assert.equal(created.name, 'vision-json');
    assert.equal(created.tier, 'F0');
    assert.equal(created.endpoint, `${server.url}/westeurope/`);
    assert.match(created.key1, /^[0-9a-f]{32}$/);
  });

  it('create with a kind the catalogue lacks exits 1 with the server\'s message naming the field', async () => {
    const result = await user.run(['resource', 'create', 'bad-kind', '--kind', 'Speech', '--tier', 'F0', '--region', 'westus']);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^portico: kind must be one of LUIS, ComputerVision, TextAnalytics, CognitiveServices; got "Speech"/);
  });

  it('create of a LUIS resource outside a publishing region is refused by the server', async () => {
    const result = await user.run(['resource', 'create', 'luis-x', '--kind', 'LUIS', '--tier', 'F0', '--region', 'nowhere']);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /region must be one of .* for kind LUIS; got "nowhere"/);
  });

  it('create without --kind is a usage error (exit 2) and sends nothing', async () => {
    const result = await user.run(['resource', 'create', 'no-kind', '--tier', 'F0', '--region', 'westus']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /missing --kind <kind>/);
    const show = await user.run(['resource', 'show', 'no-kind']);
    assert.equal(show.code, 1);
  });

  it('list shows a table of the account\'s resources; --json the same list', async () => {
    await user.json(['resource', 'create', 'listed', '--kind', 'LUIS', '--tier', 'S0', '--region', 'eastus']);
    const table = await user.run(['resource', 'list']);
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /^NAME +KIND +TIER +REGION +STATE +ENDPOINT$/m);
    assert.match(table.stdout, new RegExp(`^listed +LUIS +S0 +eastus +active +${server.url}/eastus/$`, 'm'));
    const list = await user.json(['resource', 'list']);
    assert.ok(list.some((r: any) => r.name === 'listed' && r.kind === 'LUIS'));
    assert.ok(!list.some((r: any) => r.kind === 'LUIS.Authoring'), 'authoring keys belong to the account, not the list');
  });

  it('show prints one resource; keys prints both keys', async () => {
    const created = await user.json(['resource', 'create', 'shown', '--kind', 'ComputerVision', '--tier', 'S1', '--region', 'westus']);
    const show = await user.run(['resource', 'show', 'shown']);
    assert.equal(show.code, 0, show.stderr);
    assert.match(show.stdout, /^Name: +shown$/m);
    assert.match(show.stdout, /^State: +active$/m);
    const keys = await user.run(['resource', 'keys', 'shown']);
    assert.equal(keys.stdout, `Key 1:  ${created.key1}\nKey 2:  ${created.key2}\n`);
    assert.deepEqual(await user.json(['resource', 'keys', 'shown']), { key1: created.key1, key2: created.key2 });
  });

  it('regenerate-key replaces one key: the old value is refused at once, the other keeps working', async () => {
    const created = await user.json(['resource', 'create', 'rotate', '--kind', 'ComputerVision', '--tier', 'S1', '--region', 'westus']);
    const result = await user.run(['resource', 'regenerate-key', 'rotate', '--key-name', 'Key1']);
    assert.equal(result.code, 0, result.stderr);
    const newKey1 = /^Key 1: +([0-9a-f]{32})$/m.exec(result.stdout)?.[1];
    assert.ok(newKey1 && newKey1 !== created.key1, result.stdout);
    assert.equal((await echo(created.key1)).status, 401);
    assert.equal((await echo(created.key2)).status, 200);
    assert.equal((await echo(newKey1)).status, 200);
  });

  it('regenerate-key without a valid --key-name is a usage error', async () => {
    const missing = await user.run(['resource', 'regenerate-key', 'rotate']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /missing --key-name Key1\|Key2/);
    const wrong = await user.run(['resource', 'regenerate-key', 'rotate', '--key-name', 'primary']);
    assert.equal(wrong.code, 2);
  });

  it('renew issues two new keys and refuses the old ones', async () => {
    const created = await user.json(['resource', 'create', 'renewed', '--kind', 'ComputerVision', '--tier', 'F0', '--region', 'westus']);
    const renewed = await user.json(['resource', 'renew', 'renewed']);
    assert.equal(renewed.state, 'active');
    assert.notEqual(renewed.key1, created.key1);
    assert.notEqual(renewed.key2, created.key2);
    assert.equal((await echo(created.key2)).status, 401);
    assert.equal((await echo(renewed.key2)).status, 200);
    const table = await user.run(['resource', 'renew', 'renewed']);
    assert.match(table.stdout, /^Issued new keys for renewed; it is active\.$/m);
  });

  it('set-tier moves the resource to another tier; an unknown tier exits 1 with the server\'s message', async () => {
    await user.json(['resource', 'create', 'tiered', '--kind', 'ComputerVision', '--tier', 'F0', '--region', 'westus']);
    const moved = await user.run(['resource', 'set-tier', 'tiered', 'S1']);
    assert.equal(moved.code, 0, moved.stderr);
    assert.equal(moved.stdout, 'tiered is now on tier S1.\n');
    assert.equal((await user.json(['resource', 'show', 'tiered'])).tier, 'S1');
    const wrong = await user.run(['resource', 'set-tier', 'tiered', 'S9']);
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /tier must be one of F0, S1 for kind ComputerVision; got "S9"/);
  });

  it('set-local-auth disabled refuses the keys with 403 AuthenticationTypeDisabled; token prints a bearer token that works', async () => {
    const created = await user.json(['resource', 'create', 'keyless', '--kind', 'ComputerVision', '--tier', 'S1', '--region', 'westus']);
    const off = await user.run(['resource', 'set-local-auth', 'keyless', 'disabled']);
    assert.equal(off.code, 0, off.stderr);
    assert.equal(off.stdout, 'Key authentication of keyless is now disabled.\n');
    const refused = await echo(created.key1);
    assert.equal(refused.status, 403);
    assert.equal((await refused.json()).error.code, 'AuthenticationTypeDisabled');
    const token = await user.run(['resource', 'token', 'keyless']);
    assert.equal(token.code, 0, token.stderr);
    const bearer = await server.fetch('/test/echo', { headers: { authorization: `Bearer ${token.stdout.trim()}` } });
    assert.equal(bearer.status, 200);
    assert.match((await user.run(['resource', 'show', 'keyless'])).stdout, /^Key authentication: +disabled$/m);
    const wrong = await user.run(['resource', 'set-local-auth', 'keyless', 'off']);
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /disabled or enabled; got "off"/);
  });

  it('network-rules --allow lets only those addresses use the keys, shows them, and --clear opens the resource again', async () => {
    const created = await user.json(['resource', 'create', 'fenced', '--kind', 'ComputerVision', '--tier', 'S1', '--region', 'westus']);
    const open = await user.run(['resource', 'network-rules', 'fenced']);
    assert.equal(open.code, 0, open.stderr);
    assert.equal(open.stdout, 'Network access of fenced: every address.\n');
    const fenced = await user.run(['resource', 'network-rules', 'fenced', '--allow', '10.0.0.0/8', '--allow', '2001:db8::1']);
    assert.equal(fenced.code, 0, fenced.stderr);
    assert.equal(fenced.stdout, 'Network access of fenced: only 10.0.0.0/8, 2001:db8::1.\n');
    const refused = await echo(created.key1);
    assert.equal(refused.status, 403, 'this test calls from 127.0.0.1, outside the rules');
    assert.equal((await refused.json()).error.message, 'Access denied due to Virtual Network/Firewall rules.');
    assert.deepEqual(await user.json(['resource', 'network-rules', 'fenced']), { defaultAction: 'Deny', ipRules: [{ value: '10.0.0.0/8' }, { value: '2001:db8::1' }] });
    assert.match((await user.run(['resource', 'show', 'fenced'])).stdout, /^Network access: +only 10\.0\.0\.0\/8, 2001:db8::1$/m);
    assert.equal((await user.run(['resource', 'network-rules', 'fenced', '--allow', '127.0.0.1'])).code, 0);
    assert.equal((await echo(created.key1)).status, 200, 'the caller\'s own address is allowed now');
    const cleared = await user.json(['resource', 'network-rules', 'fenced', '--clear']);
    assert.deepEqual(cleared, { defaultAction: 'Allow', ipRules: [] });
    assert.equal((await echo(created.key1)).status, 200);
  });

  it('network-rules refuses a malformed range with the server\'s message, and --allow with --clear as a usage error', async () => {
    const bad = await user.run(['resource', 'network-rules', 'fenced', '--allow', '10.0.0.0/8', '--allow', '10.0.0.0/33']);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /^portico: networkAcls\.ipRules\[1\]\.value must be an IPv4 or IPv6 address or CIDR range; got "10\.0\.0\.0\/33"/);
    assert.deepEqual(await user.json(['resource', 'network-rules', 'fenced']), { defaultAction: 'Allow', ipRules: [] }, 'nothing was changed');
    const both = await user.run(['resource', 'network-rules', 'fenced', '--allow', '10.0.0.0/8', '--clear']);
    assert.equal(both.code, 2);
    assert.match(both.stderr, /give --allow or --clear, not both/);
  });

  it('set-subdomain moves the endpoint to <subdomain>.<custom domain>; a taken name exits 1; --remove restores the regional endpoint', async () => {
    await user.json(['resource', 'create', 'named', '--kind', 'ComputerVision', '--tier', 'S1', '--region', 'westeurope']);
    const port = new URL(server.url).port;
    const set = await user.run(['resource', 'set-subdomain', 'named', 'named-vision']);
    assert.equal(set.code, 0, set.stderr);
    assert.equal(set.stdout, `named has the custom subdomain named-vision; endpoint http://named-vision.cognitiveservices.azure.com:${port}/\n`);
    const shown = await user.json(['resource', 'show', 'named']);
    assert.deepEqual([shown.customSubDomainName, shown.endpoint], ['named-vision', `http://named-vision.cognitiveservices.azure.com:${port}/`]);
    await user.json(['resource', 'create', 'named-2', '--kind', 'ComputerVision', '--tier', 'S1', '--region', 'westus']);
    const taken = await user.run(['resource', 'set-subdomain', 'named-2', 'named-vision']);
    assert.equal(taken.code, 1);
    assert.match(taken.stderr, /the custom subdomain name "named-vision" is already taken/);
    const invalid = await user.run(['resource', 'set-subdomain', 'named-2', 'Not_Valid']);
    assert.equal(invalid.code, 1);
    assert.match(invalid.stderr, /customSubDomainName must be 2 to 64 lower-case letters/);
    const removed = await user.run(['resource', 'set-subdomain', 'named', '--remove']);
    assert.equal(removed.code, 0, removed.stderr);
    assert.equal(removed.stdout, `named has no custom subdomain; endpoint ${server.url}/westeurope/\n`);
    const neither = await user.run(['resource', 'set-subdomain', 'named']);
    assert.equal(neither.code, 2);
    assert.match(neither.stderr, /missing <subdomain> \(or --remove\)/);
  });

  it('usage counts the calls made with the keys, per day, status class and operation', async () => {
    const created = await user.json(['resource', 'create', 'metered', '--kind', 'ComputerVision', '--tier', 'F0', '--region', 'westus']);
    for (let i = 0; i < 3; i++) assert.equal((await echo(created.key1)).status, 200);
    assert.equal((await echo(created.key2)).status, 200);
    const today = new Date().toISOString().slice(0, 10);
    const usage = await user.json(['resource', 'usage', 'metered', '--from', today, '--to', today]);
    assert.equal(usage.days.length, 1);
    assert.equal(usage.days[0].calls, 4);
    assert.equal(usage.days[0].statusClasses['2xx'], 4);
    assert.equal(usage.days[0].operations['test.echo'], 4);
    const table = await user.run(['resource', 'usage', 'metered']);
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /: 4 calls\./);
    assert.match(table.stdout, new RegExp(`^${today} +4 +4 +0 +0 +0 +0 +test\\.echo=4$`, 'm'));
    assert.match(table.stdout, /^vision +4 +5000 /m);
  });

  it('usage with a malformed date is a usage error; a reversed range is refused by the server', async () => {
    const malformed = await user.run(['resource', 'usage', 'metered', '--from', '1/2/2025']);
    assert.equal(malformed.code, 2);
    assert.match(malformed.stderr, /--from must be a date like 2025-01-31; got "1\/2\/2025"/);
    const reversed = await user.run(['resource', 'usage', 'metered', '--from', '2025-02-01', '--to', '2025-01-01']);
    assert.equal(reversed.code, 1);
    assert.match(reversed.stderr, /from \(2025-02-01\) is after querystring\.to \(2025-01-01\)/);
  });

  it('delete removes the resource and its keys stop working; a second delete exits 1 with the server\'s 404 message', async () => {
    const created = await user.json(['resource', 'create', 'doomed', '--kind', 'ComputerVision', '--tier', 'S1', '--region', 'westus']);
    const deleted = await user.run(['resource', 'delete', 'doomed']);
    assert.equal(deleted.code, 0, deleted.stderr);
    assert.equal(deleted.stdout, 'Deleted resource doomed.\n');
    assert.equal((await echo(created.key1)).status, 401);
    const again = await user.run(['resource', 'delete', 'doomed']);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /^portico: .*doomed/);
  });

  it('another account\'s CLI session cannot see or change these resources', async () => {
    const other = new CliUser(server.url);
    assert.equal((await other.signUp(uniqueEmail('other'))).code, 0);
    assert.deepEqual(await other.json(['resource', 'list']), []);
    for (const args of [['resource', 'show', 'shown'], ['resource', 'keys', 'shown'], ['resource', 'delete', 'shown'], ['resource', 'set-tier', 'shown', 'F0']]) {
      const result = await other.run(args);
      assert.equal(result.code, 1, `${args.join(' ')}: ${result.stdout}`);
    }
    assert.equal((await user.json(['resource', 'show', 'shown'])).tier, 'S1');
    other.remove();
  });
});
