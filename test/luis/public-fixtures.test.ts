// Every real LUIS app we collected (test/fixtures/luis-apps-public, SOURCES.md,
// and the shared exports) through the whole path: import, train, publish, answer
// one of its own utterances over v2 and v3 as its batch test of the training set
// did, and that batch test's accuracy. An app using what Portico cannot honour
// is refused at import with a 400 naming the construct and where it is.
// Writes the table of fixtures to test-output/luis-fixtures.md.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { TestServer } from '../support/server.ts';
import { FIXTURES, assignKey, call, endpointResource, luisUser, startFastLuisServer, waitForTraining, type LuisUser } from './support.ts';
import { datasetFromUtterances, MAX_BATCH_UTTERANCES } from '../../src/luis/batch/dataset.ts';

const PUBLIC = new URL('../fixtures/luis-apps-public/', import.meta.url).pathname;
const files = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => `${dir.replace(/\/?$/, '/')}${f}`);
const FILES = [...files(FIXTURES), ...files(PUBLIC)];
const nameOf = (file: string) => file.split('/').pop()!.replace(/\.json$/, '');

/** What Portico refuses in these apps, and the refusal it answers with. */
const REFUSED: Record<string, RegExp> = {
  'va-general-de-de': /^prebuiltEntities\[0\]: the prebuilt entity "number" cannot be recognised in de-de: Portico recognises it in English, French, Spanish, Portuguese, Chinese, Japanese only\.$/,
  'va-general-it-it': /^prebuiltEntities\[0\]: the prebuilt entity "number" cannot be recognised in it-it/,
  'va-general-zh-cn': /^prebuiltEntities\[2\]: the prebuilt entity "personName" cannot be recognised in zh-cn: Portico recognises it in English only\.$/,
};

