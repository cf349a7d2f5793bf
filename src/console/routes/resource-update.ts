import { Type } from '@sinclair/typebox';
import type { ConsoleRoute } from '../route.ts';
import { accountOf } from '../auth.ts';
import { ErrorSchema, ResourceSchema, resourceView } from '../views.ts';
import { ResourceParams } from '../route.ts';
import { audit } from '../audit.ts';

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
    const resource = await platform.resources.update(accountOf(request).id, request.params.name, request.body);
    await audit(platform, request, { type: 'resource-updated', resource: resource.name, tier: resource.tier });
    return resourceView(platform, resource);
  });
};
