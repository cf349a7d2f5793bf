// Who is calling the console API: a bearer token (CLI, scripts) or the
// portal's session cookie, both the token issued at log-in.
import type { FastifyRequest } from 'fastify';
import type { Account, AccountService } from '../accounts/service.ts';
import { forbidden, unauthorized } from '../http/errors.ts';

export const SESSION_COOKIE = 'portico_session';

declare module 'fastify' {
  interface FastifyRequest {
    account?: Account;
    sessionToken?: string;
    /** Public id of the session the call came with. */
    sessionId?: string;
  }
}

export interface PresentedToken {
  token: string;
  /** A cookie is sent by the browser on its own, so it needs a same-origin proof on state changes. */
  via: 'bearer' | 'cookie';
}

export function presentedToken(request: FastifyRequest): PresentedToken | undefined {
  const header = request.headers.authorization;
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    return match ? { token: match[1], via: 'bearer' } : undefined;
  }
  const cookie = request.cookies?.[SESSION_COOKIE];
  return cookie ? { token: cookie, via: 'cookie' } : undefined;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Cross-site request forgery: a state-changing call that authenticates with the
 * session cookie must show that it comes from a page of this origin, by
 * `Sec-Fetch-Site: same-origin` or an `Origin` naming this host (or the public URL).
 * Every current browser sends one of the two on such calls; other sites cannot forge them.
 */
export function sameOrigin(request: FastifyRequest, publicOrigin: string | undefined): boolean {
  const fetchSite = single(request.headers['sec-fetch-site']);
  if (fetchSite) return fetchSite === 'same-origin';
  const origin = single(request.headers.origin);
  if (!origin || origin === 'null') return false;
  let originUrl: URL;
  try {
    originUrl = new URL(origin);
  } catch {
    return false;
  }
  if (publicOrigin && originUrl.origin === publicOrigin) return true;
  const forwardedHost = single(request.headers['x-forwarded-host']);
  return originUrl.host === (forwardedHost ?? request.headers.host);
}

export const crossSiteRefused = () => forbidden(
  'This call changes state and was authenticated by the session cookie, but did not come from a page of this site ' +
  '(no Sec-Fetch-Site: same-origin and no Origin naming this host). Send it from the portal, or use Authorization: Bearer <token>.',
  'CrossSiteRequest');

/** An onRequest hook for routes that need a signed-in account. */
export function requireAccount(accounts: AccountService, publicUrl?: string) {
  const publicOrigin = publicUrl ? new URL(publicUrl).origin : undefined;
  return async (request: FastifyRequest): Promise<void> => {
    const presented = presentedToken(request);
    if (!presented) throw unauthorized('Sign in first: send Authorization: Bearer <token> from POST /api/login, or the session cookie.', 'Unauthenticated');
    const account = await accounts.authenticate(presented.token);
    if (!account) throw unauthorized('The token or session is invalid or has expired; sign in again.', 'Unauthenticated');
    if (presented.via === 'cookie' && !SAFE_METHODS.has(request.method) && !sameOrigin(request, publicOrigin)) throw crossSiteRefused();
    const { sessionId, ...rest } = account;
    request.account = rest;
    request.sessionToken = presented.token;
    request.sessionId = sessionId;
  };
}

/** The client address and user agent of a request, as recorded with a session and counted by the attempt limits. */
export function clientOf(request: FastifyRequest): { address: string; userAgent?: string } {
  return { address: request.ip, userAgent: single(request.headers['user-agent']) };
}

/** The signed-in account of a request that passed requireAccount. */
export function accountOf(request: FastifyRequest): Account {
  if (!request.account) throw unauthorized('Sign in first.', 'Unauthenticated');
  return request.account;
}
