// The in-memory view of published apps that prediction reads: rebuilt in the
// background when it is older than RUNTIME_APP_TTL_MS, and never lost to a
// rebuild that fails.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TestServer } from '../support/server.ts';
import { luisModule } from '../../src/luis/module.ts';
import { luisDb, type LuisDb } from '../../src/luis/store/tables.ts';
import { PublishedApps, RUNTIME_APP_TTL_MS } from '../../src/luis/runtime/published-apps.ts';
import { MODEL_FORMAT_VERSION } from '../../src/nlu/index.ts';
import { fixture, luisUser, publishedApp, startFastLuisServer } from './support.ts';

describe('published apps in memory', () => {
  let server: TestServer;
  let db: LuisDb;
  let appId: string;

  before(async () => {
    server = await startFastLuisServer({ services: [luisModule()] });
    db = luisDb(server.platform.store.db);
    const owner = await luisUser(server);
    ({ appId } = await publishedApp(server, owner.authoring.westus, fixture('home-automation'), { region: 'westus' }));
  });
  after(async () => {
    await server?.close();
  });

  const publication = () => db.selectFrom('luis_publications').selectAll().where('app_id', '=', appId).where('slot', '=', 'production').executeTakeFirstOrThrow();
  const production = (app: Awaited<ReturnType<PublishedApps['get']>>) => app?.slots.get('production')?.get('westus');

  it('keeps serving the entry it has when a background rebuild fails, and rebuilds it once the failure is gone', async () => {
    let clock = 1_000_000;
    const apps = new PublishedApps(db, () => clock);
    const first = await apps.get(appId);
    const { model_id: goodModel } = await publication();
    assert.equal(production(first)?.modelId, goodModel);

    // The publication now points at a model no process can read: every rebuild fails.
    const row = await db.selectFrom('luis_models').selectAll().where('id', '=', goodModel).executeTakeFirstOrThrow();
    const unreadable = Buffer.from(row.data, 'base64');
    unreadable.writeUInt32LE(MODEL_FORMAT_VERSION - 1, 4);
    await db.insertInto('luis_models').values({ ...row, id: 'unreadable-model', data: unreadable.toString('base64') }).execute();
    await db.updateTable('luis_publications').set({ model_id: 'unreadable-model' }).where('app_id', '=', appId).execute();

    clock += RUNTIME_APP_TTL_MS + 1;
    assert.equal(await apps.get(appId), first, 'the expired entry answers while it is rebuilt');
    await apps.close();
    assert.equal(await apps.get(appId), first, 'the failed rebuild left the entry serving');
    await apps.close();

    await db.updateTable('luis_publications').set({ model_id: goodModel }).where('app_id', '=', appId).execute();
    await apps.get(appId);
    await apps.close();
    const rebuilt = await apps.get(appId);
    assert.notEqual(rebuilt, first);
    assert.equal(rebuilt?.loadedAt, clock);
    assert.equal(production(rebuilt)?.modelId, goodModel);
  });
});
