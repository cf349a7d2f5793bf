// The seed's own example: on a first start the demo account's IoT sample app
// answers the printed curl (GET with the key in the query, and POST with the
// header) with the turn-on intent.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TestServer } from '../support/server.ts';
import { startLuisServer } from './support.ts';
import { DEMO_APP_ID } from '../../src/luis/demo.ts';

describe('the demo LUIS app', () => {
  let server: TestServer;

  before(async () => { server = await startLuisServer({ demo: true }); });
  after(async () => server?.close());

  it('the start-up message prints a curl that answers with the turn-on intent, and the POST form works too', async () => {
    const line = server.banner.find((l) => l.includes(`/luis/v2.0/apps/${DEMO_APP_ID}?subscription-key=`));
    assert.ok(line, server.banner.join('\n'));
    const url = /curl "([^"]+)"/.exec(line)![1];
    assert.match(url, /verbose=true&timezoneOffset=0&q=turn%20on%20the%20lights$/);
    const get = await fetch(url);
    assert.equal(get.status, 200);
    const body = await get.json() as any;
    assert.match(body.topScoringIntent.intent, /^Turn(All)?On$/);
    assert.ok(body.intents.length >= 10, 'verbose lists every intent');

    const key = new URL(url).searchParams.get('subscription-key')!;
    const post = await fetch(url.replace(/\?.*$/, '?verbose=true'), {
      method: 'POST', headers: { 'Ocp-Apim-Subscription-Key': key, 'content-type': 'application/json' }, body: JSON.stringify('turn on the lights'),
    });
    assert.equal(post.status, 200);
    assert.equal(((await post.json()) as any).topScoringIntent.intent, body.topScoringIntent.intent);
  });
});
