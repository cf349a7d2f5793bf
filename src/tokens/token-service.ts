// Issuing and verifying access tokens. A token verifies when its signing key
// is known and still verifies, it is within its life, its resource exists and,
// for a token issued from a key, that key still has the value it had then.
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import type { KeyVault } from '../keys/secrets.ts';
import type { ResourceChangeBus } from '../keys/directory.ts';
import { findResourceRowById, type ResourceRow } from '../store/repos/resources.ts';
import { resourceFromRow, type KeySlot, type Resource } from '../resources/resource.ts';
import type { Clock } from '../util/clock.ts';
import { encodeAccessToken, keyBinding, newClaims, parseAccessToken, verifyAccessToken, type ParsedToken } from './access-token.ts';
import { SigningKeyRing } from './signing-keys.ts';

export interface IssuedToken {
  token: string;
  expiresAt: number;
}

/** Who a verified token stands for; slot 0 is a token from the owner's identity. */
export interface TokenMatch {
  resource: Resource;
  slot: KeySlot | 0;
}

export interface AccessTokenVerifier {
  verify(token: string): Promise<TokenMatch | undefined>;
}

/** How long a resource read for a token is trusted without hearing of changes (as cached keys are). */
const RESOURCE_TTL_MS = 5_000;

interface CachedResource {
  resource: Resource;
  bindings: [string, string];
  readAt: number;
}

export class AccessTokenService implements AccessTokenVerifier {
  private resources = new Map<string, CachedResource>();

  constructor(private db: Kysely<Database>, private vault: KeyVault, bus: ResourceChangeBus, private clock: Clock, readonly ring = new SigningKeyRing(db, vault, clock)) {
    bus.subscribe((id) => this.resources.delete(id));
  }

  /** A token for the resource; `key` is the subscription key it was asked with (none for the owner's identity). */
  async issue(resource: { id: string; region: string }, key?: { slot: KeySlot; value: string }): Promise<IssuedToken> {
    const signing = await this.ring.signingKey();
    const claims = newClaims(resource, key && { slot: key.slot, digest: this.vault.digest(key.value) }, this.clock.now());
    return { token: encodeAccessToken(claims, signing.id, signing.secret), expiresAt: claims.exp * 1000 };
  }

  async verify(token: string): Promise<TokenMatch | undefined> {
    const parsed = parseAccessToken(token);
    if (!parsed) return undefined;
    const secret = await this.ring.verifyingSecret(parsed.kid);
    if (!secret || !verifyAccessToken(parsed, secret, this.clock.now())) return undefined;
    const found = await this.resource(parsed.claims['azure-resource-id']);
    if (!found || !this.bound(parsed, found)) return undefined;
    return { resource: found.resource, slot: parsed.claims.ks };
  }

  private bound(parsed: ParsedToken, found: CachedResource): boolean {
    const { ks, kb } = parsed.claims;
    return ks === 0 || found.bindings[ks - 1] === kb;
  }

  private async resource(id: string): Promise<CachedResource | undefined> {
    const cached = this.resources.get(id);
    const now = this.clock.now();
    if (cached && now - cached.readAt < RESOURCE_TTL_MS && now >= cached.readAt) return cached;
    const row = await findResourceRowById(this.db, id);
    if (!row) return undefined;
    const entry = this.entry(row, now);
    this.resources.set(id, entry);
    return entry;
  }

  private entry(row: ResourceRow, now: number): CachedResource {
    return { resource: resourceFromRow(row), bindings: [keyBinding(row.key1_digest), keyBinding(row.key2_digest)], readAt: now };
  }
}
