// One HTTP request exactly as written (node:http, so a path keeps its `..`
// and broken escapes, which fetch would normalise), with a deadline.
import http from 'node:http';

export interface WireRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

export type WireAnswer = { status: number; body: string; ms: number } | { hung: true; ms: number } | { refusedByClient: string; ms: number };

export function send(base: string, req: WireRequest, deadlineMs: number): Promise<WireAnswer> {
  const url = new URL(base);
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  return new Promise((resolve) => {
    let done = false;
    const finish = (answer: WireAnswer) => { if (!done) { done = true; clearTimeout(timer); resolve(answer); } };
    let outgoing: http.ClientRequest;
    try {
      outgoing = http.request({
        host: url.hostname, port: url.port, method: req.method, path: req.path, agent: false,
        headers: { ...req.headers, ...(req.body ? { 'content-length': String(req.body.length) } : {}) },
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => finish({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), ms: ms() }));
        res.on('error', () => finish({ status: res.statusCode ?? 0, body: '', ms: ms() }));
      });
    } catch (err) {
      // node refuses to send some paths and header values (e.g. raw control characters): not the server's concern.
      resolve({ refusedByClient: (err as Error).message, ms: 0 });
      return;
    }
    const timer = setTimeout(() => { finish({ hung: true, ms: ms() }); outgoing.destroy(); }, deadlineMs);
    outgoing.on('error', (err) => finish({ status: 0, body: `connection error: ${err.message}`, ms: ms() }));
    outgoing.end(req.body);
  });
}
