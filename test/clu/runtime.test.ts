// The CLU runtime: a deployed project answers POST /language/:analyze-conversations
// in CLU's shape, with offsets in the string index type asked for.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { API_VERSION, AUTHORING, call, deployedCluServer, homeProject, pollJob } from './support.ts';

const analyze = (text: string, projectName: string, extra: Record<string, unknown> = {}) => ({
  kind: 'Conversation',
  analysisInput: { conversationItem: { id: '1', participantId: 'user', text } },
  parameters: { projectName, deploymentName: 'production', ...extra },
});
const PATH = `/language/:analyze-conversations?api-version=${API_VERSION}`;

describe('CLU runtime: analyze-conversations', () => {
  const clu = deployedCluServer('home');

  it('answers a prediction in CLU shape with the top intent and its score', async () => {
    const res = await call(clu.server, 'POST', PATH, clu.key, analyze('turn on the lamp in the kitchen', 'home'));
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.kind, 'ConversationResult');
    const p = res.body.result.prediction;
    assert.equal(res.body.result.query, 'turn on the lamp in the kitchen');
    assert.equal(p.projectKind, 'Conversation');
    assert.equal(p.topIntent, 'TurnOn');
    assert.ok(Array.isArray(p.intents) && p.intents.length > 0);
    assert.equal(p.intents[0].category, 'TurnOn');
    assert.equal(typeof p.intents[0].confidenceScore, 'number');
    const room = p.entities.find((e: any) => e.category === 'Room');
    assert.ok(room, JSON.stringify(p.entities));
    assert.equal(room.text, 'kitchen');
    assert.equal(room.offset, 'turn on the lamp in the '.length);
    assert.equal(room.length, 7);
    assert.equal(typeof room.confidenceScore, 'number');
  });

  it('counts offsets in the string index type asked for (emoji and combining marks)', async () => {
    const prefix = '👍🏽 e\u0301 '; // a skin-toned emoji (4 code units, 2 code points, 1 grapheme) and e + combining acute
    const text = `${prefix}turn on the lamp in the kitchen`;
    const offsets: Record<string, number> = {};
    for (const type of ['Utf16CodeUnit', 'UnicodeCodePoint', 'TextElements_v8']) {
      const res = await call(clu.server, 'POST', PATH, clu.key, analyze(text, 'home', { stringIndexType: type }));
      assert.equal(res.status, 200, JSON.stringify(res.body));
      const room = res.body.result.prediction.entities.find((e: any) => e.category === 'Room');
      assert.ok(room, `${type}: ${JSON.stringify(res.body.result.prediction.entities)}`);
      assert.equal(room.length, 7);
      offsets[type] = room.offset;
    }
    const base = 'turn on the lamp in the '.length;
    assert.equal(offsets.Utf16CodeUnit, prefix.length + base);
    assert.equal(offsets.UnicodeCodePoint, [...prefix].length + base);
    assert.equal(offsets.TextElements_v8, 4 + base); // 👍🏽, space, é, space
  });

  it('counts offsets in text elements when no string index type is given, as Azure documents', async () => {
    const text = '👍🏽 turn on the lamp in the kitchen';
    const res = await call(clu.server, 'POST', PATH, clu.key, analyze(text, 'home'));
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const room = res.body.result.prediction.entities.find((e: any) => e.category === 'Room');
    assert.ok(room, JSON.stringify(res.body.result.prediction.entities));
    assert.equal(room.offset, 2 + 'turn on the lamp in the '.length); // 👍🏽 is one grapheme (4 UTF-16 code units)
  });

  it('refuses an unknown string index type naming the field', async () => {
    const res = await call(clu.server, 'POST', PATH, clu.key, analyze('lights on', 'home', { stringIndexType: 'Bytes' }));
    assert.equal(res.status, 400);
    assert.match(JSON.stringify(res.body), /stringIndexType/);
  });

  it('answers 404 for a deployment that does not exist', async () => {
    const res = await call(clu.server, 'POST', PATH, clu.key, analyze('lights on', 'nowhere'));
    assert.equal(res.status, 404);
    assert.match(res.body.error.message, /nowhere/);
  });

  it('refuses a request without a key and a request without api-version', async () => {
    assert.equal((await call(clu.server, 'POST', PATH, undefined, analyze('lights on', 'home'))).status, 401);
    const res = await call(clu.server, 'POST', '/language/:analyze-conversations', clu.key, analyze('lights on', 'home'));
    assert.equal(res.status, 400, JSON.stringify(res.body));
  });

  it('refuses an empty query', async () => {
    const res = await call(clu.server, 'POST', PATH, clu.key, analyze('   ', 'home'));
    assert.equal(res.status, 400);
    assert.match(res.body.error.message, /text/);
  });

  it('answers from the model a deployment serves now, at once after a swap', async () => {
    const q = `api-version=${API_VERSION}`;
    const renamed = JSON.parse(JSON.stringify(homeProject('home')).replaceAll('"TurnOn"', '"SwitchOn"'));
    const job = async (res: { status: number; headers: Headers; body: unknown }) => {
      assert.equal(res.status, 202, JSON.stringify(res.body));
      assert.equal((await pollJob(clu.server, clu.key, res.headers.get('operation-location')!)).status, 'succeeded');
    };
    await job(await call(clu.server, 'POST', `${AUTHORING}/home/:import?${q}`, clu.key, renamed));
    await job(await call(clu.server, 'POST', `${AUTHORING}/home/:train?${q}`, clu.key, { modelLabel: 'renamed', trainingMode: 'standard' }));
    await job(await call(clu.server, 'PUT', `${AUTHORING}/home/deployments/staging?${q}`, clu.key, { trainedModelLabel: 'renamed' }));
    const top = async (deploymentName: string) => {
      const res = await call(clu.server, 'POST', PATH, clu.key, { ...analyze('turn on the lamp', 'home'), parameters: { projectName: 'home', deploymentName } });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      return res.body.result.prediction.topIntent;
    };
    assert.deepEqual([await top('production'), await top('staging')], ['TurnOn', 'SwitchOn']);
    await job(await call(clu.server, 'POST', `${AUTHORING}/home/deployments/:swap?${q}`, clu.key, { firstDeploymentName: 'production', secondDeploymentName: 'staging' }));
    assert.deepEqual([await top('production'), await top('staging')], ['SwitchOn', 'TurnOn']);
  });
});
