// The LUIS tables as Kysely sees them (created by store/migrations/002-luis.ts).
// Times are milliseconds since the epoch, as in the platform's tables.
import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.ts';

export interface LuisAppsTable {
  id: string;
  owner_account_id: string;
  authoring_region: string;
  name: string;
  description: string;
  culture: string;
  domain: string;
  usage_scenario: string;
  active_version: string;
  is_public: number;
  /** JSON of PublishSettings (sentimentAnalysis, speech, spellChecker). */
  publish_settings: string;
  created_at: number;
}

export type TrainingStatus = 'NeedsTraining' | 'Queued' | 'InProgress' | 'Success' | 'Fail';

export interface LuisVersionsTable {
  app_id: string;
  version_id: string;
  /** JSON of a VersionDoc (src/luis/app/document.ts). */
  content: string;
  /** Bumped by every edit; training remembers which revision it learned. */
  revision: number;
  created_at: number;
  updated_at: number;
  training_status: TrainingStatus;
  /** The revision the queued or running training works on. */
  training_revision: number | null;
  training_failure: string | null;
  /** The revision the current model (model_id) was trained from. */
  trained_revision: number | null;
  trained_at: number | null;
  model_id: string | null;
  published_at: number | null;
}

export interface LuisModelsTable {
  id: string;
  app_id: string;
  version_id: string;
  created_at: number;
  /** serializeModel() bytes, base64: one text column serves SQLite and PostgreSQL alike. */
  data: string;
}

export interface LuisPublicationsTable {
  app_id: string;
  slot: 'production' | 'staging';
  region: string;
  version_id: string;
  model_id: string;
  published_at: number;
}

export interface LuisCollaboratorsTable {
  app_id: string;
  email: string;
  added_at: number;
}

export interface LuisAppResourcesTable {
  app_id: string;
  resource_id: string;
  azure_subscription_id: string;
  resource_group: string;
  assigned_at: number;
}

export interface LuisQueryLogsTable {
  id: string;
  app_id: string;
  at: number;
  slot: string;
  region: string;
  query: string;
  response: string;
}

export interface LuisDismissedUtterancesTable {
  app_id: string;
  version_id: string;
  /** Normalised: trimmed, lower case. */
  text: string;
  dismissed_at: number;
}

export interface LuisBatchTestsTable {
  id: string;
  app_id: string;
  version_id: string;
  target: 'version' | 'production' | 'staging';
  name: string;
  created_at: number;
  utterances: number;
  intent_accuracy: number;
  /** JSON of a BatchReport (src/luis/batch/evaluate.ts). */
  report: string;
}

export type LuisTables = {
  luis_apps: LuisAppsTable;
  luis_versions: LuisVersionsTable;
  luis_models: LuisModelsTable;
  luis_publications: LuisPublicationsTable;
  luis_collaborators: LuisCollaboratorsTable;
  luis_app_resources: LuisAppResourcesTable;
  luis_query_logs: LuisQueryLogsTable;
  luis_dismissed_utterances: LuisDismissedUtterancesTable;
  luis_batch_tests: LuisBatchTestsTable;
};

export type LuisDatabase = Database & LuisTables;
export type LuisDb = Kysely<LuisDatabase>;

/** The platform's database handle, typed with the LUIS tables too. */
export function luisDb(db: Kysely<Database>): LuisDb {
  return db.withTables<LuisTables>();
}
