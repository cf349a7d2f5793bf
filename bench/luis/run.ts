// npm run bench:luis — prediction through the full server (gateway, key
// rules, metering, prediction, v2 JSON) against the engine's predict() called
// in this process, for a published 20-intent app; and import + train time of
// the largest fixture app through the authoring API.
//
// The server runs in a child process with the default catalogue except that
// the LUIS tiers' rates are raised (an operator's catalogue, bench/luis/setup.ts),
// so the 500 req/s load is not refused by the S0 tier's 50 calls a second.
//
// Options: --rate 500 (req/s of the fixed-rate run) --duration 10 --connections 20
import { pacedLoad } from './paced.ts';
import { benchAccount, benchCatalog, importAndTrain, json } from './setup.ts';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { startChildServer } from '../../test/support/child-server.ts';
import { exportLuisApp, loadModel, predict, serializeModel, train } from '../../src/nlu/index.ts';
import { syntheticApp } from '../nlu/synthetic.ts';
import { LUIS_FIXTURES_DIR } from '../../test/support/shared-dir.ts';

const { values: flags } = parseArgs({ options: {
  rate: { type: 'string', default: '500' }, duration: { type: 'string', default: '10' }, connections: { type: 'string', default: '20' },
} });
const RATE = Number(flags.rate);
const DURATION = Number(flags.duration);
const CONNECTIONS = Number(flags.connections);
const LARGEST_FIXTURE = `${LUIS_FIXTURES_DIR}iot-lights-large.json`;

function inProcess(queries: string[], seconds: number) {
  const app = syntheticApp(20, 2000, 7);
  const model = loadModel(serializeModel(train(app, { seed: 1 })));
  const latencies: number[] = [];
  const end = performance.now() + seconds * 1000;
  let i = 0;
  while (performance.now() < end) {
    const t = performance.now();
    predict(model, queries[i++ % queries.length], { timezoneOffset: 0 });
    latencies.push(performance.now() - t);
  }
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p / 100 * latencies.length))];
  return { rps: latencies.length / seconds, p50: pct(50), p99: pct(99) };
}

async function load(base: string, paths: string[], key: string, rate?: number) {
  // autocannon's type declarations lag its `requests` option (a sequence of requests per connection).
  const options = {
    url: base, connections: CONNECTIONS, duration: DURATION, ...(rate ? { overallRate: rate } : {}),
    headers: { 'Ocp-Apim-Subscription-Key': key },
    requests: paths.map((path) => ({ method: 'GET', path })),
  } as unknown as Parameters<typeof autocannon>[0];
  const result = await autocannon(options);
  const errors = result.non2xx + result.errors + result.timeouts;
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors, total: result.requests.total };
}

const dataDir = mkdtempSync(join(tmpdir(), 'portico-bench-luis-'));
const server = await startChildServer(fileURLToPath(new URL('./server.ts', import.meta.url)), [dataDir, benchCatalog(dataDir)]);
try {
  const base = (server.info as unknown as { url: string }).url;
  const auth = await benchAccount(base);
  const authoringKey = (await json(`${base}/api/account`, 'GET', undefined, auth)).authoringKeys.westus.key1;
  const endpointKey = (await json(`${base}/api/resources`, 'POST', { name: 'bench', kind: 'LUIS', tier: 'S0', region: 'westus' }, auth)).key1;

  const synthetic = syntheticApp(20, 2000, 7);
  const { appId } = await importAndTrain(base, authoringKey, exportLuisApp(synthetic), 'bench-20-intents');
  await json(`${base}/luis/api/v2.0/apps/${appId}/azureaccounts`, 'POST', { accountName: 'bench' }, { 'Ocp-Apim-Subscription-Key': authoringKey });
  const queries = synthetic.utterances.slice(0, 50).map((u) => u.text);
  const paths = queries.map((q) => `/luis/v2.0/apps/${appId}?q=${encodeURIComponent(q)}&log=false`);

  const largest = await importAndTrain(base, authoringKey, JSON.parse(readFileSync(LARGEST_FIXTURE, 'utf8')), 'iot-lights-large');

  await load(base, paths, endpointKey); // warm-up
  const fixed = await pacedLoad(base, paths, { 'Ocp-Apim-Subscription-Key': endpointKey }, RATE, DURATION);
  const max = await load(base, paths, endpointKey);
  const engine = inProcess(queries, DURATION);

  const f = (n: number, d = 2) => n.toFixed(d).padStart(10);
  console.log(`\nLUIS prediction, 20-intent app (2,000 utterances), ${CONNECTIONS} connections, ${DURATION} s per run, one machine (${process.platform}, ${availableParallelism()} cores, load average ${loadavg()[0].toFixed(1)} at the end: other processes share these cores)\n`);
  console.log('| run | req/s | p50 ms | p99 ms | errors |');
  console.log('|---|---:|---:|---:|---:|');
  console.log(`| HTTP v2.0 GET, evenly paced ${RATE} req/s (gateway, metering, predict) |${f(fixed.rps, 0)} |${f(fixed.p50)} |${f(fixed.p99)} |${String(fixed.errors).padStart(7)} |`);
  console.log(`| HTTP v2.0 GET, as fast as it goes |${f(max.rps, 0)} |${f(max.p50)} |${f(max.p99)} |${String(max.errors).padStart(7)} |`);
  console.log(`| engine predict() in-process, one thread |${f(engine.rps, 0)} |${f(engine.p50, 3)} |${f(engine.p99, 3)} |      0 |`);
  console.log(`\noverhead ratio (engine req/s ÷ HTTP max req/s): ${(engine.rps / max.rps).toFixed(2)}×; p99 at ${RATE} req/s: ${fixed.p99.toFixed(2)} ms (goal < 5 ms)`);
  console.log(`largest fixture (iot-lights-large, 545 utterances): import ${largest.importMs.toFixed(0)} ms, train ${largest.trainMs.toFixed(0)} ms (queue to Success, worker thread)`);
} finally {
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
