// A real Portico server on 127.0.0.1 with a fresh data folder (and optionally
// PostgreSQL), plus small helpers to call it over real HTTP.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Config } from '../../src/config.ts';
import { startServer, type RunningServer, type StartOptions } from '../../src/main.ts';

export interface TestServer extends RunningServer {
  config: Config;
  /** fetch against the server: path relative to its URL. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** JSON call to the console API with an optional bearer token. */
  api<T = any>(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: T; headers: Headers }>;
}

export interface TestServerOptions extends StartOptions {
  env?: Record<string, string>;
  databaseUrl?: string;
  /** Keep the demo account off unless a test asks for it. */
  demo?: boolean;
}

/**
 * Services are mounted only when a test names them (`services: [visionService()]`,
 * or `await loadServices()` for all), so platform tests do not load vision models.
 */

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'portico-test-'));
  const config = loadConfig([], {
    PORT: '0',
    HOST: '127.0.0.1',
    PORTICO_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    PORTICO_NO_DEMO: options.demo ? 'false' : 'true',
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
    ...options.env,
  });
  const server = await startServer(config, { logger: false, services: [], ...options });
  const fetchPath = (path: string, init?: RequestInit) => fetch(`${server.url}${path}`, init);
  return {
    ...server,
    config,
    fetch: fetchPath,
    async api(method, path, body, token) {
      const headers: Record<string, string> = {};
      if (body !== undefined) headers['content-type'] = 'application/json';
      if (token) headers.authorization = `Bearer ${token}`;
      const res = await fetchPath(path, { method, headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
      const text = await res.text();
      let parsed: any = text;
      try { parsed = text ? JSON.parse(text) : undefined; } catch { /* not JSON: keep the text */ }
      return { status: res.status, body: parsed, headers: res.headers };
    },
    async close() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

let counter = 0;

/** Signs up a fresh account and logs in; returns its token and authoring keys. */
export async function newAccount(server: TestServer, email = `user${++counter}-${Date.now()}@example.com`): Promise<{ email: string; password: string; token: string; account: any }> {
  const password = 'correct horse battery';
  const signup = await server.api('POST', '/api/signup', { email, password });
  if (signup.status !== 201) throw new Error(`signup failed: ${signup.status} ${JSON.stringify(signup.body)}`);
  const login = await server.api('POST', '/api/login', { email, password });
  if (login.status !== 200) throw new Error(`login failed: ${login.status} ${JSON.stringify(login.body)}`);
  return { email, password, token: login.body.token, account: signup.body };
}

/** A JSON call with a subscription key; `path` may start with a region prefix. */
export async function call(server: TestServer, method: string, path: string, key: string | undefined, body?: unknown): Promise<{ status: number; body: any; headers: Headers }> {
  const headers: Record<string, string> = {};
  if (key) headers['Ocp-Apim-Subscription-Key'] = key;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await server.fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let parsed: any = text;
  try { parsed = text ? JSON.parse(text) : undefined; } catch { /* CSV or text */ }
  return { status: res.status, body: parsed, headers: res.headers };
}