/** The training utterances as a batch file: each text once, at most a batch's worth, spread over the app. */
function trainingSet(json: any): unknown[] {
  const seen = new Set<string>();
  const unique = datasetFromUtterances(json.utterances).filter((u: any) => {
    const key = u.text.trim().toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const step = Math.ceil(unique.length / MAX_BATCH_UTTERANCES);
  return unique.filter((_, i) => i % step === 0);
}

function entityKinds(json: any): string {
  const kinds: Array<[string, unknown[] | undefined]> = [
    ['ml', json.entities], ['hierarchical', json.hierarchicals], ['composite', json.composites], ['list', json.closedLists],
    ['regex', json.regex_entities ?? json.regexEntities], ['prebuilt', json.prebuiltEntities ?? json.bing_entities], ['pattern.any', json.patternAnyEntities],
  ];
  return kinds.filter(([, items]) => (items?.length ?? 0) > 0).map(([kind, items]) => `${kind} ${items!.length}`).join(', ') || '—';
}

/** The .lu a fixture was converted from, when it was. */
const luOf = (name: string): string | undefined => (existsSync(`${PUBLIC}lu/${name}.lu`) ? readFileSync(`${PUBLIC}lu/${name}.lu`, 'utf8') : undefined);
const withoutName = ({ name: _n, ...rest }: any) => rest;

interface Row { name: string; culture: string; intents: number; utterances: number; entities: string; accuracy: string; importMs: number; trainMs: number }

describe('real LUIS apps through the whole path', () => {
  let server: TestServer;
  let user: LuisUser;
  let endpointKey: string;
  const rows: Row[] = [];
  const started = Date.now();

  before(async () => {
    server = await startFastLuisServer();
    user = await luisUser(server);
    endpointKey = (await endpointResource(server, user, 'public-fixtures')).key;
  });
  after(async () => {
    await server?.close();
    mkdirSync('test-output', { recursive: true });
    const lines = [
      '| fixture | culture | intents | utterances | entity kinds | training-set intent accuracy | import ms | train ms |', '|---|---|---|---|---|---|---|---|',
      ...rows.map((r) => `| ${r.name} | ${r.culture} | ${r.intents} | ${r.utterances} | ${r.entities} | ${r.accuracy} | ${r.importMs} | ${r.trainMs} |`),
      '', `${rows.length} fixtures in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    ];
    writeFileSync('test-output/luis-fixtures.md', `${lines.join('\n')}\n`);
  });

  it('has at least 20 real apps, some in other cultures than English', () => {
    assert.ok(FILES.length >= 20, `${FILES.length} fixtures`);
    const cultures = new Set(FILES.map((f) => JSON.parse(readFileSync(f, 'utf8')).culture?.toLowerCase()));
    for (const c of ['de-de', 'fr-fr', 'es-es', 'it-it', 'zh-cn']) assert.ok(cultures.has(c), c);
  });

  for (const file of FILES) {
    const name = nameOf(file);
    it(`${name}: ${REFUSED[name] ? 'is refused at import, naming the construct and where it is' : 'imports, trains, publishes, and answers its own utterances over v2 and v3'}`, async () => {
      const json = JSON.parse(readFileSync(file, 'utf8'));
      const key = user.authoring.westus;
      const row: Row = { name, culture: json.culture, intents: json.intents.length, utterances: json.utterances.length, entities: entityKinds(json), accuracy: '', importMs: 0, trainMs: 0 };
      rows.push(row);
      let t = performance.now();
      const imported = await call(server, 'POST', `/luis/api/v2.0/apps/import?appName=${encodeURIComponent(name)}`, key, json);
      row.importMs = Math.round(performance.now() - t);
      const lu = luOf(name);
      const importLu = () => server.fetch(`/luis/api/v2.0/apps/import?appName=${encodeURIComponent(`${name}-lu`)}`, {
        method: 'POST', headers: { 'Ocp-Apim-Subscription-Key': key, 'content-type': 'text/plain' }, body: `> !# @app.culture = ${json.culture}\n${lu}`,
      });
      if (REFUSED[name]) {
        assert.equal(imported.status, 400, JSON.stringify(imported.body));
        assert.match(imported.body.error.message, REFUSED[name]);
        if (lu) {
          const viaLu = await importLu();
          assert.equal(viaLu.status, 400);
          assert.match(((await viaLu.json()) as any).error.message, REFUSED[name]);
        }
        row.accuracy = `refused: ${imported.body.error.message}`;
        return;
      }
      assert.equal(imported.status, 201, JSON.stringify(imported.body));
      const appId = imported.body as string;
      const versionId = (await call(server, 'GET', `/luis/api/v2.0/apps/${appId}`, key)).body.activeVersion;
      const version = `/luis/api/v2.0/apps/${appId}/versions/${encodeURIComponent(versionId)}`;
      t = performance.now();
      assert.equal((await call(server, 'POST', `${version}/train`, key)).status, 202);
      const status = await waitForTraining(server, key, appId, versionId);
      row.trainMs = Math.round(performance.now() - t);
      assert.ok(status.every((m) => m.details.status === 'Success'), JSON.stringify(status.find((m) => m.details.status !== 'Success')));
      assert.equal((await call(server, 'POST', `/luis/api/v2.0/apps/${appId}/publish`, key, { versionId, isStaging: false })).status, 201);
      await assignKey(server, key, appId, 'public-fixtures');

      const batch = await call(server, 'POST', `${version}/batchtests?name=training%20set`, key, trainingSet(json));
      assert.equal(batch.status, 201, JSON.stringify(batch.body));
      row.accuracy = `${(100 * batch.body.intentAccuracy).toFixed(1)}%`;
      assert.ok(batch.body.intentAccuracy >= 0.75, `training-set intent accuracy ${row.accuracy}`);

      // The published slot answers an utterance as the batch test of the version said it would.
      const wrong = new Set(batch.body.report.errors.filter((e: any) => e.labelledIntent !== e.predictedIntent).map((e: any) => e.text));
      const sample = json.utterances.find((u: any) => u.intent !== 'None' && !wrong.has(u.text)) ?? json.utterances.find((u: any) => !wrong.has(u.text));
      const v2 = await call(server, 'GET', `/luis/v2.0/apps/${appId}?q=${encodeURIComponent(sample.text)}`, endpointKey);
      assert.equal(v2.status, 200, JSON.stringify(v2.body));
      assert.equal(v2.body.topScoringIntent.intent, sample.intent);
      const v3 = await call(server, 'POST', `/luis/prediction/v3.0/apps/${appId}/slots/production/predict?verbose=true`, endpointKey, { query: sample.text });
      assert.equal(v3.status, 200, JSON.stringify(v3.body));
      assert.equal(v3.body.prediction.topIntent, sample.intent);

      if (!lu) return;
      // Through .lu: the file itself imports as the same app, and serves as the batch file.
      const viaLu = await importLu();
      const luAppId = await viaLu.json();
      assert.equal(viaLu.status, 201, JSON.stringify(luAppId));
      const exported = async (id: string) => (await call(server, 'GET', `/luis/api/v2.0/apps/${id}/versions/${encodeURIComponent(versionId)}/export`, key)).body;
      assert.deepEqual(withoutName(await exported(luAppId)), withoutName(await exported(appId)));
      if (json.utterances.length > MAX_BATCH_UTTERANCES || new Set(json.utterances.map((u: any) => u.text.trim().toLowerCase())).size < json.utterances.length) return;
      const luBatch = await server.fetch(`${version}/batchtests?name=lu`, { method: 'POST', headers: { 'Ocp-Apim-Subscription-Key': key, 'content-type': 'text/plain' }, body: lu });
      const luReport = await luBatch.json() as any;
      assert.equal(luBatch.status, 201, JSON.stringify(luReport));
      assert.equal(luReport.intentAccuracy, batch.body.intentAccuracy);
    });
  }
});
