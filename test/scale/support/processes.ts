// Portico server processes for the scale tests: spawned with their own data
// folder, found by the URL in their banner, stopped gently or killed by pid.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ENTRY = fileURLToPath(new URL('./portico-process.ts', import.meta.url));
const BANNER = /listening on (http:\/\/[^\s/]+)\//;
const START_TIMEOUT_MS = 60_000;

export interface PorticoProcess {
  url: string;
  child: ChildProcess;
  /** Everything the process wrote to stderr, for failure messages. */
  stderr(): string;
  stdout(): string;
  /** With --workers N: resolves when the primary reports every worker serving. */
  allWorkersServing(): Promise<void>;
  /** SIGTERM, then wait for exit (SIGKILL after 10 s). */
  stop(): Promise<void>;
  exited: Promise<number | null>;
}

export interface PorticoProcessOptions {
  env: Record<string, string>;
  args?: string[];
}

/** Environment every scale-test process shares: a database, Redis and the test catalogue. */
export function sharedEnv(databaseUrl: string, catalogPath: string, redisUrl?: string): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    PORTICO_CATALOG: catalogPath,
    PORTICO_MASTER_KEY: 'a'.repeat(64),
    PORTICO_NO_DEMO: 'true',
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    PORT: '0',
    ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
  };
}

export function startPortico(options: PorticoProcessOptions): Promise<PorticoProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, ...(options.args ?? [])], {
    env: { ...process.env, PORTICO_DATA_DIR: mkdtempSync(join(tmpdir(), 'portico-scale-')), ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`Portico did not start within ${START_TIMEOUT_MS} ms\nstdout: ${out}\nstderr: ${err}`));
    }, START_TIMEOUT_MS);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk;
      const match = BANNER.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({
          url: match[1],
          child,
          exited,
          stderr: () => err,
          stdout: () => out,
          async allWorkersServing() {
            const deadline = Date.now() + START_TIMEOUT_MS;
            while (!/\d+ workers serving/.test(out)) {
              if (Date.now() > deadline || child.exitCode !== null) throw new Error(`the workers did not all start\nstdout: ${out}\nstderr: ${err}`);
              await new Promise((r) => setTimeout(r, 50));
            }
          },
          async stop() {
            if (child.exitCode !== null || child.signalCode !== null) return;
            const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
            child.kill('SIGTERM');
            await exited;
            clearTimeout(kill);
          },
        });
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => { err += chunk; });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`Portico exited (code ${code}) before listening\nstdout: ${out}\nstderr: ${err}`));
    });
  });
}

/** Calls the console API of one process. */
export async function api<T = any>(baseUrl: string, method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

let accounts = 0;

/** Signs up on one process and creates a resource of the ScaleTest kind; returns its keys and a token. */
export async function createScaleResource(baseUrl: string, name: string, tier: string): Promise<{ token: string; key1: string; key2: string; name: string }> {
  const email = `scale${++accounts}-${process.pid}-${Date.now()}@example.com`;
  const password = 'correct horse battery';
  const signup = await api(baseUrl, 'POST', '/api/signup', { email, password });
  if (signup.status !== 201) throw new Error(`signup failed: ${signup.status} ${JSON.stringify(signup.body)}`);
  const login = await api(baseUrl, 'POST', '/api/login', { email, password });
  const token = login.body.token as string;
  const created = await api(baseUrl, 'POST', '/api/resources', { name, kind: 'ScaleTest', tier, region: 'westus' }, token);
  if (created.status !== 201) throw new Error(`resource create failed: ${created.status} ${JSON.stringify(created.body)}`);
  return { token, key1: created.body.key1, key2: created.body.key2, name };
}
