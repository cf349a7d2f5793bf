// The rest of the authoring API's surface: examples per model, pattern
// features (LUIS's deprecated regex features), and the operations that need
// Microsoft's own assets (prebuilt domains, container packages), which answer
// truthfully that Portico has none.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TestServer } from '../support/server.ts';
import { call, fixture, luisUser, startFastLuisServer, type LuisUser } from './support.ts';

describe('LUIS models, pattern features and what Portico does not have', () => {
  let server: TestServer;
  let owner: LuisUser;
  let appId: string;
  const api = (method: string, path: string, body?: unknown) => call(server, method, `/luis/api/v2.0/apps/${appId}${path}`, owner.authoring.westus, body);
  const home = fixture('home-automation');

  before(async () => {
    server = await startFastLuisServer();
    owner = await luisUser(server);
    const imported = await call(server, 'POST', '/luis/api/v2.0/apps/import?appName=Models', owner.authoring.westus, home);
    assert.equal(imported.status, 201);
    appId = imported.body;
  });
  after(async () => server?.close());

  it("lists a model's examples: an intent's utterances, or those labelled with an entity", async () => {
    const models = (await api('GET', '/versions/0.1/models')).body;
    const intent = models.find((m: any) => m.name === 'HomeAutomation');
    const room = models.find((m: any) => m.name === 'Room');
    const byIntent = await api('GET', `/versions/0.1/models/${intent.id}/examples?take=500`);
    assert.equal(byIntent.status, 200);
    assert.deepEqual(byIntent.body.map((e: any) => e.text).sort(), home.utterances.filter((u: any) => u.intent === 'HomeAutomation').map((u: any) => u.text).sort());
    const byEntity = await api('GET', `/versions/0.1/models/${room.id}/examples?take=500`);
    assert.deepEqual(byEntity.body.map((e: any) => e.text).sort(), home.utterances.filter((u: any) => u.entities.some((e: any) => e.entity === 'Room')).map((u: any) => u.text).sort());
    assert.ok(byEntity.body.every((e: any) => Number.isInteger(e.id)));
    assert.equal((await api('GET', `/versions/0.1/models/${room.id}/examples?skip=1&take=2`)).body.length, 2);
    assert.equal((await api('GET', '/versions/0.1/models/00000000-0000-0000-0000-000000000000/examples')).status, 404);
  });

  it('adds, lists, changes and deletes pattern features, refusing a bad regular expression', async () => {
    const added = await api('POST', '/versions/0.1/patterns', { name: 'RoomNumber', pattern: 'room [0-9]+' });
    assert.equal(added.status, 201, JSON.stringify(added.body));
    const id = added.body;
    assert.deepEqual((await api('GET', `/versions/0.1/patterns/${id}`)).body, { id, name: 'RoomNumber', pattern: 'room [0-9]+', isActive: true });
    const bad = await api('POST', '/versions/0.1/patterns', { name: 'Broken', pattern: 'room [0-9' });
    assert.equal(bad.status, 400);
    assert.match(bad.body.error.message, /not a valid regular expression/);
    assert.equal((await api('POST', '/versions/0.1/patterns', { name: 'roomnumber', pattern: 'x' })).status, 400, 'names are unique');
    assert.equal((await api('PUT', `/versions/0.1/patterns/${id}`, { pattern: 'room [0-9]{3}', isActive: false })).status, 200);
    assert.deepEqual((await api('GET', '/versions/0.1/patterns')).body, [{ id, name: 'RoomNumber', pattern: 'room [0-9]{3}', isActive: false }]);
    assert.deepEqual((await api('GET', '/versions/0.1/features')).body.patternFeatures, [{ id, name: 'RoomNumber', pattern: 'room [0-9]{3}', isActive: false }]);
    const exported = (await api('GET', '/versions/0.1/export')).body;
    assert.deepEqual(exported.regex_features, [{ name: 'RoomNumber', pattern: 'room [0-9]{3}', activated: false }]);
    assert.equal((await api('DELETE', `/versions/0.1/patterns/${id}`)).status, 200);
    assert.equal((await api('GET', `/versions/0.1/patterns/${id}`)).status, 404);
  });

  it('lists no prebuilt domains, and refuses adding one with a message that says why', async () => {
    assert.deepEqual((await call(server, 'GET', '/luis/api/v2.0/apps/customprebuiltdomains/en-us', owner.authoring.westus)).body, []);
    for (const list of ['customprebuiltintents', 'customprebuiltentities', 'customprebuiltmodels']) {
      assert.deepEqual((await api('GET', `/versions/0.1/${list}`)).body, [], list);
    }
    const refused = await api('POST', '/versions/0.1/customprebuiltdomains', { domainName: 'Calendar' });
    assert.equal(refused.status, 400);
    assert.match(refused.body.error.message, /no prebuilt domains/);
    assert.equal((await call(server, 'POST', '/luis/api/v2.0/apps/customprebuiltdomains', owner.authoring.westus, { domainName: 'Calendar', culture: 'en-us' })).status, 400);
  });

  it('refuses container packages, pointing to export instead', async () => {
    const res = await call(server, 'GET', `/luis/api/v2.0/package/${appId}/versions/0.1/gzip`, owner.authoring.westus);
    assert.equal(res.status, 400);
    assert.match(res.body.error.message, /container packages.*export/);
  });
});
