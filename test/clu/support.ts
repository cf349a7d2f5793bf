// Helpers for the CLU tests: a server with the CLU service, a Language
// resource's key, and a project imported, trained and deployed.
import { after, before } from 'node:test';
import { startTestServer, newAccount, call, type TestServer, type TestServerOptions } from '../support/server.ts';

export { call };
import { cluModule } from '../../src/clu/module.ts';

export const API_VERSION = '2023-04-01';
export const AUTHORING = '/language/authoring/analyze-conversations/projects';

export async function startCluServer(options: TestServerOptions = {}): Promise<TestServer> {
  return startTestServer({ services: [cluModule()], ...options });
}

/** A fresh account with a Language resource; answers its key1. */
export async function languageKey(server: TestServer, kind = 'TextAnalytics', tier = 'S', region = 'westus'): Promise<{ key: string; token: string; name: string }> {
  const { token } = await newAccount(server);
  const name = `language-${Math.random().toString(36).slice(2, 8)}`;
  const res = await server.api('POST', '/api/resources', { name, kind, tier, region }, token);
  if (res.status !== 201) throw new Error(`resource create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { key: res.body.key1, token, name };
}

/** Follows an operation-location until the job is done; answers its final state. */
export async function pollJob(server: TestServer, key: string, location: string): Promise<any> {
  const url = new URL(location);
  for (let i = 0; i < 600; i++) {
    const res = await call(server, 'GET', url.pathname + url.search, key);
    if (res.status !== 200) throw new Error(`job status: ${res.status} ${JSON.stringify(res.body)}`);
    if (!['notStarted', 'running'].includes(res.body.status)) return res.body;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('job did not finish in 30 s');
}

/** A small home-automation project in CLU's project file format. */
export function homeProject(projectName: string) {
  const u = (text: string, intent: string, entities: Array<[string, string]> = []) => ({
    text, intent, language: 'en-us', dataset: 'Train',
    entities: entities.map(([category, span]) => ({ category, offset: text.indexOf(span), length: span.length })),
  });
  return {
    projectFileVersion: '2023-04-01',
    stringIndexType: 'Utf16CodeUnit',
    metadata: { projectKind: 'Conversation', projectName, language: 'en-us', description: 'lights', settings: { confidenceThreshold: 0 } },
    assets: {
      projectKind: 'Conversation',
      intents: [{ category: 'None' }, { category: 'TurnOn' }, { category: 'TurnOff' }, { category: 'SetTimer' }],
      entities: [
        { category: 'Room', list: { sublists: [
          { listKey: 'kitchen', synonyms: [{ language: 'en-us', values: ['kitchen', 'cookhouse'] }] },
          { listKey: 'bedroom', synonyms: [{ language: 'en-us', values: ['bedroom', 'sleeping room'] }] },
        ] } },
        { category: 'Duration', prebuilts: [{ category: 'Quantity.Number' }] },
        { category: 'Device' },
      ],
      utterances: [
        u('turn on the lamp in the kitchen', 'TurnOn', [['Device', 'lamp']]),
        u('switch on the light', 'TurnOn', [['Device', 'light']]),
        u('please turn the heater on', 'TurnOn', [['Device', 'heater']]),
        u('lights on in the bedroom', 'TurnOn'),
        u('power on the fan', 'TurnOn', [['Device', 'fan']]),
        u('turn off the lamp', 'TurnOff', [['Device', 'lamp']]),
        u('switch off the light in the kitchen', 'TurnOff', [['Device', 'light']]),
        u('shut down the heater', 'TurnOff', [['Device', 'heater']]),
        u('lights off please', 'TurnOff'),
        u('power off the fan', 'TurnOff', [['Device', 'fan']]),
        u('set a timer for 10 minutes', 'SetTimer'),
        u('start a 5 minute timer', 'SetTimer'),
        u('timer for 20 minutes please', 'SetTimer'),
        u('remind me in 3 minutes', 'SetTimer'),
        u('what is the weather', 'None'),
        u('tell me a joke', 'None'),
      ],
    },
  };
}

/** The job id at the end of an operation-location (`…/jobs/<id>?api-version=…`). */
export const jobIdOf = (location: string): string => new URL(location).pathname.split('/').pop()!;

/** Starts a job (202 with operation-location) and waits until it succeeds; answers its id. */
export async function runJob(server: TestServer, key: string, method: string, path: string, body?: unknown): Promise<string> {
  const started = await call(server, method, path, key, body);
  if (started.status !== 202) throw new Error(`${method} ${path}: ${started.status} ${JSON.stringify(started.body)}`);
  const location = started.headers.get('operation-location')!;
  const job = await pollJob(server, key, location);
  if (job.status !== 'succeeded') throw new Error(`${method} ${path} job: ${JSON.stringify(job)}`);
  return jobIdOf(location);
}

/** Imports a project, trains `model` and deploys it as `production`; answers the three jobs' ids. */
export async function deployedProject(server: TestServer, key: string, projectName: string, file: unknown = homeProject(projectName), format = 'Conversation'): Promise<{ importJob: string; trainJob: string; deploymentJob: string }> {
  const q = `api-version=${API_VERSION}`;
  const importJob = await runJob(server, key, 'POST', `${AUTHORING}/${projectName}/:import?${q}&format=${format}`, file);
  const trainJob = await runJob(server, key, 'POST', `${AUTHORING}/${projectName}/:train?${q}`, { modelLabel: 'model', trainingMode: 'standard' });
  const deploymentJob = await runJob(server, key, 'PUT', `${AUTHORING}/${projectName}/deployments/production?${q}`, { trainedModelLabel: 'model' });
  return { importJob, trainJob, deploymentJob };
}

/**
 * The setup most CLU suites share, registered as the suite's before/after: a
 * server, a Language resource's key, and `projectName` (the home project)
 * imported, trained and deployed as `production`. Read the fields inside tests.
 */
export function deployedCluServer(projectName = 'home', options: TestServerOptions = {}): { readonly server: TestServer; readonly key: string } {
  const fixture = {} as { server: TestServer; key: string };
  before(async () => {
    fixture.server = await startCluServer(options);
    ({ key: fixture.key } = await languageKey(fixture.server));
    await deployedProject(fixture.server, fixture.key, projectName);
  });
  after(async () => fixture.server?.close());
  return fixture;
}
