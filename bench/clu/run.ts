// npm run bench:clu — what the CLU route costs beside LUIS v3. One server
// process (LUIS and CLU, SQLite, rates raised by an operator's catalogue) with
// the same LUIS app imported twice: as a LUIS app (trained, published) and as
// a CLU project (format=Luis import, trained, deployed). The same utterances
// go to POST /luis/prediction/v3.0/.../slots/production/predict (the
// reference) and to POST /language/:analyze-conversations (ours), evenly
// paced at one rate, in rounds that alternate the routes and their order so
// drift on a shared machine hits both; the table gives p50/p99 of each, the
// server process's CPU time per request (steadier than latency when other
// processes share the cores), and the ratios (goal: ≤ 1.10).
//
// Options: --rate 500 (req/s) --duration 8 (seconds per round) --rounds 3
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startChildServer } from '../../test/support/child-server.ts';
import { exportLuisApp } from '../../src/nlu/index.ts';
import { syntheticApp } from '../nlu/synthetic.ts';
import { pacedLoad, percentile, type PacedRequest, type PacedResult } from '../luis/paced.ts';
import { benchAccount, benchCatalog, importAndTrain, json } from '../luis/setup.ts';

const { values: flags } = parseArgs({ options: {
  rate: { type: 'string', default: '500' }, duration: { type: 'string', default: '8' }, rounds: { type: 'string', default: '3' },
} });
const RATE = Number(flags.rate);
const DURATION = Number(flags.duration);
const ROUNDS = Number(flags.rounds);
const AUTHORING_VERSION = '2023-04-01';
const RUNTIME_VERSION = '2024-11-01';
const PROJECT = 'bench-20-intents';

