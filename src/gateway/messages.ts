// The refusals Azure gives, with its wording where clients and docs know it.
import type { Rate } from '../catalog/catalog.ts';
import { ApiError } from '../http/errors.ts';

export const missingKey = () => new ApiError(401, '401',
  'Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.');

export const INVALID_KEY_MESSAGE = 'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.';

export const invalidKey = () => new ApiError(401, '401', INVALID_KEY_MESSAGE);

export const isInvalidKey = (err: unknown): boolean => err instanceof ApiError && err.statusCode === 401 && err.message === INVALID_KEY_MESSAGE;

/** Azure's answer to a client address the resource's network rules do not allow. */
export const networkDenied = () => new ApiError(403, '403', 'Access denied due to Virtual Network/Firewall rules.');

export const tooManyUnknownKeys = (limit: number, retryAfterSeconds: number) => new ApiError(429, '429',
  `Too many requests with subscription keys that are not recognised from this client address (more than ${limit} a minute). ` +
  `Retry after ${retryAfterSeconds} second${retryAfterSeconds === 1 ? '' : 's'} with a valid key.`,
  {}, { 'Retry-After': String(retryAfterSeconds) });

export const rateExceeded = (kind: string, tier: string, rate: Rate, retryAfterSeconds: number) => new ApiError(429, '429',
  `Requests to this API have exceeded the rate limit of your ${kind} ${tier} pricing tier (${rate.limit} calls per ${rate.per}). ` +
  `Retry after ${retryAfterSeconds} second${retryAfterSeconds === 1 ? '' : 's'}, or move the resource to a higher pricing tier.`,
  {}, { 'Retry-After': String(retryAfterSeconds) });

export const quotaExceeded = (kind: string, tier: string, meter: string, quota: number, renewsAt: number, hint: string | undefined) => new ApiError(403, '403',
  `Out of call volume quota for ${kind} ${tier}: ${quota} ${meter} calls a month. ` +
  `Quota will be replenished on ${new Date(renewsAt).toISOString()}. ` +
  (hint ?? 'A higher pricing tier lifts this quota.'));

export const expired = (name: string, days: number) => new ApiError(403, '403',
  `The free subscription of resource "${name}" expired after ${days} consecutive days without use. ` +
  `Request new keys to carry on: in the portal (Resources → ${name} → Request new keys), with \`portico resource renew ${name}\`, or POST /api/resources/${name}/renew.`);

/** A bearer token that is malformed, tampered, expired, signed by an unknown key or from a regenerated key; Azure's wording. */
export const invalidToken = () => new ApiError(401, '401',
  'Unauthorized. Access token is missing, invalid, audience is incorrect (urn:ms.scopedToken or urn:ms.faceSessionToken), or have expired.');

/** A key presented to a resource with disableLocalAuth on; Azure's exact body. */
export const localAuthDisabled = () => new ApiError(403, 'AuthenticationTypeDisabled', 'Key based authentication is disabled for this resource.');
