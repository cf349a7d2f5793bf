// Calls with a chosen client address: servers started with BEHIND_LOCAL_PROXY
// trust X-Forwarded-For from 127.0.0.1 (the test process plays the proxy), so
// one test process can play many clients.
import type { TestServer } from '../support/server.ts';

/** Env for a server that believes X-Forwarded-For from this machine, as behind a local reverse proxy. */
export const BEHIND_LOCAL_PROXY = { PORTICO_TRUSTED_PROXIES: '127.0.0.1' } as const;

export async function call(server: TestServer, method: string, path: string, body: unknown, options: { address?: string; token?: string; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...options.headers };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (options.address) headers['x-forwarded-for'] = options.address;
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const res = await server.fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
}

export const PASSWORD = 'correct horse battery';
