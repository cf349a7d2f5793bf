// Intents of a version: add, list, get, rename, delete (examples move to None or go with it).
import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import { NameBody, OK, Paging, VersionParams, Guid, appOf, byId, created, page, route, type AuthoringRoutes } from '../kit.ts';
import { checkIntentNameFree, renameIntentEverywhere } from '../../app/edits.ts';
import { intentInfo } from '../views.ts';
import { badArgument } from '../../errors.ts';

const IntentParams = Type.Intersect([VersionParams, Type.Object({ intentId: Guid('the intent id') })]);

export const intentsRoutes: AuthoringRoutes = (app, context) => {
  const { apps } = context;
  const base = '/apps/:appId/versions/:versionId/intents';

  route(app, { method: 'POST', url: base, operation: 'intents.add', schema: { params: VersionParams, body: NameBody } }, async (request, reply) => {
    await appOf(context, request);
    const id = await apps.edit(request.params.appId, request.params.versionId, (doc) => {
      checkIntentNameFree(doc, request.body.name);
      const intent = { id: randomUUID(), name: request.body.name, features: [] };
      doc.intents.push(intent);
      return intent.id;
    });
    return created(reply, id);
  });

  route(app, { method: 'GET', url: base, operation: 'intents.list', schema: { params: VersionParams, querystring: Paging } }, async (request) => {
    await appOf(context, request);
    const { doc } = await apps.readDoc(request.params.appId, request.params.versionId);
    return page(doc.intents, request.query).map(intentInfo);
  });

  route(app, { method: 'GET', url: `${base}/:intentId`, operation: 'intents.get', schema: { params: IntentParams } }, async (request) => {
    await appOf(context, request);
    const { doc } = await apps.readDoc(request.params.appId, request.params.versionId);
    return intentInfo(byId(doc.intents, request.params.intentId, 'intent'));
  });

  route(app, { method: 'PUT', url: `${base}/:intentId`, operation: 'intents.update', schema: { params: IntentParams, body: NameBody } }, async (request) => {
    await appOf(context, request);
    await apps.edit(request.params.appId, request.params.versionId, (doc) => {
      const intent = byId(doc.intents, request.params.intentId, 'intent');
      if (intent.name === 'None' && request.body.name !== 'None') throw badArgument('The None intent cannot be renamed.');
      checkIntentNameFree(doc, request.body.name, intent.id);
      renameIntentEverywhere(doc, intent.name, request.body.name);
      intent.name = request.body.name;
    });
    return OK;
  });

  route(app, {
    method: 'DELETE', url: `${base}/:intentId`, operation: 'intents.delete',
    schema: { params: IntentParams, querystring: Type.Object({ deleteUtterances: Type.Optional(Type.Boolean({ default: false })) }) },
  }, async (request) => {
    await appOf(context, request);
    await apps.edit(request.params.appId, request.params.versionId, (doc) => {
      const intent = byId(doc.intents, request.params.intentId, 'intent');
      if (intent.name === 'None') throw badArgument('The None intent cannot be deleted.');
      doc.intents = doc.intents.filter((i) => i !== intent);
      if (request.query.deleteUtterances) doc.utterances = doc.utterances.filter((u) => u.intent !== intent.name);
      else for (const u of doc.utterances) if (u.intent === intent.name) u.intent = 'None';
      doc.patterns = doc.patterns.filter((p) => p.intent !== intent.name);
    });
    return OK;
  });

  route(app, { method: 'GET', url: `${base}/:intentId/patternrules`, operation: 'intents.patterns', schema: { params: IntentParams, querystring: Paging } }, async (request) => {
    await appOf(context, request);
    const { doc } = await apps.readDoc(request.params.appId, request.params.versionId);
    const intent = byId(doc.intents, request.params.intentId, 'intent');
    return page(doc.patterns.filter((p) => p.intent === intent.name), request.query);
  });
};
