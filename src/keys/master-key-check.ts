// Refuses a master key the database does not know. Every process on one
// database must share one master key; a mismatch would otherwise show only as
// every stored key failing with a 401, and new keys sealed under a second key.
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import { createKeyVault, masterKeyFile, type MasterKey } from './secrets.ts';

const CHECK_ID = 'current';

export class MasterKeyMismatchError extends Error {}

/**
 * Records the key's check value in an empty database, or proves it against the
 * recorded one; a database from before the check value proves it on a stored key.
 * A generated key is written to the data folder only once it has been accepted.
 */
export async function acceptMasterKey(db: Kysely<Database>, master: MasterKey, dataDir: string, now: number): Promise<void> {
  const vault = createKeyVault(master.key);
  const recorded = await recordedCheck(db) ?? await legacyCheck(db, vault.decrypt);
  if (recorded === undefined || recorded === true) {
    await db.insertInto('master_key_checks').values({ id: CHECK_ID, check_value: vault.checkValue(), recorded_at: now })
      .onConflict((oc) => oc.column('id').doNothing()).execute();
  }
  // Re-read: of two first starts racing on one database, the second insert is the one ignored.
  const agreed = (await recordedCheck(db)) ?? (recorded === true ? vault.checkValue() : undefined);
  if (recorded === false || agreed !== vault.checkValue()) throw mismatch(master, dataDir);
  master.persist();
}

async function recordedCheck(db: Kysely<Database>): Promise<string | undefined> {
  const row = await db.selectFrom('master_key_checks').select('check_value').where('id', '=', CHECK_ID).executeTakeFirst();
  return row?.check_value;
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
  const fix = 'Set PORTICO_MASTER_KEY to the master key every other Portico process on this database uses (the 64 hex characters of their PORTICO_MASTER_KEY or master.key file)';
  switch (master.source) {
    case 'setting':
      return new MasterKeyMismatchError(`PORTICO_MASTER_KEY does not match the master key this database's subscription keys are encrypted under. ${fix}.`);
    case 'file':
      return new MasterKeyMismatchError(`${masterKeyFile(dataDir)} does not match the master key this database's subscription keys are encrypted under. ${fix}, or copy their master.key here.`);
    case 'generated':
      return new MasterKeyMismatchError(`PORTICO_MASTER_KEY is not set and ${masterKeyFile(dataDir)} does not exist, but this database already holds keys encrypted under another master key; refusing to generate a new one. ${fix}.`);
  }
}
