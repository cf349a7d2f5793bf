// node --import tsx bench/security/rotate.ts [count] — time of `portico rotate-master-key`'s
// re-encryption (steps 3 and 4 of src/keys/rotation.ts; the fixed 3 s grace period
// is left out) for `count` resources (default 100,000; two keys each), on SQLite
// and on PostgreSQL (127.0.0.1:5432, a scratch database).
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '../../src/store/database.ts';
import { acceptMasterKey } from '../../src/keys/master-key-check.ts';
import { generateKey, type KeyVault } from '../../src/keys/secrets.ts';
import { rotateMasterKey } from '../../src/keys/rotation.ts';
import { createTestDatabase } from '../../test/support/postgres.ts';

const count = Number(process.argv[2] ?? 100_000);
const BATCH = 500;

async function fill(store: Store, vault: KeyVault): Promise<void> {
  const accountId = randomUUID();
  await store.db.insertInto('accounts').values({ id: accountId, email: 'bench@example.com', password_hash: 'x', created_at: 0 }).execute();
  for (let start = 0; start < count; start += 1000) {
    const rows = Array.from({ length: Math.min(1000, count - start) }, (_, i) => {
      const key1 = generateKey();
      const key2 = generateKey();
      return {
        id: randomUUID(), account_id: accountId, name: `r${start + i}`, kind: 'ComputerVision', tier: 'S1', region: 'westus',
        created_at: 0, last_used_at: 0, disable_local_auth: 0, network_default_action: 'Allow', network_ip_rules: '[]', custom_subdomain: null,
        key1_cipher: vault.encrypt(key1), key1_digest: vault.digest(key1), key2_cipher: vault.encrypt(key2), key2_digest: vault.digest(key2),
      };
    });
    await store.db.insertInto('resources').values(rows).execute();
  }
}

async function measure(label: string, open: () => Promise<{ store: Store; dataDir: string; cleanup: () => Promise<void> }>): Promise<void> {
  const { store, dataDir, cleanup } = await open();
  try {
    const key = randomBytes(32);
    const master = { key, source: 'setting' as const, persist() {} };
    const vault = await acceptMasterKey(store.db, master, dataDir, Date.now());
    await fill(store, vault);
    const result = await rotateMasterKey(store.db, vault, key, {
      mayGenerate: true, batchSize: BATCH, pauseMs: 0, graceMs: 0, now: Date.now, keysKnown() {}, onProgress() {},
    });
    const perSecond = Math.round(result.resealed / (result.resealMs / 1000));
    console.log(`${label.padEnd(10)} ${result.resealed} resources (${2 * result.resealed} keys) re-encrypted in ${(result.resealMs / 1000).toFixed(1)} s (${perSecond} resources/s, batches of ${BATCH})`);
  } finally {
    await store.close();
    await cleanup();
  }
}

await measure('SQLite', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'portico-rotate-bench-'));
  return { store: await openStore({ dataDir }), dataDir, cleanup: async () => rmSync(dataDir, { recursive: true, force: true }) };
});
await measure('PostgreSQL', async () => {
  const database = await createTestDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'portico-rotate-bench-'));
  return {
    store: await openStore({ dataDir, databaseUrl: database.url }), dataDir,
    cleanup: async () => { rmSync(dataDir, { recursive: true, force: true }); await database.drop(); },
  };
});
