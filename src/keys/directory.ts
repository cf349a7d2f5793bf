// Finds the resource behind a presented key: by HMAC digest in the store,
// then a constant-time check of the decrypted key, with an in-memory cache that
// is emptied for a resource whenever it changes (regenerate, renew, delete, tier).
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import { findResourceRowByKeyDigest } from '../store/repos/resources.ts';
import { resourceFromRow, type KeySlot, type Resource } from '../resources/resource.ts';
import { constantTimeEqual, isKeyShaped, type KeyVault } from './secrets.ts';

export interface KeyMatch {
  resource: Resource;
  slot: KeySlot;
}

/** Tells every key cache (in this process or, with Redis, in all) that a resource changed. */
export interface ResourceChangeBus {
  publish(resourceId: string): Promise<void>;
  subscribe(listener: (resourceId: string) => void): void;
}

export class LocalChangeBus implements ResourceChangeBus {
  private listeners: Array<(id: string) => void> = [];
  async publish(resourceId: string): Promise<void> {
    for (const listener of this.listeners) listener(resourceId);
  }
  subscribe(listener: (resourceId: string) => void): void {
    this.listeners.push(listener);
  }
}

const MAX_CACHED_KEYS = 100_000;

export class KeyDirectory {
  private byDigest = new Map<string, KeyMatch>();
  /** The cached digests of each resource, and the one Resource object both its keys share. */
  private byResource = new Map<string, { resource: Resource; digests: Set<string> }>();
  /** Bumped on every invalidation, so a lookup that raced one does not cache stale data. */
  private epoch = 0;

  constructor(private db: Kysely<Database>, private vault: KeyVault, bus: ResourceChangeBus) {
    bus.subscribe((id) => this.forget(id));
  }

  async resolve(presented: string): Promise<KeyMatch | undefined> {
    if (!isKeyShaped(presented)) return undefined;
    const digest = this.vault.digest(presented);
    const cached = this.byDigest.get(digest);
    if (cached) return cached;
    const epoch = this.epoch;
    const found = await findResourceRowByKeyDigest(this.db, digest);
    if (!found) return undefined;
    const cipher = found.slot === 1 ? found.row.key1_cipher : found.row.key2_cipher;
    if (!constantTimeEqual(this.vault.decrypt(cipher), presented)) return undefined;
    const resource = resourceFromRow(found.row);
    if (epoch !== this.epoch) return { resource, slot: found.slot };
    return this.remember(digest, resource, found.slot);
  }

  forget(resourceId: string): void {
    this.epoch++;
    const entry = this.byResource.get(resourceId);
    if (!entry) return;
    for (const digest of entry.digests) this.byDigest.delete(digest);
    this.byResource.delete(resourceId);
  }

  private remember(digest: string, resource: Resource, slot: KeySlot): KeyMatch {
    if (this.byDigest.size >= MAX_CACHED_KEYS) this.forget(this.byDigest.values().next().value!.resource.id);
    let entry = this.byResource.get(resource.id);
    if (!entry) {
      entry = { resource, digests: new Set() };
      this.byResource.set(resource.id, entry);
    }
    entry.digests.add(digest);
    const match = { resource: entry.resource, slot };
    this.byDigest.set(digest, match);
    return match;
  }
}
