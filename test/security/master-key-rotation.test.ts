// portico rotate-master-key: every stored key is re-encrypted under a new master
// key while a server keeps answering, a rotation killed midway is finished by
// running the command again, and no key is lost or unreadable at any point.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { startTestServer, type TestServer } from '../support/server.ts';
import { createTestDatabase, type TestDatabase } from '../support/postgres.ts';
import { echoService } from '../support/echo-service.ts';
import { masterKeyCheckValue } from '../../src/keys/secrets.ts';
import { readMasterKeyState } from '../../src/keys/master-key-check.ts';

const PORTICO = fileURLToPath(new URL('../../bin/portico.js', import.meta.url));
const KEY_A = 'a1'.repeat(32);
const KEY_B = 'b2'.repeat(32);
const KEY_C = 'c3'.repeat(32);
const SERVER_ENV = { PORTICO_INVALID_KEYS_PER_MINUTE: '1000000' };

interface Estate {
  accountId: string;
  /** Every resource's plain keys, by name, as the owner last saw them. */
  keys: Map<string, { key1: string; key2: string }>;
}

/** An account with `count` Computer Vision resources (plus its LUIS authoring keys) and their plain keys. */
async function buildEstate(server: TestServer, count: number): Promise<Estate> {
  const { accounts, resources } = server.platform;
  const account = await accounts.signUp(`rotate-${Date.now()}@example.com`, 'correct horse battery');
  for (let i = 0; i < count; i++) {
    await resources.create(account.id, { name: `vision-${String(i).padStart(5, '0')}`, kind: 'ComputerVision', tier: 'S1', region: 'westus' });
  }
  const keys = new Map<string, { key1: string; key2: string }>();
  for (const r of await resources.list(account.id)) keys.set(r.name, await resources.keys(account.id, r.name));
  return { accountId: account.id, keys };
}

/**
 * Calls the gateway with each Computer Vision key once, round after round, and
 * records every answer that is not 200. The key cache of a process serves a
 * key it has verified without the store, so `forgetAll` makes each round read
 * the store again (what a server started later, or one whose cache was
 * emptied, would do).
 */
function keepCalling(server: TestServer, estate: Estate) {
  const failures: string[] = [];
  let calls = 0;
  let stopped = false;
  const run = (async () => {
    while (!stopped) {
      for (const [name, { key1, key2 }] of estate.keys) {
        if (stopped) break;
        if (!name.startsWith('vision-')) continue;
        const id = (await server.platform.resources.get(estate.accountId, name)).id;
        server.platform.directory.forget(id);
        const key = calls % 2 === 0 ? key1 : key2;
        const res = await server.fetch('/test/echo', { headers: { 'Ocp-Apim-Subscription-Key': key } });
        calls++;
        if (res.status !== 200) failures.push(`${name}: ${res.status} ${await res.text()}`);
        else await res.arrayBuffer();
      }
    }
  })();
  return {
    failures,
    get calls() { return calls; },
    async stop() { stopped = true; await run; },
  };
}

interface CliRun {
  child: ChildProcess;
  lines: string[];
  exited: Promise<number | null>;
}

function runRotation(args: string[], env: Record<string, string> = {}): CliRun {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  delete childEnv.NODE_TEST_CONTEXT;
  const child = spawn(process.execPath, [PORTICO, 'rotate-master-key', ...args], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => lines.push(line));
  createInterface({ input: child.stderr! }).on('line', (line) => lines.push(line));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, lines, exited };
}

