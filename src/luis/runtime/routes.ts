// The prediction endpoints: v2.0 (GET and POST /luis/v2.0/apps/{appId}),
// v3.0 by slot (/luis/prediction/v3.0/apps/{appId}/slots/{slot}/predict) and by
// version (…/apps/{appId}/versions/{versionId}/predict, the version's latest
// training), and the LUIS container's form of v3.0 (/luis/v3.0/apps/...).
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { MAX_QUERY_LENGTH, PredictionInputError, predict, type PredictOptions, type Prediction } from '../../nlu/index.ts';
import { ApiError } from '../../http/errors.ts';
import type { Caller } from '../../gateway/types.ts';
import type { PublishedApps, RuntimeApp, Slot } from './published-apps.ts';
import { admitQuery, admitVersionQuery, unknownApp } from './access.ts';
import { v2Response } from './v2.ts';
import { v3Response } from './v3.ts';
import { ENDPOINT_KINDS } from './kinds.ts';
import type { QueryLog } from './query-log.ts';

export interface RuntimeContext {
  published: PublishedApps;
  queryLog: QueryLog;
  /** The regions an app authored in a region may be published to (the catalogue's). */
  publishingRegionsOf(authoringRegion: string): readonly string[];
}

type Model = Parameters<typeof predict>[0];
/** Which model answers: the slot's publication, or a version's latest training. */
type ModelChoice = { slot: Slot } | { versionId: string };

const GUID = '^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$';
/**
 * Kinds whose keys query a published app: an endpoint key, the authoring key's
 * starter quota, or a multi-service key (Azure's v2 and v3 runtime take them;
 * authoring does not).
 */
const PREDICTION_KINDS = [...ENDPOINT_KINDS, 'LUIS.Authoring'];
const gateway = (operation: string) => ({ gateway: { operation, accepts: PREDICTION_KINDS, meter: 'prediction' } });
const Bool = Type.Boolean();
const AppParams = Type.Object({ appId: Type.String({ pattern: GUID, description: 'the application id' }) });
const SlotParams = Type.Object({
  appId: Type.String({ pattern: GUID }),
  slotName: Type.String({ pattern: '^([Pp]roduction|[Ss]taging|PRODUCTION|STAGING)$' }),
});
const VersionParams = Type.Object({
  appId: Type.String({ pattern: GUID }),
  versionId: Type.String({ minLength: 1, maxLength: 128, description: 'the version id' }),
});

const V2Query = Type.Object({
  q: Type.Optional(Type.String()),
  verbose: Type.Optional(Bool),
  timezoneOffset: Type.Optional(Type.Number({ minimum: -1440, maximum: 1440 })),
  staging: Type.Optional(Bool),
  log: Type.Optional(Bool),
  spellCheck: Type.Optional(Bool),
  'bing-spell-check-subscription-key': Type.Optional(Type.String()),
  'subscription-key': Type.Optional(Type.String()),
});
const V3Query = Type.Object({
  query: Type.Optional(Type.String()),
  verbose: Type.Optional(Bool),
  'show-all-intents': Type.Optional(Bool),
  log: Type.Optional(Bool),
  'subscription-key': Type.Optional(Type.String()),
});
const V3Body = Type.Object({
  query: Type.String(),
  options: Type.Optional(Type.Object({
    datetimeReference: Type.Optional(Type.String({ maxLength: 64 })),
    preferExternalEntities: Type.Optional(Bool),
  })),
  externalEntities: Type.Optional(Type.Array(Type.Object({
    entityName: Type.String({ minLength: 1, maxLength: 256 }),
    startIndex: Type.Integer({ minimum: 0 }),
    entityLength: Type.Integer({ minimum: 1 }),
    resolution: Type.Optional(Type.Unknown()),
    score: Type.Optional(Type.Number()),
  }), { maxItems: 100 })),
  dynamicLists: Type.Optional(Type.Array(Type.Object({
    listEntityName: Type.String({ minLength: 1, maxLength: 256 }),
    requestLists: Type.Array(Type.Object({
      name: Type.Optional(Type.String()),
      canonicalForm: Type.String({ minLength: 1 }),
      synonyms: Type.Optional(Type.Array(Type.String())),
    }), { maxItems: 1000 }),
  }), { maxItems: 100 })),
});

function checkQuery(q: string | undefined, field: string): string {
  if (q === undefined || q.trim() === '') throw new ApiError(400, 'BadArgument', `${field} must not be empty: send the utterance to predict.`);
  if (q.length > MAX_QUERY_LENGTH) {
    throw new ApiError(414, '414', `${field} has ${q.length} characters; the limit is ${MAX_QUERY_LENGTH}.`);
  }
  return q;
}

