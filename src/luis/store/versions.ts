// Versions (the app definition as a document), trained models and publications.
import { sql } from 'kysely';
import type { LuisDb, LuisPublicationsTable, LuisVersionsTable, TrainingStatus } from './tables.ts';

export type VersionRow = LuisVersionsTable;
export type PublicationRow = LuisPublicationsTable;
/** A version without its (possibly large) content. */
export type VersionMeta = Omit<VersionRow, 'content'>;

const META_COLUMNS = ['app_id', 'version_id', 'revision', 'created_at', 'updated_at', 'training_status', 'training_revision',
  'training_failure', 'trained_revision', 'trained_at', 'model_id', 'published_at'] as const;

export function insertVersion(db: LuisDb, row: VersionRow): Promise<unknown> {
  return db.insertInto('luis_versions').values(row).execute();
}

export function findVersion(db: LuisDb, appId: string, versionId: string): Promise<VersionRow | undefined> {
  return db.selectFrom('luis_versions').selectAll().where('app_id', '=', appId).where('version_id', '=', versionId).executeTakeFirst();
}

export function findVersionMeta(db: LuisDb, appId: string, versionId: string): Promise<VersionMeta | undefined> {
  return db.selectFrom('luis_versions').select(META_COLUMNS).where('app_id', '=', appId).where('version_id', '=', versionId).executeTakeFirst();
}

export function listVersionMeta(db: LuisDb, appId: string): Promise<VersionMeta[]> {
  return db.selectFrom('luis_versions').select(META_COLUMNS).where('app_id', '=', appId).orderBy('created_at').orderBy('version_id').execute();
}

export function countVersions(db: LuisDb, appId: string): Promise<number> {
  return db.selectFrom('luis_versions').select((eb) => eb.fn.countAll<number>().as('n')).where('app_id', '=', appId)
    .executeTakeFirstOrThrow().then((r) => Number(r.n));
}

/** Writes new content if nobody else wrote since `revision` was read; false means retry. */
export async function saveContent(db: LuisDb, appId: string, versionId: string, revision: number, content: string, now: number): Promise<boolean> {
  const result = await db.updateTable('luis_versions').set({ content, revision: revision + 1, updated_at: now })
    .where('app_id', '=', appId).where('version_id', '=', versionId).where('revision', '=', revision)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export function renameVersion(db: LuisDb, appId: string, from: string, to: string): Promise<unknown> {
  return db.transaction().execute(async (tx) => {
    await tx.updateTable('luis_versions').set({ version_id: to }).where('app_id', '=', appId).where('version_id', '=', from).execute();
    await tx.updateTable('luis_models').set({ version_id: to }).where('app_id', '=', appId).where('version_id', '=', from).execute();
    await tx.updateTable('luis_publications').set({ version_id: to }).where('app_id', '=', appId).where('version_id', '=', from).execute();
    await tx.updateTable('luis_apps').set({ active_version: to }).where('id', '=', appId).where('active_version', '=', from).execute();
  });
}

export function deleteVersion(db: LuisDb, appId: string, versionId: string): Promise<unknown> {
  return db.deleteFrom('luis_versions').where('app_id', '=', appId).where('version_id', '=', versionId).execute();
}

export function setTrainingState(db: LuisDb, appId: string, versionId: string, values: {
  training_status: TrainingStatus; training_revision?: number | null; training_failure?: string | null;
  trained_revision?: number | null; trained_at?: number | null; model_id?: string | null;
}): Promise<unknown> {
  return db.updateTable('luis_versions').set(values).where('app_id', '=', appId).where('version_id', '=', versionId).execute();
}

/** Versions whose training was queued or running when the process stopped. */
export function unfinishedTrainings(db: LuisDb): Promise<Array<{ app_id: string; version_id: string }>> {
  return db.selectFrom('luis_versions').select(['app_id', 'version_id'])
    .where('training_status', 'in', ['Queued', 'InProgress']).execute();
}

export function insertModel(db: LuisDb, row: { id: string; app_id: string; version_id: string; created_at: number; data: string }): Promise<unknown> {
  return db.insertInto('luis_models').values(row).execute();
}

/** Every stored model's id, owner version and the start of its data (enough for its format header). */
export function modelHeads(db: LuisDb): Promise<Array<{ id: string; app_id: string; version_id: string; head: string }>> {
  return db.selectFrom('luis_models').select(['id', 'app_id', 'version_id', sql<string>`substr(data, 1, 16)`.as('head')]).execute();
}

export function replaceModelData(db: LuisDb, id: string, data: string): Promise<unknown> {
  return db.updateTable('luis_models').set({ data }).where('id', '=', id).execute();
}

export function findModelData(db: LuisDb, id: string): Promise<string | undefined> {
  return db.selectFrom('luis_models').select('data').where('id', '=', id).executeTakeFirst().then((r) => r?.data);
}

/** Drops models neither a version nor a publication points to any more. */
export function deleteUnusedModels(db: LuisDb, appId: string): Promise<unknown> {
  return db.deleteFrom('luis_models').where('app_id', '=', appId)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('luis_versions').select('version_id').whereRef('luis_versions.model_id', '=', 'luis_models.id'))))
    .where((eb) => eb.not(eb.exists(eb.selectFrom('luis_publications').select('slot').whereRef('luis_publications.model_id', '=', 'luis_models.id'))))
    .execute();
}

export async function publish(db: LuisDb, rows: PublicationRow[]): Promise<void> {
  if (!rows.length) return;
  await db.transaction().execute(async (tx) => {
    await tx.insertInto('luis_publications').values(rows)
      .onConflict((oc) => oc.columns(['app_id', 'slot', 'region']).doUpdateSet((eb) => ({
        version_id: eb.ref('excluded.version_id'), model_id: eb.ref('excluded.model_id'), published_at: eb.ref('excluded.published_at'),
      })))
      .execute();
    await tx.updateTable('luis_versions').set({ published_at: rows[0].published_at })
      .where('app_id', '=', rows[0].app_id).where('version_id', '=', rows[0].version_id).execute();
  });
}

export function listPublications(db: LuisDb, appId: string): Promise<PublicationRow[]> {
  return db.selectFrom('luis_publications').selectAll().where('app_id', '=', appId).orderBy('slot').orderBy('region').execute();
}

export function deletePublicationsOfVersion(db: LuisDb, appId: string, versionId: string): Promise<unknown> {
  return db.deleteFrom('luis_publications').where('app_id', '=', appId).where('version_id', '=', versionId).execute();
}
