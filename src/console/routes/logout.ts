import type { ConsoleRoute } from '../route.ts';
import { SESSION_COOKIE } from '../auth.ts';

export const logout: ConsoleRoute = (app, { platform, signedIn }) => {
  app.post('/logout', { onRequest: signedIn, schema: { summary: 'End this session (the token stops working)' } }, async (request, reply) => {
    await platform.accounts.logOut(request.sessionToken!);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    reply.code(204).send(null);
  });
};
