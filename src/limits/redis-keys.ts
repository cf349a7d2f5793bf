// Names of Portico's Redis keys and channel. Every name starts with a prefix
// naming the database the processes share, so installations (and test runs)
// that share one Redis never see each other's counters. The resource id sits in
// a hash tag, so a resource's keys stay in one slot on a Redis Cluster too.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Store } from '../store/database.ts';
import type { Rate } from '../catalog/catalog.ts';

/** `portico:<database>:` — PostgreSQL: the database name; SQLite: a digest of its folder. */
export async function redisPrefix(store: Store, dataDir: string): Promise<string> {
  if (store.dialect === 'postgres') {
    const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(store.db);
    return `portico:${rows[0].name}:`;
  }
  return `portico:sqlite-${createHash('sha256').update(dataDir).digest('hex').slice(0, 16)}:`;
}

export function rateKey(prefix: string, resourceId: string, rate: Rate, windowStart: number): string {
  return `${prefix}rate:{${resourceId}}:${rate.per}:${windowStart}`;
}

export function quotaKey(prefix: string, resourceId: string, meter: string, monthStart: number): string {
  return `${prefix}quota:{${resourceId}}:${meter}:${monthStart}`;
}

export function changeChannel(prefix: string): string {
  return `${prefix}resource-changed`;
}

/** The attempts of one subject under one attempt rule (subjects are digests or addresses, never e-mails). */
export function attemptsKey(prefix: string, rule: string, subject: string): string {
  return `${prefix}attempts:${rule}:{${subject}}`;
}
