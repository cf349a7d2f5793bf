// What REDIS_URL switches on: the shared limiter, the change bus and the key
// directory with a TTL, all on one Redis connection (plus the bus's subscriber).
import type { Kysely } from 'kysely';
import type { RedisFailureMode } from '../config.ts';
import type { Store } from '../store/database.ts';
import type { Database } from '../store/schema.ts';
import type { KeyVault } from '../keys/secrets.ts';
import { ExpiringKeyDirectory } from '../keys/expiring-directory.ts';
import { RedisChangeBus } from '../keys/redis-bus.ts';
import type { QuotaBaseline } from './limiter.ts';
import { RedisLink, stderrLog, type RedisLog } from './redis-connection.ts';
import { changeChannel, redisPrefix } from './redis-keys.ts';
import { RedisLimiter } from './redis.ts';
import { RedisAttemptLimiter } from './redis-attempts.ts';

export interface RedisSharingOptions {
  url: string;
  failureMode: RedisFailureMode;
  store: Store;
  vault: KeyVault;
  dataDir: string;
  baseline: QuotaBaseline;
  settled: () => Promise<void>;
  log?: RedisLog;
}

export interface RedisSharing {
  prefix: string;
  link: RedisLink;
  bus: RedisChangeBus;
  directory: ExpiringKeyDirectory;
  limiter: RedisLimiter;
  attempts: RedisAttemptLimiter;
}

export async function openRedisSharing(options: RedisSharingOptions): Promise<RedisSharing> {
  const prefix = await redisPrefix(options.store, options.dataDir);
  const link = new RedisLink(options.url, options.log ?? stderrLog);
  const bus = new RedisChangeBus(options.url, link, changeChannel(prefix));
  const directory = new ExpiringKeyDirectory(options.store.db as Kysely<Database>, options.vault, bus);
  bus.onResync(() => directory.forgetAll());
  const limiter = new RedisLimiter({
    link, prefix, failureMode: options.failureMode, baseline: options.baseline, settled: options.settled,
    onClose: () => bus.close(),
  });
  const attempts = new RedisAttemptLimiter(link, prefix, options.failureMode);
  await link.connected();
  return { prefix, link, bus, directory, limiter, attempts };
}
