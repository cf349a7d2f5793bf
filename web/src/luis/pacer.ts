// The LUIS authoring key allows a few calls per second (5 on the free tier,
// as on Azure). A page that loads intents, utterances, entities and training
// status at once would exceed it, so calls made with one key start no faster
// than the limit, and a 429 answer is retried after the Retry-After it names.
import { ApiError } from '../api/client.ts';

/** How long to wait before the next call may start, given the start times of earlier calls. */
export function delayBeforeNext(starts: readonly number[], now: number, limit: number, windowMs: number): number {
  const recent = starts.filter((t) => now - t < windowMs);
  if (recent.length < limit) return 0;
  const oldestThatCounts = recent[recent.length - limit];
  return oldestThatCounts + windowMs - now;
}

export type Pacer = <T>(call: () => Promise<T>) => Promise<T>;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Retries of a call that the server refused with 429 before its error is shown. */
const MAX_RATE_LIMIT_RETRIES = 4;

export function createPacer(limit: number, windowMs = 1000, margin = 25): Pacer {
  const starts: number[] = [];
  let queue: Promise<void> = Promise.resolve();
  // Each call takes its turn in a chain, so the waits of concurrent calls add up in order.
  const slot = () => {
    const turn = queue.then(async () => {
      const wait = delayBeforeNext(starts, Date.now(), limit, windowMs);
      if (wait > 0) await sleep(wait + margin);
      starts.push(Date.now());
      if (starts.length > limit * 4) starts.splice(0, starts.length - limit);
    });
    queue = turn;
    return turn;
  };
  return async <T>(call: () => Promise<T>): Promise<T> => {
    for (let attempt = 0; ; attempt++) {
      await slot();
      try {
        return await call();
      } catch (err) {
        if (!(err instanceof ApiError) || err.status !== 429 || attempt >= MAX_RATE_LIMIT_RETRIES) throw err;
        await sleep((err.retryAfterSeconds ?? 1) * 1000);
      }
    }
  };
}

const pacers = new Map<string, Pacer>();

/** One pacer per key, shared by every client built for it. */
export function pacerFor(key: string, limit = 5): Pacer {
  let pacer = pacers.get(key);
  if (!pacer) {
    pacer = createPacer(limit);
    pacers.set(key, pacer);
  }
  return pacer;
}
