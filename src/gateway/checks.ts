// The gateway's checks as plain functions over plain data, in the order they run.
import type { FastifyRequest } from 'fastify';
import type { Catalog } from '../catalog/catalog.ts';
import { resourceState, type Resource } from '../resources/resource.ts';
import type { Credential, GatewayRoute } from './types.ts';
import type { EndpointTarget } from './region.ts';
import { networkAllows } from '../resources/network-rules.ts';
import * as refuse from './messages.ts';
import type { Admission } from '../limits/limiter.ts';
import { ApiError } from '../http/errors.ts';

export const KEY_HEADER = 'ocp-apim-subscription-key';
export const KEY_QUERY = 'subscription-key';

/** 1. The key: the header wins over the query parameter. */
export function presentedKey(headers: FastifyRequest['headers'], query: unknown): string | undefined {
  const header = headers[KEY_HEADER];
  const fromHeader = Array.isArray(header) ? header[0] : header;
  if (fromHeader) return fromHeader.trim();
  const fromQuery = (query as Record<string, unknown> | undefined)?.[KEY_QUERY];
  const value = Array.isArray(fromQuery) ? fromQuery[0] : fromQuery;
  return typeof value === 'string' && value !== '' ? value.trim() : undefined;
}

/** 1b. Without a key, an access token: `Authorization: Bearer <token>`. */
export function presentedBearer(headers: FastifyRequest['headers']): string | undefined {
  const header = headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match ? match[1] : undefined;
}

/** 2b. A resource with local (key) authentication disabled takes tokens only; throws Azure's 403. */
export function checkLocalAuth(resource: Resource, credential: Credential): void {
  if (credential === 'key' && resource.disableLocalAuth) throw refuse.localAuthDisabled();
}

/**
 * 3 and 4. Scope and endpoint; throws the 401 Azure gives. A regional endpoint
 * takes the keys of its region's resources, a custom subdomain only its own
 * resource's. Returns the region the call is served in.
 */
export function checkScopeAndRegion(resource: Resource, route: GatewayRoute, target: EndpointTarget): string {
  if (!route.accepts.includes(resource.kind)) {
    throw route.wrongKindMessage ? new ApiError(401, '401', route.wrongKindMessage) : refuse.invalidKey();
  }
  if (target.subdomain !== undefined) {
    if (resource.customSubDomainName !== target.subdomain) throw refuse.invalidKey();
    return resource.region;
  }
  if (resource.region !== target.region) throw refuse.invalidKey();
  return target.region;
}

/** 4b. The resource's network rules (Azure's networkAcls); throws Azure's 403 for an address they do not allow. */
export function checkNetworkRules(resource: Resource, clientAddress: string): void {
  if (!networkAllows(resource.networkRules, clientAddress)) throw refuse.networkDenied();
}

/** Free-tier expiry; throws 403. */
export function checkActive(resource: Resource, catalog: Catalog, now: number): void {
  if (resourceState(resource, catalog, now) === 'expired') {
    throw refuse.expired(resource.name, catalog.tier(resource.kind, resource.tier)!.expiresAfterUnusedDays!);
  }
}

/** 5 and 6. Turns a refused admission into its 429 or 403. */
export function checkAdmission(admission: Admission, resource: Resource, meter: string, catalog: Catalog): void {
  if (admission.admitted) return;
  const tier = catalog.tier(resource.kind, resource.tier)!;
  if (admission.reason === 'rate') throw refuse.rateExceeded(resource.kind, resource.tier, tier.rate, admission.retryAfterSeconds);
  throw refuse.quotaExceeded(resource.kind, resource.tier, meter, tier.monthlyQuota[meter], admission.renewsAt, tier.quotaHint);
}
