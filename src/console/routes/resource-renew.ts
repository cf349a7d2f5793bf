import type { ConsoleRoute } from '../route.ts';
import { accountOf } from '../auth.ts';
import { ErrorSchema, ResourceWithKeysSchema, resourceView } from '../views.ts';
import { ResourceParams } from '../route.ts';
import { audit } from '../audit.ts';

export const resourceRenew: ConsoleRoute = (app, { platform, signedIn }) => {
  app.post('/resources/:name/renew', {
    onRequest: signedIn,
    schema: {
      summary: 'Request new keys: both keys are replaced and an expired free resource is active again',
      params: ResourceParams,
      response: { 200: ResourceWithKeysSchema, 404: ErrorSchema },
    },
  }, async (request) => {
    const { resource, keys } = await platform.resources.renew(accountOf(request).id, request.params.name);
    await audit(platform, request, { type: 'resource-renewed', resource: resource.name });
    return { ...resourceView(platform, resource), ...keys };
  });
};
