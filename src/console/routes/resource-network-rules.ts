import { Type } from '@sinclair/typebox';
import type { ConsoleRoute } from '../route.ts';
import { accountOf } from '../auth.ts';
import { ErrorSchema, ResourceSchema, resourceView } from '../views.ts';
import { ResourceParams } from '../route.ts';
import { MAX_IP_RULES } from '../../resources/network-rules.ts';
import { audit } from '../audit.ts';

export const resourceNetworkRules: ConsoleRoute = (app, { platform, signedIn }) => {
  app.put('/resources/:name/network-rules', {
    onRequest: signedIn,
    schema: {
      summary: 'Replace the network rules of a resource (Azure\'s networkAcls); they apply from the next call',
      description: 'With defaultAction Deny, only clients whose address is one of ipRules (IPv4/IPv6 addresses or CIDR ranges) may use the keys; others get 403. With Allow, every address may.',
      params: ResourceParams,
      body: Type.Object({
        defaultAction: Type.String({ maxLength: 16 }),
        ipRules: Type.Array(Type.Object({ value: Type.String({ maxLength: 64 }) }, { additionalProperties: false }), { maxItems: MAX_IP_RULES }),
      }, { additionalProperties: false }),
      response: { 200: ResourceSchema, 400: ErrorSchema, 404: ErrorSchema },
    },
  }, async (request) => {
    const { defaultAction, ipRules } = request.body;
    const updated = await platform.resources.setNetworkRules(accountOf(request).id, request.params.name, { defaultAction, ipRules: ipRules.map((r) => r.value) });
    const rules = updated.networkRules;
    await audit(platform, request, { type: 'resource-network-rules-changed', resource: updated.name, defaultAction: rules.defaultAction, ipRules: rules.ipRules.join(',') });
    return resourceView(platform, updated);
  });
};
