// An open-loop client: one request every 1/rate seconds, evenly spaced, each
// timed to the microsecond. autocannon's fixed rate sends each second's
// requests in a burst, which measures its own queueing rather than the server.
import http from 'node:http';
import { performance } from 'node:perf_hooks';

export interface PacedResult {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  total: number;
  /** Each answered request's latency in ms, sorted (to pool runs). */
  latencies: number[];
}

export function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
}

/** A request of the load: a path to GET, or a method, path and JSON body. */
export type PacedRequest = string | { method: string; path: string; body?: unknown };

export async function pacedLoad(base: string, requests: PacedRequest[], headers: Record<string, string>, rate: number, seconds: number): Promise<PacedResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const url = new URL(base);
  const latencies: number[] = [];
  let errors = 0;
  const total = Math.round(rate * seconds);
  const interval = 1000 / rate;
  const prepared = requests.map((r) => {
    if (typeof r === 'string') return { method: 'GET', path: r, headers };
    const body = r.body === undefined ? undefined : Buffer.from(JSON.stringify(r.body));
    return { method: r.method, path: r.path, body, headers: body ? { ...headers, 'content-type': 'application/json', 'content-length': String(body.length) } : headers };
  });
  const start = performance.now();
  const one = (i: number) => new Promise<void>((resolve) => {
    const sent = performance.now();
    const { body, ...options } = prepared[i % prepared.length];
    const req = http.request({ host: url.hostname, port: url.port, ...options, agent }, (res) => {
      res.resume();
      res.on('end', () => {
        if (res.statusCode === 200) latencies.push(performance.now() - sent);
        else errors++;
        resolve();
      });
    });
    req.on('error', () => { errors++; resolve(); });
    req.end(body);
  });
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    inFlight.push(one(i));
  }
  await Promise.all(inFlight);
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { rps: latencies.length / elapsed, p50: percentile(latencies, 50), p99: percentile(latencies, 99), errors, total, latencies };
}
