// Authoring operations of LUIS that depend on Microsoft's own assets, which a
// self-hosted Portico does not have: the prebuilt domains (Calendar, Email, …,
// trained by Microsoft) and container packages (a format for Microsoft's LUIS
// container). Listings answer truthfully with nothing; requests to add a domain
// or download a package get a 400 that says why and what to use instead.
import { Type } from '@sinclair/typebox';
import { AppParams, Guid, VersionParams, appOf, route, type AuthoringRoutes } from '../kit.ts';
import { badArgument, itemNotFound } from '../../errors.ts';

const NO_DOMAINS = 'Portico has no prebuilt domains: they are models trained by Microsoft. Build the intents and entities you need, or import an exported LUIS app that used the domain (its intents, entities and examples come with it).';
const NO_PACKAGES = 'Portico does not make LUIS container packages: they are in the format of the LUIS container by Microsoft. Run Portico where the container would run, and move the app with export and import (GET .../versions/{versionId}/export).';

export const unavailableRoutes: AuthoringRoutes = (app, context) => {
  const v = '/apps/:appId/versions/:versionId';

  route(app, { method: 'GET', url: '/apps/customprebuiltdomains/:culture', operation: 'domains.list', schema: { params: Type.Object({ culture: Type.String({ maxLength: 16 }) }) } },
    async () => []);
  for (const list of ['customprebuiltintents', 'customprebuiltentities', 'customprebuiltmodels']) {
    route(app, { method: 'GET', url: `${v}/${list}`, operation: `${list}.list`, schema: { params: VersionParams } }, async (request) => {
      await appOf(context, request);
      return [];
    });
  }
  route(app, { method: 'POST', url: '/apps/customprebuiltdomains', operation: 'domains.addApp', schema: {} }, async () => { throw badArgument(NO_DOMAINS); });
  for (const add of ['customprebuiltdomains', 'customprebuiltintents', 'customprebuiltentities']) {
    route(app, { method: 'POST', url: `${v}/${add}`, operation: `${add}.add`, schema: { params: VersionParams } }, async (request) => {
      await appOf(context, request);
      throw badArgument(NO_DOMAINS);
    });
  }
  // No prebuilt domain is ever added to a version, so none can be removed.
  route(app, {
    method: 'DELETE', url: `${v}/customprebuiltdomains/:domainName`, operation: 'customprebuiltdomains.delete',
    schema: { params: Type.Intersect([VersionParams, Type.Object({ domainName: Type.String({ maxLength: 128 }) })]) },
  }, async (request) => {
    await appOf(context, request);
    throw itemNotFound('prebuilt domain', request.params.domainName);
  });
  // No custom prebuilt entity exists, so none has roles.
  const EntityParams = Type.Intersect([VersionParams, Type.Object({ entityId: Guid('the entity id') })]);
  const RoleParams = Type.Intersect([VersionParams, Type.Object({ entityId: Guid('the entity id'), roleId: Guid('the role id') })]);
  for (const [method, url, params] of [
    ['GET', `${v}/customprebuiltentities/:entityId/roles`, EntityParams], ['POST', `${v}/customprebuiltentities/:entityId/roles`, EntityParams],
    ['GET', `${v}/customprebuiltentities/:entityId/roles/:roleId`, RoleParams], ['PUT', `${v}/customprebuiltentities/:entityId/roles/:roleId`, RoleParams],
    ['DELETE', `${v}/customprebuiltentities/:entityId/roles/:roleId`, RoleParams],
  ] as const) {
    route(app, { method, url, operation: 'customprebuiltentities.roles', schema: { params } }, async (request) => {
      await appOf(context, request);
      throw itemNotFound('custom prebuilt entity', request.params.entityId);
    });
  }

  for (const url of ['/package/:appId/slot/:slotName/gzip', '/package/:appId/versions/:versionId/gzip']) {
    route(app, { method: 'GET', url, operation: 'package.gzip', schema: { params: Type.Intersect([AppParams, Type.Object({}, { additionalProperties: true })]) } }, async (request) => {
      await appOf(context, request);
      throw badArgument(NO_PACKAGES);
    });
  }
};
