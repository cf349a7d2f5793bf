import type { ConsoleRoute } from '../route.ts';
import { SESSION_COOKIE } from '../auth.ts';
import { audit } from '../audit.ts';

export const logout: ConsoleRoute = (app, { platform, signedIn }) => {
  app.post('/logout', { onRequest: signedIn, schema: { summary: 'End this session (the token stops working)' } }, async (request, reply) => {
    await platform.accounts.logOut(request.sessionToken!);
    await audit(platform, request, { type: 'logged-out', session: request.sessionId! });
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    reply.code(204).send(null);
  });
};
