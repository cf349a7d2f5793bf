// Attempt limits for what an attacker repeats: log-ins, sign-ups, password
// changes, unknown subscription keys. Each rule is a sliding window ("at most
// `limit` attempts in any `windowMs`") over a subject (an e-mail digest, a
// client address). The in-process limiter below serves one node; the Redis one
// (redis-attempts.ts) shares the same rules between processes.

export interface AttemptRule {
  /** Short stable name, part of the counter's key: `login-account`, `gateway-invalid-key-address`. */
  name: string;
  limit: number;
  windowMs: number;
}

export type AttemptDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface AttemptLimiter {
  /** Counts one attempt of `subject` under `rule` if the window has room; a refused attempt is not counted. */
  take(rule: AttemptRule, subject: string, now: number): Promise<AttemptDecision>;
  /** Whether an attempt would be refused now, counting nothing. */
  check(rule: AttemptRule, subject: string, now: number): Promise<AttemptDecision>;
  close(): Promise<void>;
}

/** Whole seconds (at least 1) until the oldest attempt in the window leaves it. */
export function retryAfterFromOldest(oldest: number, rule: AttemptRule, now: number): number {
  return Math.max(1, Math.ceil((oldest + rule.windowMs - now) / 1000));
}

/** Past this many subjects, those with no attempt in their window are forgotten. */
const PRUNE_ABOVE = 100_000;

/** Exact sliding windows for one process: the times of the attempts still inside each window. */
export class MemoryAttemptLimiter implements AttemptLimiter {
  private logs = new Map<string, { windowMs: number; times: number[] }>();

  async take(rule: AttemptRule, subject: string, now: number): Promise<AttemptDecision> {
    return this.takeNow(rule, subject, now);
  }

  async check(rule: AttemptRule, subject: string, now: number): Promise<AttemptDecision> {
    return this.decide(rule, this.current(rule, subject, now), now);
  }

  takeNow(rule: AttemptRule, subject: string, now: number): AttemptDecision {
    const times = this.current(rule, subject, now);
    const decision = this.decide(rule, times, now);
    if (decision.allowed) times.push(now);
    return decision;
  }

  private decide(rule: AttemptRule, times: number[], now: number): AttemptDecision {
    if (times.length < rule.limit) return { allowed: true };
    return { allowed: false, retryAfterSeconds: retryAfterFromOldest(times[times.length - rule.limit], rule, now) };
  }

  private current(rule: AttemptRule, subject: string, now: number): number[] {
    const key = `${rule.name}\u0000${subject}`;
    let log = this.logs.get(key);
    if (!log) {
      if (this.logs.size >= PRUNE_ABOVE) this.prune(now);
      log = { windowMs: rule.windowMs, times: [] };
      this.logs.set(key, log);
    }
    const from = now - rule.windowMs;
    let drop = 0;
    while (drop < log.times.length && log.times[drop] <= from) drop++;
    if (drop) log.times.splice(0, drop);
    return log.times;
  }

  private prune(now: number): void {
    for (const [key, log] of this.logs) {
      if (!log.times.length || log.times[log.times.length - 1] <= now - log.windowMs) this.logs.delete(key);
    }
  }

  async close(): Promise<void> {}
}
