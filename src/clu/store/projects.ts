// Projects with their trained models and deployments: one aggregate, keyed by
// the Language resource and the project's name.
import type { CluDb, CluDeploymentsTable, CluModelsTable, CluProjectsTable } from './tables.ts';

export type ProjectRow = CluProjectsTable;
export type ModelRow = CluModelsTable;
export type DeploymentRow = CluDeploymentsTable;
export type ModelMeta = Omit<ModelRow, 'data' | 'assets'>;
const MODEL_META = ['resource_id', 'project_name', 'label', 'model_id', 'trained_at', 'training_ms'] as const;

export const findProject = (db: CluDb, resourceId: string, name: string) =>
  db.selectFrom('clu_projects').selectAll().where('resource_id', '=', resourceId).where('project_name', '=', name).executeTakeFirst();

export const listProjects = (db: CluDb, resourceId: string) =>
  db.selectFrom('clu_projects').selectAll().where('resource_id', '=', resourceId).orderBy('project_name').execute();

export const countProjects = (db: CluDb, resourceId: string) =>
  db.selectFrom('clu_projects').select((eb) => eb.fn.countAll<number>().as('n')).where('resource_id', '=', resourceId)
    .executeTakeFirstOrThrow().then((r) => Number(r.n));

export async function saveProject(db: CluDb, row: ProjectRow): Promise<void> {
  const { resource_id, project_name, ...rest } = row;
  await db.insertInto('clu_projects').values(row)
    .onConflict((oc) => oc.columns(['resource_id', 'project_name']).doUpdateSet(rest)).execute();
}

export const updateProject = (db: CluDb, resourceId: string, name: string, set: Partial<ProjectRow>) =>
  db.updateTable('clu_projects').set(set).where('resource_id', '=', resourceId).where('project_name', '=', name).execute();

export async function deleteProject(db: CluDb, resourceId: string, name: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('clu_deployment_resources').where('resource_id', '=', resourceId).where('project_name', '=', name).execute();
    await tx.deleteFrom('clu_deployments').where('resource_id', '=', resourceId).where('project_name', '=', name).execute();
    await tx.deleteFrom('clu_models').where('resource_id', '=', resourceId).where('project_name', '=', name).execute();
    await tx.deleteFrom('clu_projects').where('resource_id', '=', resourceId).where('project_name', '=', name).execute();
  });
}

export const listModels = (db: CluDb, resourceId: string, project: string): Promise<ModelMeta[]> =>
  db.selectFrom('clu_models').select(MODEL_META).where('resource_id', '=', resourceId).where('project_name', '=', project).orderBy('label').execute();

export const findModelMeta = (db: CluDb, resourceId: string, project: string, label: string): Promise<ModelMeta | undefined> =>
  db.selectFrom('clu_models').select(MODEL_META).where('resource_id', '=', resourceId).where('project_name', '=', project).where('label', '=', label).executeTakeFirst();

export const findModel = (db: CluDb, resourceId: string, project: string, label: string) =>
  db.selectFrom('clu_models').selectAll().where('resource_id', '=', resourceId).where('project_name', '=', project).where('label', '=', label).executeTakeFirst();

export async function saveModel(db: CluDb, row: ModelRow): Promise<void> {
  const { resource_id, project_name, label, ...rest } = row;
  await db.insertInto('clu_models').values(row)
    .onConflict((oc) => oc.columns(['resource_id', 'project_name', 'label']).doUpdateSet(rest)).execute();
}

export const deleteModel = (db: CluDb, resourceId: string, project: string, label: string) =>
  db.deleteFrom('clu_models').where('resource_id', '=', resourceId).where('project_name', '=', project).where('label', '=', label).execute();

export const listDeployments = (db: CluDb, resourceId: string, project: string) =>
  db.selectFrom('clu_deployments').selectAll().where('resource_id', '=', resourceId).where('project_name', '=', project).orderBy('deployment_name').execute();

export const findDeployment = (db: CluDb, resourceId: string, project: string, name: string) =>
  db.selectFrom('clu_deployments').selectAll().where('resource_id', '=', resourceId).where('project_name', '=', project).where('deployment_name', '=', name).executeTakeFirst();

