// The demo's LUIS app: on the first start the public IoT Lights sample is
// imported for the demo account under a fixed id, trained, published to
// every publishing region, and given the demo LUIS key, so that the printed
// curl answers at once.
import { readFileSync } from 'node:fs';
import type { Platform } from '../platform.ts';
import { SAMPLE_LUIS_APP_PATH, type DemoAccount } from '../demo.ts';
import { regionEndpoint } from '../console/views.ts';
import { assignResource } from './store/apps.ts';
import type { LuisService } from './module.ts';

export const DEMO_APP_ID = 'df67dcdb-c37d-46af-88e1-8b97951ca1c2';

export async function seedDemoApp(platform: Platform, luis: LuisService, demo: DemoAccount): Promise<string[]> {
  const region = platform.catalog.authoringRegionOf(demo.luis.region) ?? demo.luis.region;
  const author = { accountId: demo.account.id, email: demo.email, region };
  const app = await luis.apps.importApp(author, JSON.parse(readFileSync(SAMPLE_LUIS_APP_PATH, 'utf8')), undefined, DEMO_APP_ID);
  const { doc, row } = await luis.apps.readDoc(app.id, app.active_version);
  await luis.training.start(app.id, app.active_version, doc, row);
  await luis.training.idle();
  const resource = await platform.resources.get(demo.account.id, demo.luis.name);
  await assignResource(luis.apps.db, { app_id: app.id, resource_id: resource.id, azure_subscription_id: '', resource_group: '', assigned_at: platform.clock.now() });
  await luis.publishing.publish(app, app.active_version, false, undefined);
  const base = `${regionEndpoint(platform, demo.luis.region)}luis/v2.0/apps/${DEMO_APP_ID}`;
  return [
    `LUIS sample app "${app.name}" (${DEMO_APP_ID}) is trained and published; ask it:`,
    `  curl "${base}?subscription-key=${demo.luis.key1}&verbose=true&timezoneOffset=0&q=turn%20on%20the%20lights"`,
    `  curl -X POST -H "Ocp-Apim-Subscription-Key: ${demo.luis.key1}" -H "Content-Type: application/json" -d '"turn on the lights"' "${base}?verbose=true"`,
  ];
}
