// Latency beside usage: per resource, UTC day and operation, the admitted calls
// counted per latency bucket with the sum of their latencies, so the console
// can show each day's average and 95th percentile. Like usage, each process
// adds to rows of its own writer and reads sum over writers.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('usage_latency')
    .addColumn('resource_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('day', 'varchar(10)', (c) => c.notNull())
    .addColumn('operation', 'varchar(64)', (c) => c.notNull())
    .addColumn('writer', 'varchar(64)', (c) => c.notNull())
    /** The bucket's upper bound in ms (see src/metrics/latency.ts); 2147483647 is the +Inf bucket. */
    .addColumn('le_ms', 'integer', (c) => c.notNull())
    .addColumn('calls', 'bigint', (c) => c.notNull())
    .addColumn('latency_ms', 'double precision', (c) => c.notNull())
    .addPrimaryKeyConstraint('usage_latency_pk', ['resource_id', 'day', 'operation', 'writer', 'le_ms'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('usage_latency').execute();
}
