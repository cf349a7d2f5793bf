// `portico clu …` driven as a user would from a shell: with the key of their
// Language resource, create and list projects, import a LUIS export and a CLU
// project file, train, deploy, predict, export and delete.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestServer } from '../support/server.ts';
import { CliUser, uniqueEmail } from '../cli/support/cli.ts';
import { LUIS_FIXTURES_DIR } from '../support/shared-dir.ts';
import { homeProject, startCluServer } from './support.ts';

describe('portico clu', () => {
  let server: TestServer;
  let user: CliUser;
  const dir = mkdtempSync(join(tmpdir(), 'portico-clu-cli-'));

  before(async () => {
    server = await startCluServer();
    user = new CliUser(server.url);
    const signup = await user.signUp(uniqueEmail('clu-cli'));
    assert.equal(signup.code, 0, signup.stderr);
  });
  after(async () => {
    user.remove();
    rmSync(dir, { recursive: true, force: true });
    await server.close();
  });

  it('says how to create a Language resource when the account has none', async () => {
    const result = await user.run(['clu', 'projects', 'list']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /no Language resource: create one with "portico resource create/);
  });

  it('projects create and list use the only Language resource\'s key', async () => {
    const created = await user.run(['resource', 'create', 'lang', '--kind', 'TextAnalytics', '--tier', 'S', '--region', 'westus']);
    assert.equal(created.code, 0, created.stderr);
    const made = await user.run(['clu', 'projects', 'create', 'empty', '--description', 'nothing yet']);
    assert.equal(made.code, 0, made.stderr);
    assert.match(made.stdout, /Created project "empty"/);
    const list = await user.json(['clu', 'projects', 'list']);
    assert.deepEqual(list.map((p: any) => [p.projectName, p.language]), [['empty', 'en-us']]);
    const table = await user.run(['clu', 'projects', 'list']);
    assert.match(table.stdout, /^PROJECT +LANGUAGE +TRAINED +DEPLOYED$/m);
  });

  it('imports a LUIS export under its app name, reporting what did not carry over; train, deploy and predict it', async () => {
    const imported = await user.run(['clu', 'import', `${LUIS_FIXTURES_DIR}weather.json`]);
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(imported.stdout, /Imported .*weather\.json \(LUIS app\) as project "Weather"/);
    const trained = await user.run(['clu', 'train', 'Weather']);
    assert.equal(trained.code, 0, trained.stderr);
    assert.match(trained.stdout, /Training Weather as model: succeeded, 100%/);
    const deployed = await user.run(['clu', 'deploy', 'Weather']);
    assert.equal(deployed.code, 0, deployed.stderr);
    assert.match(deployed.stdout, /Deployed model model of Weather as production/);
    const answer = await user.json(['clu', 'predict', 'Weather', 'will it rain in Seattle tomorrow']);
    assert.equal(answer.result.prediction.topIntent, 'Get Weather Forecast');
    const table = await user.run(['clu', 'predict', 'Weather', 'will it rain in Seattle tomorrow']);
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /^Top intent: +Get Weather Forecast \(0\.\d+\)$/m);
    assert.match(table.stdout, /^INTENT +SCORE$/m);
  });

  it('imports a CLU project file under --project, with entities and UTF-16 offsets in predict', async () => {
    const file = join(dir, 'home.json');
    writeFileSync(file, JSON.stringify(homeProject('home')));
    const imported = await user.run(['clu', 'import', file, '--project', 'lights']);
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(imported.stdout, /\(CLU project\) as project "lights"/);
    assert.equal((await user.run(['clu', 'train', 'lights', '--model', 'v1'])).code, 0);
    assert.equal((await user.run(['clu', 'deploy', 'lights', '--model', 'v1', '--deployment', 'test'])).code, 0);
    const table = await user.run(['clu', 'predict', 'lights', '👍 turn on the lamp in the kitchen', '--deployment', 'test']);
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /^Top intent: +TurnOn/m);
    assert.match(table.stdout, new RegExp(`^Room +kitchen +${'👍 turn on the lamp in the '.length} +7 `, 'm'));
    const noDeployment = await user.run(['clu', 'predict', 'lights', 'lights on']);
    assert.equal(noDeployment.code, 1);
    assert.match(noDeployment.stderr, /deployment production of project lights could not be found/);
  });

  it('deploy --assign rolls the deployment out to a multi-service resource, whose key then gets its predictions', async () => {
    const made = await user.run(['resource', 'create', 'multi', '--kind', 'CognitiveServices', '--tier', 'S0', '--region', 'westus']);
    assert.equal(made.code, 0, made.stderr);
    const { key1 } = await user.json(['resource', 'keys', 'multi']);
    const ask = () => fetch(`${server.url}/language/:analyze-conversations?api-version=2023-04-01`, {
      method: 'POST', headers: { 'Ocp-Apim-Subscription-Key': key1, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'Conversation', analysisInput: { conversationItem: { id: '1', participantId: 'u', text: 'turn on the lamp' } }, parameters: { projectName: 'lights', deploymentName: 'shared' } }),
    });
    const deployed = await user.run(['clu', 'deploy', 'lights', '--model', 'v1', '--deployment', 'shared', '--assign', 'multi']);
    assert.equal(deployed.code, 0, deployed.stderr);
    assert.match(deployed.stdout, /Deployed model v1 of lights as shared, rolled out to multi\./);
    const served = await ask();
    assert.equal(served.status, 200, await served.clone().text());
    assert.equal((await served.json() as any).result.prediction.topIntent, 'TurnOn');
    assert.equal((await user.run(['clu', 'deploy', 'lights', '--model', 'v1', '--deployment', 'shared'])).code, 0);
    assert.equal((await ask()).status, 404, 'deploying again without --assign serves the own resource only');
    const ghost = await user.run(['clu', 'deploy', 'lights', '--model', 'v1', '--deployment', 'shared', '--assign', 'ghost']);
    assert.equal(ghost.code, 1);
    assert.match(ghost.stderr, /ghost/);
  });

  it('export writes the project file; projects delete removes the project', async () => {
    const out = join(dir, 'exported.json');
    const exported = await user.run(['clu', 'export', 'lights', '--out', out]);
    assert.equal(exported.code, 0, exported.stderr);
    const file = JSON.parse(readFileSync(out, 'utf8'));
    assert.equal(file.metadata.projectName, 'lights');
    assert.equal(file.assets.utterances.length, 16);
    const removed = await user.run(['clu', 'projects', 'delete', 'lights']);
    assert.equal(removed.code, 0, removed.stderr);
    const names = (await user.json(['clu', 'projects', 'list'])).map((p: any) => p.projectName);
    assert.deepEqual(names.sort(), ['Weather', 'empty']);
  });

  it('names the problem: a file that is not JSON, a second Language resource, a bad string index type', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{ nope');
    const notJson = await user.run(['clu', 'import', bad]);
    assert.equal(notJson.code, 2);
    assert.match(notJson.stderr, /cannot read .*bad\.json as JSON/);
    assert.equal((await user.run(['resource', 'create', 'lang2', '--kind', 'TextAnalytics', '--tier', 'S', '--region', 'westus'])).code, 0);
    const ambiguous = await user.run(['clu', 'projects', 'list']);
    assert.equal(ambiguous.code, 2);
    assert.match(ambiguous.stderr, /--resource is needed: you have 2 Language resources \(lang, lang2\)|--resource is needed: you have 2 Language resources \(lang2, lang\)/);
    assert.deepEqual(await user.json(['clu', 'projects', 'list', '--resource', 'lang2']), []);
    const index = await user.run(['clu', 'predict', 'Weather', 'hi', '--resource', 'lang', '--string-index-type', 'Bytes']);
    assert.equal(index.code, 2);
    assert.match(index.stderr, /--string-index-type must be one of/);
  });
});
