// Helpers for the LUIS tests: a server with the LUIS service, accounts with
// their authoring keys, endpoint resources, and an app trained and published.
import { after, before } from 'node:test';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestServer, newAccount, call, type TestServer, type TestServerOptions } from '../support/server.ts';

export { call };
import { luisModule } from '../../src/luis/module.ts';
import { LUIS_FIXTURES_DIR } from '../support/shared-dir.ts';

export const FIXTURES = LUIS_FIXTURES_DIR.replace(/\/$/, '');
export const fixture = (name: string): any => JSON.parse(readFileSync(`${FIXTURES}/${name}.json`, 'utf8'));

export async function startLuisServer(options: TestServerOptions = {}): Promise<TestServer> {
  return startTestServer({ services: [luisModule()], ...options });
}

export interface LuisUser {
  email: string;
  token: string;
  /** authoring key per authoring region */
  authoring: Record<string, string>;
}

export async function luisUser(server: TestServer): Promise<LuisUser> {
  const { email, token } = await newAccount(server);
  const account = await server.api('GET', '/api/account', undefined, token);
  const authoring: Record<string, string> = {};
  for (const [region, keys] of Object.entries<any>(account.body.authoringKeys)) authoring[region] = keys.key1;
  return { email, token, authoring };
}

export async function endpointResource(server: TestServer, user: LuisUser, name: string, region = 'westus', tier = 'S0'): Promise<{ name: string; key: string; region: string }> {
  const res = await server.api('POST', '/api/resources', { name, kind: 'LUIS', tier, region }, user.token);
  if (res.status !== 201) throw new Error(`resource create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { name, key: res.body.key1, region };
}

/**
 * Calls to the authoring routes of one version of an app, `api('POST', '/intents', body)`;
 * `target` is read at each call, so a suite can pass variables it sets in before().
 */
export function versionApi(target: () => { server: TestServer; key: string; appId: string; versionId?: string }) {
  return (method: string, path: string, body?: unknown) => {
    const { server, key, appId, versionId = '0.1' } = target();
    return call(server, method, `/luis/api/v2.0/apps/${appId}/versions/${versionId}${path}`, key, body);
  };
}

export async function waitForTraining(server: TestServer, key: string, appId: string, versionId: string, prefix = ''): Promise<any[]> {
  for (let i = 0; i < 600; i++) {
    const res = await call(server, 'GET', `${prefix}/luis/api/v2.0/apps/${appId}/versions/${encodeURIComponent(versionId)}/train`, key);
    if (res.status !== 200) throw new Error(`training status: ${res.status} ${JSON.stringify(res.body)}`);
    if (res.body.every((m: any) => m.details.status !== 'Queued' && m.details.status !== 'InProgress')) return res.body;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('training did not finish in 30 s');
}

/** Imports an app, trains it and publishes it to production; returns its id and version. */
export async function publishedApp(server: TestServer, key: string, json: unknown, options: { region?: string; prefix?: string; appName?: string } = {}): Promise<{ appId: string; versionId: string }> {
  const prefix = options.prefix ?? '';
  const name = options.appName ?? `app-${Math.random().toString(36).slice(2)}`;
  const imported = await call(server, 'POST', `${prefix}/luis/api/v2.0/apps/import?appName=${encodeURIComponent(name)}`, key, json);
  if (imported.status !== 201) throw new Error(`import failed: ${imported.status} ${JSON.stringify(imported.body)}`);
  const appId = imported.body as string;
  const info = await call(server, 'GET', `${prefix}/luis/api/v2.0/apps/${appId}`, key);
  const versionId = info.body.activeVersion;
  const queued = await call(server, 'POST', `${prefix}/luis/api/v2.0/apps/${appId}/versions/${encodeURIComponent(versionId)}/train`, key);
  if (queued.status !== 202) throw new Error(`train failed: ${queued.status} ${JSON.stringify(queued.body)}`);
  const status = await waitForTraining(server, key, appId, versionId, prefix);
  if (status.some((m) => m.details.status === 'Fail')) throw new Error(`training failed: ${JSON.stringify(status[0])}`);
  const published = await call(server, 'POST', `${prefix}/luis/api/v2.0/apps/${appId}/publish`, key, { versionId, isStaging: false, ...(options.region ? { region: options.region } : {}) });
  if (published.status !== 201) throw new Error(`publish failed: ${published.status} ${JSON.stringify(published.body)}`);
  return { appId, versionId };
}

export async function assignKey(server: TestServer, authoringKey: string, appId: string, accountName: string, prefix = ''): Promise<void> {
  const res = await call(server, 'POST', `${prefix}/luis/api/v2.0/apps/${appId}/azureaccounts`, authoringKey, { azureSubscriptionId: 'sub', resourceGroup: 'rg', accountName });
  if (res.status !== 201) throw new Error(`assign failed: ${res.status} ${JSON.stringify(res.body)}`);
}

/**
 * The default catalogue with a faster authoring rate (an operator may do the
 * same), for tests that make many authoring calls in a row; the rate rule
 * itself is the gateway's and is tested there.
 */
export function fastAuthoringCatalog(dir: string, changes: { authoringRate?: number; starterQuota?: number } = {}): string {
  const catalog = JSON.parse(readFileSync(new URL('../../src/catalog/default-catalog.json', import.meta.url), 'utf8'));
  const authoring = catalog.kinds.find((k: any) => k.name === 'LUIS.Authoring').tiers[0];
  authoring.rate.limit = changes.authoringRate ?? 1000;
  if (changes.starterQuota !== undefined) authoring.monthlyQuota.prediction = changes.starterQuota;
  for (const tier of catalog.kinds.find((k: any) => k.name === 'LUIS').tiers) tier.rate.limit = Math.max(tier.rate.limit, 1000);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `catalog-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, JSON.stringify(catalog));
  return path;
}

export async function startFastLuisServer(options: TestServerOptions & { starterQuota?: number } = {}): Promise<TestServer> {
  const path = fastAuthoringCatalog(join(tmpdir(), 'portico-luis-catalogs'), { starterQuota: options.starterQuota });
  return startLuisServer({ ...options, env: { PORTICO_CATALOG: path, ...options.env } });
}

/**
 * The setup many LUIS suites share, registered as the suite's before/after: a
 * fast-authoring LUIS server and a user; `key` is the user's westus authoring
 * key. Read the fields inside tests (or in a later `before`).
 */
export function luisSuite(): { readonly server: TestServer; readonly user: LuisUser; readonly key: string } {
  const suite = {} as { server: TestServer; user: LuisUser; key: string };
  before(async () => {
    suite.server = await startFastLuisServer();
    suite.user = await luisUser(suite.server);
    suite.key = suite.user.authoring.westus;
  });
  after(async () => suite.server?.close());
  return suite;
}
