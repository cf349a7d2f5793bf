// Who is calling the console API: a bearer token (CLI, scripts) or the
// portal's session cookie, both the token issued at log-in.
import type { FastifyRequest } from 'fastify';
import type { Account, AccountService } from '../accounts/service.ts';
import { unauthorized } from '../http/errors.ts';

export const SESSION_COOKIE = 'portico_session';

declare module 'fastify' {
  interface FastifyRequest {
    account?: Account;
    sessionToken?: string;
  }
}

export function presentedToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    return match?.[1];
  }
  return request.cookies?.[SESSION_COOKIE];
}

/** An onRequest hook for routes that need a signed-in account. */
export function requireAccount(accounts: AccountService) {
  return async (request: FastifyRequest): Promise<void> => {
    const token = presentedToken(request);
    if (!token) throw unauthorized('Sign in first: send Authorization: Bearer <token> from POST /api/login, or the session cookie.', 'Unauthenticated');
    const account = await accounts.authenticate(token);
    if (!account) throw unauthorized('The token or session is invalid or has expired; sign in again.', 'Unauthenticated');
    request.account = account;
    request.sessionToken = token;
  };
}

/** The signed-in account of a request that passed requireAccount. */
export function accountOf(request: FastifyRequest): Account {
  if (!request.account) throw unauthorized('Sign in first.', 'Unauthenticated');
  return request.account;
}
