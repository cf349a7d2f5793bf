// The console routes' one way into the audit log: the event, on the signed-in
// account (or the one just created), acted on by it from the request's address.
import type { FastifyRequest } from 'fastify';
import type { Platform } from '../platform.ts';
import type { Account } from '../accounts/service.ts';
import type { AuditEvent } from '../audit/events.ts';
import { accountOf, clientOf } from './auth.ts';

export function audit(platform: Platform, request: FastifyRequest, event: AuditEvent, account: Account = accountOf(request)): Promise<void> {
  return platform.audit.record(account.id, event, { actor: account.email, address: clientOf(request).address });
}
