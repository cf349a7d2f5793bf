// Managing resources and their keys: the console API and the CLI go through
// here; the gateway only reads (KeyDirectory).
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Catalog } from '../catalog/catalog.ts';
import type { Database } from '../store/schema.ts';
import * as repo from '../store/repos/resources.ts';
import { generateKey, type KeyVault } from '../keys/secrets.ts';
import { sealingWrite } from '../keys/sealing.ts';
import type { ResourceChangeBus } from '../keys/directory.ts';
import type { Clock } from '../util/clock.ts';
import { badRequest, conflict, notFound } from '../http/errors.ts';
import { accountResourceName, CUSTOM_SUBDOMAIN_PATTERN, resourceFromRow, resourceState, RESOURCE_NAME_PATTERN, type KeySlot, type Resource, type ResourceState } from './resource.ts';
import { OPEN_NETWORK, validateNetworkRules, type NetworkRules } from './network-rules.ts';

export interface ResourceKeys {
  key1: string;
  key2: string;
}

export interface ResourceView extends Resource {
  state: ResourceState;
}

/** The settings a console update may change (PATCH /api/resources/{name}). */
export const RESOURCE_SETTINGS = ['tier', 'disableLocalAuth', 'customSubDomainName'] as const;
export type ResourceSetting = typeof RESOURCE_SETTINGS[number];

/** A console update: each setting given is set; null removes the custom subdomain name. */
export type ResourceChanges = { tier?: string; disableLocalAuth?: boolean; customSubDomainName?: string | null };

/** The columns holding the changed settings of a resource. */
function settingColumns(resource: Resource, changed: readonly ResourceSetting[]): repo.ResourceSettingColumns {
  const columns: repo.ResourceSettingColumns = {};
  if (changed.includes('tier')) columns.tier = resource.tier;
  if (changed.includes('disableLocalAuth')) columns.disable_local_auth = resource.disableLocalAuth ? 1 : 0;
  if (changed.includes('customSubDomainName')) columns.custom_subdomain = resource.customSubDomainName;
  return columns;
}

export interface NewResource {
  name: string;
  kind: string;
  tier: string;
  region: string;
  customSubDomainName?: string;
}

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return e.code === '23505' || /UNIQUE constraint failed/.test(e.message ?? '');
}

/** PostgreSQL names the index, SQLite the column: both contain custom_subdomain. */
function isSubdomainTaken(err: unknown): boolean {
  return isUniqueViolation(err) && /custom_subdomain/.test((err as Error).message ?? '');
}

const subdomainTaken = (name: string) => conflict(`the custom subdomain name "${name}" is already taken; choose another`, 'CustomSubDomainNameTaken');

export class ResourceService {
  constructor(
    private db: Kysely<Database>,
    private catalog: Catalog,
    private vault: KeyVault,
    private bus: ResourceChangeBus,
    private clock: Clock,
  ) {}

  /** Ciphertexts and digests of both keys; call inside sealingWrite, which holds the master key sealing them. */
  private sealed(keys: ResourceKeys): Pick<repo.ResourceRow, 'key1_cipher' | 'key1_digest' | 'key2_cipher' | 'key2_digest'> {
    return {
      key1_cipher: this.vault.encrypt(keys.key1),
      key1_digest: this.vault.digest(keys.key1),
      key2_cipher: this.vault.encrypt(keys.key2),
      key2_digest: this.vault.digest(keys.key2),
    };
  }

  view(resource: Resource): ResourceView {
    return { ...resource, state: resourceState(resource, this.catalog, this.clock.now()) };
  }

  /** Checks a request for a new resource against the catalogue; throws 400 naming the field. */
  validateNew(input: NewResource): void {
    if (!new RegExp(RESOURCE_NAME_PATTERN).test(input.name)) {
      throw badRequest('name must be 2 to 64 letters, digits or hyphens, starting and ending with a letter or digit');
    }
    const kind = this.catalog.kind(input.kind);
    const creatable = this.catalog.data.kinds.filter((k) => !k.perAccount).map((k) => k.name);
    if (!kind || kind.perAccount) throw badRequest(`kind must be one of ${creatable.join(', ')}; got "${input.kind}"`);
    if (!this.catalog.tier(kind.name, input.tier)) {
      throw badRequest(`tier must be one of ${kind.tiers.map((t) => t.name).join(', ')} for kind ${kind.name}; got "${input.tier}"`);
    }
    const regions = this.catalog.regionsOf(kind);
    if (!regions.includes(input.region)) {
      throw badRequest(`region must be one of ${regions.join(', ')} for kind ${kind.name}; got "${input.region}"`);
    }
    if (input.customSubDomainName !== undefined) this.validateSubdomain(input.customSubDomainName);
  }

