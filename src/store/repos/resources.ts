import type { Kysely } from 'kysely';
import type { Database, ResourcesTable } from '../schema.ts';

export type ResourceRow = ResourcesTable;
export type KeySlot = 1 | 2;

export function insertResource(db: Kysely<Database>, row: ResourceRow): Promise<unknown> {
  return db.insertInto('resources').values(row).execute();
}

export function listResourceRows(db: Kysely<Database>, accountId: string): Promise<ResourceRow[]> {
  return db.selectFrom('resources').selectAll().where('account_id', '=', accountId).orderBy('created_at').orderBy('name').execute();
}

export function findResourceRow(db: Kysely<Database>, accountId: string, name: string): Promise<ResourceRow | undefined> {
  return db.selectFrom('resources').selectAll().where('account_id', '=', accountId).where('name', '=', name).executeTakeFirst();
}

export function findResourceRowById(db: Kysely<Database>, id: string): Promise<ResourceRow | undefined> {
  return db.selectFrom('resources').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The resource holding a key with one of these digests (one per master key held), and which of its two keys it is. */
export async function findResourceRowByKeyDigest(db: Kysely<Database>, digests: string[]): Promise<{ row: ResourceRow; slot: KeySlot } | undefined> {
  const row = await db.selectFrom('resources').selectAll()
    .where((eb) => eb.or([eb('key1_digest', 'in', digests), eb('key2_digest', 'in', digests)]))
    .executeTakeFirst();
  if (!row) return undefined;
  return { row, slot: digests.includes(row.key1_digest) ? 1 : 2 };
}

/** The columns a console update may change; only those given are written. */
export type ResourceSettingColumns = Partial<Pick<ResourceRow, 'tier' | 'disable_local_auth' | 'custom_subdomain'>>;

export function updateResourceSettings(db: Kysely<Database>, id: string, columns: ResourceSettingColumns): Promise<unknown> {
  return db.updateTable('resources').set(columns).where('id', '=', id).execute();
}

export function updateNetworkRules(db: Kysely<Database>, id: string, defaultAction: string, ipRules: string[]): Promise<unknown> {
  return db.updateTable('resources').set({ network_default_action: defaultAction, network_ip_rules: JSON.stringify(ipRules) }).where('id', '=', id).execute();
}

export function replaceResourceKey(db: Kysely<Database>, id: string, slot: KeySlot, cipher: string, digest: string): Promise<unknown> {
  const values = slot === 1 ? { key1_cipher: cipher, key1_digest: digest } : { key2_cipher: cipher, key2_digest: digest };
  return db.updateTable('resources').set(values).where('id', '=', id).execute();
}

export function replaceBothKeys(db: Kysely<Database>, id: string, keys: Pick<ResourceRow, 'key1_cipher' | 'key1_digest' | 'key2_cipher' | 'key2_digest'>, lastUsedAt: number): Promise<unknown> {
  return db.updateTable('resources').set({ ...keys, last_used_at: lastUsedAt }).where('id', '=', id).execute();
}

export function deleteResourceRow(db: Kysely<Database>, id: string): Promise<unknown> {
  return db.deleteFrom('resources').where('id', '=', id).execute();
}

/** Moves last use forward only, so out-of-order writers never move it back. */
export function touchResources(db: Kysely<Database>, lastUse: ReadonlyMap<string, number>): Promise<unknown[]> {
  return Promise.all([...lastUse].map(([id, at]) =>
    db.updateTable('resources').set({ last_used_at: at }).where('id', '=', id).where('last_used_at', '<', at).execute()));
}
