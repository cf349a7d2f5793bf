// Usage rows gain a writer: each server process adds to rows of its own, so
// processes sharing one PostgreSQL never queue on one hot row's lock (each
// commit of a shared row would hold it until the commit is on disk). Reads sum
// over writers, as they already sum over keys and statuses.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('usage_by_resource_day').execute();
  await db.schema.alterTable('usage').renameTo('usage_before_writers').execute();
  await db.schema.createTable('usage')
    .addColumn('resource_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('day', 'varchar(10)', (c) => c.notNull())
    .addColumn('meter', 'varchar(32)', (c) => c.notNull())
    .addColumn('operation', 'varchar(64)', (c) => c.notNull())
    .addColumn('key_slot', 'smallint', (c) => c.notNull())
    .addColumn('status', 'smallint', (c) => c.notNull())
    .addColumn('admitted', 'smallint', (c) => c.notNull())
    .addColumn('writer', 'varchar(64)', (c) => c.notNull())
    .addColumn('calls', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('usage_writers_pk', ['resource_id', 'day', 'meter', 'operation', 'key_slot', 'status', 'admitted', 'writer'])
    .execute();
  await sql`insert into usage (resource_id, day, meter, operation, key_slot, status, admitted, writer, calls)
    select resource_id, day, meter, operation, key_slot, status, admitted, '', calls from usage_before_writers`.execute(db);
  await db.schema.dropTable('usage_before_writers').execute();
  await db.schema.createIndex('usage_by_resource_day').on('usage').columns(['resource_id', 'day']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  throw new Error('003-usage-writers cannot be undone without summing writers; restore a backup instead');
}
