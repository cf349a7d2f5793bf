// The .lu file format through the authoring API v3.0-preview: every fixture
// imports as text, exports as .lu and imports again to the same app; .lu that
// Portico cannot read or honour is a 400 naming the construct and its line.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestServer } from '../support/server.ts';
import { call, endpointResource, luisSuite } from './support.ts';
import { parseLu } from '../../src/luis/lu/index.ts';

const LU_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'lu');
const V3 = '/luis/authoring/v3.0-preview';
const FIXTURES = ['homeautomation.lu', 'additem.en-us.lu', 'v7-upgrade.lu', 'pizza.lu', 'travel/main.lu'];

/** A fixture as one .lu text: references resolved beside the file, as `portico luis import` does. */
async function fixtureLu(name: string): Promise<string> {
  const text = readFileSync(join(LU_DIR, name), 'utf8');
  if (!text.includes('[import]')) return text;
  const { toLu } = await import('../../src/luis/lu/index.ts');
  return toLu(await parseLu(text, { file: name, resolve: (path) => readFileSync(join(LU_DIR, path), 'utf8') }));
}

async function sendLu(server: TestServer, key: string, path: string, text: string) {
  const res = await server.fetch(path, { method: 'POST', headers: { 'Ocp-Apim-Subscription-Key': key, 'content-type': 'text/plain' }, body: text });
  const body = await res.text();
  return { status: res.status, body: body ? JSON.parse(body) : undefined };
}

/** An exported app without what differs between two imports of it. */
const comparable = (app: any) => ({ ...app, versionId: undefined, name: undefined });

describe('.lu import and export (authoring v3.0-preview)', () => {
  const luis = luisSuite();

  for (const name of FIXTURES) {
    it(`round-trips ${name}: import .lu → export .lu → import → the same app`, async () => {
      const imported = await sendLu(luis.server, luis.key, `${V3}/apps/import?format=lu&appName=${encodeURIComponent(name)}`, await fixtureLu(name));
      assert.equal(imported.status, 201, JSON.stringify(imported.body));
      const appId = imported.body as string;
      const info = await call(luis.server, 'GET', `${V3}/apps/${appId}`, luis.key);
      const first = info.body.activeVersion;

      const lu = await luis.server.fetch(`${V3}/apps/${appId}/versions/${first}/export?format=lu`, { headers: { 'Ocp-Apim-Subscription-Key': luis.key } });
      assert.equal(lu.status, 200);
      assert.match(lu.headers.get('content-type') ?? '', /^text\/plain/);
      const text = await lu.text();
      assert.match(text, /^# \w+/m, 'the export has intent sections');

      const again = await sendLu(luis.server, luis.key, `${V3}/apps/${appId}/versions/import?versionId=0.2&format=lu`, text);
      assert.equal(again.status, 201, JSON.stringify(again.body));
      assert.equal(again.body, '0.2');
      assert.equal((await call(luis.server, 'GET', `${V3}/apps/${appId}`, luis.key)).body.activeVersion, '0.2', 'an imported version becomes the active version');

      const a = await call(luis.server, 'GET', `${V3}/apps/${appId}/versions/${first}/export?format=json`, luis.key);
      const b = await call(luis.server, 'GET', `${V3}/apps/${appId}/versions/0.2/export`, luis.key);
      assert.equal(a.status, 200);
      assert.ok(a.body.intents.length > 1 && a.body.utterances.length > 0);
      assert.deepEqual(comparable(b.body), comparable(a.body));
    });
  }

  it('keeps what the .lu says: metadata, roles, lists, regex, composite, ML children, phrase list, patterns', async () => {
    const imported = await sendLu(luis.server, luis.key, `${V3}/apps/import?format=lu`, readFileSync(join(LU_DIR, 'pizza.lu'), 'utf8'));
    assert.equal(imported.status, 201, JSON.stringify(imported.body));
    const app = (await call(luis.server, 'GET', `${V3}/apps/${imported.body}/versions/0.1/export`, luis.key)).body;
    assert.equal(app.name, 'PizzaOrdering');
    assert.equal(app.desc, 'Orders pizzas: sizes, toppings, delivery address');
    assert.deepEqual(app.intents.map((i: any) => i.name).sort(), ['AskToppings', 'CancelOrder', 'None', 'OrderPizza', 'TrackOrder']);
    assert.deepEqual(app.prebuiltEntities, [{ name: 'number', roles: ['count'] }]);
    assert.deepEqual(app.closedLists[0].subLists.map((s: any) => s.canonicalForm), ['cheese', 'mushrooms', 'ham']);
    assert.equal(app.regex_entities[0].regexPattern, 'PZ[0-9]{5}');
    assert.deepEqual(app.composites[0].children, ['address', 'size']);
    const address = app.entities.find((e: any) => e.name === 'address');
    assert.deepEqual(address.children.map((c: any) => c.name), ['streetNumber', 'streetName']);
    assert.deepEqual(app.phraselists[0].words, 'small,medium,large,family size');
    assert.ok(app.patterns.some((p: any) => p.pattern === 'do you put {topping} on the {size:small} ones'));
    const labelled = app.utterances.find((u: any) => u.text.startsWith('deliver a pizza'));
    assert.equal(labelled.entities.find((e: any) => e.entity === 'address').children.length, 2);
  });

  it('refuses .lu it cannot read with a 400 naming the line', async () => {
    const res = await sendLu(luis.server, luis.key, `${V3}/apps/import?format=lu`, '# Greet\n- hello\n\n@ gizmo widget\n');
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, 'BadArgument');
    assert.match(res.body.error.message, /line 4: No type definition found for entity "gizmo"/);
  });

  it('refuses QnA Maker sections instead of dropping them', async () => {
    const res = await sendLu(luis.server, luis.key, `${V3}/apps/import?format=lu`, '# Greet\n- hello\n\n# ? what are your hours\n```\nNine to five.\n```\n');
    assert.equal(res.status, 400);
    assert.match(res.body.error.message, /line 4: QnA Maker content/);
  });

  it('refuses a reference the luis.server cannot resolve, naming it and its line (never reading the luis.server\'s disk)', async () => {
    const res = await sendLu(luis.server, luis.key, `${V3}/apps/import?format=lu`, '# Greet\n- hello\n[import](../../../etc/passwd.lu)\n');
    assert.equal(res.status, 400);
    assert.match(res.body.error.message, /line 3: the reference \[import\]\(\.\.\/\.\.\/\.\.\/etc\/passwd\.lu\) cannot be resolved/);
  });

  it('resolves references through the caller when imported with its files (parseLu)', async () => {
    const app = await parseLu(readFileSync(join(LU_DIR, 'travel/main.lu'), 'utf8'), { file: 'main.lu', resolve: (path) => readFileSync(join(LU_DIR, 'travel', path), 'utf8') });
    assert.deepEqual((app.entities as any[]).map((e) => e.name).sort(), ['fromCity', 'toCity', 'travelDate']);
    assert.equal((app.phraselists as any[])[0].name, 'cities');
  });

  it('answers 401 to an endpoint luis.key on the v3.0-preview authoring routes', async () => {
    const endpoint = await endpointResource(luis.server, luis.user, 'lu-endpoint');
    const res = await call(luis.server, 'GET', `${V3}/apps/`, endpoint.key);
    assert.equal(res.status, 401);
  });
});
