// Batch-test routes under the authoring API: run a labelled dataset against a
// trained version or a published slot, list a version's kept tests, read one,
// download its errors as CSV, delete it.
import { Type } from '@sinclair/typebox';
import { AppParams, Guid, OK, VersionParams, appOf, route, type AuthoringRoutes } from '../authoring/kit.ts';
import { importedApp } from '../authoring/app-formats.ts';
import type { Utterance } from '../../nlu/index.ts';
import { datasetFromUtterances } from './dataset.ts';
import { errorsCsv } from './csv.ts';
import type { BatchTarget } from './batch-tests.ts';

/** A thousand labelled utterances of up to 500 characters, with their labels, fit well within this. */
const DATASET_BODY_LIMIT = 4 * 1024 * 1024;

const RunQuery = Type.Object({ name: Type.Optional(Type.String({ minLength: 1, maxLength: 256, description: 'a name for the dataset (default: the date)' })) });
const SlotParams = Type.Intersect([AppParams, Type.Object({ slotName: Type.Union([Type.Literal('production'), Type.Literal('staging')]) })]);
const TestParams = Type.Intersect([VersionParams, Type.Object({ testId: Guid('the batch test id') })]);
const Dataset = Type.Unknown({ description: 'a JSON array of { text, intent, entities: [{ entity, startPos, endPos }] } (endPos inclusive), or a .lu text (text/plain) whose utterances are the dataset' });

/** A .lu body's labelled utterances in the batch format; a JSON body as it came. */
async function datasetOf(body: unknown): Promise<unknown> {
  if (typeof body !== 'string') return body;
  const app = await importedApp(body, 'lu') as { utterances?: Utterance[] };
  return datasetFromUtterances(app.utterances ?? []);
}

export const batchTestRoutes: AuthoringRoutes = (app, context) => {
  const { apps, batchTests } = context;
  const base = '/apps/:appId/versions/:versionId/batchtests';

  async function run(request: any, reply: any, target: BatchTarget) {
    const { app: row } = await appOf(context, request);
    const name = request.query.name ?? `batch test ${new Date(apps.clock.now()).toISOString()}`;
    const result = await batchTests.run(row, target, name, await datasetOf(request.body));
    reply.code(201);
    return result;
  }

  route(app, {
    method: 'POST', url: base, operation: 'batchtests.run', bodyLimit: DATASET_BODY_LIMIT,
    schema: { summary: 'Runs a batch test against the version\'s latest training and keeps it', params: VersionParams, querystring: RunQuery, body: Dataset },
  }, (request, reply) => run(request, reply, { versionId: request.params.versionId }));

  route(app, {
    method: 'POST', url: '/apps/:appId/slots/:slotName/batchtests', operation: 'batchtests.run', bodyLimit: DATASET_BODY_LIMIT,
    schema: { summary: 'Runs a batch test against the version published to a slot; kept with that version', params: SlotParams, querystring: RunQuery, body: Dataset },
  }, (request, reply) => run(request, reply, { slot: request.params.slotName }));

  route(app, { method: 'GET', url: base, operation: 'batchtests.list', schema: { summary: 'The version\'s kept batch tests, newest first', params: VersionParams } },
    async (request) => {
      const { app: row } = await appOf(context, request);
      await apps.versionMeta(row.id, request.params.versionId);
      return batchTests.list(row, request.params.versionId);
    });

  route(app, { method: 'GET', url: `${base}/:testId`, operation: 'batchtests.get', schema: { params: TestParams } },
    async (request) => {
      const { app: row } = await appOf(context, request);
      return batchTests.get(row, request.params.versionId, request.params.testId);
    });

  route(app, { method: 'GET', url: `${base}/:testId/errors`, operation: 'batchtests.errors', schema: { summary: 'The utterances the test got wrong (CSV)', params: TestParams } },
    async (request, reply) => {
      const { app: row } = await appOf(context, request);
      const test = await batchTests.get(row, request.params.versionId, request.params.testId);
      reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="batch-test-${test.id}-errors.csv"`);
      return errorsCsv(test.report.errors);
    });

  route(app, { method: 'DELETE', url: `${base}/:testId`, operation: 'batchtests.delete', schema: { params: TestParams } },
    async (request) => {
      const { app: row } = await appOf(context, request);
      await batchTests.delete(row, request.params.versionId, request.params.testId);
      return OK;
    });
};
