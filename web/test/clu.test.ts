// @vitest-environment node
// The portal's CLU client against a real HTTP server that answers as the CLU
// API does (202 + operation-location, job states to poll), and the choice of
// what an import sends.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cluClient, JobFailed, type JobState } from '../src/clu/api.ts';
import { importRequest } from '../src/clu/importFile.ts';

let server: Server;
let base = '';
const seen: { method: string; url: string; key?: string; body?: any }[] = [];
/** Polls left before each job succeeds; a job named "broken" fails. */
const jobs = new Map<string, { polls: number; fails: boolean }>();

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (d) => { raw += d; });
    req.on('end', () => {
      const url = new URL(req.url!, base);
      seen.push({ method: req.method!, url: url.pathname + url.search, key: req.headers['ocp-apim-subscription-key'] as string, body: raw ? JSON.parse(raw) : undefined });
      const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      };
      const job = /\/jobs\/([^/]+)$/.exec(url.pathname);
      if (req.method === 'GET' && job) {
        const state = jobs.get(job[1])!;
        if (state.polls-- > 0) return json(200, { jobId: job[1], status: 'running', result: { modelLabel: 'm', trainingStatus: { percentComplete: 50, status: 'running' } } });
        return json(200, state.fails
          ? { jobId: job[1], status: 'failed', errors: [{ code: 'InvalidRequest', message: 'Training failed: no utterances.' }] }
          : { jobId: job[1], status: 'succeeded', warnings: [{ code: 'NotMigrated', message: '2 pattern(s) were left out.' }] });
      }
      if (url.pathname.endsWith('/:train') || url.pathname.endsWith('/:import') || (req.method === 'PUT' && url.pathname.includes('/deployments/'))) {
        const id = `job-${jobs.size}`;
        jobs.set(id, { polls: 2, fails: url.pathname.includes('/broken/') });
        // Absolute, with the service's own host, as Azure names it.
        return json(202, '', { 'operation-location': `${base}language/authoring/analyze-conversations/projects/p/train/jobs/${id}?api-version=2023-04-01` });
      }
      if (url.pathname === '/language/:analyze-conversations') {
        return json(200, { kind: 'ConversationResult', result: { query: 'q', prediction: { projectKind: 'Conversation', topIntent: 'TurnOn', intents: [{ category: 'TurnOn', confidenceScore: 0.9 }], entities: [] } } });
      }
      if (url.pathname.endsWith('/deployments/:swap')) return json(400, { error: { code: 'InvalidArgument', message: 'firstDeploymentName: no deployment "a".' } });
      json(404, { error: { code: 'NotFound', message: 'no such route' } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('the CLU client', () => {
  it('trains: starts the job with the key and api-version, polls its operation-location and reports each state', async () => {
    const client = cluClient({ base, key: 'a'.repeat(32) }, { pollMs: 5 });
    const states: JobState[] = [];
    const done = await client.train('home', 'm', (s) => states.push(s));
    expect(done.status).toBe('succeeded');
    expect(states.map((s) => s.status)).toEqual(['running', 'running', 'succeeded']);
    const start = seen.find((s) => s.url.includes('/home/:train'))!;
    expect(start).toMatchObject({ method: 'POST', key: 'a'.repeat(32), body: { modelLabel: 'm', trainingMode: 'standard' } });
    expect(start.url).toContain('api-version=2023-04-01');
  });

  it('deploys with assignedResourceIds only when other resources are chosen', async () => {
    const client = cluClient({ base, key: 'a'.repeat(32) }, { pollMs: 5 });
    expect((await client.deploy('home', 'production', 'm')).status).toBe('succeeded');
    expect((await client.deploy('home', 'shared', 'm', ['r-1', 'r-2'])).status).toBe('succeeded');
    const puts = seen.filter((s) => s.method === 'PUT' && s.url.includes('/home/deployments/'));
    expect(puts.map((s) => s.body)).toEqual([{ trainedModelLabel: 'm' }, { trainedModelLabel: 'm', assignedResourceIds: ['r-1', 'r-2'] }]);
  });

  it('throws JobFailed with the job\'s own messages when the job fails', async () => {
    const client = cluClient({ base, key: 'b'.repeat(32) }, { pollMs: 5 });
    const error = await client.train('broken', 'm').catch((e) => e);
    expect(error).toBeInstanceOf(JobFailed);
    expect(error.message).toBe('The job failed: Training failed: no utterances.');
  });

  it('imports in the format asked for and answers the job with its warnings', async () => {
    const client = cluClient({ base, key: 'c'.repeat(32) }, { pollMs: 5 });
    const job = await client.importProject('weather', 'Luis', { name: 'weather' });
    expect(job.warnings?.[0].message).toBe('2 pattern(s) were left out.');
    expect(seen.find((s) => s.url.includes('/weather/:import'))!.url).toMatch(/format=Luis&api-version=2023-04-01$/);
  });

  it('predicts with UTF-16 offsets asked for, and shows the service\'s error message', async () => {
    const client = cluClient({ base, key: 'd'.repeat(32) });
    const prediction = await client.predict('home', 'production', 'lights on');
    expect(prediction.topIntent).toBe('TurnOn');
    const sent = seen.find((s) => s.url.startsWith('/language/:analyze-conversations'))!;
    expect(sent.url).toBe('/language/:analyze-conversations?api-version=2024-11-01');
    expect(sent.body.parameters).toEqual({ projectName: 'home', deploymentName: 'production', stringIndexType: 'Utf16CodeUnit' });
    expect(sent.body.analysisInput.conversationItem.text).toBe('lights on');
    await expect(client.swap('home', 'a', 'b')).rejects.toThrow('firstDeploymentName: no deployment "a".');
  });
});

describe('what an import sends', () => {
  const clu = { projectFileVersion: '2023-04-01', metadata: { projectKind: 'Conversation', projectName: 'home', language: 'en-us' }, assets: { projectKind: 'Conversation', intents: [] } };

  it('sends a CLU project file as Conversation, renamed to the name entered', () => {
    expect(importRequest(clu, '')).toEqual({ projectName: 'home', format: 'Conversation', body: clu });
    const renamed = importRequest(clu, ' lights ');
    expect(renamed).toMatchObject({ projectName: 'lights', format: 'Conversation', body: { metadata: { projectName: 'lights', language: 'en-us' } } });
    expect(clu.metadata.projectName).toBe('home');
  });

  it('sends anything else as a LUIS app, named after the app unless a name is entered', () => {
    const luis = { luis_schema_version: '7.0.0', name: 'Weather', intents: [], utterances: [] };
    expect(importRequest(luis, '')).toEqual({ projectName: 'Weather', format: 'Luis', body: luis });
    expect(importRequest(luis, 'w2')).toMatchObject({ projectName: 'w2', format: 'Luis' });
  });

  it('says what is wrong before sending: not an object, no name, a name CLU refuses', () => {
    expect(importRequest([1, 2], '')).toEqual({ problem: 'The file must hold one JSON object: a CLU project file or a LUIS app export.' });
    expect(importRequest({ intents: [] }, '')).toEqual({ problem: 'The file names no project: enter a project name.' });
    expect(importRequest({ name: 'Home Automation' }, '')).toMatchObject({ problem: expect.stringContaining('"Home Automation" is not a project name') });
  });
});
