// The authoring API's entity models, one type at a time, over HTTP with the
// request bodies the spec (and the authoring SDK 3.0.1) sends: add, list, get
// (as the spec shapes it: id, name, typeId, readableType, roles and the type's
// own parts), update or rename, delete; the parts of each type (roles,
// sublists, children, explicit lists); examples labelled by character offsets,
// one and in a batch; LUIS's limits; machine-learned entities with children
// (imported: the v2.0 API cannot add them) and edits that reach every label,
// pattern and composite; the same operations through the official SDK; and,
// once trained, a v3 prediction in which each kind of entity is found where
// it is in the query.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ApiKeyCredentials } from '@azure/ms-rest-js';
import { LUISAuthoringClient } from '@azure/cognitiveservices-luis-authoring';
import type { TestServer } from '../support/server.ts';
import { assignKey, call, endpointResource, luisUser, startFastLuisServer, waitForTraining, versionApi, type LuisUser } from './support.ts';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('LUIS entity types over HTTP', () => {
  let server: TestServer;
  let owner: LuisUser;
  let key: string;
  let appId: string;
  const api = versionApi(() => ({ server, key, appId }));
  /** Adds a model and answers its id, failing the test if it is not 201. */
  const add = async (path: string, body: unknown): Promise<string> => {
    const res = await api('POST', path, body);
    assert.equal(res.status, 201, `${path}: ${JSON.stringify(res.body)}`);
    return res.body;
  };

  before(async () => {
    server = await startFastLuisServer();
    owner = await luisUser(server);
    key = owner.authoring.westus;
    const created = await call(server, 'POST', '/luis/api/v2.0/apps/', key, { name: 'Entity types', culture: 'en-us', initialVersionId: '0.1' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    appId = created.body;
  });
  after(async () => server?.close());

  it('a machine-learned entity: add, list, get as an Entity Extractor, rename, refuse a taken or bad name, delete', async () => {
    const id = await add('/entities', { name: 'Destination' });
    assert.match(id, GUID);
    assert.deepEqual((await api('GET', `/entities/${id}`)).body, { id, name: 'Destination', typeId: 1, readableType: 'Entity Extractor', roles: [] });
    assert.deepEqual((await api('GET', '/entities')).body.map((e: any) => e.name), ['Destination']);

    assert.equal((await api('PUT', `/entities/${id}`, { name: 'City' })).status, 200);
    assert.equal((await api('GET', `/entities/${id}`)).body.name, 'City');

    const taken = await api('POST', '/entities', { name: 'city' });
    assert.equal(taken.status, 400);
    assert.match(taken.body.error.message, /An entity named "city" already exists/);
    const takenByList = await api('POST', '/closedlists', { name: 'CITY', subLists: [] });
    assert.equal(takenByList.status, 400, 'entity names are unique across types');
    assert.match(takenByList.body.error.message, /An entity named "CITY" already exists/);
    const bad = await api('POST', '/entities', { name: 'to/from' });
    assert.equal(bad.status, 400);
    assert.match(bad.body.error.message, /entity name "to\/from"/);

    assert.equal((await api('DELETE', `/entities/${id}`)).status, 200);
    const gone = await api('GET', `/entities/${id}`);
    assert.equal(gone.status, 404);
    assert.equal(gone.body.error.code, 'NotFound');
    assert.deepEqual((await api('GET', '/entities')).body, []);
  });

  it('roles: add, list, get, rename and delete on an entity; a taken role name and the 11th role are refused', async () => {
    const entity = await add('/entities', { name: 'Location' });
    const origin = await add(`/entities/${entity}/roles`, { name: 'Origin' });
    const target = await add(`/entities/${entity}/roles`, { name: 'Target' });
    assert.match(origin, GUID);
    assert.deepEqual((await api('GET', `/entities/${entity}/roles`)).body, [{ id: origin, name: 'Origin' }, { id: target, name: 'Target' }]);
    assert.deepEqual((await api('GET', `/entities/${entity}/roles/${target}`)).body, { id: target, name: 'Target' });
    assert.equal((await api('PUT', `/entities/${entity}/roles/${target}`, { name: 'Destination' })).status, 200);
    assert.deepEqual((await api('GET', `/entities/${entity}`)).body.roles, [{ id: origin, name: 'Origin' }, { id: target, name: 'Destination' }]);

    const taken = await api('POST', `/entities/${entity}/roles`, { name: 'origin' });
    assert.equal(taken.status, 400);
    assert.match(taken.body.error.message, /already has a role named "origin"/);

    assert.equal((await api('DELETE', `/entities/${entity}/roles/${origin}`)).status, 200);
    assert.equal((await api('GET', `/entities/${entity}/roles/${origin}`)).status, 404);
    assert.deepEqual((await api('GET', `/entities/${entity}/roles`)).body.map((r: any) => r.name), ['Destination']);

    // Roles may come with the entity; the same rules hold for them.
    const withRoles = await add('/entities', { name: 'Airport', roles: ['Departure', 'Arrival'] });
    assert.deepEqual((await api('GET', `/entities/${withRoles}/roles`)).body.map((r: any) => r.name), ['Departure', 'Arrival']);
    const twice = await api('POST', '/entities', { name: 'Harbour', roles: ['Departure', 'departure'] });
    assert.equal(twice.status, 400);
    assert.match(twice.body.error.message, /already has a role named "departure"/);
    const badRole = await api('POST', '/entities', { name: 'Station', roles: ['a:b'] });
    assert.equal(badRole.status, 400);
    assert.match(badRole.body.error.message, /role name "a:b"/);
    assert.ok(!(await api('GET', '/entities')).body.some((e: any) => ['Harbour', 'Station'].includes(e.name)), 'a refused add adds nothing');

    for (let i = 2; i <= 10; i++) await add(`/entities/${entity}/roles`, { name: `r${i}` });
    const eleventh = await api('POST', `/entities/${entity}/roles`, { name: 'r11' });
    assert.equal(eleventh.status, 400);
    assert.match(eleventh.body.error.message, /11 roles; the limit is 10 roles an entity/);
  });

  it('a list entity: add with sublists, get them with ids, rename and replace, patch in more, and edit one sublist', async () => {
    const id = await add('/closedlists', { name: 'Size', subLists: [{ canonicalForm: 'small', list: ['little', 'tiny'] }, { canonicalForm: 'large', list: ['big'] }] });
    const got = (await api('GET', `/closedlists/${id}`)).body;
    assert.deepEqual({ ...got, subLists: got.subLists.map(({ id: _, ...s }: any) => s) }, {
      id, name: 'Size', typeId: 5, readableType: 'List Entity Extractor', roles: [],
      subLists: [{ canonicalForm: 'small', list: ['little', 'tiny'] }, { canonicalForm: 'large', list: ['big'] }],
    });
    assert.ok(got.subLists.every((s: any) => Number.isInteger(s.id)));
    assert.deepEqual((await api('GET', '/closedlists')).body.map((e: any) => e.name), ['Size']);

    // PUT renames and replaces the sublists; PATCH adds to them.
    assert.equal((await api('PUT', `/closedlists/${id}`, { name: 'CupSize', subLists: [{ canonicalForm: 'tall', list: ['small'] }] })).status, 200);
    assert.equal((await api('PATCH', `/closedlists/${id}`, { subLists: [{ canonicalForm: 'grande', list: ['medium'] }, { canonicalForm: 'venti', list: ['large'] }] })).status, 200);
    const patched = (await api('GET', `/closedlists/${id}`)).body;
    assert.equal(patched.name, 'CupSize');
    assert.deepEqual(patched.subLists.map((s: any) => [s.canonicalForm, s.list]), [['tall', ['small']], ['grande', ['medium']], ['venti', ['large']]]);

    // One sublist at a time: POST answers its (integer) id, PUT changes it, DELETE removes it.
    const sub = await add(`/closedlists/${id}/sublists`, { canonicalForm: 'trenta', list: ['huge'] });
    assert.ok(Number.isInteger(sub), `sublist id ${sub}`);
    assert.equal((await api('PUT', `/closedlists/${id}/sublists/${sub}`, { canonicalForm: 'trenta', list: ['huge', 'enormous'] })).status, 200);
    const venti = patched.subLists.find((s: any) => s.canonicalForm === 'venti').id;
    assert.equal((await api('DELETE', `/closedlists/${id}/sublists/${venti}`)).status, 200);
    assert.deepEqual((await api('GET', `/closedlists/${id}`)).body.subLists.map((s: any) => [s.canonicalForm, s.list]),
      [['tall', ['small']], ['grande', ['medium']], ['trenta', ['huge', 'enormous']]]);
    assert.equal((await api('DELETE', `/closedlists/${id}/sublists/${venti}`)).status, 404);

    assert.equal((await api('DELETE', `/closedlists/${id}`)).status, 200);
    assert.equal((await api('GET', `/closedlists/${id}`)).status, 404);
  });

  it('a regular expression entity: add, get its pattern, change it; an invalid or over-long expression is 400', async () => {
    const id = await add('/regexentities', { name: 'OrderNumber', regexPattern: 'ord-[0-9]{4}' });
    assert.deepEqual((await api('GET', `/regexentities/${id}`)).body, { id, name: 'OrderNumber', typeId: 8, readableType: 'Regex Entity Extractor', roles: [], regexPattern: 'ord-[0-9]{4}' });
    assert.equal((await api('PUT', `/regexentities/${id}`, { name: 'OrderId', regexPattern: 'ord-[0-9]{5}' })).status, 200);
    assert.deepEqual((await api('GET', '/regexentities')).body.map((e: any) => [e.name, e.regexPattern]), [['OrderId', 'ord-[0-9]{5}']]);

    const broken = await api('POST', '/regexentities', { name: 'Broken', regexPattern: 'ord-[0-9' });
    assert.equal(broken.status, 400);
    assert.match(broken.body.error.message, /not a valid regular expression/);
    const brokenUpdate = await api('PUT', `/regexentities/${id}`, { regexPattern: '(unclosed' });
    assert.equal(brokenUpdate.status, 400);
    assert.equal((await api('GET', `/regexentities/${id}`)).body.regexPattern, 'ord-[0-9]{5}', 'a refused update changes nothing');
    const long = await api('POST', '/regexentities', { name: 'Long', regexPattern: 'a'.repeat(501) });
    assert.equal(long.status, 400);
    assert.match(long.body.error.message, /501 characters; the limit is 500/);

    assert.equal((await api('DELETE', `/regexentities/${id}`)).status, 200);
    assert.deepEqual((await api('GET', '/regexentities')).body, []);
  });

  it('prebuilt entities: add by name (answering their models), list, get, delete; an unknown name is 400 naming it', async () => {
    const available = (await api('GET', '/listprebuilts')).body;
    assert.ok(available.some((p: any) => p.name === 'datetimeV2' && p.description && p.examples), JSON.stringify(available));

    const added = await api('POST', '/prebuilts', ['number', 'email']);
    assert.equal(added.status, 201, JSON.stringify(added.body));
    assert.deepEqual(added.body.map((p: any) => [p.name, p.typeId, p.readableType]), [['number', 2, 'Prebuilt Entity Extractor'], ['email', 2, 'Prebuilt Entity Extractor']]);
    const number = added.body[0].id;
    assert.match(number, GUID);
    assert.deepEqual((await api('GET', `/prebuilts/${number}`)).body, { id: number, name: 'number', typeId: 2, readableType: 'Prebuilt Entity Extractor', roles: [] });
    const again = await api('POST', '/prebuilts', ['number']);
    assert.equal(again.status, 201);
    assert.equal(again.body[0].id, number, 'adding a prebuilt the version has answers the one it has');

    const unknown = await api('POST', '/prebuilts', ['datetimeV2', 'numbr']);
    assert.equal(unknown.status, 400);
    assert.match(unknown.body.error.message, /"numbr" is not a prebuilt entity/);
    assert.deepEqual((await api('GET', '/prebuilts')).body.map((p: any) => p.name).sort(), ['email', 'number'], 'a refused batch adds none of its names');

    const email = added.body[1].id;
    assert.equal((await api('DELETE', `/prebuilts/${email}`)).status, 200);
    assert.deepEqual((await api('GET', '/prebuilts')).body.map((p: any) => p.name), ['number']);
  });

  it('a composite entity: add with children named by entity, get them with ids, add and remove a child', async () => {
    await add('/entities', { name: 'Topping' });
    await add('/prebuilts', ['number']);
    await add('/entities', { name: 'Crust' });
    const id = await add('/compositeentities', { name: 'PizzaOrder', children: ['Topping', 'number'] });
    const got = (await api('GET', `/compositeentities/${id}`)).body;
    assert.deepEqual({ ...got, children: got.children.map((c: any) => c.name) },
      { id, name: 'PizzaOrder', typeId: 4, readableType: 'Composite Entity Extractor', roles: [], children: ['Topping', 'number'] });
    assert.ok(got.children.every((c: any) => GUID.test(c.id)));

    const crust = await add(`/compositeentities/${id}/children`, { name: 'Crust' });
    assert.match(crust, GUID);
    const topping = got.children[0].id;
    assert.equal((await api('DELETE', `/compositeentities/${id}/children/${topping}`)).status, 200);
    assert.deepEqual((await api('GET', '/compositeentities')).body.map((c: any) => [c.name, c.children.map((x: any) => x.name)]), [['PizzaOrder', ['number', 'Crust']]]);

    const twice = await api('POST', '/compositeentities', { name: 'Twice', children: ['Crust', 'Crust'] });
    assert.equal(twice.status, 400);
    assert.match(twice.body.error.message, /"Twice" already has a child named "Crust"/);
    const ghost = await api('POST', '/compositeentities', { name: 'Ghostly', children: ['NoSuchEntity'] });
    assert.equal(ghost.status, 400);
    assert.match(ghost.body.error.message, /NoSuchEntity/);

    assert.equal((await api('PUT', `/compositeentities/${id}`, { name: 'Order' })).status, 200);
    assert.equal((await api('GET', `/compositeentities/${id}`)).body.name, 'Order');
    assert.equal((await api('DELETE', `/compositeentities/${id}`)).status, 200);
    assert.deepEqual((await api('GET', '/compositeentities')).body, []);
  });

  it('a hierarchical entity: add with children, get a child as a Hierarchical Child Entity Extractor, rename, add and delete children', async () => {
    const id = await add('/hierarchicalentities', { name: 'Trip', children: ['From', 'To'] });
    const got = (await api('GET', `/hierarchicalentities/${id}`)).body;
    assert.deepEqual({ ...got, children: got.children.map((c: any) => c.name) },
      { id, name: 'Trip', typeId: 3, readableType: 'Hierarchical Entity Extractor', roles: [], children: ['From', 'To'] });
    const to = got.children[1].id;
    assert.deepEqual((await api('GET', `/hierarchicalentities/${id}/children/${to}`)).body, { id: to, name: 'To', typeId: 6, readableType: 'Hierarchical Child Entity Extractor' });

    assert.equal((await api('PUT', `/hierarchicalentities/${id}/children/${to}`, { name: 'Destination' })).status, 200);
    const via = await add(`/hierarchicalentities/${id}/children`, { name: 'Via' });
    assert.match(via, GUID);
    const sibling = await api('PUT', `/hierarchicalentities/${id}/children/${via}`, { name: 'Destination' });
    assert.equal(sibling.status, 400);
    assert.match(sibling.body.error.message, /"Trip" already has a child named "Destination"/);
    const bad = await api('POST', `/hierarchicalentities/${id}/children`, { name: 'a:b' });
    assert.equal(bad.status, 400);
    assert.match(bad.body.error.message, /child entity name "a:b"/);
    assert.equal((await api('DELETE', `/hierarchicalentities/${id}/children/${got.children[0].id}`)).status, 200);
    assert.deepEqual((await api('GET', `/hierarchicalentities/${id}`)).body.children.map((c: any) => c.name), ['Destination', 'Via']);

    const twice = await api('POST', '/hierarchicalentities', { name: 'Leg', children: ['Stop', 'Stop'] });
    assert.equal(twice.status, 400);
    assert.match(twice.body.error.message, /"Leg" already has a child named "Stop"/);

    assert.equal((await api('PUT', `/hierarchicalentities/${id}`, { name: 'Journey', children: ['Start', 'End'] })).status, 200);
    assert.deepEqual((await api('GET', '/hierarchicalentities')).body.map((h: any) => [h.name, h.children.map((c: any) => c.name)]), [['Journey', ['Start', 'End']]]);
    assert.equal((await api('DELETE', `/hierarchicalentities/${id}`)).status, 200);
    assert.equal((await api('GET', `/hierarchicalentities/${id}`)).status, 404);
  });

  it('a Pattern.any entity: add with an explicit list, then list, add, get, change and delete its items', async () => {
    const id = await add('/patternanyentities', { name: 'Title', explicitList: ['the man who was thursday'] });
    const got = (await api('GET', `/patternanyentities/${id}`)).body;
    assert.deepEqual({ ...got, explicitList: got.explicitList.map((e: any) => e.explicitListItem) },
      { id, name: 'Title', typeId: 7, readableType: 'Pattern.Any Entity Extractor', roles: [], explicitList: ['the man who was thursday'] });

    const item = await add(`/patternanyentities/${id}/explicitlist`, { explicitListItem: 'what if' });
    assert.ok(Number.isInteger(item));
    assert.deepEqual((await api('GET', `/patternanyentities/${id}/explicitlist/${item}`)).body, { id: item, explicitListItem: 'what if' });
    assert.equal((await api('PUT', `/patternanyentities/${id}/explicitlist/${item}`, { explicitListItem: 'what if?' })).status, 200);
    assert.deepEqual((await api('GET', `/patternanyentities/${id}/explicitlist`)).body.map((e: any) => e.explicitListItem), ['the man who was thursday', 'what if?']);
    assert.equal((await api('DELETE', `/patternanyentities/${id}/explicitlist/${item}`)).status, 200);
    assert.equal((await api('GET', `/patternanyentities/${id}/explicitlist/${item}`)).status, 404);

    assert.equal((await api('PUT', `/patternanyentities/${id}`, { name: 'BookTitle', explicitList: [] })).status, 200);
    assert.deepEqual((await api('GET', '/patternanyentities')).body.map((p: any) => [p.name, p.explicitList]), [['BookTitle', []]]);
    assert.equal((await api('DELETE', `/patternanyentities/${id}`)).status, 200);
  });

  it("each type's count limit is 400 naming it: 100 machine-learned, 50 list, 20 regular expression, 100 Pattern.any entities", async () => {
    const names = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
    const full = await call(server, 'POST', '/luis/api/v2.0/apps/import?appName=Full%20of%20entities', key, {
      luis_schema_version: '7.0.0', name: 'Full', versionId: '0.1', culture: 'en-us', intents: [{ name: 'None' }], utterances: [],
      entities: names('ml', 98).map((name) => ({ name, roles: [], children: [], features: [] })),
      hierarchicals: [{ name: 'H', children: ['A'], roles: [] }],
      composites: [{ name: 'C', children: ['ml0'], roles: [] }],
      closedLists: names('list', 50).map((name) => ({ name, subLists: [], roles: [] })),
      regex_entities: names('re', 20).map((name) => ({ name, regexPattern: 'x', roles: [] })),
      patternAnyEntities: names('any', 100).map((name) => ({ name, explicitList: [], roles: [] })),
    });
    assert.equal(full.status, 201, JSON.stringify(full.body));
    const v = `/luis/api/v2.0/apps/${full.body}/versions/0.1`;
    const refused = async (path: string, body: unknown, message: RegExp) => {
      const res = await call(server, 'POST', `${v}${path}`, key, body);
      assert.equal(res.status, 400, `${path}: ${JSON.stringify(res.body)}`);
      assert.match(res.body.error.message, message);
    };
    const ml = /101 machine-learned, hierarchical and composite entities; the limit is 100/;
    await refused('/entities', { name: 'oneMore' }, ml);
    await refused('/hierarchicalentities', { name: 'oneMore', children: ['B'] }, ml);
    await refused('/compositeentities', { name: 'oneMore', children: ['ml1'] }, ml);
    await refused('/closedlists', { name: 'oneMore', subLists: [] }, /51 list entities; the limit is 50/);
    await refused('/regexentities', { name: 'oneMore', regexPattern: 'y' }, /21 regular expression entities; the limit is 20/);
    await refused('/patternanyentities', { name: 'oneMore' }, /101 Pattern.any entities; the limit is 100/);
    // Prebuilts have no count limit of their own.
    assert.equal((await call(server, 'POST', `${v}/prebuilts`, key, ['number'])).status, 201);
  });

  it('every type has roles at /{type}/{id}/roles', async () => {
    const ids: Record<string, string> = {
      entities: await add('/entities', { name: 'RoleSimple' }),
      closedlists: await add('/closedlists', { name: 'RoleList', subLists: [{ canonicalForm: 'x', list: [] }] }),
      regexentities: await add('/regexentities', { name: 'RoleRegex', regexPattern: 'x+' }),
      prebuilts: (await api('POST', '/prebuilts', ['ordinal'])).body[0].id,
      compositeentities: await add('/compositeentities', { name: 'RoleComposite', children: ['RoleSimple'] }),
      hierarchicalentities: await add('/hierarchicalentities', { name: 'RoleHierarchy', children: ['Part'] }),
      patternanyentities: await add('/patternanyentities', { name: 'RoleAny' }),
    };
    for (const [segment, id] of Object.entries(ids)) {
      const role = await add(`/${segment}/${id}/roles`, { name: 'first' });
      assert.equal((await api('PUT', `/${segment}/${id}/roles/${role}`, { name: 'second' })).status, 200, segment);
      assert.deepEqual((await api('GET', `/${segment}/${id}`)).body.roles, [{ id: role, name: 'second' }], segment);
      assert.deepEqual((await api('GET', `/${segment}/${id}/roles/${role}`)).body, { id: role, name: 'second' }, segment);
      assert.equal((await api('DELETE', `/${segment}/${id}/roles/${role}`)).status, 200, segment);
      assert.deepEqual((await api('GET', `/${segment}/${id}/roles`)).body, [], segment);
    }
  });
});

describe('LUIS examples labelled by character offsets, and what a trained app finds', () => {
  let server: TestServer;
  let key: string;
  let endpointKey: string;
  let appId: string;
  const api = versionApi(() => ({ server, key, appId }));
  const label = (text: string, phrase: string, entityName: string, role?: string) => {
    const start = text.indexOf(phrase);
    assert.ok(start >= 0, `"${phrase}" in "${text}"`);
    return { entityName, startCharIndex: start, endCharIndex: start + phrase.length - 1, ...(role ? { role } : {}) };
  };

  before(async () => {
    server = await startFastLuisServer();
    const owner = await luisUser(server);
    key = owner.authoring.westus;
    endpointKey = (await endpointResource(server, owner, 'entity-types-endpoint')).key;
    const created = await call(server, 'POST', '/luis/api/v2.0/apps/', key, { name: 'Coffee and books', culture: 'en-us', initialVersionId: '0.1' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    appId = created.body;
    await assignKey(server, key, appId, 'entity-types-endpoint');
    for (const name of ['OrderCoffee', 'FindBook']) assert.equal((await api('POST', '/intents', { name })).status, 201);
    assert.equal((await api('POST', '/closedlists', { name: 'Size', subLists: [{ canonicalForm: 'small', list: ['tall', 'little'] }, { canonicalForm: 'large', list: ['venti', 'big'] }] })).status, 201);
    assert.equal((await api('POST', '/regexentities', { name: 'OrderNumber', regexPattern: 'ord-[a-z]{4}' })).status, 201);
    assert.equal((await api('POST', '/prebuilts', ['number'])).status, 201);
    assert.equal((await api('POST', '/patternanyentities', { name: 'BookTitle', explicitList: [] })).status, 201);
    assert.equal((await api('POST', '/entities', { name: 'Drink' })).status, 201);
  });
  after(async () => server?.close());

  it('one example: its labels are character offsets, end inclusive, and the listing gives them back as token indexes', async () => {
    const text = 'a large latte please';
    const res = await api('POST', '/example', { text, intentName: 'OrderCoffee', entityLabels: [label(text, 'latte', 'Drink')] });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.UtteranceText, text);
    assert.ok(Number.isInteger(res.body.ExampleId));
    const listed = (await api('GET', '/examples?take=100')).body.find((e: any) => e.id === res.body.ExampleId);
    assert.deepEqual(listed.tokenizedText, ['a', 'large', 'latte', 'please']);
    assert.deepEqual(listed.entityLabels, [{ entityName: 'Drink', startTokenIndex: 2, endTokenIndex: 2 }]);
    const exported = (await api('GET', '/export')).body.utterances.find((u: any) => u.text === text);
    assert.deepEqual(exported.entities, [{ entity: 'Drink', startPos: 8, endPos: 12 }]);
  });

  it('spaces around an example are trimmed, and its labels, counted in the text as sent, move with it', async () => {
    const text = '   a tall mocha  ';
    const res = await api('POST', '/example', { text, intentName: 'OrderCoffee', entityLabels: [label(text, 'mocha', 'Drink')] });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.UtteranceText, 'a tall mocha');
    const exported = (await api('GET', '/export')).body.utterances.find((u: any) => u.text === 'a tall mocha');
    assert.deepEqual(exported.entities, [{ entity: 'Drink', startPos: 7, endPos: 11 }]);
  });

  it('a batch: every example is answered in order; one labelled outside its text is refused naming the utterance, the others are kept (207)', async () => {
    const drinks = ['espresso', 'cappuccino', 'mocha', 'flat white', 'americano', 'latte', 'cortado', 'macchiato'];
    const good = drinks.flatMap((drink) => [`i would like a ${drink}`, `can i get a ${drink} to go`, `one ${drink} for me`]).map((text, i) => {
      const drink = drinks[Math.floor(i / 3)];
      return { text, intentName: 'OrderCoffee', entityLabels: [label(text, drink, 'Drink')] };
    });
    const books = ['dune', 'emma', 'the hobbit', 'war and peace', 'middlemarch', 'ulysses'];
    const findBook = books.flatMap((b) => [`find the book ${b}`, `look up ${b} in the catalogue`]).map((text) => ({ text, intentName: 'FindBook' }));
    const none = ['what is the weather', 'tell me a joke', 'hello there', 'how tall is the tower'].map((text) => ({ text, intentName: 'None' }));
    const outside = { text: 'a mocha now', intentName: 'OrderCoffee', entityLabels: [{ entityName: 'Drink', startCharIndex: 2, endCharIndex: 30 }] };
    const batch = [...good.slice(0, 5), outside, ...good.slice(5), ...findBook, ...none];
    const res = await api('POST', '/examples', batch);
    assert.equal(res.status, 207, JSON.stringify(res.body));
    assert.equal(res.body.length, batch.length);
    assert.deepEqual(res.body.map((r: any) => r.value.UtteranceText), batch.map((e) => e.text));
    const failed = res.body.filter((r: any) => r.hasError);
    assert.equal(failed.length, 1);
    assert.equal(failed[0], res.body[5]);
    assert.match(failed[0].error.message, /^a mocha now: .*outside the text/);
    assert.ok(res.body.filter((r: any) => !r.hasError).every((r: any) => Number.isInteger(r.value.ExampleId) && r.value.ExampleId > 0));
    const texts = (await api('GET', '/examples?take=500')).body.map((e: any) => e.text);
    assert.ok(good.every((e) => texts.includes(e.text)));
    assert.ok(!texts.includes('a mocha now'));
  });

  it('a batch naming an unknown entity or intent, or an example over 500 characters, is refused item by item; over 100 examples, as a whole', async () => {
    const res = await api('POST', '/examples', [
      { text: 'a ghost of a coffee', intentName: 'OrderCoffee', entityLabels: [{ entityName: 'Ghost', startCharIndex: 2, endCharIndex: 6 }] },
      { text: 'a coffee for nobody', intentName: 'NoSuchIntent' },
      { text: `a coffee ${'very '.repeat(100)}hot`, intentName: 'OrderCoffee' },
    ]);
    assert.equal(res.status, 207, JSON.stringify(res.body));
    assert.ok(res.body.every((r: any) => r.hasError));
    assert.match(res.body[0].error.message, /^a ghost of a coffee: .*Ghost/);
    assert.match(res.body[1].error.message, /^a coffee for nobody: .*NoSuchIntent/);
    assert.match(res.body[2].error.message, /^a coffee very .*512 characters; the limit is 500/);
    const tooMany = await api('POST', '/examples', Array.from({ length: 101 }, (_, i) => ({ text: `coffee ${i}`, intentName: 'OrderCoffee' })));
    assert.equal(tooMany.status, 400);
  });

  it('trained and published, a v3 verbose prediction finds list, regex, prebuilt and Pattern.any entities where they are', async () => {
    assert.equal((await api('POST', '/patternrule', { pattern: 'find the book {BookTitle}', intent: 'FindBook' })).status, 201);
    assert.equal((await api('POST', '/train')).status, 202);
    const status = await waitForTraining(server, key, appId, '0.1');
    assert.ok(status.every((m) => m.details.status === 'Success'), JSON.stringify(status));
    assert.equal((await call(server, 'POST', `/luis/api/v2.0/apps/${appId}/publish`, key, { versionId: '0.1', isStaging: false })).status, 201);
    const predict = (query: string) => call(server, 'GET', `/luis/prediction/v3.0/apps/${appId}/slots/production/predict?verbose=true&log=false&query=${encodeURIComponent(query)}`, endpointKey);

    const order = 'i want 2 venti coffees for ord-qxzv';
    const res = await predict(order);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const { entities } = res.body.prediction;
    assert.deepEqual(entities.Size, [['large']]);
    assert.deepEqual(entities.OrderNumber, ['ord-qxzv']);
    assert.deepEqual(entities.number, [2]);
    const at = (name: string) => entities.$instance[name].map((i: any) => [i.text, i.startIndex, i.length, i.modelType]);
    assert.deepEqual(at('Size'), [['venti', order.indexOf('venti'), 5, 'List Entity Extractor']]);
    assert.deepEqual(at('OrderNumber'), [['ord-qxzv', order.indexOf('ord-qxzv'), 8, 'Regex Entity Extractor']]);
    assert.deepEqual(at('number'), [['2', order.indexOf('2'), 1, 'Prebuilt Entity Extractor']]);

    const find = 'find the book the name of the rose';
    const book = await predict(find);
    assert.equal(book.body.prediction.topIntent, 'FindBook');
    assert.deepEqual(book.body.prediction.entities.BookTitle, ['the name of the rose']);
    const instance = book.body.prediction.entities.$instance.BookTitle[0];
    assert.deepEqual([instance.text, instance.startIndex, instance.length, instance.modelType], ['the name of the rose', find.indexOf('the name'), 20, 'Pattern.Any Entity Extractor']);
  });

  it('an app of 15,000 examples is accepted; the 15,001st example, added or imported, is 400 naming the limit', async () => {
    const app = (count: number) => ({
      luis_schema_version: '7.0.0', name: 'Big', versionId: '0.1', culture: 'en-us', intents: [{ name: 'None' }],
      utterances: Array.from({ length: count }, (_, i) => ({ text: `utterance number ${i}`, intent: 'None', entities: [] })),
    });
    const over = await call(server, 'POST', '/luis/api/v2.0/apps/import?appName=Over', key, app(15_001));
    assert.equal(over.status, 400);
    assert.match(over.body.error.message, /15001 example utterances; the limit is 15000/);
    const full = await call(server, 'POST', '/luis/api/v2.0/apps/import?appName=Full', key, app(15_000));
    assert.equal(full.status, 201, JSON.stringify(full.body));
    const one = await call(server, 'POST', `/luis/api/v2.0/apps/${full.body}/versions/0.1/example`, key, { text: 'one too many', intentName: 'None' });
    assert.equal(one.status, 400);
    assert.match(one.body.error.message, /15001 example utterances; the limit is 15000/);
  });
});

describe('LUIS machine-learned entities with children, and edits that reach every reference', () => {
  let server: TestServer;
  let key: string;
  let appId: string;
  const api = versionApi(() => ({ server, key, appId }));
  const exported = async () => (await api('GET', '/export')).body;
  const labelsOf = async (text: string) => (await exported()).utterances.find((u: any) => u.text === text)?.entities;

  before(async () => {
    server = await startFastLuisServer();
    key = (await luisUser(server)).authoring.westus;
    // Machine-learned entities with children come with schema 6+ apps; the v2.0 authoring API has no route to add them.
    const imported = await call(server, 'POST', '/luis/api/v2.0/apps/import?appName=Pizza', key, {
      luis_schema_version: '7.0.0', name: 'Pizza', versionId: '0.1', culture: 'en-us',
      intents: [{ name: 'None', features: [] }, { name: 'OrderPizza', features: [] }, { name: 'Travel', features: [] }],
      entities: [
        { name: 'Order', roles: [], features: [], children: [
          { name: 'Size', children: [], features: [{ featureName: 'SizeWords' }] },
          { name: 'Quantity', instanceOf: 'number', children: [], features: [] },
        ] },
        { name: 'City', roles: ['Origin', 'Destination'], children: [], features: [] },
      ],
      hierarchicals: [{ name: 'Trip', children: ['From', 'To'], roles: [] }],
      composites: [{ name: 'Route', children: ['City', 'Trip'], roles: [] }],
      prebuiltEntities: [{ name: 'number', roles: [] }],
      phraselists: [{ name: 'SizeWords', words: 'small,large', mode: true, activated: true }],
      patterns: [{ pattern: 'fly from {City:Origin} to {City:Destination}', intent: 'Travel' }, { pattern: 'visit {City}', intent: 'Travel' }],
      utterances: [
        { text: 'fly from oslo to rome', intent: 'Travel', entities: [{ entity: 'City', startPos: 9, endPos: 12, role: 'Origin' }, { entity: 'City', startPos: 17, endPos: 20, role: 'Destination' }] },
        { text: 'a trip from bergen', intent: 'Travel', entities: [{ entity: 'Trip::From', startPos: 12, endPos: 17 }] },
      ],
    });
    assert.equal(imported.status, 201, JSON.stringify(imported.body));
    appId = imported.body;
  });
  after(async () => server?.close());

  it('an entity with children is got with them, as LUIS writes them', async () => {
    const order = (await api('GET', '/entities')).body.find((e: any) => e.name === 'Order');
    const got = await api('GET', `/entities/${order.id}`);
    assert.deepEqual(got.body, {
      id: order.id, name: 'Order', typeId: 1, readableType: 'Entity Extractor', roles: [],
      children: [
        { name: 'Size', children: [], features: [{ featureName: 'SizeWords', isRequired: false }] },
        { name: 'Quantity', instanceOf: 'number', children: [], features: [] },
      ],
    });
  });

  it("labels of an entity's children, sent flat by character offsets, are kept under the parent label that holds them", async () => {
    const text = 'two large pizzas please';
    const res = await api('POST', '/examples', [{ text, intentName: 'OrderPizza', entityLabels: [
      { entityName: 'Order', startCharIndex: 0, endCharIndex: 15 },
      { entityName: 'Quantity', startCharIndex: 0, endCharIndex: 2 },
      { entityName: 'Size', startCharIndex: 4, endCharIndex: 8 },
    ] }]);
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.deepEqual(await labelsOf(text), [{ entity: 'Order', startPos: 0, endPos: 15, children: [
      { entity: 'Quantity', startPos: 0, endPos: 2 }, { entity: 'Size', startPos: 4, endPos: 8 },
    ] }]);
    const listed = (await api('GET', '/examples?take=100')).body.find((e: any) => e.text === text);
    assert.deepEqual(listed.entityLabels.map((l: any) => [l.entityName, l.startTokenIndex, l.endTokenIndex]), [['Order', 0, 2], ['Quantity', 0, 0], ['Size', 1, 1]]);
  });

  it('renaming a role relabels its examples and rewrites its patterns; a role a pattern still uses cannot be deleted', async () => {
    const city = (await api('GET', '/entities')).body.find((e: any) => e.name === 'City');
    const origin = city.roles.find((r: any) => r.name === 'Origin');
    assert.equal((await api('PUT', `/entities/${city.id}/roles/${origin.id}`, { name: 'Departure' })).status, 200);
    assert.deepEqual((await labelsOf('fly from oslo to rome')).map((l: any) => l.role), ['Departure', 'Destination']);
    assert.ok((await exported()).patterns.some((p: any) => p.pattern === 'fly from {City:Departure} to {City:Destination}'));
    const inUse = await api('DELETE', `/entities/${city.id}/roles/${origin.id}`);
    assert.equal(inUse.status, 400);
    assert.match(inUse.body.error.message, /fly from \{City:Departure\}.*Departure/);
    assert.deepEqual((await api('GET', `/entities/${city.id}/roles`)).body.map((r: any) => r.name), ['Departure', 'Destination']);
  });

  it('renaming a hierarchical child relabels Parent::Child; renaming an entity reaches composites and patterns', async () => {
    const trip = (await api('GET', '/hierarchicalentities')).body[0];
    const from = trip.children.find((c: any) => c.name === 'From');
    assert.equal((await api('PUT', `/hierarchicalentities/${trip.id}/children/${from.id}`, { name: 'Start' })).status, 200);
    assert.deepEqual(await labelsOf('a trip from bergen'), [{ entity: 'Trip::Start', startPos: 12, endPos: 17 }]);

    const city = (await api('GET', '/entities')).body.find((e: any) => e.name === 'City');
    assert.equal((await api('PUT', `/entities/${city.id}`, { name: 'Town' })).status, 200);
    const app = await exported();
    assert.deepEqual(app.composites, [{ name: 'Route', children: ['Town', 'Trip'], roles: [] }]);
    assert.deepEqual(app.patterns.map((p: any) => p.pattern).sort(), ['fly from {Town:Departure} to {Town:Destination}', 'visit {Town}']);
    assert.deepEqual((await labelsOf('fly from oslo to rome')).map((l: any) => l.entity), ['Town', 'Town']);
  });

  it("replacing a hierarchical entity's children keeps the ids of those that stay and drops the labels of those that go", async () => {
    const trip = (await api('GET', '/hierarchicalentities')).body[0];
    const start = trip.children.find((c: any) => c.name === 'Start');
    assert.equal((await api('PUT', `/hierarchicalentities/${trip.id}`, { name: 'Trip', children: ['Start', 'Via'] })).status, 200);
    const kept = (await api('GET', `/hierarchicalentities/${trip.id}`)).body.children;
    assert.deepEqual(kept.map((c: any) => c.name), ['Start', 'Via']);
    assert.equal(kept[0].id, start.id);
    assert.equal((await api('GET', `/hierarchicalentities/${trip.id}/children/${start.id}`)).status, 200);
    assert.deepEqual(await labelsOf('a trip from bergen'), [{ entity: 'Trip::Start', startPos: 12, endPos: 17 }]);
    const dropped = await api('PUT', `/hierarchicalentities/${trip.id}`, { name: 'Trip', children: ['Via'] });
    assert.equal(dropped.status, 200, JSON.stringify(dropped.body));
    assert.deepEqual(await labelsOf('a trip from bergen'), []);
  });

  it('deleting an entity drops its labels (children with them) and its place in composites', async () => {
    const order = (await api('GET', '/entities')).body.find((e: any) => e.name === 'Order');
    assert.equal((await api('DELETE', `/entities/${order.id}`)).status, 200);
    assert.deepEqual(await labelsOf('two large pizzas please'), []);
    const trip = (await api('GET', '/hierarchicalentities')).body[0];
    assert.equal((await api('DELETE', `/hierarchicalentities/${trip.id}`)).status, 200);
    assert.deepEqual((await api('GET', '/compositeentities')).body[0].children.map((c: any) => c.name), ['Town']);
  });
});

describe('the authoring SDK 3.0.1 drives every entity type', () => {
  let server: TestServer;
  let client: LUISAuthoringClient;
  let appId: string;
  const v = '0.1';

  before(async () => {
    server = await startFastLuisServer();
    const key = (await luisUser(server)).authoring.westus;
    client = new LUISAuthoringClient(new ApiKeyCredentials({ inHeader: { 'Ocp-Apim-Subscription-Key': key } }), server.url);
    appId = (await client.apps.add({ name: 'SDK entities', culture: 'en-us', initialVersionId: v })).body;
  });
  after(async () => server?.close());

  it('list entities, sublists and their roles', async () => {
    const list = (await client.model.addClosedList(appId, v, { name: 'Color', subLists: [{ canonicalForm: 'red', list: ['crimson'] }] })).body;
    const blue = (await client.model.addSubList(appId, v, list, { canonicalForm: 'blue', list: ['navy'] })).body;
    assert.ok(Number.isInteger(blue));
    await client.model.updateSubList(appId, v, list, blue, { canonicalForm: 'blue', list: ['navy', 'azure'] });
    await client.model.patchClosedList(appId, v, list, { subLists: [{ canonicalForm: 'green', list: [] }] });
    const got = await client.model.getClosedList(appId, v, list);
    assert.equal(got.readableType, 'List Entity Extractor');
    assert.deepEqual(got.subLists!.map((s) => [s.canonicalForm, s.list]), [['red', ['crimson']], ['blue', ['navy', 'azure']], ['green', []]]);
    const role = (await client.model.createClosedListEntityRole(appId, v, list, { name: 'Favourite' })).body;
    assert.deepEqual(await client.model.listClosedListEntityRoles(appId, v, list), [{ id: role, name: 'Favourite' }]);
    await client.model.deleteSubList(appId, v, list, blue);
    assert.equal((await client.model.getClosedList(appId, v, list)).subLists!.length, 2);
  });

  it('regular expression, Pattern.any and prebuilt entities', async () => {
    const regex = (await client.model.createRegexEntityModel(appId, v, { name: 'Zip', regexPattern: '[0-9]{5}' })).body;
    await client.model.updateRegexEntityModel(appId, v, regex, { name: 'Zip', regexPattern: '[0-9]{5}(-[0-9]{4})?' });
    const got = await client.model.getRegexEntityEntityInfo(appId, v, regex);
    assert.deepEqual([got.name, got.readableType, got.regexPattern], ['Zip', 'Regex Entity Extractor', '[0-9]{5}(-[0-9]{4})?']);
    await assert.rejects(client.model.createRegexEntityModel(appId, v, { name: 'Bad', regexPattern: '[0-9' }), (err: any) => err.statusCode === 400);

    const any = (await client.model.createPatternAnyEntityModel(appId, v, { name: 'Song', explicitList: [] })).body;
    const item = (await client.model.addExplicitListItem(appId, v, any, { explicitListItem: 'let it be' })).body;
    assert.deepEqual(await client.model.getExplicitList(appId, v, any), [{ id: item, explicitListItem: 'let it be' }]);

    const prebuilts = await client.model.addPrebuilt(appId, v, ['money', 'age']);
    assert.deepEqual(prebuilts.map((p) => [p.name, p.readableType]), [['money', 'Prebuilt Entity Extractor'], ['age', 'Prebuilt Entity Extractor']]);
    await assert.rejects(client.model.addPrebuilt(appId, v, ['moneyV9']), (err: any) => err.statusCode === 400 && /moneyV9/.test(err.message));
  });

  it('hierarchical and composite entities and their children', async () => {
    const trip = (await client.model.addHierarchicalEntity(appId, v, { name: 'Flight', children: ['Outbound'] })).body;
    const back = (await client.model.addHierarchicalEntityChild(appId, v, trip, { name: 'Return' })).body;
    const child = await client.model.getHierarchicalEntityChild(appId, v, trip, back);
    assert.deepEqual([child.id, child.name, child.readableType], [back, 'Return', 'Hierarchical Child Entity Extractor']);
    await client.model.updateHierarchicalEntityChild(appId, v, trip, back, { name: 'Inbound' });
    assert.deepEqual((await client.model.getHierarchicalEntity(appId, v, trip)).children!.map((c) => c.name), ['Outbound', 'Inbound']);

    await client.model.addEntity(appId, v, { name: 'Airline' });
    const booking = (await client.model.addCompositeEntity(appId, v, { name: 'Booking', children: ['Airline'] })).body;
    const money = (await client.model.addCompositeEntityChild(appId, v, booking, { name: 'money' })).body;
    assert.deepEqual((await client.model.getCompositeEntity(appId, v, booking)).children!.map((c) => [c.id, c.name]).slice(1), [[money, 'money']]);
    await client.model.deleteCompositeEntityChild(appId, v, booking, money);
    assert.deepEqual((await client.model.getCompositeEntity(appId, v, booking)).children!.map((c) => c.name), ['Airline']);
  });

  it('phrase lists and settings', async () => {
    const id = (await client.features.addPhraseList(appId, v, { name: 'Airlines', phrases: 'klm,sas', isExchangeable: true })).body;
    await client.features.updatePhraseList(appId, v, id, { phraselistUpdateObject: { name: 'Airlines', phrases: 'klm,sas,finnair', isActive: true } });
    const got = await client.features.getPhraseList(appId, v, id);
    assert.deepEqual([got.name, got.phrases, got.isActive], ['Airlines', 'klm,sas,finnair', true]);
    await client.settings.update(appId, v, [{ name: 'UseAllTrainingData', value: 'true' }]);
    assert.deepEqual(await client.settings.list(appId, v), [{ name: 'UseAllTrainingData', value: 'true' }]);
  });
});
