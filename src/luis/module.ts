// The LUIS-compatible service as a Portico service module: the authoring API,
// the prediction runtime, training off the request path, and the demo app.
import type { FastifyInstance } from 'fastify';
import type { ServiceModule } from '../service-module.ts';
import type { Platform } from '../platform.ts';
import { regionEndpoint } from '../console/views.ts';
import { luisDb } from './store/tables.ts';
import { LuisApps } from './service.ts';
import { AuthorDirectory } from './authors.ts';
import { Trainer } from '../training/trainer.ts';
import { TrainingService } from './training/training-service.ts';
import { PublishedApps } from './runtime/published-apps.ts';
import { Publishing } from './publishing.ts';
import { QueryLog } from './runtime/query-log.ts';
import { BatchTests } from './batch/batch-tests.ts';
import { authoringPlugin } from './authoring/plugin.ts';
import { authoringV3Plugin } from './authoring-v3/plugin.ts';
import { runtimeRoutes } from './runtime/routes.ts';
import { seedDemoApp } from './demo.ts';
import { acceptEmptyJsonBodies } from './json-body.ts';
import { loadBuiltInLexicons } from '../nlu/index.ts';

export interface LuisService {
  apps: LuisApps;
  training: TrainingService;
  publishing: Publishing;
  published: PublishedApps;
  queryLog: QueryLog;
  trainer: Trainer;
  batchTests: BatchTests;
  /** The retraining of models saved by an earlier Portico, started at mount. */
  upgrade?: Promise<void>;
}

export function luisModule(): ServiceModule & { service?: LuisService } {
  let service: LuisService | undefined;
  const module: ServiceModule & { service?: LuisService } = {
    name: 'luis',
    async mount(platform: Platform) {
      // The engine's built-in lexicons (place names) load once per process, about 0.3 s:
      // here, rather than in the first query of an app with learned entities.
      loadBuiltInLexicons();
      const db = luisDb(platform.store.db);
      const apps = new LuisApps(db, platform.catalog, platform.clock);
      const published = new PublishedApps(db, () => platform.clock.now(), platform.bus);
      const trainer = new Trainer();
      const training = new TrainingService(db, platform.clock, trainer);
      const publishing = new Publishing(db, platform.catalog, platform.clock, published, (region) => regionEndpoint(platform, region));
      const queryLog = new QueryLog(db, platform.clock);
      const batchTests = new BatchTests(db, published, platform.clock);
      service = { apps, training, publishing, published, queryLog, trainer, batchTests };
      module.service = service;
      await training.resume((appId, versionId) => apps.readDoc(appId, versionId));
      const authors = new AuthorDirectory(platform.store.db);
      return {
        plugin: async (app: FastifyInstance) => {
          acceptEmptyJsonBodies(app);
          // After an upgrade whose engine reads another model format, stored models are
          // retrained in the background; their apps answer 503 until theirs is done.
          service!.upgrade = training.upgradeStaleModels((appId, versionId) => apps.readDoc(appId, versionId), (appId) => published.changed(appId))
            .then(({ stale, failed }) => {
              if (stale === 0) return;
              app.log.warn(`retrained ${stale - failed.length} of ${stale} LUIS models saved by an earlier version of Portico (from each version's current content)`);
              for (const f of failed) app.log.error(`LUIS model ${f.modelId} could not be retrained: ${f.reason}`);
            }, (err) => app.log.error({ err }, 'retraining models saved by an earlier version of Portico failed'));
          const authoring = { platform, apps, authors, training, publishing, queryLog, published, batchTests: service!.batchTests };
          await app.register(authoringPlugin, { prefix: '/luis/api/v2.0', api: 'v2.0', ...authoring });
          await app.register(authoringV3Plugin, { prefix: '/luis/authoring/v3.0-preview', api: 'v3.0-preview', ...authoring });
          await app.register(runtimeRoutes, { published, queryLog, publishingRegionsOf: (region) => platform.catalog.publishingRegionsOf(region) });
        },
      };
    },
    async seedDemo(platform, demo) {
      if (!service) return [];
      return seedDemoApp(platform, service, demo);
    },
    async close() {
      if (!service) return;
      await service.trainer.close();
      await service.upgrade;
      await service.published.close();
      await service.queryLog.close();
    },
  };
  return module;
}
