// Who may author an app: the owner, collaborators (not for delete or
// managing collaborators), and nobody else, on any route.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TestServer } from '../support/server.ts';
import { call, fixture, luisUser, publishedApp, startFastLuisServer, type LuisUser } from './support.ts';

describe('LUIS app access', () => {
  let server: TestServer;
  let owner: LuisUser;
  let other: LuisUser;
  let collaborator: LuisUser;
  let appId: string;
  let ids: Record<string, string>;

  before(async () => {
    server = await startFastLuisServer();
    owner = await luisUser(server);
    other = await luisUser(server);
    collaborator = await luisUser(server);
    ({ appId } = await publishedApp(server, owner.authoring.westus, fixture('human-resources-patterns-any')));
    const v = `/luis/api/v2.0/apps/${appId}/versions/patt-any`;
    const first = async (path: string) => (await call(server, 'GET', `${v}/${path}`, owner.authoring.westus)).body[0];
    ids = {
      intent: (await first('intents')).id, entity: (await first('entities')).id, closedlist: (await first('closedlists')).id,
      composite: (await first('compositeentities')).id, hierarchical: (await first('hierarchicalentities')).id,
      regex: (await first('regexentities')).id, patternany: (await first('patternanyentities')).id, prebuilt: (await first('prebuilts')).id,
      pattern: (await first('patternrules')).id, phraselist: String((await first('phraselists')).id), example: String((await first('examples')).id),
    };
  });
  after(async () => server?.close());

  /** Every authoring route that names an app, with a body that would be valid for the owner. */
  function appRoutes(): Array<[string, string, unknown?]> {
    const a = `/luis/api/v2.0/apps/${appId}`;
    const v = `${a}/versions/patt-any`;
    return [
      ['GET', a], ['PUT', a, { name: 'stolen' }], ['DELETE', a],
      ['GET', `${a}/settings`], ['PUT', `${a}/settings`, { public: true }], ['GET', `${a}/publishsettings`], ['PUT', `${a}/publishsettings`, { speech: true }],
      ['GET', `${a}/endpoints`], ['GET', `${a}/querylogs`], ['POST', `${a}/publish`, { versionId: 'patt-any' }],
      ['GET', `${a}/permissions`], ['POST', `${a}/permissions`, { email: 'x@example.com' }], ['PUT', `${a}/permissions`, { emails: [] }], ['DELETE', `${a}/permissions`, { email: 'x@example.com' }],
      ['GET', `${a}/azureaccounts`], ['POST', `${a}/azureaccounts`, { accountName: 'nope' }], ['DELETE', `${a}/azureaccounts`, { accountName: 'nope' }],
      ['GET', `${a}/versions`], ['POST', `${a}/versions/import?versionId=stolen`, fixture('weather')],
      ['GET', `${v}/`], ['PUT', `${v}/`, { version: 'x' }], ['DELETE', `${v}/`], ['POST', `${v}/clone`, { version: 'copy' }], ['GET', `${v}/export`],
      ['POST', `${v}/train`], ['GET', `${v}/train`],
      ['GET', `${v}/intents`], ['POST', `${v}/intents`, { name: 'Evil' }], ['GET', `${v}/intents/${ids.intent}`], ['PUT', `${v}/intents/${ids.intent}`, { name: 'Evil' }], ['DELETE', `${v}/intents/${ids.intent}`],
      ['GET', `${v}/entities`], ['POST', `${v}/entities`, { name: 'Evil' }], ['GET', `${v}/entities/${ids.entity}`], ['PUT', `${v}/entities/${ids.entity}`, { name: 'Evil' }], ['DELETE', `${v}/entities/${ids.entity}`],
      ['GET', `${v}/entities/${ids.entity}/roles`], ['POST', `${v}/entities/${ids.entity}/roles`, { name: 'evil' }],
      ['GET', `${v}/closedlists/${ids.closedlist}`], ['PATCH', `${v}/closedlists/${ids.closedlist}`, { subLists: [{ canonicalForm: 'x', list: [] }] }], ['POST', `${v}/closedlists/${ids.closedlist}/sublists`, { canonicalForm: 'x' }],
      ['GET', `${v}/compositeentities/${ids.composite}`], ['POST', `${v}/compositeentities/${ids.composite}/children`, { name: 'x' }],
      ['GET', `${v}/hierarchicalentities/${ids.hierarchical}`], ['GET', `${v}/regexentities/${ids.regex}`], ['PUT', `${v}/regexentities/${ids.regex}`, { regexPattern: 'x' }],
      ['GET', `${v}/patternanyentities/${ids.patternany}/explicitlist`], ['POST', `${v}/patternanyentities/${ids.patternany}/explicitlist`, { explicitListItem: 'x' }],
      ['GET', `${v}/prebuilts/${ids.prebuilt}`], ['POST', `${v}/prebuilts`, ['number']], ['GET', `${v}/models`], ['GET', `${v}/listprebuilts`],
      ['GET', `${v}/examples`], ['POST', `${v}/example`, { text: 'evil', intentName: 'None' }], ['POST', `${v}/examples`, [{ text: 'evil', intentName: 'None' }]], ['DELETE', `${v}/examples/${ids.example}`],
      ['GET', `${v}/patternrules`], ['POST', `${v}/patternrule`, { pattern: 'evil', intent: 'None' }], ['PUT', `${v}/patternrules/${ids.pattern}`, { pattern: 'evil', intent: 'None' }], ['DELETE', `${v}/patternrules/${ids.pattern}`],
      ['GET', `${v}/phraselists`], ['POST', `${v}/phraselists`, { name: 'evil', phrases: 'a,b' }], ['GET', `${v}/phraselists/${ids.phraselist}`], ['DELETE', `${v}/phraselists/${ids.phraselist}`],
      ['GET', `${v}/features`], ['GET', `${v}/settings`], ['PUT', `${v}/settings`, [{ name: 'x', value: 'y' }]],
    ];
  }

  it("account B can neither read nor change account A's app through any authoring route (404, as for an unknown app)", async () => {
    for (const [method, path, body] of appRoutes()) {
      const res = await call(server, method, path, other.authoring.westus, body);
      assert.equal(res.status, 404, `${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
      // The route exists and refused the app (not the router's 404 for an unknown path).
      assert.match(res.body.error.message, /Cannot find an application with the ID/, `${method} ${path}`);
    }
    const list = await call(server, 'GET', '/luis/api/v2.0/apps/', other.authoring.westus);
    assert.deepEqual(list.body, []);
    // Nothing changed.
    const app = await call(server, 'GET', `/luis/api/v2.0/apps/${appId}`, owner.authoring.westus);
    assert.equal(app.status, 200);
    assert.notEqual(app.body.name, 'stolen');
  });

  it("the owner's key of another authoring region does not reach the app", async () => {
    const res = await call(server, 'GET', `/westeurope/luis/api/v2.0/apps/${appId}`, owner.authoring.westeurope);
    assert.equal(res.status, 404);
  });

  it('a collaborator lists, edits, trains and publishes the app with its own authoring key', async () => {
    const added = await call(server, 'POST', `/luis/api/v2.0/apps/${appId}/permissions`, owner.authoring.westus, { email: collaborator.email.toUpperCase() });
    assert.equal(added.status, 200);
    const perms = await call(server, 'GET', `/luis/api/v2.0/apps/${appId}/permissions`, collaborator.authoring.westus);
    assert.deepEqual(perms.body, { owner: owner.email, emails: [collaborator.email] });
    const list = await call(server, 'GET', '/luis/api/v2.0/apps/', collaborator.authoring.westus);
    assert.deepEqual(list.body.map((a: any) => a.id), [appId]);
    const v = `/luis/api/v2.0/apps/${appId}/versions/patt-any`;
    assert.equal((await call(server, 'POST', `${v}/intents`, collaborator.authoring.westus, { name: 'AddedByCollaborator' })).status, 201);
    assert.equal((await call(server, 'POST', `${v}/train`, collaborator.authoring.westus)).status, 202);
  });

  it('only the owner deletes the app or manages collaborators (403 for a collaborator)', async () => {
    const a = `/luis/api/v2.0/apps/${appId}`;
    for (const [method, path, body] of [['DELETE', a], ['POST', `${a}/permissions`, { email: 'y@example.com' }], ['DELETE', `${a}/permissions`, { email: collaborator.email }], ['PUT', `${a}/permissions`, { emails: [] }]] as const) {
      const res = await call(server, method, path, collaborator.authoring.westus, body);
      assert.equal(res.status, 403, `${method} ${path}`);
      assert.match(res.body.error.message, /Only the owner/);
    }
    const removed = await call(server, 'DELETE', `${a}/permissions`, owner.authoring.westus, { email: collaborator.email });
    assert.equal(removed.status, 200);
    assert.equal((await call(server, 'GET', a, collaborator.authoring.westus)).status, 404);
  });
});
