// Refuses a master key the database does not know. Every process on one
// database must share one master key; a mismatch would otherwise show only as
// every stored key failing with a 401, and new keys sealed under a second key.
// During a rotation the database knows two (rows 'current' and 'previous', see
// rotation.ts) and a process holding either learns the other from it.
import type { Kysely } from 'kysely';
import type { Database, MasterKeyChecksTable } from '../store/schema.ts';
import { createKeyVault, masterKeyFile, unwrapMasterKey, type KeyVault, type MasterKey } from './secrets.ts';

/** The key that seals. */
export const CURRENT_CHECK = 'current';
/** A rotation's new key, announced before it seals (so every running process holds it first). */
export const NEXT_CHECK = 'next';
/** The key a rotation replaces, while keys sealed under it remain. */
export const PREVIOUS_CHECK = 'previous';

export class MasterKeyMismatchError extends Error {}

/** What master_key_checks says: the key that seals and, while a rotation runs, the other key in play. */
export interface MasterKeyState {
  current?: MasterKeyChecksTable;
  next?: MasterKeyChecksTable;
  previous?: MasterKeyChecksTable;
}

export async function readMasterKeyState(db: Kysely<Database>): Promise<MasterKeyState> {
  const rows = await db.selectFrom('master_key_checks').selectAll().execute();
  const row = (id: string) => rows.find((r) => r.id === id);
  return { current: row(CURRENT_CHECK), next: row(NEXT_CHECK), previous: row(PREVIOUS_CHECK) };
}

/**
 * Records the key's check value in an empty database, or proves it against the
 * recorded one; a database from before the check value proves it on a stored key.
 * A generated key is written to the data folder only once it has been accepted.
 * Resolves to the vault holding every master key the database needs now.
 */
export async function acceptMasterKey(db: Kysely<Database>, master: MasterKey, dataDir: string, now: number): Promise<KeyVault> {
  const vault = createKeyVault(master.key);
  const recorded = (await readMasterKeyState(db)).current?.check_value ?? await legacyCheck(db, vault.decrypt);
  if (recorded === undefined || recorded === true) {
    await db.insertInto('master_key_checks').values({ id: CURRENT_CHECK, check_value: vault.checkValue(), recorded_at: now, wrapped_key: null })
      .onConflict((oc) => oc.column('id').doNothing()).execute();
  }
  // Re-read: of two first starts racing on one database, the second insert is the one ignored.
  const state = await readMasterKeyState(db);
  const known = inPlay(state).some((row) => row.check_value === vault.checkValue());
  if (recorded === false || !known || learnMasterKeys(vault, state) === 'lost') throw mismatch(master, dataDir);
  master.persist();
  return vault;
}

export type MasterKeyStatus = 'steady' | 'rotating' | 'lost';

function inPlay(state: MasterKeyState): MasterKeyChecksTable[] {
  return [state.current, state.next, state.previous].filter((row) => row !== undefined);
}

/**
 * Brings the vault in line with the recorded state: learns every key in play
 * (each row's key is wrapped under the other's), seals under the current one
 * and forgets keys a rotation has finished with. 'lost': the database's
 * current key is one this vault cannot learn (rotated while it heard nothing).
 */
export function learnMasterKeys(vault: KeyVault, state: MasterKeyState): MasterKeyStatus {
  const rows = inPlay(state);
  if (!state.current) return 'steady';
  for (let pass = 0; pass < rows.length; pass++) {
    for (const row of rows) {
      if (!vault.holds(row.check_value) && row.wrapped_key && vault.canOpen(row.wrapped_key)) vault.keep(unwrapMasterKey(vault, row.wrapped_key));
    }
  }
  if (!vault.holds(state.current.check_value)) return 'lost';
  vault.promote(state.current.check_value);
  vault.retain(rows.map((row) => row.check_value));
  return rows.length > 1 ? 'rotating' : 'steady';
}

export async function refreshMasterKeys(db: Kysely<Database>, vault: KeyVault): Promise<MasterKeyStatus> {
  return learnMasterKeys(vault, await readMasterKeyState(db));
}

/** How often a running server reads master_key_checks to hear of a rotation; a rotation waits longer than this before re-encrypting. */
export const MASTER_KEY_POLL_MS = 1_000;

/** Keeps a running process's vault in step with rotations; `onLost` is told once when it falls out of step. */
export function watchMasterKeys(db: Kysely<Database>, vault: KeyVault, onLost: (message: string) => void, intervalMs = MASTER_KEY_POLL_MS): () => Promise<void> {
  let reported = false;
  let running: Promise<unknown> = Promise.resolve();
  const poll = () => {
    running = refreshMasterKeys(db, vault).then((status) => {
      if (status === 'lost' && !reported) {
        reported = true;
        onLost('the master key of this database was rotated to a key this process cannot learn (it heard nothing while the rotation ran); keys re-encrypted since can no longer be opened here. Restart this process with the new master key.');
      }
      if (status !== 'lost') reported = false;
    }, () => undefined);
  };
  const timer = setInterval(poll, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}

/** Before the check value existed: true/false when a stored key does/doesn't open, undefined when none is stored. */
async function legacyCheck(db: Kysely<Database>, decrypt: (cipher: string) => string): Promise<boolean | undefined> {
  const row = await db.selectFrom('resources').select('key1_cipher').limit(1).executeTakeFirst();
  if (!row) return undefined;
  try {
    decrypt(row.key1_cipher);
    return true;
  } catch {
    return false;
  }
}

function mismatch(master: MasterKey, dataDir: string): MasterKeyMismatchError {
  const fix = 'Set PORTICO_MASTER_KEY to the master key every other Portico process on this database uses (the 64 hex characters of their PORTICO_MASTER_KEY or master.key file; after "portico rotate-master-key", the new key)';
  switch (master.source) {
    case 'setting':
      return new MasterKeyMismatchError(`PORTICO_MASTER_KEY does not match the master key this database's subscription keys are encrypted under. ${fix}.`);
    case 'file':
      return new MasterKeyMismatchError(`${masterKeyFile(dataDir)} does not match the master key this database's subscription keys are encrypted under. ${fix}, or copy their master.key here.`);
    case 'generated':
      return new MasterKeyMismatchError(`PORTICO_MASTER_KEY is not set and ${masterKeyFile(dataDir)} does not exist, but this database already holds keys encrypted under another master key; refusing to generate a new one. ${fix}.`);
  }
}
