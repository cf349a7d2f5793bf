// Metering loses nothing: SIGKILL the server in the middle of load, start it
// again on the same data, and every counted response the clients received is
// in the stored usage (replies are released only after their batch commits).
//
// Exact equality is the common outcome but cannot be promised: a kill that
// lands after a batch commits and before all of its replies reach the socket
// leaves calls that are stored but were never answered. Those can only be
// calls in flight when the server died, at most one per client connection, so
// the test bounds the excess by the clients whose last call got no answer.
import { after, describe, it, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ECHO_SERVER_SCRIPT, startChildServer } from '../support/child-server.ts';
import { createTestDatabase } from '../support/postgres.ts';
import type { EchoServerInfo } from '../support/echo-server-process.ts';

const CONNECTIONS = 48;
const LOAD_MS = 2500;
const DAY_MS = 86_400_000;

interface Tally {
  /** Responses received with a status the gateway meters (2xx, 4xx), by key. */
  counted: Map<string, number>;
  /** Clients whose last call got no response (in flight when the server died), by key. */
  cutOff: Map<string, number>;
}

async function json(url: string, init: RequestInit = {}): Promise<any> {
  const res = await fetch(url, { ...init, headers: { 'content-type': 'application/json', ...init.headers } });
  const body = await res.json();
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${url}: ${res.status} ${JSON.stringify(body)}`);
  return body;
}

async function logIn(info: EchoServerInfo): Promise<string> {
  return (await json(`${info.url}/api/login`, { method: 'POST', body: JSON.stringify({ email: info.email, password: info.password }) })).token;
}

/** One call; resolves with the status once the response head arrives (the client has received an answer). */
function callEcho(url: string, key: string, agent: http.Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.get(`${url}/test/echo`, { agent, headers: { 'Ocp-Apim-Subscription-Key': key } }, (response) => {
      response.on('error', () => undefined).resume();
      resolve(response.statusCode!);
    });
    request.on('error', reject);
  });
}

/** Load from CONNECTIONS clients, each sending one call at a time with one of the keys, until the server dies. */
async function loadUntilDead(url: string, keys: string[], serverGone: Promise<unknown>): Promise<Tally> {
  // node:http rather than fetch: it keeps the load dense enough (thousands of calls a second) on a small machine.
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const tally: Tally = { counted: new Map(keys.map((k) => [k, 0])), cutOff: new Map(keys.map((k) => [k, 0])) };
  let dead = false;
  serverGone.then(() => { dead = true; });
  const client = async (n: number) => {
    const key = keys[n % keys.length];
    while (!dead) {
      let status: number;
      try {
        status = await callEcho(url, key, agent);
      } catch {
        // The server is gone: this client's call was in flight. It stops here.
        tally.cutOff.set(key, tally.cutOff.get(key)! + 1);
        return;
      }
      if ((status >= 200 && status < 300) || (status >= 400 && status < 500)) tally.counted.set(key, tally.counted.get(key)! + 1);
      else throw new Error(`unexpected status ${status} from the gateway route`);
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, (_, n) => client(n)));
  agent.destroy();
  return tally;
}

async function storedCalls(url: string, token: string, resource: string): Promise<number> {
  const now = Date.now();
  const day = (t: number) => new Date(t).toISOString().slice(0, 10);
  const usage = await json(`${url}/api/resources/${resource}/usage?from=${day(now - DAY_MS)}&to=${day(now + DAY_MS)}`, { headers: { authorization: `Bearer ${token}` } });
  return usage.days.reduce((sum: number, d: { calls: number }) => sum + d.calls, 0);
}

async function crashDuringLoad(test: TestContext, databaseUrl?: string): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'portico-crash-'));
  const args = databaseUrl ? [dataDir, databaseUrl] : [dataDir];
  try {
    const first = await startChildServer(ECHO_SERVER_SCRIPT, args);
    let free: { key1: string };
    let tally: Tally;
    try {
      const token = await logIn(first.info);
      // A free resource too, so that load also meets counted refusals (429 after 20 calls a minute).
      free = await json(`${first.info.url}/api/resources`, {
        method: 'POST', headers: { authorization: `Bearer ${token}` },
        body: JSON.stringify({ name: 'free', kind: 'ComputerVision', tier: 'F0', region: 'westus' }),
      });
      const load = loadUntilDead(first.info.url, [first.info.key, free.key1], first.exited);
      await new Promise((r) => setTimeout(r, LOAD_MS));
      first.child.kill('SIGKILL');
      assert.equal(await first.exited, 'SIGKILL');
      tally = await load;
    } finally {
      // Never leave the first server running when setting up the load failed.
      if (first.child.exitCode === null && first.child.signalCode === null) first.child.kill('SIGKILL');
    }
    const cutOff = [...tally.cutOff.values()].reduce((a, b) => a + b, 0);
    assert.ok(cutOff > 0, 'the kill came while calls were in flight');

    const second = await startChildServer(ECHO_SERVER_SCRIPT, args);
    try {
      const again = await logIn(second.info);
      const resources = [{ name: 'echo', key: first.info.key, minimum: 200 }, { name: 'free', key: free.key1, minimum: 200 }];
      for (const { name, key, minimum } of resources) {
        const received = tally.counted.get(key)!;
        const inFlight = tally.cutOff.get(key)!;
        const stored = await storedCalls(second.info.url, again, name);
        assert.ok(received >= minimum, `load reached "${name}": ${received} responses`);
        assert.ok(stored >= received, `"${name}": every counted response received is stored (stored ${stored}, received ${received})`);
        assert.ok(stored - received <= inFlight, `"${name}": the only extra stored calls are the ${inFlight} cut off by the kill (stored ${stored}, received ${received})`);
        test.diagnostic(`${name}: received ${received}, stored ${stored}, cut off in flight ${inFlight}`);
      }
    } finally {
      await second.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

describe('metering survives kill -9 during load', () => {
  it('SQLite: after SIGKILL and restart, every counted response received is stored; extra only for calls cut off in flight', async (t) => {
    await crashDuringLoad(t);
  });

  describe('PostgreSQL', () => {
    let drop: (() => Promise<void>) | undefined;
    after(async () => { await drop?.(); });

    it('after SIGKILL and restart, every counted response received is stored; extra only for calls cut off in flight', async (t) => {
      const db = await createTestDatabase();
      drop = db.drop;
      await crashDuringLoad(t, db.url);
    });
  });
});
