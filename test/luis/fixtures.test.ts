// Every real exported LUIS app imports, trains, publishes and answers, and
// export → import gives an equal app; on SQLite and on PostgreSQL.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import type { TestServer } from '../support/server.ts';
import { createTestDatabase, type TestDatabase } from '../support/postgres.ts';
import { FIXTURES, assignKey, call, endpointResource, fixture, luisUser, publishedApp, startFastLuisServer, type LuisUser } from './support.ts';

const NAMES = readdirSync(FIXTURES).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, '')).sort();

/** An export without what legitimately differs between two apps (name and version id). */
function comparable(exported: any): any {
  const { name: _n, versionId: _v, ...rest } = exported;
  return rest;
}

for (const store of ['sqlite', 'postgres'] as const) {
  describe(`LUIS fixture apps (${store})`, () => {
    let server: TestServer;
    let database: TestDatabase | undefined;
    let user: LuisUser;
    let endpointKey: string;

    before(async () => {
      database = store === 'postgres' ? await createTestDatabase() : undefined;
      server = await startFastLuisServer({ databaseUrl: database?.url });
      user = await luisUser(server);
      endpointKey = (await endpointResource(server, user, 'fixtures-endpoint')).key;
    });
    after(async () => {
      await server?.close();
      await database?.drop();
    });

    for (const name of store === 'sqlite' ? NAMES : ['flight-booking', 'pizza-ml-entities-v6']) {
      it(`${name}: imports, trains, publishes and answers an utterance of its own with its intent`, async () => {
        const json = fixture(name);
        const { appId } = await publishedApp(server, user.authoring.westus, json, { appName: name });
        await assignKey(server, user.authoring.westus, appId, 'fixtures-endpoint');
        const sample = json.utterances.find((u: any) => u.intent !== 'None') ?? json.utterances[0];
        const v2 = await call(server, 'GET', `/luis/v2.0/apps/${appId}?q=${encodeURIComponent(sample.text)}&verbose=true`, endpointKey);
        assert.equal(v2.status, 200, JSON.stringify(v2.body));
        assert.equal(v2.body.topScoringIntent.intent, sample.intent);
        // LUIS apps always have the None intent, whether or not the export lists it.
        assert.equal(v2.body.intents.length, new Set([...json.intents.map((i: any) => i.name), 'None']).size);
        const v3 = await call(server, 'POST', `/luis/prediction/v3.0/apps/${appId}/slots/production/predict?show-all-intents=true&verbose=true`, endpointKey, { query: sample.text });
        assert.equal(v3.status, 200, JSON.stringify(v3.body));
        assert.equal(v3.body.prediction.topIntent, sample.intent);
        assert.ok(v3.body.prediction.entities.$instance, 'verbose v3 answers carry $instance');
      });

      it(`${name}: export → import (as a new app and as a new version) gives an equal app`, async () => {
        const key = user.authoring.westus;
        const imported = await call(server, 'POST', `/luis/api/v2.0/apps/import?appName=${encodeURIComponent(`${name}-rt`)}`, key, fixture(name));
        assert.equal(imported.status, 201, JSON.stringify(imported.body));
        const appId = imported.body;
        const versionId = (await call(server, 'GET', `/luis/api/v2.0/apps/${appId}`, key)).body.activeVersion;
        const first = await call(server, 'GET', `/luis/api/v2.0/apps/${appId}/versions/${encodeURIComponent(versionId)}/export`, key);
        assert.equal(first.status, 200);
        const again = await call(server, 'POST', `/luis/api/v2.0/apps/import?appName=${encodeURIComponent(`${name}-rt2`)}`, key, first.body);
        assert.equal(again.status, 201, JSON.stringify(again.body));
        const secondVersion = (await call(server, 'GET', `/luis/api/v2.0/apps/${again.body}`, key)).body.activeVersion;
        const second = await call(server, 'GET', `/luis/api/v2.0/apps/${again.body}/versions/${encodeURIComponent(secondVersion)}/export`, key);
        assert.deepEqual(comparable(second.body), comparable(first.body));
        const asVersion = await call(server, 'POST', `/luis/api/v2.0/apps/${appId}/versions/import?versionId=copy`, key, first.body);
        assert.equal(asVersion.status, 201, JSON.stringify(asVersion.body));
        const third = await call(server, 'GET', `/luis/api/v2.0/apps/${appId}/versions/copy/export`, key);
        assert.deepEqual(comparable(third.body), comparable(first.body));
      });
    }
  });
}
