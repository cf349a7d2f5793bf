import type { ConsoleRoute } from '../route.ts';
import { accountOf } from '../auth.ts';
import { ErrorSchema, ResourceSchema, resourceView } from '../views.ts';
import { ResourceParams } from '../route.ts';

export const resourceGet: ConsoleRoute = (app, { platform, signedIn }) => {
  app.get('/resources/:name', {
    onRequest: signedIn,
    schema: { summary: 'One resource', params: ResourceParams, response: { 200: ResourceSchema, 404: ErrorSchema } },
  }, async (request) => resourceView(platform, await platform.resources.get(accountOf(request).id, request.params.name)));
};
