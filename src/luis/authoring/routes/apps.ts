// Apps: create, list, import, get, rename, delete, settings, publish settings, endpoints, cultures.
import { Type } from '@sinclair/typebox';
import { findAccountById } from '../../../store/repos/accounts.ts';
import { countVersions } from '../../store/versions.ts';
import { updateApp } from '../../store/apps.ts';
import { SUPPORTED_CULTURES, type AppRow } from '../../service.ts';
import { regionEndpoint } from '../../../console/views.ts';
import { AppParams, OK, Paging, appOf, created, page, route, type AuthoringContext, type AuthoringRoutes } from '../kit.ts';
import { appInfo } from '../views.ts';
import { AppBody, FormatQuery, importedApp } from '../app-formats.ts';

const IMPORT_BODY_LIMIT = 20 * 1024 * 1024;

export async function appView(context: AuthoringContext, app: AppRow) {
  const owner = await findAccountById(context.platform.store.db, app.owner_account_id);
  return appInfo(app, await countVersions(context.apps.db, app.id), await context.publishing.endpoints(app), owner?.email ?? '');
}

export const appsRoutes: AuthoringRoutes = (app, context) => {
  const { apps, authors } = context;

  route(app, {
    method: 'POST', url: '/apps/', operation: 'apps.add',
    schema: {
      summary: 'Creates a new LUIS app',
      body: Type.Object({
        name: Type.String({ maxLength: 1000 }), culture: Type.String({ maxLength: 16 }),
        description: Type.Optional(Type.String({ maxLength: 10_000 })), domain: Type.Optional(Type.String({ maxLength: 128 })),
        usageScenario: Type.Optional(Type.String({ maxLength: 128 })), initialVersionId: Type.Optional(Type.String({ maxLength: 1000 })),
      }),
    },
  }, async (request, reply) => {
    const row = await apps.createApp(await authors.of(request), request.body);
    reply.header('location', `${regionEndpoint(context.platform, row.authoring_region)}luis/api/v2.0/apps/${row.id}`);
    return created(reply, row.id);
  });

  route(app, { method: 'GET', url: '/apps/', operation: 'apps.list', schema: { summary: 'Lists the apps of the authoring key', querystring: Paging } },
    async (request) => {
      const rows = page(await apps.listApps(await authors.of(request)), request.query);
      return Promise.all(rows.map((row) => appView(context, row)));
    });

  route(app, {
    method: 'POST', url: '/apps/import', operation: 'apps.import', bodyLimit: IMPORT_BODY_LIMIT,
    schema: {
      summary: 'Imports an exported LUIS app (any schema version 2.x to 7.x) as a new app',
      querystring: Type.Object({ appName: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })), format: FormatQuery }),
      body: AppBody,
    },
  }, async (request, reply) => {
    const row = await apps.importApp(await authors.of(request), await importedApp(request.body, request.query.format), request.query.appName);
    return created(reply, row.id);
  });

  route(app, { method: 'GET', url: '/apps/cultures', operation: 'apps.cultures', schema: { summary: 'Supported cultures' } },
    async () => SUPPORTED_CULTURES);
  route(app, { method: 'GET', url: '/apps/domains', operation: 'apps.domains', schema: { summary: 'Available application domains' } },
    async () => []);
  route(app, { method: 'GET', url: '/apps/usagescenarios', operation: 'apps.usagescenarios', schema: { summary: 'Application usage scenarios' } },
    async () => ['IoT', 'Bot', 'Mobile Application', 'Other']);

  route(app, { method: 'GET', url: '/apps/:appId', operation: 'apps.get', schema: { summary: 'One app', params: AppParams } },
    async (request) => appView(context, (await appOf(context, request)).app));

  route(app, {
    method: 'PUT', url: '/apps/:appId', operation: 'apps.update',
    schema: { summary: 'Renames an app or changes its description', params: AppParams, body: Type.Object({ name: Type.String({ maxLength: 1000 }), description: Type.Optional(Type.String({ maxLength: 10_000 })) }) },
  }, async (request) => {
    await apps.renameApp(await authors.of(request), request.params.appId, request.body.name, request.body.description);
    return OK;
  });

  route(app, { method: 'DELETE', url: '/apps/:appId', operation: 'apps.delete', schema: { summary: 'Deletes an app (owner only)', params: AppParams } },
    async (request) => {
      await apps.deleteApp(await authors.of(request), request.params.appId);
      await context.publishing.refresh(request.params.appId.toLowerCase());
      return OK;
    });

  route(app, { method: 'GET', url: '/apps/:appId/settings', operation: 'apps.settings.get', schema: { params: AppParams } },
    async (request) => {
      const { app: row } = await appOf(context, request);
      return { id: row.id, public: row.is_public === 1 };
    });
  route(app, {
    method: 'PUT', url: '/apps/:appId/settings', operation: 'apps.settings.update',
    schema: { params: AppParams, body: Type.Object({ public: Type.Optional(Type.Boolean()) }) },
  }, async (request) => {
    const { app: row } = await appOf(context, request);
    if (request.body.public !== undefined) await updateApp(apps.db, row.id, { is_public: request.body.public ? 1 : 0 });
    return OK;
  });

  route(app, { method: 'GET', url: '/apps/:appId/publishsettings', operation: 'apps.publishsettings.get', schema: { params: AppParams } },
    async (request) => {
      const { app: row } = await appOf(context, request);
      return { id: row.id, ...JSON.parse(row.publish_settings) };
    });
  route(app, {
    method: 'PUT', url: '/apps/:appId/publishsettings', operation: 'apps.publishsettings.update',
    schema: { params: AppParams, body: Type.Object({ sentimentAnalysis: Type.Optional(Type.Boolean()), speech: Type.Optional(Type.Boolean()), spellChecker: Type.Optional(Type.Boolean()) }) },
  }, async (request) => {
    const { app: row } = await appOf(context, request);
    // Only the three settings are kept: other fields of the body are not stored (nor echoed by GET).
    const { sentimentAnalysis, speech, spellChecker } = request.body;
    const changes = Object.fromEntries(Object.entries({ sentimentAnalysis, speech, spellChecker }).filter(([, v]) => v !== undefined));
    await updateApp(apps.db, row.id, { publish_settings: JSON.stringify({ ...JSON.parse(row.publish_settings), ...changes }) });
    return OK;
  });

  route(app, { method: 'GET', url: '/apps/:appId/endpoints', operation: 'apps.endpoints', schema: { summary: 'The prediction URL of each publishing region', params: AppParams } },
    async (request) => {
      const { app: row } = await appOf(context, request);
      const out: Record<string, string> = {};
      for (const region of context.platform.catalog.publishingRegionsOf(row.authoring_region)) {
        out[region] = `${regionEndpoint(context.platform, region)}luis/v2.0/apps/${row.id}`;
      }
      return out;
    });
};
