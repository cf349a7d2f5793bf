// Computer Vision Read operations live in the store, so that a poll answered
// by any process (node:cluster workers, or several machines) finds the result.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('vision_read_operations')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('resource_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    /** JSON: the readResults of a succeeded operation, or the failure of a failed one. */
    .addColumn('outcome', 'text')
    .execute();
  await db.schema.createIndex('vision_read_operations_by_created').on('vision_read_operations').column('created_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('vision_read_operations').execute();
}
