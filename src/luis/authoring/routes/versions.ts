// Versions: list, get, rename, delete, clone, export, import; training and publishing.
import { Type } from '@sinclair/typebox';
import { findVersion, listVersionMeta } from '../../store/versions.ts';
import { regionEndpoint } from '../../../console/views.ts';
import { AppParams, OK, Paging, VersionParams, appOf, created, page, route, type AuthoringRoutes } from '../kit.ts';
import { versionInfo } from '../views.ts';
import type { VersionDoc } from '../../app/document.ts';
import { versionNotFound } from '../../errors.ts';
import { AppBody, FormatQuery, exportedApp, importedApp } from '../app-formats.ts';

const IMPORT_BODY_LIMIT = 20 * 1024 * 1024;

export const versionsRoutes: AuthoringRoutes = (app, context) => {
  const { apps } = context;
  const endpointUrl = (region: string, appId: string) => `${regionEndpoint(context.platform, region)}luis/v2.0/apps/${appId}`;

  route(app, { method: 'GET', url: '/apps/:appId/versions', operation: 'versions.list', schema: { params: AppParams, querystring: Paging } },
    async (request) => {
      const { app: row } = await appOf(context, request);
      const metas = page(await listVersionMeta(apps.db, row.id), request.query);
      const out = [];
      for (const m of metas) {
        const v = await findVersion(apps.db, row.id, m.version_id);
        if (v) out.push(versionInfo(v, JSON.parse(v.content) as VersionDoc, endpointUrl(row.authoring_region, row.id)));
      }
      return out;
    });

  route(app, { method: 'GET', url: '/apps/:appId/versions/:versionId/', operation: 'versions.get', schema: { params: VersionParams } },
    async (request) => {
      const { app: row } = await appOf(context, request);
      const v = await findVersion(apps.db, row.id, request.params.versionId);
      if (!v) throw versionNotFound(row.id, request.params.versionId);
      return versionInfo(v, JSON.parse(v.content) as VersionDoc, endpointUrl(row.authoring_region, row.id));
    });

  route(app, {
    method: 'PUT', url: '/apps/:appId/versions/:versionId/', operation: 'versions.update',
    schema: { summary: 'Renames a version', params: VersionParams, body: Type.Object({ version: Type.String({ maxLength: 1000 }) }) },
  }, async (request) => {
    const { app: row } = await appOf(context, request);
    await apps.renameVersion(row.id, request.params.versionId, request.body.version);
    await context.publishing.refresh(row.id);
    return OK;
  });

  route(app, { method: 'DELETE', url: '/apps/:appId/versions/:versionId/', operation: 'versions.delete', schema: { params: VersionParams } },
    async (request) => {
      const { app: row } = await appOf(context, request);
      await apps.deleteVersion(row.id, request.params.versionId);
      return OK;
    });

  route(app, {
    method: 'POST', url: '/apps/:appId/versions/:versionId/clone', operation: 'versions.clone',
    schema: { params: VersionParams, body: Type.Object({ version: Type.String({ maxLength: 1000 }) }) },
  }, async (request, reply) => {
    const { app: row } = await appOf(context, request);
    await apps.cloneVersion(row.id, request.params.versionId, request.body.version);
    return created(reply, request.body.version);
  });

  route(app, { method: 'GET', url: '/apps/:appId/versions/:versionId/export', operation: 'versions.export', schema: { params: VersionParams, querystring: Type.Object({ format: FormatQuery }) } },
    async (request, reply) => {
      const { app: row } = await appOf(context, request);
      return exportedApp(reply, await apps.exportVersion(row, request.params.versionId), request.query.format);
    });

  route(app, {
    method: 'POST', url: '/apps/:appId/versions/import', operation: 'versions.import', bodyLimit: IMPORT_BODY_LIMIT,
    schema: {
      params: AppParams,
      querystring: Type.Object({ versionId: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })), format: FormatQuery }),
      body: AppBody,
    },
  }, async (request, reply) => {
    const { app: row } = await appOf(context, request);
    return created(reply, await apps.importVersion(row.id, await importedApp(request.body, request.query.format), request.query.versionId));
  });

  route(app, { method: 'POST', url: '/apps/:appId/versions/:versionId/train', operation: 'train.start', schema: { summary: 'Queues training of a version', params: VersionParams } },
    async (request, reply) => {
      const { app: row } = await appOf(context, request);
      const { doc, row: version } = await apps.readDoc(row.id, request.params.versionId);
      reply.code(202);
      return context.training.start(row.id, version.version_id, doc, version);
    });

  route(app, { method: 'GET', url: '/apps/:appId/versions/:versionId/train', operation: 'train.status', schema: { summary: 'Training status of each model', params: VersionParams } },
    async (request) => {
      const { app: row } = await appOf(context, request);
      const { doc, row: version } = await apps.readDoc(row.id, request.params.versionId);
      return context.training.status(doc, version);
    });

  route(app, {
    method: 'POST', url: '/apps/:appId/publish', operation: 'apps.publish',
    schema: {
      summary: 'Publishes a trained version to the staging or production slot',
      params: AppParams,
      body: Type.Object({
        versionId: Type.String({ minLength: 1, maxLength: 128 }),
        isStaging: Type.Optional(Type.Boolean({ default: false })),
        region: Type.Optional(Type.String({ maxLength: 1000, description: 'publishing region(s), comma-separated; default: every publishing region of the authoring region' })),
        directVersionPublish: Type.Optional(Type.Boolean()),
      }),
    },
  }, async (request, reply) => {
    const { app: row } = await appOf(context, request);
    const info = await context.publishing.publish(row, request.body.versionId, request.body.isStaging ?? false, request.body.region);
    reply.code(201);
    return info;
  });

  route(app, { method: 'GET', url: '/apps/:appId/querylogs', operation: 'apps.querylogs', schema: { summary: 'Endpoint queries logged in the last 30 days (CSV)', params: AppParams } },
    async (request, reply) => {
      const { app: row } = await appOf(context, request);
      reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${row.id}_querylogs.csv"`);
      return context.queryLog.csv(row.id);
    });
};

export { OK };
