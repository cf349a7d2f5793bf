// The authoring API v3.0-preview (/luis/authoring/v3.0-preview), what the
// Bot Framework CLI and the 4.x authoring SDK call: the v2.0 route families
// (same app model, training and publishing) plus the operations only v3 has.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AuthoringApp, AuthoringContext, AuthoringRoutes } from '../authoring/kit.ts';
import { ROUTES } from '../authoring/plugin.ts';
import { modelFeaturesRoutes } from './routes/model-features.ts';
import { mlChildrenRoutes } from './routes/ml-children.ts';

const V3_ROUTES: AuthoringRoutes[] = [...ROUTES, modelFeaturesRoutes, mlChildrenRoutes];

export async function authoringV3Plugin(app: FastifyInstance, context: AuthoringContext): Promise<void> {
  const typed = app.withTypeProvider<TypeBoxTypeProvider>() as unknown as AuthoringApp;
  for (const routes of V3_ROUTES) routes(typed, context);
}