/** SIGKILLs the command once it has reported `batches` batches: a rotation stopped midway. */
async function killAfterBatches(run: CliRun, batches: number): Promise<void> {
  for (let waited = 0; waited < 60_000; waited += 10) {
    if (run.lines.filter((l) => l.startsWith('re-encrypting:')).length >= batches) {
      run.child.kill('SIGKILL');
      await run.exited;
      return;
    }
    if (run.child.exitCode !== null) throw new Error(`the rotation ended before it could be killed:\n${run.lines.join('\n')}`);
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('the rotation reported no progress within a minute');
}

async function finishes(run: CliRun): Promise<string> {
  const code = await run.exited;
  assert.equal(code, 0, run.lines.join('\n'));
  return run.lines.join('\n');
}

/** What the owner sees now matches what they saw before: no key lost or changed. */
async function assertKeysIntact(server: TestServer, estate: Estate): Promise<void> {
  const { resources } = server.platform;
  const now = new Map<string, { key1: string; key2: string }>();
  for (const r of await resources.list(estate.accountId)) now.set(r.name, await resources.keys(estate.accountId, r.name));
  assert.deepEqual(now, estate.keys);
}

/** Every stored ciphertext is sealed under `hex`, and the database records that key alone. */
async function assertAllUnder(server: TestServer, hex: string): Promise<void> {
  const check = masterKeyCheckValue(Buffer.from(hex, 'hex'));
  const state = await readMasterKeyState(server.platform.store.db);
  assert.equal(state.current?.check_value, check);
  assert.equal(state.current?.wrapped_key, null, 'no wrapped copy of a key is left behind');
  assert.equal(state.next, undefined);
  assert.equal(state.previous, undefined);
  const rows = await server.platform.store.db.selectFrom('resources').select(['key1_cipher', 'key2_cipher']).execute();
  const prefix = `v2-${check.slice(0, 16)}.`;
  assert.ok(rows.length > 0);
  for (const row of rows) assert.ok(row.key1_cipher.startsWith(prefix) && row.key2_cipher.startsWith(prefix), 'a key is left under another master key');
}

/** Keys changed through the console while the rotation runs are sealed under whichever key is current, and kept. */
async function changeKeysDuringRotation(server: TestServer, estate: Estate, round: number): Promise<void> {
  const { resources } = server.platform;
  const name = `made-during-${round}`;
  const made = await resources.create(estate.accountId, { name, kind: 'ComputerVision', tier: 'S1', region: 'westus' });
  estate.keys.set(name, made.keys);
  // An authoring key from before the rotation (the load calls only vision-* keys, so none of its calls races this change).
  const authoring = [...estate.keys.keys()].filter((n) => !n.startsWith('vision-') && !n.startsWith('made-during-')).sort()[round - 1];
  assert.ok(authoring, 'the account has an authoring key per round');
  estate.keys.set(authoring, await resources.regenerateKey(estate.accountId, authoring, 2));
}

describe('portico rotate-master-key on SQLite (master.key file)', () => {
  let server: TestServer;
  let estate: Estate;
  let oldKey: string;
  before(async () => {
    server = await startTestServer({ services: [echoService()], env: SERVER_ENV });
    estate = await buildEstate(server, 400);
    oldKey = readFileSync(join(server.config.dataDir, 'master.key'), 'utf8').trim();
  });
  after(async () => {
    await server?.close();
  });

  it('re-encrypts every key while the server answers every call, and a run killed midway is finished by running it again', async () => {
    const dataDir = server.config.dataDir;
    const load = keepCalling(server, estate);
    const first = runRotation(['--data-dir', dataDir, '--batch-size', '20', '--pause-ms', '40']);
    await changeKeysDuringRotation(server, estate, 1);
    await killAfterBatches(first, 4);

    const newKey = readFileSync(join(dataDir, 'master.key'), 'utf8').trim();
    assert.notEqual(newKey, oldKey, 'master.key holds the new key from the moment the database can hand out either');
    assert.equal(readFileSync(join(dataDir, 'master.key.previous'), 'utf8').trim(), oldKey, 'the old key is kept until the rotation is done');
    const state = await readMasterKeyState(server.platform.store.db);
    assert.equal(state.previous?.check_value, masterKeyCheckValue(Buffer.from(oldKey, 'hex')), 'the database records both keys while the rotation is unfinished');

    // Midway, a process started with either key opens every key.
    for (const key of [oldKey, newKey]) {
      const other = await startTestServer({ services: [echoService()], env: { ...SERVER_ENV, PORTICO_DATA_DIR: dataDir, PORTICO_MASTER_KEY: key } });
      try {
        await assertKeysIntact(other, estate);
        for (const [name, k] of [...estate.keys].filter(([n]) => n.startsWith('vision-')).slice(0, 400).filter((_, i) => i % 20 === 0)) {
          assert.equal((await other.fetch(`/test/echo?subscription-key=${k.key1}`)).status, 200, `${name} with the ${key === oldKey ? 'old' : 'new'} key`);
        }
      } finally {
        await other.close();
      }
    }

    const wrong = runRotation(['--data-dir', dataDir, '--new-master-key', KEY_C]);
    assert.equal(await wrong.exited, 1);
    assert.match(wrong.lines.join('\n'), /a rotation to another master key is under way/);

    const second = runRotation(['--data-dir', dataDir, '--batch-size', '50']);
    await changeKeysDuringRotation(server, estate, 2);
    assert.match(await finishes(second), /master key rotated \(an interrupted rotation finished\).*recorded in the audit log of \d+ accounts/);
    const audit = await server.platform.audit.list(estate.accountId, { limit: 50 });
    assert.deepEqual(audit.entries.filter((e) => e.type === 'master-key-rotated').map((e) => e.actor), ['operator'], "the finished rotation is in the owner's audit log, once");
    await changeKeysDuringRotation(server, estate, 3);
    await new Promise((r) => setTimeout(r, 1500));
    await load.stop();

    assert.deepEqual(load.failures, [], 'no call failed during or after the rotation');
    assert.ok(load.calls > 100, `the server was called throughout (${load.calls} calls)`);
    assert.equal(existsSync(join(dataDir, 'master.key.previous')), false, 'master.key.previous goes when the rotation is done');
    await assertAllUnder(server, newKey);
    await assertKeysIntact(server, estate);
    assert.equal(server.platform.vault.size(), 1, 'the running server has let the old key go');
    await assert.rejects(startTestServer({ env: { PORTICO_DATA_DIR: dataDir, PORTICO_MASTER_KEY: oldKey } }), /PORTICO_MASTER_KEY does not match/);
  });

  it('refuses the key in use as the new one and a malformed key, naming the option', async () => {
    const dataDir = server.config.dataDir;
    const current = readFileSync(join(dataDir, 'master.key'), 'utf8').trim();
    const same = runRotation(['--data-dir', dataDir, '--new-master-key', current]);
    assert.equal(await same.exited, 1);
    assert.match(same.lines.join('\n'), /--new-master-key is the master key already in use/);
    const bad = runRotation(['--data-dir', dataDir, '--new-master-key', 'xyz']);
    assert.equal(await bad.exited, 2);
    assert.match(bad.lines.join('\n'), /--new-master-key must be 64 hexadecimal characters/);
  });
});

describe('portico rotate-master-key on PostgreSQL (PORTICO_MASTER_KEY)', () => {
  let database: TestDatabase;
  let server: TestServer;
  let estate: Estate;
  before(async () => {
    database = await createTestDatabase();
    server = await startTestServer({ databaseUrl: database.url, services: [echoService()], env: { ...SERVER_ENV, PORTICO_MASTER_KEY: KEY_A } });
    estate = await buildEstate(server, 300);
  });
  after(async () => {
    await server?.close();
    await database?.drop();
  });

  it('asks for --new-master-key when the key comes from the environment', async () => {
    const run = runRotation(['--database-url', database.url], { PORTICO_MASTER_KEY: KEY_A });
    assert.equal(await run.exited, 1);
    assert.match(run.lines.join('\n'), /give the new one with --new-master-key/);
  });

  it('rotates while the server answers; killed midway, it is finished from the new key once the environment names it', async () => {
    const load = keepCalling(server, estate);
    const first = runRotation(['--database-url', database.url, '--new-master-key', KEY_B, '--batch-size', '20', '--pause-ms', '40'], { PORTICO_MASTER_KEY: KEY_A });
    await changeKeysDuringRotation(server, estate, 1);
    await killAfterBatches(first, 4);
    const midway = await readMasterKeyState(server.platform.store.db);
    assert.deepEqual([midway.current?.check_value, midway.previous?.check_value], [KEY_B, KEY_A].map((k) => masterKeyCheckValue(Buffer.from(k, 'hex'))));
    // The operator has already put the new key in the environment.
    const second = runRotation(['--database-url', database.url], { PORTICO_MASTER_KEY: KEY_B });
    await changeKeysDuringRotation(server, estate, 2);
    assert.match(await finishes(second), /Set PORTICO_MASTER_KEY to the new key in the environment of every Portico process/);
    await new Promise((r) => setTimeout(r, 1500));
    await load.stop();

    assert.deepEqual(load.failures, []);
    assert.ok(load.calls > 100, `the server was called throughout (${load.calls} calls)`);
    await assertAllUnder(server, KEY_B);
    await assertKeysIntact(server, estate);
    await assert.rejects(startTestServer({ databaseUrl: database.url, env: { PORTICO_MASTER_KEY: KEY_A } }), /PORTICO_MASTER_KEY does not match/);
    const restarted = await startTestServer({ databaseUrl: database.url, services: [echoService()], env: { ...SERVER_ENV, PORTICO_MASTER_KEY: KEY_B } });
    try {
      await assertKeysIntact(restarted, estate);
      const [, some] = [...estate.keys].find(([n]) => n.startsWith('vision-'))!;
      assert.equal((await restarted.fetch(`/test/echo?subscription-key=${some.key2}`)).status, 200);
    } finally {
      await restarted.close();
    }
  });
});
