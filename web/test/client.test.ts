// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError, request, shouldRetry } from '../src/api/client.ts';

// A real HTTP server answering the way Portico's console API does.
let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/conflict') {
      res.writeHead(409, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'Conflict', message: 'a resource named "x" already exists in this account' } }));
    } else if (req.url === '/echo') {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ method: req.method, type: req.headers['content-type'], body: JSON.parse(body) }));
      });
    } else if (req.url === '/empty') {
      res.writeHead(204);
      res.end();
    } else {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html>bad gateway</html>');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('calling the console API', () => {
  it('sends JSON and returns the parsed answer', async () => {
    expect(await request(`${base}/echo`, { method: 'POST', body: { tier: 'S0' } })).toEqual({ method: 'POST', type: 'application/json', body: { tier: 'S0' } });
  });

  it('returns nothing for an empty answer', async () => {
    expect(await request(`${base}/empty`, { method: 'DELETE' })).toBeUndefined();
  });

  it("turns an Azure-style error body into an ApiError with the server's code and message", async () => {
    const error = await request(`${base}/conflict`).catch((e: Error) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 409, code: 'Conflict', message: 'a resource named "x" already exists in this account' });
  });

  it('names the status when the body is not an error object', async () => {
    const error = (await request(`${base}/other`).catch((e: Error) => e)) as Error;
    expect(error).toMatchObject({ status: 502, code: '502' });
    expect(error.message).toMatch(/^The server answered 502/);
  });

  it('says plainly when the server cannot be reached', async () => {
    const error = (await request("http://127.0.0.1:1/api/account").catch((e: Error) => e)) as Error;
    expect(error).toMatchObject({ status: 0, code: 'NetworkError' });
    expect(error.message).toMatch(/Cannot reach the Portico server/);
  });
});

describe('retrying a failed query', () => {
  it('never retries an answer the client caused (4xx), so its message shows at once', () => {
    expect(shouldRetry(0, new ApiError(404, 'NotFound', 'no app'))).toBe(false);
    expect(shouldRetry(0, new ApiError(401, '401', 'sign in'))).toBe(false);
  });

  it('retries network failures and server errors twice', () => {
    expect(shouldRetry(0, new ApiError(0, 'NetworkError', 'down'))).toBe(true);
    expect(shouldRetry(1, new ApiError(503, '503', 'busy'))).toBe(true);
    expect(shouldRetry(2, new ApiError(503, '503', 'busy'))).toBe(false);
  });
});
