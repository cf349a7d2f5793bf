import { Type } from '@sinclair/typebox';
import type { ConsoleRoute } from '../route.ts';
import { accountOf } from '../auth.ts';
import { ErrorSchema, ResourceSchema, resourceView } from '../views.ts';
import { ResourceParams } from '../route.ts';
import { audit } from '../audit.ts';
import type { AuditEvent } from '../../audit/events.ts';
import type { ResourceSetting, ResourceView } from '../../resources/service.ts';

/** The audit event of an update: which settings changed, and the new value of each (names and flags only). */
export function resourceUpdatedEvent(resource: ResourceView, changed: readonly ResourceSetting[]): AuditEvent {
  return {
    type: 'resource-updated', resource: resource.name, tier: resource.tier, changed: changed.join(','),
    ...(changed.includes('disableLocalAuth') ? { disableLocalAuth: String(resource.disableLocalAuth) } : {}),
    ...(changed.includes('customSubDomainName') ? { customSubDomainName: resource.customSubDomainName ?? '' } : {}),
  };
}

export const resourceUpdate: ConsoleRoute = (app, { platform, signedIn }) => {
  app.patch('/resources/:name', {
    onRequest: signedIn,
    schema: {
      summary: 'Change the pricing tier or the custom subdomain name of a resource, or turn key authentication off (disableLocalAuth) or on',
      params: ResourceParams,
      body: Type.Object({
        tier: Type.Optional(Type.String({ maxLength: 16 })),
        disableLocalAuth: Type.Optional(Type.Boolean({ description: 'true: keys are refused (403 AuthenticationTypeDisabled) and only access tokens from POST /api/resources/{name}/token serve' })),
        customSubDomainName: Type.Optional(Type.Union([Type.String({ maxLength: 64 }), Type.Null()], { description: 'null removes it' })),
      }, { additionalProperties: false }),
      response: { 200: ResourceSchema, 400: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema },
    },
  }, async (request) => {
    const { resource, changed } = await platform.resources.update(accountOf(request).id, request.params.name, request.body);
    await audit(platform, request, resourceUpdatedEvent(resource, changed));
    return resourceView(platform, resource);
  });
};
