// The seed's CLU example: on a first start the demo Language resource has the
// IoT sample (migrated from its LUIS export) trained and deployed, and the
// printed curl answers with the turn-on intent.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TestServer } from '../support/server.ts';
import { startCluServer } from './support.ts';
import { DEMO_DEPLOYMENT, DEMO_PROJECT } from '../../src/clu/demo.ts';

describe('the demo CLU project', () => {
  let server: TestServer;
  before(async () => { server = await startCluServer({ demo: true }); });
  after(async () => server?.close());

  it('the start-up message prints a curl that answers with the turn-on intent', async () => {
    const line = server.banner.find((l) => l.includes('/language/:analyze-conversations?api-version='));
    assert.ok(line, server.banner.join('\n'));
    const [, key] = /Ocp-Apim-Subscription-Key: ([0-9a-f]{32})/.exec(line)!;
    const [, body] = /-d '([^']+)'/.exec(line)!;
    const [, url] = /"(http[^"]+)"$/.exec(line)!;
    assert.ok(server.banner.some((l) => l.includes(`Language key:        ${key}`)), 'the key is the demo Language resource\'s');
    const res = await fetch(url, { method: 'POST', headers: { 'Ocp-Apim-Subscription-Key': key, 'content-type': 'application/json' }, body });
    const answer = await res.json() as any;
    assert.equal(res.status, 200, JSON.stringify(answer));
    assert.deepEqual(JSON.parse(body).parameters, { projectName: DEMO_PROJECT, deploymentName: DEMO_DEPLOYMENT });
    assert.match(answer.result.prediction.topIntent, /^Turn(All)?On$/);
    assert.equal(answer.result.prediction.projectKind, 'Conversation');
  });
});
