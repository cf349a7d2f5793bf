// A CLU deployment goes with the model it serves: deleting a Language resource
// cascades to its projects and their models, and the deployments of those models
// must follow, or the deletion fails. The table is rebuilt with the cascading
// foreign key (SQLite cannot alter one), its rolled-out rows kept.
import type { Kysely } from 'kysely';
import { createDeploymentResources } from './016-clu-assigned-resources.ts';

async function createDeployments(db: Kysely<any>, cascade: boolean): Promise<void> {
  await db.schema.createTable('clu_deployments')
    .addColumn('resource_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('project_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('deployment_name', 'varchar(50)', (c) => c.notNull())
    .addColumn('model_label', 'varchar(50)', (c) => c.notNull())
    .addColumn('deployed_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('clu_deployments_pk', ['resource_id', 'project_name', 'deployment_name'])
    .addForeignKeyConstraint('clu_deployments_model', ['resource_id', 'project_name', 'model_label'], 'clu_models', ['resource_id', 'project_name', 'label'],
      (fk) => (cascade ? fk.onDelete('cascade') : fk))
    .execute();
}

async function rebuild(db: Kysely<any>, cascade: boolean): Promise<void> {
  const deployments = await db.selectFrom('clu_deployments').selectAll().execute();
  const rolledOut = await db.selectFrom('clu_deployment_resources').selectAll().execute();
  await db.schema.dropTable('clu_deployment_resources').execute();
  await db.schema.dropTable('clu_deployments').execute();
  await createDeployments(db, cascade);
  await createDeploymentResources(db);
  if (deployments.length) await db.insertInto('clu_deployments').values(deployments).execute();
  if (rolledOut.length) await db.insertInto('clu_deployment_resources').values(rolledOut).execute();
}

export async function up(db: Kysely<any>): Promise<void> {
  await rebuild(db, true);
}

export async function down(db: Kysely<any>): Promise<void> {
  await rebuild(db, false);
}
