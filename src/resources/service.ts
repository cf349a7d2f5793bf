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
import { accountResourceName, resourceFromRow, resourceState, RESOURCE_NAME_PATTERN, type KeySlot, type Resource, type ResourceState } from './resource.ts';

export interface ResourceKeys {
  key1: string;
  key2: string;
}

export interface ResourceView extends Resource {
  state: ResourceState;
}

export interface NewResource {
  name: string;
  kind: string;
  tier: string;
  region: string;
}

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return e.code === '23505' || /UNIQUE constraint failed/.test(e.message ?? '');
}

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
    const fields = { id: randomUUID(), account_id: accountId, name: input.name, kind: input.kind, tier: input.tier, region: input.region, created_at: now, last_used_at: now, disable_local_auth: 0 };
    let row: repo.ResourceRow;
    try {
      row = await sealingWrite(db, this.vault, async (trx) => {
        const sealedRow = { ...fields, ...this.sealed(keys) };
        await repo.insertResource(trx, sealedRow);
        return sealedRow;
      });
    } catch (err) {
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

  /** Applies the changes a console update asks for (tier, disableLocalAuth); at least one must be given. */
  async update(accountId: string, name: string, changes: { tier?: string; disableLocalAuth?: boolean }): Promise<ResourceView> {
    if (changes.tier === undefined && changes.disableLocalAuth === undefined) throw badRequest('give tier or disableLocalAuth (or both) to change');
    let view = changes.tier === undefined ? await this.get(accountId, name) : await this.changeTier(accountId, name, changes.tier);
    if (changes.disableLocalAuth !== undefined) view = await this.setLocalAuthDisabled(accountId, name, changes.disableLocalAuth);
    return view;
  }

  /** Turns key authentication off (or on again); access tokens from the owner's identity keep working. */
  async setLocalAuthDisabled(accountId: string, name: string, disabled: boolean): Promise<ResourceView> {
    const row = await this.row(accountId, name);
    if (this.catalog.kind(row.kind)?.perAccount) throw badRequest(`key authentication of "${name}" belongs to the account and cannot be disabled`);
    await repo.updateResourceLocalAuth(this.db, row.id, disabled);
    await this.bus.publish(row.id);
    return this.view({ ...resourceFromRow(row), disableLocalAuth: disabled });
  }

  async changeTier(accountId: string, name: string, tier: string): Promise<ResourceView> {
    const row = await this.row(accountId, name);
    const kind = this.catalog.kind(row.kind)!;
    if (kind.perAccount) throw badRequest(`the tier of a ${kind.displayName} cannot be changed`);
    if (!this.catalog.tier(row.kind, tier)) {
      throw badRequest(`tier must be one of ${kind.tiers.map((t) => t.name).join(', ')} for kind ${row.kind}; got "${tier}"`);
    }
    await repo.updateResourceTier(this.db, row.id, tier);
    await this.bus.publish(row.id);
    return this.view({ ...resourceFromRow(row), tier });
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
