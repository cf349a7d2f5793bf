// `portico clu …`: CLU projects of a Language resource from the command line.
// The CLI is signed in to the console API; it reads the key and endpoint of
// the chosen Language resource there and calls the CLU authoring and runtime
// APIs with that key, as any CLU client would.
import { readFileSync } from 'node:fs';
import { CliError, commandGroup, defineCommand, UsageError } from './command.ts';
import { signedInClient } from './client.ts';
import { formatFields, formatTable, printJson, writeExport } from './output.ts';
import type { KeysBody, ResourceBody } from './api-types.ts';
import { KeyClient } from './key-client.ts';
import { LANGUAGE_AUTHORING_KINDS } from '../clu/kinds.ts';
import { NAME_PATTERN } from '../clu/project/assets.ts';

/** The api-versions the CLI speaks (the latest stable ones Portico serves). */
const AUTHORING_VERSION = '2023-04-01';
const RUNTIME_VERSION = '2024-11-01';
const AUTHORING = '/language/authoring/analyze-conversations/projects';

const RESOURCE_OPTION = { resource: { type: 'string' } } as const;
const RESOURCE_HELP = '  --resource <name>  the Language resource whose key calls CLU (default: your only one)';

/** The Language resource named by --resource (or the account's only one), with a client holding its key1. */
async function languageClient(values: { endpoint?: string; resource?: string }): Promise<KeyClient> {
  const consoleClient = signedInClient(values.endpoint);
  let name = values.resource;
  if (name === undefined) {
    const languages = (await consoleClient.call<ResourceBody[]>('GET', '/resources')).filter((r) => (LANGUAGE_AUTHORING_KINDS as readonly string[]).includes(r.kind));
    if (languages.length !== 1) {
      throw new UsageError(languages.length === 0
        ? 'no Language resource: create one with "portico resource create <name> --kind TextAnalytics --tier S --region <region>"'
        : `--resource is needed: you have ${languages.length} Language resources (${languages.map((r) => r.name).join(', ')})`);
    }
    name = languages[0].name;
  }
  const path = `/resources/${encodeURIComponent(name)}`;
  const resource = await consoleClient.call<ResourceBody>('GET', path);
  if (!(LANGUAGE_AUTHORING_KINDS as readonly string[]).includes(resource.kind)) throw new UsageError(`--resource ${name} is a ${resource.kind} resource; CLU needs a Language (TextAnalytics) resource`);
  const { key1 } = await consoleClient.call<KeysBody>('GET', `${path}/keys`);
  return new KeyClient(resource.endpoint.replace(/\/+$/, ''), key1);
}

const project = (name: string, rest = '') => `${AUTHORING}/${encodeURIComponent(name)}${rest}`;
const q = (path: string, extra = '') => `${path}${path.includes('?') ? '&' : '?'}api-version=${AUTHORING_VERSION}${extra}`;

interface JobState {
  jobId: string;
  status: string;
  errors?: Array<{ code: string; message: string }>;
  warnings?: Array<{ code: string; message: string }>;
  resultUrl?: string;
  result?: { trainingStatus?: { percentComplete: number } };
}

/**
 * Starts a long-running operation and polls its operation-location until the
 * job is done; a failed or cancelled job is an error carrying its messages.
 */
