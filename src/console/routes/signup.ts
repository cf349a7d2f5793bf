import { Type } from '@sinclair/typebox';
import type { ConsoleRoute } from '../route.ts';
import { clientOf } from '../auth.ts';
import { AccountSchema, ErrorSchema, accountView } from '../views.ts';
import { audit } from '../audit.ts';

export const signup: ConsoleRoute = (app, { platform }) => {
  app.post('/signup', {
    schema: {
      summary: 'Create an account; its LUIS authoring keys are created with it. The password needs 10 characters or more and must not be a commonly used one',
      body: Type.Object({ email: Type.String({ maxLength: 320 }), password: Type.String({ maxLength: 1024 }) }),
      response: { 201: AccountSchema, 400: ErrorSchema, 409: ErrorSchema, 429: ErrorSchema },
    },
  }, async (request, reply) => {
    await platform.guard.signup(request.body.email, clientOf(request).address);
    const account = await platform.accounts.signUp(request.body.email, request.body.password);
    await audit(platform, request, { type: 'account-created' }, account);
    reply.code(201);
    return accountView(platform, account);
  });
};
