// What prediction needs of an app, kept in memory: its owner, the endpoint
// resources assigned to it, and per slot and region the published model.
// Models are loaded once per published model id; a publish builds the new
// entry (models included) before swapping it in, so a request sees either
// the old publication or the new one, never a half-loaded one.
import { randomUUID } from 'node:crypto';
import { isCurrentModelFormat, loadModel, type Model } from '../../nlu/index.ts';
import { ApiError } from '../../http/errors.ts';
import type { ResourceChangeBus } from '../../keys/directory.ts';
import * as appsRepo from '../store/apps.ts';
import * as versionsRepo from '../store/versions.ts';
import type { LuisDb } from '../store/tables.ts';

export type Slot = 'production' | 'staging';

export interface PublishedModel {
  versionId: string;
  modelId: string;
  publishedAt: number;
  model: Model;
}

export interface RuntimeApp {
  id: string;
  ownerAccountId: string;
  authoringRegion: string;
  isPublic: boolean;
  assignedResourceIds: Set<string>;
  /** slot → region → model */
  slots: Map<Slot, Map<string, PublishedModel>>;
  loadedAt: number;
}

/**
 * Other processes (scale-out) publish too. They say so on the change bus (Redis
 * when shared), and an entry older than this is reloaded in the background
 * anyway, in case a message was missed while Redis was away.
 */
export const RUNTIME_APP_TTL_MS = 5_000;
/**
 * How app changes travel on the change bus, apart from the resource ids it also
 * carries: `luis-app:<sender>:<appId>`, so that a process skips its own (it has
 * rebuilt its entry already).
 */
const APP_CHANGE = /^luis-app:([^:]+):(.+)$/;
const MAX_CACHED_APPS = 10_000;

export class PublishedApps {
  private entries = new Map<string, Promise<RuntimeApp | undefined>>();
  private refreshing = new Set<string>();
  /** One loaded Model per model id, shared by every slot and region that publishes it. */
  private models = new Map<string, Model>();

  /** Tells this instance's own messages on the change bus from other processes'. */
  private readonly sender = randomUUID();
  /** Rebuilds started in the background (TTL, change bus), awaited on close. */
  private background = new Set<Promise<void>>();

  constructor(private db: LuisDb, private now: () => number = Date.now, private bus?: ResourceChangeBus) {
    bus?.subscribe((message) => {
      const change = APP_CHANGE.exec(message);
      if (change && change[1] !== this.sender && this.entries.has(change[2])) this.inBackground(change[2]);
    });
  }

  /**
   * A background rebuild that fails (the database away for a moment, a model
   * that cannot be read yet) leaves the entry it would have replaced serving;
   * the entry stays expired, so the next request tries again.
   */
  private inBackground(appId: string): void {
    const running = this.refresh(appId).catch(() => undefined);
    this.background.add(running);
    void running.finally(() => this.background.delete(running));
  }

  /** Waits for rebuilds still running, so that none outlives the store. */
  async close(): Promise<void> {
    await Promise.all(this.background);
  }

  /**
   * An app's publications, keys or existence changed: this process's entry is
   * rebuilt before this resolves, and every other process is told to rebuild its own.
   */
  async changed(appId: string): Promise<void> {
    await this.refresh(appId);
    await this.bus?.publish(`luis-app:${this.sender}:${appId}`);
  }

  async get(appId: string): Promise<RuntimeApp | undefined> {
    let entry = this.entries.get(appId);
    if (!entry) {
      entry = this.load(appId);
      this.remember(appId, entry);
      entry.catch(() => this.entries.delete(appId));
    }
    const app = await entry;
    if (app && this.now() - app.loadedAt > RUNTIME_APP_TTL_MS) this.inBackground(appId);
    return app;
  }

  /** Rebuilds an app's entry and swaps it in once complete (after publish, assign, delete …). */
  async refresh(appId: string): Promise<void> {
    if (this.refreshing.has(appId)) return;
    this.refreshing.add(appId);
    try {
      const fresh = await this.load(appId);
      this.remember(appId, Promise.resolve(fresh));
      this.dropUnusedModels();
    } finally {
      this.refreshing.delete(appId);
    }
  }

  /**
   * The model a version was last trained into, for prediction by version:
   * undefined when the version does not exist, 'untrained' before its first training.
   */
  async versionModel(appId: string, versionId: string): Promise<Model | 'untrained' | undefined> {
    const meta = await versionsRepo.findVersionMeta(this.db, appId, versionId);
    if (!meta) return undefined;
    if (!meta.model_id) return 'untrained';
    return (await this.model(meta.model_id)) ?? 'untrained';
  }

  private remember(appId: string, entry: Promise<RuntimeApp | undefined>): void {
    if (!this.entries.has(appId) && this.entries.size >= MAX_CACHED_APPS) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(appId, entry);
  }

  private async load(appId: string): Promise<RuntimeApp | undefined> {
    const row = await appsRepo.findApp(this.db, appId);
    if (!row) return undefined;
    const [assigned, publications] = await Promise.all([
      appsRepo.listAssignedResources(this.db, appId),
      versionsRepo.listPublications(this.db, appId),
    ]);
    const slots = new Map<Slot, Map<string, PublishedModel>>();
    for (const p of publications) {
      const model = await this.model(p.model_id);
      if (!model) continue;
      if (!slots.has(p.slot)) slots.set(p.slot, new Map());
      slots.get(p.slot)!.set(p.region, { versionId: p.version_id, modelId: p.model_id, publishedAt: Number(p.published_at), model });
    }
    return {
      id: row.id, ownerAccountId: row.owner_account_id, authoringRegion: row.authoring_region, isPublic: row.is_public === 1,
      assignedResourceIds: new Set(assigned.map((a) => a.resourceId)), slots, loadedAt: this.now(),
    };
  }

  private async model(modelId: string): Promise<Model | undefined> {
    const cached = this.models.get(modelId);
    if (cached) return cached;
    const data = await versionsRepo.findModelData(this.db, modelId);
    if (!data) return undefined;
    const bytes = Buffer.from(data, 'base64');
    // Saved by an earlier Portico: the server retrains such models at start.
    if (!isCurrentModelFormat(bytes)) {
      throw new ApiError(503, 'ModelUpgrading', 'This app\'s model was saved by an earlier version of Portico and is being trained again for this one. Retry in a minute.');
    }
    const model = loadModel(bytes);
    this.models.set(modelId, model);
    return model;
  }

  private async dropUnusedModels(): Promise<void> {
    const used = new Set<string>();
    for (const entry of this.entries.values()) {
      const app = await entry.catch(() => undefined);
      for (const regions of app?.slots.values() ?? []) for (const p of regions.values()) used.add(p.modelId);
    }
    for (const id of this.models.keys()) if (!used.has(id)) this.models.delete(id);
  }
}
