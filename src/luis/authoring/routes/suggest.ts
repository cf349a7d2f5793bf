// Review endpoint utterances (active learning): the logged queries the
// version's trained model is unsure of, per intent and per entity, and
// dismissing one from the review.
import { Type } from '@sinclair/typebox';
import { Guid, OK, VersionParams, appOf, byId, route, type AuthoringRoutes } from '../kit.ts';
import { suggestions, type ReviewTarget } from '../review.ts';
import { predictedUtterance } from '../predictions.ts';
import { dismissUtterance, dismissedUtterances, recentQueryTexts, utteranceKey } from '../../store/review.ts';
import { badArgument } from '../../errors.ts';

/** How many of the most recent logged queries are weighed for review. */
const QUERIES_WEIGHED = 5_000;

const Take = Type.Object({ take: Type.Optional(Type.Integer({ minimum: 0, maximum: 500, default: 100 })) });
const IntentParams = Type.Intersect([VersionParams, Type.Object({ intentId: Guid('the intent id') })]);
const EntityParams = Type.Intersect([VersionParams, Type.Object({ entityId: Guid('the entity id') })]);

export const suggestRoutes: AuthoringRoutes = (app, context) => {
  const { apps, published } = context;
  const base = '/apps/:appId/versions/:versionId';

  /** The review list for one intent or entity; empty before the version's first training, as LUIS. */
  async function review(appId: string, versionId: string, culture: string, examples: string[], target: ReviewTarget, take: number) {
    const model = await published.versionModel(appId, versionId);
    if (typeof model !== 'object') return [];
    await context.queryLog.flush();
    const [queries, dismissed] = await Promise.all([recentQueryTexts(apps.db, appId, QUERIES_WEIGHED), dismissedUtterances(apps.db, appId, versionId)]);
    const known = new Set(examples.map(utteranceKey));
    const candidates = queries.filter((q) => !known.has(utteranceKey(q)) && !dismissed.has(utteranceKey(q)));
    return suggestions(candidates.map((text) => predictedUtterance(model, text, culture)), target, take);
  }

  /** GET …/intents/{intentId}/suggest and …/entities/{entityId}/suggest: one review, two targets. */
  for (const kind of ['intents', 'entities'] as const) {
    const idParam = kind === 'intents' ? 'intentId' : 'entityId';
    route(app, {
      method: 'GET', url: `${base}/${kind}/:${idParam}/suggest`, operation: `${kind}.suggest`,
      schema: { params: kind === 'intents' ? IntentParams : EntityParams, querystring: Take },
    }, async (request) => {
      const { app: row } = await appOf(context, request);
      const { doc } = await apps.readDoc(row.id, request.params.versionId);
      const target: ReviewTarget = kind === 'intents'
        ? { intent: byId(doc.intents, request.params.intentId, 'intent').name }
        : { entity: byId(doc.entities, request.params.entityId, 'entity').name };
      return review(row.id, request.params.versionId, doc.culture, doc.utterances.map((u) => u.text), target, request.query.take ?? 100);
    });
  }

  route(app, {
    method: 'DELETE', url: `${base}/suggest`, operation: 'suggest.delete',
    schema: { params: VersionParams, body: Type.String({ description: 'the utterance text to remove from the review' }) },
  }, async (request) => {
    const { app: row } = await appOf(context, request);
    await apps.readDoc(row.id, request.params.versionId);
    const text = request.body as string;
    if (text.trim() === '') throw badArgument('The utterance to delete must not be empty.');
    if (text.trim().length > 500) throw badArgument(`The utterance has ${text.trim().length} characters; utterances have at most 500.`);
    await dismissUtterance(apps.db, row.id, request.params.versionId, text, apps.clock.now());
    return OK;
  });
};
