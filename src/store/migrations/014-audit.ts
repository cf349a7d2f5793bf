// The audit log: security-relevant events of each account (log-ins, key and
// resource changes, …), read newest first per account and pruned by age. The
// detail column holds JSON of names only (resource, key slot, region), never a
// secret; see src/audit/events.ts.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('audit_events')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('account_id', 'varchar(36)', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('type', 'varchar(64)', (c) => c.notNull())
    /** E-mail of the account that acted (the owner, or another for collaborator changes), or "operator". */
    .addColumn('actor', 'varchar(320)', (c) => c.notNull())
    /** Client address as the request saw it; '' for a command run on the server. */
    .addColumn('address', 'varchar(64)', (c) => c.notNull())
    .addColumn('detail', 'varchar(2000)', (c) => c.notNull())
    .execute();
  // Reads page one account's events by time (the id breaks ties); pruning deletes by time alone.
  await db.schema.createIndex('audit_events_account_at').on('audit_events').columns(['account_id', 'at', 'id']).execute();
  await db.schema.createIndex('audit_events_at').on('audit_events').column('at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('audit_events').execute();
}
