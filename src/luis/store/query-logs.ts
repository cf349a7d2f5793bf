// Logged endpoint queries (predictions made with log=true).
import type { LuisDb, LuisQueryLogsTable } from './tables.ts';

export type QueryLogRow = LuisQueryLogsTable;

export async function insertQueryLogs(db: LuisDb, rows: QueryLogRow[]): Promise<void> {
  if (rows.length) await db.insertInto('luis_query_logs').values(rows).execute();
}

export function listQueryLogs(db: LuisDb, appId: string, limit: number): Promise<QueryLogRow[]> {
  return db.selectFrom('luis_query_logs').selectAll().where('app_id', '=', appId).orderBy('at').orderBy('id').limit(limit).execute();
}

/** Keeps the log to the last `keepMs` (LUIS keeps 30 days). */
export function pruneQueryLogs(db: LuisDb, before: number): Promise<unknown> {
  return db.deleteFrom('luis_query_logs').where('at', '<', before).execute();
}
