// The CLU authoring API, /language/authoring/analyze-conversations/projects/...
import type { FastifyInstance } from 'fastify';
import { AUTHORING_API_VERSIONS, requireApiVersion } from '../api-version.ts';
import type { AuthoringContext } from './kit.ts';
import { globalRoutes } from './global.ts';
import { projectRoutes } from './projects.ts';
import { projectJobRoutes } from './project-jobs.ts';
import { deploymentRoutes } from './deployments.ts';

export async function authoringPlugin(app: FastifyInstance, context: AuthoringContext): Promise<void> {
  requireApiVersion(app, AUTHORING_API_VERSIONS);
  // The global routes first: `global` is not a project name.
  await app.register(globalRoutes);
  await app.register(projectRoutes, context);
  await app.register(projectJobRoutes, context);
  await app.register(deploymentRoutes, context);
}
