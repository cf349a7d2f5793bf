// What prediction needs of a deployment, kept in memory: the loaded model and
// the map from the engine's entities back to the project's categories. An
// entry is rebuilt when this process changes the project's deployments, when
// another process says so on the change bus, or a few seconds after it was
// built anyway; that last rebuild runs in the background while the entry keeps
// answering, and reuses the loaded model when the deployment still serves it
// (as LUIS's published apps do), so no request waits on a model's decoding.
import { randomUUID } from 'node:crypto';
import { loadModel, type Model } from '../../nlu/index.ts';
import type { ResourceChangeBus } from '../../keys/directory.ts';
import * as repo from '../store/projects.ts';
import type { CluDb } from '../store/tables.ts';
import type { Assets } from '../project/assets.ts';
import { engineProject, type Component } from '../project/engine-app.ts';

/** A trained model as prediction uses it: the same for every deployment that serves it. */
interface LoadedModel {
  model: Model;
  components: Record<string, Component[]>;
  /** Per category, how overlapping components combine (CLU's compositionSetting). */
  composition: Map<string, string>;
  required: Map<string, string[]>;
}

export interface Deployed extends LoadedModel {
  /** Below this score the top intent is None (the project's confidenceThreshold). */
  confidenceThreshold: number;
}

const TTL_MS = 5_000;
const CHANGE = /^clu-project:([^:]+):(.+)$/;
/** Loaded models kept beyond the deployments that serve them now (the oldest go first). */
const MAX_MODELS = 1_000;

type Entry = { at: number; value: Promise<Deployed | undefined> };

export class DeployedModels {
  private entries = new Map<string, Entry>();
  private models = new Map<string, LoadedModel>();
  private refreshing = new Set<string>();
  private readonly sender = randomUUID();

  constructor(private db: CluDb, private now: () => number, private bus?: ResourceChangeBus) {
    bus?.subscribe((message) => {
      const change = CHANGE.exec(message);
      if (change && change[1] !== this.sender) this.forget(change[2]);
    });
  }

  get(resourceId: string, project: string, deployment: string): Promise<Deployed | undefined> {
    const key = `${resourceId}/${project}/${deployment}`;
    const entry = this.entries.get(key);
    if (!entry) return this.build(key, resourceId, project, deployment).value;
    if (this.now() - entry.at >= TTL_MS) void this.refresh(key, resourceId, project, deployment);
    return entry.value;
  }

  /** Builds an entry and puts it in place at once (a first request waits for it). */
  private build(key: string, resourceId: string, project: string, deployment: string): Entry {
    const entry: Entry = { at: this.now(), value: this.load(resourceId, project, deployment) };
    this.entries.set(key, entry);
    entry.value.catch(() => { if (this.entries.get(key) === entry) this.entries.delete(key); });
    return entry;
  }

  /** Rebuilds an expired entry while the old one answers; a failure leaves the old one serving, still expired. */
  private async refresh(key: string, resourceId: string, project: string, deployment: string): Promise<void> {
    if (this.refreshing.has(key)) return;
    this.refreshing.add(key);
    try {
      const value = this.load(resourceId, project, deployment);
      await value;
      this.entries.set(key, { at: this.now(), value });
    } catch {
      // the old entry keeps serving; the next request tries again
    } finally {
      this.refreshing.delete(key);
    }
  }

  /** The resource's own deployment, else one another resource rolled out to it (assignedResourceIds). */
  private async load(caller: string, project: string, deployment: string): Promise<Deployed | undefined> {
    let resourceId = caller;
    let ref = await repo.deployedModelRef(this.db, resourceId, project, deployment);
    if (!ref) {
      const owner = await repo.assignedDeploymentOwner(this.db, caller, project, deployment);
      if (owner === undefined) return undefined;
      resourceId = owner;
      ref = await repo.deployedModelRef(this.db, resourceId, project, deployment);
      if (!ref) return undefined;
    }
    let loaded = this.models.get(ref.model_id);
    if (!loaded) {
      const row = await repo.deployedModel(this.db, resourceId, project, deployment);
      if (!row) return undefined;
      loaded = this.decode(project, row.assets, row.data);
      this.remember(row.model_id, loaded);
    }
    return { ...loaded, confidenceThreshold: Number(ref.confidence_threshold) };
  }

  private decode(project: string, assetsJson: string, data: string): LoadedModel {
    const assets = JSON.parse(assetsJson) as Assets;
    return {
      model: loadModel(Buffer.from(data, 'base64')),
      components: engineProject(project, assets).components,
      composition: new Map(assets.entities.map((e) => [e.category, e.compositionSetting ?? 'combineComponents'])),
      required: new Map(assets.entities.filter((e) => e.requiredComponents?.length).map((e) => [e.category, e.requiredComponents!])),
    };
  }

  private remember(modelId: string, loaded: LoadedModel): void {
    if (this.models.size >= MAX_MODELS) this.models.delete(this.models.keys().next().value!);
    this.models.set(modelId, loaded);
  }

  /** Drops a project's entries here and in every other process. */
  changed(resourceId: string, project: string): void {
    const prefix = `${resourceId}/${project}`;
    this.forget(prefix);
    void this.bus?.publish(`clu-project:${this.sender}:${prefix}`).catch(() => undefined);
  }

  /**
   * Drops the entries of a project name on every resource, not only its
   * owner's: a resource a deployment is rolled out to keeps its entry under
   * its own id. (Names never hold a slash; resource ids are UUIDs.)
   */
  private forget(prefix: string): void {
    const project = prefix.slice(prefix.indexOf('/') + 1);
    for (const key of this.entries.keys()) if (key.split('/')[1] === project) this.entries.delete(key);
  }
}
