// Master key rotation, online and resumable. The database records each step in
// master_key_checks, so a rotation killed anywhere is finished by running it
// again, and every stored key stays readable by a process holding either key:
//
//   1. announce: row 'next' = the new key (wrapped under the old); running
//      servers learn it within MASTER_KEY_POLL_MS and can open what it seals.
//   2. switch (after a grace period longer than the poll): 'current' = the new
//      key, 'previous' = the old (wrapped under the new). From here on new keys
//      are sealed under the new key (see sealing.ts).
//   3. reseal: every resource row still under another key is re-encrypted and
//      its digests recomputed, in batches of one transaction each; a row is
//      rewritten only if it is unchanged since it was read.
//   4. finish: once no row is left under another key, 'previous' goes, and with
//      it the wrapped copies: the old key opens nothing in the database any more.
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database, MasterKeyChecksTable } from '../store/schema.ts';
import { CURRENT_CHECK, MASTER_KEY_POLL_MS, NEXT_CHECK, PREVIOUS_CHECK, readMasterKeyState, refreshMasterKeys, type MasterKeyState } from './master-key-check.ts';
import { createKeyVault, masterKeyCheckValue, sealedUnderPattern, unwrapMasterKey, wrapMasterKey, type KeyVault } from './secrets.ts';

export class RotationError extends Error {}

export interface RotationKeys {
  oldKey: Buffer;
  newKey: Buffer;
}

export interface RotationProgress {
  /** Rows looked at so far (each holds two keys). */
  scanned: number;
  /** Rows re-encrypted so far. */
  resealed: number;
  total: number;
}

export interface RotationOptions {
  /** The key to rotate to; undefined: a new random one, if mayGenerate. */
  newKey?: Buffer;
  /** Whether a key may be generated (false when the operator must put it in every process's environment). */
  mayGenerate: boolean;
  /** Rows per transaction. */
  batchSize: number;
  /** Pause between batches, to spare a busy database. */
  pauseMs: number;
  /** How long servers get to learn the announced key; longer than their poll. */
  graceMs: number;
  now: () => number;
  /** Told both keys once the database holds the new one, before any key is sealed under it (the CLI writes master.key here). */
  keysKnown(keys: RotationKeys): Promise<void> | void;
  onProgress(progress: RotationProgress): void;
}

export const DEFAULT_GRACE_MS = 3 * MASTER_KEY_POLL_MS;

export interface RotationResult extends RotationKeys {
  resumed: boolean;
  resealed: number;
  total: number;
  /** Time spent re-encrypting (steps 3 and 4), without the grace period. */
  resealMs: number;
}

function rotating(state: MasterKeyState): boolean {
  return state.next !== undefined || state.previous !== undefined;
}

/**
 * Rotates to a new master key, or finishes the rotation under way. `vault` was
 * accepted for `configuredKey` (the process's own master key: the old one, or
 * the new one when resuming after the files were swapped).
 */
export async function rotateMasterKey(db: Kysely<Database>, vault: KeyVault, configuredKey: Buffer, options: RotationOptions): Promise<RotationResult> {
  const state = await readMasterKeyState(db);
  const resumed = rotating(state);
  const keys = resumed ? keysInPlay(state, configuredKey) : { oldKey: configuredKey, newKey: chooseNewKey(configuredKey, options) };
  if (resumed && options.newKey && !options.newKey.equals(keys.newKey)) {
    throw new RotationError('a rotation to another master key is under way: run the command again without --new-master-key (or with the key it was started with) to finish it first');
  }
  if (!resumed) await announce(db, keys, options.now());
  await refreshMasterKeys(db, vault);
  await options.keysKnown(keys);
  if ((await readMasterKeyState(db)).next) {
    await sleep(options.graceMs);
    await switchToNext(db, options.now());
  }
  if (await refreshMasterKeys(db, vault) === 'lost' || vault.checkValue() !== masterKeyCheckValue(keys.newKey)) {
    throw new RotationError('the database no longer names the new master key as current; another rotation may be running against it');
  }
  const started = Date.now();
  let resealed = 0;
  let total = 0;
  for (;;) {
    const pass = await resealAll(db, vault, options);
    resealed += pass.resealed;
    total = pass.total;
    if (await finish(db, vault)) break;
  }
  await refreshMasterKeys(db, vault);
  return { ...keys, resumed, resealed, total, resealMs: Date.now() - started };
}

function chooseNewKey(oldKey: Buffer, options: RotationOptions): Buffer {
  if (!options.newKey && !options.mayGenerate) {
    throw new RotationError('the master key comes from PORTICO_MASTER_KEY: give the new one with --new-master-key <64 hex characters> (for example from "openssl rand -hex 32"), then set it in the environment of every Portico process');
  }
  const newKey = options.newKey ?? randomBytes(32);
  if (newKey.equals(oldKey)) throw new RotationError('--new-master-key is the master key already in use: choose a new one');
  return newKey;
}

/** Both keys of the rotation under way: the row not sealed under our key holds its key wrapped under ours. */
function keysInPlay(state: MasterKeyState, configuredKey: Buffer): RotationKeys {
  const ours = masterKeyCheckValue(configuredKey);
  const rows = [state.current, state.next, state.previous].filter((r): r is MasterKeyChecksTable => r !== undefined);
  const other = rows.find((r) => r.check_value !== ours);
  if (!other?.wrapped_key) throw new RotationError('the rotation under way records no wrapped key for this master key to open');
  const otherKey = unwrapMasterKey(createKeyVault(configuredKey), other.wrapped_key);
  const newCheck = (state.next ?? state.current)!.check_value;
  return ours === newCheck ? { oldKey: otherKey, newKey: configuredKey } : { oldKey: configuredKey, newKey: otherKey };
}

