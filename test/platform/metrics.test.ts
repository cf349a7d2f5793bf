// GET /metrics (issue #15): the gateway's calls per resource and operation in
// Prometheus text format, named after Azure Monitor's Cognitive Services
// metrics, behind an operator's bearer token.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../src/util/clock.ts';
import { loadCatalog, defaultCatalogPath } from '../../src/catalog/catalog.ts';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { processWriterId } from '../../src/gateway/metering.ts';
import { Registry } from '../../src/metrics/registry.ts';
import { LATENCY_BUCKETS_MS } from '../../src/metrics/latency.ts';
import { startTestServer, newAccount, type TestServer } from '../support/server.ts';
import { echoService, ECHO_OPERATION } from '../support/echo-service.ts';
import { find, parseExposition, value, type Exposition } from '../support/exposition.ts';

const TOKEN = 'metrics-token-0123456789abcdef';
/** A ComputerVision tier small enough to reach its rate (3 a second) and its quota (5 a month) in a few calls. */
const TINY = 'TINY';

function tinyCatalog(dir: string): string {
  const catalog = structuredClone(loadCatalog(defaultCatalogPath()).data);
  catalog.kinds.find((k) => k.name === 'ComputerVision')!.tiers.push({ name: TINY, rate: { limit: 3, per: 'second' }, monthlyQuota: { vision: 5 } });
  const path = join(dir, 'tiny-catalog.json');
  writeFileSync(path, JSON.stringify(catalog));
  return path;
}

