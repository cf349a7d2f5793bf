// Access tokens (POST /sts/v1.0/issueToken): the signing keys every process
// shares, sealed by the key vault, and the per-resource switch that turns key
// authentication off (Azure's disableLocalAuth).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('token_signing_keys')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('secret_cipher', 'varchar(200)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.alterTable('resources').addColumn('disable_local_auth', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('resources').dropColumn('disable_local_auth').execute();
  await db.schema.dropTable('token_signing_keys').execute();
}
