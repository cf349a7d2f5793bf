// The first start on an empty database creates a demo account with a LUIS F0,
// a ComputerVision F0 and a Language (TextAnalytics) F0 resource, so that a new
// user can call the APIs at once. The services add their demo data to it (the
// LUIS app and the CLU project are both made from the IoT Lights sample).
import { randomBytes } from 'node:crypto';
import type { Platform } from './platform.ts';
import type { ResourceKeys } from './resources/service.ts';
import type { Account } from './accounts/service.ts';
import { regionEndpoint } from './console/views.ts';

export interface DemoAccount {
  account: Account;
  email: string;
  password: string;
  luis: ResourceKeys & { name: string; region: string };
  vision: ResourceKeys & { name: string; region: string };
  language: ResourceKeys & { name: string; region: string };
  authoringKey: string;
}

/** The public IoT Lights LUIS app (samples/SOURCES.md): the demo's LUIS app and CLU project. */
export const SAMPLE_LUIS_APP_PATH = new URL('./samples/iot-lights.json', import.meta.url);

export const DEMO_EMAIL = 'demo@portico.local';

export async function createDemoAccount(platform: Platform): Promise<DemoAccount> {
  const password = randomBytes(9).toString('base64url');
  const account = await platform.accounts.signUp(DEMO_EMAIL, password);
  const region = platform.config.region;
  const luisRegion = platform.catalog.regionsOf(platform.catalog.kind('LUIS')!).includes(region) ? region : platform.catalog.authoringRegions[0];
  const luis = await platform.resources.create(account.id, { name: 'demo-luis', kind: 'LUIS', tier: 'F0', region: luisRegion });
  const vision = await platform.resources.create(account.id, { name: 'demo-vision', kind: 'ComputerVision', tier: 'F0', region });
  const languageRegion = platform.catalog.regionsOf(platform.catalog.kind('TextAnalytics')!).includes(region) ? region : luisRegion;
  const language = await platform.resources.create(account.id, { name: 'demo-language', kind: 'TextAnalytics', tier: 'F0', region: languageRegion });
  const authoring = await platform.resources.keys(account.id, `LUIS.Authoring.${platform.catalog.authoringRegionOf(luisRegion) ?? luisRegion}`);
  return {
    account, email: DEMO_EMAIL, password,
    luis: { ...luis.keys, name: 'demo-luis', region: luisRegion },
    vision: { ...vision.keys, name: 'demo-vision', region },
    language: { ...language.keys, name: 'demo-language', region: languageRegion },
    authoringKey: authoring.key1,
  };
}

export function describeDemo(platform: Platform, demo: DemoAccount): string[] {
  return [
    'A demo account was created (shown once; sign up for your own any time):',
    `  login:               ${demo.email} / ${demo.password}`,
    `  LUIS authoring key:  ${demo.authoringKey}`,
    `  LUIS endpoint key:   ${demo.luis.key1}  (resource ${demo.luis.name}, ${demo.luis.region}, ${regionEndpoint(platform, demo.luis.region)})`,
    `  Computer Vision key: ${demo.vision.key1}  (resource ${demo.vision.name}, ${demo.vision.region}, ${regionEndpoint(platform, demo.vision.region)})`,
    `  Language key:        ${demo.language.key1}  (resource ${demo.language.name}, ${demo.language.region}, ${regionEndpoint(platform, demo.language.region)})`,
  ];
}