async function runJob(client: KeyClient, method: string, path: string, body: unknown, progress?: (job: JobState) => void): Promise<JobState> {
  const started = await client.request<unknown>(method, path, body);
  const location = started.headers.get('operation-location');
  if (!location) throw new CliError(`${method} ${path.split('?')[0]} answered without an operation-location to poll`);
  for (;;) {
    const job = await client.call<JobState>('GET', location);
    progress?.(job);
    if (job.status === 'succeeded') return job;
    if (job.status === 'failed' || job.status === 'cancelled') {
      throw new CliError(`the job ${job.status}: ${job.errors?.map((e) => e.message).join('; ') || 'no reason given'}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

function readJson(file: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UsageError(`cannot read ${file} as JSON: ${(err as Error).message}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new UsageError(`${file} must hold one JSON object: a CLU project file or a LUIS app export`);
  return parsed as Record<string, unknown>;
}

/** A CLU project file has metadata and assets; anything else is sent as a LUIS app for the server to migrate. */
function importFormat(file: Record<string, unknown>): 'Conversation' | 'Luis' {
  return typeof file.metadata === 'object' && file.metadata !== null && typeof file.assets === 'object' ? 'Conversation' : 'Luis';
}

const list = defineCommand({
  summary: 'list the CLU projects of the Language resource',
  usage: 'clu projects list',
  description: 'Lists the conversational language understanding projects of a Language resource.',
  options: { ...RESOURCE_OPTION },
  optionHelp: RESOURCE_HELP,
  positionals: { min: 0, max: 0, names: '' },
  async action(values) {
    const client = await languageClient(values);
    const { value } = await client.call<{ value: Array<{ projectName: string; language: string; lastTrainedDateTime?: string; lastDeployedDateTime?: string }> }>('GET', q(AUTHORING));
    if (values.json) return printJson(value);
    if (!value.length) return console.log('No projects yet: create one with "portico clu projects create" or "portico clu import".');
    console.log(formatTable(['project', 'language', 'trained', 'deployed'], value.map((p) => [p.projectName, p.language, p.lastTrainedDateTime ?? '-', p.lastDeployedDateTime ?? '-'])));
  },
});

const create = defineCommand({
  summary: 'create an empty project',
  usage: 'clu projects create <name> [--language en-us] [--description <text>]',
  description: 'Creates a Conversation project (PATCH of the project, as Azure\'s create-or-update).',
  options: { ...RESOURCE_OPTION, language: { type: 'string' }, description: { type: 'string' } },
  optionHelp: `${RESOURCE_HELP}\n  --language <code>  language of the project (default en-us)\n  --description <t>  description`,
  positionals: { min: 1, max: 1, names: '<name>' },
  async action(values, [name]) {
    const client = await languageClient(values);
    const created = await client.call<Record<string, unknown>>('PATCH', q(project(name)), {
      projectKind: 'Conversation', projectName: name, language: values.language ?? 'en-us', ...(values.description ? { description: values.description } : {}),
    });
    if (values.json) return printJson(created);
    console.log(`Created project "${name}".`);
  },
});

const remove = defineCommand({
  summary: 'delete a project with its models and deployments',
  usage: 'clu projects delete <name>',
  description: 'Deletes a project and waits for the deletion job to finish.',
  options: { ...RESOURCE_OPTION },
  optionHelp: RESOURCE_HELP,
  positionals: { min: 1, max: 1, names: '<name>' },
  async action(values, [name]) {
    const client = await languageClient(values);
    await runJob(client, 'DELETE', q(project(name)), undefined);
    if (values.json) return printJson({ deleted: name });
    console.log(`Deleted project "${name}".`);
  },
});

const importProject = defineCommand({
  summary: 'import a CLU project file or a LUIS app export (JSON) as a project',
  usage: 'clu import <file.json> [--project <name>]',
  description: 'Imports a CLU project file (Conversation format) or a LUIS app\'s JSON export, which the server migrates to CLU\n'
    + '(what CLU has no place for is reported as warnings). An existing project of that name is replaced.',
  options: { ...RESOURCE_OPTION, project: { type: 'string' } },
  optionHelp: `${RESOURCE_HELP}\n  --project <name>   project name (default: the file's metadata.projectName, or the LUIS app's name)`,
  positionals: { min: 1, max: 1, names: '<file.json>' },
  async action(values, [file]) {
    const json = readJson(file);
    const format = importFormat(json);
    const metadata = json.metadata as { projectName?: string } | undefined;
    const name = values.project ?? (format === 'Conversation' ? metadata?.projectName : typeof json.name === 'string' ? json.name : undefined);
    if (!name) throw new UsageError(`--project is needed: ${file} names no project`);
    if (!new RegExp(NAME_PATTERN).test(name)) throw new UsageError(`--project: "${name}" is not a CLU project name (letters, digits, _ . - only, at most 100); give --project`);
    // Azure requires the file's projectName to be the one in the path.
    const body = format === 'Conversation' ? { ...json, metadata: { ...metadata, projectName: name } } : json;
    const job = await runJob(await languageClient(values), 'POST', q(project(name, '/:import'), `&format=${format}`), body);
    if (values.json) return printJson({ projectName: name, format, ...job });
    console.log(`Imported ${file} (${format === 'Luis' ? 'LUIS app' : 'CLU project'}) as project "${name}".`);
    for (const w of job.warnings ?? []) console.log(`warning: ${w.message}`);
  },
});

const exportProject = defineCommand({
  summary: 'export a project as a CLU project file',
  usage: 'clu export <project> [--out <file>]',
  description: 'Writes the project file (Conversation format, UTF-16 offsets) to --out or standard output.',
  options: { ...RESOURCE_OPTION, out: { type: 'string' } },
  optionHelp: `${RESOURCE_HELP}\n  --out <file>       write to this file`,
  positionals: { min: 1, max: 1, names: '<project>' },
  async action(values, [name]) {
    const client = await languageClient(values);
    const job = await runJob(client, 'POST', q(project(name, '/:export'), '&stringIndexType=Utf16CodeUnit'), undefined);
    if (!job.resultUrl) throw new CliError('the export job succeeded without a resultUrl');
    const exported = await client.call<unknown>('GET', job.resultUrl);
    writeExport(exported, values);
  },
});

const train = defineCommand({
  summary: 'train a model and show progress until it is done',
  usage: 'clu train <project> [--model <label>]',
  description: 'Trains the project\'s current content into a model with the given label (standard training) and waits for the job.',
  options: { ...RESOURCE_OPTION, model: { type: 'string' } },
  optionHelp: `${RESOURCE_HELP}\n  --model <label>    label of the trained model (default: model)`,
  positionals: { min: 1, max: 1, names: '<project>' },
  async action(values, [name]) {
    const client = await languageClient(values);
    const label = values.model ?? 'model';
    const interactive = !values.json && process.stdout.isTTY;
    const started = Date.now();
    const line = (job: JobState) => `Training ${name} as ${label}: ${job.status}, ${job.result?.trainingStatus?.percentComplete ?? 0}% (${((Date.now() - started) / 1000).toFixed(1)} s)`;
    const job = await runJob(client, 'POST', q(project(name, '/:train')), { modelLabel: label, trainingMode: 'standard' }, (j) => {
      if (interactive) process.stdout.write(`\r${line(j)}`);
    }).finally(() => { if (interactive) process.stdout.write('\n'); });
    if (values.json) return printJson(job);
    if (!interactive) console.log(line(job));
  },
});

const deploy = defineCommand({
  summary: 'deploy a trained model (creates or replaces a deployment)',
  usage: 'clu deploy <project> [--deployment production] [--model <label>] [--assign <resource> ...]',
  description: 'Deploys a trained model under a deployment name, which the runtime then answers for, and waits for the job.\n--assign rolls the deployment out to other Language or multi-service (CognitiveServices) resources of the\naccount too, whose keys then get its predictions (Azure\'s assignedResourceIds); a deployment without it is\nserved by the project\'s own resource only.',
  options: { ...RESOURCE_OPTION, deployment: { type: 'string' }, model: { type: 'string' }, assign: { type: 'string', multiple: true } },
  optionHelp: `${RESOURCE_HELP}\n  --deployment <n>   deployment name (default: production)\n  --model <label>    trained model to deploy (default: model)\n  --assign <name>    another resource of the account to serve it too (repeat for more)`,
  positionals: { min: 1, max: 1, names: '<project>' },
  async action(values, [name]) {
    const client = await languageClient(values);
    const deployment = values.deployment ?? 'production';
    const assigned = values.assign ?? [];
    const consoleClient = signedInClient(values.endpoint);
    const assignedResourceIds = await Promise.all(assigned.map(async (r) => (await consoleClient.call<ResourceBody>('GET', `/resources/${encodeURIComponent(r)}`)).id));
    const body = { trainedModelLabel: values.model ?? 'model', ...(assigned.length ? { assignedResourceIds } : {}) };
    const job = await runJob(client, 'PUT', q(project(name, `/deployments/${encodeURIComponent(deployment)}`)), body);
    if (values.json) return printJson({ projectName: name, deploymentName: deployment, ...job });
    console.log(`Deployed model ${body.trainedModelLabel} of ${name} as ${deployment}${assigned.length ? `, rolled out to ${assigned.join(', ')}` : ''}.`);
  },
});

interface CluPrediction {
  topIntent: string;
  intents: Array<{ category: string; confidenceScore: number }>;
  entities: Array<{ category: string; text: string; offset: number; length: number; confidenceScore: number }>;
}

const STRING_INDEX_TYPES = ['Utf16CodeUnit', 'UnicodeCodePoint', 'TextElements_v8'];

const predict = defineCommand({
  summary: 'ask a deployment for the intent and entities of an utterance',
  usage: 'clu predict <project> "<utterance>" [--deployment production] [--string-index-type Utf16CodeUnit]',
  description: 'Sends the utterance to POST /language/:analyze-conversations and prints the top intent, each intent\'s score and the entities.',
  options: { ...RESOURCE_OPTION, deployment: { type: 'string' }, 'string-index-type': { type: 'string' } },
  optionHelp: `${RESOURCE_HELP}\n  --deployment <n>   deployment to ask (default: production)\n`
    + '  --string-index-type <t>  offsets in Utf16CodeUnit (default here), UnicodeCodePoint or TextElements_v8',
  positionals: { min: 2, max: 2, names: '<project> "<utterance>"' },
  async action(values, [name, utterance]) {
    const indexType = values['string-index-type'] ?? 'Utf16CodeUnit';
    if (!STRING_INDEX_TYPES.includes(indexType)) throw new UsageError(`--string-index-type must be one of ${STRING_INDEX_TYPES.join(', ')}; got "${indexType}"`);
    const client = await languageClient(values);
    const answer = await client.call<{ result: { prediction: CluPrediction } }>('POST', `/language/:analyze-conversations?api-version=${RUNTIME_VERSION}`, {
      kind: 'Conversation',
      analysisInput: { conversationItem: { id: '1', participantId: 'user', text: utterance } },
      parameters: { projectName: name, deploymentName: values.deployment ?? 'production', stringIndexType: indexType },
    });
    if (values.json) return printJson(answer);
    const p = answer.result.prediction;
    const top = p.intents.find((i) => i.category === p.topIntent);
    console.log(formatFields([['Top intent', `${p.topIntent}${top ? ` (${top.confidenceScore})` : ''}`]]));
    console.log(`\n${formatTable(['intent', 'score'], p.intents.map((i) => [i.category, String(i.confidenceScore)]))}`);
    if (p.entities.length) {
      console.log(`\n${formatTable(['entity', 'text', 'offset', 'length', 'score'], p.entities.map((e) => [e.category, e.text, String(e.offset), String(e.length), String(e.confidenceScore)]))}`);
    }
  },
});

const projectsCommand = commandGroup('clu projects', 'list, create and delete CLU projects', 'CLU projects of a Language resource.', { list, create, delete: remove });

export const cluCommand = commandGroup('clu', 'CLU projects: import (CLU or LUIS JSON), export, train, deploy, predict',
  'Work with conversational language understanding projects using a Language resource\'s key (from "portico resource keys").',
  { projects: projectsCommand, import: importProject, export: exportProject, train, deploy, predict });
