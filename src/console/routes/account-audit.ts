import { Type } from '@sinclair/typebox';
import type { ConsoleRoute } from '../route.ts';
import { accountOf } from '../auth.ts';
import { ErrorSchema } from '../views.ts';
import { MAX_AUDIT_PAGE, formatAuditCursor, parseAuditCursor } from '../../audit/audit-log.ts';
import { AUDIT_EVENT_TYPES } from '../../audit/events.ts';
import { badRequest } from '../../http/errors.ts';

export const AuditEntrySchema = Type.Object({
  id: Type.String(),
  time: Type.String({ format: 'date-time' }),
  type: Type.String({ description: `one of ${AUDIT_EVENT_TYPES.join(', ')}` }),
  actor: Type.String({ description: 'e-mail of the account that acted, or "operator"' }),
  address: Type.String({ description: 'client address of the request, as the server saw it' }),
  detail: Type.Record(Type.String(), Type.String(), { description: 'names only (resource, region, key slot, app, e-mail), never a key, password or token' }),
  summary: Type.String({ description: 'the event in words' }),
});

export const AuditPageSchema = Type.Object({
  value: Type.Array(AuditEntrySchema),
  nextBefore: Type.Optional(Type.String({ description: 'pass as before for the next (older) page; absent on the last page' })),
});

export const accountAudit: ConsoleRoute = (app, { platform, signedIn }) => {
  app.get('/account/audit', {
    onRequest: signedIn,
    schema: {
      summary: "The account's audit log, newest first: log-ins, password and session changes, key and resource changes",
      querystring: Type.Object({
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_AUDIT_PAGE, default: 50 })),
        before: Type.Optional(Type.String({ maxLength: 80, description: 'an ISO 8601 time, or the nextBefore of the previous page' })),
      }),
      response: {
        200: AuditPageSchema,
        400: ErrorSchema, 401: ErrorSchema,
      },
    },
  }, async (request) => {
    const { limit = 50, before } = request.query;
    const cursor = before === undefined ? undefined : parseAuditCursor(before);
    if (before !== undefined && !cursor) throw badRequest(`before must be an ISO 8601 time like 2026-12-07T05:00:00Z or the nextBefore of a previous page; got "${before}"`);
    const page = await platform.audit.list(accountOf(request).id, { limit, before: cursor });
    return {
      value: page.entries.map((e) => ({ id: e.id, time: new Date(e.at).toISOString(), type: e.type, actor: e.actor, address: e.address, detail: e.detail, summary: e.summary })),
      ...(page.next ? { nextBefore: formatAuditCursor(page.next) } : {}),
    };
  });
};
