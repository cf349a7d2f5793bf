// npm run bench:scale — what more processes buy on this machine. A gateway
// route (GET /test/echo: key lookup, scope, region, rate limit and quota,
// metering with group commit) served by 1, 2 and 4 node:cluster workers on
// PostgreSQL + Redis, and by one process on SQLite (the embedded default), all
// measured by autocannon in this process on loopback in one run. Redis round
// trips and PostgreSQL commits per request come from the servers' own counters
// (a private redis-server, so no other client's commands count).
//
// Options: --connections 64 --duration 5 (seconds per run) --warmup 2
import { mkdtempSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../../test/support/postgres.ts';
import { writeScaleCatalog, TIERS } from '../../test/scale/support/catalog.ts';
import { createScaleResource, sharedEnv, startPortico, type PorticoProcess } from '../../test/scale/support/processes.ts';
import { PrivateRedis, freePort } from '../../test/scale/support/redis.ts';

const { values: flags } = parseArgs({
  options: {
    connections: { type: 'string', default: '64' },
    duration: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '2' },
  },
});
const CONNECTIONS = Number(flags.connections);
const DURATION = Number(flags.duration);
const WARMUP = Number(flags.warmup);

interface Scenario {
  name: string;
  workers: number;
  store: 'sqlite' | 'postgres';
}

const SCENARIOS: Scenario[] = [
  { name: 'SQLite, 1 process (reference)', workers: 1, store: 'sqlite' },
  { name: 'PostgreSQL + Redis, 1 worker', workers: 1, store: 'postgres' },
  { name: 'PostgreSQL + Redis, 2 workers', workers: 2, store: 'postgres' },
  { name: 'PostgreSQL + Redis, 4 workers', workers: 4, store: 'postgres' },
];

interface Row {
  scenario: Scenario;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  redisPerRequest?: number;
  commitsPerRequest?: number;
}

async function load(url: string, key: string, seconds: number) {
  return autocannon({ url: `${url}/test/echo`, connections: CONNECTIONS, duration: seconds, headers: { 'Ocp-Apim-Subscription-Key': key } });
}

/** Commands clients sent (round trips); commands run inside the limiter's scripts and our own INFO are left out. */
const INSIDE_SCRIPTS = new Set(['get', 'set', 'incr', 'pexpire', 'info']);

async function redisRoundTrips(redis: PrivateRedis): Promise<number> {
  const client = redis.client();
  const info = await client.info('commandstats');
  client.disconnect();
  let total = 0;
  for (const [, name, calls] of info.matchAll(/cmdstat_([a-z|]+):calls=(\d+)/g)) if (!INSIDE_SCRIPTS.has(name)) total += Number(calls);
  return total;
}

async function commits(db: TestDatabase): Promise<number> {
  // Statistics reach pg_stat_database within a second of a transaction's end.
  await new Promise((r) => setTimeout(r, 1200));
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  const { rows } = await client.query('select xact_commit::bigint as n from pg_stat_database where datname = current_database()');
  await client.end();
  return Number(rows[0].n);
}

async function measure(scenario: Scenario, catalogPath: string): Promise<Row> {
  const port = await freePort();
  const db = scenario.store === 'postgres' ? await createTestDatabase() : undefined;
  const redis = scenario.store === 'postgres' ? await PrivateRedis.start() : undefined;
  const env = db
    ? sharedEnv(db.url, catalogPath, redis!.url)
    : { PORTICO_CATALOG: catalogPath, PORTICO_MASTER_KEY: 'a'.repeat(64), PORTICO_NO_DEMO: 'true', LOG_LEVEL: 'warn', HOST: '127.0.0.1' };
  let server: PorticoProcess | undefined;
  try {
    server = await startPortico({ env: { ...env, PORT: String(port), PORTICO_WORKERS: String(scenario.workers), PORTICO_DATA_DIR: mkdtempSync(join(tmpdir(), 'portico-bench-scale-')) } });
    // Keep-alive connections stay with the worker that accepted them: load only once all listen.
    if (scenario.workers > 1) await server.allWorkersServing();
    const { key1 } = await createScaleResource(server.url, 'bench', TIERS.unlimited);
    await load(server.url, key1, WARMUP);
    const redisBefore = redis ? await redisRoundTrips(redis) : 0;
    const commitsBefore = db ? await commits(db) : 0;
    const result = await load(server.url, key1, DURATION);
    const requests = result.requests.total;
    return {
      scenario,
      rps: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      errors: result.non2xx + result.errors + result.timeouts,
      redisPerRequest: redis ? ((await redisRoundTrips(redis)) - redisBefore) / requests : undefined,
      commitsPerRequest: db ? ((await commits(db)) - commitsBefore - 1) / requests : undefined,
    };
  } finally {
    await server?.stop();
    await redis?.kill();
    await db?.drop();
  }
}

const fmt = (n: number | undefined, digits = 0) => (n === undefined ? '—' : n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }));

const catalogPath = writeScaleCatalog();
const rows: Row[] = [];
console.log(`bench:scale — ${availableParallelism()} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}, ${CONNECTIONS} connections, ${DURATION} s per run after ${WARMUP} s warm-up`);
for (const scenario of SCENARIOS) {
  process.stdout.write(`  measuring ${scenario.name} …\n`);
  rows.push(await measure(scenario, catalogPath));
}
const reference = rows[0].rps;
console.log('');
console.log('| setup | req/s | vs SQLite | p50 ms | p99 ms | errors | Redis round trips/req | PostgreSQL commits/req |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(`| ${r.scenario.name} | ${fmt(r.rps)} | ${fmt(r.rps / reference, 2)}× | ${fmt(r.p50)} | ${fmt(r.p99)} | ${r.errors} | ${fmt(r.redisPerRequest, 2)} | ${fmt(r.commitsPerRequest, 3)} |`);
}
console.log('\nAll processes, PostgreSQL, Redis and the load generator share this machine\'s cores; see docs/deploy.md for what that means for many machines.');
