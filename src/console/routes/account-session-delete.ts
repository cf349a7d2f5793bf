import { Type } from '@sinclair/typebox';
import type { ConsoleRoute } from '../route.ts';
import { SESSION_COOKIE, accountOf } from '../auth.ts';
import { ErrorSchema } from '../views.ts';
import { audit } from '../audit.ts';

export const accountSessionDelete: ConsoleRoute = (app, { platform, signedIn }) => {
  app.delete('/account/sessions/:id', {
    onRequest: signedIn,
    schema: {
      summary: 'End one session of the account (its token stops working at once)',
      params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
      response: { 204: Type.Null(), 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema },
    },
  }, async (request, reply) => {
    await platform.accounts.revokeSession(accountOf(request).id, request.params.id);
    await audit(platform, request, { type: 'session-revoked', session: request.params.id });
    if (request.params.id === request.sessionId) reply.clearCookie(SESSION_COOKIE, { path: '/' });
    reply.code(204).send(null);
  });
};
