// Writes that seal keys hold the master key they seal under: the first statement
// of their transaction touches the 'current' check row only if it still names
// the vault's current key, which locks it (a row lock in PostgreSQL, the write
// lock in SQLite) until commit. A rotation changes that row, so no key can be
// sealed under a master key after a rotation has moved past it.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import { CURRENT_CHECK, MasterKeyMismatchError, refreshMasterKeys } from './master-key-check.ts';
import type { KeyVault } from './secrets.ts';

/** Runs `write` in a transaction (or the caller's) that holds the vault's current master key. */
export async function sealingWrite<T>(db: Kysely<Database>, vault: KeyVault, write: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  const run = async (trx: Kysely<Database>) => {
    await holdCurrentMasterKey(trx, vault);
    return write(trx);
  };
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}

async function holdCurrentMasterKey(trx: Kysely<Database>, vault: KeyVault): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const held = await trx.updateTable('master_key_checks').set({ recorded_at: sql<number>`recorded_at` })
      .where('id', '=', CURRENT_CHECK).where('check_value', '=', vault.checkValue()).executeTakeFirst();
    if (Number(held.numUpdatedRows) === 1) return;
    // A rotation began since this process last looked: learn its new key and seal under that.
    if (await refreshMasterKeys(trx, vault) === 'lost') break;
  }
  throw new MasterKeyMismatchError('the master key of this database changed and this process cannot learn the new one; restart it with the new master key');
}
