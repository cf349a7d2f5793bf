// Phrase lists, pattern (regular expression) features, the features listing,
// and a version's settings.
import { Type } from '@sinclair/typebox';
import { OK, Paging, VersionParams, appOf, byId, created, page, route, type AuthoringRoutes } from '../kit.ts';
import { takeNumber, type PhraseListItem, type VersionDoc } from '../../app/document.ts';
import type { RegexFeatureDef } from '../../../nlu/index.ts';
import { checkName } from '../../app/edits.ts';
import { badArgument, itemNotFound } from '../../errors.ts';

const PhraseListBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 256 }),
  phrases: Type.String({ maxLength: 1_000_000, description: 'comma-separated phrases' }),
  isExchangeable: Type.Optional(Type.Boolean({ default: true })),
  enabledForAllModels: Type.Optional(Type.Boolean({ default: true })),
});
const PhraseListUpdate = Type.Partial(Type.Object({
  name: Type.String({ minLength: 1, maxLength: 256 }),
  phrases: Type.String({ maxLength: 1_000_000 }),
  isActive: Type.Boolean(),
  isExchangeable: Type.Boolean(),
  enabledForAllModels: Type.Boolean(),
}));

const words = (phrases: string) => phrases.split(',').map((w) => w.trim()).filter(Boolean);

function info(p: PhraseListItem) {
  return { id: p.id, name: p.name, phrases: p.words.join(','), isExchangeable: p.mode, isActive: p.activated, enabledForAllModels: p.enabledForAllModels };
}

function checkFree(doc: VersionDoc, name: string, except?: PhraseListItem): void {
  checkName('phrase list', name);
  if (doc.phraselists.some((p) => p !== except && p.name.toLowerCase() === name.toLowerCase())) throw badArgument(`A phrase list named "${name}" already exists.`);
}

/**
 * Pattern features (deprecated in LUIS, kept by old apps as `regex_features`): a
 * named regular expression the model uses as a feature. Their ids are their
 * positions, 1-based, as the features listing gives them.
 */
const PatternFeatureBody = Type.Object({ name: Type.String({ minLength: 1, maxLength: 256 }), pattern: Type.String({ minLength: 1, maxLength: 1000 }) });
const PatternFeatureUpdate = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })), pattern: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })), isActive: Type.Optional(Type.Boolean()),
});
const patternInfo = (r: RegexFeatureDef, i: number) => ({ id: i + 1, name: r.name, pattern: r.pattern, isActive: r.activated });

function patternFeature(doc: VersionDoc, id: number): RegexFeatureDef {
  const feature = doc.regexFeatures[id - 1];
  if (!feature) throw itemNotFound('pattern feature', id);
  return feature;
}

function checkPatternFeature(doc: VersionDoc, feature: { name: string; pattern: string }, except?: RegexFeatureDef): void {
  checkName('pattern feature', feature.name);
  if (doc.regexFeatures.some((r) => r !== except && r.name.toLowerCase() === feature.name.toLowerCase())) throw badArgument(`A pattern feature named "${feature.name}" already exists.`);
  try {
    new RegExp(feature.pattern);
  } catch (e) {
    throw badArgument(`The pattern of "${feature.name}" is not a valid regular expression: ${(e as Error).message}`);
  }
}

