// One database, one master key: a process whose master key the database does not
// know refuses to start, naming the setting, instead of answering 401 to every key.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { startTestServer, newAccount, type TestServer } from '../support/server.ts';
import { createTestDatabase, type TestDatabase } from '../support/postgres.ts';
import { echoService } from '../support/echo-service.ts';

const OTHER_KEY = 'ab'.repeat(32);

async function createKey(server: TestServer): Promise<string> {
  const { token } = await newAccount(server);
  const created = await server.api('POST', '/api/resources', { name: 'master-key-test', kind: 'ComputerVision', tier: 'S1', region: 'westus' }, token);
  assert.equal(created.status, 201);
  return created.body.key1;
}

function masterKeyOf(server: TestServer): string {
  return readFileSync(join(server.config.dataDir, 'master.key'), 'utf8').trim();
}

describe('master key check on PostgreSQL, processes with their own data folders', () => {
  let database: TestDatabase;
  let first: TestServer;
  let key: string;
  before(async () => {
    database = await createTestDatabase();
    first = await startTestServer({ databaseUrl: database.url, services: [echoService()] });
    key = await createKey(first);
  });
  after(async () => {
    await first?.close();
    await database?.drop();
  });

  it('refuses to generate a second master key into an empty data folder while the database holds keys', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'portico-master-'));
    try {
      await assert.rejects(startTestServer({ databaseUrl: database.url, env: { PORTICO_DATA_DIR: dataDir } }),
        /PORTICO_MASTER_KEY is not set .*refusing to generate a new one/);
      assert.equal(existsSync(join(dataDir, 'master.key')), false, 'nothing is left behind to be picked up next start');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses a PORTICO_MASTER_KEY that does not match, naming the setting', async () => {
    await assert.rejects(startTestServer({ databaseUrl: database.url, env: { PORTICO_MASTER_KEY: OTHER_KEY } }),
      /PORTICO_MASTER_KEY does not match .*Set PORTICO_MASTER_KEY to the master key every other Portico process/);
  });

  it('serves the first process keys once given the same master key', async () => {
    const second = await startTestServer({ databaseUrl: database.url, services: [echoService()], env: { PORTICO_MASTER_KEY: masterKeyOf(first) } });
    try {
      assert.equal((await second.fetch(`/test/echo?subscription-key=${key}`)).status, 200);
      const own = await createKey(second);
      assert.equal((await first.fetch(`/test/echo?subscription-key=${own}`)).status, 200, 'keys the second creates open in the first');
    } finally {
      await second.close();
    }
  });

  it('admits only one of two first starts racing with different keys on an empty database', async () => {
    const empty = await createTestDatabase();
    try {
      const starts = await Promise.allSettled([OTHER_KEY, 'cd'.repeat(32)].map((k) =>
        startTestServer({ databaseUrl: empty.url, env: { PORTICO_MASTER_KEY: k } })));
      assert.deepEqual(starts.map((s) => s.status).sort(), ['fulfilled', 'rejected']);
      for (const s of starts) if (s.status === 'fulfilled') await s.value.close();
    } finally {
      await empty.drop();
    }
  });
});

describe('master key check on SQLite', () => {
  it('refuses a replaced master.key file, and a database from before the check value proves the key on a stored key', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'portico-master-'));
    try {
      const server = await startTestServer({ services: [echoService()], env: { PORTICO_DATA_DIR: dataDir } });
      await createKey(server);
      await server.close();
      const file = join(dataDir, 'master.key');
      const original = readFileSync(file, 'utf8');
      writeFileSync(file, OTHER_KEY + '\n');
      await assert.rejects(startTestServer({ env: { PORTICO_DATA_DIR: dataDir } }), /master\.key does not match .*copy their master\.key here/);

      const sqlite = new SQLite(join(dataDir, 'portico.db'));
      sqlite.prepare('DELETE FROM master_key_checks').run();
      sqlite.close();
      await assert.rejects(startTestServer({ env: { PORTICO_DATA_DIR: dataDir } }), /does not match/);
      writeFileSync(file, original);
      const restarted = await startTestServer({ env: { PORTICO_DATA_DIR: dataDir } });
      await restarted.close();
      const check = new SQLite(join(dataDir, 'portico.db'));
      assert.equal((check.prepare('SELECT count(*) AS n FROM master_key_checks').get() as { n: number }).n, 1, 'the check value is recorded once the key is proven');
      check.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
