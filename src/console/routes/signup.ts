import { Type } from '@sinclair/typebox';
import type { ConsoleRoute } from '../route.ts';
import { AccountSchema, ErrorSchema, accountView } from '../views.ts';

export const signup: ConsoleRoute = (app, { platform }) => {
  app.post('/signup', {
    schema: {
      summary: 'Create an account; its LUIS authoring keys are created with it',
      body: Type.Object({ email: Type.String({ maxLength: 320 }), password: Type.String({ maxLength: 1024 }) }),
      response: { 201: AccountSchema, 400: ErrorSchema, 409: ErrorSchema },
    },
  }, async (request, reply) => {
    const account = await platform.accounts.signUp(request.body.email, request.body.password);
    reply.code(201);
    return accountView(platform, account);
  });
};
