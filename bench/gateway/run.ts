// npm run bench:gateway — what the gateway costs. One server process (the echo
// service, SQLite in a fresh folder) and autocannon in this process on
// loopback: GET /test/bare (no gateway) against GET /test/echo (key lookup,
// scope, region, rate limit, metering with group commit), and the gateway with
// metering writes switched off to show what group commit costs. Rounds
// alternate the variants so drift on a shared machine hits all of them.
//
// Options: --connections 50 --duration 5 (seconds per run) --rounds 3 --warmup 3
//          --cpu-prof <dir> (profile the server process into <dir>)
//          --only gateway (run one variant: bare, gateway or no-writes; for profiling)
//          --postgres (store in a fresh database on the PostgreSQL at 127.0.0.1:5432 instead of SQLite)
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { startChildServer, type ChildServer } from '../../test/support/child-server.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/postgres.ts';
import type { BenchRequest, BenchStats } from './server.ts';

const { values: flags } = parseArgs({
  options: {
    connections: { type: 'string', default: '50' },
    duration: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '3' },
    warmup: { type: 'string', default: '3' },
    'cpu-prof': { type: 'string' },
    only: { type: 'string' },
    postgres: { type: 'boolean' },
  },
});
const CONNECTIONS = Number(flags.connections);
const DURATION = Number(flags.duration);
const ROUNDS = Number(flags.rounds);
const WARMUP = Number(flags.warmup);

interface Variant {
  id: string;
  name: string;
  path: string;
  withKey: boolean;
  meteringWrites: boolean;
}

const VARIANTS: Variant[] = [
  { id: 'bare', name: 'bare: GET /test/bare, no gateway', path: '/test/bare', withKey: false, meteringWrites: true },
  { id: 'gateway', name: 'gateway: GET /test/echo, metering on (group commit)', path: '/test/echo', withKey: true, meteringWrites: true },
  { id: 'no-writes', name: 'gateway, metering writes off (measurement only)', path: '/test/echo', withKey: true, meteringWrites: false },
];

