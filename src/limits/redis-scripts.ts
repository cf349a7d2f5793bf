// The Lua scripts that make each limit decision atomic in Redis: one round trip
// reads and moves both counters, so processes never race between check and count.
import type { Redis } from 'ioredis';

export const ADMITTED = 1;
export const RATE_REFUSED = 0;
export const QUOTA_REFUSED = 2;
/** The quota counter is missing (first call of the month, or Redis lost it): send the stored usage. */
export const NEEDS_SEED = -1;

// KEYS[1] this call's marker, KEYS[2] the rate window's counter, KEYS[3] the month's quota counter (only
// when the meter has a quota).
// ARGV: rate limit, rate counter ttl (ms), quota, quota counter ttl (ms), seed ('' until read from the store),
// marker ttl (ms).
// Same rules as the in-process limiter: the rate window first; a call refused
// by the quota has used its rate slot but no quota.
// The marker makes a retry of the same call idempotent: an attempt that timed out
// on our side may still have run here, and its retry then gets the same answer
// instead of counting the call twice.
const ADMIT = `
local prior = redis.call('GET', KEYS[1])
if prior then return tonumber(prior) end
local count = tonumber(redis.call('GET', KEYS[2]) or '0')
if count >= tonumber(ARGV[1]) then return 0 end
local used = 0
if #KEYS == 3 then
  local stored = redis.call('GET', KEYS[3])
  if stored then
    used = tonumber(stored)
  else
    if ARGV[5] == '' then return -1 end
    used = tonumber(ARGV[5])
    redis.call('SET', KEYS[3], used, 'PX', ARGV[4])
  end
end
if redis.call('INCR', KEYS[2]) == 1 then redis.call('PEXPIRE', KEYS[2], ARGV[2]) end
local result = 1
if #KEYS == 3 then
  if used >= tonumber(ARGV[3]) then result = 2 else redis.call('INCR', KEYS[3]) end
end
redis.call('SET', KEYS[1], result, 'PX', ARGV[6])
return result
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
