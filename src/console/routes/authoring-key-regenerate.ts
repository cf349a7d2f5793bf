import { Type } from '@sinclair/typebox';
import type { ConsoleRoute } from '../route.ts';
import { accountOf } from '../auth.ts';
import { AuthoringKeySchema, ErrorSchema, regionEndpoint } from '../views.ts';
import { accountResourceName, parseKeyName } from '../../resources/resource.ts';
import { badRequest } from '../../http/errors.ts';
import { audit } from '../audit.ts';
import { keySlotName } from '../../audit/events.ts';

export const authoringKeyRegenerate: ConsoleRoute = (app, { platform, signedIn }) => {
  app.post('/account/authoringKeys/:region/regenerate', {
    onRequest: signedIn,
    schema: {
      summary: 'Replace an authoring key (Key1 unless keyName says Key2); the old value is refused at once',
      params: Type.Object({ region: Type.String({ maxLength: 64 }) }),
      body: Type.Optional(Type.Object({ keyName: Type.Optional(Type.String({ maxLength: 16 })) })),
      response: { 200: AuthoringKeySchema, 400: ErrorSchema },
    },
  }, async (request) => {
    const { region } = request.params;
    const kind = platform.catalog.data.kinds.find((k) => k.perAccount);
    if (!kind || !platform.catalog.regionsOf(kind).includes(region)) {
      throw badRequest(`region must be an authoring region (${platform.catalog.authoringRegions.join(', ')}); got "${region}"`);
    }
    const slot = parseKeyName(request.body?.keyName ?? 'Key1');
    if (!slot) throw badRequest('keyName must be Key1 or Key2');
    const keys = await platform.resources.regenerateKey(accountOf(request).id, accountResourceName(kind.name, region), slot);
    await audit(platform, request, { type: 'authoring-key-regenerated', region, key: keySlotName(slot) });
    return { ...keys, endpoint: regionEndpoint(platform, region) };
  });
};
