// Attempt limits shared by every process through Redis: one sorted set per
// rule and subject holding the attempts' times, trimmed and counted by one
// atomic script, so two processes never both admit the last free attempt.
// While Redis is unreachable the failure mode decides, as for the gateway's
// limiter: fail-open counts in this process alone, fail-closed answers 503.
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { RedisFailureMode } from '../config.ts';
import { MemoryAttemptLimiter, retryAfterFromOldest, type AttemptDecision, type AttemptLimiter, type AttemptRule } from './attempts.ts';
import type { RedisLink } from './redis-connection.ts';
import { attemptsKey } from './redis-keys.ts';
import { limiterUnavailable } from './redis.ts';

// KEYS[1] the attempts' sorted set. ARGV: now (ms), window (ms), limit, count ('1' to count an admitted attempt), member.
// Returns -1 when admitted (or would be), else the time of the attempt that must leave the window first.
const ATTEMPT = `
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local limit = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local count = redis.call('ZCARD', KEYS[1])
if count >= limit then
  local oldest = redis.call('ZRANGE', KEYS[1], count - limit, count - limit, 'WITHSCORES')
  return tonumber(oldest[2])
end
if ARGV[4] == '1' then
  redis.call('ZADD', KEYS[1], now, ARGV[5])
  redis.call('PEXPIRE', KEYS[1], window)
end
return -1
`;

type AttemptCommand = (key: string, now: number, windowMs: number, limit: number, count: string, member: string) => Promise<number>;

function attemptScript(client: Redis): AttemptCommand {
  client.defineCommand('porticoAttempt', { lua: ATTEMPT, numberOfKeys: 1 });
  const commands = client as unknown as { porticoAttempt: AttemptCommand };
  return (...args) => commands.porticoAttempt(...args);
}

export class RedisAttemptLimiter implements AttemptLimiter {
  private script: AttemptCommand;
  private local = new MemoryAttemptLimiter();

  constructor(private link: RedisLink, private prefix: string, private failureMode: RedisFailureMode) {
    this.script = attemptScript(link.client);
  }

  take(rule: AttemptRule, subject: string, now: number): Promise<AttemptDecision> {
    return this.decide(rule, subject, now, true);
  }

  check(rule: AttemptRule, subject: string, now: number): Promise<AttemptDecision> {
    return this.decide(rule, subject, now, false);
  }

  private async decide(rule: AttemptRule, subject: string, now: number, count: boolean): Promise<AttemptDecision> {
    if (this.link.isUp) {
      try {
        // Attempts in the same millisecond, from any process, are distinct members.
        const member = `${now}:${randomUUID()}`;
        const oldest = await this.link.answer(this.script(attemptsKey(this.prefix, rule.name, subject), now, rule.windowMs, rule.limit, count ? '1' : '0', member));
        return oldest < 0 ? { allowed: true } : { allowed: false, retryAfterSeconds: retryAfterFromOldest(oldest, rule, now) };
      } catch (err) {
        this.link.markDown((err as Error).message);
      }
    }
    if (this.failureMode === 'fail-closed') throw limiterUnavailable();
    return count ? this.local.take(rule, subject, now) : this.local.check(rule, subject, now);
  }

  /** The connection belongs to the shared limiter, which closes it. */
  async close(): Promise<void> {}
}
