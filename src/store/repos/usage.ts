import { sql, type Kysely, type Transaction } from 'kysely';
import type SQLite from 'better-sqlite3';
import type { Database, UsageLatencyTable, UsageTable } from '../schema.ts';
import { touchResources } from './resources.ts';

export type UsageRow = UsageTable;
export type LatencyRow = UsageLatencyTable;

/**
 * Where the gateway's metering batches go: one call adds each row's calls to its
 * stored count, each latency row's calls and latency to its bucket, and moves
 * resources' last use forward, in one transaction.
 */
export interface UsageWriter {
  write(rows: UsageRow[], lastUse: ReadonlyMap<string, number>, latency?: LatencyRow[]): Promise<void>;
}

/** The columns a usage row is unique by: both writers upsert on them. */
const USAGE_KEY_COLUMNS = ['resource_id', 'day', 'meter', 'operation', 'key_slot', 'status', 'admitted', 'writer'] as const;
const USAGE_KEY = USAGE_KEY_COLUMNS.join(', ');
const LATENCY_KEY_COLUMNS = ['resource_id', 'day', 'operation', 'writer', 'le_ms'] as const;
const LATENCY_KEY = LATENCY_KEY_COLUMNS.join(', ');

/** Any Kysely database: one multi-row upsert, plus the last-use updates when there are any. */
export function kyselyUsageWriter(db: Kysely<Database>): UsageWriter {
  return {
    async write(rows, lastUse, latency = []) {
      // A single statement is atomic on its own: no BEGIN/COMMIT round trips.
      if (lastUse.size === 0 && latency.length === 0) return addUsage(db, rows);
      await db.transaction().execute(async (tx) => {
        await addUsage(tx, rows);
        await addLatency(tx, latency);
        if (lastUse.size > 0) await touchResources(tx, lastUse);
      });
    },
  };
}

/**
 * SQLite through its own prepared statements: the gateway writes a batch every
 * few milliseconds, and building and preparing the SQL anew each time cost more
 * than the write. The statements run on Kysely's one connection while holding
 * it, so a batch never lands inside a transaction some other code has open.
 */
export function sqliteUsageWriter(db: Kysely<Database>, file: SQLite.Database): UsageWriter {
  const upsert = file.prepare(`insert into usage (${USAGE_KEY}, calls) values (?, ?, ?, ?, ?, ?, ?, ?, ?)
    on conflict (${USAGE_KEY}) do update set calls = usage.calls + excluded.calls`);
  const upsertLatency = file.prepare(`insert into usage_latency (${LATENCY_KEY}, calls, latency_ms) values (?, ?, ?, ?, ?, ?, ?)
    on conflict (${LATENCY_KEY}) do update set calls = usage_latency.calls + excluded.calls, latency_ms = usage_latency.latency_ms + excluded.latency_ms`);
  const touch = file.prepare('update resources set last_used_at = ? where id = ? and last_used_at < ?');
  const add = (r: UsageRow) => upsert.run(r.resource_id, r.day, r.meter, r.operation, r.key_slot, r.status, r.admitted, r.writer, r.calls);
  const writeAll = file.transaction((rows: UsageRow[], lastUse: ReadonlyMap<string, number>, latency: LatencyRow[]) => {
    for (const row of rows) add(row);
    for (const r of latency) upsertLatency.run(r.resource_id, r.day, r.operation, r.writer, r.le_ms, r.calls, r.latency_ms);
    for (const [id, at] of lastUse) touch.run(at, id, at);
  });
  return {
    write(rows, lastUse, latency = []) {
      return db.connection().execute(async () => {
        if (rows.length === 1 && lastUse.size === 0 && latency.length === 0) add(rows[0]);
        else writeAll(rows, lastUse, latency);
      });
    },
  };
}

/** Adds the calls of each row to the stored count (rows must be unique by key). */
export async function addUsage(db: Kysely<Database> | Transaction<Database>, rows: UsageRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insertInto('usage').values(rows)
    .onConflict((oc) => oc.columns([...USAGE_KEY_COLUMNS])
      .doUpdateSet({ calls: sql`usage.calls + excluded.calls` }))
    .execute();
}

/** Adds each latency row's calls and latency to its stored bucket (rows must be unique by key). */
export async function addLatency(db: Kysely<Database> | Transaction<Database>, rows: LatencyRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insertInto('usage_latency').values(rows)
    .onConflict((oc) => oc.columns([...LATENCY_KEY_COLUMNS])
      .doUpdateSet({ calls: sql`usage_latency.calls + excluded.calls`, latency_ms: sql`usage_latency.latency_ms + excluded.latency_ms` }))
    .execute();
}

/** A resource's latency buckets per day and operation, summed over writers. */
export function latencyRows(db: Kysely<Database>, resourceId: string, fromDay: string, toDay: string): Promise<Pick<LatencyRow, 'day' | 'operation' | 'le_ms' | 'calls' | 'latency_ms'>[]> {
  return db.selectFrom('usage_latency')
    .select((eb) => ['day', 'operation', 'le_ms', eb.fn.sum<number>('calls').as('calls'), eb.fn.sum<number>('latency_ms').as('latency_ms')])
    .where('resource_id', '=', resourceId).where('day', '>=', fromDay).where('day', '<=', toDay)
    .groupBy(['day', 'operation', 'le_ms'])
    .orderBy('day').execute();
}

export function usageRows(db: Kysely<Database>, resourceId: string, fromDay: string, toDay: string): Promise<UsageRow[]> {
  return db.selectFrom('usage').selectAll()
    .where('resource_id', '=', resourceId).where('day', '>=', fromDay).where('day', '<=', toDay)
    .orderBy('day').execute();
}

/** Calls admitted on a meter between two days (inclusive): what the monthly quota has used. */
export async function admittedCalls(db: Kysely<Database>, resourceId: string, meter: string, fromDay: string, toDay: string): Promise<number> {
  const row = await db.selectFrom('usage')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('calls'), sql<number>`0`).as('n'))
    .where('resource_id', '=', resourceId).where('meter', '=', meter).where('admitted', '=', 1)
    .where('day', '>=', fromDay).where('day', '<=', toDay)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
