// Finds the resource behind a presented key: by HMAC digest in the store,
// then a constant-time check of the decrypted key, with an in-memory cache that
// is emptied for a resource whenever it changes (regenerate, renew, delete, tier).
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import { findResourceRowByKeyDigest, type ResourceRow } from '../store/repos/resources.ts';
import { resourceFromRow, type KeySlot, type Resource } from '../resources/resource.ts';
import { constantTimeEqual, generateKey, isKeyShaped, type KeyVault } from './secrets.ts';

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
  /**
   * Verified keys of this process, by the key itself: a hit costs one map
   * lookup instead of an HMAC (the largest part of the gateway's own time).
   * The plain key is in this process's memory while its request is served
   * anyway, and so is the master key that would decrypt it; it never leaves memory.
   */
  private byKey = new Map<string, KeyMatch>();
  /** The cached keys of each resource, and the one Resource object both its keys share. */
  private byResource = new Map<string, { resource: Resource; keys: Set<string> }>();
  /** Bumped on every invalidation, so a lookup that raced one does not cache stale data. */
  private epoch = 0;

  /** Decrypted when a digest matches nothing, so an unknown key costs what a known one does. */
  private decoy: string;

  constructor(private db: Kysely<Database>, private vault: KeyVault, bus: ResourceChangeBus) {
    bus.subscribe((id) => this.forget(id));
    this.decoy = vault.encrypt(generateKey());
  }

  /** The decoy, sealed again once a finished master key rotation has retired the key it was sealed under. */
  private decoyCipher(): string {
    if (!this.vault.canOpen(this.decoy)) this.decoy = this.vault.encrypt(generateKey());
    return this.decoy;
  }

  /** Whether this process has verified the key before (even if a cache with a TTL would now read it again). */
  verifiedBefore(presented: string): boolean {
    return this.byKey.has(presented);
  }

  /** The match for a key verified before, without waiting; undefined when it must be looked up. */
  cached(presented: string): KeyMatch | undefined {
    return this.byKey.get(presented);
  }

  async resolve(presented: string): Promise<KeyMatch | undefined> {
    const cached = this.byKey.get(presented);
    if (cached) return cached;
    const epoch = this.epoch;
    const found = await this.fromStore(presented);
    if (!found) return undefined;
    const resource = resourceFromRow(found.row);
    if (epoch !== this.epoch) return { resource, slot: found.slot };
    return this.remember(presented, resource, found.slot);
  }

  /**
   * The store's answer for a key, whatever the cache holds: an HMAC digest per
   * master key held (two while a rotation runs), one indexed read, one
   * decryption and a constant-time comparison, known key or not
   * (a key that is not key-shaped cannot match, and its shape is no secret).
   */
  async fromStore(presented: string): Promise<{ row: ResourceRow; slot: KeySlot } | undefined> {
    if (!isKeyShaped(presented)) return undefined;
    const found = await findResourceRowByKeyDigest(this.db, this.vault.digests(presented));
    const cipher = !found ? this.decoyCipher() : found.slot === 1 ? found.row.key1_cipher : found.row.key2_cipher;
    const same = constantTimeEqual(this.vault.decrypt(cipher), presented);
    return found && same ? found : undefined;
  }

  forget(resourceId: string): void {
    this.epoch++;
    const entry = this.byResource.get(resourceId);
    if (!entry) return;
    for (const key of entry.keys) this.byKey.delete(key);
    this.byResource.delete(resourceId);
  }

  private remember(key: string, resource: Resource, slot: KeySlot): KeyMatch {
    if (this.byKey.size >= MAX_CACHED_KEYS) this.forget(this.byKey.values().next().value!.resource.id);
    let entry = this.byResource.get(resource.id);
    if (!entry) {
      entry = { resource, keys: new Set() };
      this.byResource.set(resource.id, entry);
    }
    entry.keys.add(key);
    const match = { resource: entry.resource, slot };
    this.byKey.set(key, match);
    return match;
  }
}
