// Rows of the audit log: written one event at a time, read per account newest
// first from a (time, id) cursor, deleted by age.
import type { Kysely } from 'kysely';
import type { AuditEventsTable, Database } from '../schema.ts';

export type AuditRow = AuditEventsTable;

/** Where a page starts: events strictly older than `at`, or at `at` with a smaller id. */
export interface AuditCursor {
  at: number;
  id?: string;
}

export function insertAuditEvents(db: Kysely<Database>, rows: AuditRow[]): Promise<unknown> {
  return rows.length ? db.insertInto('audit_events').values(rows).execute() : Promise.resolve();
}

export function listAuditEvents(db: Kysely<Database>, accountId: string, options: { limit: number; before?: AuditCursor; notBefore: number }): Promise<AuditRow[]> {
  let query = db.selectFrom('audit_events').selectAll().where('account_id', '=', accountId).where('at', '>=', options.notBefore);
  const cursor = options.before;
  if (cursor) {
    query = query.where((eb) => cursor.id === undefined
      ? eb('at', '<', cursor.at)
      : eb.or([eb('at', '<', cursor.at), eb.and([eb('at', '=', cursor.at), eb('id', '<', cursor.id)])]));
  }
  return query.orderBy('at', 'desc').orderBy('id', 'desc').limit(options.limit).execute();
}

/** Deletes every account's events older than `before`; the number deleted. */
export async function deleteAuditEventsBefore(db: Kysely<Database>, before: number): Promise<number> {
  const result = await db.deleteFrom('audit_events').where('at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
