import { Type } from '@sinclair/typebox';
import type { ConsoleRoute } from '../route.ts';
import { accountOf } from '../auth.ts';
import { ErrorSchema, ResourceSchema, resourceView } from '../views.ts';
import { ResourceParams } from '../route.ts';

export const resourceUpdate: ConsoleRoute = (app, { platform, signedIn }) => {
  app.patch('/resources/:name', {
    onRequest: signedIn,
    schema: {
      summary: 'Change the pricing tier or the custom subdomain name of a resource',
      params: ResourceParams,
      body: Type.Object({
        tier: Type.Optional(Type.String({ maxLength: 16 })),
        customSubDomainName: Type.Optional(Type.Union([Type.String({ maxLength: 64 }), Type.Null()], { description: 'null removes it' })),
      }, { additionalProperties: false, minProperties: 1 }),
      response: { 200: ResourceSchema, 400: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema },
    },
  }, async (request) => {
    const account = accountOf(request).id;
    const { name } = request.params;
    const { tier, customSubDomainName } = request.body;
    let updated = tier === undefined ? await platform.resources.get(account, name) : await platform.resources.changeTier(account, name, tier);
    if (customSubDomainName !== undefined) updated = await platform.resources.setCustomSubDomain(account, name, customSubDomainName);
    return resourceView(platform, updated);
  });
};