/** Step 1: each row's key wrapped under the other's, so a holder of either learns both. */
async function announce(db: Kysely<Database>, { oldKey, newKey }: RotationKeys, now: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const held = await trx.updateTable('master_key_checks').set({ wrapped_key: wrapMasterKey(newKey, oldKey) })
      .where('id', '=', CURRENT_CHECK).where('check_value', '=', masterKeyCheckValue(oldKey)).executeTakeFirst();
    if (Number(held.numUpdatedRows) !== 1) throw new RotationError('the database does not name this master key as current');
    await trx.insertInto('master_key_checks')
      .values({ id: NEXT_CHECK, check_value: masterKeyCheckValue(newKey), recorded_at: now, wrapped_key: wrapMasterKey(oldKey, newKey) })
      .execute();
  });
}

/** Step 2: the new key seals. Takes the 'current' row's lock, so it waits for writes sealing under the old key. */
async function switchToNext(db: Kysely<Database>, now: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    // Write first: it takes SQLite's write lock at once (a read first would make the later write fail
    // with "database is locked" whenever a server committed in between) and PostgreSQL's row lock.
    await trx.updateTable('master_key_checks').set({ recorded_at: sql<number>`recorded_at` }).where('id', '=', CURRENT_CHECK).execute();
    const { current, next } = await readMasterKeyState(trx);
    if (!current || !next) return;
    const moved = await trx.updateTable('master_key_checks').set({ check_value: next.check_value, wrapped_key: next.wrapped_key, recorded_at: now })
      .where('id', '=', CURRENT_CHECK).where('check_value', '=', current.check_value).executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1) throw new RotationError('the current master key changed while the rotation was switching to the new one');
    await trx.insertInto('master_key_checks').values({ id: PREVIOUS_CHECK, check_value: current.check_value, recorded_at: now, wrapped_key: current.wrapped_key }).execute();
    await trx.deleteFrom('master_key_checks').where('id', '=', NEXT_CHECK).execute();
  });
}

/** Step 3: one pass over every resource row in id order, re-encrypting those not sealed under the current key. */
async function resealAll(db: Kysely<Database>, vault: KeyVault, options: RotationOptions): Promise<{ resealed: number; total: number }> {
  const prefix = sealedUnderPattern(vault.checkValue()).slice(0, -1);
  const { n } = await db.selectFrom('resources').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const total = Number(n);
  let after = '';
  let scanned = 0;
  let resealed = 0;
  for (;;) {
    const rows = await db.selectFrom('resources').select(['id', 'key1_cipher', 'key2_cipher'])
      .where('id', '>', after).orderBy('id').limit(options.batchSize).execute();
    if (rows.length === 0) break;
    after = rows[rows.length - 1].id;
    scanned += rows.length;
    const stale = rows.filter((r) => !r.key1_cipher.startsWith(prefix) || !r.key2_cipher.startsWith(prefix));
    if (stale.length > 0) {
      await db.transaction().execute(async (trx) => {
        for (const row of stale) {
          const key1 = vault.decrypt(row.key1_cipher);
          const key2 = vault.decrypt(row.key2_cipher);
          const written = await trx.updateTable('resources')
            .set({ key1_cipher: vault.encrypt(key1), key1_digest: vault.digest(key1), key2_cipher: vault.encrypt(key2), key2_digest: vault.digest(key2) })
            .where('id', '=', row.id).where('key1_cipher', '=', row.key1_cipher).where('key2_cipher', '=', row.key2_cipher)
            .executeTakeFirst();
          // 0 rows: the resource was deleted or given new keys meanwhile, sealed under the new key.
          resealed += Number(written.numUpdatedRows);
        }
      });
    }
    options.onProgress({ scanned, resealed, total: Math.max(total, scanned) });
    if (options.pauseMs > 0) await sleep(options.pauseMs);
  }
  return { resealed, total: Math.max(total, scanned) };
}

/** Step 4, if no row is left under another key; false sends the rotation round again. */
async function finish(db: Kysely<Database>, vault: KeyVault): Promise<boolean> {
  const pattern = sealedUnderPattern(vault.checkValue());
  return db.transaction().execute(async (trx) => {
    const held = await trx.updateTable('master_key_checks').set({ wrapped_key: null })
      .where('id', '=', CURRENT_CHECK).where('check_value', '=', vault.checkValue()).executeTakeFirst();
    if (Number(held.numUpdatedRows) !== 1) throw new RotationError('the current master key changed while the rotation was finishing');
    const { n } = await trx.selectFrom('resources').select((eb) => eb.fn.countAll<number>().as('n'))
      .where((eb) => eb.or([eb('key1_cipher', 'not like', pattern), eb('key2_cipher', 'not like', pattern)]))
      .executeTakeFirstOrThrow();
    // Rows left (none expected: writers seal under the new key since the switch): roll back, keeping the wrapped copy.
    if (Number(n) > 0) throw new RetryPass();
    await trx.deleteFrom('master_key_checks').where('id', '=', PREVIOUS_CHECK).execute();
    return true;
  }).catch((err) => {
    if (err instanceof RetryPass) return false;
    throw err;
  });
}

/** Rolls back finish's transaction (keeping the wrapped copy) when rows remain. */
class RetryPass extends Error {}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
