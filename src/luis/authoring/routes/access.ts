// Who may use an app: collaborators (owner-managed) and the LUIS endpoint
// resources assigned to it ("Azure accounts"; no ARM token is needed, the
// authoring key says who the user is and accountName names the resource).
import { ENDPOINT_KINDS } from '../../runtime/kinds.ts';
import { Type } from '@sinclair/typebox';
import { findAccountById } from '../../../store/repos/accounts.ts';
import { listResourceRows } from '../../../store/repos/resources.ts';
import * as appsRepo from '../../store/apps.ts';
import { AppParams, OK, appOf, route, type AuthoringRoutes } from '../kit.ts';
import { auditedCollaboratorChange } from '../collaborator-audit.ts';
import { badArgument } from '../../errors.ts';
import { notFound } from '../../../http/errors.ts';

const Email = Type.String({ minLength: 3, maxLength: 254, pattern: '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$' });
const AzureAccount = Type.Object({
  azureSubscriptionId: Type.Optional(Type.String({ maxLength: 128 })),
  resourceGroup: Type.Optional(Type.String({ maxLength: 128 })),
  accountName: Type.String({ minLength: 1, maxLength: 64 }),
});
const normalise = (email: string) => email.trim().toLowerCase();

export const accessRoutes: AuthoringRoutes = (app, context) => {
  const { apps, platform } = context;

  route(app, { method: 'GET', url: '/apps/:appId/permissions', operation: 'permissions.list', schema: { params: AppParams } }, async (request) => {
    const { app: row } = await appOf(context, request);
    const owner = await findAccountById(platform.store.db, row.owner_account_id);
    return { owner: owner?.email ?? '', emails: await appsRepo.listCollaborators(apps.db, row.id) };
  });

  const ownerEmail = async (ownerId: string) => (await findAccountById(platform.store.db, ownerId))?.email;

  route(app, { method: 'POST', url: '/apps/:appId/permissions', operation: 'permissions.add', schema: { params: AppParams, body: Type.Object({ email: Email }) } }, async (request) => {
    const { author, app: row } = await appOf(context, request, 'owner', 'manage collaborators');
    const email = normalise(request.body.email);
    if (email === (await ownerEmail(row.owner_account_id))) throw badArgument('The owner is not added as a collaborator of their own app.');
    await auditedCollaboratorChange(context, request, author, row, () => appsRepo.addCollaborator(apps.db, row.id, email, apps.clock.now()));
    return OK;
  });

  route(app, { method: 'DELETE', url: '/apps/:appId/permissions', operation: 'permissions.delete', schema: { params: AppParams, body: Type.Object({ email: Email }) } }, async (request) => {
    const { author, app: row } = await appOf(context, request, 'owner', 'manage collaborators');
    await auditedCollaboratorChange(context, request, author, row, () => appsRepo.removeCollaborator(apps.db, row.id, normalise(request.body.email)));
    return OK;
  });

  route(app, {
    method: 'PUT', url: '/apps/:appId/permissions', operation: 'permissions.update',
    schema: { params: AppParams, body: Type.Object({ emails: Type.Array(Email, { maxItems: 100 }) }) },
  }, async (request) => {
    const { author, app: row } = await appOf(context, request, 'owner', 'manage collaborators');
    const owner = await ownerEmail(row.owner_account_id);
    const emails = [...new Set((request.body.emails as string[]).map(normalise))].filter((e) => e !== owner);
    await auditedCollaboratorChange(context, request, author, row, () => appsRepo.replaceCollaborators(apps.db, row.id, emails, apps.clock.now()));
    return OK;
  });

  /** The caller's LUIS endpoint resource of that name. */
  const endpointResource = async (accountId: string, name: string) => {
    const rows = await listResourceRows(platform.store.db, accountId);
    const resource = rows.find((r) => r.name === name);
    if (!resource || !ENDPOINT_KINDS.includes(resource.kind)) {
      throw notFound(`Your account has no LUIS endpoint resource named "${name}"; create one (kind LUIS or CognitiveServices) with POST /api/resources or \`portico resource create\`.`, 'ResourceNotFound');
    }
    return resource;
  };

  route(app, { method: 'POST', url: '/apps/:appId/azureaccounts', operation: 'azureaccounts.assign', schema: { params: AppParams, body: AzureAccount } }, async (request, reply) => {
    const { author, app: row } = await appOf(context, request);
    const resource = await endpointResource(author.accountId, request.body.accountName);
    const allowed = platform.catalog.publishingRegionsOf(row.authoring_region);
    if (!allowed.includes(resource.region)) {
      throw badArgument(`Resource "${resource.name}" is in ${resource.region}; an app authored in ${row.authoring_region} can use endpoint resources in ${allowed.join(', ')} only.`);
    }
    await appsRepo.assignResource(apps.db, {
      app_id: row.id, resource_id: resource.id, azure_subscription_id: request.body.azureSubscriptionId ?? '',
      resource_group: request.body.resourceGroup ?? '', assigned_at: apps.clock.now(),
    });
    await context.publishing.refresh(row.id);
    reply.code(201);
    return OK;
  });

  route(app, { method: 'GET', url: '/apps/:appId/azureaccounts', operation: 'azureaccounts.list', schema: { params: AppParams } }, async (request) => {
    const { app: row } = await appOf(context, request);
    return (await appsRepo.listAssignedResources(apps.db, row.id)).map((r) => ({
      azureSubscriptionId: r.azureSubscriptionId, resourceGroup: r.resourceGroup, accountName: r.name,
    }));
  });

  route(app, { method: 'DELETE', url: '/apps/:appId/azureaccounts', operation: 'azureaccounts.remove', schema: { params: AppParams, body: AzureAccount } }, async (request) => {
    const { author, app: row } = await appOf(context, request);
    const assigned = await appsRepo.listAssignedResources(apps.db, row.id);
    // A member removes its own resources; the owner may remove anyone's.
    const mine = assigned.find((r) => r.name === request.body.accountName && r.accountId === author.accountId);
    const target = mine ?? (apps.isOwner(author, row) ? assigned.find((r) => r.name === request.body.accountName) : undefined);
    if (!target) throw notFound(`No resource named "${request.body.accountName}" of yours is assigned to this app.`, 'ResourceNotFound');
    await appsRepo.unassignResource(apps.db, row.id, target.resourceId);
    await context.publishing.refresh(row.id);
    return OK;
  });

  route(app, { method: 'GET', url: '/azureaccounts', operation: 'azureaccounts.mine', schema: { summary: "The caller's LUIS endpoint resources" } }, async (request) => {
    const author = await context.authors.of(request);
    const rows = await listResourceRows(platform.store.db, author.accountId);
    return rows.filter((r) => ENDPOINT_KINDS.includes(r.kind)).map((r) => ({ azureSubscriptionId: '', resourceGroup: '', accountName: r.name }));
  });
};