/** Creates or replaces a deployment, and the other resources it is rolled out to (replaced, not added to). */
export async function saveDeployment(db: CluDb, row: DeploymentRow, assignedResourceIds: readonly string[] = []): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx.insertInto('clu_deployments').values(row)
      .onConflict((oc) => oc.columns(['resource_id', 'project_name', 'deployment_name']).doUpdateSet({ model_label: row.model_label, deployed_at: row.deployed_at })).execute();
    await tx.deleteFrom('clu_deployment_resources')
      .where('resource_id', '=', row.resource_id).where('project_name', '=', row.project_name).where('deployment_name', '=', row.deployment_name).execute();
    if (assignedResourceIds.length) {
      await tx.insertInto('clu_deployment_resources').values(assignedResourceIds.map((id) => ({
        assigned_resource_id: id, resource_id: row.resource_id, project_name: row.project_name, deployment_name: row.deployment_name,
      }))).execute();
    }
  });
}

export async function deleteDeployment(db: CluDb, resourceId: string, project: string, name: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('clu_deployment_resources').where('resource_id', '=', resourceId).where('project_name', '=', project).where('deployment_name', '=', name).execute();
    await tx.deleteFrom('clu_deployments').where('resource_id', '=', resourceId).where('project_name', '=', project).where('deployment_name', '=', name).execute();
  });
}

/** The other resources each deployment of a project is rolled out to, by deployment name. */
export async function assignedResources(db: CluDb, resourceId: string, project: string): Promise<Map<string, string[]>> {
  const rows = await db.selectFrom('clu_deployment_resources').select(['deployment_name', 'assigned_resource_id'])
    .where('resource_id', '=', resourceId).where('project_name', '=', project).orderBy('assigned_resource_id').execute();
  const byDeployment = new Map<string, string[]>();
  for (const r of rows) byDeployment.set(r.deployment_name, [...(byDeployment.get(r.deployment_name) ?? []), r.assigned_resource_id]);
  return byDeployment;
}

/** Which resource's deployment of this project and name another resource serves, if one was rolled out to it. */
export const assignedDeploymentOwner = (db: CluDb, assignedResourceId: string, project: string, deployment: string) =>
  db.selectFrom('clu_deployment_resources').select(['resource_id'])
    .where('assigned_resource_id', '=', assignedResourceId).where('project_name', '=', project).where('deployment_name', '=', deployment)
    .executeTakeFirst().then((r) => r?.resource_id);

/** Exchanges the models of two deployments in one transaction. */
export async function swapDeployments(db: CluDb, a: DeploymentRow, b: DeploymentRow, now: number): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const set = (d: DeploymentRow, label: string) => tx.updateTable('clu_deployments').set({ model_label: label, deployed_at: now })
      .where('resource_id', '=', d.resource_id).where('project_name', '=', d.project_name).where('deployment_name', '=', d.deployment_name).execute();
    await set(a, b.model_label);
    await set(b, a.model_label);
  });
}

/** The model a deployment serves, with what it learned. */
export const deployedModel = (db: CluDb, resourceId: string, project: string, deployment: string) =>
  db.selectFrom('clu_deployments as d')
    .innerJoin('clu_models as m', (j) => j.onRef('m.resource_id', '=', 'd.resource_id').onRef('m.project_name', '=', 'd.project_name').onRef('m.label', '=', 'd.model_label'))
    .innerJoin('clu_projects as p', (j) => j.onRef('p.resource_id', '=', 'd.resource_id').onRef('p.project_name', '=', 'd.project_name'))
    .select(['m.model_id', 'm.assets', 'm.data', 'd.deployed_at', 'p.confidence_threshold'])
    .where('d.resource_id', '=', resourceId).where('d.project_name', '=', project).where('d.deployment_name', '=', deployment)
    .executeTakeFirst();

/** Which model a deployment serves, and the project's threshold: the cheap check before loading a model. */
export const deployedModelRef = (db: CluDb, resourceId: string, project: string, deployment: string) =>
  db.selectFrom('clu_deployments as d')
    .innerJoin('clu_models as m', (j) => j.onRef('m.resource_id', '=', 'd.resource_id').onRef('m.project_name', '=', 'd.project_name').onRef('m.label', '=', 'd.model_label'))
    .innerJoin('clu_projects as p', (j) => j.onRef('p.resource_id', '=', 'd.resource_id').onRef('p.project_name', '=', 'd.project_name'))
    .select(['m.model_id', 'p.confidence_threshold'])
    .where('d.resource_id', '=', resourceId).where('d.project_name', '=', project).where('d.deployment_name', '=', deployment)
    .executeTakeFirst();
