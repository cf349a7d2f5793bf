import { Type } from '@sinclair/typebox';
import type { ConsoleRoute } from '../route.ts';
import { SESSION_COOKIE, clientOf } from '../auth.ts';
import { ErrorSchema } from '../views.ts';

export const login: ConsoleRoute = (app, { platform }) => {
  app.post('/login', {
    schema: {
      summary: 'Sign in: returns a bearer token and sets the same token as the session cookie',
      body: Type.Object({ email: Type.String({ maxLength: 320 }), password: Type.String({ maxLength: 1024 }) }),
      response: { 200: Type.Object({ token: Type.String(), expiresAt: Type.String({ format: 'date-time' }), email: Type.String() }), 401: ErrorSchema, 429: ErrorSchema },
    },
  }, async (request, reply) => {
    const client = clientOf(request);
    const { account, token, expiresAt } = await platform.guard.login(request.body.email, client.address,
      () => platform.accounts.logIn(request.body.email, request.body.password, client));
    reply.setCookie(SESSION_COOKIE, token, {
      path: '/', httpOnly: true, sameSite: 'lax', secure: request.protocol === 'https', expires: new Date(expiresAt),
    });
    return { token, expiresAt: new Date(expiresAt).toISOString(), email: account.email };
  });
};
