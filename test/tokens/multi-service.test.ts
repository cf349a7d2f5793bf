// A multi-service resource (kind CognitiveServices) over real HTTP, as Azure
// treats one (docs/tokens.md has the sources): its key and its access tokens
// work on Computer Vision v3.2, Image Analysis 4.0, LUIS prediction (v2.0 and
// v3.0) and CLU prediction, each call metered under the service's own
// operation names; CLU prediction answers from a Language resource's project
// once a deployment is rolled out to it (assignedResourceIds); LUIS authoring
// refuses it as it does endpoint keys, and CLU authoring with 401 in CLU's body.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestServer, type TestServer } from '../support/server.ts';
import { luisModule } from '../../src/luis/module.ts';
import { visionService } from '../../src/vision/service.ts';
import { cluModule } from '../../src/clu/module.ts';
import { stsModule } from '../../src/tokens/sts-module.ts';
import { ENDPOINT_KEY_ON_AUTHORING } from '../../src/luis/errors.ts';
import { assignKey, call, fastAuthoringCatalog, fixture, luisUser, publishedApp, type LuisUser } from '../luis/support.ts';
import { API_VERSION, AUTHORING, deployedProject, homeProject } from '../clu/support.ts';
import { NOT_A_LANGUAGE_KEY } from '../../src/clu/kinds.ts';
import { solid } from '../vision/support/images.ts';
import { readFileSync, writeFileSync } from 'node:fs';

/**
 * The LUIS test catalogue with a faster multi-service rate (an operator may do
 * the same): the calls these tests send back to back would pass 10 a second.
 */
function fastCatalog(): string {
  const path = fastAuthoringCatalog(join(tmpdir(), 'portico-luis-catalogs'));
  const catalog = JSON.parse(readFileSync(path, 'utf8'));
  catalog.kinds.find((k: any) => k.name === 'CognitiveServices').tiers[0].rate.limit = 1000;
  writeFileSync(path, JSON.stringify(catalog));
  return path;
}

