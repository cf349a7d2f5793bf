// portico backup while a server meters a steady stream of calls, then portico
// restore into a new data folder and a server started on it.
//
// "Counted" means acknowledged: the gateway releases a reply only after the
// UsageRecorder's batch holding its call has committed (src/gateway/metering.ts),
// so a call whose response the client has received is in the database. The
// backup is a consistent image of the database at one moment between the
// command's start and its exit. Hence, exactly: every call answered before the
// command started is in the restored usage, and nothing is there that was not
// sent before the command exited.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ECHO_SERVER_SCRIPT, startChildServer } from '../support/child-server.ts';
import type { EchoServerInfo } from '../support/echo-server-process.ts';

const PORTICO = fileURLToPath(new URL('../../bin/portico.js', import.meta.url));
const CLIENTS = 8;
const DAY_MS = 86_400_000;

/** Runs a portico command to its end; resolves with its exit code and output. */
function portico(args: string[]): Promise<{ code: number | null; output: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.NODE_TEST_CONTEXT;
  const child = spawn(process.execPath, [PORTICO, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}

function callEcho(url: string, key: string, agent: http.Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.get(`${url}/test/echo`, { agent, headers: { 'Ocp-Apim-Subscription-Key': key } }, (response) => {
      response.on('end', () => resolve(response.statusCode!)).resume();
    });
    request.on('error', reject);
  });
}

/** Steady load: each client sends its next call when the last one is answered. Send and answer times are kept. */
function steadyLoad(info: EchoServerInfo) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
  const sentAt: number[] = [];
  const answeredAt: number[] = [];
  let stopped = false;
  const clients = Array.from({ length: CLIENTS }, async () => {
    while (!stopped) {
      sentAt.push(performance.now());
      const status = await callEcho(info.url, info.key, agent);
      if (status !== 200) throw new Error(`the gateway answered ${status} under load`);
      answeredAt.push(performance.now());
    }
  });
  return {
    sentBefore: (t: number) => sentAt.filter((s) => s < t).length,
    answeredBefore: (t: number) => answeredAt.filter((a) => a < t).length,
    async stop() {
      stopped = true;
      await Promise.all(clients);
      agent.destroy();
    },
  };
}

async function storedCalls(info: EchoServerInfo): Promise<number> {
  const login = await fetch(`${info.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: info.email, password: info.password }) });
  const { token } = await login.json() as { token: string };
  const day = (t: number) => new Date(t).toISOString().slice(0, 10);
  const now = Date.now();
  const res = await fetch(`${info.url}/api/resources/${info.resource}/usage?from=${day(now - DAY_MS)}&to=${day(now + DAY_MS)}`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(res.status, 200);
  const usage = await res.json() as { days: Array<{ calls: number }> };
  return usage.days.reduce((sum, d) => sum + d.calls, 0);
}

describe('portico backup under load (SQLite)', () => {
  it('a backup taken while calls are metered restores every call answered before it started, and none not yet sent when it ended', async (t) => {
    const liveDir = mkdtempSync(join(tmpdir(), 'portico-live-'));
    const restoredDir = mkdtempSync(join(tmpdir(), 'portico-restored-'));
    const backupDir = mkdtempSync(join(tmpdir(), 'portico-backups-'));
    const backupFile = join(backupDir, 'portico.db');
    try {
      const live = await startChildServer(ECHO_SERVER_SCRIPT, [liveDir]);
      let answeredBeforeStart: number;
      let sentBeforeEnd: number;
      try {
        const load = steadyLoad(live.info);
        await new Promise((r) => setTimeout(r, 1500));
        const started = performance.now();
        const backup = await portico(['backup', backupFile, '--data-dir', liveDir]);
        const ended = performance.now();
        await new Promise((r) => setTimeout(r, 500));
        await load.stop();
        assert.equal(backup.code, 0, backup.output);
        answeredBeforeStart = load.answeredBefore(started);
        sentBeforeEnd = load.sentBefore(ended);
        t.diagnostic(`backup: ${backup.output.trim()} (command ran ${Math.round(ended - started)} ms)`);
        assert.ok(answeredBeforeStart > 200, `load was running before the backup (${answeredBeforeStart} calls answered)`);
        assert.ok(load.answeredBefore(Infinity) > sentBeforeEnd, 'load went on after the backup');
      } finally {
        await live.stop();
      }

      const restoreStarted = performance.now();
      const restore = await portico(['restore', backupFile, '--data-dir', restoredDir]);
      assert.equal(restore.code, 0, restore.output);
      t.diagnostic(`restore: ${Math.round(performance.now() - restoreStarted)} ms including the command's start`);
      copyFileSync(join(liveDir, 'master.key'), join(restoredDir, 'master.key'));

      const restored = await startChildServer(ECHO_SERVER_SCRIPT, [restoredDir]);
      try {
        assert.equal(restored.info.key, live.info.key, 'the restored server serves the same key');
        const stored = await storedCalls(restored.info);
        t.diagnostic(`answered before the backup started ${answeredBeforeStart}, restored ${stored}, sent before it ended ${sentBeforeEnd}`);
        assert.ok(stored >= answeredBeforeStart, `every call answered before the backup started is restored (${stored} < ${answeredBeforeStart})`);
        assert.ok(stored <= sentBeforeEnd, `no call sent after the backup ended is restored (${stored} > ${sentBeforeEnd})`);
      } finally {
        await restored.stop();
      }
    } finally {
      for (const dir of [liveDir, restoredDir, backupDir]) rmSync(dir, { recursive: true, force: true });
    }
  });
});
