// After an upgrade whose NLU engine writes another model format, the stored
// models cannot be read: their apps answer 503 saying so (never a misread
// model), and the server retrains each from its version at start, under the
// same model id, so the apps answer again without anyone republishing.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestServer } from '../support/server.ts';
import { luisModule } from '../../src/luis/module.ts';
import { luisDb } from '../../src/luis/store/tables.ts';
import { PublishedApps } from '../../src/luis/runtime/published-apps.ts';
import { MODEL_FORMAT_VERSION, modelFormatVersion } from '../../src/nlu/index.ts';
import { assignKey, call, endpointResource, fixture, luisUser, publishedApp, startFastLuisServer, type LuisUser } from './support.ts';

describe('LUIS models saved by an earlier version of Portico', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'portico-upgrade-'));
  let server: TestServer;
  let owner: LuisUser;
  let appId: string;
  let endpointKey: string;
  let luis: ReturnType<typeof luisModule>;
  const start = async () => {
    luis = luisModule();
    server = await startFastLuisServer({ services: [luis], env: { PORTICO_DATA_DIR: dataDir } });
  };
  const predict = () => call(server, 'GET', `/luis/v2.0/apps/${appId}?q=${encodeURIComponent('turn off the kitchen lights')}&log=false`, endpointKey);
  const models = () => luisDb(server.platform.store.db).selectFrom('luis_models').select(['id', 'data']).where('app_id', '=', appId).execute();

  before(async () => {
    await start();
    owner = await luisUser(server);
    const endpoint = await endpointResource(server, owner, 'upgrade-endpoint');
    endpointKey = endpoint.key;
    ({ appId } = await publishedApp(server, owner.authoring.westus, fixture('home-automation'), { region: 'westus' }));
    await assignKey(server, owner.authoring.westus, appId, endpoint.name);
  });
  after(async () => {
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses such a model with 503 saying it is being retrained, never misreading it', async () => {
    assert.equal((await predict()).body.topScoringIntent.intent, 'HomeAutomation');
    // Make every stored model look as if an older engine had written it.
    for (const m of await models()) {
      const bytes = Buffer.from(m.data, 'base64');
      bytes.writeUInt32LE(MODEL_FORMAT_VERSION - 1, 4);
      await luisDb(server.platform.store.db).updateTable('luis_models').set({ data: bytes.toString('base64') }).where('id', '=', m.id).execute();
    }
    // This process keeps the models it has loaded; a process that loads them now (as after a restart) refuses them.
    assert.equal((await predict()).status, 200);
    const fresh = new PublishedApps(luisDb(server.platform.store.db));
    await assert.rejects(fresh.get(appId), (e: any) => {
      assert.deepEqual([e.statusCode, e.code], [503, 'ModelUpgrading']);
      assert.match(e.message, /earlier version of Portico/);
      return true;
    });
  });

  it('retrains those models at start, under the same ids, and the app answers again', async () => {
    const before = (await models()).map((m) => m.id).sort();
    await server.close();
    await start();
    await luis.service!.upgrade;
    const after = await models();
    assert.deepEqual(after.map((m) => m.id).sort(), before, 'the publications still point to the same models');
    for (const m of after) assert.equal(modelFormatVersion(Buffer.from(m.data, 'base64')), MODEL_FORMAT_VERSION);
    const answer = await predict();
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.equal(answer.body.topScoringIntent.intent, 'HomeAutomation');
  });
});
