// Authoring jobs: what clients poll through `operation-location`.
import type { CluDb, CluJobsTable, JobKind } from './tables.ts';

export type JobRow = CluJobsTable;

export const insertJob = (db: CluDb, row: JobRow) => db.insertInto('clu_jobs').values(row).execute();

export const findJob = (db: CluDb, resourceId: string, kind: JobKind, id: string) =>
  db.selectFrom('clu_jobs').selectAll().where('id', '=', id).where('resource_id', '=', resourceId).where('kind', '=', kind).executeTakeFirst();

export const updateJob = (db: CluDb, id: string, set: Partial<Pick<JobRow, 'status' | 'updated_at' | 'detail'>>) =>
  db.updateTable('clu_jobs').set(set).where('id', '=', id).execute();

export const listJobs = (db: CluDb, resourceId: string, project: string, kind: JobKind) =>
  db.selectFrom('clu_jobs').selectAll().where('resource_id', '=', resourceId).where('project_name', '=', project).where('kind', '=', kind)
    .orderBy('created_at').execute();

/** Jobs a stopped process left unfinished. */
export const unfinishedJobs = (db: CluDb, kind: JobKind) =>
  db.selectFrom('clu_jobs').selectAll().where('kind', '=', kind).where('status', 'in', ['notStarted', 'running']).execute();
