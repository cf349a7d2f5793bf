// The CLU tables as Kysely sees them (created by store/migrations/007-clu.ts).
// Times are milliseconds since the epoch.
import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.ts';

export interface CluProjectsTable {
  resource_id: string;
  project_name: string;
  language: string;
  multilingual: number;
  description: string;
  confidence_threshold: number;
  /** JSON of Assets (src/clu/project/assets.ts). */
  assets: string;
  created_at: number;
  modified_at: number;
  trained_at: number | null;
  deployed_at: number | null;
}

export interface CluModelsTable {
  resource_id: string;
  project_name: string;
  label: string;
  model_id: string;
  trained_at: number;
  training_ms: number;
  /** JSON of the Assets the model learned. */
  assets: string;
  /** serializeModel() bytes, base64. */
  data: string;
}

export interface CluDeploymentsTable {
  resource_id: string;
  project_name: string;
  deployment_name: string;
  model_label: string;
  deployed_at: number;
}

/** A deployment rolled out to another resource too (migration 016). */
export interface CluDeploymentResourcesTable {
  assigned_resource_id: string;
  /** The project's own resource. */
  resource_id: string;
  project_name: string;
  deployment_name: string;
}

export type JobKind = 'import' | 'export' | 'train' | 'deploy' | 'undeploy' | 'swap' | 'delete';
export type JobStatus = 'notStarted' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface CluJobsTable {
  id: string;
  resource_id: string;
  project_name: string;
  kind: JobKind;
  status: JobStatus;
  created_at: number;
  updated_at: number;
  /** JSON of JobDetail (src/clu/jobs.ts). */
  detail: string;
}

export type CluTables = {
  clu_projects: CluProjectsTable;
  clu_models: CluModelsTable;
  clu_deployments: CluDeploymentsTable;
  clu_deployment_resources: CluDeploymentResourcesTable;
  clu_jobs: CluJobsTable;
};

export type CluDb = Kysely<Database & CluTables>;

export function cluDb(db: Kysely<Database>): CluDb {
  return db.withTables<CluTables>();
}
