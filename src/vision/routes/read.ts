// Read: POST /read/analyze accepts the document and answers 202 with an
// Operation-Location; GET /read/analyzeResults/{id} reports notStarted → running →
// succeeded|failed. Results are visible to the creating resource only, for 48 h.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../../http/errors.ts';
import { speakingAzureErrors } from '../http/api-error.ts';
import { requestBytes } from '../http/request-image.ts';
import * as q from '../http/query.ts';
import { acceptImage, READ_FORMATS, sniffFormat } from '../image/intake.ts';
import { acceptPdf } from '../document/pdf.ts';
import { VisionError } from '../vision-error.ts';
import { READ_MODEL_VERSION } from '../vision-engine.ts';
import type { ReadOperation } from '../read/read-operations.ts';
import { callerOf, gateway, IMAGE_BODY_LIMIT, readByteLimit, type VisionRouteContext } from './context.ts';

/** The results URL as the client addressed this server (keeping any region path prefix). */
function operationLocation(request: FastifyRequest, id: string): string {
  const path = request.originalUrl.split('?')[0].replace(/\/read\/analyze\/?$/, `/read/analyzeResults/${id}`);
  return `${request.protocol}://${request.host}${path}`;
}

function operationBody(op: ReadOperation) {
  return {
    status: op.status,
    createdDateTime: new Date(op.createdAt).toISOString(),
    lastUpdatedDateTime: new Date(op.updatedAt).toISOString(),
    ...(op.status === 'succeeded' ? { analyzeResult: { version: '3.2.0', modelVersion: READ_MODEL_VERSION, readResults: op.readResults ?? [] } } : {}),
  };
}

export function readRoutes(app: FastifyInstance, ctx: VisionRouteContext): void {
  app.post('/read/analyze', { config: gateway('vision.read'), bodyLimit: IMAGE_BODY_LIMIT }, async (request, reply) =>
    speakingAzureErrors('read', request.id, async () => {
      const query = request.query as q.Query;
      const language = q.readLanguage(query);
      q.modelVersion(query, [READ_MODEL_VERSION]);
      const maxBytes = readByteLimit(request);
      const bytes = await requestBytes(request, maxBytes, ctx.imageSource);
      const image = sniffFormat(bytes) === 'Pdf'
        ? await acceptPdf(bytes, maxBytes)
        : await acceptImage(bytes, { maxBytes, formats: READ_FORMATS, documents: ['Pdf'] });
      const pageList = q.pages(query, image.pages);
      const op = await ctx.reads.create(callerOf(request).resource.id);
      void (async () => {
        try {
          await ctx.reads.update(op, { status: 'running' });
          const readResults = await ctx.engine.read(image, pageList, language);
          await ctx.reads.update(op, { status: 'succeeded', readResults });
        } catch (e) {
          const failure = e instanceof VisionError ? { code: e.code, message: e.message } : { code: 'InternalServerError', message: (e as Error).message };
          request.log.warn({ operationId: op.id, failure }, 'read operation failed');
          await ctx.reads.update(op, { status: 'failed', failure }).catch((err) => request.log.error({ err }, 'read operation could not be stored'));
        }
      })();
      return reply.code(202).header('Operation-Location', operationLocation(request, op.id)).send();
    }));

  app.get('/read/analyzeResults/:operationId', { config: gateway('vision.readResult', 'vision-poll') }, async (request) => {
    const { operationId } = request.params as { operationId: string };
    const op = await ctx.reads.find(operationId, callerOf(request).resource.id);
    if (!op) throw new ApiError(404, 'NotFound', `Operation ${operationId} was not found: it does not exist, has expired (results are kept 48 hours), or was created with another resource's key.`);
    return operationBody(op);
  });
}
