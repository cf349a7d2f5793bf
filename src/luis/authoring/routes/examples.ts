// Labelled example utterances: add one, add a batch, list, delete.
// Labels are character offsets (end inclusive), as the authoring API has them.
import { Type, type Static } from '@sinclair/typebox';
import { OK, Paging, VersionParams, appOf, byId, page, route, type AuthoringRoutes } from '../kit.ts';
import { takeNumber, type ExampleItem, type VersionDoc } from '../../app/document.ts';
import { upsertExample } from '../../app/edits.ts';
import { validateDoc } from '../../service.ts';
import { badArgument } from '../../errors.ts';
import { ApiError } from '../../../http/errors.ts';
import { predict, tokenize, type EntityLabel, type Model } from '../../../nlu/index.ts';
import { entityPredictions, intentPredictions, tokenIndexer } from '../predictions.ts';

const MAX_BATCH = 100;

const LabelBody = Type.Object({
  entityName: Type.String({ minLength: 1, maxLength: 256 }),
  startCharIndex: Type.Integer({ minimum: 0 }),
  endCharIndex: Type.Integer({ minimum: 0 }),
  role: Type.Optional(Type.String({ maxLength: 256 })),
});
const ExampleBody = Type.Object({
  text: Type.String({ minLength: 1, maxLength: 10_000 }),
  intentName: Type.String({ minLength: 1, maxLength: 256 }),
  entityLabels: Type.Optional(Type.Array(LabelBody, { maxItems: 100 })),
});
type ExampleInput = Static<typeof ExampleBody>;

function toExample(doc: VersionDoc, input: ExampleInput): Omit<ExampleItem, 'id'> {
  const text = input.text.trim();
  // Labels count from the text as sent; the spaces trimmed from its start move them.
  const trimmed = input.text.length - input.text.trimStart().length;
  if (!doc.intents.some((i) => i.name === input.intentName)) throw badArgument(`The intent "${input.intentName}" does not exist in this version.`);
  const labels: EntityLabel[] = (input.entityLabels ?? []).map((l) => ({
    entity: l.entityName, startPos: l.startCharIndex - trimmed, endPos: l.endCharIndex - trimmed, ...(l.role ? { role: l.role } : {}),
  }));
  return { text, intent: input.intentName, entities: nestChildren(doc, labels) };
}

/** Labels of ML children arrive flat; the document nests them under the parent label that contains them. */
function nestChildren(doc: VersionDoc, labels: EntityLabel[]): EntityLabel[] {
  const childNames = new Map<string, Set<string>>();
  const walk = (parent: string, children: Array<{ name: string; children: any[] }>) => {
    for (const c of children) {
      childNames.set(c.name, (childNames.get(c.name) ?? new Set()).add(parent));
      walk(c.name, c.children);
    }
  };
  for (const e of doc.entities) walk(e.name, e.children);
  const sorted = [...labels].sort((a, b) => a.startPos - b.startPos || b.endPos - a.endPos);
  const roots: EntityLabel[] = [];
  const place = (label: EntityLabel, into: EntityLabel[]): boolean => {
    for (const candidate of into) {
      if (label.startPos >= candidate.startPos && label.endPos <= candidate.endPos && candidate !== label) {
        if (place(label, candidate.children ?? [])) return true;
        if (childNames.get(label.entity)?.has(candidate.entity)) {
          (candidate.children ??= []).push(label);
          return true;
        }
      }
    }
    return false;
  };
  for (const label of sorted) if (!place(label, roots)) roots.push(label);
  return roots;
}

/**
 * An example as the authoring API lists it: its labels, and what the version's
 * latest trained model predicts for it (none before the first training), so
 * that a reviewer sees where the model disagrees with the labels.
 */
