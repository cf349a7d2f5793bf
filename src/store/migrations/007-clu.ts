// CLU (Azure AI Language, conversational language understanding): projects of a
// Language resource, the models trained from them, their deployments, and the
// authoring jobs (import, export, train, deploy, swap, delete) clients poll.
// A project belongs to the resource whose key created it, as in Azure; deleting
// the resource deletes its projects.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('clu_projects')
    .addColumn('resource_id', 'varchar(36)', (c) => c.notNull().references('resources.id').onDelete('cascade'))
    .addColumn('project_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('language', 'varchar(16)', (c) => c.notNull())
    .addColumn('multilingual', 'integer', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('confidence_threshold', 'double precision', (c) => c.notNull())
    /** JSON of the project's assets (intents, entities, utterances), CLU's export shape. */
    .addColumn('assets', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('modified_at', 'bigint', (c) => c.notNull())
    .addColumn('trained_at', 'bigint')
    .addColumn('deployed_at', 'bigint')
    .addPrimaryKeyConstraint('clu_projects_pk', ['resource_id', 'project_name'])
    .execute();

  await db.schema.createTable('clu_models')
    .addColumn('resource_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('project_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('label', 'varchar(50)', (c) => c.notNull())
    .addColumn('model_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('trained_at', 'bigint', (c) => c.notNull())
    .addColumn('training_ms', 'bigint', (c) => c.notNull())
    /** The assets the model learned (JSON), so a deployment answers with the categories it was trained on. */
    .addColumn('assets', 'text', (c) => c.notNull())
    /** serializeModel() bytes, base64. */
    .addColumn('data', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('clu_models_pk', ['resource_id', 'project_name', 'label'])
    .addForeignKeyConstraint('clu_models_project', ['resource_id', 'project_name'], 'clu_projects', ['resource_id', 'project_name'], (fk) => fk.onDelete('cascade'))
    .execute();

  await db.schema.createTable('clu_deployments')
    .addColumn('resource_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('project_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('deployment_name', 'varchar(50)', (c) => c.notNull())
    .addColumn('model_label', 'varchar(50)', (c) => c.notNull())
    .addColumn('deployed_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('clu_deployments_pk', ['resource_id', 'project_name', 'deployment_name'])
    .addForeignKeyConstraint('clu_deployments_model', ['resource_id', 'project_name', 'model_label'], 'clu_models', ['resource_id', 'project_name', 'label'])
    .execute();

  await db.schema.createTable('clu_jobs')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('resource_id', 'varchar(36)', (c) => c.notNull().references('resources.id').onDelete('cascade'))
    .addColumn('project_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('kind', 'varchar(24)', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    /** JSON: what the job was asked (options) and what it found (result, errors). */
    .addColumn('detail', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('clu_jobs_project').on('clu_jobs').columns(['resource_id', 'project_name', 'kind']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['clu_jobs', 'clu_deployments', 'clu_models', 'clu_projects']) await db.schema.dropTable(table).execute();
}
