// A real Portico server with the Computer Vision service mounted, an account and
// helpers to create Computer Vision (and other) resources and to serve test images
// over HTTP on 127.0.0.1.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import assert from 'node:assert/strict';
import { startTestServer, newAccount, type TestServer } from '../../support/server.ts';
import { visionService } from '../../../src/vision/service.ts';
import { HeldClock } from '../../support/held-clock.ts';

export interface VisionTestServer {
  server: TestServer;
  /** The server's clock: hold it to keep calls inside one rate window. */
  clock: HeldClock;
  /** Creates a resource and returns its keys. */
  resource(kind?: string, tier?: string, region?: string): Promise<{ key1: string; key2: string }>;
  close(): Promise<void>;
}

let names = 0;

export async function startVisionServer(env: Record<string, string> = {}): Promise<VisionTestServer> {
  const clock = new HeldClock();
  const server = await startTestServer({ services: [visionService({ workers: 2 })], env, clock });
  const account = await newAccount(server);
  return {
    server,
    clock,
    async resource(kind = 'ComputerVision', tier = 'S1', region = 'westus') {
      const login = await server.api('POST', '/api/login', { email: account.email, password: account.password });
      const res = await server.api('POST', '/api/resources', { name: `vision-${++names}`, kind, tier, region }, login.body.token);
      assert.equal(res.status, 201, JSON.stringify(res.body));
      return res.body as { key1: string; key2: string };
    },
    close: () => server.close(),
  };
}

/** An HTTP server on 127.0.0.1 that serves the given paths (anything else is 404). */
export async function serveImages(files: Record<string, { body: Buffer; type: string }>): Promise<{ url: string; close(): Promise<void> }> {
  const srv = http.createServer((req, res) => {
    const file = files[req.url ?? ''];
    if (!file) { res.writeHead(404).end('not here'); return; }
    res.writeHead(200, { 'content-type': file.type, 'content-length': file.body.length }).end(file.body);
  });
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const { port } = srv.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => srv.close(() => resolve())) };
}