/** Follows a CLU operation-location until the job is done. */
async function cluJob(base: string, key: string, method: string, path: string, body?: unknown): Promise<void> {
  const res = await fetch(`${base}${path}`, {
    method, headers: { 'Ocp-Apim-Subscription-Key': key, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status !== 202) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  const location = res.headers.get('operation-location')!;
  for (;;) {
    const job = await json(location, 'GET', undefined, { 'Ocp-Apim-Subscription-Key': key });
    if (job.status === 'succeeded') return;
    if (job.status !== 'notStarted' && job.status !== 'running') throw new Error(`${method} ${path}: job ${job.status} ${JSON.stringify(job.errors)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The LUIS app as a deployed CLU project: import (LUIS format), train, deploy. */
async function deployedCluProject(base: string, key: string, app: unknown): Promise<void> {
  const project = `/language/authoring/analyze-conversations/projects/${PROJECT}`;
  const q = `api-version=${AUTHORING_VERSION}`;
  await cluJob(base, key, 'POST', `${project}/:import?${q}&format=Luis`, app);
  await cluJob(base, key, 'POST', `${project}/:train?${q}`, { modelLabel: 'bench', trainingMode: 'standard' });
  await cluJob(base, key, 'PUT', `${project}/deployments/production?${q}`, { trainedModelLabel: 'bench' });
}

/** The server process's user + system CPU time in µs, from /proc (Linux); undefined elsewhere. */
function cpuMicros(pid: number | undefined): number | undefined {
  const path = `/proc/${pid}/stat`;
  if (pid === undefined || !existsSync(path)) return undefined;
  const fields = readFileSync(path, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10_000; // utime, stime in clock ticks of 10 ms
}

/** All rounds of one route as one sample: a round's p99 from a few thousand requests is noisy on its own. */
function pooled(results: PacedResult[]) {
  const latencies = results.flatMap((r) => r.latencies).sort((x, y) => x - y);
  return {
    rps: results.reduce((s, r) => s + r.rps, 0) / results.length, p50: percentile(latencies, 50), p99: percentile(latencies, 99),
    errors: results.reduce((s, r) => s + r.errors, 0),
  };
}

const dataDir = mkdtempSync(join(tmpdir(), 'portico-bench-clu-'));
const server = await startChildServer(fileURLToPath(new URL('../luis/server.ts', import.meta.url)), [dataDir, benchCatalog(dataDir, ['LUIS', 'TextAnalytics']), 'luis,clu']);
try {
  const base = (server.info as unknown as { url: string }).url;
  const auth = await benchAccount(base);
  const authoringKey = (await json(`${base}/api/account`, 'GET', undefined, auth)).authoringKeys.westus.key1;
  const luisKey = (await json(`${base}/api/resources`, 'POST', { name: 'bench-luis', kind: 'LUIS', tier: 'S0', region: 'westus' }, auth)).key1;
  const languageKey = (await json(`${base}/api/resources`, 'POST', { name: 'bench-language', kind: 'TextAnalytics', tier: 'S', region: 'westus' }, auth)).key1;

  const synthetic = syntheticApp(20, 2000, 7);
  const exported = exportLuisApp(synthetic);
  const { appId } = await importAndTrain(base, authoringKey, exported, PROJECT);
  await json(`${base}/luis/api/v2.0/apps/${appId}/azureaccounts`, 'POST', { accountName: 'bench-luis' }, { 'Ocp-Apim-Subscription-Key': authoringKey });
  await deployedCluProject(base, languageKey, exported);

  const queries = synthetic.utterances.slice(0, 50).map((u) => u.text);
  const routes: Array<{ name: string; key: string; requests: PacedRequest[] }> = [
    {
      name: 'reference: LUIS v3 POST .../slots/production/predict',
      key: luisKey,
      requests: queries.map((query) => ({ method: 'POST', path: `/luis/prediction/v3.0/apps/${appId}/slots/production/predict?log=false`, body: { query } })),
    },
    {
      name: 'ours: CLU POST /language/:analyze-conversations',
      key: languageKey,
      requests: queries.map((text) => ({
        method: 'POST', path: `/language/:analyze-conversations?api-version=${RUNTIME_VERSION}`,
        body: { kind: 'Conversation', analysisInput: { conversationItem: { id: '1', participantId: 'user', text } }, parameters: { projectName: PROJECT, deploymentName: 'production' } },
      })),
    },
  ];
  // Warm-up: both models loaded, the JIT warm, keys cached.
  for (const r of routes) await pacedLoad(base, r.requests, { 'Ocp-Apim-Subscription-Key': r.key }, RATE, 2);
  const results = routes.map(() => [] as PacedResult[]);
  const cpu = routes.map(() => 0);
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? [0, 1] : [1, 0];
    for (const i of order) {
      const before = cpuMicros(server.child.pid);
      results[i].push(await pacedLoad(base, routes[i].requests, { 'Ocp-Apim-Subscription-Key': routes[i].key }, RATE, DURATION));
      const after = cpuMicros(server.child.pid);
      if (before !== undefined && after !== undefined) cpu[i] += after - before;
    }
  }
  const [luis, clu] = results.map(pooled);
  const cpuPerRequest = cpu.map((micros, i) => micros / results[i].reduce((n, r) => n + r.total, 0));

  const f = (n: number, d = 2) => n.toFixed(d).padStart(8);
  console.log(`\nCLU beside LUIS v3 prediction, the same 20-intent LUIS app (2,000 utterances), evenly paced ${RATE} req/s, ${ROUNDS} alternating rounds of ${DURATION} s per route,`);
  console.log(`one machine (${process.platform}, ${availableParallelism()} cores, load average ${loadavg()[0].toFixed(1)} at the end: other processes share these cores)\n`);
  console.log('| route | req/s | p50 ms | p99 ms | server CPU µs/request | errors |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const [i, r] of [luis, clu].entries()) {
    console.log(`| ${routes[i].name} |${f(r.rps, 0)} |${f(r.p50)} |${f(r.p99)} |${f(cpuPerRequest[i], 0)} |${String(r.errors).padStart(7)} |`);
  }
  const ratio = (a: number, b: number) => (a / b).toFixed(2);
  console.log(`| ratio ours ÷ reference | | ${ratio(clu.p50, luis.p50)}× | ${ratio(clu.p99, luis.p99)}× | ${ratio(cpuPerRequest[1], cpuPerRequest[0])}× | |`);
  const met = (a: number, b: number) => (a <= b * 1.1 ? 'met' : 'not met');
  console.log(`\ngoal: the CLU route costs no more than 10% over LUIS v3: p50 ${met(clu.p50, luis.p50)}, p99 ${met(clu.p99, luis.p99)}, server CPU ${met(cpuPerRequest[1], cpuPerRequest[0])} in this run`);
} finally {
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
