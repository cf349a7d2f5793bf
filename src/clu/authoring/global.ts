// What the service offers, whatever the project: languages, prebuilt entity
// components, training configuration versions.
import type { FastifyInstance } from 'fastify';
import { ApiVersionQuery, AUTHORING_BASE, gateway } from './kit.ts';
import { CLU_PREBUILTS } from '../project/prebuilts.ts';
import { TRAINING_CONFIG_VERSION } from '../projects.ts';

export async function globalRoutes(app: FastifyInstance): Promise<void> {
  const opts = (op: string) => ({ schema: { querystring: ApiVersionQuery }, config: gateway(op) });
  app.get(`${AUTHORING_BASE}/global/languages`, opts('global.languages'), async () => ({
    value: [{ languageName: 'English', languageCode: 'en' }, { languageName: 'English (United States)', languageCode: 'en-us' }],
  }));
  app.get(`${AUTHORING_BASE}/global/prebuilt-entities`, opts('global.prebuilts'), async () => ({
    value: CLU_PREBUILTS.map((p) => ({ category: p.category, description: p.description, examples: p.examples })),
  }));
  app.get(`${AUTHORING_BASE}/global/training-config-versions`, opts('global.training-config-versions'), async () => ({
    value: [{ trainingConfigVersion: TRAINING_CONFIG_VERSION, modelExpirationDate: '2099-12-31' }],
  }));
}