interface Measurement {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  batches: number;
  /** Server CPU time per request: steadier than req/s when other processes share the cores. */
  cpuMicrosPerRequest: number;
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function ask<T>(server: ChildServer, request: BenchRequest): Promise<T> {
  return new Promise((resolve) => {
    server.child.once('message', (m) => resolve(m as T));
    server.child.send(request);
  });
}

/** One autocannon run; latencies are kept in full precision (autocannon's own histogram rounds to whole ms). */
async function measure(server: ChildServer, variant: Variant, seconds: number): Promise<Measurement> {
  await ask(server, { type: 'metering-writes', on: variant.meteringWrites });
  const before = await ask<BenchStats>(server, { type: 'stats' });
  const latencies: number[] = [];
  const instance = autocannon({
    url: `${server.info.url}${variant.path}`,
    connections: CONNECTIONS,
    duration: seconds,
    headers: variant.withKey ? { 'Ocp-Apim-Subscription-Key': server.info.key } : {},
  });
  instance.on('response', (_client, _status, _bytes, responseTime) => { latencies.push(responseTime); });
  const result = await instance;
  const after = await ask<BenchStats>(server, { type: 'stats' });
  if (result.non2xx || result.errors || result.timeouts) {
    throw new Error(`${variant.name}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts (${JSON.stringify(result.statusCodeStats)})`);
  }
  const sorted = Float64Array.from(latencies).sort();
  return {
    rps: result.requests.total / seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    requests: result.requests.total,
    batches: after.batches - before.batches,
    cpuMicrosPerRequest: (after.cpuMicros - before.cpuMicros) / result.requests.total,
  };
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** Profiling one variant: warm-up and rounds as usual, only the measurements printed. */
async function runOnly(server: ChildServer, variant: Variant): Promise<void> {
  await measure(server, variant, WARMUP);
  for (let round = 1; round <= ROUNDS; round++) {
    const m = await measure(server, variant, DURATION);
    console.log(`${variant.id}: ${fmt(m.rps)} req/s, p50 ${m.p50.toFixed(2)} ms, p99 ${m.p99.toFixed(2)} ms, server CPU ${m.cpuMicrosPerRequest.toFixed(1)} µs/req`);
  }
}

async function main(): Promise<void> {
  const only = flags.only === undefined ? undefined : VARIANTS.find((v) => v.id === flags.only);
  if (flags.only !== undefined && !only) throw new Error(`--only must be one of ${VARIANTS.map((v) => v.id).join(', ')}`);
  const dataDir = mkdtempSync(join(tmpdir(), 'portico-bench-gateway-'));
  const profileDir = flags['cpu-prof'] ? resolve(flags['cpu-prof']) : undefined;
  const database: TestDatabase | undefined = flags.postgres ? await createTestDatabase() : undefined;
  const server = await startChildServer(fileURLToPath(new URL('./server.ts', import.meta.url)), database ? [dataDir, database.url] : [dataDir], {
    execArgv: profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [],
  });
  try {
    if (only) return await runOnly(server, only);
    console.error(`server ${server.info.url}; ${CONNECTIONS} connections, ${ROUNDS} rounds of ${DURATION} s per variant after ${WARMUP} s warm-up each`);
    for (const variant of VARIANTS) await measure(server, variant, WARMUP);
    const runs = new Map<Variant, Measurement[]>(VARIANTS.map((v) => [v, []]));
    for (let round = 1; round <= ROUNDS; round++) {
      for (const variant of VARIANTS) {
        const m = await measure(server, variant, DURATION);
        runs.get(variant)!.push(m);
        console.error(`round ${round} ${variant.name}: ${fmt(m.rps)} req/s, p50 ${m.p50.toFixed(2)} ms, p99 ${m.p99.toFixed(2)} ms, server CPU ${m.cpuMicrosPerRequest.toFixed(1)} µs/req, ${m.batches} batches`);
      }
    }
    const summary = VARIANTS.map((v) => {
      const ms = runs.get(v)!;
      return {
        variant: v,
        rps: median(ms.map((m) => m.rps)),
        p50: median(ms.map((m) => m.p50)),
        p99: median(ms.map((m) => m.p99)),
        cpu: median(ms.map((m) => m.cpuMicrosPerRequest)),
        requests: ms.reduce((s, m) => s + m.requests, 0),
        batches: ms.reduce((s, m) => s + m.batches, 0),
      };
    });
    const [bare, gateway, noWrites] = summary;
    console.log(`\n### Gateway benchmark (${CONNECTIONS} connections, loopback, ${database ? 'PostgreSQL' : 'SQLite'}, median of ${ROUNDS} × ${DURATION} s)\n`);
    console.log('| route | req/s | p50 ms | p99 ms | throughput vs bare | p99 added | server CPU µs/req | CPU-bound throughput vs bare |');
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
    for (const s of summary) {
      const isBare = s === bare;
      console.log(`| ${s.variant.name} | ${fmt(s.rps)} | ${s.p50.toFixed(2)} | ${s.p99.toFixed(2)} | ${isBare ? '—' : `${fmt((s.rps / bare.rps) * 100, 1)}%`} | ${isBare ? '—' : `${(s.p99 - bare.p99).toFixed(2)} ms`} | ${s.cpu.toFixed(1)} | ${isBare ? '—' : `${fmt((bare.cpu / s.cpu) * 100, 1)}%`} |`);
    }
    console.log(`\nLoad average at the end: ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${availableParallelism()} cores (req/s and p99 move with other work on the machine; CPU µs per request much less).`);
    const ratio = gateway.rps / bare.rps;
    const added = gateway.p99 - bare.p99;
    console.log(`\nGoal ≥ 85% of bare throughput: ${fmt(ratio * 100, 1)}% — ${ratio >= 0.85 ? 'met' : 'MISSED'}. Goal ≤ 1 ms added at p99: ${added.toFixed(2)} ms — ${added <= 1 ? 'met' : 'MISSED'}.`);
    console.log(`Group commit: ${fmt(gateway.batches)} transactions for ${fmt(gateway.requests)} metered calls (${fmt(gateway.requests / Math.max(1, gateway.batches), 1)} calls per commit); `
      + `metering writes cost ${(gateway.cpu - noWrites.cpu).toFixed(1)} µs of server CPU per call, ${fmt((1 - gateway.rps / noWrites.rps) * 100, 1)}% of throughput and ${(gateway.p99 - noWrites.p99).toFixed(2)} ms at p99.`);
  } finally {
    await server.stop();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  if (profileDir) console.error(`server CPU profile written to ${profileDir}`);
}

await main();
