import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, UsageTable } from '../schema.ts';

export type UsageRow = UsageTable;

/** Adds the calls of each row to the stored count (rows must be unique by key). */
export async function addUsage(db: Kysely<Database> | Transaction<Database>, rows: UsageRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insertInto('usage').values(rows)
    .onConflict((oc) => oc.columns(['resource_id', 'day', 'meter', 'operation', 'key_slot', 'status', 'admitted', 'writer'])
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
