// CLU (Azure AI Language, conversational language understanding) as a Portico
// service module: the authoring API and the analyze-conversations runtime,
// on the keys of a Language (TextAnalytics) resource, trained by the NLU
// engine on the shared training thread.
import type { FastifyInstance } from 'fastify';
import type { ServiceModule } from '../service-module.ts';
import type { Platform } from '../platform.ts';
import { loadBuiltInLexicons } from '../nlu/index.ts';
import { Trainer } from '../training/trainer.ts';
import { cluDb } from './store/tables.ts';
import { CluProjects } from './projects.ts';
import { DeployedModels } from './runtime/deployed-models.ts';
import { analyzeRoutes } from './runtime/analyze.ts';
import { authoringPlugin } from './authoring/plugin.ts';
import { seedDemoProject } from './demo.ts';

export interface CluService {
  projects: CluProjects;
  deployed: DeployedModels;
  trainer: Trainer;
}

export function cluModule(): ServiceModule & { service?: CluService } {
  const module: ServiceModule & { service?: CluService } = {
    name: 'clu',
    async mount(platform: Platform) {
      loadBuiltInLexicons();
      const db = cluDb(platform.store.db);
      const deployed = new DeployedModels(db, () => platform.clock.now(), platform.bus);
      const trainer = new Trainer();
      const projects = new CluProjects(db, platform.clock, trainer, (resourceId, project) => deployed.changed(resourceId, project),
        (accountId) => platform.resources.list(accountId));
      module.service = { projects, deployed, trainer };
      await projects.resume();
      return {
        plugin: async (app: FastifyInstance) => {
          await app.register(authoringPlugin, { projects });
          await app.register(analyzeRoutes, { deployed });
        },
      };
    },
    async seedDemo(platform, demo) {
      if (!module.service) throw new Error('the CLU service is not mounted');
      return seedDemoProject(platform, module.service.projects, demo);
    },
    async close() {
      if (!module.service) return;
      await module.service.trainer.close();
      await module.service.projects.idle();
    },
  };
  return module;
}