  /**
   * Azure's rule for customSubDomainName; a region's name is kept for the
   * regional host names (`westus.<domain>`), which the subdomain's share.
   */
  private validateSubdomain(name: string): void {
    if (!new RegExp(CUSTOM_SUBDOMAIN_PATTERN).test(name)) {
      throw badRequest(`customSubDomainName must be 2 to 64 lower-case letters, digits or hyphens, not starting or ending with a hyphen; got "${name}"`);
    }
    if (this.catalog.allRegions.includes(name)) throw badRequest(`customSubDomainName "${name}" is the name of a region; choose another`);
  }

  async create(accountId: string, input: NewResource): Promise<{ resource: ResourceView; keys: ResourceKeys }> {
    this.validateNew(input);
    return this.insert(this.db, accountId, input);
  }

  /** The per-account resources (LUIS authoring keys) every account gets at sign-up. */
  async createAccountResources(db: Kysely<Database>, accountId: string): Promise<void> {
    for (const kind of this.catalog.data.kinds.filter((k) => k.perAccount)) {
      for (const region of this.catalog.regionsOf(kind)) {
        await this.insert(db, accountId, { name: accountResourceName(kind.name, region), kind: kind.name, tier: kind.tiers[0].name, region });
      }
    }
  }

  private async insert(db: Kysely<Database>, accountId: string, input: NewResource): Promise<{ resource: ResourceView; keys: ResourceKeys }> {
    const now = this.clock.now();
    const keys = { key1: generateKey(), key2: generateKey() };
    const fields = { id: randomUUID(), account_id: accountId, name: input.name, kind: input.kind, tier: input.tier, region: input.region, created_at: now, last_used_at: now, disable_local_auth: 0,
      network_default_action: OPEN_NETWORK.defaultAction, network_ip_rules: '[]', custom_subdomain: input.customSubDomainName ?? null };
    let row: repo.ResourceRow;
    try {
      row = await sealingWrite(db, this.vault, async (trx) => {
        const sealedRow = { ...fields, ...this.sealed(keys) };
        await repo.insertResource(trx, sealedRow);
        return sealedRow;
      });
    } catch (err) {
      if (isSubdomainTaken(err)) throw subdomainTaken(input.customSubDomainName!);
      if (isUniqueViolation(err)) throw conflict(`a resource named "${input.name}" already exists in this account`);
      throw err;
    }
    return { resource: this.view(resourceFromRow(row)), keys };
  }

  async list(accountId: string): Promise<ResourceView[]> {
    const rows = await repo.listResourceRows(this.db, accountId);
    return rows.map((r) => this.view(resourceFromRow(r)));
  }

  private async row(accountId: string, name: string): Promise<repo.ResourceRow> {
    const row = await repo.findResourceRow(this.db, accountId, name);
    if (!row) throw notFound(`no resource named "${name}" in this account`, 'ResourceNotFound');
    return row;
  }

  async get(accountId: string, name: string): Promise<ResourceView> {
    return this.view(resourceFromRow(await this.row(accountId, name)));
  }

  async keys(accountId: string, name: string): Promise<ResourceKeys> {
    const row = await this.row(accountId, name);
    return { key1: this.vault.decrypt(row.key1_cipher), key2: this.vault.decrypt(row.key2_cipher) };
  }

