// Patterns (pattern rules): add one or a batch, list, update one or a batch, delete.
import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import { OK, Paging, VersionParams, Guid, appOf, byId, page, route, type AuthoringRoutes } from '../kit.ts';
import type { VersionDoc } from '../../app/document.ts';
import { badArgument } from '../../errors.ts';

const PatternBody = Type.Object({ pattern: Type.String({ minLength: 1, maxLength: 10_000 }), intent: Type.String({ minLength: 1, maxLength: 256 }) });
const PatternUpdate = Type.Object({ id: Guid('the pattern id'), pattern: Type.String({ minLength: 1, maxLength: 10_000 }), intent: Type.String({ minLength: 1, maxLength: 256 }) });
const MAX_BATCH = 500;

function checkIntent(doc: VersionDoc, intent: string): void {
  if (!doc.intents.some((i) => i.name === intent)) throw badArgument(`The intent "${intent}" does not exist in this version.`);
}

function add(doc: VersionDoc, body: { pattern: string; intent: string }) {
  checkIntent(doc, body.intent);
  if (doc.patterns.some((p) => p.pattern === body.pattern)) throw badArgument(`The pattern "${body.pattern}" already exists.`);
  const item = { id: randomUUID(), pattern: body.pattern, intent: body.intent };
  doc.patterns.push(item);
  return item;
}

function update(doc: VersionDoc, id: string, body: { pattern: string; intent: string }) {
  const item = byId(doc.patterns, id, 'pattern');
  checkIntent(doc, body.intent);
  if (doc.patterns.some((p) => p !== item && p.pattern === body.pattern)) throw badArgument(`The pattern "${body.pattern}" already exists.`);
  item.pattern = body.pattern;
  item.intent = body.intent;
  return item;
}

export const patternsRoutes: AuthoringRoutes = (app, context) => {
  const { apps } = context;
  const base = '/apps/:appId/versions/:versionId';
  const edit = <T>(request: any, change: (doc: VersionDoc) => T) => apps.edit(request.params.appId, request.params.versionId, change);
  const PatternParams = Type.Intersect([VersionParams, Type.Object({ patternId: Guid('the pattern id') })]);

  route(app, { method: 'POST', url: `${base}/patternrule`, operation: 'patterns.add', schema: { params: VersionParams, body: PatternBody } }, async (request, reply) => {
    await appOf(context, request);
    reply.code(201);
    return edit(request, (doc) => add(doc, request.body));
  });
  route(app, { method: 'POST', url: `${base}/patternrules`, operation: 'patterns.batchAdd', schema: { params: VersionParams, body: Type.Array(PatternBody, { maxItems: MAX_BATCH }) } }, async (request, reply) => {
    await appOf(context, request);
    reply.code(201);
    return edit(request, (doc) => request.body.map((b: any) => add(doc, b)));
  });
  route(app, { method: 'GET', url: `${base}/patternrules`, operation: 'patterns.list', schema: { params: VersionParams, querystring: Paging } }, async (request) => {
    await appOf(context, request);
    return page((await apps.readDoc(request.params.appId, request.params.versionId)).doc.patterns, request.query);
  });
  route(app, { method: 'PUT', url: `${base}/patternrules`, operation: 'patterns.batchUpdate', schema: { params: VersionParams, body: Type.Array(PatternUpdate, { maxItems: MAX_BATCH }) } }, async (request) => {
    await appOf(context, request);
    return edit(request, (doc) => request.body.map((b: any) => update(doc, b.id, b)));
  });
  route(app, { method: 'DELETE', url: `${base}/patternrules`, operation: 'patterns.batchDelete', schema: { params: VersionParams, body: Type.Array(Guid('a pattern id'), { maxItems: MAX_BATCH }) } }, async (request) => {
    await appOf(context, request);
    await edit(request, (doc) => {
      for (const id of request.body) byId(doc.patterns, id, 'pattern');
      const gone = new Set(request.body.map((id: string) => id.toLowerCase()));
      doc.patterns = doc.patterns.filter((p) => !gone.has(p.id.toLowerCase()));
    });
    return OK;
  });
  route(app, { method: 'PUT', url: `${base}/patternrules/:patternId`, operation: 'patterns.update', schema: { params: PatternParams, body: PatternBody } }, async (request) => {
    await appOf(context, request);
    return edit(request, (doc) => update(doc, request.params.patternId, request.body));
  });
  route(app, { method: 'DELETE', url: `${base}/patternrules/:patternId`, operation: 'patterns.delete', schema: { params: PatternParams } }, async (request) => {
    await appOf(context, request);
    await edit(request, (doc) => {
      const item = byId(doc.patterns, request.params.patternId, 'pattern');
      doc.patterns = doc.patterns.filter((p) => p !== item);
    });
    return OK;
  });
};
