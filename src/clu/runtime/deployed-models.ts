// What prediction needs of a deployment, kept in memory: the loaded model and
// the map from the engine's entities back to the project's categories. An
// entry is rebuilt when this process changes the project's deployments, when
// another process says so on the change bus, or after a few seconds anyway.
import { randomUUID } from 'node:crypto';
import { loadModel, type Model } from '../../nlu/index.ts';
import type { ResourceChangeBus } from '../../keys/directory.ts';
import * as repo from '../store/projects.ts';
import type { CluDb } from '../store/tables.ts';
import type { Assets } from '../project/assets.ts';
import { engineProject, type Component } from '../project/engine-app.ts';

export interface Deployed {
  model: Model;
  components: Record<string, Component[]>;
  /** Per category, how overlapping components combine (CLU's compositionSetting). */
  composition: Map<string, string>;
  required: Map<string, string[]>;
  /** Below this score the top intent is None (the project's confidenceThreshold). */
  confidenceThreshold: number;
}

const TTL_MS = 5_000;
const CHANGE = /^clu-project:([^:]+):(.+)$/;

export class DeployedModels {
  private entries = new Map<string, { at: number; value: Promise<Deployed | undefined> }>();
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
    if (entry && this.now() - entry.at < TTL_MS) return entry.value;
    const value = this.load(resourceId, project, deployment);
    this.entries.set(key, { at: this.now(), value });
    value.catch(() => this.entries.delete(key));
    return value;
  }

  private async load(resourceId: string, project: string, deployment: string): Promise<Deployed | undefined> {
    const row = await repo.deployedModel(this.db, resourceId, project, deployment);
    if (!row) return undefined;
    const assets = JSON.parse(row.assets) as Assets;
    return {
      model: loadModel(Buffer.from(row.data, 'base64')),
      components: engineProject(project, assets).components,
      composition: new Map(assets.entities.map((e) => [e.category, e.compositionSetting ?? 'combineComponents'])),
      confidenceThreshold: Number(row.confidence_threshold),
      required: new Map(assets.entities.filter((e) => e.requiredComponents?.length).map((e) => [e.category, e.requiredComponents!])),
    };
  }

  /** Drops a project's entries here and in every other process. */
  changed(resourceId: string, project: string): void {
    const prefix = `${resourceId}/${project}`;
    this.forget(prefix);
    void this.bus?.publish(`clu-project:${this.sender}:${prefix}`).catch(() => undefined);
  }

  private forget(prefix: string): void {
    for (const key of this.entries.keys()) if (key.startsWith(`${prefix}/`)) this.entries.delete(key);
  }
}
