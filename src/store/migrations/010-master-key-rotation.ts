// Master key rotation: while one runs, master_key_checks holds two rows,
// 'current' (the new key, which seals) and 'previous' (the key being replaced),
// each with its key wrapped (sealed) under the other row's key, so that a process holding
// either key can open every stored key until the rotation finishes.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('master_key_checks').addColumn('wrapped_key', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('master_key_checks').dropColumn('wrapped_key').execute();
}
