import { Type } from '@sinclair/typebox';
import type { ConsoleRoute } from '../route.ts';
import { accountOf } from '../auth.ts';
import { ErrorSchema, KeysSchema } from '../views.ts';
import { ResourceParams } from '../route.ts';
import { parseKeyName } from '../../resources/resource.ts';
import { badRequest } from '../../http/errors.ts';
import { audit } from '../audit.ts';
import { keySlotName } from '../../audit/events.ts';

export const resourceRegenerateKey: ConsoleRoute = (app, { platform, signedIn }) => {
  app.post('/resources/:name/regenerateKey', {
    onRequest: signedIn,
    schema: {
      summary: 'Replace Key1 or Key2; the old value is refused at once and the other key keeps working',
      params: ResourceParams,
      body: Type.Object({ keyName: Type.String({ maxLength: 16 }) }),
      response: { 200: KeysSchema, 400: ErrorSchema, 404: ErrorSchema },
    },
  }, async (request) => {
    const slot = parseKeyName(request.body.keyName);
    if (!slot) throw badRequest(`keyName must be Key1 or Key2; got "${request.body.keyName}"`);
    const keys = await platform.resources.regenerateKey(accountOf(request).id, request.params.name, slot);
    await audit(platform, request, { type: 'resource-key-regenerated', resource: request.params.name, key: keySlotName(slot) });
    return keys;
  });
};
