// The platform's parts, wired once: store, catalogue, key vault and directory,
// limiter, metering and the account and resource services. Services (LUIS,
// Vision) and the HTTP server are built on top of this.
import type { Config } from './config.ts';
import { loadCatalog, type Catalog } from './catalog/catalog.ts';
import { openStore, type Store } from './store/database.ts';
import { loadMasterKey, type KeyVault } from './keys/secrets.ts';
import { acceptMasterKey, watchMasterKeys } from './keys/master-key-check.ts';
import { KeyDirectory, LocalChangeBus, type ResourceChangeBus } from './keys/directory.ts';
import { MemoryLimiter } from './limits/memory.ts';
import type { Limiter, QuotaBaseline } from './limits/limiter.ts';
import { openRedisSharing } from './limits/redis-sharing.ts';
import { admittedCalls } from './store/repos/usage.ts';
import { UsageRecorder } from './gateway/metering.ts';
import { ResourceService } from './resources/service.ts';
import { AccountService } from './accounts/service.ts';
import { ATTEMPT_RULES, AttemptGuard } from './accounts/attempt-guard.ts';
import { MemoryAttemptLimiter, type AttemptLimiter } from './limits/attempts.ts';
import { UsageService } from './resources/usage.ts';
import { AccessTokenService } from './tokens/token-service.ts';
import { AuditLog } from './audit/audit-log.ts';
import { systemClock, utcDay, type Clock } from './util/clock.ts';

export interface Platform {
  config: Config;
  catalog: Catalog;
  store: Store;
  vault: KeyVault;
  bus: ResourceChangeBus;
  directory: KeyDirectory;
  limiter: Limiter;
  /** Sliding-window attempt limits (log-in, sign-up, password change, unknown keys); shared through Redis when configured. */
  attempts: AttemptLimiter;
  guard: AttemptGuard;
  recorder: UsageRecorder;
  resources: ResourceService;
  accounts: AccountService;
  usage: UsageService;
  /** Access tokens: issueToken's, and the console's for a resource's owner. */
  tokens: AccessTokenService;
  /** Each account's security-relevant events (log-ins, key and resource changes). */
  audit: AuditLog;
  clock: Clock;
  close(): Promise<void>;
}

export interface PlatformOverrides {
  clock?: Clock;
  /** Replace the in-process limiter and change bus (the scale-out issue's Redis ones). */
  limiter?: (store: Store) => Limiter;
  bus?: ResourceChangeBus;
}

export async function createPlatform(config: Config, overrides: PlatformOverrides = {}): Promise<Platform> {
  const catalog = loadCatalog(config.catalogPath);
  const clock = overrides.clock ?? systemClock;
  const master = loadMasterKey(config.masterKey, config.dataDir);
  const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  let vault: KeyVault;
  try {
    vault = await acceptMasterKey(store.db, master, config.dataDir, clock.now());
  } catch (err) {
    await store.close();
    throw err;
  }
  // A rotation (portico rotate-master-key) announces its new key here before it seals with it.
  const stopWatchingMasterKeys = watchMasterKeys(store.db, vault, (message) => console.error(`portico: ${message}`));
  const baseline: QuotaBaseline = (resourceId, meter, start, end) =>
    admittedCalls(store.db, resourceId, meter, utcDay(start), utcDay(end - 1));
  // REDIS_URL: limits, the change bus and the key cache are shared by every process on this database.
  const shared = config.redisUrl
    ? await openRedisSharing({ url: config.redisUrl, failureMode: config.redisFailureMode, store, vault, dataDir: config.dataDir, baseline, settled: () => recorder.drain() })
    : undefined;
  const bus = overrides.bus ?? shared?.bus ?? new LocalChangeBus();
  const directory = shared?.directory ?? new KeyDirectory(store.db, vault, bus);
  const limiter = overrides.limiter?.(store) ?? shared?.limiter ?? new MemoryLimiter(baseline);
  const attempts = shared?.attempts ?? new MemoryAttemptLimiter();
  const guard = new AttemptGuard(attempts, () => clock.now(), {
    ...ATTEMPT_RULES, signupAddress: { ...ATTEMPT_RULES.signupAddress, limit: config.signupsPerAddressPerHour },
  });
  const recorder = new UsageRecorder(store.usageWriter);
  const resources = new ResourceService(store.db, catalog, vault, bus, clock);
  const audit = new AuditLog(store.db, clock, config.auditRetentionMs);
  const accounts = new AccountService(store.db, resources, clock, audit, { idleMs: config.sessionIdleMs, maxMs: config.sessionMaxMs });
  const usage = new UsageService(store.db, catalog, clock);
  const tokens = new AccessTokenService(store.db, vault, bus, clock);
  return {
    config, catalog, store, vault, bus, directory, limiter, attempts, guard, recorder, resources, accounts, usage, tokens, audit, clock,
    async close() {
      await stopWatchingMasterKeys();
      await recorder.drain();
      await audit.settled();
      await attempts.close();
      await limiter.close();
      await store.close();
    },
  };
}
