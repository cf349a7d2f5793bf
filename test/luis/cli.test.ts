// `portico luis …` driven as a user would from a shell: import, train with
// progress, publish, assign a key, query, export, list and delete.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestServer } from '../support/server.ts';
import { CliUser, uniqueEmail } from '../cli/support/cli.ts';
import { FIXTURES, startFastLuisServer } from './support.ts';

const LU_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'lu');

describe('portico luis', () => {
  let server: TestServer;
  let user: CliUser;
  let appId: string;
  const dir = mkdtempSync(join(tmpdir(), 'portico-luis-cli-'));

  before(async () => {
    server = await startFastLuisServer();
    user = new CliUser(server.url);
    const signup = await user.signUp(uniqueEmail('luis-cli'));
    assert.equal(signup.code, 0, signup.stderr);
  });
  after(async () => {
    user.remove();
    rmSync(dir, { recursive: true, force: true });
    await server.close();
  });

  it('app import prints the new app id; app list shows it', async () => {
    const result = await user.run(['luis', 'app', 'import', `${FIXTURES}/weather.json`, '--name', 'Weather CLI']);
    assert.equal(result.code, 0, result.stderr);
    appId = /app ([0-9a-f-]{36})$/m.exec(result.stdout)?.[1] ?? '';
    assert.ok(appId, result.stdout);
    const list = await user.json(['luis', 'app', 'list']);
    assert.deepEqual(list.map((a: any) => a.name), ['Weather CLI']);
  });

  it('train waits until every model is trained; publish and assign-key make the app answer with the resource key', async () => {
    const trained = await user.run(['luis', 'train', appId]);
    assert.equal(trained.code, 0, trained.stderr);
    assert.match(trained.stdout, /(\d+)\/\1 models trained/);
    const published = await user.run(['luis', 'publish', appId]);
    assert.equal(published.code, 0, published.stderr);
    assert.match(published.stdout, /^Slot: +production$/m);
    assert.equal((await user.run(['resource', 'create', 'weather-endpoint', '--kind', 'LUIS', '--tier', 'S0', '--region', 'westus'])).code, 0);
    const unassigned = await user.run(['luis', 'query', appId, 'will it rain in Seattle tomorrow', '--resource', 'weather-endpoint']);
    assert.equal(unassigned.code, 1);
    assert.match(unassigned.stderr, /not assigned/);
    assert.equal((await user.run(['luis', 'assign-key', appId, 'weather-endpoint'])).code, 0);
    const answer = await user.json(['luis', 'query', appId, 'will it rain in Seattle tomorrow', '--resource', 'weather-endpoint']);
    assert.equal(answer.topScoringIntent.intent, 'Get Weather Forecast');
    const v3 = await user.run(['luis', 'query', appId, 'will it rain in Seattle tomorrow', '--v3']);
    assert.equal(v3.code, 0, v3.stderr);
    assert.match(v3.stdout, /^Top intent: +Get Weather Forecast/m);
  });

  it('query --version asks a trained version directly; review lists unsure logged queries and dismisses one', async () => {
    const byVersion = await user.run(['luis', 'query', appId, 'forecast for tomorrow', '--version', '0.1']);
    assert.equal(byVersion.code, 0, byVersion.stderr);
    assert.match(byVersion.stdout, /^Top intent: +Get Weather/m);
    const both = await user.run(['luis', 'query', appId, 'hi', '--version', '0.1', '--staging']);
    assert.equal(both.code, 2);
    assert.match(both.stderr, /--staging and --version cannot be combined/);
    for (const q of ['weather', 'how is it outside', 'snow', 'rain', 'wind', 'is it', 'umbrella', 'temperature please']) {
      assert.equal((await user.run(['luis', 'query', appId, q])).code, 0);
    }
    const suggested = await user.json(['luis', 'review', appId, 'Get Weather Condition']);
    assert.ok(suggested.length > 0, 'some logged query is uncertain');
    for (const s of suggested) assert.equal(s.intentPredictions[0].name, 'Get Weather Condition');
    const table = await user.run(['luis', 'review', appId, 'Get Weather Condition']);
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /^UTTERANCE +TOP INTENT +RUNNER-UP$/m);
    assert.ok(table.stdout.includes(suggested[0].text));
    const dismissed = await user.run(['luis', 'review', appId, '--dismiss', suggested[0].text]);
    assert.equal(dismissed.code, 0, dismissed.stderr);
    const after = await user.json(['luis', 'review', appId, 'Get Weather Condition']);
    assert.deepEqual(after.map((s: any) => s.text), suggested.slice(1).map((s: any) => s.text));
    const unknown = await user.run(['luis', 'review', appId, 'Nope']);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /no intent "Nope"; its intents are/);
  });

  it('app export writes LUIS JSON that imports again; app delete removes the app', async () => {
    const out = join(dir, 'weather-export.json');
    assert.equal((await user.run(['luis', 'app', 'export', appId, '--out', out])).code, 0);
    const exported = JSON.parse(readFileSync(out, 'utf8'));
    assert.equal(exported.luis_schema_version, '7.0.0');
    assert.equal(exported.utterances.length, JSON.parse(readFileSync(`${FIXTURES}/weather.json`, 'utf8')).utterances.length);
    const deleted = await user.run(['luis', 'app', 'delete', appId]);
    assert.equal(deleted.code, 0, deleted.stderr);
    const missing = await user.run(['luis', 'app', 'export', appId]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /Cannot find an application/);
  });

  it('app import reads a .lu file and the files its [import] references name beside it', async () => {
    const result = await user.run(['luis', 'app', 'import', join(LU_DIR, 'travel', 'main.lu'), '--json']);
    assert.equal(result.code, 0, result.stderr);
    const { id } = JSON.parse(result.stdout);
    const exported = await user.json(['luis', 'app', 'export', id]);
    assert.equal(exported.name, 'TravelAgent');
    assert.deepEqual(exported.entities.map((e: any) => e.name).sort(), ['fromCity', 'toCity', 'travelDate']);
    assert.equal(exported.phraselists[0].name, 'cities');
  });

  it('app import of a .lu file it cannot read names the file and the line', async () => {
    const file = join(dir, 'broken.lu');
    writeFileSync(file, '# Greet\n- hello\n[import](missing.lu)\n');
    const result = await user.run(['luis', 'app', 'import', file]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /broken\.lu line 3: the reference \[import\]\(missing\.lu\) cannot be resolved/);
  });

  it('bad arguments are usage errors naming what is wrong', async () => {
    const result = await user.run(['luis', 'app', 'import', join(dir, 'nope.json')]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /cannot read .*nope\.json/);
    const region = await user.run(['luis', 'app', 'list', '--region', 'mars']);
    assert.equal(region.code, 2);
    assert.match(region.stderr, /--region must be an authoring region/);
  });
});
