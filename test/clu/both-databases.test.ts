// CLU on both databases: a project trained, deployed and asked, then its
// Language resource deleted, which takes its projects with it (models,
// deployments, deployments rolled out to other resources), on SQLite and on
// PostgreSQL: its key is refused and a new resource of the same name starts empty.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TestServer } from '../support/server.ts';
import { createTestDatabase, type TestDatabase } from '../support/postgres.ts';
import { API_VERSION, AUTHORING, call, deployedProject, languageKey, startCluServer } from './support.ts';

const q = `api-version=${API_VERSION}`;

for (const [name, database] of [['SQLite', async () => undefined], ['PostgreSQL', createTestDatabase]] as const) {
  describe(`deleting a Language resource with deployed CLU projects (${name})`, () => {
    let server: TestServer;
    let pgDatabase: TestDatabase | undefined;
    before(async () => {
      pgDatabase = await database();
      server = await startCluServer({ databaseUrl: pgDatabase?.url });
    });
    after(async () => {
      await server?.close();
      await pgDatabase?.drop();
    });

    it('answers from the deployment, then deletes its projects, models and deployments: the key is refused, and a new resource of the name starts empty', async () => {
      const { key, token, name: resource } = await languageKey(server);
      await deployedProject(server, key, 'goes-with-resource');
      const predicted = await call(server, 'POST', `/language/:analyze-conversations?${q}`, key, {
        kind: 'Conversation', analysisInput: { conversationItem: { id: '1', participantId: 'u', text: 'switch on the light' } },
        parameters: { projectName: 'goes-with-resource', deploymentName: 'production' },
      });
      assert.equal(predicted.status, 200, JSON.stringify(predicted.body));
      assert.equal(predicted.body.result.prediction.topIntent, 'TurnOn', 'the deployment answers before the resource goes');
      const del = await server.api('DELETE', `/api/resources/${resource}`, undefined, token);
      assert.equal(del.status, 204, JSON.stringify(del.body));
      assert.equal((await call(server, 'GET', `${AUTHORING}?${q}`, key)).status, 401);
      const again = await server.api('POST', '/api/resources', { name: resource, kind: 'TextAnalytics', tier: 'S', region: 'westus' }, token);
      assert.equal(again.status, 201, JSON.stringify(again.body));
      assert.deepEqual((await call(server, 'GET', `${AUTHORING}?${q}`, again.body.key1)).body.value, []);
    });
  });
}