function labeledUtterance(doc: VersionDoc, u: ExampleItem, model: Model | undefined) {
  const tokens = tokenize(u.text, doc.culture);
  const tokenAt = tokenIndexer(tokens);
  const prediction = model && predict(model, u.text);
  const flat: Array<{ entityName: string; startTokenIndex: number; endTokenIndex: number; role?: string }> = [];
  const walk = (labels: EntityLabel[]) => {
    for (const l of labels) {
      flat.push({ entityName: l.entity, startTokenIndex: tokenAt(l.startPos, false), endTokenIndex: tokenAt(l.endPos, true), ...(l.role ? { role: l.role } : {}) });
      walk(l.children ?? []);
    }
  };
  walk(u.entities);
  return {
    id: u.id, text: u.text, tokenizedText: tokens.map((t) => t.text), intentLabel: u.intent,
    entityLabels: flat,
    intentPredictions: prediction ? intentPredictions(prediction) : [],
    entityPredictions: prediction ? entityPredictions(prediction, tokenAt) : [],
  };
}

export const examplesRoutes: AuthoringRoutes = (app, context) => {
  const { apps } = context;
  const base = '/apps/:appId/versions/:versionId';

  route(app, { method: 'POST', url: `${base}/example`, operation: 'examples.add', schema: { params: VersionParams, body: ExampleBody } }, async (request, reply) => {
    await appOf(context, request);
    const example = await apps.edit(request.params.appId, request.params.versionId, (doc) => upsertExample(doc, toExample(doc, request.body), () => takeNumber(doc)));
    reply.code(201);
    return { UtteranceText: example.text, ExampleId: example.id };
  });

  route(app, {
    method: 'POST', url: `${base}/examples`, operation: 'examples.batch',
    schema: { params: VersionParams, body: Type.Array(ExampleBody, { maxItems: MAX_BATCH, description: `at most ${MAX_BATCH} examples a call, as LUIS` }) },
  }, async (request, reply) => {
    await appOf(context, request);
    // A bad example is reported and the others are kept (207). The whole batch is
    // validated once; only when that fails is each example validated on its own.
    const results = await apps.edit(request.params.appId, request.params.versionId, (doc) => {
      const original = JSON.stringify(doc);
      const apply = (validateEach: boolean) => request.body.map((input: ExampleInput) => {
        const before = validateEach ? JSON.stringify(doc) : '';
        try {
          const example = upsertExample(doc, toExample(doc, input), () => takeNumber(doc));
          if (validateEach) validateDoc(doc);
          return { value: { UtteranceText: example.text, ExampleId: example.id }, hasError: false };
        } catch (err) {
          if (!(err instanceof ApiError)) throw err;
          if (validateEach) Object.assign(doc, JSON.parse(before));
          return { value: { UtteranceText: input.text, ExampleId: 0 }, hasError: true, error: { code: 'FAILED', message: `${input.text}: ${err.message}` } };
        }
      });
      const optimistic = apply(false);
      try {
        validateDoc(doc);
        return optimistic;
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        Object.assign(doc, JSON.parse(original));
        return apply(true);
      }
    });
    reply.code(results.some((r: { hasError: boolean }) => r.hasError) ? 207 : 201);
    return results;
  });

  route(app, { method: 'GET', url: `${base}/examples`, operation: 'examples.list', schema: { params: VersionParams, querystring: Paging } }, async (request) => {
    await appOf(context, request);
    const { doc } = await apps.readDoc(request.params.appId, request.params.versionId);
    // No predictions (rather than no listing) while the model is being retrained after an upgrade.
    const trained = await context.published.versionModel(request.params.appId, request.params.versionId)
      .catch((e) => { if (e instanceof ApiError && e.code === 'ModelUpgrading') return undefined; throw e; });
    const model = typeof trained === 'object' ? trained : undefined;
    return page(doc.utterances, request.query).map((u) => labeledUtterance(doc, u, model));
  });

  route(app, {
    method: 'DELETE', url: `${base}/examples/:exampleId`, operation: 'examples.delete',
    schema: { params: Type.Intersect([VersionParams, Type.Object({ exampleId: Type.Integer({ minimum: 0 }) })]) },
  }, async (request) => {
    await appOf(context, request);
    await apps.edit(request.params.appId, request.params.versionId, (doc) => {
      const example = byId(doc.utterances, request.params.exampleId, 'example');
      doc.utterances = doc.utterances.filter((u) => u !== example);
    });
    return OK;
  });
};
