// A multi-service resource (kind CognitiveServices) over real HTTP: its key and
// its access tokens work on Computer Vision, CLU runtime and LUIS prediction,
// each call metered under the service's own operation names and limited by the
// multi-service tier; LUIS authoring refuses it as it does endpoint keys.
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
import { API_VERSION, deployedProject } from '../clu/support.ts';
import { solid } from '../vision/support/images.ts';
import { readFileSync, writeFileSync } from 'node:fs';

/**
 * The LUIS test catalogue with a faster multi-service rate (an operator may do
 * the same): the CLU job polls of the set-up would pass 10 calls a second.
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
  let appId: string;
  let png: Buffer;

  const analyzeImage = (headers: Record<string, string>) => server.fetch('/vision/v3.2/analyze?visualFeatures=Color', {
    method: 'POST', headers: { ...headers, 'content-type': 'application/octet-stream' }, body: new Uint8Array(png),
  });
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
    await deployedProject(server, key, "home");
    png = await solid(80, 60, '#3366cc');
  });
  after(async () => server?.close());

  it('is offered by the catalogue with Azure\'s single S0 tier', async () => {
    const catalog = await server.api('GET', '/api/catalog', undefined, owner.token);
    const kind = catalog.body.kinds.find((k: any) => k.name === 'CognitiveServices');
    assert.ok(kind, JSON.stringify(catalog.body.kinds.map((k: any) => k.name)));
    assert.deepEqual(kind.tiers.map((t: any) => t.name), ['S0']);
  });

  it('serves Computer Vision, LUIS v3 prediction and CLU runtime with its key', async () => {
    const headers = { 'Ocp-Apim-Subscription-Key': key };
    const vision = await analyzeImage(headers);
    assert.equal(vision.status, 200, await vision.clone().text());
    assert.ok((await vision.json()).color);
    const luis = await predictV3(headers);
    assert.equal(luis.status, 200, await luis.clone().text());
    assert.equal((await luis.json()).query, 'book a flight to paris');
    const clu = await cluAnalyze(headers);
    assert.equal(clu.status, 200, await clu.clone().text());
    assert.equal((await clu.json()).result.prediction.topIntent, 'TurnOn');
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
    assert.ok(Object.keys(operations).some((op) => op.startsWith('vision.')), JSON.stringify(operations));
    assert.ok(Object.keys(operations).some((op) => op.startsWith('luis.') && op.includes('v3')), JSON.stringify(operations));
    assert.ok(Object.keys(operations).some((op) => op.startsWith('clu.')), JSON.stringify(operations));
    assert.equal(operations['sts.issueToken'], 1);
  });

  it('is refused by LUIS authoring with 401, as an endpoint key is', async () => {
    const res = await call(server, 'GET', '/luis/api/v2.0/apps', key);
    assert.equal(res.status, 401);
    assert.deepEqual(res.body, { error: { code: '401', message: ENDPOINT_KEY_ON_AUTHORING } });
  });
});
