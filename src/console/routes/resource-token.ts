import { Type } from '@sinclair/typebox';
import type { ConsoleRoute } from '../route.ts';
import { accountOf } from '../auth.ts';
import { ErrorSchema } from '../views.ts';
import { ResourceParams } from '../route.ts';

/**
 * An access token for a resource from its owner's signed-in session: Portico's
 * stand-in for a Microsoft Entra ID token, so a resource with key
 * authentication disabled stays usable. The same kind of token issueToken gives.
 */
export const resourceToken: ConsoleRoute = (app, { platform, signedIn }) => {
  app.post('/resources/:name/token', {
    onRequest: signedIn,
    schema: {
      summary: 'An access token (valid 10 minutes) for calling the resource with Authorization: Bearer',
      params: ResourceParams,
      response: {
        200: Type.Object({ accessToken: Type.String(), tokenType: Type.Literal('Bearer'), expiresOn: Type.String({ format: 'date-time' }) }),
        404: ErrorSchema,
      },
    },
  }, async (request) => {
    const resource = await platform.resources.get(accountOf(request).id, request.params.name);
    const issued = await platform.tokens.issue(resource);
    return { accessToken: issued.token, tokenType: 'Bearer' as const, expiresOn: new Date(issued.expiresAt).toISOString() };
  });
};
