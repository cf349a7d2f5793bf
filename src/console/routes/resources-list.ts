import { Type } from '@sinclair/typebox';
import type { ConsoleRoute } from '../route.ts';
import { accountOf } from '../auth.ts';
import { ResourceSchema, isUserResource, resourceView } from '../views.ts';

export const resourcesList: ConsoleRoute = (app, { platform, signedIn }) => {
  app.get('/resources', {
    onRequest: signedIn,
    schema: { summary: 'The resources of the account', response: { 200: Type.Array(ResourceSchema) } },
  }, async (request) => {
    const all = await platform.resources.list(accountOf(request).id);
    return all.filter((r) => isUserResource(platform, r)).map((r) => resourceView(platform, r));
  });
};
