import { Type } from '@sinclair/typebox';
import type { ConsoleRoute } from '../route.ts';
import { accountOf } from '../auth.ts';
import { ErrorSchema, ResourceWithKeysSchema, resourceView } from '../views.ts';
import { audit } from '../audit.ts';

export const resourcesCreate: ConsoleRoute = (app, { platform, signedIn }) => {
  app.post('/resources', {
    onRequest: signedIn,
    schema: {
      summary: 'Create a resource of a kind, tier and region; answers with its two keys',
      body: Type.Object({
        name: Type.String({ maxLength: 64 }),
        kind: Type.String({ maxLength: 64 }),
        tier: Type.String({ maxLength: 16 }),
        region: Type.String({ maxLength: 64 }),
        customSubDomainName: Type.Optional(Type.String({ maxLength: 64, description: 'reach the resource at https://<this>.<custom domain>/; unique across the server' })),
      }),
      response: { 201: ResourceWithKeysSchema, 400: ErrorSchema, 409: ErrorSchema },
    },
  }, async (request, reply) => {
    const { resource, keys } = await platform.resources.create(accountOf(request).id, request.body);
    await audit(platform, request, { type: 'resource-created', resource: resource.name, kind: resource.kind, tier: resource.tier, region: resource.region });
    reply.code(201);
    return { ...resourceView(platform, resource), ...keys };
  });
};