function run(model: Model, query: string, options: PredictOptions): Prediction {
  try {
    return predict(model, query, options);
  } catch (err) {
    if (err instanceof PredictionInputError || err instanceof RangeError) throw new ApiError(400, 'BadArgument', err.message);
    throw err;
  }
}

export async function runtimeRoutes(app: FastifyInstance, context: RuntimeContext): Promise<void> {
  const { published, queryLog } = context;

  async function modelFor(caller: Caller, app: RuntimeApp, choice: ModelChoice): Promise<Model> {
    if ('slot' in choice) return admitQuery(caller, app, choice.slot).model;
    admitVersionQuery(caller, app, context.publishingRegionsOf(app.authoringRegion));
    const model = await published.versionModel(app.id, choice.versionId);
    if (!model) throw new ApiError(404, 'NotFound', `Application ${app.id} has no version ${choice.versionId}.`);
    if (model === 'untrained') {
      throw new ApiError(400, 'BadArgument', `Version ${choice.versionId} of application ${app.id} has not been trained: train it (POST /luis/api/v2.0/apps/${app.id}/versions/${choice.versionId}/train) and query it again.`);
    }
    return model;
  }

  async function answer(request: FastifyRequest, appId: string, choice: ModelChoice, query: string, options: PredictOptions, log: boolean, shape: (p: Prediction) => unknown) {
    const caller = request.caller as Caller;
    const entry = await published.get(appId.toLowerCase());
    if (!entry) throw unknownApp(appId);
    const body = shape(run(await modelFor(caller, entry, choice), query, options));
    if (log) queryLog.add({ appId: entry.id, slot: 'slot' in choice ? choice.slot : 'version', region: caller.region, query, response: body });
    return body;
  }

  const v2 = async (request: FastifyRequest<{ Params: { appId: string }; Querystring: typeof V2Query.static }>, q: string | undefined) => {
    const query = checkQuery(q, 'q');
    const verbose = request.query.verbose ?? false;
    return answer(request, request.params.appId, { slot: request.query.staging ? 'staging' : 'production' }, query,
      { timezoneOffset: request.query.timezoneOffset ?? 0, verbose }, request.query.log ?? true, (p) => v2Response(p, verbose));
  };

  app.get('/luis/v2.0/apps/:appId', {
    schema: { params: AppParams, querystring: V2Query }, config: gateway('luis.predict.v2'),
  }, async (request: any) => v2(request, request.query.q));

  app.post('/luis/v2.0/apps/:appId', {
    schema: { params: AppParams, querystring: V2Query, body: Type.String({ maxLength: 100_000 }) }, config: gateway('luis.predict.v2'),
  }, async (request: any) => v2(request, request.body));

  const v3 = async (request: any, query: string | undefined, body?: typeof V3Body.static) => {
    const text = checkQuery(query, 'query');
    const choice: ModelChoice = request.params.versionId !== undefined
      ? { versionId: request.params.versionId }
      : { slot: String(request.params.slotName).toLowerCase() as Slot };
    const verbose = request.query.verbose ?? false;
    const options: PredictOptions = {
      verbose,
      ...(body?.options?.datetimeReference ? { datetimeReference: body.options.datetimeReference } : {}),
      ...(body?.options?.preferExternalEntities !== undefined ? { preferExternalEntities: body.options.preferExternalEntities } : {}),
      ...(body?.externalEntities ? { externalEntities: body.externalEntities } : {}),
      ...(body?.dynamicLists ? { dynamicLists: body.dynamicLists } : {}),
    };
    return answer(request, request.params.appId, choice, text, options, request.query.log ?? false,
      (p) => v3Response(p, { verbose, showAllIntents: request.query['show-all-intents'] ?? false }));
  };

  // By slot and by version, each under the cloud's path and the container's (hidden from the OpenAPI document).
  const targets = [['slots/:slotName', SlotParams], ['versions/:versionId', VersionParams]] as const;
  for (const prefix of ['/luis/prediction/v3.0', '/luis/v3.0']) {
    for (const [target, params] of targets) {
      const url = `${prefix}/apps/:appId/${target}/predict`;
      const hide = prefix !== '/luis/prediction/v3.0';
      app.get(url, { schema: { params, querystring: V3Query, hide }, config: gateway('luis.predict.v3') },
        async (request: any) => v3(request, request.query.query));
      app.post(url, { schema: { params, querystring: V3Query, body: V3Body, hide }, config: gateway('luis.predict.v3') },
        async (request: any) => v3(request, request.body.query, request.body));
    }
  }
}
