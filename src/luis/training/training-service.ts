// Training as LUIS reports it: POST queues the version (202 Queued, or
// UpToDate when nothing changed since the last training), a worker thread
// trains it, and GET answers a status per model (intent classifier and each
// entity extractor): Queued, InProgress, Success or Fail with a reason.
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../util/clock.ts';
import * as versionsRepo from '../store/versions.ts';
import type { LuisDb } from '../store/tables.ts';
import { allEntities, appFromDoc, type VersionDoc } from '../app/document.ts';
import type { Trainer } from '../../training/trainer.ts';
import { isCurrentModelFormat } from '../../nlu/index.ts';

/** LUIS's status ids. */
export const TRAINING_STATUS_IDS = { Success: 0, Fail: 1, UpToDate: 2, InProgress: 3, Queued: 9 } as const;
export type ModelStatus = keyof typeof TRAINING_STATUS_IDS;

export interface EnqueueResult { statusId: number; status: ModelStatus }

export interface ModelTrainingInfo {
  modelId: string;
  details: { statusId: number; status: ModelStatus; exampleCount: number; trainingDateTime?: string; failureReason?: string };
}

/** Training is deterministic: the same version trains to the same model. */
const TRAINING_SEED = 1;

export class TrainingService {
  private running = new Set<Promise<void>>();

  constructor(private db: LuisDb, private clock: Clock, private trainer: Trainer, private onTrained: (appId: string) => void = () => {}) {}

  async start(appId: string, versionId: string, doc: VersionDoc, meta: versionsRepo.VersionMeta): Promise<EnqueueResult> {
    if (meta.training_status === 'Queued' || meta.training_status === 'InProgress') {
      if (meta.training_revision === meta.revision) return { statusId: TRAINING_STATUS_IDS[meta.training_status], status: meta.training_status };
    }
    if (meta.training_status === 'Success' && meta.trained_revision === meta.revision) return { statusId: TRAINING_STATUS_IDS.UpToDate, status: 'UpToDate' };
    await versionsRepo.setTrainingState(this.db, appId, versionId, { training_status: 'Queued', training_revision: meta.revision, training_failure: null });
    this.enqueue(appId, versionId, doc, meta.revision);
    return { statusId: TRAINING_STATUS_IDS.Queued, status: 'Queued' };
  }

  private enqueue(appId: string, versionId: string, doc: VersionDoc, revision: number): void {
    const job = this.run(appId, versionId, doc, revision).catch(() => undefined).finally(() => this.running.delete(job));
    this.running.add(job);
  }

  private async run(appId: string, versionId: string, doc: VersionDoc, revision: number): Promise<void> {
    const reply = await this.trainer.train(appFromDoc(doc), TRAINING_SEED, () => {
      void versionsRepo.setTrainingState(this.db, appId, versionId, { training_status: 'InProgress' }).catch(() => undefined);
    });
    // The version may have been renamed or deleted meanwhile; then there is nothing to record.
    const current = await versionsRepo.findVersionMeta(this.db, appId, versionId);
    if (!current || current.training_revision !== revision) return;
    if (!reply.ok) {
      await versionsRepo.setTrainingState(this.db, appId, versionId, { training_status: 'Fail', training_failure: reply.reason });
      return;
    }
    const modelId = randomUUID();
    const now = this.clock.now();
    await versionsRepo.insertModel(this.db, { id: modelId, app_id: appId, version_id: versionId, created_at: now, data: Buffer.from(reply.model).toString('base64') });
    await versionsRepo.setTrainingState(this.db, appId, versionId, {
      training_status: 'Success', trained_revision: revision, trained_at: now, model_id: modelId, training_failure: null,
    });
    await versionsRepo.deleteUnusedModels(this.db, appId);
    this.onTrained(appId);
  }

