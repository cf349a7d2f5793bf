// The Lua scripts that make each limit decision atomic in Redis: one round trip
// reads and moves both counters, so processes never race between check and count.
import type { Redis } from 'ioredis';

export const ADMITTED = 1;
export const RATE_REFUSED = 0;
export const QUOTA_REFUSED = 2;
/** The quota counter is missing (first call of the month, or Redis lost it): send the stored usage. */
export const NEEDS_SEED = -1;

// KEYS[1] the rate window's counter, KEYS[2] the month's quota counter (only when the meter has a quota).
// ARGV: rate limit, rate counter ttl (ms), quota, quota counter ttl (ms), seed ('' until read from the store).
// Same rules as the in-process limiter: the rate window first; a call refused
// by the quota has used its rate slot but no quota.
const ADMIT = `
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
if count >= tonumber(ARGV[1]) then return 0 end
local used = 0
if #KEYS == 2 then
  local stored = redis.call('GET', KEYS[2])
  if stored then
    used = tonumber(stored)
  else
    if ARGV[5] == '' then return -1 end
    used = tonumber(ARGV[5])
    redis.call('SET', KEYS[2], used, 'PX', ARGV[4])
  end
end
if redis.call('INCR', KEYS[1]) == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
if #KEYS == 2 then
  if used >= tonumber(ARGV[3]) then return 2 end
  redis.call('INCR', KEYS[2])
end
return 1
`;

// After an outage: the month's counter becomes at least the stored usage, which
// holds every call served meanwhile by any process. Taking the larger value is
// idempotent, so processes that recover one after another never count twice.
// KEYS[1] quota counter; ARGV: stored usage, ttl (ms).
const RAISE_TO_STORED = `
local current = tonumber(redis.call('GET', KEYS[1]) or '-1')
if current < tonumber(ARGV[1]) then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0
`;

export interface LimitScripts {
  admit(keys: string[], args: Array<string | number>): Promise<number>;
  raiseToStored(key: string, stored: number, ttlMs: number): Promise<number>;
}

/** Registers the scripts on a client (EVALSHA, and EVAL again after a Redis restart forgot them). */
export function limitScripts(client: Redis): LimitScripts {
  client.defineCommand('porticoAdmit', { lua: ADMIT });
  client.defineCommand('porticoRaiseToStored', { lua: RAISE_TO_STORED, numberOfKeys: 1 });
  const commands = client as unknown as {
    porticoAdmit(numKeys: number, ...keysAndArgs: Array<string | number>): Promise<number>;
    porticoRaiseToStored(key: string, stored: number, ttlMs: number): Promise<number>;
  };
  return {
    admit: (keys, args) => commands.porticoAdmit(keys.length, ...keys, ...args),
    raiseToStored: (key, stored, ttlMs) => commands.porticoRaiseToStored(key, stored, ttlMs),
  };
}
