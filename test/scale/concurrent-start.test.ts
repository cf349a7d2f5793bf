// Several processes started at the same moment on an empty PostgreSQL
// database: the migrations run once, and every process serves. And
// `portico start --workers N` runs N workers on one port.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../support/postgres.ts';
import { writeScaleCatalog } from './support/catalog.ts';
import { api, createScaleResource, sharedEnv, startPortico, type PorticoProcess } from './support/processes.ts';
import { freePort, requireSharedRedis, SHARED_REDIS_URL } from './support/redis.ts';
import { TIERS } from './support/catalog.ts';
import { MIGRATIONS } from '../../src/store/database.ts';

const cleanups: Array<() => Promise<void>> = [];
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function freshDatabase(): Promise<TestDatabase> {
  const db = await createTestDatabase();
  cleanups.push(() => db.drop());
  return db;
}

describe('starting many processes on one empty database', () => {
  it('applies each migration once and lets all four processes serve', async () => {
    (await requireSharedRedis()).disconnect();
    const db = await freshDatabase();
    const env = sharedEnv(db.url, writeScaleCatalog(), SHARED_REDIS_URL);
    const processes: PorticoProcess[] = await Promise.all(Array.from({ length: 4 }, () => startPortico({ env })));
    cleanups.push(async () => { await Promise.all(processes.map((p) => p.stop())); });

    const sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
    const { rows } = await sql.query('select name from kysely_migration order by name');
    await sql.end();
    assert.deepEqual(rows.map((r) => r.name), Object.keys(MIGRATIONS));
    for (const p of processes) assert.doesNotMatch(p.stderr(), /error/i);

    const { key1 } = await createScaleResource(processes[0].url, 'everywhere', TIERS.unlimited);
    for (const p of processes) {
      assert.equal((await api(p.url, 'GET', '/api/catalog')).status, 200);
      const echo = await fetch(`${p.url}/test/echo`, { headers: { 'Ocp-Apim-Subscription-Key': key1 } });
      assert.equal(echo.status, 200);
    }
  });
});

describe('portico start --workers N', () => {
  it('runs N worker processes behind one port that share the database, and stops them all on SIGTERM', async () => {
    const db = await freshDatabase();
    const port = await freePort();
    const bin = fileURLToPath(new URL('../../bin/portico.js', import.meta.url));
    const child = spawn(process.execPath, [bin, 'start', '--workers', '3', '--port', String(port), '--no-demo'], {
      env: { ...process.env, ...sharedEnv(db.url, writeScaleCatalog(), SHARED_REDIS_URL), PORT: String(port), PORTICO_DATA_DIR: mkdtempSync(join(tmpdir(), 'portico-workers-')) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    cleanups.push(async () => { if (child.exitCode === null) { child.kill('SIGKILL'); await exited; } });
    let out = '';
    child.stdout.on('data', (c: Buffer) => { out += c; });
    let err = '';
    child.stderr.on('data', (c: Buffer) => { err += c; });
    const deadline = Date.now() + 60_000;
    while (!/3 workers serving/.test(out)) {
      if (Date.now() > deadline || child.exitCode !== null) assert.fail(`the cluster did not start\nstdout: ${out}\nstderr: ${err}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(out.match(/Portico is listening on/g)?.length, 1, `the banner is printed once\nstdout: ${out}`);
    const workers = execFileSync('ps', ['-o', 'pid=', '--ppid', String(child.pid)], { encoding: 'utf8' }).trim().split('\n');
    assert.equal(workers.length, 3, `worker processes: ${workers.join(', ')}`);

    // Many short connections: the primary hands them to different workers.
    const url = `http://127.0.0.1:${port}`;
    const signup = await api(url, 'POST', '/api/signup', { email: 'workers@example.com', password: 'correct horse battery' });
    assert.equal(signup.status, 201, `sign-up answered ${signup.status} ${JSON.stringify(signup.body)}\nstderr: ${err}`);
    const logins = await Promise.all(Array.from({ length: 12 }, () => api(url, 'POST', '/api/login', { email: 'workers@example.com', password: 'correct horse battery' })));
    for (const login of logins) assert.equal(login.status, 200, `a login answered ${login.status} ${JSON.stringify(login.body)}\nstderr: ${err}`);

    child.kill('SIGTERM');
    assert.equal(await exited, 0, `the cluster's exit code after SIGTERM\nstdout: ${out}\nstderr: ${err}`);
  });
});
