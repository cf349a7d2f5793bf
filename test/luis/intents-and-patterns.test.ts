// Intents and patterns (pattern rules) over HTTP, with the spec's bodies:
// what an intent answers, what a rename or delete does to its examples and
// patterns, and the rules and limits a pattern is held to.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TestServer } from '../support/server.ts';
import { call, luisUser, startFastLuisServer, versionApi } from './support.ts';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('LUIS intents and patterns over HTTP', () => {
  let server: TestServer;
  let key: string;
  let appId: string;
  const api = versionApi(() => ({ server, key, appId }));
  const intentId = async (name: string) => (await api('GET', '/intents')).body.find((i: any) => i.name === name)?.id;
  const exported = async () => (await api('GET', '/export')).body;

  before(async () => {
    server = await startFastLuisServer();
    key = (await luisUser(server)).authoring.westus;
    const created = await call(server, 'POST', '/luis/api/v2.0/apps/', key, { name: 'Library', culture: 'en-us', initialVersionId: '0.1' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    appId = created.body;
    assert.equal((await api('POST', '/entities', { name: 'Title' })).status, 201);
  });
  after(async () => server?.close());

  it('an intent: add, list (a new app has None), get as an Intent Classifier; a taken or bad name is 400', async () => {
    const added = await api('POST', '/intents', { name: 'FindBook' });
    assert.equal(added.status, 201, JSON.stringify(added.body));
    assert.match(added.body, GUID);
    assert.deepEqual((await api('GET', `/intents/${added.body}`)).body, { id: added.body, name: 'FindBook', typeId: 0, readableType: 'Intent Classifier' });
    assert.deepEqual((await api('GET', '/intents')).body.map((i: any) => i.name), ['None', 'FindBook']);
    const taken = await api('POST', '/intents', { name: 'findbook' });
    assert.equal(taken.status, 400);
    assert.match(taken.body.error.message, /An intent named "findbook" already exists/);
    const bad = await api('POST', '/intents', { name: 'find{book}' });
    assert.equal(bad.status, 400);
    assert.match(bad.body.error.message, /intent name "find\{book\}"/);
    assert.equal((await api('GET', '/intents/00000000-0000-0000-0000-000000000000')).status, 404);
  });

  it('patterns: add one or a batch (answering them with ids), list them, and list one intent\'s', async () => {
    const one = await api('POST', '/patternrule', { pattern: 'find {Title}', intent: 'FindBook' });
    assert.equal(one.status, 201, JSON.stringify(one.body));
    assert.match(one.body.id, GUID);
    assert.deepEqual(one.body, { id: one.body.id, pattern: 'find {Title}', intent: 'FindBook' });
    const batch = await api('POST', '/patternrules', [{ pattern: 'search for {Title}[?]', intent: 'FindBook' }, { pattern: 'what can you do', intent: 'None' }]);
    assert.equal(batch.status, 201, JSON.stringify(batch.body));
    assert.deepEqual(batch.body.map((p: any) => p.pattern), ['search for {Title}[?]', 'what can you do']);
    assert.deepEqual((await api('GET', '/patternrules')).body.map((p: any) => [p.pattern, p.intent]),
      [['find {Title}', 'FindBook'], ['search for {Title}[?]', 'FindBook'], ['what can you do', 'None']]);
    assert.deepEqual((await api('GET', `/intents/${await intentId('FindBook')}/patternrules`)).body.map((p: any) => p.pattern), ['find {Title}', 'search for {Title}[?]']);
  });

  it('a pattern that repeats another, names an unknown entity or intent, is malformed or over 400 characters is 400 saying so', async () => {
    const refused = async (body: unknown, message: RegExp) => {
      const res = await api('POST', '/patternrule', body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.match(res.body.error.message, message);
    };
    await refused({ pattern: 'find {Title}', intent: 'FindBook' }, /The pattern "find \{Title\}" already exists/);
    await refused({ pattern: 'get {Author}', intent: 'FindBook' }, /unknown entity "Author"/);
    await refused({ pattern: 'get {Title}', intent: 'Lend' }, /intent "Lend" does not exist/);
    await refused({ pattern: 'get {Title', intent: 'FindBook' }, /never closed/);
    await refused({ pattern: `get ${'x'.repeat(400)}`, intent: 'FindBook' }, /404 characters; the limit is 400/);
    const batch = await api('POST', '/patternrules', [{ pattern: 'fetch {Title}', intent: 'FindBook' }, { pattern: 'lend {Title}', intent: 'Lend' }]);
    assert.equal(batch.status, 400);
    assert.ok(!(await api('GET', '/patternrules')).body.some((p: any) => p.pattern === 'fetch {Title}'), 'a refused batch adds none');
  });

  it('patterns: update one or a batch; an update may not make two patterns the same', async () => {
    const [find, search] = (await api('GET', '/patternrules')).body;
    const updated = await api('PUT', `/patternrules/${search.id}`, { id: search.id, pattern: 'look up {Title}', intent: 'FindBook' });
    assert.equal(updated.status, 200, JSON.stringify(updated.body));
    assert.deepEqual(updated.body, { id: search.id, pattern: 'look up {Title}', intent: 'FindBook' });
    const same = await api('PUT', `/patternrules/${search.id}`, { id: search.id, pattern: 'find {Title}', intent: 'FindBook' });
    assert.equal(same.status, 400);
    assert.match(same.body.error.message, /The pattern "find \{Title\}" already exists/);
    const batch = await api('PUT', '/patternrules', [{ id: find.id, pattern: 'find the book {Title}', intent: 'FindBook' }]);
    assert.equal(batch.status, 200, JSON.stringify(batch.body));
    assert.deepEqual((await api('GET', '/patternrules')).body.map((p: any) => p.pattern), ['find the book {Title}', 'look up {Title}', 'what can you do']);
  });

  it('renaming an intent carries its examples and patterns; None can be neither renamed nor deleted', async () => {
    assert.equal((await api('POST', '/example', { text: 'find dune', intentName: 'FindBook' })).status, 201);
    const id = await intentId('FindBook');
    assert.equal((await api('PUT', `/intents/${id}`, { name: 'SearchBook' })).status, 200);
    const app = await exported();
    assert.deepEqual(app.utterances.map((u: any) => [u.text, u.intent]), [['find dune', 'SearchBook']]);
    assert.deepEqual(app.patterns.filter((p: any) => p.intent === 'SearchBook').map((p: any) => p.pattern), ['find the book {Title}', 'look up {Title}']);
    const none = await intentId('None');
    const rename = await api('PUT', `/intents/${none}`, { name: 'Nothing' });
    assert.equal(rename.status, 400);
    assert.match(rename.body.error.message, /None intent cannot be renamed/);
    const remove = await api('DELETE', `/intents/${none}`);
    assert.equal(remove.status, 400);
    assert.match(remove.body.error.message, /None intent cannot be deleted/);
  });

  it('deleting an intent moves its examples to None, or deletes them with deleteUtterances=true, and drops its patterns', async () => {
    const id = await intentId('SearchBook');
    assert.equal((await api('DELETE', `/intents/${id}`)).status, 200);
    let app = await exported();
    assert.deepEqual(app.utterances.map((u: any) => [u.text, u.intent]), [['find dune', 'None']]);
    assert.deepEqual(app.patterns.map((p: any) => p.pattern), ['what can you do']);
    assert.equal((await api('GET', `/intents/${id}`)).status, 404);

    const lend = (await api('POST', '/intents', { name: 'Lend' })).body;
    assert.equal((await api('POST', '/example', { text: 'lend me emma', intentName: 'Lend' })).status, 201);
    assert.equal((await api('DELETE', `/intents/${lend}?deleteUtterances=true`)).status, 200);
    app = await exported();
    assert.deepEqual(app.utterances.map((u: any) => u.text), ['find dune']);
  });

  it('patterns: delete one or a batch; a batch naming an unknown id deletes none', async () => {
    const ids = (await api('POST', '/patternrules', [{ pattern: 'a {Title}', intent: 'None' }, { pattern: 'b {Title}', intent: 'None' }])).body.map((p: any) => p.id);
    const unknown = await api('DELETE', '/patternrules', [ids[0], '00000000-0000-0000-0000-000000000000']);
    assert.equal(unknown.status, 404);
    assert.equal((await api('GET', '/patternrules')).body.length, 3);
    assert.equal((await api('DELETE', '/patternrules', ids)).status, 200);
    const [last] = (await api('GET', '/patternrules')).body;
    assert.equal((await api('DELETE', `/patternrules/${last.id}`)).status, 200);
    assert.deepEqual((await api('GET', '/patternrules')).body, []);
    assert.equal((await api('DELETE', `/patternrules/${last.id}`)).status, 404);
  });

  it('the 501st pattern is 400 naming the limit', async () => {
    const five = Array.from({ length: 500 }, (_, i) => ({ pattern: `pattern number ${i} {Title}`, intent: 'None' }));
    assert.equal((await api('POST', '/patternrules', five)).status, 201);
    const more = await api('POST', '/patternrule', { pattern: 'one pattern too many', intent: 'None' });
    assert.equal(more.status, 400);
    assert.match(more.body.error.message, /501 patterns; the limit is 500/);
  });
});
