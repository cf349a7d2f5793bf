import { Type } from '@sinclair/typebox';
import type { ConsoleRoute } from '../route.ts';
import { accountOf } from '../auth.ts';
import { ErrorSchema } from '../views.ts';
import { ResourceParams } from '../route.ts';
import { audit } from '../audit.ts';

export const resourceDelete: ConsoleRoute = (app, { platform, signedIn }) => {
  app.delete('/resources/:name', {
    onRequest: signedIn,
    schema: { summary: 'Delete a resource; its keys are refused at once', params: ResourceParams, response: { 204: Type.Null(), 404: ErrorSchema } },
  }, async (request, reply) => {
    await platform.resources.delete(accountOf(request).id, request.params.name);
    await audit(platform, request, { type: 'resource-deleted', resource: request.params.name });
    reply.code(204).send(null);
  });
};
