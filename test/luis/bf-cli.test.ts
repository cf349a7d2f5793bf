// The Bot Framework CLI's `bf luis:build` against Portico, run as a team runs
// it: the real `bf` (@microsoft/botframework-cli, a dev dependency) in a child
// process, with `--endpoint` at Portico and Portico's authoring key, then the
// published app is queried with the runtime SDK. The CLI installs with its
// orchestrator plugin's install script denied (package.json allowScripts): that
// script downloads a native binary, and luis:build never loads it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ApiKeyCredentials } from '@azure/ms-rest-js';
import { LUISRuntimeClient } from '@azure/cognitiveservices-luis-runtime';
import type { TestServer } from '../support/server.ts';
import { call, endpointResource, luisUser, startFastLuisServer, type LuisUser } from './support.ts';

const require = createRequire(import.meta.url);
const BF = join(dirname(require.resolve('@microsoft/botframework-cli/package.json')), 'bin', 'run');
const BUILD_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'lu', 'bf-build');

/** A home for bf's own config, with telemetry off so bf never stops to ask. */
function bfHome(): string {
  const home = mkdtempSync(join(tmpdir(), 'portico-bf-home-'));
  const configDir = join(home, '.config', '@microsoft', 'botframework-cli');
  mkdirSync(configDir, { recursive: true });
  writeFileSync(join(configDir, 'config.json'), JSON.stringify({ telemetry: false }));
  return home;
}

/** `bf luis:build --in <dir> --botName <bot> --authoringKey <key> --endpoint <url> --out <dir>`. */
async function luisBuild(dir: string, home: string, options: { botName: string; authoringKey: string; endpoint: string }): Promise<any> {
  const args = ['luis:build', '--in', dir, '--botName', options.botName, '--authoringKey', options.authoringKey, '--endpoint', options.endpoint,
    '--region', 'westus', '--suffix', 'development', '--out', dir, '--force'];
  const env = { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config') };
  const { stdout, stderr } = await promisify(execFile)(process.execPath, [BF, ...args], { env, timeout: 120_000 });
  assert.doesNotMatch(stderr, /error/i, `bf luis:build wrote to stderr:\n${stderr}\n${stdout}`);
  return JSON.parse(readFileSync(join(dir, 'luis.settings.development.westus.json'), 'utf8'));
}

describe('bf luis:build against Portico', () => {
  let server: TestServer;
  let user: LuisUser;
  let dir: string;
  let home: string;
  let endpointKey: string;
  before(async () => {
    server = await startFastLuisServer();
    user = await luisUser(server);
    dir = mkdtempSync(join(tmpdir(), 'portico-bf-build-'));
    cpSync(BUILD_DIR, dir, { recursive: true });
    home = bfHome();
  });
  after(async () => server?.close());

  it('builds a folder of .lu files: imports, trains and publishes each app; the runtime answers from it', async () => {
    const settings = await luisBuild(dir, home, { botName: 'PorticoBot', authoringKey: user.authoring.westus, endpoint: server.url });
    const { appId, recognizes } = settings.luis.pizza_en_us_lu;
    assert.match(appId, /^[0-9a-f-]{36}$/);
    assert.ok(recognizes.includes('TrackOrder') && recognizes.includes('address'));

    const info = await call(server, 'GET', `/luis/authoring/v3.0-preview/apps/${appId}`, user.authoring.westus);
    assert.equal(info.body.name, 'PizzaOrdering', 'the name from > !# @app.name');
    assert.equal(info.body.endpoints.PRODUCTION.versionId, '0.1', 'published to production');

    // What a team does once after the first build: assign its prediction resource to the app.
    const resource = await endpointResource(server, user, 'bf-endpoint');
    endpointKey = resource.key;
    const assigned = await call(server, 'POST', `/luis/authoring/v3.0-preview/apps/${appId}/azureaccounts`, user.authoring.westus, { azureSubscriptionId: 'sub', resourceGroup: 'rg', accountName: resource.name });
    assert.equal(assigned.status, 201, JSON.stringify(assigned.body));
    const runtime = new LUISRuntimeClient(new ApiKeyCredentials({ inHeader: { 'Ocp-Apim-Subscription-Key': endpointKey } }), server.url);
    const result = await runtime.prediction.getSlotPrediction(appId, 'production', { query: 'track order PZ12345' });
    assert.equal(result.prediction.topIntent, 'TrackOrder');
    assert.deepEqual((result.prediction.entities as any).orderId, ['PZ12345']);
  });

  it('a second build of a changed .lu imports a new version, trains and publishes it', async () => {
    writeFileSync(join(dir, 'pizza.lu'), `${readFileSync(join(dir, 'pizza.lu'), 'utf8')}\n# Greeting\n- hello\n- hi there\n- good evening\n- hey pizza bot\n`);
    const settings = await luisBuild(dir, home, { botName: 'PorticoBot', authoringKey: user.authoring.westus, endpoint: server.url });
    const { appId } = settings.luis.pizza_en_us_lu;
    const info = await call(server, 'GET', `/luis/authoring/v3.0-preview/apps/${appId}`, user.authoring.westus);
    assert.equal(info.body.endpoints.PRODUCTION.versionId, '0.2');
    const versions = await call(server, 'GET', `/luis/authoring/v3.0-preview/apps/${appId}/versions`, user.authoring.westus);
    assert.deepEqual(versions.body.map((v: any) => v.version).sort(), ['0.1', '0.2']);

    const runtime = new LUISRuntimeClient(new ApiKeyCredentials({ inHeader: { 'Ocp-Apim-Subscription-Key': endpointKey } }), server.url);
    const result = await runtime.prediction.getSlotPrediction(appId, 'production', { query: 'hi there' });
    assert.equal(result.prediction.topIntent, 'Greeting');
  });

  it('a third build of the unchanged folder finds the active version (the one the last build imported) unchanged and imports nothing', async () => {
    const settings = await luisBuild(dir, home, { botName: 'PorticoBot', authoringKey: user.authoring.westus, endpoint: server.url });
    const { appId } = settings.luis.pizza_en_us_lu;
    const versions = await call(server, 'GET', `/luis/authoring/v3.0-preview/apps/${appId}/versions`, user.authoring.westus);
    assert.deepEqual(versions.body.map((v: any) => v.version).sort(), ['0.1', '0.2']);
  });
});
