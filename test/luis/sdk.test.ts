// The official clients, unmodified, against a local Portico: the LUIS
// authoring SDK (3.0.1) builds, trains and publishes an app; the runtime SDKs
// (5.0.0 for v3.0, 2.0.0 for v2.0) and Bot Framework's LuisRecognizer query it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ApiKeyCredentials } from '@azure/ms-rest-js';
import { LUISAuthoringClient } from '@azure/cognitiveservices-luis-authoring';
import { LUISRuntimeClient } from '@azure/cognitiveservices-luis-runtime';
import { LUISRuntimeClient as LUISRuntimeClientV2 } from 'luis-runtime-v2';
import { LuisRecognizer } from 'botbuilder-ai';
import { TestAdapter, TurnContext } from 'botbuilder-core';
import type { TestServer } from '../support/server.ts';
import { endpointResource, luisUser, startFastLuisServer, type LuisUser } from './support.ts';

const credentials = (key: string) => new ApiKeyCredentials({ inHeader: { 'Ocp-Apim-Subscription-Key': key } });

describe('the official LUIS SDKs against Portico', () => {
  let server: TestServer;
  let user: LuisUser;
  let endpointKey: string;
  let appId: string;
  const versionId = '0.1';

  before(async () => {
    // The SDK makes its calls back to back; the default authoring rate (5/s) would 429 them.
    server = await startFastLuisServer();
    user = await luisUser(server);
    endpointKey = (await endpointResource(server, user, 'sdk-endpoint')).key;
  });
  after(async () => server?.close());

  it('authoring SDK 3.0.1: creates an app, adds intents, entities and labelled examples, trains, polls and publishes', async () => {
    const client = new LUISAuthoringClient(credentials(user.authoring.westus), server.url);
    // Operations answering a bare value (an id) give it as `body`, as ms-rest-js does.
    appId = (await client.apps.add({ name: 'SDK Lights', culture: 'en-us', initialVersionId: versionId, description: 'made by the SDK' })).body;
    assert.match(appId, /^[0-9a-f-]{36}$/);

    await client.model.addIntent(appId, versionId, { name: 'TurnOn' });
    await client.model.addIntent(appId, versionId, { name: 'TurnOff' });
    const roomId = (await client.model.addEntity(appId, versionId, { name: 'Room' })).body;
    await client.model.addClosedList(appId, versionId, { name: 'Device', subLists: [{ canonicalForm: 'light', list: ['lights', 'lamp', 'lamps'] }, { canonicalForm: 'fan', list: ['fans'] }] });
    await client.model.addPrebuilt(appId, versionId, ['number']);

    const rooms = ['kitchen', 'bedroom', 'living room', 'office', 'garage', 'hall'];
    const examples = rooms.flatMap((room) => [
      { text: `turn on the light in the ${room}`, intentName: 'TurnOn' },
      { text: `switch on the ${room} lamp`, intentName: 'TurnOn' },
      { text: `turn off the light in the ${room}`, intentName: 'TurnOff' },
      { text: `switch off the ${room} lamp`, intentName: 'TurnOff' },
    ]).map((e) => {
      const room = rooms.find((r) => e.text.includes(r))!;
      const start = e.text.indexOf(room);
      return { ...e, entityLabels: [{ entityName: 'Room', startCharIndex: start, endCharIndex: start + room.length - 1 }] };
    });
    const batch = await client.examples.batch(appId, versionId, examples);
    assert.equal(batch.length, examples.length);
    assert.ok(batch.every((r) => !r.hasError), JSON.stringify(batch.find((r) => r.hasError)));
    const one = await client.examples.add(appId, versionId, { text: 'what is the weather', intentName: 'None' });
    assert.equal(one.utteranceText, 'what is the weather');

    const intents = await client.model.listIntents(appId, versionId);
    assert.deepEqual(intents.map((i) => i.name).sort(), ['None', 'TurnOff', 'TurnOn']);
    const room = await client.model.getEntity(appId, versionId, roomId);
    assert.equal(room.name, 'Room');
    const listed = await client.examples.list(appId, versionId, { take: 500 });
    assert.equal(listed.length, examples.length + 1);

    const queued = await client.train.trainVersion(appId, versionId);
    assert.ok(['Queued', 'InProgress', 'UpToDate', 'Success'].includes(queued.status!), queued.status);
    let status = await client.train.getStatus(appId, versionId);
    for (let i = 0; i < 300 && status.some((m) => m.details!.status === 'Queued' || m.details!.status === 'InProgress'); i++) {
      await new Promise((r) => setTimeout(r, 100));
      status = await client.train.getStatus(appId, versionId);
    }
    assert.ok(status.length >= 3);
    assert.ok(status.every((m) => m.details!.status === 'Success'), JSON.stringify(status));

    const published = await client.apps.publish(appId, { versionId, isStaging: false });
    assert.equal(published.isStaging, false);
    assert.match(published.endpointUrl!, new RegExp(`/luis/v2.0/apps/${appId}$`));

    await client.azureAccounts.assignToApp(appId, { azureAccountInfoObject: { azureSubscriptionId: 'sub', resourceGroup: 'rg', accountName: 'sdk-endpoint' } });
    const assigned = await client.azureAccounts.getAssigned(appId);
    assert.deepEqual(assigned.map((a) => a.accountName), ['sdk-endpoint']);

    const info = await client.apps.get(appId);
    assert.equal(info.name, 'SDK Lights');
    assert.equal(info.activeVersion, versionId);
  });

  it('runtime SDK 5.0.0 (v3.0): predicts the intent and entities with an assigned endpoint key', async () => {
    const client = new LUISRuntimeClient(credentials(endpointKey), server.url);
    const result = await client.prediction.getSlotPrediction(appId, 'production', { query: 'turn on the light in the kitchen' }, { verbose: true, showAllIntents: true });
    assert.equal(result.prediction.topIntent, 'TurnOn');
    assert.equal(Object.keys(result.prediction.intents).length, 3);
    assert.deepEqual((result.prediction.entities as any).Device, [['light']]);
    assert.ok((result.prediction.entities as any).$instance.Device[0].startIndex === 12);
  });

  it('runtime SDK 5.0.0 (v3.0): predicts with a version by its id', async () => {
    const client = new LUISRuntimeClient(credentials(endpointKey), server.url);
    const result = await client.prediction.getVersionPrediction(appId, versionId, { query: 'switch off the garage lamp' }, { showAllIntents: true });
    assert.equal(result.prediction.topIntent, 'TurnOff');
    assert.equal(Object.keys(result.prediction.intents).length, 3);
  });

  it('runtime SDK 2.0.0 (v2.0): resolves the top intent and entities with positions', async () => {
    // The 2.0.0 SDK pins an older ms-rest-js whose credential type is the same shape under another path.
    const client = new LUISRuntimeClientV2(credentials(endpointKey) as unknown as ConstructorParameters<typeof LUISRuntimeClientV2>[0], server.url);
    const result = await client.prediction.resolve(appId, 'switch off the bedroom lamp', { verbose: true });
    assert.equal(result.topScoringIntent!.intent, 'TurnOff');
    assert.equal(result.intents!.length, 3);
    const device = result.entities!.find((e) => e.type === 'Device');
    assert.ok(device, JSON.stringify(result.entities));
    assert.equal(device.startIndex, 23);
    assert.equal(device.endIndex, 26);
  });

  it("Bot Framework's LuisRecognizer (v2 and v3 options) recognizes an utterance", async () => {
    for (const apiVersion of ['v2', 'v3'] as const) {
      const recognizer = new LuisRecognizer(
        { applicationId: appId, endpointKey, endpoint: server.url },
        apiVersion === 'v3' ? { apiVersion: 'v3', includeAllIntents: true } : { includeAllIntents: true },
      );
      const context = new TurnContext(new TestAdapter(), { type: 'message', text: 'turn off the light in the garage', channelId: 'test', from: { id: 'u', name: 'u' }, conversation: { id: 'c', name: 'c', isGroup: false }, recipient: { id: 'b', name: 'b' } } as any);
      const result = await recognizer.recognize(context);
      assert.equal(LuisRecognizer.topIntent(result), 'TurnOff', `${apiVersion}: ${JSON.stringify(result.intents)}`);
    }
  });

  it('authoring SDK 3.0.1: reviews logged endpoint utterances for an intent and an entity, and dismisses one', async () => {
    const runtime = new LUISRuntimeClient(credentials(endpointKey), server.url);
    for (const query of ['lamp', 'kitchen please', 'switch the office']) {
      await runtime.prediction.getSlotPrediction(appId, 'production', { query }, { log: true });
    }
    const client = new LUISAuthoringClient(credentials(user.authoring.westus), server.url);
    const intents = await client.model.listIntents(appId, versionId);
    const turnOn = intents.find((i) => i.name === 'TurnOn')!;
    const suggested = await client.model.listIntentSuggestions(appId, versionId, turnOn.id!, { take: 10 });
    assert.ok(Array.isArray(suggested));
    for (const s of suggested) assert.equal(s.intentPredictions![0].name, 'TurnOn');
    const room = (await client.model.listEntities(appId, versionId)).find((e) => e.name === 'Room')!;
    assert.ok(Array.isArray(await client.model.listEntitySuggestions(appId, versionId, room.id!)));
    const dismissed = await client.versions.deleteUnlabelledUtterance(appId, versionId, 'lamp');
    assert.equal(dismissed.code, 'Success');
  });
});
