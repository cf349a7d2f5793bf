// A project's long-running operations with their job states: `:import`
// (CLU's project file or a LUIS app), `:export` (and its result), `:train`
// (listing, status, cancel).
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { ExportedProjectSchema, LABEL_PATTERN } from '../project/assets.ts';
import { jobState, type JobDetail } from '../jobs.ts';
import { accepted, ApiVersionQuery, AUTHORING_BASE, gateway, JobParams, ProjectParams, resourceOf, type AuthoringContext } from './kit.ts';
import { badRequest } from '../../http/errors.ts';
import { Value } from '@sinclair/typebox/value';

const ImportQuery = Type.Object({ 'api-version': Type.String(), format: Type.Optional(Type.String({ enum: ['Conversation', 'Luis'] })) });
const ExportQuery = Type.Object({
  'api-version': Type.String(),
  format: Type.Optional(Type.String({ enum: ['Conversation', 'Luis'] })),
  stringIndexType: Type.String({ enum: ['Utf16CodeUnit'] }),
  assetKind: Type.Optional(Type.String()),
  trainedModelLabel: Type.Optional(Type.String({ pattern: LABEL_PATTERN })),
});
const TrainBody = Type.Object({
  modelLabel: Type.String({ pattern: LABEL_PATTERN }),
  trainingMode: Type.String({ enum: ['standard', 'advanced'] }),
  trainingConfigVersion: Type.Optional(Type.String()),
  evaluationOptions: Type.Optional(Type.Object({
    kind: Type.Optional(Type.String({ enum: ['percentage', 'manual'] })),
    trainingSplitPercentage: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
    testingSplitPercentage: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
  })),
});

/** The first problem of a CLU project file, named by its path (the body's shape depends on `format`, so it is checked here). */
function checkProjectFile(body: unknown): void {
  const first = Value.Errors(ExportedProjectSchema, body).First();
  if (first) throw badRequest(`body${first.path.replace(/\//g, '.')}: ${first.message}`, 'InvalidArgument');
}

export async function projectJobRoutes(app: FastifyInstance, { projects }: AuthoringContext): Promise<void> {
  app.post<{ Params: { projectName: string }; Querystring: typeof ImportQuery.static }>(`${AUTHORING_BASE}/:projectName/::import`, {
    schema: { params: ProjectParams, querystring: ImportQuery, body: Type.Object({}, { additionalProperties: true }) }, config: gateway('import'),
  }, async (request, reply) => {
    const format = request.query.format ?? 'Conversation';
    if (format === 'Conversation') checkProjectFile(request.body);
    return accepted(request, reply, await projects.import(resourceOf(request), request.params.projectName, request.body, format as 'Conversation' | 'Luis'));
  });

  app.get<{ Params: { projectName: string; jobId: string } }>(`${AUTHORING_BASE}/:projectName/import/jobs/:jobId`, {
    schema: { params: JobParams, querystring: ApiVersionQuery }, config: gateway('import.status'),
  }, async (request) => jobState(await projects.job(resourceOf(request), request.params.projectName, 'import', request.params.jobId)));

  app.post<{ Params: { projectName: string }; Querystring: typeof ExportQuery.static }>(`${AUTHORING_BASE}/:projectName/::export`, {
    schema: { params: ProjectParams, querystring: ExportQuery }, config: gateway('export'),
  }, async (request, reply) => {
    if (request.query.format === 'Luis') throw badRequest('format=Luis: Portico exports CLU projects in the Conversation format only.', 'InvalidArgument');
    if (request.query.assetKind !== undefined) throw badRequest('assetKind: Portico exports the whole project; leave assetKind out.', 'InvalidArgument');
    return accepted(request, reply, await projects.export(resourceOf(request), request.params.projectName, request.query.trainedModelLabel));
  });

  app.get<{ Params: { projectName: string; jobId: string } }>(`${AUTHORING_BASE}/:projectName/export/jobs/:jobId`, {
    schema: { params: JobParams, querystring: ApiVersionQuery }, config: gateway('export.status'),
  }, async (request) => {
    const job = await projects.job(resourceOf(request), request.params.projectName, 'export', request.params.jobId);
    const url = new URL(request.originalUrl, 'http://x');
    return jobState(job, `${request.protocol}://${request.host}${url.pathname}/result${url.search}`);
  });

  // Where an export job's resultUrl points: the exported project file.
  app.get<{ Params: { projectName: string; jobId: string } }>(`${AUTHORING_BASE}/:projectName/export/jobs/:jobId/result`, {
    schema: { params: JobParams, querystring: ApiVersionQuery, hide: true }, config: gateway('export.result'),
  }, async (request) => {
    const job = await projects.job(resourceOf(request), request.params.projectName, 'export', request.params.jobId);
    return (JSON.parse(job.detail) as JobDetail).exported;
  });

  app.post<{ Params: { projectName: string }; Body: typeof TrainBody.static }>(`${AUTHORING_BASE}/:projectName/::train`, {
    schema: { params: ProjectParams, querystring: ApiVersionQuery, body: TrainBody }, config: gateway('train'),
  }, async (request, reply) => {
    if (request.body.evaluationOptions) {
      throw badRequest('evaluationOptions: Portico does not evaluate models (no evaluation results are kept); leave evaluationOptions out.', 'InvalidArgument');
    }
    return accepted(request, reply, await projects.train(resourceOf(request), request.params.projectName, request.body));
  });

  app.get<{ Params: { projectName: string } }>(`${AUTHORING_BASE}/:projectName/train/jobs`, {
    schema: { params: ProjectParams, querystring: ApiVersionQuery }, config: gateway('train.list'),
  }, async (request) => ({ value: (await projects.trainingJobs(resourceOf(request), request.params.projectName)).map((j) => jobState(j)) }));

  app.get<{ Params: { projectName: string; jobId: string } }>(`${AUTHORING_BASE}/:projectName/train/jobs/:jobId`, {
    schema: { params: JobParams, querystring: ApiVersionQuery }, config: gateway('train.status'),
  }, async (request) => jobState(await projects.job(resourceOf(request), request.params.projectName, 'train', request.params.jobId)));

  app.post<{ Params: { projectName: string; jobId: string } }>(`${AUTHORING_BASE}/:projectName/train/jobs/:jobId/::cancel`, {
    schema: { params: JobParams, querystring: ApiVersionQuery }, config: gateway('train.cancel'),
  }, async (request, reply) => accepted(request, reply, await projects.cancelTraining(resourceOf(request), request.params.projectName, request.params.jobId)));
}
