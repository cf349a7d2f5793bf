import type { ConsoleRoute } from '../route.ts';
import { accountOf } from '../auth.ts';
import { AccountSchema, ErrorSchema, accountView } from '../views.ts';

export const accountGet: ConsoleRoute = (app, { platform, signedIn }) => {
  app.get('/account', {
    onRequest: signedIn,
    schema: { summary: 'The signed-in account and its authoring keys by region', response: { 200: AccountSchema, 401: ErrorSchema } },
  }, async (request) => accountView(platform, accountOf(request)));
};