  /**
   * Applies the changes a console update asks for (tier, disableLocalAuth,
   * customSubDomainName; at least one must be given) with one read, one write
   * and one change notification. Every change is checked before anything is
   * written, so a refused update changes nothing. `changed` names the settings
   * whose value differs from before, in the order of RESOURCE_SETTINGS.
   */
  async update(accountId: string, name: string, changes: ResourceChanges): Promise<{ resource: ResourceView; changed: ResourceSetting[] }> {
    if (changes.tier === undefined && changes.disableLocalAuth === undefined && changes.customSubDomainName === undefined) {
      throw badRequest('give tier, disableLocalAuth or customSubDomainName to change');
    }
    const row = await this.row(accountId, name);
    const before = resourceFromRow(row);
    const kind = this.catalog.kind(row.kind);
    const perAccount = kind?.perAccount ?? false;
    if (changes.tier !== undefined) {
      if (perAccount) throw badRequest(`the tier of a ${kind!.displayName} cannot be changed`);
      if (!this.catalog.tier(row.kind, changes.tier)) {
        throw badRequest(`tier must be one of ${(kind?.tiers ?? []).map((t) => t.name).join(', ')} for kind ${row.kind}; got "${changes.tier}"`);
      }
    }
    if (changes.disableLocalAuth !== undefined && perAccount) throw badRequest(`key authentication of "${name}" belongs to the account and cannot be disabled`);
    if (changes.customSubDomainName !== undefined) {
      if (changes.customSubDomainName !== null) this.validateSubdomain(changes.customSubDomainName);
      if (perAccount) throw badRequest(`"${name}" belongs to the account and cannot have a custom subdomain name`);
    }
    const after: Resource = {
      ...before,
      tier: changes.tier ?? before.tier,
      disableLocalAuth: changes.disableLocalAuth ?? before.disableLocalAuth,
      customSubDomainName: changes.customSubDomainName === undefined ? before.customSubDomainName : changes.customSubDomainName,
    };
    const changed = RESOURCE_SETTINGS.filter((setting) => after[setting] !== before[setting]);
    if (changed.length) {
      try {
        await repo.updateResourceSettings(this.db, row.id, settingColumns(after, changed));
      } catch (err) {
        if (isSubdomainTaken(err)) throw subdomainTaken(after.customSubDomainName!);
        throw err;
      }
      await this.bus.publish(row.id);
    }
    return { resource: this.view(after), changed };
  }

  /** Replaces the resource's network rules; every process's gateway applies them from its next call. */
  async setNetworkRules(accountId: string, name: string, input: { defaultAction: string; ipRules: string[] }): Promise<ResourceView> {
    const rules: NetworkRules = validateNetworkRules(input);
    const row = await this.row(accountId, name);
    await repo.updateNetworkRules(this.db, row.id, rules.defaultAction, rules.ipRules);
    await this.bus.publish(row.id);
    return this.view({ ...resourceFromRow(row), networkRules: rules });
  }

  async regenerateKey(accountId: string, name: string, slot: KeySlot): Promise<ResourceKeys> {
    const row = await this.row(accountId, name);
    const key = generateKey();
    await sealingWrite(this.db, this.vault, (trx) => repo.replaceResourceKey(trx, row.id, slot, this.vault.encrypt(key), this.vault.digest(key)));
    await this.bus.publish(row.id);
    return this.keys(accountId, name);
  }

  /** New values for both keys, and the resource counts as used now (so an expired one is active again). */
  async renew(accountId: string, name: string): Promise<{ resource: ResourceView; keys: ResourceKeys }> {
    const row = await this.row(accountId, name);
    const now = this.clock.now();
    const keys = { key1: generateKey(), key2: generateKey() };
    await sealingWrite(this.db, this.vault, (trx) => repo.replaceBothKeys(trx, row.id, this.sealed(keys), now));
    await this.bus.publish(row.id);
    return { resource: this.view({ ...resourceFromRow(row), lastUsedAt: now }), keys };
  }

  async delete(accountId: string, name: string): Promise<void> {
    const row = await this.row(accountId, name);
    if (this.catalog.kind(row.kind)?.perAccount) throw badRequest(`"${name}" belongs to the account and cannot be deleted`);
    await repo.deleteResourceRow(this.db, row.id);
    await this.bus.publish(row.id);
  }

  async findById(id: string): Promise<Resource | undefined> {
    const row = await repo.findResourceRowById(this.db, id);
    return row && resourceFromRow(row);
  }
}
