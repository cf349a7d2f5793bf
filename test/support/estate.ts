// An account holding one of everything a route can name, on a server with
// every service: authoring keys, a LUIS endpoint resource assigned to a trained
// and published app (with every kind of entity), a Computer Vision resource and
// a Read operation, and a Language resource with a deployed CLU project and a
// job of every kind. The fuzz test and the cross-account test fill route
// parameters from it.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { loadServices } from '../../src/services.ts';
import { newAccount, startTestServer, type TestServer } from './server.ts';
import { assignKey, call, fixture, publishedApp } from '../luis/support.ts';
import { API_VERSION, AUTHORING, deployedProject, homeProject, runJob } from '../clu/support.ts';

export interface Estate {
  email: string;
  password: string;
  token: string;
  authoringKey: string;
  endpoint: { name: string; key: string };
  vision: { name: string; key: string };
  appId: string;
  versionId: string;
  readOperationId: string;
  /** A Language resource with a project, trained model `model`, deployments `production` and `staging`. */
  language: { name: string; key: string; project: string; model: string; deployment: string; jobs: CluJobs };
  /** Ids of the app's parts, by the path segment that precedes them (`intents`, `closedlists`, `roles`, …). */
  ids: Record<string, string>;
}

/**
 * The default catalogue with rate limits and monthly quotas out of the way, so
 * a test making thousands of calls is not refused with 429 or 403 (those rules
 * are the gateway's and are tested there).
 */
export function unmeteredCatalog(): string {
  const catalog = JSON.parse(readFileSync(new URL('../../src/catalog/default-catalog.json', import.meta.url), 'utf8'));
  for (const kind of catalog.kinds) {
    for (const tier of kind.tiers) {
      tier.rate.limit = 1_000_000;
      for (const meter of Object.keys(tier.monthlyQuota)) tier.monthlyQuota[meter] = 1_000_000_000;
    }
  }
  const dir = join(tmpdir(), 'portico-unmetered-catalogs');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `catalog-${process.pid}-${Date.now()}.json`);
  writeFileSync(path, JSON.stringify(catalog));
  return path;
}

export async function startEstateServer(): Promise<TestServer> {
  return startTestServer({ services: await loadServices(), env: { PORTICO_CATALOG: unmeteredCatalog(), PORTICO_INVALID_KEYS_PER_MINUTE: '1000000000', PORTICO_SIGNUPS_PER_ADDRESS_PER_HOUR: '1000000000' } });
}

let estates = 0;

/** A new account on the server with one of everything; `tag` keeps resource names apart. */
export async function createEstate(server: TestServer, tag = `e${++estates}`): Promise<Estate> {
  const { email, password, token } = await newAccount(server);
  const account = await server.api('GET', '/api/account', undefined, token);
  const authoringKey: string = account.body.authoringKeys.westus.key1;
  const resource = async (name: string, kind: string, tier: string) => {
    const res = await server.api('POST', '/api/resources', { name, kind, tier, region: 'westus' }, token);
    if (res.status !== 201) throw new Error(`resource ${name}: ${res.status} ${JSON.stringify(res.body)}`);
    return { name, key: res.body.key1 as string };
  };
  const endpoint = await resource(`${tag}-luis`, 'LUIS', 'S0');
  const vision = await resource(`${tag}-vision`, 'ComputerVision', 'S1');
  const { appId, versionId } = await publishedApp(server, authoringKey, fixture('human-resources-patterns-any'), { appName: `${tag}-app` });
  await assignKey(server, authoringKey, appId, endpoint.name);
  const ids = await partIds(server, authoringKey, appId, versionId);
  const readOperationId = await readOperation(server, vision.key);
  const languageResource = await resource(`${tag}-language`, 'TextAnalytics', 'S');
  const language = { ...languageResource, project: `${tag}-project`, model: 'model', deployment: 'production', jobs: await cluJobs(server, languageResource.key, `${tag}-project`) };
  return { email, password, token, authoringKey, endpoint, vision, appId, versionId, readOperationId, language, ids };
}

/** A CLU job id of each kind, by the path segment its status route is under. */
export interface CluJobs { import: string; train: string; deployment: string; export: string; swap: string; deletion: string }

/**
 * The estate's CLU job for a job route (`…/import/jobs/:jobId`, `…/deployments/:deploymentName/jobs/:jobId`,
 * `…/global/deletion-jobs/:jobId`); routes of job kinds Portico never starts (snapshots, conversation
 * jobs) get the train job, an id that is real but not theirs.
 */
