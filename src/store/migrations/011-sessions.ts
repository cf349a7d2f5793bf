// Console sessions that can be listed and revoked: each gets a public id (the
// token's digest stays private), the time it was last used and the client that
// opened it. Sessions from before this migration get an id from their digest
// and count as last used when they were created.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sessions').addColumn('id', 'varchar(36)').execute();
  await db.schema.alterTable('sessions').addColumn('last_used_at', 'bigint').execute();
  await db.schema.alterTable('sessions').addColumn('client', 'varchar(300)').execute();
  await sql`update sessions set id = substr(token_digest, 1, 32), last_used_at = created_at, client = '' where id is null`.execute(db);
  await db.schema.createIndex('sessions_id').on('sessions').column('id').unique().execute();
  await db.schema.createIndex('sessions_account').on('sessions').column('account_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('sessions_account').execute();
  await db.schema.dropIndex('sessions_id').execute();
  for (const column of ['client', 'last_used_at', 'id']) await db.schema.alterTable('sessions').dropColumn(column).execute();
}
