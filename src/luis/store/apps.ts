// Apps and who may use them (owner, collaborators, assigned endpoint resources).
import type { LuisAppsTable, LuisDb } from './tables.ts';

export type AppRow = LuisAppsTable;

export function insertApp(db: LuisDb, row: AppRow): Promise<unknown> {
  return db.insertInto('luis_apps').values(row).execute();
}

export function findApp(db: LuisDb, id: string): Promise<AppRow | undefined> {
  return db.selectFrom('luis_apps').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Apps an account owns or collaborates on, in one authoring region. */
export function listAppsFor(db: LuisDb, accountId: string, email: string, region: string): Promise<AppRow[]> {
  return db.selectFrom('luis_apps').selectAll()
    .where('authoring_region', '=', region)
    .where((eb) => eb.or([
      eb('owner_account_id', '=', accountId),
      eb('id', 'in', eb.selectFrom('luis_collaborators').select('app_id').where('email', '=', email)),
    ]))
    .orderBy('created_at').orderBy('id').execute();
}

export function findAppByName(db: LuisDb, ownerId: string, region: string, name: string): Promise<AppRow | undefined> {
  return db.selectFrom('luis_apps').selectAll()
    .where('owner_account_id', '=', ownerId).where('authoring_region', '=', region).where('name', '=', name)
    .executeTakeFirst();
}

export function updateApp(db: LuisDb, id: string, values: Partial<Omit<AppRow, 'id'>>): Promise<unknown> {
  return db.updateTable('luis_apps').set(values).where('id', '=', id).execute();
}

export function deleteApp(db: LuisDb, id: string): Promise<unknown> {
  return db.deleteFrom('luis_apps').where('id', '=', id).execute();
}

export function countApps(db: LuisDb, ownerId: string, region: string): Promise<number> {
  return db.selectFrom('luis_apps').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('owner_account_id', '=', ownerId).where('authoring_region', '=', region)
    .executeTakeFirstOrThrow().then((r) => Number(r.n));
}

export function listCollaborators(db: LuisDb, appId: string): Promise<string[]> {
  return db.selectFrom('luis_collaborators').select('email').where('app_id', '=', appId).orderBy('added_at').orderBy('email')
    .execute().then((rows) => rows.map((r) => r.email));
}

export async function isCollaborator(db: LuisDb, appId: string, email: string): Promise<boolean> {
  return !!(await db.selectFrom('luis_collaborators').select('email').where('app_id', '=', appId).where('email', '=', email).executeTakeFirst());
}

export async function replaceCollaborators(db: LuisDb, appId: string, emails: string[], now: number): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('luis_collaborators').where('app_id', '=', appId).execute();
    if (emails.length) await tx.insertInto('luis_collaborators').values(emails.map((email) => ({ app_id: appId, email, added_at: now }))).execute();
  });
}

export function addCollaborator(db: LuisDb, appId: string, email: string, now: number): Promise<unknown> {
  return db.insertInto('luis_collaborators').values({ app_id: appId, email, added_at: now })
    .onConflict((oc) => oc.columns(['app_id', 'email']).doNothing()).execute();
}

export function removeCollaborator(db: LuisDb, appId: string, email: string): Promise<unknown> {
  return db.deleteFrom('luis_collaborators').where('app_id', '=', appId).where('email', '=', email).execute();
}

export interface AssignedResource {
  resourceId: string;
  name: string;
  region: string;
  accountId: string;
  azureSubscriptionId: string;
  resourceGroup: string;
}

export async function listAssignedResources(db: LuisDb, appId: string): Promise<AssignedResource[]> {
  const rows = await db.selectFrom('luis_app_resources')
    .innerJoin('resources', 'resources.id', 'luis_app_resources.resource_id')
    .select(['luis_app_resources.resource_id', 'resources.name', 'resources.region', 'resources.account_id',
      'luis_app_resources.azure_subscription_id', 'luis_app_resources.resource_group'])
    .where('luis_app_resources.app_id', '=', appId)
    .orderBy('luis_app_resources.assigned_at').execute();
  return rows.map((r) => ({
    resourceId: r.resource_id, name: r.name, region: r.region, accountId: r.account_id,
    azureSubscriptionId: r.azure_subscription_id, resourceGroup: r.resource_group,
  }));
}

export function assignResource(db: LuisDb, row: { app_id: string; resource_id: string; azure_subscription_id: string; resource_group: string; assigned_at: number }): Promise<unknown> {
  return db.insertInto('luis_app_resources').values(row)
    .onConflict((oc) => oc.columns(['app_id', 'resource_id']).doUpdateSet({ azure_subscription_id: row.azure_subscription_id, resource_group: row.resource_group }))
    .execute();
}

export async function unassignResource(db: LuisDb, appId: string, resourceId: string): Promise<boolean> {
  const result = await db.deleteFrom('luis_app_resources').where('app_id', '=', appId).where('resource_id', '=', resourceId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
