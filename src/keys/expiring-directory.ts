// The key directory for many processes: cached entries also expire after a
// short time, a safety net for a change whose message was lost (Redis down, a
// subscriber reconnecting), and everything can be dropped after a reconnect.
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import { KeyDirectory, type KeyMatch, type ResourceChangeBus } from './directory.ts';
import type { KeyVault } from './secrets.ts';

/** How long a process may go on trusting a cached key without hearing of changes. */
export const CACHED_KEY_TTL_MS = 5_000;

export class ExpiringKeyDirectory extends KeyDirectory {
  /** When each cached resource was last read from the store. */
  private readAt = new Map<string, number>();

  constructor(db: Kysely<Database>, vault: KeyVault, bus: ResourceChangeBus, private ttlMs = CACHED_KEY_TTL_MS, private now = () => Date.now()) {
    super(db, vault, bus);
  }

  override cached(presented: string): KeyMatch | undefined {
    const match = super.cached(presented);
    const readAt = match && this.readAt.get(match.resource.id);
    return readAt !== undefined && this.now() - readAt < this.ttlMs ? match : undefined;
  }

  override async resolve(presented: string): Promise<KeyMatch | undefined> {
    const match = await super.resolve(presented);
    if (!match) return undefined;
    const id = match.resource.id;
    const readAt = this.readAt.get(id);
    const now = this.now();
    if (readAt === undefined) {
      this.readAt.set(id, now);
      return match;
    }
    if (now - readAt < this.ttlMs) return match;
    this.forget(id);
    const fresh = await super.resolve(presented);
    if (fresh) this.readAt.set(fresh.resource.id, this.now());
    return fresh;
  }

  override forget(resourceId: string): void {
    super.forget(resourceId);
    this.readAt?.delete(resourceId);
  }

  forgetAll(): void {
    for (const id of [...this.readAt.keys()]) this.forget(id);
  }
}
