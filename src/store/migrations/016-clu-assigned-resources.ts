// CLU deployments rolled out to other resources besides the project's own
// (the deployment body's assignedResourceIds, as on Azure): a row per
// deployment and resource, so that a multi-service (or another Language)
// resource's key predicts from a project it does not own.
import type { Kysely } from 'kysely';

/** The table as this migration makes it (017 makes it again when it rebuilds clu_deployments). */
export async function createDeploymentResources(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('clu_deployment_resources')
    .addColumn('assigned_resource_id', 'varchar(36)', (c) => c.notNull().references('resources.id').onDelete('cascade'))
    .addColumn('resource_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('project_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('deployment_name', 'varchar(50)', (c) => c.notNull())
    // One deployment of a project name per assigned resource: its callers name only project and deployment.
    .addPrimaryKeyConstraint('clu_deployment_resources_pk', ['assigned_resource_id', 'project_name', 'deployment_name'])
    .addForeignKeyConstraint('clu_deployment_resources_deployment', ['resource_id', 'project_name', 'deployment_name'],
      'clu_deployments', ['resource_id', 'project_name', 'deployment_name'], (fk) => fk.onDelete('cascade'))
    .execute();
  await db.schema.createIndex('clu_deployment_resources_by_deployment').on('clu_deployment_resources')
    .columns(['resource_id', 'project_name', 'deployment_name']).execute();
}

export async function up(db: Kysely<any>): Promise<void> {
  await createDeploymentResources(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('clu_deployment_resources').execute();
}
