// v3 model features: the phrase lists and models an intent or a machine-learned
// entity uses as features (`.lu`'s `usesFeature`), listed, added, replaced and removed.
import { Type } from '@sinclair/typebox';
import { OK, VersionParams, Guid, appOf, byId, route, type AuthoringRoutes } from '../../authoring/kit.ts';
import { allEntities, type VersionDoc } from '../../app/document.ts';
import type { FeatureRef } from '../../../nlu/index.ts';
import { badArgument, itemNotFound } from '../../errors.ts';

const FeatureInformation = Type.Object({
  featureName: Type.Optional(Type.String({ minLength: 1, maxLength: 256, description: 'a phrase list' })),
  modelName: Type.Optional(Type.String({ minLength: 1, maxLength: 256, description: 'an entity or intent' })),
  isRequired: Type.Optional(Type.Boolean({ default: false })),
});
type FeatureInformation = { featureName?: string; modelName?: string; isRequired?: boolean };

const view = (f: FeatureRef) => (f.kind === 'phraselist' ? { featureName: f.name, isRequired: f.isRequired } : { modelName: f.name, isRequired: f.isRequired });

/** The feature a body names, checked against the document: one phrase list or one model, not the owner itself. */
function featureRef(doc: VersionDoc, owner: string, body: FeatureInformation): FeatureRef {
  if ((body.featureName === undefined) === (body.modelName === undefined)) throw badArgument('A feature names either featureName (a phrase list) or modelName (an entity or intent), not both or neither.');
  if (body.featureName !== undefined) {
    const list = doc.phraselists.find((p) => p.name === body.featureName);
    if (!list) throw itemNotFound('phrase list', body.featureName);
    return { kind: 'phraselist', name: list.name, isRequired: body.isRequired ?? false };
  }
  const name = body.modelName!;
  if (name === owner) throw badArgument(`"${owner}" cannot be a feature of itself.`);
  if (!allEntities(doc).some(({ item }) => item.name === name) && !doc.intents.some((i) => i.name === name)) throw itemNotFound('model', name);
  return { kind: 'model', name, isRequired: body.isRequired ?? false };
}

const same = (a: FeatureRef, b: FeatureRef) => a.kind === b.kind && a.name === b.name;

export const modelFeaturesRoutes: AuthoringRoutes = (app, context) => {
  const owners = [
    { segment: 'intents', noun: 'intent', items: (doc: VersionDoc) => doc.intents },
    { segment: 'entities', noun: 'entity', items: (doc: VersionDoc) => doc.entities },
  ];
  for (const { segment, noun, items } of owners) {
    const url = `/apps/:appId/versions/:versionId/${segment}/:modelId/features`;
    const params = Type.Intersect([VersionParams, Type.Object({ modelId: Guid(`the ${noun} id`) })]);
    const edit = async (request: any, change: (doc: VersionDoc, owner: { name: string; features: FeatureRef[] }) => void) => {
      await appOf(context, request);
      await context.apps.edit(request.params.appId, request.params.versionId, (doc) => change(doc, byId(items(doc), request.params.modelId, noun)));
      return OK;
    };
    route(app, { method: 'GET', url, operation: `${segment}.features.list`, schema: { params } }, async (request) => {
      await appOf(context, request);
      const { doc } = await context.apps.readDoc(request.params.appId, request.params.versionId);
      return byId(items(doc), request.params.modelId, noun).features.map(view);
    });
    route(app, { method: 'POST', url, operation: `${segment}.features.add`, schema: { params, body: FeatureInformation } }, (request) =>
      edit(request, (doc, owner) => {
        const ref = featureRef(doc, owner.name, request.body);
        if (owner.features.some((f) => same(f, ref))) throw badArgument(`"${ref.name}" is already a feature of "${owner.name}".`);
        owner.features.push(ref);
      }));
    route(app, { method: 'PUT', url, operation: `${segment}.features.replace`, schema: { params, body: Type.Array(FeatureInformation, { maxItems: 500 }) } }, (request) =>
      edit(request, (doc, owner) => {
        const refs = (request.body as FeatureInformation[]).map((b) => featureRef(doc, owner.name, b));
        const twice = refs.find((r, i) => refs.findIndex((o) => same(o, r)) !== i);
        if (twice) throw badArgument(`"${twice.name}" is named twice.`);
        owner.features = refs;
      }));
    route(app, { method: 'DELETE', url, operation: `${segment}.features.delete`, schema: { params, body: FeatureInformation } }, (request) =>
      edit(request, (doc, owner) => {
        const ref = featureRef(doc, owner.name, request.body);
        if (!owner.features.some((f) => same(f, ref))) throw itemNotFound('feature', ref.name);
        owner.features = owner.features.filter((f) => !same(f, ref));
      }));
  }
};
