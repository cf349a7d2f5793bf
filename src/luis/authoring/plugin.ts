// The authoring API (/luis/api/v2.0): every route family, one module each.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AuthoringApp, AuthoringContext, AuthoringRoutes } from './kit.ts';
import { appsRoutes } from './routes/apps.ts';
import { versionsRoutes } from './routes/versions.ts';
import { intentsRoutes } from './routes/intents.ts';
import { entitiesRoutes } from './routes/entities.ts';
import { examplesRoutes } from './routes/examples.ts';
import { patternsRoutes } from './routes/patterns.ts';
import { featuresRoutes } from './routes/features.ts';
import { accessRoutes } from './routes/access.ts';
import { suggestRoutes } from './routes/suggest.ts';
import { unavailableRoutes } from './routes/unavailable.ts';
import { batchTestRoutes } from '../batch/routes.ts';

/** The route families, shared with the v3.0-preview API wherever its operation is the same. */
export const ROUTES: AuthoringRoutes[] = [appsRoutes, versionsRoutes, intentsRoutes, entitiesRoutes, examplesRoutes, patternsRoutes, featuresRoutes, accessRoutes, suggestRoutes, batchTestRoutes, unavailableRoutes];

export async function authoringPlugin(app: FastifyInstance, context: AuthoringContext): Promise<void> {
  const typed = app.withTypeProvider<TypeBoxTypeProvider>() as unknown as AuthoringApp;
  for (const routes of ROUTES) routes(typed, context);
}