describe('multi-service resources', () => {
  let server: TestServer;
  let owner: LuisUser;
  let key: string;
  let languageKey: string;
  let appId: string;
  let png: Buffer;

  const analyzeImage = (headers: Record<string, string>) => server.fetch('/vision/v3.2/analyze?visualFeatures=Color', {
    method: 'POST', headers: { ...headers, 'content-type': 'application/octet-stream' }, body: new Uint8Array(png),
  });
  const analyzeImage4 = (headers: Record<string, string>) => server.fetch('/computervision/imageanalysis:analyze?api-version=2023-10-01&features=tags', {
    method: 'POST', headers: { ...headers, 'content-type': 'application/octet-stream' }, body: new Uint8Array(png),
  });
  const predictV2 = (headers: Record<string, string>) => server.fetch(`/luis/v2.0/apps/${appId}?q=${encodeURIComponent('book a flight to paris')}`, { headers });
  const predictV3 = (headers: Record<string, string>) => server.fetch(`/luis/prediction/v3.0/apps/${appId}/slots/production/predict?query=${encodeURIComponent('book a flight to paris')}`, { headers });
  const cluAnalyze = (headers: Record<string, string>) => server.fetch(`/language/:analyze-conversations?api-version=${API_VERSION}`, {
    method: 'POST', headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ kind: 'Conversation', analysisInput: { conversationItem: { id: '1', participantId: 'user', text: 'turn on the lamp in the kitchen' } }, parameters: { projectName: 'home', deploymentName: 'production' } }),
  });

  before(async () => {
    server = await startTestServer({
      services: [stsModule(), luisModule(), visionService({ workers: 1 }), cluModule()],
      env: { PORTICO_CATALOG: fastCatalog() },
    });
    owner = await luisUser(server);
    const created = await server.api('POST', '/api/resources', { name: 'multi', kind: 'CognitiveServices', tier: 'S0', region: 'westus' }, owner.token);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    key = created.body.key1;
    ({ appId } = await publishedApp(server, owner.authoring.westus, fixture('flight-booking')));
    await assignKey(server, owner.authoring.westus, appId, 'multi');
    const language = await server.api('POST', '/api/resources', { name: 'language', kind: 'TextAnalytics', tier: 'S', region: 'westus' }, owner.token);
    assert.equal(language.status, 201, JSON.stringify(language.body));
    languageKey = language.body.key1;
    await deployedProject(server, languageKey, 'home');
    png = await solid(80, 60, '#3366cc');
  });
  after(async () => server?.close());

  it('is offered by the catalogue with Azure\'s single S0 tier', async () => {
    const catalog = await server.api('GET', '/api/catalog', undefined, owner.token);
    const kind = catalog.body.kinds.find((k: any) => k.name === 'CognitiveServices');
    assert.ok(kind, JSON.stringify(catalog.body.kinds.map((k: any) => k.name)));
    assert.deepEqual(kind.tiers.map((t: any) => t.name), ['S0']);
  });

  it('serves Computer Vision v3.2, Image Analysis 4.0 and LUIS v2.0 and v3.0 prediction with its key', async () => {
    const headers = { 'Ocp-Apim-Subscription-Key': key };
    const vision = await analyzeImage(headers);
    assert.equal(vision.status, 200, await vision.clone().text());
    assert.ok((await vision.json()).color);
    const vision4 = await analyzeImage4(headers);
    assert.equal(vision4.status, 200, await vision4.clone().text());
    assert.ok(Array.isArray((await vision4.json()).tagsResult.values));
    const luis2 = await predictV2(headers);
    assert.equal(luis2.status, 200, await luis2.clone().text());
    assert.equal((await luis2.json()).query, 'book a flight to paris');
    const luis3 = await predictV3(headers);
    assert.equal(luis3.status, 200, await luis3.clone().text());
    assert.equal((await luis3.json()).query, 'book a flight to paris');
  });

  it('serves CLU prediction from a Language resource\'s deployment rolled out to it with assignedResourceIds, and 404 before and after', async () => {
    const multiKey = { 'Ocp-Apim-Subscription-Key': key };
    // A project belongs to the Language resource that authored it: before a
    // deployment is rolled out to the multi-service resource, its key passes
    // the gateway and CLU answers its 404.
    const before = await cluAnalyze(multiKey);
    assert.equal(before.status, 404, await before.clone().text());
    assert.equal((await before.json()).error.code, 'NotFound');

    const multiId = (await server.api('GET', '/api/resources/multi', undefined, owner.token)).body.id;
    const deployTo = (assignedResourceIds: string[]) => call(server, 'PUT', `${AUTHORING}/home/deployments/production?api-version=${API_VERSION}`, languageKey, { trainedModelLabel: 'model', assignedResourceIds });
    const rolledOut = await deployTo([`/subscriptions/0/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/multi`]);
    assert.equal(rolledOut.status, 202, JSON.stringify(rolledOut.body));
    const served = await cluAnalyze(multiKey);
    assert.equal(served.status, 200, await served.clone().text());
    assert.equal((await served.json()).result.prediction.topIntent, 'TurnOn');

    const redeployed = await deployTo([]); // replaces the rollout: the project's own resource only
    assert.equal(redeployed.status, 202);
    assert.equal((await cluAnalyze(multiKey)).status, 404);
    assert.equal((await deployTo([multiId])).status, 202, 'the resource id works as well as the Azure resource id');
    assert.equal((await cluAnalyze(multiKey)).status, 200);
    assert.equal((await cluAnalyze({ 'Ocp-Apim-Subscription-Key': languageKey })).status, 200, 'the own resource serves it throughout');

    // A resource a deployment is rolled out to may be deleted; the deployment stays.
    const spare = await server.api('POST', '/api/resources', { name: 'spare', kind: 'CognitiveServices', tier: 'S0', region: 'westus' }, owner.token);
    assert.equal((await deployTo([multiId, spare.body.id])).status, 202);
    const deleted = await server.api('DELETE', '/api/resources/spare', undefined, owner.token);
    assert.ok(deleted.status === 204 || deleted.status === 200, `delete answered ${deleted.status}`);
    assert.equal((await cluAnalyze(multiKey)).status, 200);
    assert.equal((await call(server, 'GET', `${AUTHORING}/home/deployments/production?api-version=${API_VERSION}`, languageKey)).status, 200);
  });

  it('refuses to roll a deployment out to a resource of another kind or another account, naming the entry', async () => {
    const vision = await server.api('POST', '/api/resources', { name: 'eyes', kind: 'ComputerVision', tier: 'S1', region: 'westus' }, owner.token);
    assert.equal(vision.status, 201);
    const stranger = await luisUser(server);
    const foreign = await server.api('POST', '/api/resources', { name: 'foreign', kind: 'CognitiveServices', tier: 'S0', region: 'westus' }, stranger.token);
    assert.equal(foreign.status, 201);
    const deployTo = (assignedResourceIds: string[]) => call(server, 'PUT', `${AUTHORING}/home/deployments/staging?api-version=${API_VERSION}`, languageKey, { trainedModelLabel: 'model', assignedResourceIds });
    const wrongKind = await deployTo([vision.body.id]);
    assert.equal(wrongKind.status, 400);
    assert.match(wrongKind.body.error.message, /^assignedResourceIds\[0\]: resource eyes is a ComputerVision resource/);
    const notOurs = await deployTo([foreign.body.id]);
    assert.equal(notOurs.status, 400);
    assert.match(notOurs.body.error.message, /^assignedResourceIds\[0\]: ".*" is not a resource of this account/);
  });

  it('is refused by CLU authoring with 401 in CLU\'s error body, key and token alike', async () => {
    const expected = { error: { code: '401', message: NOT_A_LANGUAGE_KEY } };
    const list = await call(server, 'GET', `${AUTHORING}?api-version=${API_VERSION}`, key);
    assert.equal(list.status, 401);
    assert.deepEqual(list.body, expected);
    const imported = await call(server, 'POST', `${AUTHORING}/lights/:import?api-version=${API_VERSION}`, key, homeProject('lights'));
    assert.equal(imported.status, 401);
    assert.deepEqual(imported.body, expected);
    const issued = await server.fetch('/sts/v1.0/issueToken', { method: 'POST', headers: { 'Ocp-Apim-Subscription-Key': key } });
    const viaToken = await server.fetch(`${AUTHORING}?api-version=${API_VERSION}`, { headers: { authorization: `Bearer ${await issued.text()}` } });
    assert.equal(viaToken.status, 401);
    assert.deepEqual(await viaToken.json(), expected);
  });

  it('serves LUIS v3 prediction and Computer Vision with an access token from issueToken', async () => {
    const issued = await server.fetch('/sts/v1.0/issueToken', { method: 'POST', headers: { 'Ocp-Apim-Subscription-Key': key } });
    assert.equal(issued.status, 200);
    const bearer = { authorization: `Bearer ${await issued.text()}` };
    assert.equal((await predictV3(bearer)).status, 200);
    assert.equal((await analyzeImage(bearer)).status, 200);
  });

  it('meters each call under its service\'s operation name', async () => {
    const usage = await server.api('GET', '/api/resources/multi/usage', undefined, owner.token);
    const operations = usage.body.days.at(-1).operations;
    for (const op of ['vision.analyze', 'vision.imageAnalysis.analyze', 'luis.predict.v2', 'luis.predict.v3', 'clu.analyze']) {
      assert.ok(operations[op] >= 1, `${op} in ${JSON.stringify(operations)}`);
    }
    assert.ok(!Object.keys(operations).some((op) => op.startsWith('clu.authoring.')), JSON.stringify(operations));
    assert.equal(operations['sts.issueToken'], 2);
  });

  it('is refused by LUIS authoring with 401, as an endpoint key is', async () => {
    const res = await call(server, 'GET', '/luis/api/v2.0/apps', key);
    assert.equal(res.status, 401);
    assert.deepEqual(res.body, { error: { code: '401', message: ENDPOINT_KEY_ON_AUTHORING } });
  });
});