export function cluJobFor(estate: Estate, routeUrl: string): string {
  const segments = routeUrl.split('/');
  const at = segments.findIndex((s) => s.startsWith(':jobId'));
  const under = segments[at - 1] === 'deletion-jobs' ? 'deletion' : segments[at - 2] === ':deploymentName' ? 'deployment' : segments[at - 2];
  const { jobs } = estate.language;
  return (Object.hasOwn(jobs, under) ? jobs[under as keyof CluJobs] : undefined) ?? jobs.train;
}

async function cluJobs(server: TestServer, key: string, project: string): Promise<CluJobs> {
  const q = `api-version=${API_VERSION}`;
  const { importJob, trainJob, deploymentJob } = await deployedProject(server, key, project);
  await runJob(server, key, 'PUT', `${AUTHORING}/${project}/deployments/staging?${q}`, { trainedModelLabel: 'model' });
  const swap = await runJob(server, key, 'POST', `${AUTHORING}/${project}/deployments/:swap?${q}`, { firstDeploymentName: 'production', secondDeploymentName: 'staging' });
  const exported = await runJob(server, key, 'POST', `${AUTHORING}/${project}/:export?${q}&stringIndexType=Utf16CodeUnit`);
  await runJob(server, key, 'POST', `${AUTHORING}/${project}-gone/:import?${q}&format=Conversation`, homeProject(`${project}-gone`));
  const deletion = await runJob(server, key, 'DELETE', `${AUTHORING}/${project}-gone?${q}`);
  return { import: importJob, train: trainJob, deployment: deploymentJob, export: exported, swap, deletion };
}

async function partIds(server: TestServer, key: string, appId: string, versionId: string): Promise<Record<string, string>> {
  const v = `/luis/api/v2.0/apps/${appId}/versions/${encodeURIComponent(versionId)}`;
  const list = async (path: string): Promise<any[]> => {
    const res = await call(server, 'GET', `${v}/${path}`, key);
    if (res.status !== 200 || !Array.isArray(res.body)) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const first = async (path: string) => {
    const [item] = await list(path);
    if (!item) throw new Error(`the fixture app has no ${path}`);
    return item;
  };
  const entity = await first('entities');
  const role = await call(server, 'POST', `${v}/entities/${entity.id}/roles`, key, { name: 'fixtureRole' });
  const closed = await first('closedlists');
  const hierarchical = await first('hierarchicalentities');
  const composite = await first('compositeentities');
  const patternAny = await first('patternanyentities');
  const explicit = await list(`patternanyentities/${patternAny.id}/explicitlist`);
  const intent = await first('intents');
  const example = await first('examples');
  const batch = await call(server, 'POST', `${v}/batchtests?name=estate`, key, [{ text: example.text, intent: example.intentLabel, entities: [] }]);
  if (batch.status !== 201 && batch.status !== 200) throw new Error(`batch test: ${batch.status} ${JSON.stringify(batch.body)}`);
  return {
    intents: intent.id, models: intent.id, entities: entity.id, roles: String(role.body),
    closedlists: closed.id, sublists: String(closed.subLists?.[0]?.id ?? 0),
    hierarchicalentities: hierarchical.id, compositeentities: composite.id,
    children: (hierarchical.children?.[0] ?? composite.children?.[0])?.id ?? '',
    regexentities: (await first('regexentities')).id, prebuilts: (await first('prebuilts')).id,
    patternanyentities: patternAny.id, explicitlist: String(explicit[0]?.id ?? 0),
    patternrules: (await first('patternrules')).id, patterns: (await first('patternrules')).id,
    phraselists: String((await first('phraselists')).id), examples: String(example.id),
    batchtests: String(batch.body.id),
    customprebuiltentities: entity.id,
  };
}

async function readOperation(server: TestServer, key: string): Promise<string> {
  const image = await sharp({ create: { width: 200, height: 100, channels: 3, background: 'white' } }).png().toBuffer();
  const res = await server.fetch('/vision/v3.2/read/analyze', { method: 'POST', headers: { 'Ocp-Apim-Subscription-Key': key, 'content-type': 'application/octet-stream' }, body: image });
  const location = res.headers.get('operation-location');
  if (res.status !== 202 || !location) throw new Error(`read: ${res.status} ${await res.text()}`);
  return location.split('/').pop()!;
}
