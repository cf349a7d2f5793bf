// The authoring SDK 4.x (@azure/cognitiveservices-luis-authoring 4.0.0-preview.3,
// the v3.0-preview API), unmodified, against Portico: .lu import and export,
// model features, PATCH updates, training, publishing, publish settings.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApiKeyCredentials } from '@azure/ms-rest-js';
import { LUISAuthoringClient } from 'luis-authoring-v3';
import type { TestServer } from '../support/server.ts';
import { luisUser, startFastLuisServer, type LuisUser } from './support.ts';

const LU_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'lu');
const credentials = (key: string) => new ApiKeyCredentials({ inHeader: { 'Ocp-Apim-Subscription-Key': key } });

describe('the authoring SDK 4.x (v3.0-preview) against Portico', () => {
  let server: TestServer;
  let user: LuisUser;
  let client: LUISAuthoringClient;
  let appId: string;
  before(async () => {
    server = await startFastLuisServer();
    user = await luisUser(server);
    client = new LUISAuthoringClient(credentials(user.authoring.westus), server.url);
  });
  after(async () => server?.close());

  it('imports a .lu app and exports it as .lu', async () => {
    appId = (await client.apps.importLuFormat(readFileSync(join(LU_DIR, 'pizza.lu'), 'utf8'), { appName: 'SDK4 Pizza' })).body;
    assert.match(appId, /^[0-9a-f-]{36}$/);
    const app = await client.apps.get(appId);
    assert.equal(app.name, 'SDK4 Pizza');
    const lu = await client.versions.exportLuFormat(appId, '0.1');
    const text = await new Response(lu.readableStreamBody as any).text();
    assert.match(text, /^# OrderPizza$/m);
    assert.match(text, /^@ regex orderId = \/PZ\[0-9\]\{5\}\/$/m);
  });

  it('adds, lists, replaces and deletes the features of an intent', async () => {
    const intents = await client.model.listIntents(appId, '0.1');
    const order = intents.find((i) => i.name === 'OrderPizza')!;
    await client.features.addIntentFeature(appId, '0.1', order.id!, { modelName: 'size', isRequired: true });
    let features = await client.model.getIntentFeatures(appId, '0.1', order.id!);
    assert.deepEqual(features.map((f) => [f.modelName, f.isRequired]), [['size', true]]);
    await client.model.replaceIntentFeatures(appId, '0.1', order.id!, [{ modelName: 'address' }, { featureName: 'sizes' }]);
    features = await client.model.getIntentFeatures(appId, '0.1', order.id!);
    assert.deepEqual(features.map((f) => f.modelName ?? f.featureName), ['address', 'sizes']);
    await client.model.deleteIntentFeature(appId, '0.1', order.id!, { featureName: 'sizes' });
    features = await client.model.getIntentFeatures(appId, '0.1', order.id!);
    assert.deepEqual(features.map((f) => f.modelName), ['address']);
  });

  it('renames a machine-learned entity with PATCH, everywhere it is named', async () => {
    const entities = await client.model.listEntities(appId, '0.1');
    const size = entities.find((e) => e.name === 'size')!;
    await client.model.updateEntityChild(appId, '0.1', size.id!, { name: 'pizzaSize' });
    const exported = await client.versions.exportMethod(appId, '0.1');
    assert.ok(exported.entities!.some((e) => e.name === 'pizzaSize'));
    assert.ok(exported.utterances!.some((u) => u.entities!.some((l) => l.entity === 'pizzaSize')));
  });

  it('trains, publishes with directVersionPublish and reads the publish settings', async () => {
    await client.train.trainVersion(appId, '0.1');
    for (let i = 0; i < 600; i++) {
      const status = await client.train.getStatus(appId, '0.1');
      if (status.every((m) => m.details!.status === 'Success' || m.details!.status === 'UpToDate')) break;
      assert.ok(!status.some((m) => m.details!.status === 'Fail'), JSON.stringify(status));
      await new Promise((r) => setTimeout(r, 50));
    }
    const published = await client.apps.publish(appId, { versionId: '0.1', isStaging: false, directVersionPublish: true } as any);
    assert.equal(published.versionId, '0.1');
    const settings = await client.apps.getPublishSettings(appId);
    assert.equal(settings.id, appId);
  });
});
