// One Redis connection with the timeouts the gateway can afford, and a health
// state that every Redis user shares: a failed or slow command marks Redis down
// at once (so later calls do not each wait for a timeout), and a probe marks it
// up again when it answers, without restarting Portico.
import { Redis } from 'ioredis';

/** A gateway call waits at most this long for Redis before the failure mode decides. */
export const REDIS_COMMAND_TIMEOUT_MS = 100;
/** While this process's own event loop runs behind, a command is waited for up to this many timeouts. */
const MAX_WAITS = 4;
/** ioredis's own limit, a backstop: callers bound their waits with RedisLink.answer(). */
const CLIENT_COMMAND_TIMEOUT_MS = REDIS_COMMAND_TIMEOUT_MS * MAX_WAITS * 2;
const PROBE_INTERVAL_MS = 250;
const RECONNECT_DELAY_MS = 250;

const TIMED_OUT = Symbol('timed out');

/** The promise's value, or TIMED_OUT if it has not settled within `ms`. */
function within<T>(promise: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => { timer = setTimeout(() => resolve(TIMED_OUT), ms); });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export type RedisLog = (message: string) => void;

export const stderrLog: RedisLog = (message) => process.stderr.write(`portico: ${message}\n`);

/** Options for every client Portico opens: fail fast rather than queue while Redis is away. */
export function redisClientOptions() {
  return {
    commandTimeout: CLIENT_COMMAND_TIMEOUT_MS,
    connectTimeout: 1000,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => RECONNECT_DELAY_MS,
  };
}

export interface RedisHealthEvents {
  /** Redis answered again after being down; resolve when counts have been handed back. */
  recovered(): Promise<void>;
  down(reason: string): void;
}

/**
 * How late this process's timers run: a command timeout that fires while the
 * event loop is this far behind says more about our CPU than about Redis.
 */
class LoopLag {
  private worst = 0;
  private timer: NodeJS.Timeout;
  constructor(periodMs = 20) {
    let expected = performance.now() + periodMs;
    this.timer = setInterval(() => {
      const now = performance.now();
      // Decay so that one old stall does not excuse later timeouts.
      this.worst = Math.max(now - expected, this.worst * 0.8);
      expected = now + periodMs;
    }, periodMs);
    this.timer.unref();
  }
  get recentMs(): number {
    return this.worst;
  }
  stop(): void {
    clearInterval(this.timer);
  }
}

export class RedisLink {
  private lag = new LoopLag();
  readonly client: Redis;
  private up = false;
  private probing: NodeJS.Timeout | undefined;
  private listeners: RedisHealthEvents[] = [];
  private closed = false;
  /** Set once an outage was reported, so recovery is reported only after one. */
  private wasDown = false;
  private firstReady: Promise<boolean>;

  constructor(url: string, private log: RedisLog = stderrLog) {
    this.client = new Redis(url, redisClientOptions());
    // ioredis reports every failed reconnect as an 'error' event; the state change is what matters.
    this.client.on('error', () => undefined);
    this.client.on('close', () => this.markDown('connection closed'));
    this.firstReady = new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), 2000);
      this.client.once('ready', () => { clearTimeout(timer); resolve(true); });
    });
    this.client.on('ready', () => { if (!this.up) this.startProbe(); });
  }

  get isUp(): boolean {
    return this.up;
  }

  /** True while this process's event loop runs well behind (it cannot judge Redis's speed then). */
  get stalled(): boolean {
    return this.lag.recentMs > REDIS_COMMAND_TIMEOUT_MS / 2;
  }

  /**
   * A command's answer, waited for REDIS_COMMAND_TIMEOUT_MS, and longer only while this
   * process's own event loop is measurably behind: a CPU-starved process fires its timers
   * before reading replies that already arrived. The command is sent once, so a slow answer
   * never counts anything twice. Past that, the command is given up (it may still run in Redis).
   */
  async answer<T>(command: Promise<T>): Promise<T> {
    for (let waits = 1; ; waits++) {
      const result = await within(command, REDIS_COMMAND_TIMEOUT_MS);
      if (result !== TIMED_OUT) return result;
      if (waits >= MAX_WAITS || (waits >= 2 && !this.stalled)) {
        command.catch(() => undefined);
        throw new Error(`Redis command timed out after ${waits * REDIS_COMMAND_TIMEOUT_MS} ms`);
      }
    }
  }

  /** Waits (up to 2 s) for the first connection, so a healthy start counts in Redis from its first call. */
  async connected(): Promise<boolean> {
    const ok = await this.firstReady;
    if (ok) await this.recover();
    else {
      this.log('Redis does not answer at start; limits use the configured failure mode until it does');
      this.wasDown = true;
      this.markDown('no answer at start');
    }
    return this.up;
  }

  onHealth(listener: RedisHealthEvents): void {
    this.listeners.push(listener);
  }

  /** Called by a Redis user whose command failed: everyone stops using Redis until the probe succeeds. */
  markDown(reason: string): void {
    if (this.closed) return;
    if (this.up) {
      this.up = false;
      this.wasDown = true;
      this.log(`Redis unreachable (${reason}); limits fall back to the configured failure mode until it answers again`);
      for (const l of this.listeners) l.down(reason);
    }
    this.startProbe();
  }

  private startProbe(): void {
    if (this.probing || this.closed) return;
    this.probing = setInterval(() => {
      if (this.client.status !== 'ready') return;
      this.client.ping().then(() => this.recover(), () => undefined);
    }, PROBE_INTERVAL_MS);
    this.probing.unref();
  }

  private recovering: Promise<void> | undefined;

  private recover(): Promise<void> {
    if (this.up || this.closed) return Promise.resolve();
    this.recovering ??= (async () => {
      try {
        for (const l of this.listeners) await l.recovered();
        this.up = true;
        clearInterval(this.probing);
        this.probing = undefined;
        if (this.wasDown) this.log('Redis answers again; limits are shared across processes once more');
        this.wasDown = false;
      } catch {
        // Handing back counts failed: stay down and let the probe try again.
      } finally {
        this.recovering = undefined;
      }
    })();
    return this.recovering;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.lag.stop();
    clearInterval(this.probing);
    this.client.disconnect();
  }
}
