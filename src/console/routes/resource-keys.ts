import type { ConsoleRoute } from '../route.ts';
import { accountOf } from '../auth.ts';
import { ErrorSchema, KeysSchema } from '../views.ts';
import { ResourceParams } from '../route.ts';

export const resourceKeys: ConsoleRoute = (app, { platform, signedIn }) => {
  app.get('/resources/:name/keys', {
    onRequest: signedIn,
    schema: { summary: 'The two keys of a resource', params: ResourceParams, response: { 200: KeysSchema, 404: ErrorSchema } },
  }, async (request) => platform.resources.keys(accountOf(request).id, request.params.name));
};
