// POST /language/:analyze-conversations — a Conversation task against a
// deployment of a project of the caller's Language resource. The async
// conversation jobs (summarization, PII) are routed and refused: Portico has
// no engine for them.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { MAX_QUERY_LENGTH, PredictionInputError, predict } from '../../nlu/index.ts';
import { ApiError, badRequest } from '../../http/errors.ts';
import type { Caller } from '../../gateway/types.ts';
import type { DeployedModels } from './deployed-models.ts';
import { cluPrediction, DEFAULT_STRING_INDEX_TYPE, type StringIndexType } from './response.ts';
import { RUNTIME_API_VERSIONS, requireApiVersion } from '../api-version.ts';
import { checkLanguage } from '../project/assets.ts';
import { LANGUAGE_KINDS } from '../kinds.ts';

/** CLU's limit on a query (the prediction side; authoring utterances stop at 500). */
const MAX_CLU_QUERY = 1000;

const Query = Type.Object({ 'api-version': Type.String() }, { additionalProperties: true });
const Task = Type.Object({
  kind: Type.String({ enum: ['Conversation'] }),
  analysisInput: Type.Object({
    conversationItem: Type.Object({
      id: Type.String({ minLength: 1 }),
      participantId: Type.String({ minLength: 1 }),
      text: Type.String(),
      language: Type.Optional(Type.String()),
      modality: Type.Optional(Type.String()),
      role: Type.Optional(Type.String()),
    }),
  }),
  parameters: Type.Object({
    projectName: Type.String({ minLength: 1 }),
    deploymentName: Type.String({ minLength: 1 }),
    verbose: Type.Optional(Type.Boolean()),
    isLoggingEnabled: Type.Optional(Type.Boolean()),
    stringIndexType: Type.Optional(Type.String({ enum: ['TextElements_v8', 'UnicodeCodePoint', 'Utf16CodeUnit'] })),
    directTarget: Type.Optional(Type.String()),
    targetProjectParameters: Type.Optional(Type.Unknown()),
  }),
});
type TaskBody = typeof Task.static;

export async function analyzeRoutes(app: FastifyInstance, options: { deployed: DeployedModels }): Promise<void> {
  requireApiVersion(app, RUNTIME_API_VERSIONS);
  const gateway = (operation: string) => ({ gateway: { operation, accepts: LANGUAGE_KINDS, meter: 'language' } });

  app.post<{ Body: TaskBody }>('/language/::analyze-conversations', { schema: { querystring: Query, body: Task }, config: gateway('clu.analyze') }, async (request) => {
    const caller = request.caller as Caller;
    const { conversationItem: item } = request.body.analysisInput;
    const { projectName, deploymentName } = request.body.parameters;
    if (item.language) checkLanguage(item.language, 'analysisInput.conversationItem.language');
    if (item.text.trim() === '') throw badRequest('analysisInput.conversationItem.text must not be empty.', 'InvalidArgument');
    const limit = Math.min(MAX_CLU_QUERY, MAX_QUERY_LENGTH);
    if (item.text.length > limit) {
      throw badRequest(`analysisInput.conversationItem.text has ${item.text.length} characters; the limit is ${limit}.`, 'InvalidArgument');
    }
    const deployed = await options.deployed.get(caller.resource.id, projectName, deploymentName);
    if (!deployed) {
      throw new ApiError(404, 'NotFound', `The deployment ${deploymentName} of project ${projectName} could not be found in this Language resource.`);
    }
    let p;
    try {
      p = predict(deployed.model, item.text, {});
    } catch (err) {
      if (err instanceof PredictionInputError || err instanceof RangeError) throw badRequest(err.message, 'InvalidArgument');
      throw err;
    }
    const prediction = cluPrediction(p, deployed, (request.body.parameters.stringIndexType ?? DEFAULT_STRING_INDEX_TYPE) as StringIndexType);
    if ((p.intents[0]?.score ?? 0) < deployed.confidenceThreshold) prediction.topIntent = 'None';
    return { kind: 'ConversationResult', result: { query: item.text, prediction } };
  });

  const refuse = async () => {
    throw badRequest('Conversation analysis jobs (summarization, PII) are not available in Portico: it serves conversational language understanding (POST /language/:analyze-conversations) only.', 'InvalidRequest');
  };
  app.post('/language/analyze-conversations/jobs', { schema: { querystring: Query }, config: gateway('clu.jobs') }, refuse);
  app.get('/language/analyze-conversations/jobs/:jobId', { schema: { querystring: Query }, config: gateway('clu.jobs') }, refuse);
  app.post('/language/analyze-conversations/jobs/:jobId::cancel', { schema: { querystring: Query }, config: gateway('clu.jobs') }, refuse);
}
