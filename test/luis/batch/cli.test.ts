// `portico luis batch-test` from a shell: score a dataset against the active
// version and the production slot, write the errors as CSV, list kept tests.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestServer } from '../../support/server.ts';
import { CliUser, uniqueEmail } from '../../cli/support/cli.ts';
import { FIXTURES, fixture, startFastLuisServer } from '../support.ts';
import { datasetFromUtterances } from '../../../src/luis/batch/dataset.ts';

describe('portico luis batch-test', () => {
  let server: TestServer;
  let user: CliUser;
  let appId: string;
  const dir = mkdtempSync(join(tmpdir(), 'portico-batch-cli-'));
  const datasetFile = join(dir, 'flights-test.json');

  before(async () => {
    server = await startFastLuisServer();
    user = new CliUser(server.url);
    assert.equal((await user.signUp(uniqueEmail('batch-cli'))).code, 0);
    appId = (await user.json(['luis', 'app', 'import', `${FIXTURES}/flight-booking.json`])).id;
    assert.equal((await user.run(['luis', 'train', appId])).code, 0);
    const dataset = datasetFromUtterances(fixture('flight-booking').utterances).map((u: any) => (u.text === 'bye' ? { ...u, intent: 'GetWeather' } : u));
    writeFileSync(datasetFile, JSON.stringify(dataset));
  });
  after(async () => {
    user.remove();
    rmSync(dir, { recursive: true, force: true });
    await server.close();
  });

  it('prints accuracy, the per-intent and per-entity tables and the confusion pairs; --csv writes the errors', async () => {
    const csv = join(dir, 'errors.csv');
    const result = await user.run(['luis', 'batch-test', appId, datasetFile, '--name', 'flights', '--csv', csv]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^Batch test: +flights \([0-9a-f-]{36}\)$/m);
    assert.match(result.stdout, /^Tested: +version 0\.1$/m);
    assert.match(result.stdout, /^Intent accuracy: +\d+\.\d%$/m);
    assert.match(result.stdout, /^INTENT +LABELLED +PRECISION +RECALL +F1$/m);
    assert.match(result.stdout, /^BookFlight +14 +/m);
    assert.match(result.stdout, /^ENTITY +LABELLED +PRECISION +RECALL +F1$/m);
    assert.match(result.stdout, /^GetWeather +Cancel +1$/m, 'the mislabelled "bye" is a confusion pair');
    const lines = readFileSync(csv, 'utf8').split('\r\n');
    assert.equal(lines[0], 'Utterance,Labelled intent,Predicted intent,Score,Missed entities,Unexpected entities');
    assert.ok(lines.some((l) => l.startsWith('bye,GetWeather,Cancel,')), lines.join('\n'));
  });

  it('--slot tests the published version; --list shows the kept tests; --json is the API body', async () => {
    const unpublished = await user.run(['luis', 'batch-test', appId, datasetFile, '--slot', 'production']);
    assert.equal(unpublished.code, 1);
    assert.match(unpublished.stderr, /not published to the production slot/);
    assert.equal((await user.run(['luis', 'publish', appId])).code, 0);
    const slot = await user.json(['luis', 'batch-test', appId, datasetFile, '--slot', 'production']);
    assert.equal(slot.target, 'production');
    assert.equal(slot.versionId, '0.1');
    assert.ok(Array.isArray(slot.report.errors));
    const list = await user.run(['luis', 'batch-test', appId, '--list']);
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stdout, /^ID +NAME +TESTED +DATE +UTTERANCES +INTENT ACCURACY$/m);
    assert.match(list.stdout, /flights +version +\d{4}-\d\d-\d\dT/);
    assert.match(list.stdout, / production +\d{4}-/);
  });

  it('takes a .lu file as the dataset', async () => {
    const lu = join(dir, 'flights.lu');
    writeFileSync(lu, '# BookFlight\n- book a flight from {From=seattle}\n\n# Cancel\n- bye\n');
    const result = await user.json(['luis', 'batch-test', appId, lu, '--name', 'from lu']);
    assert.equal(result.utterances, 2);
    assert.equal(result.report.entities.find((e: any) => e.entity === 'From').labelled, 1);
  });

  it('bad arguments and bad datasets say what is wrong', async () => {
    const both = await user.run(['luis', 'batch-test', appId, datasetFile, '--slot', 'staging', '--version', '0.1']);
    assert.equal(both.code, 2);
    assert.match(both.stderr, /--slot and --version cannot be combined/);
    const slot = await user.run(['luis', 'batch-test', appId, datasetFile, '--slot', 'preview']);
    assert.equal(slot.code, 2);
    assert.match(slot.stderr, /--slot must be production or staging/);
    const notJson = join(dir, 'notes.txt');
    writeFileSync(notJson, 'not json');
    assert.match((await user.run(['luis', 'batch-test', appId, notJson])).stderr, /cannot read .*notes\.txt as JSON/);
    const wrong = join(dir, 'wrong.json');
    writeFileSync(wrong, JSON.stringify([{ text: 'book it', intent: 'Book', entities: [] }]));
    const refused = await user.run(['luis', 'batch-test', appId, wrong]);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /intent "Book" is not an intent of this version/);
  });
});