  /** Per-model status, as GET .../train answers it. */
  status(doc: VersionDoc, meta: versionsRepo.VersionMeta): ModelTrainingInfo[] {
    const examples = exampleCounts(doc);
    const trainedAt = meta.trained_at ? new Date(Number(meta.trained_at)).toISOString() : undefined;
    const models = [...doc.intents.map((i) => ({ id: i.id, name: i.name })), ...allEntities(doc).map((e) => ({ id: e.item.id, name: e.item.name }))];
    return models.map((m) => {
      const exampleCount = examples.get(m.name) ?? 0;
      const details = ((): ModelTrainingInfo['details'] => {
        switch (meta.training_status) {
          case 'Queued': return { statusId: TRAINING_STATUS_IDS.Queued, status: 'Queued', exampleCount };
          case 'InProgress': return { statusId: TRAINING_STATUS_IDS.InProgress, status: 'InProgress', exampleCount };
          case 'Fail': return { statusId: TRAINING_STATUS_IDS.Fail, status: 'Fail', exampleCount, failureReason: meta.training_failure ?? 'unknown' };
          case 'Success':
            return meta.trained_revision === meta.revision
              ? { statusId: TRAINING_STATUS_IDS.Success, status: 'Success', exampleCount, trainingDateTime: trainedAt }
              : { statusId: TRAINING_STATUS_IDS.UpToDate, status: 'UpToDate', exampleCount, trainingDateTime: trainedAt };
          default:
            return { statusId: TRAINING_STATUS_IDS.Fail, status: 'Fail', exampleCount, failureReason: 'NeedsTraining: this version has not been trained yet; POST .../train' };
        }
      })();
      return { modelId: m.id, details };
    });
  }

  /** Re-queues trainings a stopped process left queued or running. */
  async resume(readDoc: (appId: string, versionId: string) => Promise<{ doc: VersionDoc; row: versionsRepo.VersionRow }>): Promise<void> {
    for (const v of await versionsRepo.unfinishedTrainings(this.db)) {
      const { doc, row } = await readDoc(v.app_id, v.version_id);
      await versionsRepo.setTrainingState(this.db, v.app_id, v.version_id, { training_status: 'Queued', training_revision: row.revision });
      this.enqueue(v.app_id, v.version_id, doc, row.revision);
    }
  }

  /**
   * Models written by an earlier engine format (before an upgrade of Portico)
   * cannot be read; each is trained again from its version's content and
   * replaced under the same id, so the publications pointing to it stay valid.
   * `upgraded` hears each app whose models were replaced. Answers how many
   * were stale, and those that could not be retrained (version deleted, training failed).
   */
  async upgradeStaleModels(
    readDoc: (appId: string, versionId: string) => Promise<{ doc: VersionDoc }>,
    upgraded: (appId: string) => Promise<void>,
  ): Promise<{ stale: number; failed: Array<{ modelId: string; reason: string }> }> {
    const stale = (await versionsRepo.modelHeads(this.db))
      .filter((m) => !isCurrentModelFormat(Buffer.from(m.head, 'base64')));
    const failed: Array<{ modelId: string; reason: string }> = [];
    for (const m of stale) {
      const doc = await readDoc(m.app_id, m.version_id).then((r) => r.doc, () => undefined);
      if (!doc) {
        failed.push({ modelId: m.id, reason: `its version ${m.version_id} no longer exists; publish a trained version again` });
        continue;
      }
      const reply = await this.trainer.train(appFromDoc(doc), TRAINING_SEED);
      if (!reply.ok) {
        failed.push({ modelId: m.id, reason: reply.reason });
        continue;
      }
      await versionsRepo.replaceModelData(this.db, m.id, Buffer.from(reply.model).toString('base64'));
      await upgraded(m.app_id);
    }
    return { stale: stale.length, failed };
  }

  /** Waits for every queued training to finish (shutdown, tests). */
  async idle(): Promise<void> {
    while (this.running.size) await Promise.all([...this.running]);
  }
}

/** Examples per intent and per labelled entity (each counted once an utterance). */
function exampleCounts(doc: VersionDoc): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (name: string) => counts.set(name, (counts.get(name) ?? 0) + 1);
  for (const u of doc.utterances) {
    add(u.intent);
    for (const name of new Set(u.entities.map((l) => l.entity.split('::')[0]))) add(name);
  }
  return counts;
}
