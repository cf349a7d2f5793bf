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
      summary: 'Change the pricing tier of a resource',
      params: ResourceParams,
      body: Type.Object({ tier: Type.String({ maxLength: 16 }) }, { additionalProperties: false }),
      response: { 200: ResourceSchema, 400: ErrorSchema, 404: ErrorSchema },
    },
  }, async (request) => {
    const resource = await platform.resources.changeTier(accountOf(request).id, request.params.name, request.body.tier);
    await audit(platform, request, { type: 'resource-updated', resource: resource.name, tier: resource.tier });
    return resourceView(platform, resource);
  });
};
