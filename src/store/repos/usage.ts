import { sql, type Kysely, type Transaction } from 'kysely';
import type SQLite from 'better-sqlite3';
import type { Database, UsageTable } from '../schema.ts';
import { touchResources } from './resources.ts';

export type UsageRow = UsageTable;

/**
 * Where the gateway's metering batches go: one call adds each row's calls to its
 * stored count and moves resources' last use forward, in one transaction.
 */
export interface UsageWriter {
  write(rows: UsageRow[], lastUse: ReadonlyMap<string, number>): Promise<void>;
}

/** The columns a usage row is unique by: both writers upsert on them. */
const USAGE_KEY_COLUMNS = ['resource_id', 'day', 'meter', 'operation', 'key_slot', 'status', 'admitted', 'writer'] as const;
const USAGE_KEY = USAGE_KEY_COLUMNS.join(', ');

/** Any Kysely database: one multi-row upsert, plus the last-use updates when there are any. */
export function kyselyUsageWriter(db: Kysely<Database>): UsageWriter {
  return {
    async write(rows, lastUse) {
      // A single statement is atomic on its own: no BEGIN/COMMIT round trips.
      if (lastUse.size === 0) return addUsage(db, rows);
      await db.transaction().execute(async (tx) => {
        await addUsage(tx, rows);
        await touchResources(tx, lastUse);
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
  const touch = file.prepare('update resources set last_used_at = ? where id = ? and last_used_at < ?');
  const add = (r: UsageRow) => upsert.run(r.resource_id, r.day, r.meter, r.operation, r.key_slot, r.status, r.admitted, r.writer, r.calls);
  const writeAll = file.transaction((rows: UsageRow[], lastUse: ReadonlyMap<string, number>) => {
    for (const row of rows) add(row);
    for (const [id, at] of lastUse) touch.run(at, id, at);
  });
  return {
    write(rows, lastUse) {
      return db.connection().execute(async () => {
        if (rows.length === 1 && lastUse.size === 0) add(rows[0]);
        else writeAll(rows, lastUse);
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
