// Kept batch tests: one row per run, its report as JSON, listed per version newest first.
import type { Selectable } from 'kysely';
import type { LuisBatchTestsTable, LuisDb } from './tables.ts';

export type BatchTestRow = Selectable<LuisBatchTestsTable>;
export type BatchTestSummaryRow = Omit<BatchTestRow, 'report'>;

const SUMMARY = ['id', 'app_id', 'version_id', 'target', 'name', 'created_at', 'utterances', 'intent_accuracy'] as const;

export async function insertBatchTest(db: LuisDb, row: BatchTestRow): Promise<void> {
  await db.insertInto('luis_batch_tests').values(row).execute();
}

export function listBatchTests(db: LuisDb, appId: string, versionId: string): Promise<BatchTestSummaryRow[]> {
  return db.selectFrom('luis_batch_tests').select(SUMMARY).where('app_id', '=', appId).where('version_id', '=', versionId)
    .orderBy('created_at', 'desc').orderBy('id').execute();
}

export function findBatchTest(db: LuisDb, appId: string, versionId: string, id: string): Promise<BatchTestRow | undefined> {
  return db.selectFrom('luis_batch_tests').selectAll().where('app_id', '=', appId).where('version_id', '=', versionId).where('id', '=', id).executeTakeFirst();
}

export async function deleteBatchTest(db: LuisDb, appId: string, versionId: string, id: string): Promise<boolean> {
  const result = await db.deleteFrom('luis_batch_tests').where('app_id', '=', appId).where('version_id', '=', versionId).where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
