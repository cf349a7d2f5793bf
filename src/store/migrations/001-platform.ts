import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('accounts')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('email', 'varchar(320)', (c) => c.notNull().unique())
    .addColumn('password_hash', 'varchar(255)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema.createTable('sessions')
    .addColumn('token_digest', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('account_id', 'varchar(36)', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema.createTable('resources')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('account_id', 'varchar(36)', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('name', 'varchar(64)', (c) => c.notNull())
    .addColumn('kind', 'varchar(64)', (c) => c.notNull())
    .addColumn('tier', 'varchar(16)', (c) => c.notNull())
    .addColumn('region', 'varchar(32)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_used_at', 'bigint', (c) => c.notNull())
    .addColumn('key1_cipher', 'varchar(128)', (c) => c.notNull())
    .addColumn('key1_digest', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('key2_cipher', 'varchar(128)', (c) => c.notNull())
    .addColumn('key2_digest', 'varchar(64)', (c) => c.notNull().unique())
    .addUniqueConstraint('resources_account_name', ['account_id', 'name'])
    .execute();

  await db.schema.createTable('usage')
    .addColumn('resource_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('day', 'varchar(10)', (c) => c.notNull())
    .addColumn('meter', 'varchar(32)', (c) => c.notNull())
    .addColumn('operation', 'varchar(64)', (c) => c.notNull())
    .addColumn('key_slot', 'smallint', (c) => c.notNull())
    .addColumn('status', 'smallint', (c) => c.notNull())
    .addColumn('admitted', 'smallint', (c) => c.notNull())
    .addColumn('calls', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('usage_pk', ['resource_id', 'day', 'meter', 'operation', 'key_slot', 'status', 'admitted'])
    .execute();
  await db.schema.createIndex('usage_by_resource_day').on('usage').columns(['resource_id', 'day']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['usage', 'resources', 'sessions', 'accounts']) await db.schema.dropTable(table).execute();
}
