// Domain-specific models (celebrities, landmarks): none is available offline, so
// the list is empty and analysing with a named model says that it does not exist.
import type { FastifyInstance } from 'fastify';
import { speakingAzureErrors } from '../http/api-error.ts';
import { VisionError } from '../vision-error.ts';
import { gateway } from './context.ts';

export function modelsRoutes(app: FastifyInstance): void {
  app.get('/models', { config: gateway('vision.models') }, async () => ({ models: [] }));
  app.post('/models/:model/analyze', { config: gateway('vision.analyzeByDomain') }, async (request) =>
    speakingAzureErrors('v3.2', request.id, async () => {
      const { model } = request.params as { model: string };
      throw new VisionError('InvalidModel', `Model "${model}" is not available: this server has no domain-specific models (GET /models lists none).`);
    }));
}