describe('the metrics registry', () => {
  it('escapes label values and HELP text so that the exposition parses back to the same strings', () => {
    const registry = new Registry({ process: 'host:1' });
    registry.counter('x_total', 'back\\slash and\nnew line', ['name']).labels('a "quoted" \\ path\nnext').inc(2);
    const text = registry.render();
    assert.match(text, /^# HELP x_total back\\\\slash and\\nnew line$/m);
    const parsed = parseExposition(text);
    assert.deepEqual(parsed.samples, [{ name: 'x_total', labels: { process: 'host:1', name: 'a "quoted" \\ path\nnext' }, value: 2 }]);
  });

  it('writes histograms as cumulative buckets ending in +Inf, with _sum and _count', () => {
    const registry = new Registry();
    const h = registry.histogram('lat_ms', 'latency', ['op'], [10, 100]).labels('a');
    for (const ms of [1, 10, 11, 500]) h.observe(ms);
    const parsed = parseExposition(registry.render());
    assert.equal(parsed.types.get('lat_ms'), 'histogram');
    assert.deepEqual(find(parsed, 'lat_ms_bucket').map((s) => [s.labels.le, s.value]), [['10', 2], ['100', 3], ['+Inf', 4]]);
    assert.equal(value(parsed, 'lat_ms_sum'), 522);
    assert.equal(value(parsed, 'lat_ms_count'), 4);
  });

  it('refuses what Prometheus could not read: bad names, a counter without _total, unordered buckets, a counter going down', () => {
    const registry = new Registry();
    assert.throws(() => registry.counter('bad-name_total', 'x'), /invalid metric name/);
    assert.throws(() => registry.counter('calls', 'x'), /must end in _total/);
    assert.throws(() => registry.histogram('h', 'x', [], [10, 5]), /increasing order/);
    assert.throws(() => registry.histogram('h2', 'x', ['le'], [1]), /may not have a label "le"/);
    assert.throws(() => registry.counter('c_total', 'x', ['a']).labels('1').inc(-1), /only goes up/);
    assert.throws(() => registry.counter('d_total', 'x', ['a', 'b']).labels('1'), /takes 2 label values/);
  });
});

describe('GET /metrics', () => {
  const dir = mkdtempSync(join(tmpdir(), 'portico-metrics-'));
  const clock = new ManualClock(Date.UTC(2026, 5, 10, 9, 0, 0, 0));
  let server: TestServer;
  let closed: TestServer;
  let tiny: { id: string; key1: string };
  let other: { id: string; key1: string };

  const scrape = async (authorization = `Bearer ${TOKEN}`, target = server) => target.fetch('/metrics', { headers: authorization ? { authorization } : {} });
  const metrics = async (): Promise<Exposition> => {
    const res = await scrape();
    assert.equal(res.status, 200);
    return parseExposition(await res.text());
  };
  const echo = (key: string) => server.fetch('/test/echo', { headers: { 'Ocp-Apim-Subscription-Key': key } });
  const badJson = (key: string) => server.fetch('/test/echo', { method: 'POST', headers: { 'Ocp-Apim-Subscription-Key': key, 'content-type': 'application/json' }, body: '{' });

  before(async () => {
    const services = [echoService({ accepts: ['ComputerVision'], meter: 'vision' })];
    server = await startTestServer({ clock, services, env: { PORTICO_METRICS_TOKEN: TOKEN, PORTICO_CATALOG: tinyCatalog(dir) } });
    closed = await startTestServer({ services });
    const { token } = await newAccount(server);
    const create = async (name: string, tier: string, region: string) => {
      const res = await server.api('POST', '/api/resources', { name, kind: 'ComputerVision', tier, region }, token);
      assert.equal(res.status, 201, JSON.stringify(res.body));
      return res.body as { id: string; key1: string };
    };
    tiny = await create('tiny-vision', TINY, 'westus');
    other = await create('other-vision', 'S1', 'westus');

    // Within one second: two served, one bad body (400, admitted), then the rate's 429.
    assert.equal((await echo(tiny.key1)).status, 200);
    assert.equal((await echo(tiny.key1)).status, 200);
    assert.equal((await badJson(tiny.key1)).status, 400);
    assert.equal((await echo(tiny.key1)).status, 429);
    // The next second: two more served use up the quota of 5, then the quota's 403.
    clock.advance(1000);
    assert.equal((await echo(tiny.key1)).status, 200);
    assert.equal((await echo(tiny.key1)).status, 200);
    assert.equal((await echo(tiny.key1)).status, 403);
    assert.equal((await echo(other.key1)).status, 200);
    // A call whose key names no resource is nobody's.
    assert.equal((await echo('0123456789abcdef0123456789abcdef')).status, 401);
  });
  after(async () => {
    await server?.close();
    await closed?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('access', () => {
    it('answers 404 as for any unknown path when no PORTICO_METRICS_TOKEN is configured, whatever the header', async () => {
      const res = await scrape(`Bearer ${TOKEN}`, closed);
      assert.equal(res.status, 404);
      assert.deepEqual(await res.json(), { error: { code: '404', message: 'Resource not found: GET /metrics' } });
    });

    it('answers 401 with WWW-Authenticate without the bearer token, with another token or another scheme', async () => {
      for (const authorization of ['', 'Bearer wrong-token-0123456789', `Basic ${TOKEN}`, TOKEN]) {
        const res = await scrape(authorization);
        assert.equal(res.status, 401, authorization);
        assert.equal(res.headers.get('www-authenticate'), 'Bearer realm="portico-metrics"');
        assert.match((await res.json()).error.message, /Authorization: Bearer <PORTICO_METRICS_TOKEN>/);
      }
    });

    it('answers the token holder in the text exposition format, never cached', async () => {
      const res = await scrape();
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), 'text/plain; version=0.0.4; charset=utf-8');
      assert.equal(res.headers.get('cache-control'), 'no-store');
      assert.ok(parseExposition(await res.text()).samples.length > 0);
    });

    it('refuses to start with a token shorter than 16 characters', () => {
      assert.throws(() => loadConfig([], { PORTICO_METRICS_TOKEN: 'short' }), (err) => err instanceof ConfigError && /at least 16/.test(err.message));
    });
  });

  describe('what it counts', () => {
    const labelsOf = (r: { id: string }, name: string) => ({ resource: r.id, resource_name: name, kind: 'ComputerVision', region: 'westus', operation: ECHO_OPERATION, process: processWriterId() });

    it('declares every family with HELP and TYPE, named after Azure Monitor\'s metrics', async () => {
      const m = await metrics();
      assert.deepEqual(Object.fromEntries(m.types), {
        portico_total_calls_total: 'counter',
        portico_successful_calls_total: 'counter',
        portico_total_errors_total: 'counter',
        portico_client_errors_total: 'counter',
        portico_server_errors_total: 'counter',
        portico_blocked_calls_total: 'counter',
        portico_latency_milliseconds: 'histogram',
      });
      for (const name of m.types.keys()) assert.match(m.help.get(name) ?? '', /Azure \w+\)\.$/, name);
    });

    it('counts every call whose key named a resource, per resource and operation, and the 2xx among them', async () => {
      const m = await metrics();
      assert.equal(value(m, 'portico_total_calls_total', labelsOf(tiny, 'tiny-vision')), 7);
      assert.equal(value(m, 'portico_successful_calls_total', labelsOf(tiny, 'tiny-vision')), 4);
      assert.equal(value(m, 'portico_total_calls_total', labelsOf(other, 'other-vision')), 1);
      assert.equal(find(m, 'portico_total_calls_total').length, 2, 'the unknown key made no series');
    });

    it('counts errors by class and status code: the service\'s 400 and the gateway\'s 429 and 403 are client errors', async () => {
      const m = await metrics();
      const of = (status: string) => ({ ...labelsOf(tiny, 'tiny-vision'), status_code: status });
      for (const status of ['400', '429', '403']) {
        assert.equal(value(m, 'portico_client_errors_total', of(status)), 1, status);
        assert.equal(value(m, 'portico_total_errors_total', of(status)), 1, status);
      }
      assert.equal(find(m, 'portico_client_errors_total').length, 3);
      assert.equal(find(m, 'portico_server_errors_total').length, 0);
    });

    it('counts calls blocked by the rate limit (429) and by the monthly quota (403) apart', async () => {
      const m = await metrics();
      assert.equal(value(m, 'portico_blocked_calls_total', { ...labelsOf(tiny, 'tiny-vision'), reason: 'rate' }), 1);
      assert.equal(value(m, 'portico_blocked_calls_total', { ...labelsOf(tiny, 'tiny-vision'), reason: 'quota' }), 1);
      assert.equal(find(m, 'portico_blocked_calls_total').length, 2, 'the 400 was not blocked');
    });

    it('puts every call\'s latency in the histogram: cumulative buckets up to +Inf equal to _count, and a positive _sum', async () => {
      const m = await metrics();
      const labels = labelsOf(tiny, 'tiny-vision');
      const buckets = find(m, 'portico_latency_milliseconds_bucket', labels);
      assert.deepEqual(buckets.map((b) => b.labels.le), [...LATENCY_BUCKETS_MS.map(String), '+Inf']);
      for (let i = 1; i < buckets.length; i++) assert.ok(buckets[i].value >= buckets[i - 1].value, 'cumulative');
      assert.equal(buckets.at(-1)!.value, 7);
      assert.equal(value(m, 'portico_latency_milliseconds_count', labels), 7);
      assert.ok(value(m, 'portico_latency_milliseconds_sum', labels) > 0);
    });

    it('goes on counting between scrapes', async () => {
      const before_ = value(await metrics(), 'portico_total_calls_total', labelsOf(other, 'other-vision'));
      assert.equal((await echo(other.key1)).status, 200);
      assert.equal(value(await metrics(), 'portico_total_calls_total', labelsOf(other, 'other-vision')), before_ + 1);
    });
  });
});
