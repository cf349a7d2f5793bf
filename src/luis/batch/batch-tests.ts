// Batch testing: a labelled dataset is run through the model of a trained
// version or of a published slot, scored (evaluate.ts), and kept beside the
// version that answered, with its date.
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../util/clock.ts';
import { predict, type Model } from '../../nlu/index.ts';
import type { AppRow } from '../service.ts';
import type { PublishedApps, Slot } from '../runtime/published-apps.ts';
import type { LuisDb } from '../store/tables.ts';
import { deleteBatchTest, findBatchTest, insertBatchTest, listBatchTests, type BatchTestRow, type BatchTestSummaryRow } from '../store/batch-tests.ts';
import { badArgument, itemNotFound, versionNotFound } from '../errors.ts';
import { parseBatchDataset, vocabularyOf } from './dataset.ts';
import { evaluate, type BatchReport } from './evaluate.ts';
import { predictedUtterance } from './predicted.ts';

export type BatchTarget = { versionId: string } | { slot: Slot };

export interface BatchTestSummary {
  id: string;
  name: string;
  versionId: string;
  /** `version` (the version's latest training) or the slot that answered */
  target: BatchTestRow['target'];
  createdDateTime: string;
  utterances: number;
  intentAccuracy: number;
}

export interface BatchTest extends BatchTestSummary { report: BatchReport }

/** Predictions between two yields to the event loop, so a long batch does not stall other requests. */
const PREDICTIONS_PER_TURN = 25;

function summary(row: BatchTestSummaryRow): BatchTestSummary {
  return {
    id: row.id, name: row.name, versionId: row.version_id, target: row.target,
    createdDateTime: new Date(Number(row.created_at)).toISOString(), utterances: row.utterances, intentAccuracy: row.intent_accuracy,
  };
}

export class BatchTests {
  constructor(private db: LuisDb, private published: PublishedApps, private clock: Clock) {}

  /** The model that answers for a target, and the version it was trained from. */
  private async modelOf(app: AppRow, target: BatchTarget): Promise<{ model: Model; versionId: string }> {
    if ('versionId' in target) {
      const model = await this.published.versionModel(app.id, target.versionId);
      if (!model) throw versionNotFound(app.id, target.versionId);
      if (model === 'untrained') throw badArgument(`Version "${target.versionId}" has not been trained: train it (POST .../versions/${target.versionId}/train) and run the batch test again.`);
      return { model, versionId: target.versionId };
    }
    const runtime = await this.published.get(app.id);
    const publications = [...(runtime?.slots.get(target.slot)?.values() ?? [])];
    if (!publications.length) throw badArgument(`The app is not published to the ${target.slot} slot; publish a trained version there first.`);
    // A slot may hold different versions in different regions; the latest publication is the one tested.
    const latest = publications.reduce((a, b) => (b.publishedAt > a.publishedAt ? b : a));
    return { model: latest.model, versionId: latest.versionId };
  }

  async run(app: AppRow, target: BatchTarget, name: string, dataset: unknown): Promise<BatchTest> {
    const { model, versionId } = await this.modelOf(app, target);
    const vocabulary = vocabularyOf(model.app);
    const labelled = parseBatchDataset(dataset, vocabulary);
    const predictions = [];
    for (const [i, u] of labelled.entries()) {
      if (i > 0 && i % PREDICTIONS_PER_TURN === 0) await new Promise((resolve) => setImmediate(resolve));
      predictions.push(predictedUtterance(predict(model, u.text)));
    }
    const report = evaluate(labelled, predictions, vocabulary);
    const row: BatchTestRow = {
      id: randomUUID(), app_id: app.id, version_id: versionId, target: 'slot' in target ? target.slot : 'version',
      name, created_at: this.clock.now(), utterances: report.utterances, intent_accuracy: report.intentAccuracy, report: JSON.stringify(report),
    };
    await insertBatchTest(this.db, row);
    return { ...summary(row), report };
  }

  async list(app: AppRow, versionId: string): Promise<BatchTestSummary[]> {
    return (await listBatchTests(this.db, app.id, versionId)).map(summary);
  }

  async get(app: AppRow, versionId: string, id: string): Promise<BatchTest> {
    const row = await findBatchTest(this.db, app.id, versionId, id);
    if (!row) throw itemNotFound('batch test', id);
    return { ...summary(row), report: JSON.parse(row.report) as BatchReport };
  }

  async delete(app: AppRow, versionId: string, id: string): Promise<void> {
    if (!(await deleteBatchTest(this.db, app.id, versionId, id))) throw itemNotFound('batch test', id);
  }
}
