// v3's POST entities/{id}/children adds a child to a machine-learned entity and
// answers the child's id. Portico keeps machine-learned children by name (as
// the exported app has them), without ids to address them by, so it refuses
// the call rather than hand out an id nothing answers to; children travel
// with the entity in versions/import (JSON or .lu).
import { Type } from '@sinclair/typebox';
import { VersionParams, Guid, appOf, route, type AuthoringRoutes } from '../../authoring/kit.ts';
import { badArgument } from '../../errors.ts';

export const mlChildrenRoutes: AuthoringRoutes = (app, context) => {
  route(app, {
    method: 'POST', url: '/apps/:appId/versions/:versionId/entities/:entityId/children', operation: 'entities.children.add',
    schema: { params: Type.Intersect([VersionParams, Type.Object({ entityId: Guid('the entity id') })]), body: Type.Object({}, { additionalProperties: true }) },
  }, async (request) => {
    await appOf(context, request);
    throw badArgument('Portico does not add children to a machine-learned entity one by one (it keeps no ids for them): import the version with the entity and its children (POST apps/{appId}/versions/import, JSON or format=lu).');
  });
};
