// A small closed-loop load generator over keep-alive HTTP: each connection
// sends its next request when the last answer is in, to targets in turn, until
// a deadline or a request budget. It records every answer's status and every
// request that got no answer (with when it started).
import http from 'node:http';

export interface LoadOptions {
  urls: string[];
  path: string;
  key: string;
  connectionsPerUrl: number;
  /** Stop starting requests at this time (ms since the epoch). */
  until: number;
  /** Stop after this many requests in all (default: no budget). */
  maxRequests?: number;
}

export interface LoadResult {
  statuses: Map<number, number>;
  /** Start times of requests that got no answer (connection refused or reset). */
  failedStarts: number[];
  /** Requests cut off after they reached a server (reset, not refused): the server may have counted them. */
  cutOff: number;
  latenciesMs: number[];
  requests: number;
}

export function count(result: LoadResult, status: number): number {
  return result.statuses.get(status) ?? 0;
}

function call(agent: http.Agent, url: URL, key: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { agent, headers: { 'Ocp-Apim-Subscription-Key': key } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode!));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const result: LoadResult = { statuses: new Map(), failedStarts: [], cutOff: 0, latenciesMs: [], requests: 0 };
  const dead = new Set<string>();
  const agents = options.urls.map(() => new http.Agent({ keepAlive: true, maxSockets: options.connectionsPerUrl }));
  const targets = options.urls.map((u) => new URL(options.path, u));
  const budget = options.maxRequests ?? Infinity;
  let next = 0;

  async function loop(first: number): Promise<void> {
    let turn = first;
    while (Date.now() < options.until && result.requests < budget) {
      const alive = targets.map((t, i) => i).filter((i) => !dead.has(options.urls[i]));
      if (alive.length === 0) return;
      const i = alive[turn++ % alive.length];
      result.requests++;
      const started = Date.now();
      try {
        const status = await call(agents[i], targets[i], options.key);
        result.latenciesMs.push(Date.now() - started);
        result.statuses.set(status, (result.statuses.get(status) ?? 0) + 1);
      } catch (err) {
        result.failedStarts.push(started);
        if ((err as NodeJS.ErrnoException).code === 'ECONNREFUSED') dead.add(options.urls[i]);
        else result.cutOff++;
      }
    }
  }

  const loops = options.urls.length * options.connectionsPerUrl;
  await Promise.all(Array.from({ length: loops }, () => loop(next++)));
  for (const agent of agents) agent.destroy();
  return result;
}

/** Sleeps until the next whole second, so a run covers whole rate windows. */
async function alignToSecond(): Promise<number> {
  const start = Math.ceil((Date.now() + 200) / 1000) * 1000;
  await new Promise((r) => setTimeout(r, start - Date.now()));
  return start;
}

/**
 * Loads `windows` whole 1 s rate windows, starting on a second. No call starts
 * in the last 500 ms of the last window: a call waiting that long on a busy
 * machine is the only way one could land in a window after the run. Those
 * 500 ms of the last window still see far more calls than any test allowance.
 */
export async function loadWholeWindows(windows: number, options: Omit<LoadOptions, 'until'>): Promise<LoadResult> {
  const start = await alignToSecond();
  return runLoad({ ...options, until: start + windows * 1000 - 500 });
}
