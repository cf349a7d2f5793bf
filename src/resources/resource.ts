// What a resource is, and the pure rules about it.
import type { Catalog } from '../catalog/catalog.ts';
import { DAY_MS } from '../util/clock.ts';
import type { ResourceRow, KeySlot } from '../store/repos/resources.ts';
import { networkRulesFromColumns, type NetworkRules } from './network-rules.ts';

export type { KeySlot };

export interface Resource {
  id: string;
  accountId: string;
  name: string;
  kind: string;
  tier: string;
  region: string;
  createdAt: number;
  lastUsedAt: number;
  /** Keys are refused; only access tokens issued from the owner's identity serve (Azure's disableLocalAuth). */
  disableLocalAuth: boolean;
  /** Which client addresses may use the keys (Azure's networkAcls). */
  networkRules: NetworkRules;
  /** Reached at https://<this>.<custom domain>/ besides the regional endpoint; null when unset. */
  customSubDomainName: string | null;
}

export type ResourceState = 'active' | 'expired';

export function resourceFromRow(row: ResourceRow): Resource {
  return {
    id: row.id,
    accountId: row.account_id,
    name: row.name,
    kind: row.kind,
    tier: row.tier,
    region: row.region,
    createdAt: Number(row.created_at),
    lastUsedAt: Number(row.last_used_at),
    disableLocalAuth: Number(row.disable_local_auth ?? 0) === 1,
    networkRules: networkRulesFromColumns(row.network_default_action, row.network_ip_rules),
    customSubDomainName: row.custom_subdomain,
  };
}

/**
 * A resource on a tier with `expiresAfterUnusedDays` expires once that many
 * whole days have passed since its keys were last used (or issued): with 90,
 * day 89 still works and day 90 does not.
 */
export function resourceState(resource: Resource, catalog: Catalog, now: number): ResourceState {
  const days = catalog.tier(resource.kind, resource.tier)?.expiresAfterUnusedDays;
  if (days === undefined) return 'active';
  return now - resource.lastUsedAt >= days * DAY_MS ? 'expired' : 'active';
}

/** Resource names as Azure allows them: letters, digits and hyphens, 2 to 64 characters. */
export const RESOURCE_NAME_PATTERN = '^[A-Za-z0-9][A-Za-z0-9-]{0,62}[A-Za-z0-9]$';

/** Custom subdomain names as Azure allows them: 2 to 64 lower-case letters, digits and hyphens, not starting or ending with a hyphen. */
export const CUSTOM_SUBDOMAIN_PATTERN = '^[a-z0-9][a-z0-9-]{0,62}[a-z0-9]$';

/** Name of the per-account resource of a kind in a region (a dot keeps it apart from user names). */
export function accountResourceName(kind: string, region: string): string {
  return `${kind}.${region}`;
}

export function parseKeyName(keyName: string): KeySlot | undefined {
  const match = /^key([12])$/i.exec(keyName);
  return match ? (Number(match[1]) as KeySlot) : undefined;
}
