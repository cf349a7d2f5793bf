import { Type } from '@sinclair/typebox';
import type { ConsoleRoute } from '../route.ts';
import { accountOf } from '../auth.ts';
import { ErrorSchema } from '../views.ts';

export const SessionSchema = Type.Object({
  id: Type.String(),
  client: Type.String({ description: 'user agent and address of the log-in' }),
  createdAt: Type.String({ format: 'date-time' }),
  lastUsedAt: Type.String({ format: 'date-time' }),
  expiresAt: Type.String({ format: 'date-time', description: 'the latest end, however much the session is used' }),
  idleExpiresAt: Type.String({ format: 'date-time', description: 'when it ends if it is not used before' }),
  current: Type.Boolean({ description: 'the session this call came with' }),
});

export const accountSessionsList: ConsoleRoute = (app, { platform, signedIn }) => {
  app.get('/account/sessions', {
    onRequest: signedIn,
    schema: {
      summary: "The account's live console sessions (log-ins), most recently used first",
      response: { 200: Type.Object({ value: Type.Array(SessionSchema) }), 401: ErrorSchema },
    },
  }, async (request) => {
    const sessions = await platform.accounts.listSessions(accountOf(request).id);
    const iso = (ms: number) => new Date(ms).toISOString();
    return {
      value: sessions.map((s) => ({
        id: s.id, client: s.client, createdAt: iso(s.createdAt), lastUsedAt: iso(s.lastUsedAt),
        expiresAt: iso(s.expiresAt), idleExpiresAt: iso(s.idleExpiresAt), current: s.id === request.sessionId,
      })),
    };
  });
};
