// The demo's CLU project: on the first start the IoT Lights sample (a LUIS app)
// is imported into the demo Language resource through the LUIS-to-CLU
// migration, trained and deployed as `production`, so that the printed curl
// answers at once.
import { readFileSync } from 'node:fs';
import type { Platform } from '../platform.ts';
import { SAMPLE_LUIS_APP_PATH, type DemoAccount } from '../demo.ts';
import { regionEndpoint } from '../console/views.ts';
import type { CluProjects } from './projects.ts';

export const DEMO_PROJECT = 'IoTLights';
export const DEMO_DEPLOYMENT = 'production';
const DEMO_MODEL = 'model';
/** The stable runtime version the docs' examples use. */
const API_VERSION = '2023-04-01';

export async function seedDemoProject(platform: Platform, projects: CluProjects, demo: DemoAccount): Promise<string[]> {
  const resource = await platform.resources.get(demo.account.id, demo.language.name);
  await projects.import(resource.id, DEMO_PROJECT, JSON.parse(readFileSync(SAMPLE_LUIS_APP_PATH, 'utf8')), 'Luis');
  await projects.train(resource.id, DEMO_PROJECT, { modelLabel: DEMO_MODEL, trainingMode: 'standard' });
  await projects.idle();
  await projects.deploy({ id: resource.id, accountId: demo.account.id }, DEMO_PROJECT, DEMO_DEPLOYMENT, DEMO_MODEL);
  const body = {
    kind: 'Conversation',
    analysisInput: { conversationItem: { id: '1', participantId: 'user', text: 'turn on the lights' } },
    parameters: { projectName: DEMO_PROJECT, deploymentName: DEMO_DEPLOYMENT },
  };
  return [
    `CLU project "${DEMO_PROJECT}" (the same sample, migrated from LUIS) is trained and deployed as ${DEMO_DEPLOYMENT}; ask it:`,
    `  curl -X POST -H "Ocp-Apim-Subscription-Key: ${demo.language.key1}" -H "Content-Type: application/json" -d '${JSON.stringify(body)}' "${regionEndpoint(platform, demo.language.region)}language/:analyze-conversations?api-version=${API_VERSION}"`,
  ];
}
