// Access tokens as Azure's token service issues them: a JWT (HS256) valid ten
// minutes, naming the resource it stands for. Pure functions: the caller gives
// the time, the signing secret and, for a token issued from a subscription key,
// the key's binding (so regenerating that key ends its tokens).
import { createHash, createHmac } from 'node:crypto';
import { constantTimeEqual } from '../keys/secrets.ts';

/** Azure's issueToken tokens are valid for ten minutes. */
export const ACCESS_TOKEN_LIFETIME_MS = 10 * 60_000;
export const TOKEN_ISSUER = 'urn:ms.cognitiveservices';
export const TOKEN_AUDIENCE = 'urn:ms.scopedToken';

export interface AccessTokenClaims {
  iss: string;
  aud: string;
  /** Seconds since the epoch, as JWTs count. */
  iat: number;
  exp: number;
  /** The resource's id and region (Azure's tokens carry `azure-resource-id` and `region`). */
  'azure-resource-id': string;
  region: string;
  /** Which key the token was issued from; 0 for a token from the owner's identity. */
  ks: 0 | 1 | 2;
  /** The binding of that key's current value (see keyBinding); absent for an identity token. */
  kb?: string;
}

export interface ParsedToken {
  kid: string;
  claims: AccessTokenClaims;
  signingInput: string;
  signature: string;
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * What a token says about the key it came from: a hash of the key's lookup
 * digest. It changes when the key is regenerated and reveals nothing of the key.
 */
export function keyBinding(keyDigest: string): string {
  return createHash('sha256').update('portico token key binding\0').update(keyDigest).digest('base64url').slice(0, 22);
}

function sign(signingInput: string, secret: Buffer): string {
  return createHmac('sha256', secret).update(signingInput).digest('base64url');
}

export function newClaims(resource: { id: string; region: string }, key: { slot: 1 | 2; digest: string } | undefined, now: number): AccessTokenClaims {
  const iat = Math.floor(now / 1000);
  return {
    iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE, iat, exp: iat + ACCESS_TOKEN_LIFETIME_MS / 1000,
    'azure-resource-id': resource.id, region: resource.region,
    ks: key?.slot ?? 0, ...(key ? { kb: keyBinding(key.digest) } : {}),
  };
}

export function encodeAccessToken(claims: AccessTokenClaims, kid: string, secret: Buffer): string {
  const signingInput = `${b64({ alg: 'HS256', typ: 'JWT', kid })}.${b64(claims)}`;
  return `${signingInput}.${sign(signingInput, secret)}`;
}

function isClaims(value: any): value is AccessTokenClaims {
  return value && typeof value === 'object' && value.iss === TOKEN_ISSUER && value.aud === TOKEN_AUDIENCE
    && Number.isInteger(value.iat) && Number.isInteger(value.exp) && typeof value['azure-resource-id'] === 'string'
    && typeof value.region === 'string' && [0, 1, 2].includes(value.ks) && (value.ks === 0 || typeof value.kb === 'string');
}

/** Splits a token into its parts; undefined for anything that is not one of ours in shape. */
export function parseAccessToken(token: string): ParsedToken | undefined {
  if (token.length > 2048) return undefined;
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
    const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    if (header?.alg !== 'HS256' || typeof header.kid !== 'string' || !isClaims(claims)) return undefined;
    return { kid: header.kid, claims, signingInput: `${parts[0]}.${parts[1]}`, signature: parts[2] };
  } catch {
    return undefined;
  }
}

/** Whether the signature is the secret's and the token is within its life at `now`. */
export function verifyAccessToken(parsed: ParsedToken, secret: Buffer, now: number): boolean {
  if (!constantTimeEqual(sign(parsed.signingInput, secret), parsed.signature)) return false;
  const seconds = now / 1000;
  return seconds >= parsed.claims.iat - 60 && seconds < parsed.claims.exp;
}
