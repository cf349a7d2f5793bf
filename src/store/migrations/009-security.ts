// The master key's check value: one row holding an HMAC of a fixed label under
// the master key (never the key), so a process started with another key can
// refuse to run instead of failing every stored key with a 401.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('master_key_checks')
    /** Always 'current': one master key per database. */
    .addColumn('id', 'varchar(16)', (c) => c.primaryKey())
    .addColumn('check_value', 'varchar(64)', (c) => c.notNull())
    .addColumn('recorded_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('master_key_checks').execute();
}
