import { Type } from '@sinclair/typebox';
import type { ConsoleRoute } from '../route.ts';
import { accountOf, clientOf } from '../auth.ts';
import { ErrorSchema } from '../views.ts';
import { audit } from '../audit.ts';

export const accountPassword: ConsoleRoute = (app, { platform, signedIn }) => {
  app.post('/account/password', {
    onRequest: signedIn,
    schema: {
      summary: 'Change the password (10 characters or more, not a commonly used one); every other session ends',
      body: Type.Object({ currentPassword: Type.String({ maxLength: 1024 }), newPassword: Type.String({ maxLength: 1024 }) }),
      response: { 204: Type.Null(), 400: ErrorSchema, 429: ErrorSchema },
    },
  }, async (request, reply) => {
    await platform.guard.passwordChange(accountOf(request).id, clientOf(request).address);
    await platform.accounts.changePassword(accountOf(request).id, request.sessionToken, request.body.currentPassword, request.body.newPassword);
    await audit(platform, request, { type: 'password-changed' });
    reply.code(204).send(null);
  });
};
