// Tables of the LUIS-compatible service: apps, their versions (the app
// definition as a JSON document), trained models, publications per slot and
// region, collaborators, assigned endpoint resources and query logs.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('luis_apps')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('owner_account_id', 'varchar(36)', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('authoring_region', 'varchar(32)', (c) => c.notNull())
    .addColumn('name', 'varchar(128)', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('culture', 'varchar(16)', (c) => c.notNull())
    .addColumn('domain', 'varchar(128)', (c) => c.notNull())
    .addColumn('usage_scenario', 'varchar(128)', (c) => c.notNull())
    .addColumn('active_version', 'varchar(64)', (c) => c.notNull())
    .addColumn('is_public', 'smallint', (c) => c.notNull())
    .addColumn('publish_settings', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('luis_apps_by_owner').on('luis_apps').columns(['owner_account_id', 'authoring_region']).execute();

  await db.schema.createTable('luis_versions')
    .addColumn('app_id', 'varchar(36)', (c) => c.notNull().references('luis_apps.id').onDelete('cascade'))
    .addColumn('version_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('training_status', 'varchar(16)', (c) => c.notNull())
    .addColumn('training_revision', 'integer')
    .addColumn('training_failure', 'text')
    .addColumn('trained_revision', 'integer')
    .addColumn('trained_at', 'bigint')
    .addColumn('model_id', 'varchar(36)')
    .addColumn('published_at', 'bigint')
    .addPrimaryKeyConstraint('luis_versions_pk', ['app_id', 'version_id'])
    .execute();

  await db.schema.createTable('luis_models')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('app_id', 'varchar(36)', (c) => c.notNull().references('luis_apps.id').onDelete('cascade'))
    .addColumn('version_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .execute();

  await db.schema.createTable('luis_publications')
    .addColumn('app_id', 'varchar(36)', (c) => c.notNull().references('luis_apps.id').onDelete('cascade'))
    .addColumn('slot', 'varchar(16)', (c) => c.notNull())
    .addColumn('region', 'varchar(32)', (c) => c.notNull())
    .addColumn('version_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('model_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('published_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('luis_publications_pk', ['app_id', 'slot', 'region'])
    .execute();

  await db.schema.createTable('luis_collaborators')
    .addColumn('app_id', 'varchar(36)', (c) => c.notNull().references('luis_apps.id').onDelete('cascade'))
    .addColumn('email', 'varchar(320)', (c) => c.notNull())
    .addColumn('added_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('luis_collaborators_pk', ['app_id', 'email'])
    .execute();
  await db.schema.createIndex('luis_collaborators_by_email').on('luis_collaborators').column('email').execute();

  await db.schema.createTable('luis_app_resources')
    .addColumn('app_id', 'varchar(36)', (c) => c.notNull().references('luis_apps.id').onDelete('cascade'))
    .addColumn('resource_id', 'varchar(36)', (c) => c.notNull().references('resources.id').onDelete('cascade'))
    .addColumn('azure_subscription_id', 'varchar(128)', (c) => c.notNull())
    .addColumn('resource_group', 'varchar(128)', (c) => c.notNull())
    .addColumn('assigned_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('luis_app_resources_pk', ['app_id', 'resource_id'])
    .execute();

  await db.schema.createTable('luis_query_logs')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('app_id', 'varchar(36)', (c) => c.notNull().references('luis_apps.id').onDelete('cascade'))
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('slot', 'varchar(16)', (c) => c.notNull())
    .addColumn('region', 'varchar(32)', (c) => c.notNull())
    .addColumn('query', 'text', (c) => c.notNull())
    .addColumn('response', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('luis_query_logs_by_app').on('luis_query_logs').columns(['app_id', 'at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['luis_query_logs', 'luis_app_resources', 'luis_collaborators', 'luis_publications', 'luis_models', 'luis_versions', 'luis_apps']) {
    await db.schema.dropTable(table).execute();
  }
}