export const featuresRoutes: AuthoringRoutes = (app, context) => {
  const { apps } = context;
  const base = '/apps/:appId/versions/:versionId';
  const PhraseListParams = Type.Intersect([VersionParams, Type.Object({ phraselistId: Type.Integer({ minimum: 0 }) })]);

  route(app, { method: 'POST', url: `${base}/phraselists`, operation: 'phraselists.add', schema: { params: VersionParams, body: PhraseListBody } }, async (request, reply) => {
    await appOf(context, request);
    const id = await apps.edit(request.params.appId, request.params.versionId, (doc) => {
      checkFree(doc, request.body.name);
      const list: PhraseListItem = {
        id: takeNumber(doc), name: request.body.name, words: words(request.body.phrases), mode: request.body.isExchangeable ?? true,
        activated: true, enabledForAllModels: request.body.enabledForAllModels ?? true,
      };
      doc.phraselists.push(list);
      return list.id;
    });
    return created(reply, id);
  });
  route(app, { method: 'GET', url: `${base}/phraselists`, operation: 'phraselists.list', schema: { params: VersionParams, querystring: Paging } }, async (request) => {
    await appOf(context, request);
    return page((await apps.readDoc(request.params.appId, request.params.versionId)).doc.phraselists, request.query).map(info);
  });
  route(app, { method: 'GET', url: `${base}/phraselists/:phraselistId`, operation: 'phraselists.get', schema: { params: PhraseListParams } }, async (request) => {
    await appOf(context, request);
    return info(byId((await apps.readDoc(request.params.appId, request.params.versionId)).doc.phraselists, request.params.phraselistId, 'phrase list'));
  });
  route(app, { method: 'PUT', url: `${base}/phraselists/:phraselistId`, operation: 'phraselists.update', schema: { params: PhraseListParams, body: PhraseListUpdate } }, async (request) => {
    await appOf(context, request);
    await apps.edit(request.params.appId, request.params.versionId, (doc) => {
      const list = byId(doc.phraselists, request.params.phraselistId, 'phrase list');
      const b = request.body;
      if (b.name !== undefined && b.name !== list.name) {
        checkFree(doc, b.name, list);
        for (const m of [...doc.intents, ...doc.entities]) m.features = m.features.map((f) => (f.kind === 'phraselist' && f.name === list.name ? { ...f, name: b.name! } : f));
        list.name = b.name;
      }
      if (b.phrases !== undefined) list.words = words(b.phrases);
      if (b.isActive !== undefined) list.activated = b.isActive;
      if (b.isExchangeable !== undefined) list.mode = b.isExchangeable;
      if (b.enabledForAllModels !== undefined) list.enabledForAllModels = b.enabledForAllModels;
    });
    return OK;
  });
  route(app, { method: 'DELETE', url: `${base}/phraselists/:phraselistId`, operation: 'phraselists.delete', schema: { params: PhraseListParams } }, async (request) => {
    await appOf(context, request);
    await apps.edit(request.params.appId, request.params.versionId, (doc) => {
      const list = byId(doc.phraselists, request.params.phraselistId, 'phrase list');
      doc.phraselists = doc.phraselists.filter((p) => p !== list);
      for (const m of [...doc.intents, ...doc.entities]) m.features = m.features.filter((f) => !(f.kind === 'phraselist' && f.name === list.name));
    });
    return OK;
  });
  route(app, { method: 'GET', url: `${base}/features`, operation: 'features.list', schema: { params: VersionParams, querystring: Paging } }, async (request) => {
    await appOf(context, request);
    const { doc } = await apps.readDoc(request.params.appId, request.params.versionId);
    return {
      phraselistFeatures: page(doc.phraselists, request.query).map(info),
      patternFeatures: doc.regexFeatures.map(patternInfo),
    };
  });

  const PatternParams = Type.Intersect([VersionParams, Type.Object({ patternId: Type.Integer({ minimum: 1 }) })]);
  route(app, { method: 'POST', url: `${base}/patterns`, operation: 'patternfeatures.add', schema: { params: VersionParams, body: PatternFeatureBody } }, async (request, reply) => {
    await appOf(context, request);
    const id = await apps.edit(request.params.appId, request.params.versionId, (doc) => {
      checkPatternFeature(doc, request.body);
      return doc.regexFeatures.push({ name: request.body.name, pattern: request.body.pattern, activated: true });
    });
    return created(reply, id);
  });
  route(app, { method: 'GET', url: `${base}/patterns`, operation: 'patternfeatures.list', schema: { params: VersionParams, querystring: Paging } }, async (request) => {
    await appOf(context, request);
    const { doc } = await apps.readDoc(request.params.appId, request.params.versionId);
    return page(doc.regexFeatures.map(patternInfo), request.query);
  });
  route(app, { method: 'GET', url: `${base}/patterns/:patternId`, operation: 'patternfeatures.get', schema: { params: PatternParams } }, async (request) => {
    await appOf(context, request);
    const { doc } = await apps.readDoc(request.params.appId, request.params.versionId);
    return patternInfo(patternFeature(doc, request.params.patternId), request.params.patternId - 1);
  });
  route(app, { method: 'PUT', url: `${base}/patterns/:patternId`, operation: 'patternfeatures.update', schema: { params: PatternParams, body: PatternFeatureUpdate } }, async (request) => {
    await appOf(context, request);
    await apps.edit(request.params.appId, request.params.versionId, (doc) => {
      const feature = patternFeature(doc, request.params.patternId);
      const next = { name: request.body.name ?? feature.name, pattern: request.body.pattern ?? feature.pattern };
      checkPatternFeature(doc, next, feature);
      Object.assign(feature, next, request.body.isActive === undefined ? {} : { activated: request.body.isActive });
    });
    return OK;
  });
  route(app, { method: 'DELETE', url: `${base}/patterns/:patternId`, operation: 'patternfeatures.delete', schema: { params: PatternParams } }, async (request) => {
    await appOf(context, request);
    await apps.edit(request.params.appId, request.params.versionId, (doc) => {
      const feature = patternFeature(doc, request.params.patternId);
      doc.regexFeatures = doc.regexFeatures.filter((r) => r !== feature);
    });
    return OK;
  });

  route(app, { method: 'GET', url: `${base}/settings`, operation: 'versions.settings.get', schema: { params: VersionParams } }, async (request) => {
    await appOf(context, request);
    return (await apps.readDoc(request.params.appId, request.params.versionId)).doc.settings;
  });
  route(app, {
    method: 'PUT', url: `${base}/settings`, operation: 'versions.settings.update',
    schema: { params: VersionParams, body: Type.Array(Type.Object({ name: Type.String({ minLength: 1, maxLength: 128 }), value: Type.String({ maxLength: 1000 }) }), { maxItems: 50 }) },
  }, async (request) => {
    await appOf(context, request);
    await apps.edit(request.params.appId, request.params.versionId, (doc) => {
      for (const s of request.body) {
        const existing = doc.settings.find((x) => x.name.toLowerCase() === s.name.toLowerCase());
        if (existing) existing.value = s.value;
        else doc.settings.push({ name: s.name, value: s.value });
      }
    });
    return OK;
  });
};
