// Network rules, trusted proxies and custom subdomains, over real HTTP.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, newAccount, type TestServer } from '../support/server.ts';
import { echoService } from '../support/echo-service.ts';
import http from 'node:http';

/** fetch cannot set Host, so the subdomain calls use node:http. */
function hostCall(server: TestServer, headers: Record<string, string>): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${server.url}/test/echo`, { headers }, (res) => {
      let text = '';
      res.on('data', (c) => { text += c; });
      res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end();
  });
}

const DENIED = { error: { code: '403', message: 'Access denied due to Virtual Network/Firewall rules.' } };

describe('network rules behind a trusted proxy', () => {
  let server: TestServer;
  let token: string;
  before(async () => {
    server = await startTestServer({ services: [echoService()], env: { PORTICO_TRUSTED_PROXIES: '127.0.0.1' } });
    token = (await newAccount(server)).token;
  });
  after(() => server.close());
  const echo = (key: string, address: string, host?: string) => server.fetch('/test/echo', { headers: { 'Ocp-Apim-Subscription-Key': key, 'x-forwarded-for': address, ...(host ? { host } : {}) } });

  it('deny addresses outside the IPv4/IPv6 allow-list with Azure\'s 403, at once after the update', async () => {
    const created = await server.api('POST', '/api/resources', { name: 'fw', kind: 'ComputerVision', tier: 'S1', region: 'westus' }, token);
    assert.equal((await echo(created.body.key1, '203.0.113.5')).status, 200);
    const set = await server.api('PUT', '/api/resources/fw/network-rules', { defaultAction: 'Deny', ipRules: [{ value: '10.0.0.0/8' }, { value: '2001:db8::/32' }] }, token);
    assert.equal(set.status, 200, JSON.stringify(set.body));
    assert.deepEqual(set.body.networkAcls, { defaultAction: 'Deny', ipRules: [{ value: '10.0.0.0/8' }, { value: '2001:db8::/32' }] });
    const denied = await echo(created.body.key1, '203.0.113.5');
    assert.equal(denied.status, 403);
    assert.deepEqual(await denied.json(), DENIED);
    assert.equal((await echo(created.body.key1, '10.1.2.3')).status, 200);
    assert.equal((await echo(created.body.key1, '2001:db8:1::7')).status, 200);
    assert.equal((await echo(created.body.key1, '2001:db9::7')).status, 403);
  });

  it('refuse a bad rule with 400 naming the entry', async () => {
    const bad = await server.api('PUT', '/api/resources/fw/network-rules', { defaultAction: 'Deny', ipRules: [{ value: '10.0.0.0/8' }, { value: '10.0.0.300' }] }, token);
    assert.equal(bad.status, 400);
    assert.match(bad.body.error.message, /ipRules\[1\]\.value .*"10\.0\.0\.300"/);
  });

  it('route <subdomain>.<custom domain> to its resource, and refuse another resource\'s key there with 401', async () => {
    const own = await server.api('POST', '/api/resources', { name: 'sub', kind: 'ComputerVision', tier: 'S1', region: 'eastus', customSubDomainName: 'my-vision' }, token);
    assert.equal(own.status, 201, JSON.stringify(own.body));
    assert.match(own.body.endpoint, /^http:\/\/my-vision\.cognitiveservices\.azure\.com:\d+\/$/);
    const other = await server.api('POST', '/api/resources', { name: 'other', kind: 'ComputerVision', tier: 'S1', region: 'eastus' }, token);
    const host = 'my-vision.cognitiveservices.azure.com';
    const ok = await hostCall(server, { 'Ocp-Apim-Subscription-Key': own.body.key1, host });
    assert.equal(ok.status, 200);
    assert.equal(ok.body.region, 'eastus');
    assert.equal((await hostCall(server, { 'Ocp-Apim-Subscription-Key': other.body.key1, host })).status, 401);
    const taken = await server.api('PATCH', '/api/resources/other', { customSubDomainName: 'my-vision' }, token);
    assert.equal(taken.status, 409);
  });
});

describe('X-Forwarded-For from an untrusted peer', () => {
  let server: TestServer;
  before(async () => { server = await startTestServer({ services: [echoService()] }); });
  after(() => server.close());

  it('does not change the address the rules see: a forged allowed address is still refused', async () => {
    const { token } = await newAccount(server);
    const created = await server.api('POST', '/api/resources', { name: 'fw', kind: 'ComputerVision', tier: 'S1', region: 'westus' }, token);
    await server.api('PUT', '/api/resources/fw/network-rules', { defaultAction: 'Deny', ipRules: [{ value: '10.9.9.9' }] }, token);
    const forged = await server.fetch('/test/echo', { headers: { 'Ocp-Apim-Subscription-Key': created.body.key1, 'x-forwarded-for': '10.9.9.9' } });
    assert.equal(forged.status, 403);
  });
});
